"""Reading data/sources.yml and data/programmes.yml, checked against each other, once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from omringd.core.errors import DataError
from omringd.core.languages import SOURCE_LANGUAGE
from omringd.core.paths import DATA_DIR
from omringd.core.validation import validate
from omringd.core.yamlio import YamlDoc, load_yaml
from omringd.sources.model import Programme, ProgrammesFile, Source, SourcesFile, is_source

SOURCES_FILE = DATA_DIR / "sources.yml"
PROGRAMMES_FILE = DATA_DIR / "programmes.yml"


@dataclass(frozen=True)
class Registry:
    """Every source by id and every programme's status by id."""

    sources: dict[str, Source]
    programmes: dict[str, Programme]

    def source(self, value: str) -> Source | None:
        """The source an item names, or None for a public address."""
        return self.sources.get(value)


def _labels(doc: YamlDoc, key: str, label: str) -> dict[tuple[str | int, ...], str]:
    items = doc.data.get(key) if isinstance(doc.data, dict) else None
    if not isinstance(items, list):
        return {}
    return {
        (key, i): f"{label} '{item.get('id')}'" if isinstance(item, dict) else f"{label} #{i + 1}"
        for i, item in enumerate(items)
    }


def _unique(doc: YamlDoc, key: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for i, ident in enumerate(ids):
        if ident in seen:
            raise DataError(doc.path, f"{key} '{ident}'", "id used twice", line=doc.line((key, i)))
        seen.add(ident)


def parse_registry(
    sources_file: Path, programmes_file: Path, languages: tuple[str, ...] | None
) -> Registry:
    """Load and check both files; a programme's source must exist, its languages too (when
    `languages` is None, e.g. for a capability that only needs the ids, the languages are left
    to the site's own check)."""
    sdoc = load_yaml(sources_file)
    sources = validate(sdoc, SourcesFile, item_ids=_labels(sdoc, "sources", "source")).sources
    _unique(sdoc, "sources", [s.id for s in sources])
    pdoc = load_yaml(programmes_file)
    labels = _labels(pdoc, "programmes", "programme")
    programmes = validate(pdoc, ProgrammesFile, item_ids=labels).programmes
    _unique(pdoc, "programmes", [p.id for p in programmes])
    known = {s.id for s in sources}
    allowed = {SOURCE_LANGUAGE, *(languages or ())}
    for i, src in enumerate(sources):
        if isinstance(src.date, dict) and languages is not None:
            _site_languages(
                sdoc, ("sources", i, "date"), f"source '{src.id}', date", src.date, allowed
            )
    for i, prog in enumerate(programmes):
        if not is_source(prog.source, known):
            raise DataError(
                programmes_file,
                f"programme '{prog.id}', field source",
                f"'{prog.source}' is not a source",
                line=pdoc.line(("programmes", i, "source")),
                valid="an id from sources.yml (" + ", ".join(sorted(known)) + ") or https://…",
            )
        if languages is not None:
            where = f"programme '{prog.id}', status"
            _site_languages(pdoc, ("programmes", i, "status"), where, prog.status, allowed)
    return Registry({s.id: s for s in sources}, {p.id: p for p in programmes})


def _site_languages(
    doc: YamlDoc, loc: tuple[str | int, ...], where: str, texts: Iterable[str], allowed: set[str]
) -> None:
    """Each language of a per-language text is a language of the site."""
    for lang in texts:
        if lang not in allowed:
            raise DataError(
                doc.path,
                f"{where} language '{lang}'",
                "is not a language of the site",
                line=doc.line((*loc, lang)),
                valid=", ".join(sorted(allowed)),
            )


def _stamp(*paths: Path) -> tuple[int, ...]:
    return tuple(p.stat().st_mtime_ns if p.exists() else 0 for p in paths)


@lru_cache(maxsize=4)
def _cached(files: tuple[Path, Path], languages: tuple[str, ...] | None, stamp: object) -> Registry:
    return parse_registry(*files, languages)


def load_registry(
    languages: tuple[str, ...] | None = None,
    sources_file: Path = SOURCES_FILE,
    programmes_file: Path = PROGRAMMES_FILE,
) -> Registry:
    """The checked sources and programmes; cached until a file changes."""
    files = (Path(sources_file), Path(programmes_file))
    langs = None if languages is None else tuple(languages)
    return _cached(files, langs, _stamp(*files))
