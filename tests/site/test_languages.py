"""Every page in every language: lang/dir, switcher to the same page, symmetric hreflang."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from omringd.core.languages import Language, alternates, neutral_path
from tests.conftest import ROOT, site_languages

LANGS = [Language("nl", "Nederlands"), Language("fr", "Français"), Language("ar", "العربية")]


def test_alternates_keep_the_reader_on_the_same_page() -> None:
    alts = alternates("fr/ouders/x/", "fr", LANGS, "nl")
    assert [(a.lang, a.path, a.current) for a in alts] == [
        ("nl", "ouders/x/", False),
        ("fr", "fr/ouders/x/", True),
        ("ar", "ar/ouders/x/", False),
    ]


def test_neutral_path_of_a_language_home() -> None:
    assert neutral_path("fr/", "fr", "nl") == ""
    assert neutral_path("", "nl", "nl") == ""
    assert neutral_path("ouders/", "nl", "nl") == "ouders/"


def test_arabic_is_right_to_left() -> None:
    assert LANGS[2].dir == "rtl" and LANGS[0].dir == "ltr"


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.html: dict[str, str] = {}
        self.body: dict[str, str] = {}
        self.hreflang: dict[str, str] = {}
        self.switcher: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.html = a
        elif tag == "body":
            self.body = a
        elif tag == "link" and "alternate" in a.get("rel", "").split():
            self.hreflang[a["hreflang"]] = a["href"]
        elif tag == "a" and "md-select__link" in a.get("class", ""):
            self.switcher.append(a)


def _parse(path: Path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _content_pages(site_dir: Path) -> list[Path]:
    return [p for p in site_dir.rglob("index.html") if "search" not in p.parts]


def test_every_page_declares_its_language_and_direction(site_dir: Path) -> None:
    langs = set(site_languages())
    for page in _content_pages(site_dir):
        rel = page.relative_to(site_dir).parts
        lang = rel[0] if rel[0] in langs else "nl"
        head = _parse(page)
        assert head.html.get("lang") == lang, page
        assert head.body.get("dir") == ("rtl" if lang == "ar" else "ltr"), page


def test_switcher_links_exist_and_mark_the_current_language(site_dir: Path) -> None:
    langs = list(site_languages())
    pages = _content_pages(site_dir)
    assert len(pages) >= len(langs) * 10
    for page in pages:
        links = _parse(page).switcher
        assert [a["hreflang"] for a in links] == langs, page
        assert all(a["lang"] == a["hreflang"] for a in links)
        assert sum(a.get("aria-current") == "page" for a in links) == 1, page
        for a in links:
            target = (page.parent / a["href"]).resolve() / "index.html"
            assert target.is_file(), f"{page}: switcher link {a['href']} does not exist"


def test_hreflang_links_are_symmetric_with_x_default(site_dir: Path) -> None:
    langs = site_languages()
    url = re.compile(r"^https?://[^/]+/")
    graph: dict[str, dict[str, str]] = {}
    for page in _content_pages(site_dir):
        rel = page.relative_to(site_dir).parent.as_posix()
        own = "" if rel == "." else rel + "/"
        links = {k: url.sub("", v) for k, v in _parse(page).hreflang.items()}
        assert set(links) == {*langs, "x-default"}, page
        assert own in links.values(), f"{page} does not list itself"
        graph[own] = links
    for own, links in graph.items():
        for target in links.values():
            assert graph[target] == links, f"hreflang of {own} and {target} disagree"


def _translatable_in_dutch(rel: Path) -> bool:
    """False for a page whose Dutch source says `translate: false`."""
    from omringd.core.pages import front_matter, translatable

    for source in (
        ROOT / "docs" / "nl" / rel.parent / "index.md",
        ROOT / "docs" / "nl" / f"{rel.parent}.md",
    ):
        if source.is_file():
            return translatable(front_matter(source.read_text(encoding="utf-8")))
    return True


def test_untranslated_pages_carry_dutch_lang_and_a_banner(site_dir: Path) -> None:
    checked = 0
    for lang in site_languages()[1:]:
        for page in _content_pages(site_dir / lang):
            rel = page.relative_to(site_dir / lang)
            source = ROOT / "docs" / lang / rel.parent / "index.md"
            html = page.read_text(encoding="utf-8")
            translated = source.is_file() or (ROOT / "docs" / lang / f"{rel.parent}.md").is_file()
            # Structure-only pages (decision-tree steps) take their words from data files in
            # the page's language: they are never shown as untranslated Dutch pages.
            if translated or not _translatable_in_dutch(rel):
                assert "omr-banner--fallback" not in html, page
                continue
            assert '<div lang="nl" dir="ltr">' in html, f"{page}: fallback not marked as Dutch"
            assert "omr-banner--fallback" in html, page
            checked += 1
    assert checked > 0


def test_each_language_has_its_own_404(site_dir: Path) -> None:
    default = site_languages()[0]
    for lang in site_languages():
        page = site_dir / "404.html" if lang == default else site_dir / lang / "404.html"
        head = _parse(page)
        assert head.html.get("lang") == lang, page


def test_sitemap_lists_every_page_with_all_its_languages(site_dir: Path) -> None:
    import xml.etree.ElementTree as ET

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(site_dir / "sitemap.xml").getroot()
    urls = root.findall("s:url", ns)
    dutch = [
        p
        for p in _content_pages(site_dir)
        if p.relative_to(site_dir).parts[0] not in site_languages()
    ]
    assert len(urls) >= len(dutch)
    for url in urls:
        hreflangs = {link.get("hreflang") for link in url.findall("x:link", ns)}
        assert hreflangs >= set(site_languages()), url.find("s:loc", ns).text
