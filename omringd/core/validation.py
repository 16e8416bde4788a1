"""Turn pydantic validation errors into DataErrors that name the file, the item and the field."""

from __future__ import annotations

import difflib
import types
from collections.abc import Sequence
from typing import Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, RootModel, ValidationError

from omringd.core.errors import DataError
from omringd.core.yamlio import Loc, YamlDoc


class StrictModel(BaseModel):
    """The base of every data model: frozen, unknown keys refused, text stripped."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", str_strip_whitespace=True, defer_build=True
    )


M = TypeVar("M", bound=BaseModel)


def _inner(annotation: Any) -> list[Any]:
    """The types an annotation may hold an item of: list[X] -> [X], X | None -> [X]."""
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        return [t for arg in get_args(annotation) for t in _inner(arg)]
    if origin in (list, tuple, set, frozenset, Sequence):
        return [t for arg in get_args(annotation) if arg is not Ellipsis for t in _inner(arg)]
    if origin is dict:
        args = get_args(annotation)
        return _inner(args[1]) if len(args) == 2 else []
    if origin is not None and get_args(annotation):  # Annotated[X, ...] and the like
        return _inner(get_args(annotation)[0])
    return [annotation]


def known_keys(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """The field names a model accepts at `loc` (list indexes and dict keys skipped)."""
    candidates: list[Any] = [model]
    if issubclass(model, RootModel):
        candidates = _inner(model.model_fields["root"].annotation)
    for part in loc:
        nxt: list[Any] = []
        for cand in candidates:
            if isinstance(cand, type) and issubclass(cand, BaseModel):
                field = cand.model_fields.get(str(part)) if isinstance(part, str) else None
                if field is not None:
                    nxt.extend(_inner(field.annotation))
                    continue
            # An index or a free dict key: stay on the container's item type.
            nxt.append(cand)
        candidates = nxt
    keys = {
        name
        for cand in candidates
        if isinstance(cand, type) and issubclass(cand, BaseModel)
        for name in cand.model_fields
    }
    return sorted(keys)


def nearest(word: str, choices: Sequence[str]) -> str | None:
    """The choice closest to `word` (a likely typo), or None if none is close."""
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


def _describe(loc: Sequence[str | int], item_ids: dict[Loc, str]) -> str:
    """`contacts[3].phones[0].number` becomes `contact 'opgroeipunt', field phones[0].number`."""
    for cut in range(len(loc), 0, -1):
        prefix = tuple(loc[:cut])
        if prefix in item_ids:
            rest = _path(loc[cut:])
            return f"{item_ids[prefix]}, field {rest}" if rest else item_ids[prefix]
    return _path(loc) or "(top level)"


def _path(loc: Sequence[str | int]) -> str:
    """('items', 0, 'name') -> 'items[0].name'."""
    return ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in loc).replace(".[", "[")


def raise_first(
    doc: YamlDoc,
    err: ValidationError,
    base: Loc = (),
    item_ids: dict[Loc, str] | None = None,
    model: type[BaseModel] | None = None,
) -> None:
    """Raise a DataError for the first problem in `err`, located in `doc`.

    `item_ids` maps the location of each list item to a label such as "contact 'opgroeipunt'",
    so the message names the item by its id rather than by its position.
    """
    errors = err.errors(include_url=False)
    # A typo'd key also makes the real key "missing": name the typo, with its nearest key.
    first: dict[str, Any] = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    loc = (*base, *first["loc"])
    # Pydantic reports the failing model branch for unions; drop those synthetic parts.
    clean = tuple(p for p in loc if not (isinstance(p, str) and p.startswith("function-")))
    message = first["msg"]
    valid = None
    if first["type"] == "missing":
        message = "required field is missing"
    elif first["type"] == "extra_forbidden":
        message = "unknown field"
        if model is not None and clean:
            keys = known_keys(model, first["loc"][:-1])
            close = nearest(str(clean[-1]), keys)
            if close:
                message = f"unknown field (did you mean {close!r}?)"
            valid = ", ".join(keys) or None
    raise DataError(
        doc.path, _describe(clean, item_ids or {}), message, line=doc.line(clean), valid=valid
    ) from None


def validate(
    doc: YamlDoc, model: type[M], item_ids: dict[Loc, str] | None = None, base: Loc = ()
) -> M:
    """`doc`'s data as a `model`, or one DataError naming file, line, key and what is valid."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as err:
        raise_first(doc, err, base, item_ids, model)
        raise AssertionError("unreachable") from err
