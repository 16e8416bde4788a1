"""The decision tree's marker: where a page shows the tree's start, overview or one node."""

from omringd.core.markers import MarkerSpec

MARKER_SPECS = (
    MarkerSpec(
        "decision-tree",
        keys=("node",),
        max_args=1,
        usage="<!-- decision-tree: start -->, <!-- decision-tree: overview --> "
        "or <!-- decision-tree: node=<id> -->",
    ),
)
