"""Every <img> gets width and height from its file; an image without a readable size stops
the build (omringd.site.images)."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from omringd.core.errors import DataError
from omringd.site.images import add_image_sizes, png_size, svg_size


def _finder(files: dict[str, Path]):
    return lambda site_path: files.get(site_path)


def test_svg_size_from_width_and_height_or_viewbox() -> None:
    assert svg_size('<svg xmlns="x" width="64" height="48" viewBox="0 0 10 10">') == (64, 48)
    assert svg_size('<svg width="64px" height="32px">') == (64, 32)
    assert svg_size('<?xml version="1.0"?><svg viewBox="0 0 120 60"></svg>') == (120, 60)
    assert svg_size('<svg width="100%" height="100%"></svg>') is None
    assert svg_size("<p>no svg</p>") is None


def test_png_size_from_its_header() -> None:
    ihdr = b"\x89PNG\r\n\x1a\n" + b"\0\0\0\rIHDR" + struct.pack(">II", 300, 200)
    assert png_size(ihdr) == (300, 200)
    assert png_size(b"GIF89a" + b"\0" * 20) is None


def test_sizes_are_filled_in_from_the_file(tmp_path: Path) -> None:
    svg = tmp_path / "p.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"></svg>')
    find = _finder({"assets/p.svg": svg})
    html = '<p><img alt="" src="../assets/p.svg"> and <img src="../assets/p.svg" alt=""/></p>'
    out = add_image_sizes(html, "fr/", find, "docs/fr/index.md")
    assert out == (
        '<p><img alt="" src="../assets/p.svg" width="64" height="64"> and '
        '<img src="../assets/p.svg" alt="" width="64" height="64"/></p>'
    )


def test_one_given_dimension_keeps_the_proportions(tmp_path: Path) -> None:
    svg = tmp_path / "w.svg"
    svg.write_text('<svg width="200" height="100"></svg>')
    out = add_image_sizes('<img src="w.svg" width="50">', "", _finder({"w.svg": svg}), "x.md")
    assert out == '<img src="w.svg" width="50" height="25">'


def test_sized_images_and_raw_text_are_left_as_they_are() -> None:
    html = '<img src="a.jpg" width="1" height="2"><pre><img src="b.jpg"></pre>'
    assert add_image_sizes(html, "", _finder({}), "x.md") == html


@pytest.mark.parametrize("src", ["missing.svg", "photo.jpg", "https://example.org/a.png"])
def test_an_image_without_a_readable_size_stops_the_build(tmp_path: Path, src: str) -> None:
    jpg = tmp_path / "photo.jpg"
    jpg.write_bytes(b"\xff\xd8\xff")
    with pytest.raises(DataError) as err:
        add_image_sizes(f'<img alt="" src="{src}">', "", _finder({"photo.jpg": jpg}), "x.md")
    assert f"x.md: image '{src}'" in err.value.message
    assert "width" in err.value.message
