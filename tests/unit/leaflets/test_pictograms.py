"""Pictograms: drawn for us as SVG files, one opening each section heading of a part."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from omringd.core.errors import DataError
from omringd.leaflets.html import add_pictograms
from omringd.leaflets.pictograms import PICTOGRAM_DIR, pictogram, pictogram_names

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>'


def test_every_pictogram_is_a_small_self_contained_svg() -> None:
    names = pictogram_names()
    assert {"family", "worry", "helpers", "home", "plan", "signal"} <= set(names)
    for name in names:
        svg = pictogram(name)
        root = ET.fromstring(svg)
        assert root.tag.endswith("svg") and root.get("viewBox"), name
        # Decorative, and nothing fetched: no links, no embedded pictures, no text to read.
        assert root.get("aria-hidden") == "true", name
        assert "href" not in svg and "<image" not in svg and "<text" not in svg, name
        assert (PICTOGRAM_DIR / f"{name}.svg").stat().st_size < 4_000, name


def test_one_pictogram_per_section_heading_in_order_after_the_part_title() -> None:
    html = "<h2>Title</h2><p>x</p><h3>One</h3><p>y</p><h3>Two</h3><p>z</p>"
    out = add_pictograms(html, [SVG, SVG], "here")
    assert out.count("<svg") == 2
    assert "<h2>Title</h2>" in out
    assert out.count('class="omr-leaflet__pictoheading"') == 2
    # Fewer pictograms than sections: the first sections get them.
    assert add_pictograms(html, [SVG], "here").count("<svg") == 1


def test_more_pictograms_than_sections_stops_the_build() -> None:
    with pytest.raises(DataError) as err:
        add_pictograms("<h2>A</h2><p>x</p><h2>B</h2>", [SVG, SVG, SVG], "leaflet 'x', page a.md")
    assert err.value.where == "leaflet 'x', page a.md"
    assert err.value.problem == "3 pictograms for 2 section headings"
    assert err.value.valid == "at most 2 pictograms, one per section, in order"
