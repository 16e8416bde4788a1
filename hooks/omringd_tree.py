"""Thin MkDocs adapter for the decision tree "Waar verwijs ik door?".

- `on_config`: loads and validates `data/decision-tree*.yml` and checks that every node has its
  page in `docs/nl/professionals/doorverwijzen/` (and no page is left over).
- `on_page_markdown`: a node page gets its question or advice as title.
- `on_page_content`: replaces `<!-- decision-tree: node=<id> -->`, `<!-- decision-tree: start -->`
  and `<!-- decision-tree: overview -->`.

The logic lives in `omringd.decision_tree`, `omringd.decision_tree_render` and
`omringd.decision_tree_svg`.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from omringd.contact_render import browser_data
from omringd.decision_tree import Tree, check_stubs, load_tree
from omringd.decision_tree_render import (
    PageLinks,
    render_node_page,
    render_overview,
    render_start,
)
from omringd.errors import DataError
from omringd.markers import Marker, replace_markers

NODE_DIR = "professionals/doorverwijzen"
START_PAGE = "professionals/waar-doorverwijzen/"
OVERVIEW_PAGE = f"{NODE_DIR}/overzicht/"
_NODE_MARKER = re.compile(r"<!--\s*decision-tree:\s*node=([a-z0-9-]+)\s*-->")
_tree: Tree | None = None


def _i18n(config: MkDocsConfig):  # noqa: ANN202 - the plugin object, when configured
    return config.plugins.get("i18n")


def _lang(config: MkDocsConfig) -> str:
    i18n = _i18n(config)
    return i18n.current_language if i18n is not None else config.theme["language"]


def _default_lang(config: MkDocsConfig) -> str:
    i18n = _i18n(config)
    return i18n.default_language if i18n is not None else config.theme["language"]


def _languages(config: MkDocsConfig) -> list[str]:
    i18n = _i18n(config)
    if i18n is None:
        return [config.theme["language"]]
    return [lang.locale for lang in i18n.config.languages]


def _get_tree(config: MkDocsConfig) -> Tree:
    global _tree
    if _tree is None:
        _tree = load_tree(languages=_languages(config))
    return _tree


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _tree
    _tree = None
    try:
        tree = _get_tree(config)
        check_stubs(tree, Path(config.docs_dir) / _default_lang(config) / NODE_DIR)
    except DataError as err:
        raise PluginError(err.message) from err
    return config


def _links(config: MkDocsConfig, page: Page) -> PageLinks:
    lang = _lang(config)
    root = "" if lang == _default_lang(config) else f"{lang}/"
    base = get_relative_url("index.html", page.url)[: -len("index.html")]

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
    match = _NODE_MARKER.search(markdown)
    if match:
        tree = _get_tree(config)
        node_id = match.group(1)
        if node_id not in tree.nodes:
            raise PluginError(
                f"{page.file.src_uri}: marker names node '{node_id}', which is not in "
                f"{tree.path.name} (valid: {', '.join(tree.nodes)})"
            )
        page.meta["title"] = tree.text(node_id, _lang(config)).title
        if tree.nodes[node_id].is_question:
            # A question is one step of a walk: as a search result it would drop the reader
            # mid-way. The start page and the outcomes stay findable.
            page.meta["search"] = {"exclude": True}
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "decision-tree" not in html:
        return html
    tree = _get_tree(config)
    lang = _lang(config)
    links = _links(config, page)

    def render(marker: Marker) -> str:
        node_id = marker.options.get("node")
        try:
            if node_id:
                return render_node_page(tree, node_id, lang, links)
            if marker.args == ("start",):
                return render_start(tree, lang, links)
            if marker.args == ("overview",):
                return render_overview(tree, lang, links)
        except DataError as err:
            raise PluginError(err.message) from err
        raise PluginError(
            f"{page.file.src_uri}: unknown decision-tree marker {marker.text!r} "
            "(valid: node=<id>, start, overview)"
        )

    html = replace_markers(html, "decision-tree", render)
    # The contacts hook runs before this one and so does not see the cards rendered here: add
    # the card stylesheet (also on the start page, where the script shows outcomes in place)
    # and the "open now" script for cards with hours.
    base = links.base
    if "omr-card" in html or "data-omr-tree-runner" in html:
        html += f'<link rel="stylesheet" href="{base}assets/contacts.css">'
    if "data-omr-hours" in html and "omr-contacts-data" not in html:
        html += (
            f'<script type="application/json" id="omr-contacts-data">{browser_data(lang)}</script>'
            f'<script src="{base}assets/contacts.js" defer></script>'
        )
    return html
