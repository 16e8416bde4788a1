"""The CSP in force, in headless Chromium against nginx: every page of every language, then
search, the decision tree, the team finder and the exit button, with 0 CSP violations and 0
console errors."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import built_pages, page_url

pytestmark = pytest.mark.browser
NEUTRAL = re.compile(r"^https://www\.meteo\.be/")

# Reported through a binding, which outlives the page: a page being left cannot be asked.
REPORT_VIOLATIONS = """document.addEventListener("securitypolicyviolation", (e) => {
  window.__omrCsp(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} `
                  + `at ${e.sourceFile}:${e.lineNumber} ${e.sample || ""}`);
});"""


class Watch:
    """A browser context that records CSP violations and console errors, with their page."""

    def __init__(self, browser, server: str) -> None:
        self.problems: list[str] = []
        self.context = browser.new_context()
        self.context.expose_binding(
            "__omrCsp", lambda source, text: self.problems.append(f"{source['page'].url}: {text}")
        )
        self.context.add_init_script(REPORT_VIOLATIONS)
        # The exit button's neutral site is never reached: answered here with a tiny page.
        self.context.route(
            "https://www.meteo.be/**",
            lambda route: route.fulfill(body="<title>weer</title>", content_type="text/html"),
        )
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda err: self.problems.append(f"{self.page.url}: {err}"))
        self.server = server

    def _console(self, message) -> None:
        if message.type == "error" and self.page.url.startswith(self.server):
            self.problems.append(f"{self.page.url}: console: {message.text}")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watch(browser, server: str) -> Iterator[Watch]:
    w = Watch(browser, server)
    yield w
    w.close()


def test_every_page_loads_without_csp_violations(watch: Watch, server: str, site_dir: Path):
    pages = built_pages(site_dir)
    for path in pages:
        watch.page.goto(page_url(server, site_dir, path), wait_until="load")
    # The last page's late reports (a blocked image decodes after load) still come in.
    watch.page.wait_for_timeout(200)
    print(f"{len(pages)} pages visited under the CSP")
    assert not watch.problems, "\n".join(watch.problems)


@pytest.mark.parametrize("lang", ["", "fr/", "ar/"])
def test_search_works_under_the_csp(watch: Watch, server: str, lang: str) -> None:
    page = watch.page
    page.goto(f"{server}{lang}")
    field = page.locator("input.md-search__input")
    field.fill("Zorggarantie")
    field.press("End")
    page.locator(".md-search-result__link").first.wait_for()
    field.press("Enter")
    page.wait_for_load_state("load")
    assert not watch.problems, "\n".join(watch.problems)


def test_decision_tree_works_under_the_csp(watch: Watch, server: str) -> None:
    page = watch.page
    page.goto(server + "professionals/waar-doorverwijzen/")
    # Two answers, each waited for: the next step is fetched and shown in place.
    for _ in range(2):
        option = page.locator("[data-omr-tree-current] a.omr-tree__option").first
        option.wait_for()
        option.click()
        expect(page).to_have_url(re.compile(r"\?stap="))
        expect(page.locator("[data-omr-tree-current]")).not_to_have_attribute("aria-busy", "true")
        if page.locator("[data-omr-tree-current] a.omr-tree__option").count() == 0:
            break
    page.go_back()
    page.go_forward()
    expect(page).to_have_url(re.compile(r"\?stap="))
    assert not watch.problems, "\n".join(watch.problems)


def test_team_finder_works_under_the_csp(watch: Watch, server: str) -> None:
    page = watch.page
    page.goto(server + "professionals/contacten/")
    for query in ("Hasselt", "8000", "Atlantis"):
        page.get_by_label("Gemeente of postcode").fill(query)
        page.get_by_label("Gemeente of postcode").press("Enter")
        result = page.locator("[data-omr-finder-result]")
        expect(result).to_have_attribute("data-omr-finder-done", query)
    assert not watch.problems, "\n".join(watch.problems)


def test_exit_button_works_under_the_csp(watch: Watch, server: str) -> None:
    page = watch.page
    page.goto(server + "ouders/")
    page.locator("[data-omr-exit]").click()
    expect(page).to_have_url(NEUTRAL)
    page.goto(server + "ouders/")
    page.locator("body").press("Shift")
    page.locator("body").press("Shift")
    page.locator("body").press("Shift")
    expect(page).to_have_url(NEUTRAL)
    assert not watch.problems, "\n".join(watch.problems)


def test_a_violation_would_be_caught(watch: Watch, server: str) -> None:
    # The control: an inline script nobody hashed is blocked, and reported.
    watch.page.goto(server)
    watch.page.evaluate(
        """() => { const s = document.createElement("script");
                   s.textContent = "window.x = 1"; document.body.append(s); }"""
    )
    expect(watch.page.locator("body")).to_be_visible()
    watch.page.wait_for_timeout(200)
    assert any("script-src" in p for p in watch.problems), watch.problems
