"""Every marker the real pages use is declared by its capability; the docs pass the check."""

from __future__ import annotations

from pathlib import Path

import pytest

from omringd.core.errors import DataError
from omringd.site.markers import check_page_markers, marker_specs

DOCS = Path(__file__).resolve().parents[3] / "docs"


def test_every_capability_declares_its_markers() -> None:
    assert set(marker_specs()) == {
        "contact",
        "contacts",
        "roster",
        "team-finder",
        "decision-tree",
        "leaflet",
        "leaflets",
        "status",
        "sources",
    }


def test_every_page_of_the_site_passes() -> None:
    pages = sorted(DOCS.rglob("*.md"))
    assert pages
    for page in pages:
        check_page_markers(page.read_text(encoding="utf-8"), str(page))


def test_a_misspelt_marker_on_a_page_stops_with_the_markers_that_exist() -> None:
    with pytest.raises(DataError) as err:
        check_page_markers("# T\n\n<!-- contacs: all -->\n", "docs/nl/x.md")
    assert err.value.line == 3
    assert "did you mean 'contacts'" in err.value.problem
    assert "decision-tree" in (err.value.valid or "")
