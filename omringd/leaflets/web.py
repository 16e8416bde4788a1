"""What the web pages show of a leaflet: the download link with its size, the print footer."""

from __future__ import annotations

from datetime import date
from typing import Any

from babel.units import format_unit

from omringd.core.jinja import long_date, render
from omringd.leaflets.model import Leaflet, LeafletConfig, text_direction


def format_size(size: int, lang: str) -> str:
    """A file size for readers of `lang`, e.g. '312 kB'."""
    kb = max(1, round(size / 1000))
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
