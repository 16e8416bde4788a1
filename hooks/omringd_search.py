"""Thin MkDocs adapter for the search: one index per language, fetched only when the reader
opens the search, and Material's entries of an unchanged page kept from the last build.

- `on_page_context`: just before and just after Material's search plugin indexes a page,
  `omringd_mkdocs.search_cache` gives it the kept entries instead, or keeps the new ones.
- `on_post_build`: each language's index into its own folder (`omringd.site.search`); once
  every language is built, the default language's at the root and Material's bundle changed
  to fetch it when the search is opened.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.pages import Page

from omringd.site.search import defer_index_loading, write_language_index
from omringd_mkdocs import (
    after_all_languages,
    cache_root,
    current_language,
    default_language,
    language_root,
)
from omringd_mkdocs.search_cache import SearchEntryCache

# The kept entries of the language being built (on_config starts afresh, _split_index saves).
_kept: dict[str, SearchEntryCache] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _kept.clear()
    return config


def _entries(config: MkDocsConfig) -> SearchEntryCache:
    lang = current_language(config)
    if lang not in _kept:
        _kept[lang] = SearchEntryCache(cache_root(config) / "search", lang)
    return _kept[lang]


# Just before Material's search plugin (priority 0) indexes the page, and just after.
@event_priority(1)
def _before(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> Any:
    _entries(config).before(page, config)
    return context


@event_priority(-1)
def _after(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> Any:
    _entries(config).after(page, config)
    return context


on_page_context = CombinedEvent(_before, _after)


# After Material's search plugin (priority 0) wrote this language's index, before i18n (-100)
# merges every language into one.
@event_priority(-50)
def _split_index(config: MkDocsConfig) -> None:
    lang = current_language(config)
    if lang in _kept:
        _kept.pop(lang).save()
    pre = language_root(config, lang)
    site_dir = Path(config.site_dir)
    # The default language's file would be overwritten by the merged index: park it.
    name = "search_index.json" if pre else f"search_index.{lang}.json"
    write_language_index(site_dir, lang, pre, site_dir / pre / "search" / name)


# Once the last language is built and i18n has written its merged index, put ours in place.
@after_all_languages(-200)
def _place_default_index(config: MkDocsConfig) -> None:
    site_dir = Path(config.site_dir)
    search = site_dir / "search"
    (search / f"search_index.{default_language(config)}.json").replace(search / "search_index.json")
    # Fetch the search index when the reader opens search, not with every first view.
    for bundle in (site_dir / "assets" / "javascripts").glob("bundle.*.min.js"):
        try:
            text = defer_index_loading(bundle.read_text(encoding="utf-8"))
        except ValueError as err:
            raise PluginError(f"{bundle.name}: {err}") from err
        bundle.write_text(text, encoding="utf-8")


on_post_build = CombinedEvent(_split_index, _place_default_index)
