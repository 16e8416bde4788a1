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
        ("- page: a.md", "- {flowchart: decision-tree, roster: r}", "field content[0]", "'roster'"),
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


def test_unknown_roster_lists_the_rosters(tmp_path: Path) -> None:
    path, line = broken(tmp_path, "- page: a.md", "- roster: nope")
    with pytest.raises(DataError) as err:
        parse_leaflets(path, contact_ids=["a"], roster_ids=["r2", "r1"])
    assert (err.value.line, err.value.where, err.value.valid) == (
        line,
        "leaflet 'test-folder'",
        "r1, r2",
    )
    assert "roster 'nope' is not in data/contacts.yml" in err.value.problem
    config = parse_leaflets(path.parent / path.name, contact_ids=["a"], roster_ids=["nope"])
    assert [(p.kind, p.roster) for p in config.leaflets[0].parts] == [("roster", "nope")]


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


FOLDER = """
    content:
      - page: a.md
        pictograms: [worry]
    cover:
      tagline: {nl: Voor ouders}
      pictogram: family
    back:
      contacts: [a]
"""


def folder_config(tmp: Path, **kwargs: str) -> Path:
    """The test config with a cover, a back and a pictogram."""
    path = write_config(tmp, **kwargs)
    text = path.read_text("utf-8").replace("\n    content:\n      - page: a.md\n", FOLDER)
    path.write_text(text, "utf-8")
    return path


def test_a_folder_with_cover_back_and_pictograms_is_valid(tmp_path: Path) -> None:
    leaflet = parse_leaflets(folder_config(tmp_path), ["a"]).leaflets[0]
    assert leaflet.cover is not None and leaflet.cover.pictogram == "family"
    assert leaflet.back is not None and leaflet.back.contacts == ("a",)
    assert leaflet.parts[0].pictograms == ("worry",)
    assert "a" in leaflet.contacts


@pytest.mark.parametrize(
    ("old", "new", "says", "valid"),
    [
        ("[worry]", "[wory]", "pictogram 'wory' does not exist", "family"),
        ("pictogram: family", "pictogram: famly", "pictogram 'famly' does not exist", "worry"),
        ("contacts: [a]", "contacts: [b]", "contact 'b' is not in data/contacts.yml", "a"),
    ],
)
def test_folder_mistakes_name_the_line_and_what_is_valid(
    tmp_path: Path, old: str, new: str, says: str, valid: str
) -> None:
    path = folder_config(tmp_path)
    text = path.read_text("utf-8")
    path.write_text(text.replace(old, new, 1), "utf-8")
    err = error(path, contact_ids=["a"])
    assert err.line == text[: text.index(old)].count("\n") + 1
    assert err.where == "leaflet 'test-folder'"
    assert says in err.problem
    assert valid in (err.valid or "").split(", ")


def test_the_cover_tagline_is_needed_in_every_language(tmp_path: Path) -> None:
    path = folder_config(tmp_path, langs="[nl, ar]")
    err = error(path, contact_ids=["a"])
    assert err.where == "leaflet 'test-folder'"
    assert err.problem == "the cover's tagline has no 'ar' text"
    text = path.read_text("utf-8")
    assert err.line == text[: text.index("tagline:")].count("\n") + 1


def test_a_translated_leaflet_needs_the_translation_notice(tmp_path: Path) -> None:
    from omringd.leaflets import check_sources

    path = write_config(tmp_path, langs="[nl, ar]")
    text = path.read_text("utf-8")
    path.write_text(
        text.replace(
            "translation_notice: {nl: translation_notice nl, ar: translation_notice ar}",
            "translation_notice: {nl: translation_notice nl}",
        ),
        "utf-8",
    )
    config = parse_leaflets(path)
    docs = tmp_path / "docs"
    for lang in ("nl", "ar"):
        (docs / lang).mkdir(parents=True)
        (docs / lang / "a.md").write_text("# A\n", "utf-8")
    check_sources(config, config.leaflets[0], "nl", docs, ["nl", "ar"])
    with pytest.raises(DataError) as err:
        check_sources(config, config.leaflets[0], "ar", docs, ["nl", "ar"])
    assert "translation_notice" in err.value.problem
    assert err.value.where == "leaflet 'test-folder', language 'ar'"


def test_the_fit_check_never_goes_below_the_paper_floor() -> None:
    from omringd.leaflets import PAPERS

    folder, flyer = PAPERS["a5-folded"], PAPERS["a4"]
    assert folder.min_pt >= 12 and flyer.min_pt >= 10
    for paper in (folder, flyer):
        sizes = paper.fit_sizes()
        assert sizes[0] == paper.font_pt and sizes[-1] == paper.min_pt
        assert list(sizes) == sorted(sizes, reverse=True)
        # A language that reads small gets a larger floor too.
        assert min(paper.fit_sizes(1.1)) == pytest.approx(paper.min_pt * 1.1)


def test_the_team_finder_on_the_back_must_be_a_page(tmp_path: Path) -> None:
    from omringd.leaflets import check_sources

    path = folder_config(tmp_path)
    text = path.read_text("utf-8").replace(
        "contacts: [a]\n", "contacts: [a]\n      team_finder: b.md\n"
    )
    path.write_text(text, "utf-8")
    config = parse_leaflets(path, ["a"])
    docs = tmp_path / "docs" / "nl"
    docs.mkdir(parents=True)
    (docs / "a.md").write_text("# A\n", "utf-8")
    with pytest.raises(DataError) as err:
        check_sources(config, config.leaflets[0], "nl", tmp_path / "docs", ["nl"])
    assert err.value.file == str(path) and err.value.line is not None
    assert err.value.problem == "back.team_finder: the page b.md does not exist"
    (docs / "b.md").write_text("# B\n", "utf-8")
    check_sources(config, config.leaflets[0], "nl", tmp_path / "docs", ["nl"])
