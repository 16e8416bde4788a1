"""Bad site data stops the build with a message naming the file, the place and what is valid."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from omringd.core.errors import DataError
from omringd.core.pages import page_meta
from omringd.core.yamlio import load_yaml
from omringd.i18n.ui import load_ui

UI = """\
nl:
  exit_label: Snel weg
  reviewed: Nagekeken
fr:
  exit_label: Partir
  reviewed: Vérifié
"""


def _write(tmp_path: Path, text: str, name: str = "ui.yml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_ui_strings_load_for_every_language(tmp_path: Path) -> None:
    ui = load_ui(_write(tmp_path, UI), ["nl", "fr"])
    assert ui.for_lang("fr")["exit_label"] == "Partir"


def test_configured_language_without_strings_names_file_and_language(tmp_path: Path) -> None:
    with pytest.raises(DataError) as err:
        load_ui(_write(tmp_path, UI), ["nl", "fr", "tr"])
    assert "ui.yml" in err.value.message
    assert "'tr'" in err.value.message
    assert "valid: fr, nl" in err.value.message


def test_missing_key_names_language_key_and_line(tmp_path: Path) -> None:
    text = UI.replace("  reviewed: Vérifié\n", "")
    with pytest.raises(DataError) as err:
        load_ui(_write(tmp_path, text), ["nl", "fr"])
    assert "ui.yml:4" in err.value.message
    assert "missing keys: reviewed" in err.value.message


def test_unknown_key_is_refused(tmp_path: Path) -> None:
    text = UI + "  typo: x\n"
    with pytest.raises(DataError) as err:
        load_ui(_write(tmp_path, text), ["nl", "fr"])
    assert "key 'typo'" in err.value.message and "ui.yml:7" in err.value.message


def test_empty_string_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="exit_label.*non-empty"):
        load_ui(_write(tmp_path, UI.replace("Partir", '""')), ["nl", "fr"])


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
