"""The site's languages and, for any page, the same page in every other language."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from omringd.core.errors import DataError

#: The language pages and data are written in; every other language is a translation of it.
SOURCE_LANGUAGE = "nl"
# Scripts written right to left among the languages we may configure.
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})


def direction(lang: str) -> str:
    """'rtl' for a right-to-left language such as Arabic, else 'ltr'."""
    return "rtl" if lang in RTL_LANGUAGES else "ltr"


@dataclass(frozen=True)
class Language:
    """A configured language: its code, its name in itself, and its writing direction."""

    code: str
    name: str

    @property
    def dir(self) -> str:
        """'rtl' or 'ltr'."""
        return direction(self.code)


@dataclass(frozen=True)
class Alternate:
    """A link to the current page in one language."""

    lang: str
    name: str
    path: str  # relative to the site root, e.g. "fr/ouders/"
    current: bool


def prefix(lang: str, default: str) -> str:
    """The folder a language is built under: '' for the default language, 'fr/' for French."""
    return "" if lang == default else f"{lang}/"


def neutral_path(url: str, current: str, default: str) -> str:
    """A page URL with the current language's folder taken off: 'fr/ouders/' -> 'ouders/'."""
    pre = prefix(current, default)
    if pre and url.startswith(pre):
        return url[len(pre) :]
    if pre and url.rstrip("/") == current:
        return ""
    return url


def alternates(
    url: str, current: str, languages: Sequence[Language], default: str
) -> list[Alternate]:
    """The same page in every language (untranslated pages exist too, showing the Dutch text)."""
    path = neutral_path(url, current, default)
    return [
        Alternate(lang.code, lang.name, prefix(lang.code, default) + path, lang.code == current)
        for lang in languages
    ]


def check_language_folders(docs: Path, languages: Sequence[str]) -> None:
    """Refuse anything in the docs folder but one folder per site language: a page in a
    folder of a language the site does not have would never be shown (or shown as Dutch)."""
    known = ", ".join(languages)
    for entry in sorted(docs.iterdir()):
        if entry.name.startswith(".") or (entry.is_dir() and entry.name in languages):
            continue
        shown = f"{docs.name}/{entry.name}" + ("/" if entry.is_dir() else "")
        what = f"'{entry.name}' is not a language of the site" if entry.is_dir() else "a file"
        raise DataError(
            shown,
            "pages folder",
            f"{what}: every page lives in the folder of its language, under the same file "
            "name as the Dutch page; to add a language, add it to mkdocs.yml (plugins, i18n, "
            "languages) first",
            valid=f"folders {known}",
        )
