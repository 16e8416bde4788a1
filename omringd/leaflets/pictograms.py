"""Pictograms drawn for the leaflets, one SVG file each in overrides/omringd/pictograms/
(no font icons, nothing fetched)."""

from __future__ import annotations

from omringd.core.paths import TEMPLATE_DIR

PICTOGRAM_DIR = TEMPLATE_DIR / "pictograms"


def pictogram_names() -> tuple[str, ...]:
    """The pictograms there are: the SVG files in PICTOGRAM_DIR, without '.svg'."""
    return tuple(sorted(p.stem for p in PICTOGRAM_DIR.glob("*.svg")))


def pictogram(name: str) -> str:
    """The SVG source of a pictogram (its file is checked when data/leaflets.yml is loaded)."""
    return (PICTOGRAM_DIR / f"{name}.svg").read_text(encoding="utf-8")
