"""Render leaflets to print-ready PDF with WeasyPrint: fit check, cache, metadata, tags.

Everything here works on a built site folder and the data files; no MkDocs.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from babel.units import format_unit
from markupsafe import Markup, escape

from omringd.contacts import Directory, load_directory, render_contacts
from omringd.core.errors import DataError
from omringd.core.jinja import long_date, render
from omringd.core.paths import DATA_DIR, TEMPLATE_DIR
from omringd.leaflets.html import (
    built_file,
    clean_fragment,
    extract_content,
    page_url_path,
    qr_svg,
    translate_sections,
)
from omringd.leaflets.model import (
    FIT_SCALES,
    SOURCE_LANGUAGE,
    Leaflet,
    LeafletConfig,
    Paper,
    text_direction,
)

CSS_FILE = TEMPLATE_DIR / "leaflet.css"
PDF_VARIANT = "pdf/ua-1"  # tagged PDF for screen readers (WeasyPrint >= 59)
FLOWCHART_NODE_PATH = "professionals/doorverwijzen/{id}/"
_VERSION_SLOT = "@@omr-leaflet-version@@"
_PX_PER_MM = 96 / 25.4
_PT_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class Site:
    """Where the built site is and how its URLs look."""

    site_dir: Path
    site_url: str  # ends with '/'
    default_lang: str
    languages: tuple[str, ...]

    def prefix(self, lang: str) -> str:
        """'' for the default language, 'fr/' for French."""
        return "" if lang == self.default_lang else f"{lang}/"

    def url(self, lang: str, src: str) -> str:
        """The public URL of source page `src` in `lang`."""
        return self.site_url + page_url_path(src, self.prefix(lang))


@dataclass(frozen=True)
class LeafletResult:
    """One rendered (or cached) leaflet."""

    leaflet_id: str
    lang: str
    path: Path
    size: int
    pages: int
    seconds: float
    cached: bool
    version: str
    font_pt: float
    #: Why the cache served it: "inputs" (the same files), "content" (the same text), or "".
    cache_hit: str = ""


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


def format_size(size: int, lang: str) -> str:
    """A file size for readers of `lang`, e.g. '312 kB'."""
    kb = max(1, round(size / 1000))
    return format_unit(kb, "digital-kilobyte", length="short", locale=lang)


def text_pt(config: LeafletConfig, paper: Paper, lang: str, scale: float = 1.0) -> float:
    """The body text size of a leaflet in `lang` (some scripts need a larger size to read)."""
    return paper.font_pt * config.text_size.get(lang, 1.0) * scale


def _page_css(config: LeafletConfig, paper: Paper, lang: str, scale: float = 1.0) -> str:
    # Generated, not a template: it carries the paper size, bleed and font files from the data.
    marks = "crop" if config.print.crop_marks else "none"
    # WeasyPrint draws crop marks in the outer half of the CSS bleed: with marks on, the CSS
    # bleed is the print bleed plus room for them (the PDF's BleedBox is set in `_finisher`).
    lines = [
        "@page {",
        f"  size: {paper.width_mm}mm {paper.height_mm}mm;",
        f"  margin: {paper.margin_mm}mm;",
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
    edge = paper.margin_mm + config.print.bleed_mm
    lines.append(
        f".omr-leaflet__cover {{ margin: -{edge}mm -{edge}mm 0; "
        f"padding-left: {edge}mm; padding-right: {edge}mm; }}"
    )
    stack = ", ".join(f'"{f}"' for f in config.family_stack(lang))
    size = text_pt(config, paper, lang, scale)
    lines.append(f"html {{ font-family: {stack}; font-size: {size:.2f}pt; }}")
    return "\n".join(lines) + "\n"


@lru_cache(maxsize=512)
def _file_digest(path: Path, stamp: tuple[int, int]) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _digest(path: Path) -> str:
    st = path.stat()
    return _file_digest(path, (st.st_mtime_ns, st.st_size))


def _flowchart(site: Site, lang: str, config: LeafletConfig) -> Markup:
    from omringd.tree.diagram import diagram
    from omringd.tree.model import site_tree

    tree = site_tree(site.languages)
    prefix = site.site_url + site.prefix(lang)
    svg = diagram(
        tree,
        lang,
        lambda node_id: prefix + FLOWCHART_NODE_PATH.format(id=node_id),
        title=config.label("flowchart", lang),
        desc=config.label("flowchart_desc", lang),
    )
    # The drawing's text in the leaflet's own fonts, not whatever the system calls sans-serif.
    families = ", ".join(f"'{f}'" for f in config.family_stack(lang))
    svg = svg.replace("<svg ", f'<svg font-family="{escape(families)}" ', 1)
    return Markup(svg)


def build_document(
    config: LeafletConfig,
    leaflet: Leaflet,
    lang: str,
    site: Site,
    *,
    directory: Directory | None = None,
    pads: int = 0,
) -> Document:
    """The leaflet's HTML (from the built pages) and CSS; the version is a hash of all inputs."""
    where = f"leaflet '{leaflet.id}', language '{lang}'"
    parts: list[dict[str, Any]] = []
    reviewed = []
    printed = frozenset(site.url(lang, page) for page in leaflet.pages)
    title = leaflet.title.get(lang, "")
    first = True
    for part in leaflet.parts:
        if part.kind == "page":
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
            )
            if content.lang and content.lang != lang:
                raise DataError(
                    config.path,
                    where,
                    f"the page {part.page} is not translated (shows '{content.lang}')",
                )
            if first and not title:
                title = content.title
            if content.reviewed:
                reviewed.append(content.reviewed)
            parts.append({"kind": "page", "html": content.html})
            first = False
        elif part.kind == "flowchart":
            parts.append(
                {
                    "kind": "flowchart",
                    "title": config.label("flowchart", lang),
                    "html": _flowchart(site, lang, config),
                }
            )
        else:
            d = directory or load_directory()
            contacts = [d.get(cid, str(config.path)) for cid in part.contacts]
            html = render_contacts(contacts, lang, base=site.site_url, heading=3, directory=d)
            parts.append(
                {
                    "kind": "contacts",
                    "title": config.label("contacts", lang),
                    "html": clean_fragment(html, site.site_url, site.site_url),
                }
            )
    url = site.url(lang, leaflet.page)
    latest = max(reviewed) if reviewed else None
    html = render(
        "leaflet.html",
        lang=lang,
        dir=text_direction(lang),
        title=title or leaflet.title[SOURCE_LANGUAGE],
        author=config.author,
        paper=leaflet.paper.id,
        parts=parts,
        url=url,
        qr=qr_svg(url, url),
        reviewed_label=config.label("reviewed", lang),
        reviewed_iso=latest.isoformat() if latest else "",
        reviewed_text=long_date(latest, lang) if latest else "",
        scan_label=config.label("scan", lang),
        version_label=config.label("version", lang),
        version=_VERSION_SLOT,
        pads=pads,
    )
    css = _page_css(config, leaflet.paper, lang) + CSS_FILE.read_text(encoding="utf-8")
    fonts = tuple(f.file for f in config.faces(lang))
    h = hashlib.sha256()
    # The package metadata, not `import weasyprint`: a cache hit must not pay for that import.
    for piece in (html, css, metadata.version("weasyprint"), PDF_VARIANT, str(config.print)):
        h.update(piece.encode("utf-8"))
        h.update(b"\0")
    for font in fonts:
        if not font.is_file():
            raise DataError(config.path, where, f"font file {font} is missing")
        h.update(_digest(font).encode())
    version = h.hexdigest()[:12]
    return Document(html.replace(_VERSION_SLOT, version), css, version, fonts)


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


def _render(doc: Document, site: Site, lang: str, dpi: int) -> Any:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    fetch = _fetcher(site)
    sheet = CSS(string=doc.css, font_config=fonts, url_fetcher=fetch)
    html = HTML(string=doc.html, base_url=site.site_url, url_fetcher=fetch)
    return html.render(stylesheets=[sheet], font_config=fonts, pdf_variant=PDF_VARIANT, dpi=dpi)


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


def environment_digest(config: LeafletConfig, site: Site) -> str:
    """A digest of what a leaflet is made from besides its built pages: omringd's code,
    templates, data files, fonts and settings."""
    h = hashlib.sha256()
    # All of omringd, not only this package: leaflets also print contacts and the tree.
    package = Path(__file__).parents[1]
    files = [*package.rglob("*.py"), *TEMPLATE_DIR.rglob("*"), *DATA_DIR.rglob("*"), config.path]
    files += [face.file for lang in site.languages for face in config.faces(lang)]
    for path in sorted(set(files)):
        if path.is_file():
            h.update(f"{path}\0{_digest(path)}\0".encode())
    # Not the site folder: a build into another folder with the same inputs is the same.
    where = repr((site.site_url, site.default_lang, site.languages))
    for piece in (repr(config), where, metadata.version("weasyprint"), PDF_VARIANT):
        h.update(piece.encode("utf-8") + b"\0")
    return h.hexdigest()


def _inputs_key(leaflet: Leaflet, lang: str, site: Site, environment: str) -> str | None:
    """A digest of every input of one leaflet, or None if a built page is missing (the slow
    path then says which)."""
    h = hashlib.sha256(f"{environment}\0{leaflet.id}\0{lang}\0".encode())
    for part in leaflet.parts:
        if part.kind != "page":
            continue
        paths = [built_file(site.site_dir, page_url_path(part.page, site.prefix(lang)))]
        if part.sections and lang != site.default_lang:
            paths.append(built_file(site.site_dir, page_url_path(part.page, "")))
        for path in paths:
            if not path.is_file():
                return None
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def _from_cache(
    cache_dir: Path,
    leaflet: Leaflet,
    lang: str,
    out: Path,
    *,
    version: str | None,
    inputs: str | None,
) -> tuple[str, dict[str, Any]] | None:
    """Copy the cached PDF of this content version (or of these exact inputs) to out."""
    if version is not None:
        metas = [cache_dir / f"{leaflet.id}-{lang}-{version}.json"]
    else:
        metas = list(cache_dir.glob(f"{leaflet.id}-{lang}-*.json"))
    for meta_file in metas:
        pdf = meta_file.with_suffix(".pdf")
        if not (meta_file.is_file() and pdf.is_file()):
            continue
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        if version is None and (inputs is None or meta.get("inputs") != inputs):
            continue
        if inputs is not None and meta.get("inputs") != inputs:
            # Same content from other inputs: remember these, so the next build skips the check.
            meta_file.write_text(json.dumps({**meta, "inputs": inputs}), encoding="utf-8")
        shutil.copyfile(pdf, out)
        return pdf.stem.rsplit("-", 1)[1], meta
    return None


def render_leaflet(
    config: LeafletConfig,
    leaflet: Leaflet,
    lang: str,
    site: Site,
    *,
    cache_dir: Path,
    directory: Directory | None = None,
    environment: str | None = None,
) -> LeafletResult:
    """Render one leaflet to the built site (or copy it from the cache when nothing changed)."""
    start = time.perf_counter()
    paper = leaflet.paper
    out = output_path(site, leaflet.id, lang)
    out.parent.mkdir(parents=True, exist_ok=True)
    cache_dir.mkdir(parents=True, exist_ok=True)

    def cached(version: str, meta: dict[str, Any], why: str) -> LeafletResult:
        return LeafletResult(
            leaflet.id,
            lang,
            out,
            out.stat().st_size,
            meta["pages"],
            time.perf_counter() - start,
            True,
            version,
            meta.get("font_pt", paper.font_pt),
            why,
        )

    # Fast path: the very same inputs as a cached PDF, so no need to extract the pages'
    # content. (Only with the directory from the data files, which the environment covers.)
    inputs = None
    if directory is None:
        env = environment or environment_digest(config, site)
        inputs = _inputs_key(leaflet, lang, site, env)
        hit = _from_cache(cache_dir, leaflet, lang, out, version=None, inputs=inputs)
        if hit is not None:
            return cached(*hit, "inputs")
    # Otherwise the content decides: pages that changed around the content reuse the PDF.
    doc = build_document(config, leaflet, lang, site, directory=directory)
    cached_pdf = cache_dir / f"{leaflet.id}-{lang}-{doc.version}.pdf"
    hit = _from_cache(cache_dir, leaflet, lang, out, version=doc.version, inputs=inputs)
    if hit is not None:
        return cached(*hit, "content")
    css_rest = CSS_FILE.read_text(encoding="utf-8")
    for scale in FIT_SCALES:
        fitted = replace(doc, css=_page_css(config, paper, lang, scale) + css_rest)
        rendered = _render(fitted, site, lang, config.print.image_dpi)
        pages = len(rendered.pages)
        if pages <= paper.pages:
            break
    else:
        over = sum(_used_height_mm(p) for p in rendered.pages[paper.pages :])
        raise DataError(
            config.path,
            f"leaflet '{leaflet.id}', language '{lang}'",
            f"does not fit {paper.description}: {pages} pages, {pages - paper.pages} too many "
            f"(about {over:.0f} mm of content past page {paper.pages}, "
            f"even with the text at {text_pt(config, paper, lang, scale):.1f} pt)",
            line=leaflet.line,
            valid="shorten the text or list fewer sections",
        )
    if paper.exact and pages < paper.pages:
        # A folded sheet always has all its pages: blank ones go before the back page.
        padded = build_document(
            config, leaflet, lang, site, directory=directory, pads=paper.pages - pages
        )
        html = padded.html.replace(padded.version, doc.version)
        rendered = _render(replace(fitted, html=html), site, lang, config.print.image_dpi)
        pages = len(rendered.pages)
    font_pt = round(text_pt(config, paper, lang, scale), 2)
    pdf = rendered.write_pdf(
        finisher=_finisher(lang, config.print.bleed_mm),
        pdf_variant=PDF_VARIANT,
        dpi=config.print.image_dpi,
    )
    for old in cache_dir.glob(f"{leaflet.id}-{lang}-*.*"):
        old.unlink()
    tmp = cached_pdf.with_suffix(".tmp")
    tmp.write_bytes(pdf)
    seconds = time.perf_counter() - start
    cached_pdf.with_suffix(".json").write_text(
        json.dumps(
            {"pages": pages, "seconds": round(seconds, 2), "font_pt": font_pt, "inputs": inputs}
        ),
        encoding="utf-8",
    )
    tmp.replace(cached_pdf)
    shutil.copyfile(cached_pdf, out)
    return LeafletResult(
        leaflet.id, lang, out, len(pdf), pages, seconds, False, doc.version, font_pt
    )


def render_all(
    config: LeafletConfig,
    site: Site,
    *,
    cache_dir: Path,
    only: Iterable[str] | None = None,
    directory: Directory | None = None,
) -> list[LeafletResult]:
    """Every leaflet in every language it declares."""
    wanted = set(only) if only is not None else None
    environment = environment_digest(config, site)
    results = []
    for leaflet in config.leaflets:
        if wanted is not None and leaflet.id not in wanted:
            continue
        for lang in leaflet.languages:
            results.append(
                render_leaflet(
                    config,
                    leaflet,
                    lang,
                    site,
                    cache_dir=cache_dir,
                    directory=directory,
                    environment=environment,
                )
            )
    return results


def link_lang(leaflet: Leaflet, page_lang: str, default_lang: str) -> str:
    """Which language's PDF a page in `page_lang` links to (its own, else the default)."""
    return page_lang if page_lang in leaflet.languages else default_lang


def render_link(
    config: LeafletConfig, leaflet: Leaflet, page_lang: str, *, href: str, size: str, pdf_lang: str
) -> str:
    """The "Download as leaflet (PDF)" link for a web page."""
    return render(
        "leaflet-link.html",
        id=leaflet.id,
        href=href,
        label=config.label("download", page_lang),
        size=size,
        pdf_lang=pdf_lang,
        other=config.label("other_language", page_lang) if pdf_lang != page_lang else "",
    )


def render_print_footer(
    config: LeafletConfig, lang: str, *, language_name: str, url: str, reviewed: Any
) -> str:
    """The footer a printed web page carries: its language, address and review date."""
    ok = isinstance(reviewed, date)
    return render(
        "leaflet-print-footer.html",
        lang=lang,
        dir=text_direction(lang),
        language_name=language_name,
        url=url,
        reviewed_label=config.label("reviewed", lang),
        reviewed_iso=reviewed.isoformat() if ok else "",
        reviewed_text=long_date(reviewed, lang) if ok else "",
    )
