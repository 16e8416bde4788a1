"""Front matter every page carries: who it is for and when it was last reviewed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, get_args

from omringd.core.errors import DataError

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
