"""Interface strings (exit button, dates, help box, banners) per language, from data/ui.yml."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from omringd.core.errors import DataError
from omringd.core.languages import SOURCE_LANGUAGE
from omringd.core.yamlio import load_yaml


@dataclass(frozen=True)
class UiStrings:
    """Every interface string of every language; Dutch defines which keys exist."""

    path: Path
    by_lang: Mapping[str, Mapping[str, str]]

    def for_lang(self, lang: str) -> Mapping[str, str]:
        """The strings of `lang`."""
        return self.by_lang[lang]


def load_ui(path: Path, languages: Iterable[str]) -> UiStrings:
    """Load and check the strings: every configured language has exactly Dutch's keys."""
    doc = load_yaml(path)
    data = doc.data
    if not isinstance(data, dict) or SOURCE_LANGUAGE not in data:
        raise DataError(path, "top level", f"needs a mapping with a '{SOURCE_LANGUAGE}' key")
    keys = set(data[SOURCE_LANGUAGE])
    langs = list(languages)
    by_lang: dict[str, Mapping[str, str]] = {}
    for lang in langs:
        if lang not in data:
            raise DataError(
                path,
                f"language '{lang}'",
                "is configured in mkdocs.yml but has no interface strings",
                valid=", ".join(sorted(data)),
            )
        strings = data[lang] or {}
        missing = sorted(keys - set(strings))
        extra = sorted(set(strings) - keys)
        if missing:
            raise DataError(
                path,
                f"language '{lang}'",
                f"missing keys: {', '.join(missing)}",
                line=doc.line((lang,)),
            )
        if extra:
            raise DataError(
                path,
                f"language '{lang}', key '{extra[0]}'",
                "unknown key",
                line=doc.line((lang, extra[0])),
                valid=", ".join(sorted(keys)),
            )
        for key, value in strings.items():
            if not isinstance(value, str) or not value.strip():
                raise DataError(
                    path,
                    f"language '{lang}', key '{key}'",
                    "must be non-empty text",
                    line=doc.line((lang, key)),
                )
        by_lang[lang] = MappingProxyType(dict(strings))
    return UiStrings(path=path, by_lang=MappingProxyType(by_lang))
