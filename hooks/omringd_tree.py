"""Thin MkDocs adapter for the decision tree "Waar verwijs ik door?".

- `on_config`: loads and validates `data/decision-tree*.yml` and checks that every node has its
  page in `docs/nl/professionals/doorverwijzen/` (and no page is left over).
- `on_page_markdown`: a node page gets its question or advice as title.
- `on_page_content`: replaces `<!-- decision-tree: node=<id> -->`, `<!-- decision-tree: start -->`
  and `<!-- decision-tree: overview -->`.

The logic lives in the `omringd.tree` package.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from omringd.core.markers import find_markers, replace_markers
from omringd.core.pages import translatable
from omringd.tree import PageLinks, Tree, check_stubs, node_for_page, render_marker, site_tree
from omringd_mkdocs import (
    build_errors,
    current_language,
    default_language,
    language_codes,
    language_root,
    once_per_build,
    page_source,
    page_title,
    site_root,
)

NODE_DIR = "professionals/doorverwijzen"
START_PAGE = "professionals/waar-doorverwijzen/"
OVERVIEW_PAGE = f"{NODE_DIR}/overzicht/"


def _get_tree(config: MkDocsConfig) -> Tree:
    return once_per_build(config, "tree", lambda: site_tree(language_codes(config)))


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    stubs = Path(config.docs_dir) / default_language(config) / NODE_DIR
    with build_errors():  # once per build, not again for every language
        once_per_build(config, "tree stubs", lambda: check_stubs(_get_tree(config), stubs))
    return config


def _links(config: MkDocsConfig, page: Page) -> PageLinks:
    root = language_root(config, current_language(config))
    base = site_root(page)

    def href(node_id: str) -> str:
        return get_relative_url(f"{root}{NODE_DIR}/{node_id}/", page.url)

    return PageLinks(
        href=href,
        start=get_relative_url(root + START_PAGE, page.url),
        overview=get_relative_url(root + OVERVIEW_PAGE, page.url),
        base=base,
        assets=f"{base}assets/",
    )


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    node_ids = [m.options["node"] for m in find_markers(markdown) if "node" in m.options]
    if node_ids:
        tree = _get_tree(config)
        with build_errors():
            node = node_for_page(tree, node_ids[0], page_source(page))
        page.meta["title"] = page_title(tree.text(node.id, current_language(config)).title)
        if node.is_question:
            # A question is one step of a walk: as a search result it would drop the reader
            # mid-way. The start page and the outcomes stay findable.
            page.meta["search"] = {"exclude": True}
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "decision-tree" not in html:
        return html
    tree = _get_tree(config)
    lang = current_language(config)
    links = _links(config, page)
    src = page_source(page)
    # An untranslated page shows its Dutch content marked as Dutch (partials/content.html); the
    # tree inside stays in the reader's language and marks its root. Structure-only pages
    # (the node pages) are not marked.
    around = page.file.locale if translatable(page.meta) else lang
    # The contacts hook, later, adds the card stylesheet and "open now" script these need.
    with build_errors():
        return replace_markers(
            html,
            "decision-tree",
            lambda m: render_marker(tree, m, lang, links, src, around=around),
        )
