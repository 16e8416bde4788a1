"""The decision tree: the data against the seed flowchart, one test per edge on the built
pages (smart-answers style), and every validation failure with its message."""

from __future__ import annotations

import html as html_lib
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from omringd.decision_tree import Tree, check_stubs, load_tree
from omringd.decision_tree_render import PageLinks, render_node_page, render_step
from omringd.decision_tree_svg import diagram
from omringd.errors import DataError

from .conftest import ROOT, build_site

DATA = ROOT / "data" / "decision-tree.yml"
STUBS = ROOT / "docs" / "nl" / "professionals" / "doorverwijzen"
LANGS = ["nl", "fr", "en", "ar", "tr", "pl"]
TREE = load_tree(DATA, languages=LANGS)

# The referral flowchart of seed 001 (with the acute-danger check and seed 004's registration
# during pregnancy outside Limburg), written out by hand: a change to the routing must be a
# deliberate change here too.
REGIONS = ["antwerpen", "limburg", "oost-vlaanderen", "vlaams-brabant-brussel", "west-vlaanderen"]
FLOWCHART: dict[tuple[str, str], str] = {
    ("acuut-gevaar", "ja"): "bel-112",
    ("acuut-gevaar", "nee"): "baby-of-kind",
    ("baby-of-kind", "buik"): "samenwerking-zwangerschap",
    ("baby-of-kind", "geboren"): "samenwerking-geboren",
    ("samenwerking-zwangerschap", "mogelijk"): "nood-aan-ondersteuning",
    ("samenwerking-zwangerschap", "beperkt"): "regio-zwangerschap",
    ("samenwerking-geboren", "mogelijk"): "nood-aan-ondersteuning",
    ("samenwerking-geboren", "beperkt"): "gemandateerde-voorziening",
    ("nood-aan-ondersteuning", "geen"): "zorgmelding",
    ("nood-aan-ondersteuning", "regulier"): "regulier-aanbod",
    ("nood-aan-ondersteuning", "onvoldoende"): "regio",
    **{("regio", r): f"zorggarantie-{r}" for r in REGIONS},
    **{
        ("regio-zwangerschap", r): "veilig-in-de-buik" if r == "limburg" else f"zorggarantie-{r}"
        for r in REGIONS
    },
}
OUTCOME_CONTACTS = {
    "bel-112": ["noodnummer-112", "hulplijn-1712"],
    "gemandateerde-voorziening": ["ocj-limburg"],
    "veilig-in-de-buik": ["veilig-van-in-de-buik", "ocj-limburg", "kind-en-gezin-lijn"],
    **{f"zorggarantie-{r}": [f"zorggarantie-{r}"] for r in REGIONS},
}


def test_routing_is_the_seed_flowchart() -> None:
    assert {(q, o): n for q, o, n in TREE.edges()} == FLOWCHART
    for node_id, contacts in OUTCOME_CONTACTS.items():
        assert list(TREE.nodes[node_id].contacts) == contacts


def test_every_path_ends_at_an_outcome() -> None:
    paths = TREE.outcome_paths()
    assert len(paths) == 21
    for path in paths:
        assert path[0].question == TREE.start
        assert not TREE.nodes[path[-1].next].is_question


class _Links(HTMLParser):
    """The answer links (data-omr-next) of a built node page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str]] = []
        self._open: tuple[str, str] | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("data-omr-next"):
            self._open, self._text = (a["data-omr-next"] or "", a.get("href") or ""), ""

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open:
            self.links.append((*self._open, self._text.strip()))
            self._open = None


@pytest.mark.parametrize(
    ("node", "option", "expected"),
    list(TREE.edges()),
    ids=[f"{q}--{o}" for q, o, _ in TREE.edges()],
)
def test_edge(site_dir: Path, node: str, option: str, expected: str) -> None:
    """On the built page of `node`, the answer `option` is a link to the page of `expected`."""
    page = site_dir / "professionals" / "doorverwijzen" / node / "index.html"
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    label = TREE.text(node, "nl").options[option].label
    assert (expected, f"../{expected}/", label) in parser.links
    assert (site_dir / "professionals" / "doorverwijzen" / expected / "index.html").is_file()


def test_stubs_exist_exactly_for_the_nodes() -> None:
    check_stubs(TREE, STUBS)
    pages = {p.stem for p in STUBS.glob("*.md")} - {"overzicht"}
    assert pages == set(TREE.nodes)


def test_outcome_pages_show_the_data(site_dir: Path) -> None:
    for node_id, node in TREE.nodes.items():
        html = (site_dir / "professionals/doorverwijzen" / node_id / "index.html").read_text()
        text = TREE.text(node_id, "nl")
        title = html_lib.unescape(re.search(r"<title>([^<]*)</title>", html).group(1))
        assert title.startswith(text.title), node_id
        assert f'data-omr-node="{node_id}"' in html
        shown = re.findall(r'data-omr-contact="([^"]+)"', html.split("omr-tree__trail")[0])
        assert shown == list(node.contacts), node_id


def _trail(html: str) -> str:
    return html.split("omr-tree__trail", 1)[1].split("</nav>", 1)[0]


def test_fallback_language_marks_dutch_words(site_dir: Path) -> None:
    # A language that has no words for this node yet shows the Dutch ones, marked as Dutch.
    lang = next(code for code in LANGS[1:] if TREE.text("regio", code).lang == "nl")
    html = (site_dir / lang / "professionals/doorverwijzen/regio/index.html").read_text()
    assert re.search(r'data-omr-tree-step[^>]*lang="nl" dir="ltr"', html)
    assert re.search(r'<li lang="nl" dir="ltr">', _trail(html))
    assert 'href="../zorggarantie-limburg/"' in html


@pytest.mark.parametrize(
    "lang", [code for code, state in TREE.languages.items() if state == "complete" and code != "nl"]
)
def test_complete_language_shows_its_own_words_unmarked(site_dir: Path, lang: str) -> None:
    html = (site_dir / lang / "professionals/doorverwijzen/regio/index.html").read_text()
    html = html_lib.unescape(html)
    text = TREE.text("regio", lang)
    assert text.lang == lang
    assert text.title in html
    assert text.options["antwerpen"].label in html
    assert not re.search(r"data-omr-tree-step[^>]*lang=", html)
    assert "<li lang=" not in _trail(html)


def _links() -> PageLinks:
    return PageLinks(
        href=lambda n: f"../{n}/", start="../../start/", overview="../o/", base="", assets=""
    )


def test_text_from_the_data_is_escaped(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    _edit(data["nl"], lambda d: d["nodes"]["acuut-gevaar"].update(help="<script>x</script>"))
    tree = load_tree(data["routing"])
    html = render_step(tree, "acuut-gevaar", "nl", _links(), heading=1)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_node_page_with_several_ways_in_links_each_previous_question() -> None:
    html = render_node_page(TREE, "nood-aan-ondersteuning", "nl", _links())
    assert 'href="../samenwerking-zwangerschap/"' in html
    assert 'href="../samenwerking-geboren/"' in html


def test_svg_diagram_is_xml_with_a_link_per_node() -> None:
    svg = diagram(TREE, "nl", lambda n: f"../{n}/", title="T", desc="D")
    root = ET.fromstring(svg)
    ns = {"s": "http://www.w3.org/2000/svg"}
    hrefs = {a.get("href") for a in root.iterfind(".//s:a", ns)}
    assert hrefs == {f"../{n}/" for n in TREE.nodes}
    assert len(root.findall(".//s:path", ns)) == len(list(TREE.edges())) + 1  # + arrow head
    # Readable on A4: at most 1000 units wide, so text stays above ~9 px when scaled to 18 cm.
    assert float(root.get("viewBox").split()[2]) <= 1000


# --- validation failures ---------------------------------------------------------------------


def _copy(tmp_path: Path) -> dict[str, Path]:
    out = {"routing": tmp_path / "decision-tree.yml"}
    shutil.copy(DATA, out["routing"])
    for lang_file in DATA.parent.glob("decision-tree.*.yml"):
        shutil.copy(lang_file, tmp_path / lang_file.name)
        out[lang_file.name.split(".")[1]] = tmp_path / lang_file.name
    return out


def _edit(path: Path, change) -> None:  # noqa: ANN001
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _fails(path: Path, *expected: str, **kwargs) -> DataError:  # noqa: ANN003
    with pytest.raises(DataError) as info:
        load_tree(path, **kwargs)
    for text in expected:
        assert text in info.value.message, info.value.message
    return info.value


def test_unreachable_node(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["acuut-gevaar"]["options"].pop(0))
    err = _fails(d["routing"], "decision-tree.yml", "node 'bel-112'", "cannot be reached")
    assert err.line is not None


def test_loop(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["regio"]["options"][0].update(next="baby-of-kind"))
    _fails(d["routing"], "decision-tree.yml", "node 'regio'", "makes a loop", "baby-of-kind →")


def test_question_without_options_ends_without_advice(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["regio"].update(options=[]))
    _fails(d["routing"], "decision-tree.yml", "node 'regio'", "without an advice")


def test_unknown_next_node(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["regio"]["options"][1].update(next="limburgg"))
    err = _fails(d["routing"], "node 'regio', option 'limburg'", "unknown node 'limburgg'")
    assert "bel-112" in err.message  # lists the valid ids


def test_unknown_start(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x.update(start="begin"))
    _fails(d["routing"], "start", "unknown node 'begin'")


def test_unknown_contact(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["bel-112"].update(contacts=["noodnummer-113"]))
    _fails(d["routing"], "decision-tree.yml", "node 'bel-112'", "'noodnummer-113' is not in")


def test_outcome_with_options_and_bad_kind(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["bel-112"].update(kind="advies"))
    _fails(d["routing"], "node 'bel-112', field 'kind'", "'advies'", "question, outcome")


def test_duplicate_option_id(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["regio"]["options"][1].update(id="antwerpen"))
    _fails(d["routing"], "node 'regio', option 'antwerpen'", "appears twice")


def test_duplicate_answer_labels(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(
        d["nl"],
        lambda x: x["nodes"]["baby-of-kind"]["options"].update(
            geboren="Een baby in de buik (tijdens de zwangerschap)"
        ),
    )
    _fails(d["routing"], "decision-tree.nl.yml", "node 'baby-of-kind'", "same answer")


def test_duplicate_answer_labels_in_a_translation(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["languages"].update(en="fallback"))
    (tmp_path / "decision-tree.en.yml").write_text(
        "nodes:\n  acuut-gevaar:\n    title: Danger?\n    short: Danger?\n"
        "    options: {ja: Yes, nee: 'Yes'}\n",
        encoding="utf-8",
    )
    # Unquoted Yes is a boolean in YAML: the message says so.
    _fails(
        d["routing"],
        "decision-tree.en.yml",
        "option 'ja'",
        "put the text in quotes",
        languages=["nl", "en"],
    )
    text = (tmp_path / "decision-tree.en.yml").read_text(encoding="utf-8")
    (tmp_path / "decision-tree.en.yml").write_text(text.replace("ja: Yes", "ja: 'yes'"))
    _fails(
        d["routing"],
        "decision-tree.en.yml",
        "node 'acuut-gevaar'",
        "same answer",
        "'en'",
        languages=["nl", "en"],
    )


def test_complete_language_missing_a_text(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["nl"], lambda x: x["nodes"]["zorgmelding"].pop("why"))
    _fails(d["routing"], "decision-tree.nl.yml", "node 'zorgmelding', field 'why'", "missing")


def test_complete_language_missing_a_node(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["languages"].update(fr="complete"))
    ui = yaml.safe_load(d["nl"].read_text(encoding="utf-8"))["ui"]
    (tmp_path / "decision-tree.fr.yml").write_text(
        yaml.safe_dump({"ui": ui, "nodes": {"bel-112": {"title": "Appelez le 112"}}}),
        encoding="utf-8",
    )
    _fails(
        d["routing"],
        "decision-tree.fr.yml",
        "node 'bel-112', field 'short'",
        "missing",
        languages=["nl", "fr"],
    )
    _edit(
        d["fr"] if "fr" in d else tmp_path / "decision-tree.fr.yml",
        lambda x: x["nodes"]["bel-112"].update(TREE.words["nl"].nodes["bel-112"]),
    )
    _fails(
        d["routing"],
        "decision-tree.fr.yml",
        "node 'acuut-gevaar'",
        "listed as complete",
        languages=["nl", "fr"],
    )


def test_complete_language_without_file(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["languages"].update(tr="complete"))
    (tmp_path / "decision-tree.tr.yml").unlink(missing_ok=True)
    _fails(
        d["routing"], "decision-tree.yml", "language 'tr'", "does not exist", languages=["nl", "tr"]
    )


def test_fallback_language_may_be_partial(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["languages"].update(en="fallback"))
    (tmp_path / "decision-tree.en.yml").write_text(
        "ui: {start_again: Start again}\nnodes:\n  bel-112:\n    title: Call 112\n",
        encoding="utf-8",
    )
    tree = load_tree(d["routing"], languages=["nl", "en"])
    assert tree.ui("en")["start_again"] == "Start again"
    assert tree.ui("en")["why"] == "Waarom?"
    # A node whose words are incomplete falls back as a whole, so no page mixes languages.
    assert tree.text("bel-112", "en").lang == "nl"


def test_language_not_listed(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["languages"].pop("pl"))
    _fails(d["routing"], "decision-tree.yml", "language 'pl'", "not listed", languages=LANGS)


def test_words_for_unknown_node_or_option(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["nl"], lambda x: x["nodes"]["regio"]["options"].update(gent="Gent"))
    _fails(d["routing"], "decision-tree.nl.yml", "node 'regio', option 'gent'", "not an option")
    d = _copy(tmp_path)
    _edit(d["nl"], lambda x: x["nodes"].update(extra={"title": "x"}))
    _fails(d["routing"], "decision-tree.nl.yml", "node 'extra'", "not in the routing file")


def test_unknown_field_and_bad_id(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["bel-112"].update(contact=["x"]))
    _fails(d["routing"], "node 'bel-112', field 'contact'", "unknown field")
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"].update(Overzicht=x["nodes"].pop("bel-112")))
    _fails(d["routing"], "node 'Overzicht'", "not a valid node id")


def test_yaml_syntax_error(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    d["routing"].write_text("start: [acuut-gevaar\n", encoding="utf-8")
    err = _fails(d["routing"], "decision-tree.yml", "YAML syntax")
    assert err.line is not None


def _tree_with_stubs(tmp_path: Path) -> tuple[Tree, Path]:
    stubs = tmp_path / "stubs"
    shutil.copytree(STUBS, stubs)
    return TREE, stubs


def test_missing_stub_page(tmp_path: Path) -> None:
    tree, stubs = _tree_with_stubs(tmp_path)
    (stubs / "regio.md").unlink()
    with pytest.raises(DataError, match=r"regio\.md: node 'regio': has no page"):
        check_stubs(tree, stubs)


def test_stub_page_with_wrong_marker(tmp_path: Path) -> None:
    tree, stubs = _tree_with_stubs(tmp_path)
    (stubs / "regio.md").write_text("<!-- decision-tree: node=bel-112 -->\n")
    with pytest.raises(DataError, match=r"regio\.md: node 'regio': the page must contain"):
        check_stubs(tree, stubs)


def test_stub_page_that_would_be_translated(tmp_path: Path) -> None:
    tree, stubs = _tree_with_stubs(tmp_path)
    text = (stubs / "regio.md").read_text(encoding="utf-8")
    (stubs / "regio.md").write_text(text.replace("translate: false\n", ""), encoding="utf-8")
    with pytest.raises(DataError, match=r"regio\.md: node 'regio': .*translate: false"):
        check_stubs(tree, stubs)


def test_left_over_stub_page(tmp_path: Path) -> None:
    tree, stubs = _tree_with_stubs(tmp_path)
    (stubs / "oud.md").write_text("<!-- decision-tree: node=oud -->\n")
    with pytest.raises(DataError, match=r"oud\.md: node 'oud': has a page but is not in"):
        check_stubs(tree, stubs)


def test_build_stops_when_a_node_page_is_missing(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    for name in ("docs", "overrides", "hooks", "data"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs/nl/professionals/doorverwijzen/zorgmelding.md").unlink()
    result = build_site(tmp_path / "site", root=root)
    assert result.returncode != 0
    assert "zorgmelding.md: node 'zorgmelding': has no page" in result.stderr
