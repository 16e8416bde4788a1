"""data/leaflets.yml checks: every mistake is one DataError naming file, line, item and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from omringd.core.errors import DataError
from omringd.leaflets import parse_leaflets
from tests.support.leaflets import write_config


def broken(tmp: Path, old: str, new: str, **kwargs: str) -> tuple[Path, int]:
    """The test config with `old` replaced by `new`; the path and the line `new` starts on."""
    path = write_config(tmp, **kwargs)
    text = path.read_text("utf-8")
    assert old in text, old
    text = text.replace(old, new, 1)
    path.write_text(text, "utf-8")
    return path, text[: text.index(new)].count("\n") + 1


def error(path: Path, contact_ids: list[str] | None = None) -> DataError:
    with pytest.raises(DataError) as err:
        parse_leaflets(path, contact_ids)
    return err.value


def test_the_test_config_is_valid(tmp_path: Path) -> None:
    config = parse_leaflets(write_config(tmp_path))
    assert [lf.id for lf in config.leaflets] == ["test-folder"]
    assert repr(config.print) == "PrintOptions(bleed_mm=3.0, crop_marks=False, image_dpi=300)"


def test_unknown_key_names_the_nearest_known_key_and_the_valid_ones(tmp_path: Path) -> None:
    path, line = broken(tmp_path, "{bleed_mm: 3,", "{blead: 3,")
    err = error(path)
    assert (err.file, err.line) == (str(path), line)
    assert err.where == "print.blead"
    assert "unknown field" in err.problem and "did you mean 'bleed_mm'" in err.problem
    assert err.valid == "bleed_mm, crop_marks, image_dpi"


def test_typo_of_a_required_key_is_named_as_the_typo_not_as_missing(tmp_path: Path) -> None:
    path, line = broken(tmp_path, "    paper: a5-folded", "    papr: a5-folded")
    err = error(path)
    assert (err.file, err.line) == (str(path), line)
    assert err.where == "leaflet 'test-folder', field papr"
    assert "did you mean 'paper'" in err.problem
    assert err.valid is not None and "paper" in err.valid.split(", ")


def test_a_word_where_a_number_is_wanted(tmp_path: Path) -> None:
    path, line = broken(tmp_path, "bleed_mm: 3", "bleed_mm: three")
    err = error(path)
    assert (err.file, err.line) == (str(path), line)
    assert err.where == "print.bleed_mm"
    assert "valid number" in err.problem


def test_a_number_where_a_list_is_wanted(tmp_path: Path) -> None:
    path, line = broken(tmp_path, "languages: [nl]", "languages: 3")
    err = error(path)
    assert (err.file, err.line) == (str(path), line)
    assert err.where == "leaflet 'test-folder', field languages"
    assert "valid tuple" in err.problem


def test_a_word_where_a_list_is_wanted(tmp_path: Path) -> None:
    path, line = broken(tmp_path, "languages: [nl]", "languages: nl")
    err = error(path)
    assert (err.line, err.where) == (line, "leaflet 'test-folder', field languages")


@pytest.mark.parametrize(
    ("old", "new", "where", "says"),
    [
        ("- page: a.md", "- page: a.html", "field content[0].page", "not a Markdown file"),
        ("- page: a.md", "- flowchart: tree", "field content[0].flowchart", "'decision-tree'"),
        ("- page: a.md", "- sections: [x]", "field content[0]", "exactly one of 'page'"),
        ("{nl: Testfolder,", "{nl: '  ',", "field title.nl", "at least 1 character"),
    ],
)
def test_content_items_are_checked_one_by_one(
    tmp_path: Path, old: str, new: str, where: str, says: str
) -> None:
    path, line = broken(tmp_path, old, new)
    err = error(path)
    assert err.line == line
    assert err.where == f"leaflet 'test-folder', {where}"
    assert says in err.problem


def test_unknown_paper_lists_the_papers(tmp_path: Path) -> None:
    path, line = broken(tmp_path, "paper: a5-folded", "paper: a6")
    err = error(path)
    assert (err.line, err.where, err.valid) == (line, "leaflet 'test-folder'", "a5-folded, a4")
    assert "unknown paper 'a6'" in err.problem


def test_unknown_contact_lists_the_directory(tmp_path: Path) -> None:
    path, line = broken(tmp_path, "- page: a.md", "- contacts: [nope]")
    err = error(path, contact_ids=["b", "a"])
    assert (err.line, err.where, err.valid) == (line, "leaflet 'test-folder'", "a, b")
    assert "contact 'nope' is not in data/contacts.yml" in err.problem


def test_family_without_a_font_lists_the_families(tmp_path: Path) -> None:
    path, line = broken(tmp_path, "ar: [Omringd Arabic,", "ar: [Omringd Arab,")
    err = error(path)
    assert (err.line, err.where) == (line, "families 'ar'")
    assert err.valid == "Omringd Arabic, Omringd Sans"


def test_a_label_needs_its_dutch_text(tmp_path: Path) -> None:
    path, line = broken(tmp_path, "scan: {nl: scan nl, ", "scan: {")
    err = error(path)
    assert (err.line, err.where, err.problem) == (line, "label 'scan'", "has no 'nl' text")


def test_a_leaflet_defined_twice(tmp_path: Path) -> None:
    path = write_config(tmp_path)
    text = path.read_text("utf-8")
    first = text.index("  - id: test-folder")
    path.write_text(text + text[first:], "utf-8")
    err = error(path)
    assert err.where == "leaflet 'test-folder'" and err.problem == "is defined twice"
    assert err.line == (text + text[first:]).count("\n", 0, len(text)) + 1
