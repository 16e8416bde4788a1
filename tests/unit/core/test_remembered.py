"""Derived values kept between builds are worked out once per key, and only once a folder is
named."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from omringd.core.remembered import keep_in, remembered


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    keep_in(tmp_path / "derived")
    yield tmp_path / "derived"
    keep_in(None)


def _counting(calls: list[str], value: object):  # noqa: ANN202
    return lambda: calls.append("worked out") or value


def test_without_a_folder_every_value_is_worked_out() -> None:
    calls: list[str] = []
    remembered("x", "k", _counting(calls, [1]))
    remembered("x", "k", _counting(calls, [1]))
    assert calls == ["worked out", "worked out"]


def test_a_value_is_worked_out_once_per_key(folder: Path) -> None:
    calls: list[str] = []
    assert remembered("x", "k1", _counting(calls, {"a": [1, "é"]})) == {"a": [1, "é"]}
    assert remembered("x", "k1", _counting(calls, "other")) == {"a": [1, "é"]}
    assert calls == ["worked out"]
    assert remembered("x", "k2", _counting(calls, "two")) == "two"  # another key
    assert calls == ["worked out", "worked out"]


def test_an_unreadable_file_is_worked_out_again(folder: Path) -> None:
    calls: list[str] = []
    remembered("x", "k", _counting(calls, 1))
    for path in folder.iterdir():
        path.write_text("{broken", "utf-8")
    assert remembered("x", "k", _counting(calls, 2)) == 2
    assert remembered("x", "k", _counting(calls, 3)) == 2  # written anew
    assert calls == ["worked out", "worked out"]


def test_kept_holidays_are_the_librarys(folder: Path) -> None:
    import holidays

    from omringd.contacts.hours import _holidays

    _holidays.cache_clear()
    first = _holidays((2026, 2027))
    _holidays.cache_clear()
    assert _holidays((2026, 2027)) == first  # the second time from the folder
    assert list(folder.iterdir())
    expected = holidays.country_holidays("BE", years=(2026, 2027), language="nl")
    assert dict(first) == dict(expected.items())
    _holidays.cache_clear()


def test_a_written_file_is_whole_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    import json

    from omringd.core.files import write_json

    path = tmp_path / "deep" / "x.json"
    write_json(path, {"a": ["é", 1]})
    write_json(path, {"a": ["b"]})  # replaced, not appended
    assert json.loads(path.read_text("utf-8")) == {"a": ["b"]}
    assert [p.name for p in path.parent.iterdir()] == ["x.json"]
