"""The decision tree's YAML files as frozen pydantic models that mirror them key for key.

`RoutingFile` is `data/decision-tree.yml`; `WordsFile` is `data/decision-tree.<lang>.yml`,
whose node words are `QuestionWords` or `OutcomeWords` by the node's kind in the routing file.
Unknown keys are refused (StrictModel); `omringd.core.validation` turns a problem into a
DataError with file, line, node and field. Rules across items or files are in `validate`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from omringd.core.validation import StrictModel
from omringd.core.yamlio import Loc
from omringd.tree.model import (
    KINDS,
    LANGUAGE_STATES,
    NO_CONTACT_REASONS,
    NODE_ID,
    RESERVED_IDS,
    SOURCE_LANGUAGE,
)

QUOTE_HINT = " (YAML reads yes/no/on/off as true/false: put the text in quotes)"
OPTION_FORMS = "needs a text, or a mapping with 'label' and optional 'short'"


def _text(value: object) -> object:
    """Non-empty text; an unquoted yes/no (a boolean in YAML) says to quote it."""
    if isinstance(value, bool):
        raise PydanticCustomError("text", "must be non-empty text" + QUOTE_HINT)
    if not isinstance(value, str) or not value.strip():
        raise PydanticCustomError("text", "must be non-empty text")
    return value


def _shaped(what: str, kind: type, *, null: bool = False) -> Callable[[object], object]:
    """A list or mapping in YAML's words (the models hold tuples); `null` allows an empty key."""

    def check(value: object) -> object:
        if value is None and null:
            return value
        if not isinstance(value, kind):
            raise PydanticCustomError("shape", "needs {what}", {"what": what})
        return value

    return check


def _one_of(choices: Sequence[str]) -> Callable[[object], object]:
    def check(value: object) -> object:
        if not isinstance(value, str) or value not in choices:
            raise PydanticCustomError(
                "one_of",
                "is {value} (valid: {valid})",
                {"value": repr(value), "valid": ", ".join(choices)},
            )
        return value

    return check


def _node_id(value: object) -> object:
    """Node ids become page URLs and stub file names."""
    if not isinstance(value, str) or not NODE_ID.match(value) or value in RESERVED_IDS:
        raise PydanticCustomError(
            "node_id",
            "is not a valid node id (valid: lowercase letters and digits joined by hyphens, "
            "not 'overzicht' or 'index')",
        )
    return value


#: Text that must be there: stripped (StrictModel) and not empty.
Text = Annotated[str, BeforeValidator(_text)]
#: Text that may be left out, but not left empty.
MaybeText = Annotated[str | None, BeforeValidator(_text)]
Kind = Annotated[Literal["question", "outcome"], BeforeValidator(_one_of(KINDS))]
LanguageState = Annotated[
    Literal["complete", "fallback"], BeforeValidator(_one_of(LANGUAGE_STATES))
]
NodeId = Annotated[str, BeforeValidator(_node_id)]
NoContactReason = Annotated[str, BeforeValidator(_one_of(tuple(NO_CONTACT_REASONS)))]


def _date(value: object) -> object:
    """A date as YAML writes it (2026-12-02), not in the future."""
    if not isinstance(value, date):
        raise PydanticCustomError(
            "date", "is {value} (valid: a date such as 2026-12-02)", {"value": repr(value)}
        )
    if value > date.today():
        raise PydanticCustomError(
            "date",
            "{value} is in the future (valid: a date not after today)",
            {"value": value.isoformat()},
        )
    return value


Checked = Annotated[date | None, BeforeValidator(_date)]


# --- data/decision-tree.yml --------------------------------------------------------------------


class OptionFile(StrictModel):
    """`{id: ja, next: bel-112}`: an answer and the node it leads to."""

    id: Text
    next: Text


class NodeFile(StrictModel):
    """A node of the routing file: its kind, a question's options, the contacts to show."""

    kind: Kind
    options: Annotated[
        tuple[OptionFile, ...] | None,
        BeforeValidator(_shaped("a list of {id, next}", list, null=True)),
        Field(validate_default=True),
    ] = None
    contacts: Annotated[
        tuple[Text, ...] | None, BeforeValidator(_shaped("a list of ids", list, null=True))
    ] = None
    #: Why an outcome shows no contact (one of NO_CONTACT_REASONS).
    no_contact: Annotated[NoContactReason | None, Field(default=None)] = None
    #: Where the node's facts come from: an id from data/sources.yml or an https:// address.
    source: MaybeText = None
    #: When someone last checked them against the source.
    checked: Checked = None
    #: A programme id of data/programmes.yml whose status the advice shows.
    status: MaybeText = None

    @field_validator("options")
    @classmethod
    def _fit_kind(
        cls, options: tuple[OptionFile, ...] | None, info: ValidationInfo
    ) -> tuple[OptionFile, ...] | None:
        kind = info.data.get("kind")
        if kind == "outcome" and options:
            raise PydanticCustomError(
                "outcome_options", "an outcome has no options (make it a question)"
            )
        if kind == "question" and not options:
            raise PydanticCustomError(
                "no_options",
                "is a question without options, so this path ends without an advice",
            )
        return options


class RoutingFile(StrictModel):
    """`data/decision-tree.yml`: the start node, the languages and their state, the nodes."""

    start: Text
    languages: dict[Text, LanguageState]
    nodes: Annotated[dict[NodeId, NodeFile], Field(min_length=1)]

    @field_validator("languages")
    @classmethod
    def _source_complete(cls, languages: dict[str, str]) -> dict[str, str]:
        if languages.get(SOURCE_LANGUAGE) != "complete":
            raise PydanticCustomError(
                "source_language",
                "language '{lang}' is the source language and must be 'complete'",
                {"lang": SOURCE_LANGUAGE},
            )
        return languages


def routing_item_ids(data: Any) -> dict[Loc, str]:
    """Names for the items of a routing file, so a message says "node 'regio', option 'x'"."""
    ids: dict[Loc, str] = {}
    if not isinstance(data, dict):
        return ids
    languages = data.get("languages")
    for lang in languages if isinstance(languages, dict) else ():
        ids[("languages", lang)] = f"language '{lang}'"
    nodes = data.get("nodes")
    for node_id, raw in nodes.items() if isinstance(nodes, dict) else ():
        where = f"node '{node_id}'"
        ids[("nodes", node_id)] = ids[("nodes", node_id, "[key]")] = where
        options = raw.get("options") if isinstance(raw, dict) else None
        for i, opt in enumerate(options if isinstance(options, list) else ()):
            oid = opt.get("id") if isinstance(opt, dict) else None
            ids[("nodes", node_id, "options", i)] = (
                f"{where}, option '{oid}'" if isinstance(oid, str) else f"{where}, option {i + 1}"
            )
    return ids


# --- data/decision-tree.<lang>.yml -------------------------------------------------------------


class OptionWords(StrictModel):
    """An answer's words: a text, or `{label, short}` with a shorter text for the diagram."""

    label: Text
    short: MaybeText = None

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"label": value}
        if not isinstance(value, dict):
            hint = QUOTE_HINT if isinstance(value, bool) else ""
            raise PydanticCustomError("option_words", OPTION_FORMS + hint)
        return value


class QuestionWords(StrictModel):
    """The words of a question; in a `fallback` language any of them may be left out."""

    title: MaybeText = None
    short: MaybeText = None
    help: MaybeText = None
    options: Annotated[
        dict[str, OptionWords] | None,
        BeforeValidator(_shaped("a mapping of option id: answer", dict)),
    ] = None


class OutcomeWords(StrictModel):
    """The words of an outcome (an advice); in a `fallback` language any may be left out."""

    title: MaybeText = None
    short: MaybeText = None
    summary: MaybeText = None
    why: MaybeText = None
    conditions: Annotated[
        tuple[Text, ...] | None, BeforeValidator(_shaped("a list of non-empty texts", list))
    ] = None
    next_steps: Annotated[
        tuple[Text, ...] | None, BeforeValidator(_shaped("a list of non-empty texts", list))
    ] = None


class WordsFile(StrictModel):
    """A words file: interface strings and the words of nodes, keyed by node id.

    A node's words are checked as `QuestionWords` or `OutcomeWords` once its kind is known.
    """

    ui: dict[str, Text] | None = None
    nodes: dict[str, dict[str, Any]] | None = None


def words_item_ids(data: Any) -> dict[Loc, str]:
    """Names for the items of a words file: "ui key 'why'", "node 'regio', option 'x'"."""
    ids: dict[Loc, str] = {}
    if not isinstance(data, dict):
        return ids
    ui = data.get("ui")
    for key in ui if isinstance(ui, dict) else ():
        ids[("ui", key)] = f"ui key '{key}'"
    nodes = data.get("nodes")
    for node_id, raw in nodes.items() if isinstance(nodes, dict) else ():
        ids[("nodes", node_id)] = f"node '{node_id}'"
        options = raw.get("options") if isinstance(raw, dict) else None
        for oid in options if isinstance(options, dict) else ():
            ids[("nodes", node_id, "options", oid)] = f"node '{node_id}', option '{oid}'"
    return ids
