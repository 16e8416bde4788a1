"""The decision tree's rules across items and files, each a DataError with file, line, valid.

The shape of each file is checked by its model in `files`; these are the rules a single item
cannot check: the graph (start, `next` ids, loops, reachability), unique option ids and
answers, contact ids in the directory, the words against the routing (known nodes and options,
completeness of a `complete` language, every interface string) and the node pages.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path

from omringd.core.errors import DataError
from omringd.core.pages import front_matter, translatable
from omringd.core.yamlio import Loc, YamlDoc
from omringd.sources import Registry, is_source
from omringd.tree.files import OutcomeWords, QuestionWords
from omringd.tree.model import (
    NO_CONTACT_REASONS,
    OUTCOME_FIELDS,
    QUESTION_FIELDS,
    RESERVED_IDS,
    Node,
    Tree,
)


def fail(doc: YamlDoc, loc: Loc, where: str, problem: str, valid: str | None = None) -> DataError:
    """A DataError at `loc` of `doc` (the line of its nearest key that has one)."""
    return DataError(doc.path, where, problem, line=doc.line(loc), valid=valid)


# --- the routing file --------------------------------------------------------------------------


def check_option_ids(doc: YamlDoc, nodes: Mapping[str, Node]) -> None:
    """No question has two options with the same id (their words are keyed by it)."""
    for node in nodes.values():
        seen: set[str] = set()
        for i, option in enumerate(node.options):
            if option.id in seen:
                raise fail(
                    doc,
                    ("nodes", node.id, "options", i),
                    f"node '{node.id}', option '{option.id}'",
                    "appears twice in this question",
                )
            seen.add(option.id)


def check_graph(doc: YamlDoc, start: str, nodes: Mapping[str, Node]) -> None:
    """The start and every `next` exist, there are no loops, every node can be reached."""
    _check_references(doc, start, nodes)
    reached = _check_loops(doc, start, nodes)
    for node_id in nodes:
        if node_id not in reached:
            raise fail(
                doc,
                ("nodes", node_id),
                f"node '{node_id}'",
                f"cannot be reached from the start node '{start}'",
            )


def _check_references(doc: YamlDoc, start: str, nodes: Mapping[str, Node]) -> None:
    ids = ", ".join(nodes)
    if start not in nodes:
        raise fail(doc, ("start",), "start", f"names unknown node '{start}'", valid=ids)
    for node in nodes.values():
        for i, option in enumerate(node.options):
            if option.next not in nodes:
                raise fail(
                    doc,
                    ("nodes", node.id, "options", i, "next"),
                    f"node '{node.id}', option '{option.id}'",
                    f"leads to unknown node '{option.next}'",
                    valid=ids,
                )


def _check_loops(doc: YamlDoc, start: str, nodes: Mapping[str, Node]) -> set[str]:
    """Depth-first search from the start, where a grey node met again closes a loop.

    Returns the nodes it reached.
    """
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(node_id: str) -> None:
        state[node_id] = "grey"
        stack.append(node_id)
        for i, option in enumerate(nodes[node_id].options):
            nxt = option.next
            if state.get(nxt) == "grey":
                loop = " → ".join([*stack[stack.index(nxt) :], nxt])
                raise fail(
                    doc,
                    ("nodes", node_id, "options", i, "next"),
                    f"node '{node_id}', option '{option.id}'",
                    f"makes a loop: {loop}",
                )
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node_id] = "black"

    visit(start)
    return set(state)


def check_contacts(doc: YamlDoc, nodes: Mapping[str, Node], contact_ids: Collection[str]) -> None:
    """Every contact a node shows is in the contact directory."""
    for node in nodes.values():
        for i, cid in enumerate(node.contacts):
            if cid not in contact_ids:
                raise fail(
                    doc,
                    ("nodes", node.id, "contacts", i),
                    f"node '{node.id}', contact",
                    f"'{cid}' is not in the contact directory",
                    valid=", ".join(sorted(contact_ids)),
                )


def check_facts(doc: YamlDoc, nodes: Mapping[str, Node], registry: Registry) -> None:
    """Every outcome says where its facts come from and whom to contact (or why no one).

    An outcome needs `source:` and `checked:`; a question may have them (when its help states
    a fact), but then both. A source is an id of data/sources.yml or a public https://
    address; a status is a programme id of data/programmes.yml, and only an advice shows one.
    An outcome has at least one contact or `no_contact:` with its reason, not both.
    """
    sources = "an id from sources.yml (" + ", ".join(sorted(registry.sources)) + ") or https://…"
    for node in nodes.values():
        _check_source(doc, node, registry, sources)
        _check_status(doc, node, registry)
        _check_contact_or_reason(doc, node)


def _check_source(doc: YamlDoc, node: Node, registry: Registry, sources: str) -> None:
    where, loc = f"node '{node.id}'", ("nodes", node.id)
    if not node.is_question:
        for key, valid in (("source", sources), ("checked", "a date such as 2026-12-02")):
            if getattr(node, key) is None:
                raise fail(doc, loc, f"{where}, field {key}", "is missing", valid=valid)
    elif (node.source is None) != (node.checked is None):
        missing = "checked" if node.checked is None else "source"
        raise fail(
            doc,
            loc,
            f"{where}, field {missing}",
            "is missing (a question with a source needs both)",
        )
    if node.source is not None and not is_source(node.source, registry.sources):
        raise fail(
            doc,
            (*loc, "source"),
            f"{where}, field source",
            f"'{node.source}' is not a source",
            valid=sources,
        )


def _check_status(doc: YamlDoc, node: Node, registry: Registry) -> None:
    if node.status is None:
        return
    where, loc = f"node '{node.id}', field status", ("nodes", node.id, "status")
    if node.is_question:
        raise fail(doc, loc, where, "only an outcome shows a status")
    if node.status not in registry.programmes:
        raise fail(
            doc,
            loc,
            where,
            f"'{node.status}' is not a programme of data/programmes.yml",
            valid=", ".join(sorted(registry.programmes)),
        )


def _check_contact_or_reason(doc: YamlDoc, node: Node) -> None:
    where, loc = f"node '{node.id}'", ("nodes", node.id)
    if node.is_question:
        if node.no_contact is not None:
            raise fail(
                doc,
                (*loc, "no_contact"),
                f"{where}, field no_contact",
                "only an outcome has no_contact",
            )
        return
    if not node.contacts and node.no_contact is None:
        raise fail(
            doc,
            loc,
            where,
            "is an outcome without contacts and without a reason",
            valid="contacts: [<id from data/contacts.yml>, ...] or no_contact: "
            + " or ".join(NO_CONTACT_REASONS),
        )
    if node.contacts and node.no_contact is not None:
        raise fail(
            doc,
            (*loc, "no_contact"),
            f"{where}, field no_contact",
            "is given next to contacts",
            valid="either contacts or no_contact",
        )


def check_languages(doc: YamlDoc, langs: Iterable[str], states: Mapping[str, str]) -> None:
    """Every language of the site is listed, as `complete` or `fallback`."""
    for lang in langs:
        if lang not in states:
            raise fail(
                doc,
                ("languages",),
                f"language '{lang}'",
                "is configured for the site but not listed here",
                valid="add it as 'complete' or 'fallback'",
            )


def check_words_file(doc: YamlDoc, lang: str, path: Path, complete: bool, source: Path) -> None:
    """A language other than Dutch has its words file (for its interface strings at least)."""
    if path.exists():
        return
    problem = "is listed as complete but" if complete else "needs its interface strings:"
    raise fail(
        doc,
        ("languages", lang),
        f"language '{lang}'",
        f"{problem} {path.name} does not exist",
        valid=f"{path.name} with every 'ui' key of {source.name}"
        + ("" if complete else "; its 'nodes' may stay empty until they are translated"),
    )


# --- a words file ------------------------------------------------------------------------------


def check_ui(doc: YamlDoc, lang: str, ui: Mapping[str, str], keys: Collection[str] | None) -> None:
    """Dutch defines the interface strings; every other language has exactly those keys.

    Even a language whose node words fall back needs them all: a Dutch button among Arabic
    ones would be unmarked Dutch text.
    """
    if keys is None:
        return
    for key in ui:
        if key not in keys:
            raise fail(
                doc, ("ui", key), f"ui key '{key}'", "unknown key", valid=", ".join(sorted(keys))
            )
    missing = sorted(set(keys) - set(ui))
    if missing:
        raise fail(doc, ("ui",), f"language '{lang}', ui", f"missing keys: {', '.join(missing)}")


def known_node(doc: YamlDoc, node_id: str, nodes: Mapping[str, Node]) -> Node:
    """The routing file's node that a words file gives words for."""
    if node_id not in nodes:
        raise fail(
            doc,
            ("nodes", node_id),
            f"node '{node_id}'",
            "has words but is not in the routing file",
            valid=", ".join(nodes),
        )
    return nodes[node_id]


def check_node_words(
    doc: YamlDoc, node: Node, words: QuestionWords | OutcomeWords, complete: bool
) -> None:
    """Answers only for the question's options; in a `complete` language, all the words."""
    loc: Loc = ("nodes", node.id)
    where = f"node '{node.id}'"
    fields = QUESTION_FIELDS if node.is_question else OUTCOME_FIELDS
    for key, required in fields.items():
        value = getattr(words, key)
        if value is None:
            if required and complete:
                raise fail(doc, loc, f"{where}, field '{key}'", "is missing")
            continue
        if key == "options":
            _check_option_words(doc, node, value, complete)


def _check_option_words(doc: YamlDoc, node: Node, options: Mapping, complete: bool) -> None:
    loc: Loc = ("nodes", node.id, "options")
    where = f"node '{node.id}'"
    option_ids = [o.id for o in node.options]
    for oid in options:
        if oid not in option_ids:
            raise fail(
                doc,
                (*loc, oid),
                f"{where}, option '{oid}'",
                "has words but is not an option of this question",
                valid=", ".join(option_ids),
            )
    if complete:
        for oid in option_ids:
            if oid not in options:
                raise fail(doc, loc, f"{where}, option '{oid}'", "has no words")


def check_every_node(doc: YamlDoc, lang: str, nodes: Iterable[str], given: Collection[str]) -> None:
    """A `complete` language has words for every node."""
    for node_id in nodes:
        if node_id not in given:
            raise fail(
                doc,
                ("nodes",),
                f"node '{node_id}'",
                f"has no words in language '{lang}', which is listed as complete",
            )


# --- the whole tree ----------------------------------------------------------------------------


def check_unique_labels(tree: Tree, languages: Iterable[str]) -> None:
    """No question has two answers with the same label in any language."""
    for lang in languages:
        for node in tree.nodes.values():
            if not node.is_question:
                continue
            text = tree.text(node.id, lang)
            seen: dict[str, str] = {}
            for option in node.options:
                label = text.options[option.id].label.casefold()
                if label in seen:
                    words = tree.words[text.lang]
                    raise DataError(
                        words.path,
                        f"node '{node.id}', option '{option.id}'",
                        f"has the same answer as option '{seen[label]}' in language '{lang}'",
                        line=None,
                    )
                seen[label] = option.id


_MARKER = re.compile(r"<!--\s*decision-tree:\s*node=([a-z0-9-]+)\s*-->")


def check_stubs(tree: Tree, stub_dir: Path) -> None:
    """Every node has a page `<id>.md` in `stub_dir` carrying its marker, and nothing else."""
    for node_id in tree.nodes:
        _check_stub(stub_dir / f"{node_id}.md", node_id)
    for stub in sorted(stub_dir.glob("*.md")):
        if stub.stem not in tree.nodes and stub.stem not in RESERVED_IDS:
            raise DataError(
                stub,
                f"node '{stub.stem}'",
                f"has a page but is not in {tree.path.name}",
                valid=", ".join(tree.nodes),
            )


def _check_stub(stub: Path, node_id: str) -> None:
    if not stub.is_file():
        raise DataError(
            stub,
            f"node '{node_id}'",
            "has no page: create it with front matter and the marker "
            f"<!-- decision-tree: node={node_id} -->",
        )
    marker = _MARKER.search(stub.read_text(encoding="utf-8"))
    if marker is None or marker.group(1) != node_id:
        raise DataError(
            stub,
            f"node '{node_id}'",
            f"the page must contain <!-- decision-tree: node={node_id} -->",
        )
    # The words come from the data files in every language: the page itself is never
    # translated, and other languages must not show it as untranslated Dutch.
    if translatable(front_matter(stub.read_text(encoding="utf-8"))):
        raise DataError(
            stub,
            f"node '{node_id}'",
            "the front matter must say `translate: false` (the words are in the data files)",
        )
