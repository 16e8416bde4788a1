"""What the web pages show of a leaflet: the download link with its size, the leaflets page
(every leaflet with a picture of its first page), the print footer."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from babel.units import format_unit

from omringd.core.jinja import long_date, render
from omringd.leaflets.document import Site, output_url, picture_url
from omringd.leaflets.model import SOURCE_LANGUAGE, Leaflet, LeafletConfig, text_direction
from omringd.leaflets.thumbnail import THUMBNAIL_CSS_WIDTH, thumbnail_size

#: Where a page shows a PDF's size before the PDF exists; the build fills it in afterwards.
SIZE_PLACEHOLDER = re.compile(r"@@omr-leaflet-size:([a-z0-9-]+):([a-z-]+):([a-z-]+)@@")


def size_placeholder(leaflet_id: str, pdf_lang: str, page_lang: str) -> str:
    """The placeholder for the size of a leaflet's PDF in `pdf_lang`, written for `page_lang`."""
    return f"@@omr-leaflet-size:{leaflet_id}:{pdf_lang}:{page_lang}@@"


def format_size(size: int, lang: str) -> str:
    """A file size for readers of `lang`, e.g. '312 kB'."""
    return _kilobytes(max(1, round(size / 1000)), lang)


@cache  # Babel's unit formatting is slow, and each size is written on many pages
def _kilobytes(kb: int, lang: str) -> str:
    return format_unit(kb, "digital-kilobyte", length="short", locale=lang)


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


@dataclass(frozen=True)
class OverviewFile:
    """One leaflet in one language as the leaflets page shows it."""

    lang: str
    language: str  # the language's name in itself
    dir: str
    href: str  # the PDF, relative to the page
    picture: str  # its first page (thumbnail), relative to the page
    size: str  # the file size (or the build's placeholder for it)


def overview_files(
    config: LeafletConfig,
    site: Site,
    page_lang: str,
    names: Mapping[str, str],
    relative: Callable[[str], str],
) -> dict[str, list[OverviewFile]]:
    """Each leaflet's PDFs as the leaflets page lists them; `relative` turns a site URL into
    a link from the page, `names` are the languages' names in themselves."""
    return {
        leaflet.id: [
            OverviewFile(
                lang,
                names.get(lang, lang),
                text_direction(lang),
                relative(output_url(site, leaflet.id, lang)),
                relative(picture_url(site, leaflet.id, lang)),
                size_placeholder(leaflet.id, lang, page_lang),
            )
            for lang in leaflet.languages
        ]
        for leaflet in config.leaflets
    }


def paper_label(config: LeafletConfig, leaflet: Leaflet, lang: str) -> str:
    """The leaflet's paper in words of `lang` ('A5 folder, 4 pages (A4 folded in half)')."""
    return config.label("paper_" + leaflet.paper.id.replace("-", "_"), lang)


def render_overview(
    config: LeafletConfig, page_lang: str, files: Mapping[str, list[OverviewFile]]
) -> str:
    """The leaflets page's list: per leaflet its title, paper, and each language's PDF with
    the picture of its first page, its language and its size."""
    leaflets = [
        {
            "id": leaflet.id,
            # A title not translated reads in Dutch, marked as such.
            "title": leaflet.title.get(page_lang) or leaflet.title[SOURCE_LANGUAGE],
            "title_lang": "" if page_lang in leaflet.title else SOURCE_LANGUAGE,
            "paper": paper_label(config, leaflet, page_lang),
            "files": files[leaflet.id],
            "width": THUMBNAIL_CSS_WIDTH,
            "height": thumbnail_size(leaflet.paper, THUMBNAIL_CSS_WIDTH)[1],
        }
        for leaflet in config.leaflets
        if leaflet.id in files
    ]
    return render(
        "leaflet-overview.html", leaflets=leaflets, download=config.label("download", page_lang)
    )
