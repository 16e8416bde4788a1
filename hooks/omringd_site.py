"""Thin MkDocs adapter for site-wide concerns: language, front matter, template context, search.

The logic lives in the `omringd` package; this file only finds the page and the language
and hands them over.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.pages import Page

from omringd.errors import DataError
from omringd.languages import Language, alternates, prefix
from omringd.pages import page_meta
from omringd.search import defer_index_loading, write_language_index
from omringd.site import page_footer_context, site_data
from omringd.translations import Freshness, check_translation, translatable


def _i18n(config: MkDocsConfig) -> Any:
    return config.plugins["i18n"]


def current_language(config: MkDocsConfig) -> str:
    """The language being built now, as the i18n plugin says (it builds one after another)."""
    return _i18n(config).current_language


def default_language(config: MkDocsConfig) -> str:
    """The source language, built at the site root."""
    return _i18n(config).default_language


def languages(config: MkDocsConfig) -> list[Language]:
    """Every language configured for the i18n plugin, with its own name."""
    return [Language(lang.locale, lang.name) for lang in _i18n(config).config.languages]


def configured_languages(config: MkDocsConfig) -> list[str]:
    """The codes of every configured language."""
    return [lang.code for lang in languages(config)]


def _freshness(page: Page, lang: str, default: str, config: MkDocsConfig) -> Freshness | None:
    """For a translated page, how it stands against its Dutch source; None otherwise."""
    if lang == default or page.file.locale != lang:
        return None
    docs = Path(config.docs_dir)
    translation = Path(page.file.abs_src_path)
    source = docs / default / translation.relative_to(docs / lang)
    return check_translation(translation, source, lang)


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
    default = default_language(config)
    try:
        meta = page_meta(page.meta, page.file.src_uri)
        freshness = _freshness(page, lang, default, config)
    except DataError as err:
        raise PluginError(err.message) from err
    # Our switcher and hreflang links replace Material's: its script fetches a sitemap.xml
    # beside every alternate link, which 404s for each language on every page view.
    config.extra.alternate = []
    base_url = context["base_url"]
    pre = prefix(lang, default)
    context["ui"] = site_data(configured_languages(config)).ui.for_lang(lang)
    context["omringd"] = {
        "lang": lang,
        "audience": meta.audience,
        # Material looks for the search index under `base`; each language has its own index
        # in its own folder. The trailing slash matters for URL resolution.
        "search_base": f"{base_url}/{pre}" if pre else base_url,
        "alternates": alternates(page.url, lang, languages(config), default),
        "default_language": default,
        # i18n gives an untranslated page the Dutch file: mark it as Dutch content.
        "fallback": page.file.locale != lang and translatable(page.meta),
        "content_lang": page.file.locale,
        "content_dir": Language(page.file.locale, "").dir,
        "translation": freshness,
        **page_footer_context(meta, lang),
    }
    return context


def on_template_context(
    context: dict[str, Any], template_name: str, config: MkDocsConfig
) -> dict[str, Any]:
    # The 404 page has no Page, so it misses on_page_context: give it the interface strings
    # (the exit button) in the language being built.
    if template_name == "404.html":
        lang = current_language(config)
        context["ui"] = site_data(configured_languages(config)).ui.for_lang(lang)
    return context


# After Material's search plugin (priority 0) wrote this language's index, before i18n (-100)
# merges every language into one.
@event_priority(-50)
def _split_search_index(config: MkDocsConfig) -> None:
    lang = current_language(config)
    pre = prefix(lang, default_language(config))
    site_dir = Path(config.site_dir)
    # The default language's file would be overwritten by the merged index: park it.
    name = "search_index.json" if pre else f"search_index.{lang}.json"
    write_language_index(site_dir, lang, pre, site_dir / pre / "search" / name)
    # Every language build writes the root 404.html: keep each language's own.
    page_404 = site_dir / "404.html"
    if page_404.exists():
        page_404.replace(site_dir / pre / "404.html" if pre else site_dir / f"404.{lang}.html")


# Once the last language is built and i18n has written its merged index, put ours in place.
@event_priority(-200)
def _place_default_search_index(config: MkDocsConfig) -> None:
    if _i18n(config).building:
        return
    site_dir = Path(config.site_dir)
    lang = default_language(config)
    search = site_dir / "search"
    (search / f"search_index.{lang}.json").replace(search / "search_index.json")
    parked_404 = site_dir / f"404.{lang}.html"
    if parked_404.exists():
        parked_404.replace(site_dir / "404.html")
    _defer_search_index(site_dir)


def _defer_search_index(site_dir: Path) -> None:
    """Fetch the search index when the reader opens search, not with every first view."""
    for bundle in (site_dir / "assets" / "javascripts").glob("bundle.*.min.js"):
        try:
            text = defer_index_loading(bundle.read_text(encoding="utf-8"))
        except ValueError as err:
            raise PluginError(f"{bundle.name}: {err}") from err
        bundle.write_text(text, encoding="utf-8")


on_post_build = CombinedEvent(_split_search_index, _place_default_search_index)
