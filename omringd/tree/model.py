"""The decision tree's frozen types (Option, Node, Tree, its words) and Tree's graph methods.

Loading and checking the YAML files is `omringd.tree.loading` (shapes in `files`, rules across
items in `validate`); nothing here reads a file. No MkDocs import here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from omringd.core.languages import SOURCE_LANGUAGE

KINDS = ("question", "outcome")
LANGUAGE_STATES = ("complete", "fallback")
#: Node ids become page URLs, so they are lowercase words joined by hyphens.
NODE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: File names in the stub folder that are not nodes.
RESERVED_IDS = frozenset({"overzicht", "index"})

#: The words of each kind of node, in the order they are checked: True when required.
QUESTION_FIELDS = {"title": True, "short": True, "help": False, "options": True}
OUTCOME_FIELDS = {
    "title": True,
    "short": True,
    "summary": True,
    "why": True,
    "conditions": False,
    "next_steps": False,
}
LIST_FIELDS = frozenset({"conditions", "next_steps"})
#: Why an outcome shows no contact card (`no_contact:` in the routing file), each with the
#: interface string (data/decision-tree.<lang>.yml, `ui:`) that says so under "Wie contacteer je?".
NO_CONTACT_REASONS = {"not-in-sources": "no_contact_not_in_sources"}


@dataclass(frozen=True)
class Option:
    """One answer of a question: its id (the key of its words) and the node it leads to."""

    id: str
    next: str


@dataclass(frozen=True)
class Node:
    """A question (with options) or an outcome (with contacts, or a reason why none).

    `source` (an id from data/sources.yml or a public https:// address) and `checked` (the
    date someone last checked it) say where the node's facts come from: every outcome has
    them, a question when its help states a fact. `status` is a programme id of
    data/programmes.yml whose status sentence the advice shows.
    """

    id: str
    kind: str
    options: tuple[Option, ...] = ()
    contacts: tuple[str, ...] = ()
    source: str | None = None
    checked: date | None = None
    status: str | None = None
    no_contact: str | None = None

    @property
    def is_question(self) -> bool:
        return self.kind == "question"


@dataclass(frozen=True)
class OptionText:
    """The words of an answer: the full label and a short one for the diagram."""

    label: str
    short: str


@dataclass(frozen=True)
class NodeText:
    """The words of one node; `lang` is the language they are really in (Dutch on fallback)."""

    lang: str
    title: str
    short: str
    help: str | None = None
    options: Mapping[str, OptionText] = field(default_factory=dict)
    summary: str | None = None
    why: str | None = None
    conditions: tuple[str, ...] = ()
    next_steps: tuple[str, ...] = ()


@dataclass(frozen=True)
class Words:
    """The words of one language file.

    `texts` holds the nodes whose words are complete in this language; a node with only some
    of its words (in a `fallback` language) is not there, so it falls back as a whole.
    """

    path: Path
    ui: Mapping[str, str]
    texts: Mapping[str, NodeText]


@dataclass(frozen=True)
class Step:
    """One answered question on the way to a node."""

    question: str
    option: str
    next: str


@dataclass(frozen=True)
class Tree:
    """The validated tree: routing plus the words of every language."""

    path: Path
    start: str
    nodes: Mapping[str, Node]
    languages: Mapping[str, str]
    words: Mapping[str, Words]

    # --- walking -----------------------------------------------------------------------------

    def edges(self) -> Iterator[tuple[str, str, str]]:
        """Every (node id, option id, next node id), in file order."""
        for node in self.nodes.values():
            for option in node.options:
                yield node.id, option.id, option.next

    def parents(self, node_id: str) -> list[Step]:
        """Every answer that leads to `node_id`."""
        return [Step(q, o, n) for q, o, n in self.edges() if n == node_id]

    def paths_to(self, node_id: str) -> list[tuple[Step, ...]]:
        """Every way from the start to `node_id` (the tree has no loops, so this ends)."""
        if node_id == self.start:
            return [()]
        out: list[tuple[Step, ...]] = []
        for step in self.parents(node_id):
            out.extend((*path, step) for path in self.paths_to(step.question))
        return out

    def outcome_paths(self) -> list[tuple[Step, ...]]:
        """Every path from the start to an outcome, depth first in file order."""
        out: list[tuple[Step, ...]] = []

        def walk(node_id: str, path: tuple[Step, ...]) -> None:
            node = self.nodes[node_id]
            if not node.is_question:
                out.append(path)
            for option in node.options:
                walk(option.next, (*path, Step(node_id, option.id, option.next)))

        walk(self.start, ())
        return out

    def depths(self) -> dict[str, int]:
        """The longest distance of every node from the start (its row in the diagram)."""
        depth = {self.start: 0}
        for node_id in self.topological_order():
            for option in self.nodes[node_id].options:
                depth[option.next] = max(depth.get(option.next, 0), depth[node_id] + 1)
        return depth

    def topological_order(self) -> list[str]:
        """Node ids so that every node comes after all nodes that lead to it."""
        seen: set[str] = set()
        order: list[str] = []

        def visit(node_id: str) -> None:
            if node_id in seen:
                return
            seen.add(node_id)
            for option in self.nodes[node_id].options:
                visit(option.next)
            order.append(node_id)

        visit(self.start)
        return order[::-1]

    # --- words -------------------------------------------------------------------------------

    def _chain(self, lang: str) -> list[str]:
        return [lang, SOURCE_LANGUAGE] if lang != SOURCE_LANGUAGE else [SOURCE_LANGUAGE]

    def ui(self, lang: str) -> Mapping[str, str]:
        """Interface strings of `lang` (every loaded language has them all)."""
        return self.words[lang].ui

    def text(self, node_id: str, lang: str) -> NodeText:
        """The words of a node in `lang`, or in Dutch when `lang` does not have them all."""
        for code in self._chain(lang):
            words = self.words.get(code)
            found = words.texts.get(node_id) if words else None
            if found is not None:
                return found
        raise KeyError(node_id)  # unreachable after validation: Dutch is complete


# Loading moved to `omringd.tree.loading` and the checks to `omringd.tree.validate`; these
# names stay importable from here for code written before the split.
_MOVED = {
    "load_tree": "loading",
    "site_tree": "loading",
    "words_path": "loading",
    "directory_contact_ids": "loading",
    "check_stubs": "validate",
}


def __getattr__(name: str) -> Any:
    if name in _MOVED:
        import importlib

        return getattr(importlib.import_module(f"omringd.tree.{_MOVED[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
