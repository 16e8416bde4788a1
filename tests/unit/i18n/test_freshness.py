"""Translation freshness: up to date, out of date after the Dutch text changes, or an error."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from omringd.core.errors import DataError
from omringd.i18n.freshness import body_hash, check_translation, format_table, status_table

DUTCH = "---\naudience: parents\nreviewed: 2026-11-23\n---\n\n# Ouders\n\nKorte zin.\n"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """A tiny docs tree in its own git repository with one committed Dutch page."""
    (tmp_path / "docs" / "nl").mkdir(parents=True)
    (tmp_path / "docs" / "fr").mkdir()
    (tmp_path / "docs" / "nl" / "ouders.md").write_text(DUTCH, encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "nl")
    return tmp_path / "docs"


def _translate(docs: Path, source: str, certified: bool = False) -> Path:
    page = docs / "fr" / "ouders.md"
    page.write_text(
        f"---\naudience: parents\nreviewed: 2026-11-23\nsource: {source}\n"
        f"certified: {str(certified).lower()}\n---\n\n# Parents\n",
        encoding="utf-8",
    )
    return page


def test_hash_ignores_front_matter() -> None:
    assert body_hash(DUTCH) == body_hash(DUTCH.replace("2026-11-23", "2027-01-01"))
    assert body_hash(DUTCH) != body_hash(DUTCH.replace("Korte", "Lange"))


def test_translation_of_the_current_text_is_up_to_date(docs: Path) -> None:
    page = _translate(docs, body_hash(DUTCH), certified=True)
    fresh = check_translation(page, docs / "nl" / "ouders.md", "fr")
    assert fresh.status == "up to date" and fresh.certified


def test_changing_the_dutch_text_makes_the_translation_out_of_date(docs: Path) -> None:
    page = _translate(docs, body_hash(DUTCH))
    source = docs / "nl" / "ouders.md"
    source.write_text(DUTCH.replace("Korte zin.", "Een nieuwe zin."), encoding="utf-8")
    assert check_translation(page, source, "fr").status == "out of date"
    rows = status_table(docs, ["nl", "fr", "en"])
    assert [(r.page, r.lang, r.status) for r in rows] == [
        ("ouders.md", "fr", "out of date"),
        ("ouders.md", "en", "missing"),
    ]
    assert "0 up to date, 1 out of date, 1 missing" in format_table(rows)


def test_a_source_version_that_never_existed_names_file_and_language(docs: Path) -> None:
    page = _translate(docs, "0123456789ab")
    with pytest.raises(DataError) as err:
        check_translation(page, docs / "nl" / "ouders.md", "fr")
    message = err.value.message
    assert "fr/ouders.md" in message and "language 'fr'" in message
    assert "0123456789ab" in message and body_hash(DUTCH) in message


def test_a_translation_without_source_version_is_refused(docs: Path) -> None:
    page = _translate(docs, "")
    with pytest.raises(DataError, match="'source'.*missing"):
        check_translation(page, docs / "nl" / "ouders.md", "fr")


def test_a_translation_without_dutch_page_is_refused(docs: Path) -> None:
    page = _translate(docs, "x")
    with pytest.raises(DataError, match="no Dutch source"):
        check_translation(page, docs / "nl" / "missing.md", "fr")


def test_structure_only_pages_are_not_listed(docs: Path) -> None:
    stub = "---\naudience: all\nreviewed: 2026-11-23\ntranslate: false\n---\n<!-- x: y -->\n"
    (docs / "nl" / "stub.md").write_text(stub, encoding="utf-8")
    assert [r.page for r in status_table(docs, ["nl", "fr"])] == ["ouders.md"]
