"""Turn pydantic validation errors into DataErrors that name the file, the item and the field."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from omringd.core.errors import DataError
from omringd.core.yamlio import Loc, YamlDoc


def _describe(loc: Sequence[str | int], item_ids: dict[Loc, str]) -> str:
    """`contacts[3].phones[0].number` becomes `contact 'opgroeipunt', field phones[0].number`."""
    for cut in range(len(loc), 0, -1):
        prefix = tuple(loc[:cut])
        if prefix in item_ids:
            rest = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in loc[cut:])
            rest = rest.replace(".[", "[")
            return f"{item_ids[prefix]}, field {rest}" if rest else item_ids[prefix]
    return ".".join(str(p) for p in loc) or "(top level)"


def raise_first(
    doc: YamlDoc, err: ValidationError, base: Loc = (), item_ids: dict[Loc, str] | None = None
) -> None:
    """Raise a DataError for the first problem in `err`, located in `doc`.

    `item_ids` maps the location of each list item to a label such as "contact 'opgroeipunt'",
    so the message names the item by its id rather than by its position.
    """
    first: dict[str, Any] = err.errors(include_url=False)[0]
    loc = (*base, *first["loc"])
    # Pydantic reports the failing model branch for unions; drop those synthetic parts.
    clean = tuple(p for p in loc if not (isinstance(p, str) and p.startswith("function-")))
    message = first["msg"]
    if first["type"] == "missing":
        message = "required field is missing"
    elif first["type"] == "extra_forbidden":
        message = "unknown field"
    raise DataError(
        doc.path, _describe(clean, item_ids or {}), message, line=doc.line(clean)
    ) from None
