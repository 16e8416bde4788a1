"""Every fact item of the site with its source and check date: contacts, rosters, programme
statuses and (when given) decision-tree outcomes. Shown on the professionals' page "Bronnen"
by the marker `<!-- sources: all -->`; `python -m omringd.site.sources` (make sources) prints
the items checked more than 12 months ago.

Tree outcomes: pass them as `tree` to `fact_items`, any objects with `id`, `source` and
`checked` (e.g. `omringd.tree.Node` once it has them); those with no `source` are left out.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from omringd.contacts import CONTACTS_FILE, Directory, load_directory
from omringd.core.errors import DataError
from omringd.core.jinja import render
from omringd.core.languages import SOURCE_LANGUAGE
from omringd.core.markers import Marker, MarkerSpec, replace_markers
from omringd.sources import PROGRAMMES_FILE, Registry, load_registry
from omringd.tree import site_tree

MARKER_SPECS = (MarkerSpec("sources", min_args=1, max_args=1, usage="<!-- sources: all -->"),)
KINDS = ("contact", "roster", "programme", "tree")
TREE_FILE = Path(CONTACTS_FILE).parent / "decision-tree.yml"


@dataclass(frozen=True)
class FactItem:
    """One fact-bearing item: what it is, its source (an id of data/sources.yml or an https://
    address), the date it was checked, and the data file it lives in."""

    kind: str
    id: str
    label: str
    source: str
    checked: date
    file: str


def fact_items(
    directory: Directory | None = None,
    registry: Registry | None = None,
    tree: Iterable[Any] = (),
    *,
    lang: str = "nl",
    tree_file: Path = TREE_FILE,
) -> tuple[FactItem, ...]:
    """Every contact, roster, programme status and given tree node with its source and date."""
    d = directory or load_directory()
    reg = registry or load_registry()
    items = [
        FactItem("contact", c.id, c.name.get(lang), c.source, c.checked, str(d.path))
        for c in d.contacts
    ]
    items += [
        FactItem("roster", r.id, r.title.get(lang), r.source, r.checked, str(d.path))
        for r in d.rosters.values()
    ]
    items += [
        FactItem("programme", p.id, p.text(lang)[0], p.source, p.checked, str(PROGRAMMES_FILE))
        for p in reg.programmes.values()
    ]
    for node in tree:
        source, checked = getattr(node, "source", None), getattr(node, "checked", None)
        if source and checked:
            label = getattr(node, "label", None) or node.id
            items.append(FactItem("tree", node.id, label, source, checked, str(tree_file)))
    return tuple(items)


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def stale(items: Iterable[FactItem], today: date | None = None) -> list[FactItem]:
    """The items checked more than 12 months before `today`."""
    limit = _years_before(today or date.today(), 1)
    return [i for i in items if i.checked < limit]


def render_sources(
    items: Sequence[FactItem], registry: Registry, lang: str, labels: Mapping[str, str]
) -> str:
    """The table of every item with its source (title, publisher, date, or the address as a
    link) and the date it was checked."""
    rows = [
        {
            "kind": labels[f"sources_kind_{i.kind}"],
            "item": i,
            "source": registry.source(i.source),
            "address": None if registry.source(i.source) else i.source,
        }
        for i in items
    ]
    return render("fact-sources.html", rows=rows, labels=labels, lang=lang)


@dataclass(frozen=True)
class TreeFact:
    """A decision-tree node as a fact item: its id, title in a language, source and date."""

    id: str
    label: str
    source: str | None
    checked: date | None


def tree_facts(lang: str, languages: Iterable[str] = ()) -> tuple[TreeFact, ...]:
    """The referral tree's nodes that state facts (every outcome, some questions). With the
    site's `languages`, the tree the build has loaded already is used."""
    tree = site_tree(tuple(languages) or tuple(dict.fromkeys((SOURCE_LANGUAGE, lang))))
    return tuple(
        TreeFact(node.id, tree.text(node.id, lang).title, node.source, node.checked)
        for node in tree.nodes.values()
        if node.source and node.checked
    )


def render_page(
    html: str,
    *,
    lang: str,
    src: str,
    tree: Iterable[Any] | None = None,
    languages: Iterable[str] = (),
) -> str:
    """Replace the `sources` marker of a page by the table (in `lang`, or in Dutch, marked)."""
    if "sources" not in html:
        return html
    d = load_directory()
    text_lang = d.text_lang(lang)

    def one(marker: Marker) -> str:
        if marker.args != ("all",):
            raise DataError(src, "marker 'sources'", f"is {marker.args!r}", valid="all")
        nodes = tree_facts(text_lang, languages) if tree is None else tree
        items = fact_items(d, load_registry(), nodes, lang=text_lang)
        table = render_sources(items, load_registry(), text_lang, d.labels(text_lang))
        if text_lang != lang:
            return f'<div lang="{text_lang}" dir="ltr">{table}</div>'
        return table

    return replace_markers(html, "sources", one)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the items checked more than 12 months ago, one a line; exit 0."""
    parser = argparse.ArgumentParser(
        prog="python -m omringd.site.sources", description=main.__doc__
    )
    parser.add_argument("--contacts", type=Path, default=CONTACTS_FILE)
    parser.add_argument("--today", type=date.fromisoformat, default=None)
    args = parser.parse_args(argv)
    items = fact_items(load_directory(args.contacts), tree=tree_facts(SOURCE_LANGUAGE))
    old = stale(items, args.today)
    for i in old:
        print(f"{i.file}: {i.kind} '{i.id}', checked {i.checked.isoformat()}, source {i.source}")
    if not old:
        print("Every item was checked in the last 12 months.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
