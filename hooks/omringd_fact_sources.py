"""Thin MkDocs adapter for the page "Bronnen": replaces `<!-- sources: all -->` by the table of
every fact item with its source and check date (the logic is in `omringd.site.sources`)."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from omringd.site.sources import render_page
from omringd_mkdocs import build_errors, current_language, language_codes, page_source


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Any) -> str:
    if "sources:" not in html:
        return html
    lang = getattr(page.file, "locale", None) or current_language(config)
    with build_errors():
        return render_page(html, lang=lang, src=page_source(page), languages=language_codes(config))
