"""Thin MkDocs adapter for the contact directory.

- `on_config`: loads the directory; every language has the labels and contact texts it shows.
- `on_page_context`: the help box (consistent help) into `context["omringd"]["help_html"]`.
- `on_page_content`: the contact markers (see `omringd.contacts.markers`) and the card assets.
- `on_post_build`: writes the downloads (vCards, contacts.json, contacts.csv) once per build,
  after every language.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from omringd.contacts import (
    check_languages,
    language_pages,
    load_directory,
    render_help,
    render_page,
    write_downloads,
)
from omringd_mkdocs import (
    after_all_languages,
    build_errors,
    current_language,
    default_language,
    language_codes,
    language_root,
    once_per_build,
    page_source,
    site_root,
)

DIRECTORY_PAGE = "professionals/contacten/"


# The help box is the same on every page of one audience at one folder depth: rendered once a
# language build (on_config empties it, so a rebuild of `make serve` renders it afresh).
_help_boxes: dict[tuple[str, str, str], str] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _help_boxes.clear()
    langs = language_codes(config)
    pages = Path(config.docs_dir)
    with build_errors():  # once per build, not again for every language
        once_per_build(
            config,
            "contact languages",
            lambda: check_languages(load_directory(), langs, language_pages(pages, langs)),
        )
    return config


def _directory_href(config: MkDocsConfig, page: Page, lang: str) -> str:
    """Relative URL of the directory page in `lang` ('' on the directory page itself)."""
    target = language_root(config, lang) + DIRECTORY_PAGE
    if page.url == target:
        return ""
    href = get_relative_url(target, page.url)
    return href if href.endswith("/") else href + "/"


@event_priority(-50)
def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any
) -> dict[str, Any]:
    omringd = context.get("omringd")
    if not isinstance(omringd, dict):
        return context
    lang = omringd.get("lang") or current_language(config)
    href = _directory_href(config, page, lang) or "./"
    key = (omringd.get("audience", "all"), lang, href)
    if key not in _help_boxes:
        with build_errors():
            _help_boxes[key] = render_help(
                key[0], lang, directory_href=href, titles=context.get("ui")
            )
    omringd["help_html"] = _help_boxes[key]
    return context


# Late, so cards that other hooks render (the decision tree's outcomes) also get the
# stylesheet and the "open now" script.
@event_priority(-60)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Any) -> str:
    # Cards are part of the content: a page that falls back to Dutch gets Dutch cards (the
    # content is marked lang="nl" there); the link to the directory stays in the reader's
    # language.
    lang = getattr(page.file, "locale", None) or current_language(config)
    with build_errors():
        return render_page(
            html,
            src=page_source(page),
            lang=lang,
            base=site_root(page),
            directory_href=_directory_href(config, page, current_language(config)),
            directory=once_per_build(config, "directory", load_directory),
        )


# Once per build, after every language: the downloads are the site's, not a language's.
@after_all_languages(-110)
def on_post_build(config: MkDocsConfig) -> None:
    with build_errors():
        write_downloads(
            load_directory(), Path(config.site_dir) / "contacts", lang=default_language(config)
        )
