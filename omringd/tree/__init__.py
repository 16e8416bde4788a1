"""The referral decision tree "Waar verwijs ik door?": its data, its checks and its HTML.

This package owns `data/decision-tree.yml` (routing: nodes, options, contacts, languages) and
`data/decision-tree.<lang>.yml` (words): reading and validating them (`loading`, with the file
shapes in `files` and the rules across items in `validate`), the `Tree` and its walks
(`model`), the node pages, start page and overview (`render`) and the SVG flowchart
(`diagram`). It knows nothing of MkDocs: hooks/omringd_tree.py is its adapter.
"""

from omringd.tree.diagram import Layout, diagram, layout
from omringd.tree.loading import load_tree, site_tree, words_path
from omringd.tree.markers import MARKER_SPECS
from omringd.tree.model import Node, NodeText, Option, OptionText, Step, Tree, Words
from omringd.tree.render import PageLinks, node_for_page, render_marker
from omringd.tree.validate import check_stubs

__all__ = [
    "MARKER_SPECS",
    "Layout",
    "Node",
    "NodeText",
    "Option",
    "OptionText",
    "PageLinks",
    "Step",
    "Tree",
    "Words",
    "check_stubs",
    "diagram",
    "layout",
    "load_tree",
    "node_for_page",
    "render_marker",
    "site_tree",
    "words_path",
]
