"""The postal list and the mergers file: every mistake is a DataError with file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from omringd.contacts.places import load_places
from omringd.core.errors import DataError

ROWS = [
    {"postcode": "3500", "municipality": "Hasselt", "part": None, "province": "Limburg"},
    {"postcode": "3740", "municipality": "Bilzen", "part": "Beverst", "province": "Limburg"},
]
MERGERS = "mergers:\n  - name: Bilzen-Hoeselt\n    former: [Bilzen]\n    province: Limburg\n"


def _files(tmp_path: Path, rows: object = ROWS, mergers: str = MERGERS) -> tuple[Path, Path]:
    places = tmp_path / "places.json"
    lines = ",\n".join(json.dumps(r) for r in rows) if isinstance(rows, list) else str(rows)
    places.write_text(f"[\n{lines}\n]\n", encoding="utf-8")
    changes = tmp_path / "changes.yml"
    changes.write_text(mergers.replace("province: Limburg", "province: Limburg\n    year: 2025"))
    return places, changes


def test_good_files_load(tmp_path: Path) -> None:
    names = {p.name: p.municipality for p in load_places(*_files(tmp_path))}
    assert names["Beverst"] == "Bilzen-Hoeselt" and names["Hasselt"] == "Hasselt"


@pytest.mark.parametrize(
    ("change", "line", "expected"),
    [
        ({"postcode": "350"}, 3, "postcode"),
        ({"postcode": "35OO"}, 3, "postcode"),
        ({"province": "Luxemburg"}, 3, "province"),
        ({"municipality": ""}, 3, "municipality"),
    ],
)
def test_a_bad_row_names_its_line(
    tmp_path: Path, change: dict[str, str], line: int, expected: str
) -> None:
    rows = [ROWS[0], {**ROWS[1], **change}]
    with pytest.raises(DataError) as err:
        load_places(*_files(tmp_path, rows))
    assert err.value.line == line and expected in err.value.where
    assert "row 2" in err.value.where


def test_a_missing_field_is_named(tmp_path: Path) -> None:
    row = {k: v for k, v in ROWS[1].items() if k != "province"}
    with pytest.raises(DataError) as err:
        load_places(*_files(tmp_path, [ROWS[0], row]))
    assert "province" in err.value.where and "missing" in err.value.problem


def test_an_empty_list_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="empty"):
        load_places(*_files(tmp_path, []))


def test_a_merger_with_an_unknown_province_or_former_name(tmp_path: Path) -> None:
    with pytest.raises(DataError) as err:
        load_places(*_files(tmp_path, mergers=MERGERS.replace("Limburg", "Limbourg")))
    assert err.value.line == 4 and "province" in err.value.where
    with pytest.raises(DataError) as err:
        load_places(*_files(tmp_path, mergers=MERGERS.replace("[Bilzen]", "[Bilze]")))
    assert "'Bilze'" in err.value.where and err.value.line == 3
