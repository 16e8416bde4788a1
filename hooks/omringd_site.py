"""Thin MkDocs adapter for site-wide concerns: language, front matter, template context.

The logic lives in the `omringd` package; this file only finds the page and the language
and hands them over.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from omringd.errors import DataError
from omringd.pages import page_meta
from omringd.site import page_footer_context, site_data


def current_language(config: MkDocsConfig) -> str:
    """The language being built now, as the i18n plugin says (it builds one after another)."""
    i18n = config.plugins.get("i18n")
    return i18n.current_language if i18n is not None else config.theme["language"]


def configured_languages(config: MkDocsConfig) -> list[str]:
    """Every language configured for the i18n plugin."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return [config.theme["language"]]
    return [lang.locale for lang in i18n.config.languages]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        site_data(configured_languages(config))
    except DataError as err:
        raise PluginError(err.message) from err
    return config


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any
) -> dict[str, Any]:
    lang = current_language(config)
    try:
        meta = page_meta(page.meta, page.file.src_uri)
    except DataError as err:
        raise PluginError(err.message) from err
    context["ui"] = site_data(configured_languages(config)).ui.for_lang(lang)
    context["omringd"] = {"lang": lang, "audience": meta.audience, **page_footer_context(meta, lang)}
    return context
