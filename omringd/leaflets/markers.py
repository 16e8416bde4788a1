"""The leaflets' marker: where a page links to a leaflet's PDF."""

from omringd.core.markers import MarkerSpec

MARKER_SPECS = (
    MarkerSpec("leaflet", min_args=1, max_args=1, usage="<!-- leaflet: <leaflet id> -->"),
)
