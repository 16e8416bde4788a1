"""Thin MkDocs adapter for site-wide concerns: language, front matter, template context, the
per-language 404 pages, the sitemap (the search index: hooks/omringd_search.py).

The logic lives in the `omringd` package; this file only finds the page and the language
and hands them over.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
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


def on_page_context(
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


# After each language: every language build writes the root 404.html; keep each one's own.
@event_priority(-50)
def _keep_language_404(config: MkDocsConfig) -> None:
    lang = current_language(config)
    pre = language_root(config, lang)
    site_dir = Path(config.site_dir)
    page_404 = site_dir / "404.html"
    if page_404.exists():
        page_404.replace(site_dir / pre / "404.html" if pre else site_dir / f"404.{lang}.html")


# Once every language is built: the default language's 404 at the root.
@after_all_languages(-200)
def _place_default_404(config: MkDocsConfig) -> None:
    site_dir = Path(config.site_dir)
    parked = site_dir / f"404.{default_language(config)}.html"
    if parked.exists():
        parked.replace(site_dir / "404.html")


# Once every language is built: every page with its languages and review date.
@after_all_languages(-200)
def _write_sitemap(config: MkDocsConfig) -> None:
    write_sitemap(
        Path(config.site_dir), site_url(config), build_order(config), default_language(config)
    )


on_post_build = CombinedEvent(_keep_language_404, _place_default_404, _write_sitemap)
