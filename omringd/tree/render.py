"""HTML of the decision tree: node pages, the start page runner and the overview (list + SVG).

Templates are `overrides/omringd/tree-*.html`. Links are made by a `href(node_id)` callable the
hook passes in, so this module knows nothing of MkDocs URLs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markupsafe import Markup, escape

from omringd.contacts import load_directory, render_contacts
from omringd.core.errors import DataError
from omringd.core.jinja import render
from omringd.core.languages import RTL_LANGUAGES
from omringd.core.markers import Marker
from omringd.core.paths import DATA_DIR
from omringd.i18n import load_ui
from omringd.sources import load_registry, render_status
from omringd.tree.model import NO_CONTACT_REASONS, Node, Tree

Href = Callable[[str], str]

_BOLD = re.compile(r"\*\*(.+?)\*\*")


def inline(text: str | None) -> Markup:
    """Escaped text with **bold** as <strong>; the only Markdown the words may use."""
    if not text:
        return Markup("")
    return Markup(_BOLD.sub(r"<strong>\1</strong>", str(escape(text.strip()))))


def contacts_html(ids: tuple[str, ...], lang: str, *, base: str, heading: int) -> Markup:
    """The directory's contact cards for `ids` (the same cards as on the directory page)."""
    if not ids:
        return Markup("")
    directory = load_directory()
    cards = [directory.by_id[i] for i in ids]
    return Markup(render_contacts(cards, lang, base=base, heading=heading))


SITE_UI = DATA_DIR / "ui.yml"


def site_ui(tree: Tree, lang: str) -> Mapping[str, str]:
    """The site's interface strings (data/ui.yml) in `lang`: the status box labels and the
    notice that a text is shown in Dutch, the same words as on a page not translated yet."""
    stamp = SITE_UI.stat().st_mtime_ns if SITE_UI.exists() else 0
    return _site_ui(tuple(tree.languages), stamp).for_lang(lang)


@lru_cache(maxsize=4)
def _site_ui(languages: tuple[str, ...], stamp: object):  # noqa: ANN202
    return load_ui(SITE_UI, languages)


def status_html(tree: Tree, node: Node, lang: str) -> Markup:
    """The status box of the programme an outcome names (data/programmes.yml), if any."""
    if node.status is None:
        return Markup("")
    registry = load_registry(tuple(tree.languages))
    return Markup(render_status(registry, node.status, lang, str(tree.path), site_ui(tree, lang)))


@dataclass(frozen=True)
class PageLinks:
    """Where the page's links go: a node, the start page, the overview, the site root."""

    href: Href
    start: str
    overview: str
    base: str
    assets: str


def _step_context(tree: Tree, node_id: str, lang: str, links: PageLinks, heading: int) -> dict:
    node = tree.nodes[node_id]
    text = tree.text(node_id, lang)
    return {
        "node": node,
        "t": text,
        "inline": inline,
        "options": [
            {"label": text.options[o.id].label, "next": o.next, "href": links.href(o.next)}
            for o in node.options
        ],
        # A question shows its cards right under its heading; an outcome under "Wie contacteer je?".
        "contacts": contacts_html(
            node.contacts, lang, base=links.base, heading=heading + (1 if node.is_question else 2)
        ),
        # An outcome without contact says why, under "Wie contacteer je?".
        "no_contact": tree.ui(lang)[NO_CONTACT_REASONS[node.no_contact]]
        if node.no_contact
        else None,
        "status": status_html(tree, node, lang),
        # A step whose words are Dutch on another language's page says so in that language.
        "fallback_note": site_ui(tree, lang)["fallback_banner"] if text.lang != lang else None,
        "h": heading,
    }


def _context(tree: Tree, lang: str, links: PageLinks, around: str | None = None) -> dict[str, Any]:
    return {
        "ui": tree.ui(lang),
        # Node words may be Dutch on another language's page; tree-macros.html marks them.
        "lang": lang,
        # The language of the page content around the tree: Dutch on a page that is not
        # translated yet, whose content is marked as Dutch; the tree then marks its own root.
        "around": around or lang,
        "rtl": RTL_LANGUAGES,
        "links": links,
        "start_id": tree.start,
    }


def render_step(tree: Tree, node_id: str, lang: str, links: PageLinks, heading: int) -> str:
    """One question or outcome: the part the script shows in place on the start page."""
    ctx = {**_context(tree, lang, links), **_step_context(tree, node_id, lang, links, heading)}
    return render("tree-step.html", **ctx)


def trail(tree: Tree, node_id: str, lang: str, links: PageLinks) -> dict[str, Any]:
    """The answers that lead here, worked out at build time.

    One way in: every answer on it, each with a link to change it. Several ways in (the tree
    joins, e.g. both the pregnancy and the born-child branch reach the support question): the
    questions that lead here directly, each with a link to change the answer.
    """
    paths = tree.paths_to(node_id)
    steps = paths[0] if len(paths) == 1 else tree.parents(node_id)
    items = []
    for step in steps:
        q = tree.text(step.question, lang)
        items.append(
            {
                "question": q.title,
                "answer": q.options[step.option].label,
                "href": links.href(step.question),
                "lang": q.lang,
            }
        )
    return {"unique": len(paths) == 1, "items": items}


def render_node_page(
    tree: Tree, node_id: str, lang: str, links: PageLinks, around: str | None = None
) -> str:
    """A node's own page: the step with an h1, the answers that lead here, start again."""
    return render(
        "tree-node.html",
        **_context(tree, lang, links, around),
        step=Markup(render_step(tree, node_id, lang, links, heading=1)),
        trail=trail(tree, node_id, lang, links),
        node_id=node_id,
    )


def render_start(tree: Tree, lang: str, links: PageLinks, around: str | None = None) -> str:
    """The start page: the first question as plain links, which the script runs in place."""
    return render(
        "tree-start.html",
        **_context(tree, lang, links, around),
        step=Markup(render_step(tree, tree.start, lang, links, heading=2)),
        base_href=links.href(tree.start).rsplit(tree.start, 1)[0],
    )


def overview_items(tree: Tree, lang: str, links: PageLinks) -> list[dict[str, Any]]:
    """The tree as nested items; a node met a second time links to its first place."""
    seen: set[str] = set()

    def item(node_id: str, answer: str | None, answer_lang: str) -> dict[str, Any]:
        text = tree.text(node_id, lang)
        node = tree.nodes[node_id]
        entry: dict[str, Any] = {
            "id": node_id,
            "answer": answer,
            "answer_lang": answer_lang,  # the language of the question the answer belongs to
            "title": text.title,
            "kind": node.kind,
            "href": links.href(node_id),
            "lang": text.lang,
            "repeat": node_id in seen,
            "children": [],
        }
        if node_id in seen:
            return entry
        seen.add(node_id)
        entry["children"] = [
            item(o.next, text.options[o.id].label, text.lang) for o in node.options
        ]
        return entry

    return [item(tree.start, None, lang)]


def render_overview(tree: Tree, lang: str, links: PageLinks, around: str | None = None) -> str:
    """The whole tree as a nested list and as an SVG diagram from the same data."""
    from omringd.tree.diagram import diagram

    return render(
        "tree-overview.html",
        **_context(tree, lang, links, around),
        items=overview_items(tree, lang, links),
        svg=Markup(
            diagram(
                tree,
                lang,
                links.href,
                title=tree.ui(lang)["overview_diagram"],
                desc=tree.ui(lang)["diagram_desc"],
            )
        ),
    )


def titles(tree: Tree, lang: str) -> Mapping[str, str]:
    """The page title of every node in `lang`."""
    return {node_id: tree.text(node_id, lang).title for node_id in tree.nodes}


MARKER_FORMS = "node=<id>, start, overview"


def render_marker(
    tree: Tree,
    marker: Marker,
    lang: str,
    links: PageLinks,
    src: str,
    *,
    around: str | None = None,
) -> str:
    """The HTML for a `<!-- decision-tree: ... -->` marker on page `src`.

    `around` is the language the page's own content is marked as, when it is not `lang` (an
    untranslated page shows the Dutch text); the tree is in `lang` and says so on its root.
    """
    node_id = marker.options.get("node")
    if node_id:
        node_for_page(tree, node_id, src)
        return render_node_page(tree, node_id, lang, links, around)
    if marker.args == ("start",):
        return render_start(tree, lang, links, around)
    if marker.args == ("overview",):
        return render_overview(tree, lang, links, around)
    raise DataError(
        src, f"marker {marker.text!r}", "unknown decision-tree marker", valid=MARKER_FORMS
    )


def node_for_page(tree: Tree, node_id: str, src: str) -> Node:
    """The node a page's marker names; an unknown id names the page and the valid ids."""
    if node_id not in tree.nodes:
        raise DataError(
            src,
            f"marker node={node_id}",
            f"names a node that is not in {tree.path.name}",
            valid=", ".join(tree.nodes),
        )
    return tree.nodes[node_id]
