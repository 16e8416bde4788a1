"""Front matter every page carries: who it is for and when it was last reviewed."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any, Literal, get_args

import yaml
from pydantic import ValidationError, field_validator

from omringd.core.errors import DataError
from omringd.core.validation import StrictModel, nearest
from omringd.core.yamlio import FAST_LOADER

#: A page's front matter: a first line `---`, YAML, a line `---`.
FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.S)
Audience = Literal["parents", "professionals", "all"]
AUDIENCES: tuple[str, ...] = get_args(Audience)


class PageMeta(StrictModel):
    """The checked front matter of one page."""

    audience: Audience
    reviewed: date
    # A translation: the Dutch version it was made from, and whether a sworn translator did it.
    source: str | None = None
    certified: bool | None = None
    # False on structure-only pages whose words come from data files.
    translate: bool = True
    # Material's own keys, which editors may use.
    title: str | None = None
    description: str | None = None
    hide: tuple[str, ...] = ()
    search: dict[str, Any] | None = None

    @field_validator("reviewed")
    @classmethod
    def _not_in_future(cls, value: date) -> date:
        if value > date.today():
            raise ValueError(f"{value.isoformat()} is in the future")
        return value


_VALID = {
    "audience": ", ".join(AUDIENCES),
    "reviewed": "a date written as YYYY-MM-DD, not in the future",
    "source": "the hash `make translations` prints for the Dutch page",
    "certified": "true or false",
    "translate": "true or false",
}
_KEY_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*:", re.M)


def front_matter_lines(text: str) -> dict[str, int]:
    """The line of each top-level key of a page's front matter (1-based, as in the file)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}
    block = match.group(0)
    return {m.group(1): block.count("\n", 0, m.start()) + 1 for m in _KEY_LINE.finditer(block)}


def page_meta(
    meta: Mapping[str, Any], src: str, lines: Mapping[str, int] | None = None
) -> PageMeta:
    """Check a page's front matter; `src` names the Markdown file, `lines` its keys' lines."""
    try:
        return PageMeta.model_validate(dict(meta))
    except ValidationError as err:
        first = err.errors(include_url=False)[0]
        key = str(first["loc"][0]) if first["loc"] else "(front matter)"
        line = (lines or {}).get(key)
        if first["type"] == "missing":
            problem = "is missing"
        elif first["type"] == "extra_forbidden":
            close = nearest(key, list(PageMeta.model_fields))
            problem = "is not a front matter key" + (f" (did you mean {close!r}?)" if close else "")
            valid = ", ".join(PageMeta.model_fields)
            raise DataError(src, f"front matter '{key}'", problem, line=line, valid=valid) from None
        else:
            problem = f"is {meta.get(key)!r}" + (
                f": {first['msg']}" if first["type"] == "value_error" else ""
            )
        raise DataError(
            src, f"front matter '{key}'", problem, line=line, valid=_VALID.get(key)
        ) from None


def front_matter(text: str) -> dict[str, Any]:
    """The YAML front matter of a Markdown page ({} when it has none)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}
    data = yaml.load(match.group(0).strip().strip("-"), Loader=FAST_LOADER)
    return data if isinstance(data, dict) else {}


def translatable(meta: Mapping[str, Any]) -> bool:
    """False for structure-only pages (`translate: false`) whose words come from data files."""
    return meta.get("translate", True) is not False
