"""Every built page in every language, in headless Chromium: accessible, no traces, no third party.

Each page of the built site (found by walking it, 404.html included) is loaded from the local
server once; during that visit we record
- the axe-core violations for WCAG 2.0, 2.1 and 2.2 A and AA,
- every network request (anything to a host other than the local server is a failure),
- local requests that fail or answer 4xx/5xx (requests cut off by leaving the page aside),
- cookies and localStorage/sessionStorage after the visit.
The tests below then assert on those records, one concern each, and list every page that fails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .conftest import AXE_JS, built_pages, page_lang, page_url

pytestmark = pytest.mark.browser

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
            page.add_script_tag(path=str(AXE_JS))
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


@pytest.fixture(scope="module")
def visits(browser, server: str, site_dir: Path) -> list[Visit]:
    """Every built page, visited once at a desktop width."""
    paths = built_pages(site_dir)
    assert paths, "the built site has no HTML pages"
    return visit_pages(browser, server, site_dir, paths, {"width": 1280, "height": 800})


def test_every_page_was_visited(visits: list[Visit], site_dir: Path) -> None:
    assert len(visits) == len(built_pages(site_dir))
    print(f"{len(visits)} pages visited")


def test_axe_finds_no_wcag_violations(visits: list[Visit]) -> None:
    failing = [v for v in visits if v.violations]
    assert not failing, f"axe violations on {len(failing)} pages:\n{axe_report(failing)}"


def test_no_request_leaves_the_local_server(visits: list[Visit], server: str) -> None:
    problems = [f"{v.path}: {url}" for v in visits for url in v.requests if is_foreign(url, server)]
    assert not problems, "requests to other hosts:\n" + "\n".join(problems)


def test_no_local_request_fails(visits: list[Visit]) -> None:
    problems = [f"{v.path}: {line}" for v in visits for line in v.broken]
    assert not problems, "broken local requests:\n" + "\n".join(problems)


def test_no_cookies_or_storage_after_a_visit(visits: list[Visit]) -> None:
    problems = [
        f"{v.path}: cookies={[c['name'] for c in v.cookies]} storage={v.storage}"
        for v in visits
        if v.cookies or v.storage
    ]
    assert not problems, "pages that leave traces:\n" + "\n".join(problems)


def phone_sample(site_dir: Path) -> list[Path]:
    """One page per language for the phone-width check: the parents' start page if there is one."""
    by_lang: dict[str, list[Path]] = {}
    for path in built_pages(site_dir):
        by_lang.setdefault(page_lang(path), []).append(path)

    def rank(path: Path) -> tuple[int, str]:
        rel = path.relative_to(site_dir).as_posix()
        return (0 if re.search(r"(^|/)ouders/index\.html$", rel) else 1, rel)

    return [min(paths, key=rank) for _, paths in sorted(by_lang.items())]


def test_axe_at_phone_width(browser, server: str, site_dir: Path) -> None:
    sample = phone_sample(site_dir)
    assert len(sample) >= 2, "expected pages in more than one language"
    visits = visit_pages(browser, server, site_dir, sample, {"width": 360, "height": 740})
    print(f"{len(visits)} pages checked at 360 px: {[v.path for v in visits]}")
    failing = [v for v in visits if v.violations]
    assert not failing, f"axe violations at 360 px:\n{axe_report(failing)}"
