"""Reading the decision tree's YAML files into a validated `Tree`, and the build's cache of it.

Routing (node ids, kinds, options, contacts) is in `data/decision-tree.yml` and is shared by
every language; the words are in `data/decision-tree.<lang>.yml`, keyed by node id. Each file
is read into its model from `files` (shape), then `validate` checks the rules across items and
files; every problem raises a DataError naming the file, the line and the node.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pydantic import ValidationError

from omringd.core.paths import DATA_DIR
from omringd.core.validation import raise_first, validate
from omringd.core.yamlio import YamlDoc, load_yaml
from omringd.sources import Registry, load_registry
from omringd.tree import validate as checks
from omringd.tree.files import (
    NodeFile,
    OptionWords,
    OutcomeWords,
    QuestionWords,
    RoutingFile,
    WordsFile,
    routing_item_ids,
    words_item_ids,
)
from omringd.tree.model import (
    SOURCE_LANGUAGE,
    Node,
    NodeText,
    Option,
    OptionText,
    Tree,
    Words,
)


def words_path(routing_path: Path, lang: str) -> Path:
    """`data/decision-tree.yml` → `data/decision-tree.<lang>.yml`."""
    return routing_path.with_name(f"{routing_path.stem}.{lang}{routing_path.suffix}")


def load_tree(
    path: Path | None = None,
    *,
    languages: Iterable[str] = (SOURCE_LANGUAGE,),
    contact_ids: Collection[str] | None = None,
    registry: Registry | None = None,
) -> Tree:
    """Load and validate the tree for the site's `languages` against the contact ids and the
    sources and programmes (`registry`, by default data/sources.yml and data/programmes.yml)."""
    path = path or DATA_DIR / "decision-tree.yml"
    doc = load_yaml(path)
    routing = validate(doc, RoutingFile, item_ids=routing_item_ids(doc.data))
    nodes = {node_id: _node(node_id, raw) for node_id, raw in routing.nodes.items()}
    checks.check_option_ids(doc, nodes)
    checks.check_graph(doc, routing.start, nodes)
    checks.check_contacts(
        doc, nodes, directory_contact_ids() if contact_ids is None else contact_ids
    )
    langs = list(dict.fromkeys([SOURCE_LANGUAGE, *languages]))
    checks.check_languages(doc, langs, routing.languages)
    # programmes.yml may hold the status in any language of the site or of this file.
    every = tuple(dict.fromkeys([*langs, *routing.languages]))
    checks.check_facts(doc, nodes, registry or load_registry(every))
    tree = Tree(
        path=path,
        start=routing.start,
        nodes=MappingProxyType(nodes),
        languages=MappingProxyType(dict(routing.languages)),
        words=MappingProxyType(_load_languages(doc, langs, nodes, routing.languages)),
    )
    checks.check_unique_labels(tree, langs)
    return tree


def _node(node_id: str, raw: NodeFile) -> Node:
    options = tuple(Option(o.id, o.next) for o in raw.options or ())
    return Node(
        node_id,
        raw.kind,
        options,
        tuple(raw.contacts or ()),
        source=raw.source,
        checked=raw.checked,
        status=raw.status,
        no_contact=raw.no_contact,
    )


def _load_languages(
    doc: YamlDoc, langs: list[str], nodes: Mapping[str, Node], states: Mapping[str, str]
) -> dict[str, Words]:
    """The words of every language: Dutch first, whose interface strings the others need."""
    source = _load_words(words_path(doc.path, SOURCE_LANGUAGE), SOURCE_LANGUAGE, nodes, True, None)
    words = {SOURCE_LANGUAGE: source}
    for lang in langs[1:]:
        path = words_path(doc.path, lang)
        complete = states[lang] == "complete"
        checks.check_words_file(doc, lang, path, complete, source.path)
        words[lang] = _load_words(path, lang, nodes, complete, set(source.ui))
    return words


def _load_words(
    path: Path,
    lang: str,
    nodes: Mapping[str, Node],
    complete: bool,
    ui_keys: Collection[str] | None,
) -> Words:
    """One words file; `ui_keys` are the interface strings it must have (None for Dutch)."""
    doc = load_yaml(path)
    data = validate(doc, WordsFile, item_ids=words_item_ids(doc.data))
    ui = dict(data.ui or {})
    checks.check_ui(doc, lang, ui, ui_keys)
    given = data.nodes or {}
    texts: dict[str, NodeText] = {}
    for node_id, raw in given.items():
        node = checks.known_node(doc, node_id, nodes)
        words = _node_words(doc, node, raw)
        checks.check_node_words(doc, node, words, complete)
        text = _node_text(lang, node, words)
        if text is not None:
            texts[node_id] = text
    if complete:
        checks.check_every_node(doc, lang, nodes, given)
    return Words(path=path, ui=MappingProxyType(ui), texts=MappingProxyType(texts))


def _node_words(doc: YamlDoc, node: Node, raw: dict[str, Any]) -> QuestionWords | OutcomeWords:
    """A node's words, checked as the words of its kind."""
    model = QuestionWords if node.is_question else OutcomeWords
    try:
        return model.model_validate(raw)
    except ValidationError as err:
        raise_first(doc, err, ("nodes", node.id), words_item_ids(doc.data), model=model)
        raise AssertionError("unreachable") from err


def _option_text(words: OptionWords) -> OptionText:
    return OptionText(label=words.label, short=words.short or words.label)


def _node_text(lang: str, node: Node, words: QuestionWords | OutcomeWords) -> NodeText | None:
    """The node's words in `lang`, or None when some are missing (the node falls back)."""
    if words.title is None or words.short is None:
        return None
    common = {"lang": lang, "title": words.title, "short": words.short}
    if isinstance(words, QuestionWords):
        options = words.options or {}
        if any(o.id not in options for o in node.options):
            return None
        texts = {k: _option_text(v) for k, v in options.items()}
        return NodeText(**common, help=words.help, options=texts)
    if words.summary is None or words.why is None:
        return None
    return NodeText(
        **common,
        summary=words.summary,
        why=words.why,
        conditions=words.conditions or (),
        next_steps=words.next_steps or (),
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
    files = [
        routing,
        CONTACTS_FILE,
        DATA_DIR / "sources.yml",
        DATA_DIR / "programmes.yml",
        *sorted(DATA_DIR.glob("decision-tree.*.yml")),
    ]
    stamp = tuple((str(p), p.stat().st_mtime_ns) for p in files)
    return _site_tree(tuple(languages), stamp)


@lru_cache(maxsize=4)
def _site_tree(languages: tuple[str, ...], stamp: object) -> Tree:
    return load_tree(languages=languages)
