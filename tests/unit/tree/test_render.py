"""Rendering the tree: escaping of data text, links between steps, the SVG diagram."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

from omringd.tree import diagram, load_tree
from omringd.tree.render import render_node_page, render_step
from tests.conftest import ROOT, real_tree
from tests.support.tree import links

FIXTURE = ROOT / "tests" / "fixtures" / "tree"


def _copy(tmp_path: Path) -> dict[str, Path]:
    """The fixture tree (tests/fixtures/tree/) in `tmp_path`, by file: routing, nl, fr, ..."""
    out = {"routing": tmp_path / "decision-tree.yml"}
    shutil.copy(FIXTURE / "decision-tree.yml", out["routing"])
    for lang_file in FIXTURE.glob("decision-tree.*.yml"):
        shutil.copy(lang_file, tmp_path / lang_file.name)
        out[lang_file.name.split(".")[1]] = tmp_path / lang_file.name
    return out


def _edit(path: Path, change) -> None:  # noqa: ANN001
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_text_from_the_data_is_escaped(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    _edit(data["nl"], lambda d: d["nodes"]["acuut-gevaar"].update(help="<script>x</script>"))
    tree = load_tree(data["routing"])
    html = render_step(tree, "acuut-gevaar", "nl", links(), heading=1)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_node_page_with_several_ways_in_links_each_previous_question() -> None:
    html = render_node_page(real_tree(), "nood-aan-ondersteuning", "nl", links())
    assert 'href="../samenwerking-zwangerschap/"' in html
    assert 'href="../samenwerking-geboren/"' in html


def test_svg_diagram_is_xml_with_a_link_per_node() -> None:
    svg = diagram(real_tree(), "nl", lambda n: f"../{n}/", title="T", desc="D")
    root = ET.fromstring(svg)
    ns = {"s": "http://www.w3.org/2000/svg"}
    hrefs = {a.get("href") for a in root.iterfind(".//s:a", ns)}
    assert hrefs == {f"../{n}/" for n in real_tree().nodes}
    assert len(root.findall(".//s:path", ns)) == len(list(real_tree().edges())) + 1  # + arrow head
    # Readable on A4: at most 1000 units wide, so text stays above ~9 px when scaled to 18 cm.
    assert float(root.get("viewBox").split()[2]) <= 1000
