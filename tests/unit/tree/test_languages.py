"""Language marks on rendered tree pages: node words carry the language they are in (a
fallback language shows Dutch words marked as Dutch), interface strings and cards never."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

from omringd.tree import diagram, load_tree
from omringd.tree.render import render_overview, render_start
from tests.conftest import ROOT, real_tree, site_languages
from tests.support.tree import check_word_languages, dom, fallback_language, links, tree_pages

FIXTURE = ROOT / "tests" / "fixtures" / "tree"


def _copy(tmp_path: Path) -> dict[str, Path]:
    """The fixture tree (tests/fixtures/tree/) in `tmp_path`, by file: routing, nl, fr, ..."""
    out = {"routing": tmp_path / "decision-tree.yml"}
    shutil.copy(FIXTURE / "decision-tree.yml", out["routing"])
    for lang_file in FIXTURE.glob("decision-tree.*.yml"):
        shutil.copy(lang_file, tmp_path / lang_file.name)
        out[lang_file.name.split(".")[1]] = tmp_path / lang_file.name
    return out


def test_node_words_carry_their_own_language(site_language: str) -> None:
    lang = site_language
    dutch = 0
    for name, html in tree_pages(lang).items():
        try:
            dutch += check_word_languages(dom(html), lang)
        except AssertionError as err:
            raise AssertionError(f"{lang}, {name}: {err}") from err
    falls_back = any(real_tree().text(n, lang).lang != lang for n in real_tree().nodes)
    assert (dutch > 0) == falls_back


def test_interface_strings_and_cards_are_never_marked_dutch() -> None:
    lang = fallback_language()
    ui = real_tree().ui(lang)
    for name, html in tree_pages(lang).items():
        root = dom(html)
        for element in root.iter():
            if element.attrs.get("lang") != "nl":
                continue
            inside = " ".join(" ".join(t.split()) for t, _ in element.texts())
            assert not element.has_class("omr-tree__step"), name
            assert not [e for e in element.iter() if e.has_class("omr-card")], name
            assert not [v for v in ui.values() if v in inside], f"{name}: {inside!r}"
            # The answer list's label ("Choose an answer") is an interface string too.
            assert not [e for e in element.iter() if "aria-label" in e.attrs], name


def test_tree_marks_its_root_only_inside_content_in_another_language() -> None:
    lang = fallback_language()
    for render_page in (render_start, render_overview):
        root = next(
            e for e in dom(render_page(real_tree(), lang, links())).iter() if e.tag == "div"
        )
        assert "lang" not in root.attrs
        root = next(
            e
            for e in dom(render_page(real_tree(), lang, links(), around="nl")).iter()
            if e.tag == "div"
        )
        assert root.attrs.get("lang") == lang


def test_overview_prefix_is_each_languages_own() -> None:
    # French puts a non-breaking space before the colon; the prefix comes from the ui strings.
    assert "Question\u00a0: " in render_overview(real_tree(), "fr", links())
    assert "Question : " not in render_overview(real_tree(), "fr", links())
    assert "Vraag: " in render_overview(real_tree(), "nl", links())
    for lang in site_languages():
        assert set(real_tree().ui(lang)) == set(real_tree().ui("nl")), lang


def _edit(path: Path, change) -> None:  # noqa: ANN001
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_answers_in_two_languages_are_each_marked(tmp_path: Path) -> None:
    """A join whose questions are translated in one branch only: each answer has its lang."""
    d = _copy(tmp_path)
    # 'zorgmelding' is reached from 'regio' (in English here) and 'baby-of-kind' (Dutch).
    regio = {
        "title": "In which region does the family live?",
        "short": "Which region?",
        "options": {"antwerpen": "Antwerp", "limburg": {"label": "Limburg", "short": "in Limburg"}},
    }
    _edit(d["en"], lambda x: x.update(nodes={"regio": regio}))
    tree = load_tree(d["routing"], languages=["nl", "en"])
    assert tree.text("regio", "en").lang == "en"
    assert tree.text("baby-of-kind", "en").lang == "nl"
    svg = ET.fromstring(diagram(tree, "en", lambda n: f"../{n}/", title="T", desc="D"))
    langs = {t.text: t.get("lang") for t in svg.iter("{http://www.w3.org/2000/svg}text")}
    en_short = tree.text("regio", "en").options["limburg"].short
    nl_short = tree.text("baby-of-kind", "en").options["geboren-jonger-dan-3"].short
    assert langs[en_short] is None and langs[nl_short] == "nl"
    for t in svg.iter("{http://www.w3.org/2000/svg}text"):
        assert (t.get("lang") is None) == (t.get("direction") is None)
    overview = dom(render_overview(tree, "en", links()))
    answers = {
        " ".join(t for t, _ in e.texts()): e.attrs.get("lang")
        for e in overview.iter()
        if e.has_class("omr-tree__answer")
    }
    assert answers[tree.text("regio", "en").options["limburg"].label] is None
    assert answers[tree.text("baby-of-kind", "en").options["geboren-jonger-dan-3"].label] == "nl"
