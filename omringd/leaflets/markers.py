"""The leaflets' markers: where a page links to a leaflet's PDF, and the leaflets page."""

from omringd.core.markers import MarkerSpec

MARKER_SPECS = (
    MarkerSpec("leaflet", min_args=1, max_args=1, usage="<!-- leaflet: <leaflet id> -->"),
    # The leaflets page: every leaflet in every language, with a picture of its first page.
    MarkerSpec(
        "leaflets",
        min_args=1,
        max_args=1,
        usage="<!-- leaflets: all -->",
        known_args=lambda: ("all",),
    ),
)
