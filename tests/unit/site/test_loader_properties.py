"""Property tests: whatever an editor types into a data file, each loader either returns a
checked model or raises one DataError, never anything else; and what it renders holds no
markup from the input.

Hypothesis starts from the real data files and mutates them (a value replaced by any YAML
value, a key removed, an unknown key added), then writes the result back as YAML.
"""

from __future__ import annotations

import copy
import json
import tempfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from omringd.contacts import load_directory, parse_directory, render_contacts
from omringd.contacts.places import load_places
from omringd.core.errors import DataError
from omringd.core.pages import page_meta
from omringd.i18n import load_ui
from omringd.leaflets.model import parse_leaflets
from omringd.sources import parse_registry, render_status
from omringd.tree import load_tree
from tests.conftest import ROOT

DATA = ROOT / "data"
LANGS = ("nl", "fr", "en", "ar", "tr", "pl")
MARKUP = "<b onmouseover=alert(1)>"
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


class Raw(str):
    """A value written into the YAML as typed, unquoted: a date that cannot exist."""


class _Dumper(yaml.SafeDumper):
    pass


# Tagged as a timestamp, which the text resolves to, so the emitter writes it plain.
_Dumper.add_representer(
    Raw, lambda dumper, raw: dumper.represent_scalar("tag:yaml.org,2002:timestamp", str(raw))
)

scalars = (
    st.none()
    | st.sampled_from(["2026-13-23", "2026-02-30", "2026-00-10", "0000-01-01"]).map(Raw)
    | st.booleans()
    | st.integers(-10, 10_000)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31))
    | st.text(max_size=12)
    | st.sampled_from([MARKUP, "javascript:alert(1)", "http://x.be", "=1+1", "", " ", "0490"])
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(node: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield at
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*at, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*at, i))


def _parent(doc: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        doc = doc[part]
    return doc


@st.composite
def mutations(draw: st.DrawFn, base: Any) -> Any:
    """`base` with one to three edits an editor might make by mistake."""
    doc = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(doc) if p]
        if not paths:
            return draw(values)
        path = draw(st.sampled_from(paths))
        parent, last = _parent(doc, path), path[-1]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[last] = draw(values)
        elif action == "delete":
            del parent[last]
        elif isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=8))] = draw(values)
        else:
            parent.append(draw(values))
    return doc


def _base(name: str) -> Any:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def _holds(load: Callable[[Path], object], doc: Any, name: str = "data.yml") -> None:
    """`load` of `doc` written as YAML returns a model or raises DataError; nothing else."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_text(yaml.dump(doc, Dumper=_Dumper, allow_unicode=True), encoding="utf-8")
        try:
            load(path)
        except DataError as err:
            assert err.file and err.message


@SETTINGS
@given(mutations(_base("contacts.yml")))
def test_contacts_loader(doc: Any) -> None:
    _holds(parse_directory, doc, "contacts.yml")


@SETTINGS
@given(mutations(_base("ui.yml")))
def test_interface_texts_loader(doc: Any) -> None:
    _holds(lambda p: load_ui(p, LANGS), doc, "ui.yml")


@SETTINGS
@given(mutations(_base("leaflets.yml")))
def test_leaflets_loader(doc: Any) -> None:
    _holds(lambda p: parse_leaflets(p, load_directory().ids), doc, "leaflets.yml")


@SETTINGS
@given(mutations(_base("decision-tree.yml")))
def test_tree_loader(doc: Any) -> None:
    def load(path: Path) -> object:
        for lang in LANGS:  # the words files beside it, unchanged
            words = DATA / f"decision-tree.{lang}.yml"
            (path.parent / words.name).write_bytes(words.read_bytes())
        return load_tree(path, languages=LANGS, contact_ids=load_directory().ids)

    _holds(load, doc, "decision-tree.yml")


@SETTINGS
@given(mutations(_base("places-2025.yml")))
def test_places_loader(doc: Any) -> None:
    def load(path: Path) -> object:
        rows = json.loads((DATA / "places-2020.json").read_text(encoding="utf-8"))[:40]
        places = path.with_name("places.json")
        places.write_text("[\n" + ",\n".join(json.dumps(r) for r in rows) + "\n]\n", "utf-8")
        return load_places(places, path)

    _holds(load, doc, "places-2025.yml")


@SETTINGS
@given(mutations(_base("programmes.yml")))
def test_programmes_loader(doc: Any) -> None:
    _holds(lambda p: parse_registry(DATA / "sources.yml", p, LANGS), doc, "programmes.yml")


@SETTINGS
@given(mutations({"audience": "parents", "reviewed": date(2026, 11, 1), "source": "abc"}))
def test_front_matter(meta: Any) -> None:
    try:
        page_meta(meta if isinstance(meta, dict) else {}, "docs/nl/x.md")
    except DataError as err:
        assert err.file == "docs/nl/x.md"


text_with_markup = st.builds(
    lambda a, b: f"{a}{MARKUP}{b}", st.text(max_size=8), st.text(max_size=8)
)


@SETTINGS
@given(text_with_markup, text_with_markup)
def test_contact_texts_are_escaped_on_a_card(name: str, note: str) -> None:
    doc = _base("contacts.yml")
    entry = doc["contacts"][0]
    entry["name"] = {"nl": name.strip() or "x" + MARKUP}
    entry["note"] = {"nl": note.strip() or "y" + MARKUP}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "contacts.yml"
        path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
        try:
            directory = parse_directory(path)
        except DataError:
            return
        html = render_contacts([directory.contacts[0]], "nl", directory=directory)
    assert MARKUP not in html


@SETTINGS
@given(text_with_markup)
def test_a_status_text_is_escaped(status: str) -> None:
    doc = _base("programmes.yml")
    doc["programmes"][0]["status"]["nl"] = status.strip() or MARKUP
    labels = dict.fromkeys(("status_title", "status_source", "status_checked"), "x")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "programmes.yml"
        path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
        try:
            registry = parse_registry(DATA / "sources.yml", path, LANGS)
        except DataError:
            return
        html = render_status(registry, doc["programmes"][0]["id"], "nl", "x.md", labels)
    assert MARKUP not in html
