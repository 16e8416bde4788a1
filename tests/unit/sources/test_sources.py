"""Sources and programme status: loading, the checks, and the status box."""

from __future__ import annotations

from pathlib import Path

import pytest

from omringd.core.errors import DataError
from omringd.sources import load_registry, parse_registry, render_status

SOURCES = """\
sources:
  - id: folder
    title: Folder
    publisher: Opgroeien
    date: zonder datum
"""
PROGRAMMES = """\
programmes:
  - id: project
    status:
      nl: Een proefproject, tot eind 2022.
      fr: Un projet pilote, jusqu’à fin 2022.
    source: folder
    checked: 2026-12-01
"""
LABELS = {"status_title": "Stand", "status_source": "Bron", "status_checked": "Nagekeken op"}


def _files(tmp_path: Path, sources: str = SOURCES, programmes: str = PROGRAMMES) -> list[Path]:
    (tmp_path / "s.yml").write_text(sources, encoding="utf-8")
    (tmp_path / "p.yml").write_text(programmes, encoding="utf-8")
    return [tmp_path / "s.yml", tmp_path / "p.yml"]


def test_the_real_files_load_and_every_programme_names_a_source() -> None:
    registry = load_registry(("nl", "fr", "en", "ar", "tr", "pl"))
    assert "veilig-en-omringd" in registry.programmes
    for programme in registry.programmes.values():
        assert registry.source(programme.source) or programme.source.startswith("https://")


def test_status_shows_text_source_and_date(tmp_path: Path) -> None:
    registry = parse_registry(*_files(tmp_path), ("nl", "fr"))
    html = render_status(registry, "project", "nl", "docs/nl/x.md", LABELS)
    assert "Een proefproject, tot eind 2022." in html
    assert "Folder (Opgroeien, zonder datum)" in html
    assert 'datetime="2026-12-01"' in html and 'lang="' not in html


def test_a_source_date_is_given_in_the_reader_s_language(tmp_path: Path) -> None:
    dated = SOURCES.replace(
        "    date: zonder datum\n", "    date: {nl: zonder datum, fr: sans date}\n"
    )
    registry = parse_registry(*_files(tmp_path, sources=dated), ("nl", "fr", "tr"))
    assert "Folder (Opgroeien, sans date)" in render_status(registry, "project", "fr", "x", LABELS)
    # A language without its own text gets the Dutch one.
    assert "Folder (Opgroeien, zonder datum)" in render_status(
        registry, "project", "tr", "x", LABELS
    )
    for bad, says in (("{fr: sans date}", "needs a 'nl' text"), ("{nl: x, de: y}", "'de'")):
        wrong = SOURCES.replace("    date: zonder datum\n", f"    date: {bad}\n")
        with pytest.raises(DataError) as err:
            parse_registry(*_files(tmp_path, sources=wrong), ("nl", "fr"))
        assert says in str(err.value) and err.value.line == 5  # the date line


def test_an_untranslated_status_is_dutch_and_says_so(tmp_path: Path) -> None:
    registry = parse_registry(*_files(tmp_path), ("nl", "fr", "tr"))
    html = render_status(registry, "project", "tr", "docs/tr/x.md", LABELS)
    assert '<span lang="nl">Een proefproject' in html


def test_markup_in_a_status_is_escaped(tmp_path: Path) -> None:
    text = PROGRAMMES.replace("Een proefproject", "<img src=x onerror=alert(1)>")
    registry = parse_registry(*_files(tmp_path, programmes=text), ("nl", "fr"))
    html = render_status(registry, "project", "nl", "x.md", LABELS)
    assert "<img" not in html and "&lt;img" in html


@pytest.mark.parametrize(
    ("programmes", "expected"),
    [
        (PROGRAMMES.replace("source: folder", "source: foldr"), "is not a source"),
        (PROGRAMMES.replace("source: folder", "source: http://x.be"), "is not a source"),
        (PROGRAMMES.replace("2026-12-01", "2999-01-01"), "in the future"),
        (PROGRAMMES.replace("    checked: 2026-12-01\n", ""), "required field is missing"),
        (PROGRAMMES.replace("      nl:", "      xx:"), "needs a 'nl' text"),
        (PROGRAMMES.replace("      fr:", "      de:"), "not a language of the site"),
        (PROGRAMMES.replace("    source:", "    sorce:"), "did you mean 'source'"),
    ],
)
def test_a_bad_programme_names_file_and_what_is_valid(
    tmp_path: Path, programmes: str, expected: str
) -> None:
    with pytest.raises(DataError) as err:
        parse_registry(*_files(tmp_path, programmes=programmes), ("nl", "fr"))
    assert err.value.file.endswith("p.yml") and err.value.line is not None
    assert expected in err.value.message


def test_an_unknown_programme_in_a_marker(tmp_path: Path) -> None:
    registry = parse_registry(*_files(tmp_path), ("nl", "fr"))
    with pytest.raises(DataError, match="names no programme"):
        render_status(registry, "projekt", "nl", "docs/nl/x.md", LABELS)


def test_the_ids_load_without_a_language_list() -> None:
    # The marker check needs only the programme ids, before the site's languages are known.
    assert "veilig-en-omringd" in load_registry().programmes


# How a page names the Limburg project: its own page, or its name (kept in Dutch everywhere).
_MENTIONS_PROJECT = ("veilig-en-omringd.md", "Veilig en omringd opgroeien van in de buik")


def test_every_page_that_names_the_pilot_shows_its_one_status_sentence() -> None:
    # The status lives in data/programmes.yml only: a page that names the project without the
    # marker would keep saying what it said when the editor changes that one line.
    docs = Path(__file__).resolve().parents[3] / "docs"
    missing = [
        str(page.relative_to(docs))
        for page in sorted(docs.rglob("*.md"))
        if any(m in page.read_text(encoding="utf-8") for m in _MENTIONS_PROJECT)
        and page.name != "veilig-en-omringd.md"
        and "<!-- status: veilig-en-omringd -->" not in page.read_text(encoding="utf-8")
    ]
    assert not missing, missing
