"""Thin MkDocs adapter for sources and status: replaces `<!-- status: <id> -->` markers.

The logic lives in `omringd.sources`; this file only finds the page and its language.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from omringd.site.context import site_data
from omringd.sources import load_registry, render_page
from omringd_mkdocs import build_errors, current_language, language_codes, page_source


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    with build_errors():
        load_registry(tuple(language_codes(config)))
    return config


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Any) -> str:
    if "status" not in html:
        return html
    # Like contact cards, the status is part of the content: a page that falls back to Dutch
    # shows it in Dutch.
    lang = getattr(page.file, "locale", None) or current_language(config)
    with build_errors():
        labels = site_data(language_codes(config)).ui.for_lang(lang)
        registry = load_registry(tuple(language_codes(config)))
        return render_page(html, registry, lang, page_source(page), labels)
