"""Every marker a page may hold, from every capability, checked against the page's source."""

from __future__ import annotations

from functools import cache

from omringd.contacts import MARKER_SPECS as CONTACT_MARKERS
from omringd.core.markers import Marker, MarkerSpec, check_markers, specs_by_name
from omringd.leaflets import MARKER_SPECS as LEAFLET_MARKERS
from omringd.site.audience import check_audience
from omringd.site.sources import MARKER_SPECS as SITE_SOURCE_MARKERS
from omringd.sources import MARKER_SPECS as SOURCE_MARKERS
from omringd.tree import MARKER_SPECS as TREE_MARKERS


@cache
def marker_specs() -> dict[str, MarkerSpec]:
    """The markers of all capabilities, by name."""
    return specs_by_name(
        CONTACT_MARKERS, TREE_MARKERS, LEAFLET_MARKERS, SOURCE_MARKERS, SITE_SOURCE_MARKERS
    )


def check_page_markers(source: str, src: str) -> list[Marker]:
    """The markers of one page's Markdown source; a DataError (file, line) for a wrong one,
    or for a professionals-only contact on a parent page."""
    markers = check_markers(source, src, marker_specs())
    check_audience(source, src)
    return markers
