"""A leaflet's checks against the rest of the project: every declared language has the site
language, its pages, its labels and its fonts; the back page's team finder exists."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from omringd.core.errors import DataError
from omringd.leaflets.model import SOURCE_LANGUAGE, Leaflet, LeafletConfig


def check_sources(
    config: LeafletConfig,
    leaflet: Leaflet,
    lang: str,
    docs_dir: Path,
    site_languages: Iterable[str],
) -> None:
    """A declared language needs the site language, its labels, every source page and every font."""
    where = f"leaflet '{leaflet.id}', language '{lang}'"
    langs = list(site_languages)
    if lang not in langs:
        raise DataError(
            config.path,
            where,
            "is not a language of the site",
            line=leaflet.line,
            valid=", ".join(langs),
        )
    for page in (*leaflet.pages, leaflet.page):
        source = docs_dir / lang / page
        if not source.exists():
            raise DataError(
                config.path,
                where,
                f"the page {page} is not translated (missing {source})",
                line=leaflet.line,
            )
    finder = leaflet.back.team_finder if leaflet.back else ""
    if finder and not (docs_dir / SOURCE_LANGUAGE / finder).is_file():
        # A back page must not print an address that leads nowhere.
        raise DataError(
            config.path,
            where,
            f"back.team_finder: the page {finder} does not exist",
            line=leaflet.line,
            valid=f"a page of docs/{SOURCE_LANGUAGE}/, such as professionals/contacten.md",
        )
    if lang != SOURCE_LANGUAGE and lang not in config.labels["translation_notice"]:
        raise DataError(
            config.path,
            where,
            "label 'translation_notice' has no text in this language: a translated leaflet "
            "says that the Dutch text prevails",
            line=leaflet.line,
        )
    for face in config.faces(lang):
        if not face.file.is_file():
            raise DataError(
                config.path,
                where,
                f"font file {face.file} ({face.family}) is missing",
                line=leaflet.line,
                valid="install the Debian package fonts-noto-core (make site does)",
            )


def check_all(config: LeafletConfig, docs_dir: Path, site_languages: Iterable[str]) -> None:
    """Check every leaflet in every language it declares."""
    langs = list(site_languages)
    for leaflet in config.leaflets:
        for lang in leaflet.languages:
            check_sources(config, leaflet, lang, docs_dir, langs)
