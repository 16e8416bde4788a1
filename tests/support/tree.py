"""Helpers for the referral-tree tests: page links, the text a reader sees, and a small DOM
that tells which language and direction each text of a rendered page is in."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from omringd.core.languages import direction
from omringd.tree.render import PageLinks, render_node_page, render_overview, render_start
from tests.conftest import real_tree, site_languages


def links() -> PageLinks:
    return PageLinks(
        href=lambda n: f"../{n}/", start="../../start/", overview="../o/", base="", assets=""
    )


def shown(node_id: str, lang: str = "nl") -> str:
    """The text of the outcome's page as a reader sees it (tags dropped)."""
    html = render_node_page(real_tree(), node_id, lang, links())
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", html.split("omr-tree__trail")[0]))


class Element:
    """An element of a parsed page: tag, attributes, children (elements and text)."""

    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Element | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Element | str] = []

    def iter(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def texts(self) -> Iterator[tuple[str, Element]]:
        """Every text in document order with the element it is in."""
        for child in self.children:
            if isinstance(child, Element):
                yield from child.texts()
            else:
                yield child, self

    def ancestors(self) -> Iterator[Element]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def has_class(self, name: str) -> bool:
        return name in (self.attrs.get("class") or "").split()


_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
        "path",
        "rect",
    }
)


class _Dom(HTMLParser):
    """A small DOM of a page from html.parser (our markup closes every element it opens)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self._open = Element("#root", {}, None)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs), self._open)
        self._open.children.append(element)
        if tag not in _VOID:
            self._open = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open.children.append(Element(tag, dict(attrs), self._open))

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self._open
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:  # an unmatched end tag is ignored
            self._open = node.parent

    def handle_data(self, data: str) -> None:
        self._open.children.append(data)


def dom(html: str) -> Element:
    parser = _Dom()
    parser.feed(html)
    parser.close()
    return parser.root


def node_words(lang: str) -> dict[str, set[str]]:
    """Every text of every node as shown on `lang` pages, mapped to the language it is in."""
    words: dict[str, set[str]] = {}
    for node_id in real_tree().nodes:
        t = real_tree().text(node_id, lang)
        texts = [t.title, t.short, t.help, t.summary, t.why, *t.conditions, *t.next_steps]
        texts += [o.label for o in t.options.values()] + [o.short for o in t.options.values()]
        for text in texts:
            if text:
                words.setdefault(" ".join(text.replace("**", "").split()), set()).add(t.lang)
    return words


def _source_languages(fragment: str, words: dict[str, set[str]]) -> set[str]:
    """The languages of the node words that contain `fragment` (none: an interface string)."""
    return {code for text, codes in words.items() if fragment in text for code in codes}


def dir_of(element: Element) -> str | None:
    """The direction an element sets: `dir` in HTML, the `direction` property in SVG."""
    svg = any(e.tag == "svg" for e in (element, *element.ancestors()))
    return element.attrs.get("direction" if svg else "dir")


def check_word_languages(root: Element, lang: str) -> int:
    """Node words carry the language they are in, everything else is in the page's language.

    Every text outside the contact cards (which are in the page language and mark their own
    proper names): when it is part of the node words, its nearest `lang` (the page's when no
    element has one) is the language of those words with the matching `dir`; when it is not
    (interface strings, arrows, punctuation), no element around it changes the language.
    Cards are never inside an element in another language. Returns how many texts it saw in
    another language than the page's.
    """
    words = node_words(lang)
    seen = 0
    for element in root.iter():
        if element.has_class("omr-card"):
            around = [a.attrs["lang"] for a in element.ancestors() if "lang" in a.attrs]
            assert set(around) <= {lang}, f"a card inside lang={around}"
    for text, parent in root.texts():
        fragment = " ".join(text.split())
        chain = [parent, *parent.ancestors()]
        if not re.search(r"\w", fragment) or any(
            e.tag in ("script", "style") or e.has_class("omr-card") for e in chain
        ):
            continue
        marked = next((e for e in chain if "lang" in e.attrs), None)
        effective = marked.attrs["lang"] if marked else lang
        expected = _source_languages(fragment, words) or {lang}
        assert effective in expected, f"{fragment!r} is in lang={effective}, not {expected}"
        shown_dir = next(
            (d for d in map(dir_of, chain) if d),
            direction(lang),  # what the page sets on its body
        )
        assert shown_dir == direction(effective), f"{fragment!r} is {shown_dir}"
        seen += effective != lang
    return seen


def fallback_language() -> str:
    """A site language that shows Dutch words for some nodes (picked from the data)."""
    return next(
        code
        for code in site_languages()[1:]
        if any(real_tree().text(node_id, code).lang == "nl" for node_id in real_tree().nodes)
    )


def tree_pages(lang: str) -> dict[str, str]:
    """The markup of every node page, the start page and the overview in `lang`."""
    pages = {n: render_node_page(real_tree(), n, lang, links()) for n in real_tree().nodes}
    pages["start"] = render_start(real_tree(), lang, links())
    pages["overview"] = render_overview(real_tree(), lang, links())
    return pages


def built_tree(site_dir: Path, lang: str, page: str) -> Element:
    html = (site_dir / lang / page / "index.html").read_text(encoding="utf-8")
    return next(e for e in dom(html).iter() if e.has_class("omr-tree"))


def nearest_lang(element: Element) -> tuple[str, str]:
    """The language and direction in effect at `element` (the page sets dir on its body)."""
    chain = [element, *element.ancestors()]
    lang = next(e.attrs["lang"] or "" for e in chain if "lang" in e.attrs)
    return lang, next(d for d in map(dir_of, chain) if d)
