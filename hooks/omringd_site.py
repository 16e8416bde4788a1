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

from omringd.core.jinja import environment as component_templates
from omringd.core.languages import check_language_folders
from omringd.core.pages import front_matter_lines, page_meta, translatable
from omringd.core.remembered import keep_in
from omringd.i18n import Freshness, check_translation
from omringd.site.context import page_context, site_data
from omringd.site.head import hoist_stylesheets
from omringd.site.markers import check_page_markers
from omringd.site.search import defer_index_loading, write_language_index
from omringd.site.sitemap import write_sitemap
from omringd_mkdocs import (
    after_all_languages,
    build_errors,
    build_order,
    cache_root,
    current_language,
    default_language,
    for_template,
    language_codes,
    language_root,
    languages,
    limit_languages,
    once_per_build,
    page_source,
    preview_language,
    share_compiled_templates,
    site_url,
)
from omringd_mkdocs.search_cache import SearchEntryCache
from omringd_mkdocs.theme import interface_texts


def _freshness(page: Page, lang: str, default: str, config: MkDocsConfig) -> Freshness | None:
    """For a translated page, how it stands against its Dutch source; None otherwise."""
    if lang == default or page.file.locale != lang:
        return None
    docs = Path(config.docs_dir)
    translation = Path(page.file.abs_src_path)
    source = docs / default / translation.relative_to(docs / lang)
    return check_translation(translation, source, lang)


# Before the i18n plugin reads which languages to build (`make serve LANG=..`).
@event_priority(100)
def _limit_languages(config: MkDocsConfig) -> MkDocsConfig:
    limit_languages(config, preview_language())
    return config


def _check_config(config: MkDocsConfig) -> MkDocsConfig:
    _search.clear()
    # Our components' templates (cards, tree, leaflets) are compiled once too, not per process,
    # and derived values (the holidays) are kept between builds.
    share_compiled_templates(component_templates(), cache_root(config) / "jinja")
    keep_in(cache_root(config) / "derived")
    with build_errors():  # once per build, not again for every language
        once_per_build(config, "site checked", lambda: _check_site(config))
    return config


def _check_site(config: MkDocsConfig) -> None:
    site_data(language_codes(config))
    check_language_folders(Path(config.docs_dir), language_codes(config))


on_config = CombinedEvent(_limit_languages, _check_config)


def on_env(env: Any, config: MkDocsConfig, files: Any) -> Any:
    # Each language builds with a new Jinja environment: compile Material's templates once.
    share_compiled_templates(env, cache_root(config) / "jinja")
    # The navigation of pages outside it, once per folder (overrides/partials/nav.html), and
    # each interface text once (overrides/partials/language.html).
    env.globals["omringd_nav_cache"] = {}
    env.globals["omringd_translate"] = interface_texts(env, config.theme["language"])
    return env


# The line of each front matter key of the pages being built, read in on_page_markdown for
# on_page_context (which takes it out again).
_key_lines: dict[str, dict[str, int]] = {}


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Any) -> str:
    # Every marker of every capability is checked once, on the file as the editor wrote it
    # (front matter included, so the line numbers are the file's).
    with build_errors():
        text = page.file.content_string  # read from disk at each use: once here
        check_page_markers(text, page_source(page))
    _key_lines[page.file.src_uri] = front_matter_lines(text)
    return markdown


# The search entries kept from earlier builds, for the language being built (on_config starts
# afresh, _split_search_index keeps this build's).
_search: dict[str, SearchEntryCache] = {}


def _search_cache(config: MkDocsConfig) -> SearchEntryCache:
    lang = current_language(config)
    if lang not in _search:
        _search[lang] = SearchEntryCache(cache_root(config) / "search", lang)
    return _search[lang]


# Just before Material's search plugin (priority 0) indexes the page, just after.
@event_priority(1)
def _search_before(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any
) -> dict[str, Any]:
    _search_cache(config).before(page, config)
    return context


@event_priority(-1)
def _search_after(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any
) -> dict[str, Any]:
    _search_cache(config).after(page, config)
    return context


def _page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any
) -> dict[str, Any]:
    lang = current_language(config)
    with build_errors():
        lines = _key_lines.pop(page.file.src_uri, None)
        if lines is None:
            lines = front_matter_lines(page.file.content_string)
        meta = page_meta(page.meta, page_source(page), lines)
        freshness = _freshness(page, lang, default_language(config), config)
    # Our switcher and hreflang links replace Material's: its script fetches a sitemap.xml
    # beside every alternate link, which 404s for each language on every page view.
    config.extra.alternate = []
    context["ui"] = for_template(site_data(language_codes(config)).ui.for_lang(lang))
    context["omringd"] = page_context(
        meta,
        url=page.url,
        base_url=context["base_url"],
        lang=lang,
        languages=languages(config),
        content_lang=page.file.locale,
        translatable=translatable(page.meta),
        freshness=freshness,
    )
    return context


on_page_context = CombinedEvent(_search_before, _page_context, _search_after)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # The stylesheets that content brings (cards, decision tree) belong in the head, so that
    # nothing is painted before its style and then moves (omringd.site.head).
    return hoist_stylesheets(output)


def on_template_context(
    context: dict[str, Any], template_name: str, config: MkDocsConfig
) -> dict[str, Any]:
    # The 404 page has no Page, so it misses on_page_context: give it the interface strings
    # (the exit button) in the language being built.
    if template_name == "404.html":
        lang = current_language(config)
        context["ui"] = for_template(site_data(language_codes(config)).ui.for_lang(lang))
    return context


# After Material's search plugin (priority 0) wrote this language's index, before i18n (-100)
# merges every language into one.
@event_priority(-50)
def _split_search_index(config: MkDocsConfig) -> None:
    lang = current_language(config)
    if lang in _search:
        _search.pop(lang).save()
    pre = language_root(config, lang)
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
@after_all_languages
def _place_default_search_index(config: MkDocsConfig) -> None:
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


# Once every language is built: every page with its languages and review date.
@event_priority(-200)
@after_all_languages
def _write_sitemap(config: MkDocsConfig) -> None:
    write_sitemap(
        Path(config.site_dir), site_url(config), build_order(config), default_language(config)
    )


on_post_build = CombinedEvent(_split_search_index, _place_default_search_index, _write_sitemap)
