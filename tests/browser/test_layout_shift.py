"""Nothing moves while a page loads: the contacts page, whose script fills in the team finder
and the "open now" lines, the home page with its pictograms, and a parents' page, in every
language at 360 and 1280 px.

Two measures. The browser's own Cumulative Layout Shift (a PerformanceObserver on
'layout-shift' entries from before the first paint) stays in Google's "good" band. And the
article does not move at all between its first paint and the end of loading: its layout with
the HTML and styles only (scripts and images held back, as on a slow line) is the same as once
everything has loaded and run. The second is compared element by element rather than read from
the shift entries, because a busy machine may paint a half-parsed page, and a list item whose
paragraph has not arrived yet then moves by its margin when it does (seen in CI at 1280 px):
timing, not something the site does."""

from __future__ import annotations

import pytest

from tests.conftest import site_languages

pytestmark = pytest.mark.browser

#: Google's bound for a "good" CLS.
MAX_CLS = 0.1
PAGES = ["professionals/contacten/", "", "ouders/"]
WIDTHS = [360, 1280]
#: What a slow line delivers last, and what scripts and images could move when it arrives.
HELD_BACK = {"script", "image"}

OBSERVE = """(() => {
  window.__omrShifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput) window.__omrShifts.push(entry.value);
    }
  }).observe({type: "layout-shift", buffered: true});
})()"""

#: Where each element of the article is, keyed by what it is and the how-manieth of its kind
#: (tag, class, id): an element a script adds gets a key of its own and moves nothing by that.
GEOMETRY = """() => {
  const seen = new Map();
  const out = {};
  for (const node of document.querySelectorAll("article.md-content__inner *")) {
    const cls = typeof node.className === "string" ? node.className : "";
    const kind = `${node.tagName.toLowerCase()}.${cls}#${node.id}`;
    const n = (seen.get(kind) || 0) + 1;
    seen.set(kind, n);
    const r = node.getBoundingClientRect();
    if (r.width || r.height) out[`${kind}[${n}]`] = [Math.round(r.x), Math.round(r.y + scrollY)];
  }
  return out;
}"""


def _root(lang: str) -> str:
    return "" if lang == site_languages()[0] else f"{lang}/"


def _urls(server: str) -> list[str]:
    return [server + _root(lang) + path for lang in site_languages() for path in PAGES]


def _load(browser, url: str, width: int, hold_back: bool = False):
    """A fresh context (no cached stylesheets or scripts) with the page loaded and, unless
    scripts are held back, their changes painted (contacts.js runs deferred, so before
    'load'; then once a minute) and their shifts reported."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    context.add_init_script(OBSERVE)
    if hold_back:
        # Inline scripts still run and `scripting: enabled` still holds: only what arrives
        # later is missing, as on a slow line before it has arrived.
        context.route(
            "**/*",
            lambda route: (
                route.abort() if route.request.resource_type in HELD_BACK else route.continue_()
            ),
        )
    page = context.new_page()
    page.goto(url, wait_until="load")
    if not hold_back:
        page.evaluate(
            "new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
        )
        page.wait_for_timeout(150)
    return context, page


@pytest.mark.parametrize("width", WIDTHS)
def test_pages_do_not_shift_while_loading(browser, server: str, width: int) -> None:
    problems = []
    for url in _urls(server):
        context, page = _load(browser, url, width, hold_back=True)
        first = page.evaluate(GEOMETRY)
        context.close()
        context, page = _load(browser, url, width)
        loaded = page.evaluate(GEOMETRY)
        cls = sum(page.evaluate("window.__omrShifts"))
        context.close()
        if cls >= MAX_CLS:
            problems.append(f"{url} at {width} px: CLS {cls:.4f}")
        moved = [
            f"{k}: {first[k]} -> {loaded[k]}"
            for k in first
            if k in loaded and first[k] != loaded[k]
        ]
        if moved:
            problems.append(
                f"{url} at {width} px: {len(moved)} moved in the article, e.g. {moved[:4]}"
            )
    assert not problems, "\n".join(problems)


#: Every status contacts.js can write on a card, for the page's own labels, day names and a
#: time: the room kept for it must hold the longest one at every width.
STATUS_ROOM = """() => {
  const data = JSON.parse(document.getElementById("omr-contacts-data").textContent);
  const L = data.labels;
  const fill = (text, values) => text.replace(/\\{(\\w+)\\}/g, (all, key) => values[key] ?? all);
  const days = [L.today, L.tomorrow, ...data.days];
  const texts = [[L.status_open, ""], [L.status_open, fill(L.status_closes_at, {time: "23:30"})]];
  for (const state of [L.status_closed, L.status_holiday]) {
    for (const day of days) texts.push([state, fill(L.status_opens_at, {day, time: "23:30"})]);
  }
  const too_tall = [];
  for (const line of document.querySelectorAll("[data-omr-status]")) {
    const room = line.getBoundingClientRect().height;
    for (const text of texts) {
      line.textContent = text.join("\\n").trim();
      const height = line.getBoundingClientRect().height;
      if (height > room + 0.5) too_tall.push(`${line.textContent} (${height} px, room ${room})`);
    }
    line.textContent = "";
  }
  return [document.querySelectorAll("[data-omr-status]").length, too_tall];
}"""


@pytest.mark.parametrize("width", [320, *WIDTHS])
def test_the_open_now_lines_fit_the_room_kept_for_them(browser, server: str, width: int) -> None:
    problems = []
    for lang in site_languages():
        url = server + _root(lang) + PAGES[0]
        context, page = _load(browser, url, width, hold_back=True)
        count, too_tall = page.evaluate(STATUS_ROOM)
        context.close()
        assert count, f"{url}: no card with an 'open now' line to try"
        if too_tall:
            problems.append(f"{url} at {width} px: {too_tall[:3]}")
    assert not problems, "\n".join(problems)
