"""The sources of the site's facts (data/sources.yml) and each programme's status
(data/programmes.yml), as strict models."""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints, field_validator

from omringd.core.languages import SOURCE_LANGUAGE
from omringd.core.validation import StrictModel

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(min_length=1)]


def _https(value: str) -> str:
    if not re.fullmatch(r"https://[^\s\"'<>]+", value):
        raise ValueError(f"{value!r} is not an https:// address")
    return value


Address = Annotated[str, AfterValidator(_https)]


class Source(StrictModel):
    """One source document: what it is, who published it, when, and where to find it."""

    id: Slug
    title: Text
    publisher: Text
    # One text, or one per language (Dutch first): a reader of the status box in French is
    # told in French that the source is undated.
    date: Text | dict[str, Text]
    file: Text | None = None
    address: Address | None = None

    @field_validator("date")
    @classmethod
    def _date_has_source_language(cls, value: str | dict[str, str]) -> str | dict[str, str]:
        if isinstance(value, dict) and SOURCE_LANGUAGE not in value:
            raise ValueError(f"needs a '{SOURCE_LANGUAGE}' text")
        return value

    def date_in(self, lang: str) -> str:
        """When the source was written, in `lang` (or Dutch)."""
        if isinstance(self.date, str):
            return self.date
        return self.date.get(lang) or self.date[SOURCE_LANGUAGE]


class SourcesFile(StrictModel):
    sources: tuple[Source, ...] = Field(min_length=1)


def checked_date(value: date) -> date:
    """A check date is a real date, not in the future."""
    if value > date.today():
        raise ValueError(f"{value.isoformat()} is in the future")
    return value


Checked = Annotated[date, AfterValidator(checked_date)]


class Programme(StrictModel):
    """A programme's status as the sources give it, per language, with source and check."""

    id: Slug
    status: dict[str, Text]
    source: Text
    checked: Checked

    @field_validator("status")
    @classmethod
    def _has_source_language(cls, value: dict[str, str]) -> dict[str, str]:
        if SOURCE_LANGUAGE not in value:
            raise ValueError(f"needs a '{SOURCE_LANGUAGE}' text")
        return value

    def text(self, lang: str) -> tuple[str, str]:
        """The status in `lang` (or Dutch) and the language it is in."""
        if lang in self.status:
            return self.status[lang], lang
        return self.status[SOURCE_LANGUAGE], SOURCE_LANGUAGE


class ProgrammesFile(StrictModel):
    programmes: tuple[Programme, ...] = Field(min_length=1)


def is_source(value: str, known: Collection[str]) -> bool:
    """A `source:` is the id of a known source or a public https:// address."""
    return value in known or bool(re.fullmatch(r"https://[^\s\"'<>]+", value))
