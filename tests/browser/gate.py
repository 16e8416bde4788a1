"""The browser gate: every built page in every language, in headless Chromium: accessible, no
traces, no third party.

Each page of the built site (found by walking it, 404.html included) is loaded from the local
server once; during that visit we record
- the axe-core violations for WCAG 2.0, 2.1 and 2.2 A and AA,
- every network request (anything to a host other than the local server is a failure),
- local requests that fail or answer 4xx/5xx (requests cut off by leaving the page aside),
- cookies and localStorage/sessionStorage after the visit.
`PageGate` holds the tests, which assert on those records, one concern each, and list every
page that fails. The pages are visited in PARTS interleaved parts, one test file per part, so
that test workers share the visits (test_browser_pages*.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import AXE_JS, built_pages, page_url

PARTS = 2
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ")),
  }));
}"""
STORAGE = """() => {
  const dump = (s) => Object.fromEntries(Object.keys(s).map((k) => [k, s.getItem(k)]));
  return {localStorage: dump(localStorage), sessionStorage: dump(sessionStorage)};
}"""
CLEAR_STORAGE = "() => { localStorage.clear(); sessionStorage.clear(); }"
# URL schemes that stay on this machine whatever their address.
LOCAL_SCHEMES = {"data", "blob", "about"}


@dataclass
class Visit:
    """What one page did while it was loaded and checked."""

    path: str
    url: str
    violations: list[dict] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)
    cookies: list[dict] = field(default_factory=list)
    storage: dict = field(default_factory=dict)


def is_foreign(url: str, server: str) -> bool:
    """True for a request to anything but the local test server."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return False
    return parts.netloc != urlsplit(server).netloc


def axe_report(visits: list[Visit]) -> str:
    lines = []
    for visit in visits:
        for v in visit.violations:
            targets = ", ".join(v["targets"][:8]) + (" ..." if len(v["targets"]) > 8 else "")
            lines.append(f"{visit.path}: {v['id']} ({v['impact']}) {v['help']} -> {targets}")
    return "\n".join(lines)


def visit_pages(
    browser, server: str, site_dir: Path, paths: list[Path], viewport: dict
) -> list[Visit]:
    """Load each page in one reused tab, check it, and reset cookies and storage in between."""
    context = browser.new_context(viewport=viewport)
    # axe comes with every document the tab loads, not as a tag added after each load.
    context.add_init_script(path=str(AXE_JS))
    page = context.new_page()
    current: list[Visit] = []

    def on_request(request) -> None:
        if current:
            current[-1].requests.append(request.url)

    def on_response(response) -> None:
        if current and response.status >= 400 and not is_foreign(response.url, server):
            current[-1].broken.append(f"{response.status} {response.url}")

    def on_failed(request) -> None:
        # A request still running when we move on to the next page is aborted; not a fault.
        if (
            current
            and request.failure != "net::ERR_ABORTED"
            and not is_foreign(request.url, server)
        ):
            current[-1].broken.append(f"failed ({request.failure}) {request.url}")

    context.on("request", on_request)
    context.on("response", on_response)
    context.on("requestfailed", on_failed)
    visits = []
    try:
        for path in paths:
            visit = Visit(path=path.relative_to(site_dir).as_posix(), url="")
            visit.url = page_url(server, site_dir, path)
            current[:] = [visit]
            page.goto(visit.url, wait_until="load")
            visit.violations = page.evaluate(AXE_RUN, AXE_TAGS)
            visit.cookies = context.cookies()
            storage = page.evaluate(STORAGE)
            visit.storage = {kind: items for kind, items in storage.items() if items}
            visits.append(visit)
            if visit.cookies or visit.storage:
                context.clear_cookies()
                page.evaluate(CLEAR_STORAGE)
        current.clear()
    finally:
        context.close()
    return visits


def gate_pages(site_dir: Path, part: int) -> list[Path]:
    """The pages of one part: every PARTS-th page, so each part has every language."""
    return built_pages(site_dir)[part::PARTS]


class PageGate:
    """The gate's tests for the pages of part `part` (a subclass per test file sets it)."""

    part = 0

    @pytest.fixture(scope="class")
    @classmethod
    def visits(cls, browser, server: str, site_dir: Path) -> list[Visit]:
        """The part's pages, each visited once at a desktop width."""
        paths = gate_pages(site_dir, cls.part)
        assert paths, "the built site has no HTML pages"
        return visit_pages(browser, server, site_dir, paths, {"width": 1280, "height": 800})

    def test_every_page_was_visited(self, visits: list[Visit], site_dir: Path) -> None:
        assert len(visits) == len(gate_pages(site_dir, self.part))
        print(f"{len(visits)} pages visited in part {self.part + 1} of {PARTS}")

    def test_axe_finds_no_wcag_violations(self, visits: list[Visit]) -> None:
        failing = [v for v in visits if v.violations]
        assert not failing, f"axe violations on {len(failing)} pages:\n{axe_report(failing)}"

    def test_no_request_leaves_the_local_server(self, visits: list[Visit], server: str) -> None:
        problems = [
            f"{v.path}: {url}" for v in visits for url in v.requests if is_foreign(url, server)
        ]
        assert not problems, "requests to other hosts:\n" + "\n".join(problems)

    def test_no_local_request_fails(self, visits: list[Visit]) -> None:
        problems = [f"{v.path}: {line}" for v in visits for line in v.broken]
        assert not problems, "broken local requests:\n" + "\n".join(problems)

    def test_no_cookies_or_storage_after_a_visit(self, visits: list[Visit]) -> None:
        problems = [
            f"{v.path}: cookies={[c['name'] for c in v.cookies]} storage={v.storage}"
            for v in visits
            if v.cookies or v.storage
        ]
        assert not problems, "pages that leave traces:\n" + "\n".join(problems)
