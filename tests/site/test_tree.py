"""The referral tree as built: one test per edge (smart-answers style), the outcome pages,
the language marks on built pages, and a build that stops for a missing node page."""

from __future__ import annotations

import html as html_lib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from omringd.core.languages import direction
from tests.conftest import build_site, copy_project, real_tree
from tests.support.tree import (
    built_tree,
    check_word_languages,
    dom,
    fallback_language,
    nearest_lang,
    tree_pages,
)


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


def test_edge(site_dir: Path, tree_edge: tuple[str, str, str]) -> None:
    """On the built page of `node`, the answer `option` is a link to the page of `expected`."""
    node, option, expected = tree_edge
    page = site_dir / "professionals" / "doorverwijzen" / node / "index.html"
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    label = real_tree().text(node, "nl").options[option].label
    assert (expected, f"../{expected}/", label) in parser.links
    assert (site_dir / "professionals" / "doorverwijzen" / expected / "index.html").is_file()


def test_outcome_pages_show_the_data(site_dir: Path) -> None:
    for node_id, node in real_tree().nodes.items():
        html = (site_dir / "professionals/doorverwijzen" / node_id / "index.html").read_text()
        text = real_tree().text(node_id, "nl")
        title = html_lib.unescape(re.search(r"<title>([^<]*)</title>", html).group(1))
        assert title.startswith(text.title), node_id
        assert f'data-omr-node="{node_id}"' in html
        shown = re.findall(r'data-omr-contact="([^"]+)"', html.split("omr-tree__trail")[0])
        assert shown == list(node.contacts), node_id


@pytest.mark.parametrize(
    "page",
    [
        "professionals/doorverwijzen/regio",
        "professionals/doorverwijzen/bel-112",
        "professionals/doorverwijzen/nood-aan-ondersteuning",
        "professionals/waar-doorverwijzen",
        "professionals/doorverwijzen/overzicht",
    ],
)
def test_fallback_page_as_built_marks_only_the_words(site_dir: Path, page: str) -> None:
    lang = fallback_language()
    tree = built_tree(site_dir, lang, page)
    # The tree is in the page's language, also inside a page whose own text is still Dutch.
    assert nearest_lang(tree) == (lang, direction(lang))
    assert check_word_languages(tree, lang) > 0
    words = next(e for e in tree.iter() if e.has_class("omr-tree__title") or e.tag == "text")
    assert nearest_lang(words) == ("nl", "ltr")


def test_complete_language_shows_its_own_words_unmarked(
    site_dir: Path, translated_tree_language: str
) -> None:
    lang = translated_tree_language
    html = (site_dir / lang / "professionals/doorverwijzen/regio/index.html").read_text()
    tree = next(e for e in dom(html).iter() if e.has_class("omr-tree"))
    text = real_tree().text("regio", lang)
    assert text.lang == lang
    shown = " ".join(t for t, _ in tree.texts())
    assert text.title in shown and text.options["antwerpen"].label in shown
    for name, page in {
        "regio (built)": tree,
        **{k: dom(v) for k, v in tree_pages(lang).items()},
    }.items():
        marked = [
            e.tag
            for e in page.iter()
            if "lang" in e.attrs and not any(a.has_class("omr-card") for a in e.ancestors())
        ]
        assert not marked, f"{name}: {marked}"


def test_build_stops_when_a_node_page_is_missing(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "repo")
    (root / "docs/nl/professionals/doorverwijzen/zorgmelding.md").unlink()
    result = build_site(tmp_path / "site", root=root)
    assert result.returncode != 0
    assert "zorgmelding.md: node 'zorgmelding': has no page" in result.stderr
