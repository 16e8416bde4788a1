"""The referral decision tree "Waar verwijs ik door?": load, validate and walk it.

Routing (node ids, kinds, options, contacts) is in `data/decision-tree.yml` and is shared by
every language; the words are in `data/decision-tree.<lang>.yml`, keyed by node id. Every
problem raises a DataError naming the file and the node. No MkDocs import here.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from omringd.core.errors import DataError
from omringd.core.paths import DATA_DIR
from omringd.core.yamlio import Loc, YamlDoc, load_yaml
from omringd.i18n.freshness import front_matter, translatable

SOURCE_LANGUAGE = "nl"
KINDS = ("question", "outcome")
LANGUAGE_STATES = ("complete", "fallback")
#: Node ids become page URLs, so they are lowercase words joined by hyphens.
NODE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: File names in the stub folder that are not nodes.
RESERVED_IDS = frozenset({"overzicht", "index"})

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


@dataclass(frozen=True)
class Option:
    """One answer of a question: its id (the key of its words) and the node it leads to."""

    id: str
    next: str


@dataclass(frozen=True)
class Node:
    """A question (with options) or an outcome (with contacts)."""

    id: str
    kind: str
    options: tuple[Option, ...] = ()
    contacts: tuple[str, ...] = ()

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
    """The words of one language file (possibly partial when the language falls back)."""

    path: Path
    ui: Mapping[str, str]
    nodes: Mapping[str, Mapping[str, Any]]


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
            raw = words.nodes.get(node_id) if words else None
            if raw is not None and _is_complete(self.nodes[node_id], raw):
                return _node_text(code, raw)
        raise KeyError(node_id)  # unreachable after validation: Dutch is complete


def _is_complete(node: Node, raw: Mapping[str, Any]) -> bool:
    fields = QUESTION_FIELDS if node.is_question else OUTCOME_FIELDS
    if any(required and key not in raw for key, required in fields.items()):
        return False
    return not node.is_question or all(o.id in raw["options"] for o in node.options)


def _option_text(raw: Any) -> OptionText:
    if isinstance(raw, str):
        return OptionText(label=raw.strip(), short=raw.strip())
    return OptionText(label=raw["label"].strip(), short=str(raw.get("short", raw["label"])).strip())


def _node_text(lang: str, raw: Mapping[str, Any]) -> NodeText:
    return NodeText(
        lang=lang,
        title=raw["title"].strip(),
        short=raw["short"].strip(),
        help=raw.get("help"),
        options={k: _option_text(v) for k, v in (raw.get("options") or {}).items()},
        summary=raw.get("summary"),
        why=raw.get("why"),
        conditions=tuple(raw.get("conditions") or ()),
        next_steps=tuple(raw.get("next_steps") or ()),
    )


# --- loading and validation ------------------------------------------------------------------


def words_path(routing_path: Path, lang: str) -> Path:
    """`data/decision-tree.yml` → `data/decision-tree.<lang>.yml`."""
    return routing_path.with_name(f"{routing_path.stem}.{lang}{routing_path.suffix}")


def _fail(doc: YamlDoc, loc: Loc, where: str, problem: str, valid: str | None = None) -> DataError:
    return DataError(doc.path, where, problem, line=doc.line(loc), valid=valid)


def _parse_routing(doc: YamlDoc) -> tuple[str, dict[str, Node], dict[str, str]]:
    data = doc.data
    if not isinstance(data, dict):
        raise _fail(doc, (), "top level", "needs a mapping with 'start', 'languages' and 'nodes'")
    for key in ("start", "languages", "nodes"):
        if key not in data:
            raise _fail(doc, (), "top level", f"'{key}' is missing")
    unknown = sorted(set(data) - {"start", "languages", "nodes"})
    if unknown:
        raise _fail(doc, (unknown[0],), f"key '{unknown[0]}'", "unknown key")
    languages = data["languages"]
    if not isinstance(languages, dict):
        raise _fail(doc, ("languages",), "languages", "needs a mapping of language: state")
    for lang, state in languages.items():
        if state not in LANGUAGE_STATES:
            raise _fail(
                doc,
                ("languages", lang),
                f"language '{lang}'",
                f"is {state!r}",
                valid=", ".join(LANGUAGE_STATES),
            )
    if languages.get(SOURCE_LANGUAGE) != "complete":
        raise _fail(
            doc,
            ("languages",),
            f"language '{SOURCE_LANGUAGE}'",
            "is the source language and must be 'complete'",
        )
    raw_nodes = data["nodes"]
    if not isinstance(raw_nodes, dict) or not raw_nodes:
        raise _fail(doc, ("nodes",), "nodes", "needs a mapping of node id: node")
    nodes: dict[str, Node] = {}
    for node_id, raw in raw_nodes.items():
        nodes[str(node_id)] = _parse_node(doc, str(node_id), raw)
    return str(data["start"]), nodes, dict(languages)


def _parse_node(doc: YamlDoc, node_id: str, raw: Any) -> Node:
    loc: Loc = ("nodes", node_id)
    where = f"node '{node_id}'"
    if not NODE_ID.match(node_id) or node_id in RESERVED_IDS:
        raise _fail(
            doc,
            loc,
            where,
            "is not a valid node id",
            valid="lowercase letters and digits joined by hyphens, not 'overzicht' or 'index'",
        )
    if not isinstance(raw, dict):
        raise _fail(doc, loc, where, "needs a mapping with 'kind'")
    allowed = {"kind", "options", "contacts"}
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise _fail(
            doc,
            (*loc, unknown[0]),
            f"{where}, field '{unknown[0]}'",
            "unknown field",
            valid=", ".join(sorted(allowed)),
        )
    kind = raw.get("kind")
    if kind not in KINDS:
        raise _fail(
            doc, (*loc, "kind"), f"{where}, field 'kind'", f"is {kind!r}", valid=", ".join(KINDS)
        )
    contacts = raw.get("contacts") or []
    if not isinstance(contacts, list) or not all(isinstance(c, str) for c in contacts):
        raise _fail(doc, (*loc, "contacts"), f"{where}, field 'contacts'", "needs a list of ids")
    options: list[Option] = []
    raw_options = raw.get("options")
    if kind == "outcome" and raw_options:
        raise _fail(
            doc,
            (*loc, "options"),
            f"{where}, field 'options'",
            "an outcome has no options (make it a question)",
        )
    if kind == "question":
        if not raw_options:
            raise _fail(
                doc,
                loc,
                where,
                "is a question without options, so this path ends without an advice",
            )
        if not isinstance(raw_options, list):
            raise _fail(
                doc, (*loc, "options"), f"{where}, field 'options'", "needs a list of {id, next}"
            )
        seen: set[str] = set()
        for i, opt in enumerate(raw_options):
            oloc = (*loc, "options", i)
            if not isinstance(opt, dict) or set(opt) != {"id", "next"}:
                raise _fail(doc, oloc, f"{where}, option {i + 1}", "needs exactly 'id' and 'next'")
            oid, nxt = str(opt["id"]), str(opt["next"])
            if oid in seen:
                raise _fail(doc, oloc, f"{where}, option '{oid}'", "appears twice in this question")
            seen.add(oid)
            options.append(Option(oid, nxt))
    return Node(node_id, kind, tuple(options), tuple(contacts))


def _check_graph(doc: YamlDoc, start: str, nodes: Mapping[str, Node]) -> None:
    ids = ", ".join(nodes)
    if start not in nodes:
        raise _fail(doc, ("start",), "start", f"names unknown node '{start}'", valid=ids)
    for node in nodes.values():
        for i, option in enumerate(node.options):
            if option.next not in nodes:
                raise _fail(
                    doc,
                    ("nodes", node.id, "options", i, "next"),
                    f"node '{node.id}', option '{option.id}'",
                    f"leads to unknown node '{option.next}'",
                    valid=ids,
                )
    # Loops: depth-first search; a grey node met again closes a loop.
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(node_id: str) -> None:
        state[node_id] = "grey"
        stack.append(node_id)
        for i, option in enumerate(nodes[node_id].options):
            nxt = option.next
            if state.get(nxt) == "grey":
                loop = " → ".join([*stack[stack.index(nxt) :], nxt])
                raise _fail(
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
    for node_id in nodes:
        if node_id not in state:
            raise _fail(
                doc,
                ("nodes", node_id),
                f"node '{node_id}'",
                f"cannot be reached from the start node '{start}'",
            )


def _check_contacts(doc: YamlDoc, nodes: Mapping[str, Node], contact_ids: Collection[str]) -> None:
    for node in nodes.values():
        for i, cid in enumerate(node.contacts):
            if cid not in contact_ids:
                raise _fail(
                    doc,
                    ("nodes", node.id, "contacts", i),
                    f"node '{node.id}', contact",
                    f"'{cid}' is not in the contact directory",
                    valid=", ".join(sorted(contact_ids)),
                )


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _load_words(
    path: Path,
    lang: str,
    nodes: Mapping[str, Node],
    complete: bool,
    ui_keys: Collection[str] | None,
) -> Words:
    doc = load_yaml(path)
    data = doc.data
    if not isinstance(data, dict):
        raise _fail(doc, (), "top level", "needs a mapping with 'ui' and 'nodes'")
    unknown = sorted(set(data) - {"ui", "nodes"})
    if unknown:
        raise _fail(doc, (unknown[0],), f"key '{unknown[0]}'", "unknown key", valid="ui, nodes")
    ui = data.get("ui") or {}
    raw_nodes = data.get("nodes") or {}
    if not isinstance(ui, dict) or not isinstance(raw_nodes, dict):
        raise _fail(doc, (), "top level", "'ui' and 'nodes' must be mappings")
    # Interface strings: Dutch defines the keys. Every language needs them all, even one whose
    # node words fall back: a Dutch button among Arabic ones would be unmarked Dutch text.
    for key, value in ui.items():
        if ui_keys is not None and key not in ui_keys:
            raise _fail(
                doc, ("ui", key), f"ui key '{key}'", "unknown key", valid=", ".join(sorted(ui_keys))
            )
        if not _text(value):
            raise _fail(doc, ("ui", key), f"ui key '{key}'", "must be non-empty text")
    if ui_keys is not None:
        missing = sorted(set(ui_keys) - set(ui))
        if missing:
            raise _fail(
                doc, ("ui",), f"language '{lang}', ui", f"missing keys: {', '.join(missing)}"
            )
    for node_id, raw in raw_nodes.items():
        if node_id not in nodes:
            raise _fail(
                doc,
                ("nodes", node_id),
                f"node '{node_id}'",
                "has words but is not in the routing file",
                valid=", ".join(nodes),
            )
        _check_node_words(doc, nodes[node_id], raw, complete)
    if complete:
        for node_id in nodes:
            if node_id not in raw_nodes:
                raise _fail(
                    doc,
                    ("nodes",),
                    f"node '{node_id}'",
                    f"has no words in language '{lang}', which is listed as complete",
                )
    return Words(
        path=path,
        ui=MappingProxyType(dict(ui)),
        nodes=MappingProxyType({str(k): v for k, v in raw_nodes.items()}),
    )


def _check_node_words(doc: YamlDoc, node: Node, raw: Any, complete: bool) -> None:
    loc: Loc = ("nodes", node.id)
    where = f"node '{node.id}'"
    if not isinstance(raw, dict):
        raise _fail(doc, loc, where, "needs a mapping of texts")
    fields = QUESTION_FIELDS if node.is_question else OUTCOME_FIELDS
    for key in raw:
        if key not in fields:
            raise _fail(
                doc,
                (*loc, key),
                f"{where}, field '{key}'",
                f"unknown field for a {node.kind}",
                valid=", ".join(fields),
            )
    for key, required in fields.items():
        if key not in raw:
            if required and complete:
                raise _fail(doc, loc, f"{where}, field '{key}'", "is missing")
            continue
        value = raw[key]
        if key == "options":
            _check_option_words(doc, node, value, complete)
        elif key in LIST_FIELDS:
            if not isinstance(value, list) or not all(_text(v) for v in value):
                raise _fail(
                    doc, (*loc, key), f"{where}, field '{key}'", "needs a list of non-empty texts"
                )
        elif not _text(value):
            raise _fail(doc, (*loc, key), f"{where}, field '{key}'", "must be non-empty text")


def _check_option_words(doc: YamlDoc, node: Node, value: Any, complete: bool) -> None:
    loc: Loc = ("nodes", node.id, "options")
    where = f"node '{node.id}'"
    if not isinstance(value, dict):
        raise _fail(doc, loc, f"{where}, field 'options'", "needs a mapping of option id: answer")
    option_ids = [o.id for o in node.options]
    for oid, text in value.items():
        oloc = (*loc, oid)
        if oid not in option_ids:
            raise _fail(
                doc,
                oloc,
                f"{where}, option '{oid}'",
                "has words but is not an option of this question",
                valid=", ".join(option_ids),
            )
        ok = _text(text) or (
            isinstance(text, dict)
            and _text(text.get("label"))
            and set(text) <= {"label", "short"}
            and _text(text.get("short", "x"))
        )
        if not ok:
            hint = " (YAML reads yes/no/on/off as true/false: put the text in quotes)"
            raise _fail(
                doc,
                oloc,
                f"{where}, option '{oid}'",
                "needs a text, or a mapping with 'label' and optional 'short'"
                + (hint if isinstance(text, bool) else ""),
            )
    if complete:
        for oid in option_ids:
            if oid not in value:
                raise _fail(doc, loc, f"{where}, option '{oid}'", "has no words")


def _check_unique_labels(tree: Tree, languages: Iterable[str]) -> None:
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


def load_tree(
    path: Path | None = None,
    *,
    languages: Iterable[str] = (SOURCE_LANGUAGE,),
    contact_ids: Collection[str] | None = None,
) -> Tree:
    """Load and validate the tree for the site's `languages` against the contact ids."""
    path = path or DATA_DIR / "decision-tree.yml"
    doc = load_yaml(path)
    start, nodes, states = _parse_routing(doc)
    _check_graph(doc, start, nodes)
    if contact_ids is None:
        contact_ids = directory_contact_ids()
    _check_contacts(doc, nodes, contact_ids)
    langs = list(dict.fromkeys([SOURCE_LANGUAGE, *languages]))
    for lang in langs:
        if lang not in states:
            raise _fail(
                doc,
                ("languages",),
                f"language '{lang}'",
                "is configured for the site but not listed here",
                valid="add it as 'complete' or 'fallback'",
            )
    words: dict[str, Words] = {}
    source = _load_words(words_path(path, SOURCE_LANGUAGE), SOURCE_LANGUAGE, nodes, True, None)
    words[SOURCE_LANGUAGE] = source
    for lang in langs[1:]:
        wpath = words_path(path, lang)
        complete = states[lang] == "complete"
        if not wpath.exists():
            problem = "is listed as complete but" if complete else "needs its interface strings:"
            raise _fail(
                doc,
                ("languages", lang),
                f"language '{lang}'",
                f"{problem} {wpath.name} does not exist",
                valid=f"{wpath.name} with every 'ui' key of {source.path.name}"
                + ("" if complete else "; its 'nodes' may stay empty until they are translated"),
            )
        words[lang] = _load_words(wpath, lang, nodes, complete, set(source.ui))
    tree = Tree(
        path=path,
        start=start,
        nodes=MappingProxyType(nodes),
        languages=MappingProxyType(states),
        words=MappingProxyType(words),
    )
    _check_unique_labels(tree, langs)
    return tree


def check_stubs(tree: Tree, stub_dir: Path) -> None:
    """Every node has a page `<id>.md` in `stub_dir` carrying its marker, and nothing else."""
    for node_id in tree.nodes:
        stub = stub_dir / f"{node_id}.md"
        if not stub.is_file():
            raise DataError(
                stub,
                f"node '{node_id}'",
                "has no page: create it with front matter and the marker "
                f"<!-- decision-tree: node={node_id} -->",
            )
        marker = re.search(
            r"<!--\s*decision-tree:\s*node=([a-z0-9-]+)\s*-->", stub.read_text(encoding="utf-8")
        )
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
    for stub in sorted(stub_dir.glob("*.md")):
        if stub.stem not in tree.nodes and stub.stem not in RESERVED_IDS:
            raise DataError(
                stub,
                f"node '{stub.stem}'",
                f"has a page but is not in {tree.path.name}",
                valid=", ".join(tree.nodes),
            )


# --- contacts ----------------------------------------------------------------------------------


def directory_contact_ids() -> frozenset[str]:
    """The ids in the contact directory (data/contacts.yml)."""
    from omringd.contacts import load_directory

    return frozenset(load_directory().ids)


# --- once per build ----------------------------------------------------------------------------


def site_tree(languages: Iterable[str]) -> Tree:
    """The site's tree for these languages, loaded again only when one of its files changes.

    MkDocs' i18n plugin configures the build once per language, and the leaflets need the tree
    too: without this the files would be read and checked a dozen times per build.
    """
    from omringd.contacts import CONTACTS_FILE

    routing = DATA_DIR / "decision-tree.yml"
    files = [routing, CONTACTS_FILE, *sorted(DATA_DIR.glob("decision-tree.*.yml"))]
    stamp = tuple((str(p), p.stat().st_mtime_ns) for p in files)
    return _site_tree(tuple(languages), stamp)


@lru_cache(maxsize=4)
def _site_tree(languages: tuple[str, ...], stamp: object) -> Tree:
    return load_tree(languages=languages)
