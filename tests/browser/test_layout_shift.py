"""Nothing moves while a page loads (Cumulative Layout Shift): the contacts page, whose script
fills in the team finder and the "open now" lines, the home page with its pictograms, and a
parents' page, in every language at 360 and 1280 px. Measured in the page with a
PerformanceObserver on 'layout-shift' entries, from before the first paint."""

from __future__ import annotations

import pytest

from tests.conftest import site_languages

pytestmark = pytest.mark.browser

#: Google's bound for a "good" CLS; the article itself must not move at all.
MAX_CLS = 0.1
PAGES = ["professionals/contacten/", "", "ouders/"]

OBSERVE = """(() => {
  window.__omrShifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      window.__omrShifts.push({
        value: entry.value,
        at: Math.round(entry.startTime),
        sources: (entry.sources || []).map((s) => {
          const node = s.node && (s.node.nodeType === 1 ? s.node : s.node.parentElement);
          return {
            what: node ? `${node.tagName.toLowerCase()}.${node.className}` : "(removed)",
            inArticle: Boolean(node && node.closest("article.md-content__inner")),
            from: [s.previousRect.x, s.previousRect.y].map(Math.round),
            to: [s.currentRect.x, s.currentRect.y].map(Math.round),
          };
        }),
      });
    }
  }).observe({type: "layout-shift", buffered: true});
})()"""


def _root(lang: str) -> str:
    return "" if lang == site_languages()[0] else f"{lang}/"


@pytest.mark.parametrize("width", [360, 1280])
def test_pages_do_not_shift_while_loading(browser, server: str, width: int) -> None:
    problems = []
    for lang in site_languages():
        for path in PAGES:
            # A fresh context per page: no cached stylesheets or scripts from the last one.
            context = browser.new_context(viewport={"width": width, "height": 800})
            context.add_init_script(OBSERVE)
            page = context.new_page()
            url = server + _root(lang) + path
            page.goto(url, wait_until="load")
            # contacts.js runs deferred and then once a minute; give it time to have run.
            page.wait_for_timeout(800)
            shifts = page.evaluate("window.__omrShifts")
            context.close()
            cls = sum(s["value"] for s in shifts)
            moved = [src for s in shifts for src in s["sources"] if src["inArticle"]]
            if cls >= MAX_CLS or moved:
                problems.append(f"{url} at {width} px: CLS {cls:.4f}, in the article: {moved[:6]}")
    assert not problems, "\n".join(problems)
