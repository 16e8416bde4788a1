"""A leaflet as one HTML document with its stylesheet, built from the built web pages.

The document's version is a hash of everything that ends up in the PDF, so the render cache
(`omringd.leaflets.cache`) can tell whether the printed content changed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

from markupsafe import Markup

from omringd.contacts import Directory
from omringd.core.errors import DataError
from omringd.core.jinja import long_date, render
from omringd.core.paths import TEMPLATE_DIR
from omringd.leaflets.bidi import isolate_text
from omringd.leaflets.digest import file_digest
from omringd.leaflets.html import (
    PageContent,
    add_pictograms,
    built_file,
    extract_content,
    page_url_path,
    qr_svg,
    short_url,
    translate_sections,
)
from omringd.leaflets.model import (
    SOURCE_LANGUAGE,
    Leaflet,
    LeafletConfig,
    Paper,
    Part,
    text_direction,
)
from omringd.leaflets.parts import contacts_part, flowchart_part, roster_part
from omringd.leaflets.pictograms import pictogram
from omringd.leaflets.site import Site

CSS_FILE = TEMPLATE_DIR / "leaflet.css"
PDF_VARIANT = "pdf/ua-1"  # tagged PDF for screen readers (WeasyPrint >= 59)
_VERSION_SLOT = "@@omr-leaflet-version@@"


@dataclass(frozen=True)
class Document:
    """A leaflet as one HTML document plus its stylesheets, ready to render."""

    html: str
    css: str
    version: str
    fonts: tuple[Path, ...] = field(default=())


def output_path(site: Site, leaflet_id: str, lang: str) -> Path:
    """Where the PDF goes in the built site."""
    return site.site_dir / site.prefix(lang) / "leaflets" / f"{leaflet_id}-{lang}.pdf"


def output_url(site: Site, leaflet_id: str, lang: str) -> str:
    """The PDF's path relative to the site root."""
    return f"{site.prefix(lang)}leaflets/{leaflet_id}-{lang}.pdf"


def picture_url(site: Site, leaflet_id: str, lang: str) -> str:
    """The site URL of the picture of a leaflet's first page (beside its PDF)."""
    return output_url(site, leaflet_id, lang).removesuffix(".pdf") + ".webp"


def text_sizes(config: LeafletConfig, paper: Paper, lang: str) -> tuple[float, ...]:
    """The body text sizes a leaflet in `lang` may take, largest first (some scripts need a
    larger size to read, so the language's factor applies to the floor too)."""
    return paper.fit_sizes(config.text_size.get(lang, 1.0))


def page_css(config: LeafletConfig, paper: Paper, lang: str, size: float | None = None) -> str:
    """The stylesheet's generated part: paper size, bleed, fonts and text size from the data."""
    marks = "crop" if config.print.crop_marks else "none"
    # WeasyPrint draws crop marks in the outer half of the CSS bleed: with marks on, the CSS
    # bleed is the print bleed plus room for them (the PDF's BleedBox is set when finishing).
    lines = [
        "@page {",
        f"  size: {paper.width_mm}mm {paper.height_mm}mm;",
        f"  margin: {paper.margin_mm}mm {paper.side_mm}mm;",
        f"  bleed: {config.print.sheet_bleed_mm}mm;",
        f"  marks: {marks};",
        "}",
    ]
    for face in config.faces(lang):
        lines += [
            "@font-face {",
            f'  font-family: "{face.family}";',
            f"  src: url({json.dumps(face.file.resolve().as_uri())});",
            f"  font-weight: {face.weight};",
            f"  font-style: {face.style};",
            "}",
        ]
    # The cover's colour band runs past the cut into the bleed: page margin plus bleed.
    top = paper.margin_mm + config.print.bleed_mm
    side = paper.side_mm + config.print.bleed_mm
    lines.append(
        f".omr-leaflet__cover {{ margin: -{top}mm -{side}mm 0; "
        f"padding-left: {side}mm; padding-right: {side}mm; }}"
    )
    stack = ", ".join(f'"{f}"' for f in config.family_stack(lang))
    size = text_sizes(config, paper, lang)[0] if size is None else size
    lines.append(f"html {{ font-family: {stack}; font-size: {size:.2f}pt; }}")
    return "\n".join(lines) + "\n"


def full_css(config: LeafletConfig, paper: Paper, lang: str, size: float | None = None) -> str:
    """The whole stylesheet of a leaflet: the generated part, then templates/leaflet.css."""
    return page_css(config, paper, lang, size) + CSS_FILE.read_text(encoding="utf-8")


def _page_content(
    config: LeafletConfig,
    part: Part,
    lang: str,
    site: Site,
    *,
    where: str,
    first: bool,
    title: str,
    printed: frozenset[str],
    drop_contacts: frozenset[str] = frozenset(),
) -> PageContent:
    """The printable content of one page part, from its built page in `lang`."""
    url_path = page_url_path(part.page, site.prefix(lang))
    built = built_file(site.site_dir, url_path)
    if not built.exists():
        raise DataError(config.path, where, f"built page {built} is missing")
    html = built.read_text(encoding="utf-8")
    sections = part.sections
    if sections and lang != site.default_lang:
        source = built_file(site.site_dir, page_url_path(part.page, ""))
        sections = translate_sections(
            source.read_text(encoding="utf-8"), html, sections, f"{where}, {part.page}"
        )
    content = extract_content(
        html,
        page_url=site.site_url + url_path,
        sections=sections,
        where=f"{where}, page {part.page}",
        drop_title=first,
        leaflet_title=title,
        printed=printed,
        own_site=site.site_url,
        drop_contacts=drop_contacts,
    )
    if content.lang and content.lang != lang:
        raise DataError(
            config.path, where, f"the page {part.page} is not translated (shows '{content.lang}')"
        )
    if part.pictograms:
        svgs = [pictogram(name) for name in part.pictograms]
        html = add_pictograms(content.html, svgs, f"{where}, page {part.page}")
        content = replace(content, html=html)
    return content


def _cover(leaflet: Leaflet, lang: str) -> dict[str, Any] | None:
    """A folder's first page: who it is for and its pictogram."""
    if leaflet.cover is None:
        return None
    return {
        "tagline": leaflet.cover.tagline[lang],
        "pictogram": Markup(pictogram(leaflet.cover.pictogram)),
    }


def _back(
    config: LeafletConfig, leaflet: Leaflet, lang: str, site: Site, directory: Directory | None
) -> dict[str, Any] | None:
    """A folder's last page: the contacts that matter and where to find the regional team."""
    if leaflet.back is None:
        return None
    part = Part("contacts", contacts=leaflet.back.contacts)
    back: dict[str, Any] = {
        "title": config.label("help", lang),
        "html": contacts_part(config, part, lang, site, directory)["html"],
        "finder_url": "",
    }
    if leaflet.back.team_finder:
        # The page in the reader's language if the site has it, else in Dutch.
        own = page_url_path(leaflet.back.team_finder, site.prefix(lang))
        prefix = site.prefix(lang) if built_file(site.site_dir, own).exists() else ""
        url = site.site_url + page_url_path(leaflet.back.team_finder, prefix)
        back.update(finder_url=url, finder_text=short_url(url))
        back["finder_label"] = config.label("find_team", lang)
    return back


def _render_html(
    config: LeafletConfig,
    leaflet: Leaflet,
    lang: str,
    site: Site,
    *,
    parts: list[dict[str, Any]],
    title: str,
    reviewed: list[date],
    pads: int,
    directory: Directory | None,
) -> str:
    """The leaflet template filled in; the version is still a placeholder."""
    url = site.url(lang, leaflet.page)
    latest = max(reviewed) if reviewed else None
    return render(
        "leaflet.html",
        lang=lang,
        dir=text_direction(lang),
        title=title or leaflet.title[SOURCE_LANGUAGE],
        author=config.author,
        paper=leaflet.paper.id,
        cover=_cover(leaflet, lang),
        back=_back(config, leaflet, lang, site, directory),
        parts=parts,
        notice=config.label("translation_notice", lang) if lang != SOURCE_LANGUAGE else "",
        url=url,
        url_text=short_url(url),
        qr=None if site.preview else qr_svg(url, url),
        preview_label=config.label("preview", lang) if site.preview else "",
        reviewed_label=config.label("reviewed", lang),
        reviewed_iso=latest.isoformat() if latest else "",
        reviewed_text=isolate_text(long_date(latest, lang)) if latest else "",
        scan_label=config.label("scan", lang),
        version_label=config.label("version", lang),
        version=_VERSION_SLOT,
        pads=pads,
    )


def _version(
    config: LeafletConfig, html: str, css: str, fonts: tuple[Path, ...], where: str
) -> str:
    """A short hash of the document, its fonts, the print settings and the renderer."""
    h = hashlib.sha256()
    # The package metadata, not `import weasyprint`: a cache hit must not pay for that import.
    # (The print settings' repr is the text of their former dataclass: versions stay the same.)
    for piece in (html, css, metadata.version("weasyprint"), PDF_VARIANT, repr(config.print)):
        h.update(piece.encode("utf-8"))
        h.update(b"\0")
    for font in fonts:
        if not font.is_file():
            raise DataError(config.path, where, f"font file {font} is missing")
        h.update(file_digest(font).encode())
    return h.hexdigest()[:12]


def _parts(
    config: LeafletConfig, leaflet: Leaflet, lang: str, site: Site, directory: Directory | None
) -> tuple[list[dict[str, Any]], str, list[date]]:
    """Each part rendered, the leaflet's title in `lang` and the pages' review dates."""
    where = f"leaflet '{leaflet.id}', language '{lang}'"
    printed = frozenset(site.url(lang, page) for page in leaflet.pages)
    on_back = frozenset(leaflet.back.contacts if leaflet.back else ())
    # Without a title in `lang`, the leaflet takes its first page's title.
    title = leaflet.title.get(lang, "")
    parts: list[dict[str, Any]] = []
    reviewed: list[date] = []
    first = True
    for part in leaflet.parts:
        if part.kind == "page":
            content = _page_content(
                config,
                part,
                lang,
                site,
                where=where,
                first=first,
                title=title,
                printed=printed,
                drop_contacts=on_back,
            )
            if first and not title:
                title = content.title
            if content.reviewed:
                reviewed.append(content.reviewed)
            parts.append({"kind": "page", "html": content.html})
            first = False
        elif part.kind == "flowchart":
            parts.append(flowchart_part(config, lang, site))
        elif part.kind == "roster":
            parts.append(roster_part(config, part, lang, site, directory))
        else:
            parts.append(contacts_part(config, part, lang, site, directory))
    return parts, title, reviewed


def build_document(
    config: LeafletConfig,
    leaflet: Leaflet,
    lang: str,
    site: Site,
    *,
    directory: Directory | None = None,
    pads: int = 0,
) -> Document:
    """The leaflet's HTML (from the built pages) and CSS; the version is a hash of all inputs.

    `pads`: blank pages to put before the back page (a folded sheet has all its pages).
    """
    where = f"leaflet '{leaflet.id}', language '{lang}'"
    parts, title, reviewed = _parts(config, leaflet, lang, site, directory)
    html = _render_html(
        config,
        leaflet,
        lang,
        site,
        parts=parts,
        title=title,
        reviewed=reviewed,
        pads=pads,
        directory=directory,
    )
    css = full_css(config, leaflet.paper, lang)
    fonts = tuple(f.file for f in config.faces(lang))
    version = _version(config, html, css, fonts, where)
    return Document(html.replace(_VERSION_SLOT, version), css, version, fonts)
