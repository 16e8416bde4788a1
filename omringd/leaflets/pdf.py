"""Render a leaflet document to print-ready PDF with WeasyPrint: fit check, padding, finishing.

Everything here works on a built site folder and the data files; no MkDocs. WeasyPrint is
imported only when a leaflet is really rendered (a cache hit does not pay for it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import unquote, urlsplit

from omringd.contacts import Directory
from omringd.core.errors import DataError
from omringd.leaflets.document import (
    PDF_VARIANT,
    Document,
    Site,
    build_document,
    full_css,
    text_sizes,
)
from omringd.leaflets.model import Leaflet, LeafletConfig, text_direction

_PX_PER_MM = 96 / 25.4
_PT_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class Printed:
    """A rendered leaflet: the PDF, its number of pages and the text size it fitted at."""

    pdf: bytes
    pages: int
    font_pt: float


def _fetcher(site: Site) -> Any:
    """Fonts from disk, the site's own files from the built folder, nothing from the network."""
    from weasyprint.urls import URLFetcher

    class LocalFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith(site.site_url):
                local = site.site_dir / unquote(urlsplit(url).path.lstrip("/"))
                url = local.resolve().as_uri()
            elif not url.startswith(("file:", "data:")):
                raise ValueError(f"leaflets load nothing from other hosts: {url}")
            return super().fetch(url, headers)

    return LocalFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)


def _used_height_mm(page: Any) -> float:
    """How much of a page's content area is filled: the lowest line or image on it."""
    from weasyprint.formatting_structure import boxes

    page_box = page._page_box
    top = page_box.content_box_y()
    bottom = top
    stack = [c for c in page_box.children if not isinstance(c, boxes.MarginBox)]
    while stack:
        box = stack.pop()
        if isinstance(box, boxes.LineBox | boxes.ReplacedBox):
            bottom = max(bottom, box.position_y + box.margin_height())
        elif isinstance(box, boxes.ParentBox):
            stack.extend(box.children)
    return (bottom - top) / _PX_PER_MM


def _render(doc: Document, site: Site, dpi: int) -> Any:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    fetch = _fetcher(site)
    sheet = CSS(string=doc.css, font_config=fonts, url_fetcher=fetch)
    html = HTML(string=doc.html, base_url=site.site_url, url_fetcher=fetch)
    return html.render(stylesheets=[sheet], font_config=fonts, pdf_variant=PDF_VARIANT, dpi=dpi)


def _fit(
    config: LeafletConfig, leaflet: Leaflet, lang: str, site: Site, doc: Document
) -> tuple[Any, Document, float]:
    """The document rendered at the largest text size (down to the paper's floor) that fits."""
    paper = leaflet.paper
    for size in text_sizes(config, paper, lang):
        fitted = replace(doc, css=full_css(config, paper, lang, size))
        rendered = _render(fitted, site, config.print.image_dpi)
        pages = len(rendered.pages)
        if pages <= paper.pages:
            return rendered, fitted, size
    over = sum(_used_height_mm(p) for p in rendered.pages[paper.pages :])
    raise DataError(
        config.path,
        f"leaflet '{leaflet.id}', language '{lang}'",
        f"does not fit {paper.description}: {pages} pages, {pages - paper.pages} too many "
        f"(about {over:.0f} mm of content past page {paper.pages}, "
        f"even with the text at its smallest, {size:.1f} pt)",
        line=leaflet.line,
        valid=f"shorten the text or list fewer sections; the text is never set below "
        f"{round(size, 2):g} pt on {paper.id} in this language",
    )


def _pad(
    config: LeafletConfig,
    leaflet: Leaflet,
    lang: str,
    site: Site,
    fitted: Document,
    *,
    pages: int,
    directory: Directory | None,
) -> Any:
    """A folded sheet always has all its pages: blank ones go before the back page."""
    padded = build_document(
        config, leaflet, lang, site, directory=directory, pads=leaflet.paper.pages - pages
    )
    html = padded.html.replace(padded.version, fitted.version)
    return _render(replace(fitted, html=html), site, config.print.image_dpi)


def _finisher(lang: str, bleed_mm: float) -> Callable[[Any, Any], None]:
    def finish(document: Any, pdf: Any) -> None:
        import pydyf

        prefs = pdf.catalog.get("ViewerPreferences") or pydyf.Dictionary()
        prefs["DisplayDocTitle"] = "true"
        # Right-to-left reading order: viewers show facing pages and the fold mirrored.
        prefs["Direction"] = "/R2L" if text_direction(lang) == "rtl" else "/L2R"
        pdf.catalog["ViewerPreferences"] = prefs
        # WeasyPrint puts the BleedBox at most 10 pt past the TrimBox, whatever the CSS bleed;
        # the print shop's bleed is exactly `bleed_mm` (the sheet may be larger for crop marks).
        bleed = bleed_mm * _PT_PER_MM
        for number in pdf.pages["Kids"][::3]:
            page = pdf.objects[number]
            left, top, right, bottom = (float(v) for v in page["TrimBox"])
            page["BleedBox"] = pydyf.Array(
                [left - bleed, top - bleed, right + bleed, bottom + bleed]
            )

    return finish


def print_pdf(
    config: LeafletConfig,
    leaflet: Leaflet,
    lang: str,
    site: Site,
    doc: Document,
    *,
    directory: Directory | None = None,
) -> Printed:
    """`doc` as a print-ready PDF; a DataError if it does not fit the leaflet's paper."""
    paper = leaflet.paper
    rendered, fitted, size = _fit(config, leaflet, lang, site, doc)
    pages = len(rendered.pages)
    if paper.exact and pages < paper.pages:
        rendered = _pad(config, leaflet, lang, site, fitted, pages=pages, directory=directory)
        pages = len(rendered.pages)
    pdf = rendered.write_pdf(
        finisher=_finisher(lang, config.print.bleed_mm),
        pdf_variant=PDF_VARIANT,
        dpi=config.print.image_dpi,
    )
    return Printed(pdf, pages, round(size, 2))
