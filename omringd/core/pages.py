"""Front matter every page carries: who it is for and when it was last reviewed."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, get_args

import yaml

from omringd.core.errors import DataError

#: A page's front matter: a first line `---`, YAML, a line `---`.
FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.S)
Audience = Literal["parents", "professionals", "all"]
AUDIENCES: tuple[str, ...] = get_args(Audience)


@dataclass(frozen=True)
class PageMeta:
    """The checked front matter of one page."""

    audience: Audience
    reviewed: date


def page_meta(meta: Mapping[str, Any], src: str) -> PageMeta:
    """Check a page's front matter; `src` names the Markdown file in the message."""
    audience = meta.get("audience")
    if audience not in AUDIENCES:
        raise DataError(
            src,
            "front matter 'audience'",
            f"is {audience!r}" if audience is not None else "is missing",
            valid=", ".join(AUDIENCES),
        )
    reviewed = meta.get("reviewed")
    if not isinstance(reviewed, date):
        raise DataError(
            src,
            "front matter 'reviewed'",
            f"is {reviewed!r}" if reviewed is not None else "is missing",
            valid="a date written as YYYY-MM-DD",
        )
    return PageMeta(audience=audience, reviewed=reviewed)


def front_matter(text: str) -> dict[str, Any]:
    """The YAML front matter of a Markdown page ({} when it has none)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}
    data = yaml.safe_load(match.group(0).strip().strip("-"))
    return data if isinstance(data, dict) else {}


def translatable(meta: Mapping[str, Any]) -> bool:
    """False for structure-only pages (`translate: false`) whose words come from data files."""
    return meta.get("translate", True) is not False
