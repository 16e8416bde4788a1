"""The "Snel weg" exit button, modelled on GOV.UK's "Exit this page", in headless Chromium.

The neutral site (meteo.be) is never reached: every request to it is answered by a route in
the test with a tiny page. That routed request is the one allowed exception to "no request
leaves the local server" here; anything else to another host fails the test.

Whether our page hid itself at once is reported by the page itself: a small watcher script
sends its state to the local server the moment it gets the class "omr-leaving" and again at
"pagehide", because a page whose navigation has started can no longer be queried from the test.
"""

from __future__ import annotations

import json
import re
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.conftest import built_pages, page_url

pytestmark = pytest.mark.browser

NEUTRAL = "https://www.meteo.be/"
NEUTRAL_ROUTE = "https://www.meteo.be/**"
EXIT = "[data-omr-exit]"
STATUS = "[data-omr-exit-status]"


def parent_pages(site_dir: Path) -> list[Path]:
    """Every built parent page in every language (pages under an `ouders/` folder)."""
    return [p for p in built_pages(site_dir) if "ouders" in p.relative_to(site_dir).parts]


@pytest.fixture(scope="module")
def parent_url(server: str, site_dir: Path) -> str:
    """The Dutch parents' start page."""
    return page_url(server, site_dir, site_dir / "ouders" / "index.html")


@pytest.fixture(scope="module")
def home_url(server: str) -> str:
    return server


# Installed in every page of the test context: notes the page's state the moment it gets the
# class "omr-leaving" and, at "pagehide", sends that note and the state then as one beacon to a
# collector on loopback. A page whose navigation has started can no longer be asked anything
# from the test, and its console messages are lost with it; a pagehide beacon arrives reliably
# (one sent from the observer itself was sometimes lost in the switch to the other site).
WATCH_LEAVING = """(() => {
  const snapshot = (when) => {
    const style = document.body ? getComputedStyle(document.body) : null;
    return {
      when,
      t: performance.timeOrigin + performance.now(),
      url: location.href,
      leaving: document.documentElement.classList.contains("omr-leaving"),
      bodyVisible: !!style && style.visibility !== "hidden" && style.display !== "none",
    };
  };
  let marked = null;
  new MutationObserver(() => {
    if (!marked && document.documentElement.classList.contains("omr-leaving")) {
      marked = snapshot("class");
    }
  }).observe(document, {attributes: true, attributeFilter: ["class"], subtree: true});
  window.addEventListener("pagehide", () => {
    navigator.sendBeacon("COLLECTOR", JSON.stringify({...snapshot("pagehide"), marked}));
  });
})();"""


class Collector:
    """A loopback HTTP server that keeps the JSON bodies POSTed to it."""

    def __init__(self) -> None:
        self.bodies: list[dict] = []
        bodies = self.bodies

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                body["tab"] = parse_qs(urlsplit(self.path).query).get("tab", [""])[0]
                bodies.append(body)
                self.send_response(204)
                self.send_header("Access-Control-Allow-Origin", "*")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/state"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def collector() -> Iterator[Collector]:
    c = Collector()
    yield c
    c.close()


class Tab:
    """A fresh browser context and page, with the neutral site routed and requests recorded."""

    def __init__(self, browser, server: str, collector: Collector, **context_args) -> None:
        self.server = server
        self.collector = collector
        self.token = uuid.uuid4().hex
        # The probes are test instruments the site's CSP rightly blocks (a beacon to the
        # collector on another port, a style attribute to lengthen a page); the exit button
        # under the CSP is tested in test_publish_browser.py.
        self.context = browser.new_context(bypass_csp=True, **context_args)
        self.requests: list[str] = []
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.context.route(NEUTRAL_ROUTE, self._neutral)
        if context_args.get("java_script_enabled", True):
            self.context.add_init_script(
                WATCH_LEAVING.replace("COLLECTOR", f"{collector.url}?tab={self.token}")
            )
        self.page = self.context.new_page()

    def _neutral(self, route) -> None:
        route.fulfill(body="<title>weer</title>", content_type="text/html")

    def leaving_report(self, url: str) -> dict | None:
        """The pagehide report of our page `url` in this tab (waits up to 5 s for it)."""
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            for s in self.collector.bodies:
                if s["tab"] == self.token and s["url"] == url and s["when"] == "pagehide":
                    return s
            time.sleep(0.05)
        return None

    def foreign_requests(self) -> list[str]:
        local = {urlsplit(self.server).netloc, urlsplit(self.collector.url).netloc}
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme in ("http", "https", "ws", "wss")
            and urlsplit(url).netloc not in local
            and not url.startswith(NEUTRAL)
        ]

    def close(self) -> None:
        assert not self.foreign_requests(), f"requests to other hosts: {self.foreign_requests()}"
        self.context.close()


@pytest.fixture
def tab(browser, server: str, collector: Collector) -> Iterator[Tab]:
    t = Tab(browser, server, collector)
    yield t
    t.close()


def assert_hidden_at_once(tab: Tab, url: str) -> None:
    """Our page was hidden as soon as leaving began, and stayed hidden until it was gone."""
    report = tab.leaving_report(url)
    assert report, "the page sent no report when it was left"
    marked = report["marked"]
    assert marked, f"the page never got the class omr-leaving: {report}"
    assert not marked["bodyVisible"], f"content still visible once leaving began: {report}"
    assert report["leaving"] and not report["bodyVisible"], f"visible again at exit: {report}"


def test_every_parent_page_has_the_exit_link(site_dir: Path) -> None:
    pages = parent_pages(site_dir)
    assert len(pages) >= 8, "expected the parent pages in the built site"
    missing = [
        p.relative_to(site_dir).as_posix()
        for p in pages
        if not re.search(r"<a\b[^>]*\bdata-omr-exit\b", p.read_text(encoding="utf-8"))
    ]
    print(f"{len(pages)} parent pages checked")
    assert not missing, f"parent pages without the exit link: {missing}"


def parent_start_pages(server: str, site_dir: Path) -> list[str]:
    """The parents' start page in every built language."""
    pages = [
        p
        for p in built_pages(site_dir)
        if p.relative_to(site_dir).parts[-2:] == ("ouders", "index.html")
    ]
    return [page_url(server, site_dir, p) for p in pages]


def first_focus_problem(page, url: str) -> str | None:
    """None if the exit link is among the first three elements Tab reaches on `url`."""
    page.goto(url, wait_until="load")
    seen = []
    for _ in range(3):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => document.activeElement.matches('{EXIT}')"):
            return None
        seen.append(page.evaluate("() => document.activeElement.outerHTML.slice(0, 80)"))
    return f"{url}: exit link not reached in 3 Tab presses; focus went to: {seen}"


def test_exit_link_is_among_the_first_three_focusable(
    tab: Tab, server: str, site_dir: Path
) -> None:
    urls = parent_start_pages(server, site_dir)
    assert len(urls) >= 2
    problems = [p for url in urls if (p := first_focus_problem(tab.page, url))]
    print(f"{len(urls)} parent start pages checked for focus order")
    assert not problems, "\n".join(problems)


def off_screen_problem(page, url: str) -> str | None:
    """None if, at 360 x 740 and scrolled to the bottom, the exit link is on screen and on top."""
    page.goto(url, wait_until="load")
    # Make sure the page is long enough to scroll, whatever its content is today.
    page.evaluate(
        """() => document.querySelector("article").insertAdjacentHTML(
             "beforeend", '<div style="height: 3000px"></div>')"""
    )
    # An instant scroll: scrollY is known as soon as scrollTo returns, no wait needed.
    scrolled = page.evaluate(
        """() => { window.scrollTo(0, document.documentElement.scrollHeight);
                   return window.scrollY; }"""
    )
    if scrolled < 1000:
        return f"{url}: the page did not scroll"
    link = page.locator(EXIT)
    box = link.bounding_box() if link.is_visible() else None
    if box is None:
        return f"{url}: exit link not visible"
    if not (box["y"] >= 0 and box["y"] + box["height"] <= 740):
        return f"{url}: exit link off screen: {box}"
    if not (box["x"] >= 0 and box["x"] + box["width"] <= 360):
        return f"{url}: exit link off screen: {box}"
    # It is the element actually shown at that spot (not covered by something else).
    on_top = page.evaluate(
        """([x, y]) => document.elementFromPoint(x, y)?.closest("[data-omr-exit]") !== null""",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    return None if on_top else f"{url}: the exit link is covered by another element"


def test_exit_link_stays_visible_at_360px_after_scrolling(
    browser, server: str, collector: Collector, site_dir: Path
) -> None:
    urls = parent_start_pages(server, site_dir)
    t = Tab(browser, server, collector, viewport={"width": 360, "height": 740})
    try:
        problems = [p for url in urls if (p := off_screen_problem(t.page, url))]
    finally:
        t.close()
    print(f"{len(urls)} parent start pages checked at 360 px")
    assert not problems, "\n".join(problems)


def test_shift_three_times_hides_the_page_and_leaves(
    tab: Tab, home_url: str, parent_url: str
) -> None:
    page = tab.page
    page.goto(home_url, wait_until="load")
    page.goto(parent_url, wait_until="load")
    status = page.locator(STATUS)
    assert status.get_attribute("role") == "status" or status.get_attribute("aria-live")
    page.keyboard.press("Shift")
    expect(status, "no progress after 1 press").to_contain_text("1")
    page.keyboard.press("Shift")
    expect(status, "no progress after 2 presses").to_contain_text("2")
    page.keyboard.press("Shift")
    page.wait_for_url(re.compile(r"^https://www\.meteo\.be/"))
    assert page.title() == "weer"
    assert_hidden_at_once(tab, parent_url)
    # The page we left was replaced in the history: Back goes to the page before it.
    page.go_back(wait_until="load")
    assert page.url == home_url, f"Back went to {page.url}, expected {home_url}"


def test_other_keys_reset_the_count(tab: Tab, parent_url: str) -> None:
    page = tab.page
    page.goto(parent_url, wait_until="load")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("a")
    page.keyboard.press("Shift")
    expect(page.locator(STATUS), "count not restarted").to_contain_text("1")
    # Leaving hides the page in the same key press (class omr-leaving) before it navigates:
    # no class means the script did not start to leave; no sleep needed to see that.
    expect(page.locator("html")).not_to_have_class(re.compile(r"\bomr-leaving\b"))
    assert page.url == parent_url, "left the page although another key came between"
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_url(re.compile(r"^https://www\.meteo\.be/"))


def test_clicking_the_link_hides_the_page_and_replaces_it(
    tab: Tab, home_url: str, parent_url: str
) -> None:
    page = tab.page
    page.goto(home_url, wait_until="load")
    page.goto(parent_url, wait_until="load")
    page.locator(EXIT).click()
    page.wait_for_url(re.compile(r"^https://www\.meteo\.be/"))
    assert_hidden_at_once(tab, parent_url)
    page.go_back(wait_until="load")
    assert page.url == home_url, f"Back went to {page.url}, expected {home_url}"


def test_without_javascript_it_is_a_plain_link(
    browser, server: str, collector: Collector, parent_url: str
) -> None:
    t = Tab(browser, server, collector, java_script_enabled=False)
    try:
        page = t.page
        page.goto(parent_url, wait_until="load")
        link = page.locator(EXIT)
        assert link.is_visible()
        assert (link.get_attribute("href") or "").startswith(NEUTRAL)
        rel = (link.get_attribute("rel") or "").split()
        assert "noopener" in rel and "noreferrer" in rel, rel
        link.click()
        page.wait_for_url(re.compile(r"^https://www\.meteo\.be/"))
    finally:
        t.close()


def test_exit_link_is_hidden_in_print(tab: Tab, parent_url: str) -> None:
    page = tab.page
    page.goto(parent_url, wait_until="load")
    assert page.locator(EXIT).is_visible()
    page.emulate_media(media="print")
    assert not page.locator(EXIT).is_visible()
