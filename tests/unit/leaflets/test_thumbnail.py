"""The picture of a leaflet's first page: made from the PDF at build time, cached with it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from omringd.leaflets import PAPERS, picture_url, thumbnail_path, thumbnail_size
from tests.unit.leaflets.test_leaflets import SHORT, make_site, render


def test_size_follows_the_paper() -> None:
    assert thumbnail_size(PAPERS["a5-folded"]) == (240, 341)
    assert thumbnail_size(PAPERS["a4"]) == (240, 339)
    assert thumbnail_size(PAPERS["a5-folded"], 120) == (120, 170)


@pytest.mark.parametrize("paper", ["a5-folded", "a4"])
def test_rendering_a_leaflet_puts_the_picture_of_its_first_page_beside_it(
    tmp_path: Path, paper: str
) -> None:
    _, result = render(tmp_path, paper=paper)
    picture = thumbnail_path(result.path)
    assert picture.name == result.path.stem + ".webp"
    image = Image.open(picture)
    assert image.format == "WEBP"
    assert image.size == thumbnail_size(PAPERS[paper])
    # Cut to the page: the cover's colour band reaches the top edge (no white bleed or marks).
    top = image.convert("RGB").getpixel((image.width // 2, 1))
    assert top != (255, 255, 255) and sum(top) < 300, top
    # The picture is of this PDF's first page: the band's title shows as light pixels on dark.
    band = image.convert("L").crop((0, 0, image.width, image.height // 6))
    darkest, lightest = band.getextrema()
    assert lightest > 200 and darkest < 100
    # Kept in the cache beside the cached PDF.
    cached = list((tmp_path / "cache").glob("test-folder-nl-*.webp"))
    assert len(cached) == 1 and cached[0].read_bytes() == picture.read_bytes()


def test_a_cached_leaflet_gets_its_picture_from_the_cache(tmp_path: Path) -> None:
    _, first = render(tmp_path)
    picture = thumbnail_path(first.path)
    picture.unlink()
    cached = next((tmp_path / "cache").glob("test-folder-nl-*.webp"))
    _, second = render(tmp_path)
    assert second.cached
    assert picture.read_bytes() == cached.read_bytes()
    # A cache from before pictures existed: the picture is made from the cached PDF.
    cached.unlink()
    picture.unlink()
    _, third = render(tmp_path)
    assert third.cached and thumbnail_path(third.path).is_file() and cached.is_file()


def test_the_picture_url_is_beside_the_pdf(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"nl": SHORT})
    assert picture_url(site, "x", "nl") == "leaflets/x-nl.webp"
    assert picture_url(site, "x", "fr") == "fr/leaflets/x-fr.webp"
