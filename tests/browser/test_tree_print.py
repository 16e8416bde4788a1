"""The decision tree on paper: an advice and its contact cards stay whole, nothing to click is
printed, and the overview (nested list and diagram) prints readably on A4 from Chromium. Also
the diagram's layout and markup, which need no browser."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import pytest
from pypdf import PdfReader

from omringd.core.jinja import render
from omringd.tree import Layout, layout
from omringd.tree.diagram import Box, Line, Tag
from tests.conftest import real_tree, site_languages

START = "professionals/waar-doorverwijzen/"
NODES = "professionals/doorverwijzen/"
A4_PT = (595.28, 841.89)
MIN_PT = 7.0
MM = 96 / 25.4  # CSS px per mm


def _outcomes() -> list[str]:
    return [n for n, node in real_tree().nodes.items() if not node.is_question]


VISIBLE = """sel => [...document.querySelectorAll(sel)].some(el => {
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  return s.display !== "none" && s.visibility !== "hidden" && r.width > 0 && r.height > 0;
})"""
BREAK_INSIDE = (
    "sel => [...document.querySelectorAll(sel)].map(e => getComputedStyle(e).breakInside)"
)
# The @page margins of the site's print style sheet, in mm (top, right, bottom, left).
PAGE_MARGINS = """() => {
  for (const sheet of document.styleSheets) {
    let rules;
    try { rules = [...sheet.cssRules]; } catch (e) { continue; }
    for (const media of rules.filter(r => r instanceof CSSMediaRule)) {
      for (const r of media.cssRules) {
        if (r instanceof CSSPageRule && r.style.marginTop) {
          return ["marginTop", "marginRight", "marginBottom", "marginLeft"].map(
            k => parseFloat(r.style[k]));
        }
      }
    }
  }
  return null;
}"""


def _words(text: str) -> str:
    return " ".join(text.split())


def _page_texts(pdf: Path) -> list[str]:
    return [_words(p.extract_text()) for p in PdfReader(pdf).pages]


def _pages_with(texts: list[str], needle: str) -> list[int]:
    # Compared without spaces: a title may break over two lines after a hyphen
    # ("team Oost-" / "Vlaanderen"), which the PDF text gives as "Oost- Vlaanderen".
    flat = "".join(needle.split())
    return [i for i, t in enumerate(texts) if flat in "".join(t.split())]


# --- the diagram, without a browser ------------------------------------------------------------


def _rects(lay: Layout) -> list[tuple[str, float, float, float, float]]:
    return [("box " + b.href, b.x, b.y, b.width, b.height) for b in lay.boxes] + [
        ("tag " + t.lines[0].text, t.x, t.y, t.width, t.height) for t in lay.tags
    ]


def test_diagram_boxes_and_answer_tags_never_overlap(site_language: str) -> None:
    lang = site_language
    lay = layout(real_tree(), lang, lambda n: n)
    assert {b.href for b in lay.boxes} == set(real_tree().nodes)
    for (a, ax, ay, aw, ah), (b, bx, by, bw, bh) in combinations(_rects(lay), 2):
        apart = ax + aw <= bx or bx + bw <= ax or ay + ah <= by or by + bh <= ay
        assert apart, f"{lang}: {a} overlaps {b}"
    for r in _rects(lay):
        assert r[1] >= 0 and r[1] + r[3] <= lay.width and r[2] >= 0 and r[2] + r[4] <= lay.height


def test_diagram_is_narrow_enough_for_a4() -> None:
    # Across the A4 text width (210 mm less 2 x 14 mm margins) its text prints at MIN_PT or more.
    for lang in ("nl", "fr", "en", "pl", "tr", "ar"):
        lay = layout(real_tree(), lang, lambda n: n)
        assert lay.font * (182 * 72 / 25.4) / lay.width >= MIN_PT, (lang, lay.width)


def test_diagram_template_escapes_text_and_links() -> None:
    line = Line(10, 20, "<b>Kind & Gezin</b>", "nl")
    lay = Layout(
        lang="nl",
        width=100,
        height=80,
        font=12.5,
        edges=("M1 1 C1 2 3 4 5 6",),
        tags=(Tag(0, 0, 40, 18, (line,)),),
        boxes=(Box('../a/?x=1&y="2"', 0, 30, 90, 40, True, (line,)),),
    )
    svg = render("tree-diagram.html", d=lay, title="<Titel>", desc="A & B")
    root = ET.fromstring(svg)  # well-formed: nothing from the data became markup
    ns = {"s": "http://www.w3.org/2000/svg"}
    assert root.find("s:title", ns).text == "<Titel>"
    assert [t.text for t in root.iterfind(".//s:text", ns)] == [line.text, line.text]
    assert root.find("s:a", ns).get("href") == '../a/?x=1&y="2"'
    assert root.get("viewBox") == "0 0 100 80"
    # An outcome box is drawn bold with a thick border; the tag is italic.
    assert root.find("s:a/s:text", ns).get("font-weight") == "700"
    assert root.find("s:text", ns).get("font-style") == "italic"


# --- print emulation ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def context(browser) -> Iterator[object]:  # noqa: ANN001
    ctx = browser.new_context()
    yield ctx
    ctx.close()


def _open(context, url: str, node_id: str | None = None, media: str = "print"):  # noqa: ANN001, ANN202
    page = context.new_page()
    page.goto(url)
    if node_id:
        page.wait_for_selector(f"[data-omr-tree-current] [data-omr-node='{node_id}']")
    page.emulate_media(media=media)
    return page


@pytest.mark.browser
@pytest.mark.parametrize("where", ["page", "start"])
def test_printed_advice_hides_navigation_and_keeps_advice_and_cards_whole(
    context, server: str, where: str
) -> None:  # noqa: ANN001
    node_id = max(_outcomes(), key=lambda n: len(real_tree().nodes[n].contacts))
    url = f"{server}{NODES}{node_id}/" if where == "page" else f"{server}{START}?stap={node_id}"
    wait = node_id if where == "start" else None
    screen = _open(context, url, wait, media="screen")
    # On screen they are there, so the checks on paper below can fail.
    for sel in (".md-header", ".omr-exit", ".md-sidebar--primary", ".omr-tree__links"):
        assert screen.evaluate(VISIBLE, sel), sel
    screen.close()
    paper = _open(context, url, wait)
    for sel in (".md-header", ".omr-exit", ".md-sidebar", ".md-tabs", ".omr-tree__links"):
        assert not paper.evaluate(VISIBLE, sel), sel
    cards = paper.locator(".omr-tree__step--outcome .omr-card")
    assert cards.count() == len(real_tree().nodes[node_id].contacts) > 1
    assert paper.evaluate(BREAK_INSIDE, ".omr-tree__step--outcome .omr-card") == ["avoid"] * (
        cards.count()
    )
    for i in range(cards.count()):
        assert cards.nth(i).is_visible()
    paper.close()


def _outcome_fits_a_sheet(page) -> bool:  # noqa: ANN001
    """Whether the advice is at most one A4 page tall, laid out at the printed width."""
    top, right, bottom, left = page.evaluate(PAGE_MARGINS)
    page.set_viewport_size(
        {"width": round((210 - left - right) * MM), "height": round((297 - top - bottom) * MM)}
    )
    height = page.evaluate(
        "document.querySelector('.omr-tree__step--outcome').getBoundingClientRect().height"
    )
    return height <= (297 - top - bottom) * MM


@pytest.mark.browser
def test_every_advice_prints_whole_on_its_first_sheet(context, server: str, tmp_path: Path) -> None:  # noqa: ANN001
    whole = []
    for node_id in _outcomes():
        text = real_tree().text(node_id, "nl")
        page = _open(context, f"{server}{NODES}{node_id}/")
        fits = _outcome_fits_a_sheet(page)
        page.pdf(path=str(tmp_path / "advice.pdf"), format="A4")
        page.close()
        texts = _page_texts(tmp_path / "advice.pdf")
        # The advice starts on the first sheet (no sheet with only a heading, or nothing).
        assert _pages_with(texts, text.title)[:1] == [0], node_id
        if fits:
            last = (text.next_steps or text.conditions or (text.why,))[-1]
            ends = _pages_with(texts, " ".join(last.split()[:5]))
            assert ends[:1] == [0], f"{node_id}: its end is printed on another sheet"
            whole.append(node_id)
    # The compact print style makes most advice fit on one sheet.
    assert len(whole) >= len(_outcomes()) - 1, whole


@pytest.mark.browser
def test_a_long_advice_starts_on_the_first_sheet_in_every_language(
    context, server: str, tmp_path: Path
) -> None:  # noqa: ANN001
    # Chrome moves a block it must keep whole, and that is taller than a sheet, to the next
    # sheet: the first one came out blank (fr, ar, tr, pl: the Limburg advice).
    blank = []
    for lang in site_languages():
        root = "" if lang == site_languages()[0] else f"{lang}/"
        for node_id in _outcomes():
            page = _open(context, f"{server}{root}{NODES}{node_id}/")
            title = page.locator(".omr-tree__step--outcome .omr-tree__title").inner_text()
            if _outcome_fits_a_sheet(page):
                page.close()
                continue  # it starts at the top of the first sheet and fits there
            page.pdf(path=str(tmp_path / "advice.pdf"), format="A4")
            page.close()
            if _pages_with(_page_texts(tmp_path / "advice.pdf"), title)[:1] != [0]:
                blank.append(f"{root}{node_id}")
    assert not blank, blank


# --- the overview, printed to a real PDF --------------------------------------------------------


@pytest.fixture(scope="module")
def overview_pdf(context, server: str, tmp_path_factory: pytest.TempPathFactory) -> tuple:  # noqa: ANN001
    """The overview page printed by Chromium on A4, its SVG and the @page margins (mm)."""
    page = context.new_page()
    page.goto(f"{server}{NODES}overzicht/")
    svg = page.locator("svg.omr-tree-svg").evaluate("e => e.outerHTML")
    margins = page.evaluate(PAGE_MARGINS)
    path = tmp_path_factory.mktemp("print") / "overzicht.pdf"
    page.pdf(path=str(path), format="A4")
    page.close()
    return PdfReader(path), ET.fromstring(svg), margins


def _text_sizes(reader: PdfReader, wanted: set[str]) -> dict[int, dict[str, float]]:
    """Per PDF page, the printed size (pt) of each text run that is one of `wanted`."""
    found: dict[int, dict[str, float]] = {}
    for number, page in enumerate(reader.pages):
        on_page = found.setdefault(number, {})

        def visit(text, cm, tm, font, size, on_page: dict = on_page) -> None:  # noqa: ANN001
            text = _words(text)
            if text in wanted:
                # The height on paper: the font size through the text and page matrices.
                c, d = tm[2], tm[3]
                on_page[text] = size * math.hypot(c * cm[0] + d * cm[2], c * cm[1] + d * cm[3])

        page.extract_text(visitor_text=visit)
    return found


@pytest.mark.browser
def test_overview_prints_on_a4_with_a_readable_diagram(overview_pdf: tuple) -> None:
    reader, svg, (_, right, _, left) = overview_pdf
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert all(abs(s - a) < 2 for s, a in zip(size, A4_PT, strict=True)), size
    ns = {"s": "http://www.w3.org/2000/svg"}
    labels = {_words(t.text) for t in svg.iterfind(".//s:text", ns) if t.text}
    # The drawing is on one sheet: (nearly) all its labels on one page. (A short one, such as
    # an answer, may also be a line of the list.)
    pages = _text_sizes(reader, labels)
    sizes = max(pages.values(), key=len)
    assert len(sizes) >= 0.9 * len(labels), sorted(labels - set(sizes))
    smallest = min(sizes.values())
    assert smallest >= MIN_PT, f"diagram text prints at {smallest:.1f} pt"
    # The same from the drawing itself: its font size in viewBox units, times the printed
    # width over the viewBox width (the drawing spans the A4 text width).
    printed_w = (210 - left - right) * 72 / 25.4
    font = float(svg.get("font-size"))
    view_w = float(svg.get("viewBox").split()[2])
    assert font * printed_w / view_w == pytest.approx(smallest, rel=0.03)


@pytest.mark.browser
def test_overview_list_is_printed(context, server: str, overview_pdf: tuple) -> None:  # noqa: ANN001
    page = _open(context, f"{server}{NODES}overzicht/")
    assert page.evaluate(VISIBLE, ".omr-tree__outline")
    assert page.evaluate(VISIBLE, "figure.omr-tree__diagram")
    page.close()
    reader = overview_pdf[0]
    # Compared without spaces: a title may break over two lines after a hyphen.
    text = "".join("".join(p.extract_text() for p in reader.pages).split())
    for node_id in real_tree().nodes:
        assert "".join(real_tree().text(node_id, "nl").title.split()) in text, node_id
