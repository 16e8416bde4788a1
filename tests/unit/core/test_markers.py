"""The one marker grammar: parsing, and the checks against what each marker accepts."""

from __future__ import annotations

import pytest

from omringd.core.errors import DataError
from omringd.core.markers import (
    MarkerSpec,
    check_markers,
    find_markers,
    replace_markers,
    specs_by_name,
)

SPECS = specs_by_name(
    [
        MarkerSpec("contact", keys=("heading",), min_args=1, usage="<!-- contact: <id> -->"),
        MarkerSpec("tree", keys=("node",), required=("node",)),
    ]
)
PAGE = "---\naudience: all\n---\n# Title\n\n{}\n"


def test_values_and_keys_are_parsed() -> None:
    (marker,) = find_markers("<p><!-- contact: a b heading=3 --></p>")
    assert (marker.name, marker.args, marker.options) == ("contact", ("a", "b"), {"heading": "3"})


def test_replace_leaves_other_markers_for_their_own_hook() -> None:
    html = "<!-- contact: a --> <!-- tree: node=x -->"
    out = replace_markers(html, "contact", lambda m: f"[{m.args[0]}]")
    assert out == "[a] <!-- tree: node=x -->"


def test_a_marker_takes_the_paragraph_markdown_wrapped_around_it() -> None:
    html = "<p>Bel:</p>\n<p>\n <!-- contact: a -->\n</p>\n<p><b>x</b> <!-- contact: b --> y</p>"
    out = replace_markers(html, "contact", lambda m: f"[{m.args[0]}]")
    assert out == "<p>Bel:</p>\n[a]\n<p><b>x</b> [b] y</p>"
    assert replace_markers("<p>no marker</p>", "contact", lambda m: "x") == "<p>no marker</p>"


def test_a_good_page_passes() -> None:
    found = check_markers(PAGE.format("<!-- contact: a heading=2 -->"), "docs/nl/x.md", SPECS)
    assert [m.name for m in found] == ["contact"]


def test_ordinary_comments_are_not_markers() -> None:
    assert check_markers(PAGE.format("<!-- The words are in data. -->"), "x.md", SPECS) == []


@pytest.mark.parametrize(
    ("marker", "problem", "valid"),
    [
        ("<!-- contcat: a -->", "unknown marker 'contcat' (did you mean 'contact'?)", "contact"),
        ("<!-- contact: a heding=2 -->", "unknown key 'heding' (did you mean 'heading'?)", "keys"),
        ("<!-- contact: -->", "has 0 value(s)", "<!-- contact: <id> -->"),
        ("<!-- tree: x -->", "key 'node' is missing", "tree"),
    ],
)
def test_a_wrong_marker_names_file_line_and_what_exists(
    marker: str, problem: str, valid: str
) -> None:
    with pytest.raises(DataError) as err:
        check_markers(PAGE.format(marker), "docs/nl/x.md", SPECS)
    assert err.value.file == "docs/nl/x.md"
    assert err.value.line == 6
    assert problem in err.value.problem
    assert valid in (err.value.valid or "")


def test_a_marker_declared_twice_is_refused() -> None:
    with pytest.raises(ValueError):
        specs_by_name([MarkerSpec("a")], [MarkerSpec("a")])


def test_a_value_that_does_not_exist_names_the_line_and_the_ones_that_do() -> None:
    specs = specs_by_name([MarkerSpec("contact", min_args=1, known_args=lambda: ("opgroeipunt",))])
    with pytest.raises(DataError) as err:
        check_markers(PAGE.format("<!-- contact: opgroeipnt -->"), "docs/nl/x.md", specs)
    assert err.value.line == 6
    assert "'opgroeipnt' does not exist (did you mean 'opgroeipunt'?)" in err.value.problem
    assert err.value.valid == "opgroeipunt"
