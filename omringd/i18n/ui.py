"""Interface strings (exit button, dates, help box, banners) per language, from data/ui.yml."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Annotated

from pydantic import AfterValidator, ConfigDict, RootModel, StringConstraints

from omringd.core.errors import DataError
from omringd.core.languages import SOURCE_LANGUAGE
from omringd.core.validation import StrictModel, validate
from omringd.core.yamlio import load_yaml

Text = Annotated[str, StringConstraints(min_length=1)]


def _https(value: str) -> str:
    # The exit button sends a reader in danger elsewhere: never to a script or over plain http.
    if not value.startswith("https://") or any(c in value for c in " \"'<>"):
        raise ValueError(f"{value!r} is not an https:// address")
    return value


class UiTexts(StrictModel):
    """The interface strings of one language."""

    exit_label: Text
    exit_hint: Text
    exit_progress: Text
    exit_leaving: Text
    exit_url: Annotated[str, AfterValidator(_https)]
    reviewed: Text
    help_title_parents: Text
    help_title_professionals: Text
    fallback_banner: Text
    translation_prevails: Text
    translation_uncertified: Text
    translation_outdated: Text
    status_title: Text
    status_source: Text
    status_checked: Text


class _File(RootModel[dict[str, UiTexts]]):
    """data/ui.yml: one mapping of strings per language code."""

    model_config = ConfigDict(frozen=True)


@dataclass(frozen=True)
class UiStrings:
    """Every interface string of every language; the model defines which keys exist."""

    path: Path
    by_lang: Mapping[str, Mapping[str, str]]

    def for_lang(self, lang: str) -> Mapping[str, str]:
        """The strings of `lang`."""
        return self.by_lang[lang]


def load_ui(path: Path, languages: Iterable[str]) -> UiStrings:
    """Load and check the strings: every configured language has all of them, no other."""
    doc = load_yaml(path)
    if not isinstance(doc.data, dict) or SOURCE_LANGUAGE not in doc.data:
        raise DataError(path, "top level", f"needs a mapping with a '{SOURCE_LANGUAGE}' key")
    langs = list(dict.fromkeys([SOURCE_LANGUAGE, *languages]))
    for lang in doc.data:
        if lang not in langs:
            raise DataError(
                path,
                f"language '{lang}'",
                "is not a language of the site (mkdocs.yml)",
                line=doc.line((lang,)),
                valid=", ".join(langs),
            )
    for lang in langs:
        if lang not in doc.data:
            raise DataError(
                path,
                f"language '{lang}'",
                "is configured in mkdocs.yml but has no interface strings",
                valid=", ".join(sorted(doc.data)),
            )
    data = validate(doc, _File)
    by_lang = {lang: MappingProxyType(texts.model_dump()) for lang, texts in data.root.items()}
    return UiStrings(path=path, by_lang=MappingProxyType(by_lang))
