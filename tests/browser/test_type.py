"""Issue #14, the site in the spirit of the leaflets: parents' pages in large type, the site's
name never cut off in a phone's header, and the home page's two paths as cards with a
pictogram. Every language, at a phone's width (360 px) and a wide screen's (1280 px)."""

from __future__ import annotations

import pytest
import yaml

from omringd.core.pages import front_matter
from tests.conftest import ROOT, site_languages

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
WIDE = {"width": 1280, "height": 800}
#: The smallest body text of a parents' page, in CSS pixels, by viewport.
MIN_PARENT_TEXT = {360: 16, 1280: 18}


def _lang_root(lang: str) -> str:
    return "" if lang == site_languages()[0] else f"{lang}/"


def parent_pages() -> list[str]:
    """Every page whose front matter says `audience: parents`, in every language, as the
    address under the site root ('fr/ouders/kort/')."""
    out = []
    for lang in site_languages():
        for src in sorted((ROOT / "docs" / lang).rglob("*.md")):
            if front_matter(src.read_text(encoding="utf-8")).get("audience") != "parents":
                continue
            rel = src.relative_to(ROOT / "docs" / lang).with_suffix("").as_posix()
            rel = rel.removesuffix("index").rstrip("/")
            out.append(_lang_root(lang) + (rel + "/" if rel else ""))
    return out


def test_every_page_under_ouders_is_a_parents_page() -> None:
    pages = parent_pages()
    for lang in site_languages():
        for src in (ROOT / "docs" / lang / "ouders").glob("*.md"):
            name = "" if src.stem == "index" else f"{src.stem}/"
            assert f"{_lang_root(lang)}ouders/{name}" in pages, src


# The body paragraphs of the article: not the review date under it (small print by design).
PARAGRAPH_SIZES = """() => {
  const article = document.querySelector("article.md-content__inner");
  return [...article.querySelectorAll("p")]
    .filter((p) => !p.closest(".omr-reviewed") && p.textContent.trim())
    .map((p) => [p.textContent.trim().slice(0, 40), parseFloat(getComputedStyle(p).fontSize)]);
}"""


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["360", "1280"])
def test_parents_pages_read_in_large_type(browser, server: str, viewport: dict) -> None:
    minimum = MIN_PARENT_TEXT[viewport["width"]]
    page = browser.new_page(viewport=viewport)
    small = []
    checked = 0
    for path in parent_pages():
        page.goto(server + path, wait_until="load")
        sizes = page.evaluate(PARAGRAPH_SIZES)
        assert sizes, f"{path}: no paragraphs in the article"
        checked += len(sizes)
        small += [f"{path}: {size} px: {text!r}" for text, size in sizes if size < minimum]
    page.close()
    print(f"{checked} paragraphs on {len(parent_pages())} pages at {viewport['width']} px")
    assert not small, f"text under {minimum} px at {viewport['width']} px:\n" + "\n".join(small)


def site_name() -> str:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    return config["site_name"]


# The site's name in the header: its text, whether any of its boxes cuts it off (overflow or
# an ellipsis), and whether it lies within the header and the viewport.
HEADER_TITLE = """() => {
  const title = document.querySelector(".md-header__title");
  const topic = title.querySelector(".md-header__topic");
  const boxes = [title, title.querySelector(".md-header__ellipsis"), topic,
                 ...topic.querySelectorAll("*")];
  const cut = boxes.filter((el) =>
      el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1
      || getComputedStyle(el).textOverflow === "ellipsis")
    .map((el) => `${el.className || el.tagName}: ${el.scrollWidth}x${el.scrollHeight} in `
                 + `${el.clientWidth}x${el.clientHeight}, ${getComputedStyle(el).textOverflow}`);
  const header = document.querySelector(".md-header").getBoundingClientRect();
  const range = document.createRange();
  range.selectNodeContents(topic);
  const text = range.getBoundingClientRect();
  const outside = text.left < -0.5 || text.right > innerWidth + 0.5 || text.width < 1
    || text.top < header.top - 0.5 || text.bottom > header.bottom + 0.5;
  return {
    text: topic.textContent.trim(),
    cut,
    outside: outside ? [text.left, text.right, text.top, text.bottom, header.bottom] : null,
    opacity: getComputedStyle(topic).opacity,
  };
}"""


def test_the_site_name_is_never_cut_off_on_a_phone(browser, server: str) -> None:
    page = browser.new_page(viewport=PHONE)
    problems = []
    for lang in site_languages():
        for path in ("", "ouders/"):
            url = server + _lang_root(lang) + path
            page.goto(url, wait_until="load")
            got = page.evaluate(HEADER_TITLE)
            if got["text"] != site_name():
                problems.append(f"{url}: the header says {got['text']!r}")
            if got["cut"]:
                problems.append(f"{url}: cut off: {got['cut']}")
            if got["outside"] or got["opacity"] != "1":
                problems.append(f"{url}: not fully visible: {got}")
    page.close()
    assert not problems, "\n".join(problems)


CARDS = """() => [...document.querySelectorAll("article .omr-path")].map((a) => {
  const box = a.getBoundingClientRect();
  const pictos = [...a.querySelectorAll("img, svg")].map((p) => {
    const r = p.getBoundingClientRect();
    return {alt: p.getAttribute("alt"), hidden: p.getAttribute("aria-hidden"),
            width: r.width, height: r.height};
  });
  return {href: a.getAttribute("href"), text: a.innerText.trim(), pictos,
          left: box.left, top: box.top, right: box.right, bottom: box.bottom, width: box.width};
})"""


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["360", "1280"])
def test_the_home_page_paths_are_cards_with_a_pictogram(
    browser, server: str, viewport: dict
) -> None:
    page = browser.new_page(viewport=viewport)
    problems = []
    for lang in site_languages():
        url = server + _lang_root(lang)
        page.goto(url, wait_until="load")
        cards = page.evaluate(CARDS)
        if [c["href"] for c in cards] != ["ouders/", "professionals/"]:
            problems.append(f"{url}: cards {[c['href'] for c in cards]}")
            continue
        for card in cards:
            # One pictogram each, decorative (the link's name is its text), drawn at its size.
            pictos = card["pictos"]
            if len(pictos) != 1 or not (pictos[0]["alt"] == "" or pictos[0]["hidden"] == "true"):
                problems.append(f"{url}: {card['href']}: pictogram {pictos}")
            elif min(pictos[0]["width"], pictos[0]["height"]) < 32:
                problems.append(f"{url}: {card['href']}: pictogram too small {pictos}")
            name = page.get_by_role("link", name=card["text"], exact=True)
            if not card["text"] or name.count() != 1:
                problems.append(f"{url}: {card['href']}: link name is not {card['text']!r}")
        first, second = cards
        if viewport is WIDE:
            side_by_side = abs(first["top"] - second["top"]) < 1 and (
                abs(first["left"] - second["left"]) >= first["width"]
            )
            if not side_by_side:
                problems.append(f"{url}: not side by side at {viewport['width']} px: {cards}")
        elif not (second["top"] >= first["bottom"] and abs(first["left"] - second["left"]) < 1):
            problems.append(f"{url}: not stacked at {viewport['width']} px: {cards}")
    page.close()
    assert not problems, "\n".join(problems)


def test_the_cards_lead_on_without_javascript(browser, server: str) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    for lang in site_languages():
        for index, target in enumerate(("ouders/", "professionals/")):
            page.goto(server + _lang_root(lang), wait_until="load")
            page.locator("article .omr-path").nth(index).click()
            page.wait_for_load_state("load")
            assert page.url == server + _lang_root(lang) + target
    context.close()
