"""Printing a web page (print emulation in headless Chromium): only the content goes on paper."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from omringd.site.links import add_print_href
from tests.conftest import SITE_URL, page_url

VISIBLE = """sel => [...document.querySelectorAll(sel)].some(el => {
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  return s.display !== "none" && s.visibility !== "hidden" && r.width > 0 && r.height > 0;
})"""
AFTER = """sel => [...document.querySelectorAll(sel)].map(
  a => [a.getAttribute("href"), getComputedStyle(a, "::after").content])"""
# Each shown link in the article to one of the site's own pages: where the browser resolves it,
# the address printed for it, what its ::after shows.
INTERNAL = """() => [...document.querySelectorAll("article.md-content__inner a[href]")]
  .filter(a => a.offsetParent !== null && a.origin === location.origin
    && !a.getAttribute("href").startsWith("#") && !a.closest("svg"))
  .map(a => [a.href, a.dataset.printHref || null, getComputedStyle(a, "::after").content])"""


@pytest.fixture
def open_page(browser: Any) -> Iterator[Callable[[str, str], Any]]:
    """Opens a page at a url with the given media emulated (requests to other hosts are
    refused); its browser context is closed after the test."""
    contexts: list[Any] = []

    def open_(url: str, media: str) -> Any:
        context = browser.new_context()
        contexts.append(context)
        host = url.split("/")[2]
        context.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.split("/")[2] == host else route.abort()
            ),
        )
        page = context.new_page()
        page.emulate_media(media=media)
        page.goto(url)
        return page

    yield open_
    for context in contexts:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    "path", ["ouders/vragen-of-klachten/index.html", "professionals/aanmelden/index.html"]
)
def test_print_hides_navigation_exit_and_search(
    open_page: Callable[[str, str], Any], server: str, site_dir: Path, path: str
) -> None:
    url = page_url(server, site_dir, site_dir / path)
    screen = open_page(url, "screen")
    # On screen they are there (so the print check below can fail).
    for sel in (".omr-exit", ".md-header"):
        assert screen.evaluate(VISIBLE, sel), sel
    assert not screen.evaluate(VISIBLE, ".omr-print-footer")
    paper = open_page(url, "print")
    for sel in (".omr-exit", ".md-header", ".md-sidebar", ".md-search", ".md-footer", ".md-tabs"):
        assert not paper.evaluate(VISIBLE, sel), sel
    assert paper.evaluate(VISIBLE, ".md-content h1")
    # The footer names the page's language, its address and its review date.
    footer = paper.inner_text(".omr-print-footer")
    assert "Nederlands" in footer
    assert url.split("/", 3)[3] in footer
    assert paper.get_attribute(".omr-print-footer time", "datetime")
    # A contact card is never split over two pages.
    if paper.query_selector(".omr-card"):
        assert paper.eval_on_selector(".omr-card", "e => getComputedStyle(e).breakInside") == (
            "avoid"
        )


@pytest.mark.browser
def test_print_shows_where_outside_links_go(
    open_page: Callable[[str, str], Any], server: str, site_dir: Path
) -> None:
    url = page_url(server, site_dir, site_dir / "professionals/aanmelden/index.html")
    paper = open_page(url, "print")
    links = paper.evaluate(AFTER, ".md-content a[href^='http']")
    assert links
    for href, after in links:
        assert href in after, (href, after)
    screen = open_page(url, "screen")
    assert all(
        after in ("none", "normal", "")
        for _, after in screen.evaluate(AFTER, ".md-content a[href^='http']")
    )
    # A printed PDF of the page (Chromium's own print path) is made without errors.
    assert paper.pdf(format="A4")[:5] == b"%PDF-"


@pytest.mark.browser
def test_print_shows_the_full_address_of_the_sites_own_pages(
    open_page: Callable[[str, str], Any], server: str, site_dir: Path
) -> None:
    url = page_url(server, site_dir, site_dir / "ouders/index.html")
    paper = open_page(url, "print")
    links = paper.evaluate(INTERNAL)
    assert len(links) >= 3, links
    for resolved, printed, after in links:
        # The public address (site_url), not the test server's: paper outlives the server.
        assert printed == SITE_URL + resolved.removeprefix(server), (resolved, printed)
        assert after == f'" ({printed})"', (printed, after)
    screen = open_page(url, "screen")
    assert all(after in ("none", "normal") for *_, after in screen.evaluate(INTERNAL))


def test_print_href_is_added_to_relative_links_in_the_article_only() -> None:
    page = "https://example.org/fr/ouders/"
    html = (
        '<a href="../x/">menu</a><article class="md-content__inner md-typeset">'
        '<a href="veilige-start/#plan">a</a> <a href="#top">b</a> <a href="tel:+32">c</a> '
        '<a href="https://other.example/">d</a> <article class="omr-card"><a href="../../y/">e'
        '</a></article> <svg><a href="../z/">f</a></svg> <a href="a&amp;b/">g</a></article>'
        '<a href="../after/">footer</a>'
    )
    out = add_print_href(html, page)
    assert out.count("data-print-href") == 3
    assert 'href="veilige-start/#plan" data-print-href="https://example.org/fr/ouders/veil' in out
    assert 'href="../../y/" data-print-href="https://example.org/y/"' in out
    assert 'data-print-href="https://example.org/fr/ouders/a&amp;b/"' in out
    # Outside the article (navigation, footer), anchors, phone numbers, other sites and
    # drawings are unchanged.
    for kept in ('<a href="../x/">', '<a href="#top">', '<a href="tel:+32">', '<a href="../z/">'):
        assert kept in out
    assert '<a href="../after/">' in out and '<a href="https://other.example/">' in out
    assert add_print_href(out, page) == out  # applied twice, nothing doubles


@pytest.mark.browser
def test_leaflet_link_is_on_screen_not_on_paper(
    open_page: Callable[[str, str], Any], server: str, site_dir: Path
) -> None:
    url = page_url(server, site_dir, site_dir / "ouders/index.html")
    assert open_page(url, "screen").evaluate(VISIBLE, ".omr-leaflet-link")
    assert not open_page(url, "print").evaluate(VISIBLE, ".omr-leaflet-link")
