"""Bad site data stops the build with a message naming the file, the place and what is valid."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from omringd.core.errors import DataError
from omringd.core.languages import check_language_folders
from omringd.core.pages import page_meta
from omringd.core.yamlio import load_yaml
from omringd.i18n.ui import load_ui
from tests.conftest import ROOT


def _ui() -> str:
    """The small interface-texts fixture."""
    return (Path(__file__).parents[2] / "fixtures" / "ui.yml").read_text(encoding="utf-8")


def _write(tmp_path: Path, text: str, name: str = "ui.yml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_ui_strings_load_for_every_language(tmp_path: Path) -> None:
    ui = load_ui(_write(tmp_path, _ui()), ["nl", "fr"])
    assert ui.for_lang("fr")["exit_label"] == "Partir"


def test_configured_language_without_strings_names_file_and_language(tmp_path: Path) -> None:
    with pytest.raises(DataError) as err:
        load_ui(_write(tmp_path, _ui()), ["nl", "fr", "tr"])
    assert "ui.yml" in err.value.message
    assert "'tr'" in err.value.message
    assert "valid: fr, nl" in err.value.message


def test_missing_key_names_language_key_and_line(tmp_path: Path) -> None:
    text = _ui().replace("  reviewed: Texte reviewed\n", "")
    with pytest.raises(DataError) as err:
        load_ui(_write(tmp_path, text), ["nl", "fr"])
    assert "ui.yml:18" in err.value.message
    assert "fr.reviewed: required field is missing" in err.value.message


def test_unknown_key_is_refused(tmp_path: Path) -> None:
    text = _ui() + "  exit_lable: x\n"
    with pytest.raises(DataError) as err:
        load_ui(_write(tmp_path, text), ["nl", "fr"])
    assert "fr.exit_lable: unknown field (did you mean 'exit_label'?)" in err.value.message
    assert "ui.yml:34" in err.value.message
    assert "valid: exit_hint, exit_label" in err.value.message


@pytest.mark.parametrize(
    "address", ["javascript:alert(1)", "http://www.meteo.be/nl", "https://x.org/a b", "meteo.be"]
)
def test_an_exit_address_that_is_not_https_is_refused(tmp_path: Path, address: str) -> None:
    text = _ui().replace("exit_url: https://example.org/fr", f'exit_url: "{address}"')
    with pytest.raises(DataError) as err:
        load_ui(_write(tmp_path, text), ["nl", "fr"])
    assert "fr.exit_url" in err.value.message and "https://" in err.value.message


def test_a_language_the_site_does_not_have_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError) as err:
        load_ui(_write(tmp_path, _ui()), ["nl"])
    assert "'fr'" in err.value.message and "not a language of the site" in err.value.message


def test_empty_string_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="exit_label.*at least 1 character"):
        load_ui(_write(tmp_path, _ui().replace("Partir", '""')), ["nl", "fr"])


def test_yaml_syntax_error_gives_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(DataError) as err:
        load_yaml(_write(tmp_path, "nl:\n  a: [1, 2\n  b: 3\n", "broken.yml"))
    assert err.value.file.endswith("broken.yml")
    assert err.value.line is not None and err.value.line >= 2
    assert "YAML syntax" in err.value.message


def test_yaml_lines_are_remembered(tmp_path: Path) -> None:
    doc = load_yaml(_write(tmp_path, "a:\n  - x: 1\n  - x: 2\n    y: 3\n"))
    assert doc.line(("a", 1, "y")) == 4
    assert doc.line(("a", 1, "missing")) == 3


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"reviewed": date(2026, 1, 1)}, "'audience': is missing"),
        ({"audience": "kids", "reviewed": date(2026, 1, 1)}, "is 'kids'"),
        ({"audience": "parents"}, "'reviewed'"),
        ({"audience": "parents", "reviewed": "soon"}, "YYYY-MM-DD"),
    ],
)
def test_front_matter_errors_name_the_page(meta: dict, expected: str) -> None:
    with pytest.raises(DataError) as err:
        page_meta(meta, "nl/ouders/x.md")
    assert err.value.message.startswith("nl/ouders/x.md:")
    assert expected in err.value.message


def test_front_matter_accepts_a_valid_page() -> None:
    meta = page_meta({"audience": "parents", "reviewed": date(2026, 11, 23)}, "x.md")
    assert meta.audience == "parents"


PAGE = "---\naudience: parents\nreviewed: 2026-01-05\naudiance: all\n---\n# Title\n"


def test_front_matter_unknown_key_names_line_and_nearest_key() -> None:
    from omringd.core.pages import front_matter, front_matter_lines

    with pytest.raises(DataError) as err:
        page_meta(front_matter(PAGE), "docs/nl/x.md", front_matter_lines(PAGE))
    assert err.value.line == 4
    assert "did you mean 'audience'" in err.value.problem


def test_a_review_date_in_the_future_is_refused() -> None:
    with pytest.raises(DataError) as err:
        page_meta({"audience": "all", "reviewed": date(2999, 1, 1)}, "docs/nl/x.md")
    assert "in the future" in err.value.message


def test_a_key_written_twice_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError) as err:
        load_yaml(_write(tmp_path, "nl:\n  a: 1\n  b: 2\n  a: 3\n"))
    assert err.value.line == 4 and "written twice (first on line 2)" in err.value.problem


def test_a_file_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yml"
    path.write_bytes("nl:\n  a: één\n".encode("latin-1"))
    with pytest.raises(DataError) as err:
        load_yaml(path)
    assert err.value.line == 2 and "not UTF-8" in err.value.problem


def test_a_pages_folder_of_a_language_the_site_does_not_have_is_refused(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    for lang in ("nl", "fr", "de"):
        (docs / lang).mkdir(parents=True)
    with pytest.raises(DataError) as caught:
        check_language_folders(docs, ("nl", "fr"))
    assert caught.value.file == "docs/de/"
    assert "'de' is not a language of the site" in caught.value.message
    assert "folders nl, fr" in caught.value.message


def test_a_page_outside_the_language_folders_is_refused(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "nl").mkdir(parents=True)
    (docs / "index.md").write_text("# x\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"docs/index\.md: pages folder: a file"):
        check_language_folders(docs, ("nl",))


def test_the_language_folders_of_the_site_pass(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    for lang in ("nl", "fr", ".git"):
        (docs / lang).mkdir(parents=True)
    check_language_folders(docs, ("nl", "fr"))


@pytest.mark.parametrize("value", ["2026-13-23", "2026-02-30"])
def test_an_impossible_date_names_file_line_and_key(tmp_path: Path, value: str) -> None:
    path = _write(tmp_path, f"items:\n  - id: a\n    checked: {value}\n", "x.yml")
    with pytest.raises(DataError) as caught:
        load_yaml(path)
    assert caught.value.line == 3
    assert caught.value.where == "items.0.checked"
    assert value in caught.value.problem and "YYYY-MM-DD" in caught.value.message


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "data").glob("*.yml")))
def test_the_fast_parser_reads_every_data_file_as_the_pure_python_one(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    from omringd.core import yamlio

    assert yamlio.FAST_LOADER is not yaml.SafeLoader  # libyaml is there: the fast path runs
    fast = load_yaml(ROOT / "data" / name)
    monkeypatch.setattr(yamlio, "FAST_LOADER", yaml.SafeLoader)
    pure = load_yaml(ROOT / "data" / name)
    assert fast.data == pure.data and fast.lines == pure.lines


def test_a_syntax_error_reads_as_the_pure_python_parser_says_it(tmp_path: Path) -> None:
    with pytest.raises(DataError) as err:
        load_yaml(_write(tmp_path, "a:\n  b: 1\n c: 2\n", "indent.yml"))
    # The message the README shows editors (libyaml words it differently).
    assert "expected <block end>, but found" in err.value.message
    assert err.value.line == 3


def test_a_data_error_crosses_processes_whole() -> None:
    # Leaflets are rendered in other processes (omringd.leaflets.batch); their errors come
    # back pickled.
    import pickle

    err = DataError("data/leaflets.yml", "leaflet 'x'", "does not fit", line=4, valid="shorter")
    again = pickle.loads(pickle.dumps(err))
    assert type(again) is DataError and again.message == err.message and again.line == 4
