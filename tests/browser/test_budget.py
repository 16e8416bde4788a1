"""A reader's first view of a page stays under 100 KB gzip, everything fetched included."""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from tests.conftest import site_languages

BUDGET = 100 * 1024


def _sample(site_dir: Path) -> list[str]:
    """Each language's home and its heaviest page (the most HTML), where size could bite."""
    default = site_languages()[0]
    paths = []
    for lang in site_languages():
        root = site_dir if lang == default else site_dir / lang
        pages = [p for p in root.rglob("index.html") if "search" not in p.parts]
        if lang == default:
            pages = [p for p in pages if p.relative_to(site_dir).parts[0] not in site_languages()]
        heaviest = max(pages, key=lambda p: p.stat().st_size)
        for page in {root / "index.html", heaviest}:
            paths.append(page.parent.relative_to(site_dir).as_posix().removeprefix(".") + "/")
    return [p.lstrip("/") for p in paths]


def _weigh(requests: list) -> int:
    """The gzip weight of everything these finished requests brought in."""
    total = 0
    for request in requests:
        response = request.response()
        body = response.body() if response is not None else b""
        total += len(gzip.compress(body, compresslevel=6))
    return total


def _index(server: str, path: str) -> str:
    """The search index of the page's own language (each language has its own)."""
    lang = path.split("/")[0]
    return (
        server + (f"{lang}/" if lang in site_languages()[1:] else "") + "search/search_index.json"
    )


def _icon(site_dir: Path, path: str) -> str:
    """The address of the page's icon (<link rel="icon">), as the browser resolves it."""
    html = (site_dir / path / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<link rel="icon" href="([^"]+)"', html)
    assert match, f"{path}: no icon link"
    return match.group(1)


# Playwright's "networkidle" counts only requests of the page's frames: the search worker's
# script and everything the worker fetches (the index, its stemmers), and the icon, are not
# waited for. Those are awaited by name; Material shows the search is ready by changing the
# text under the search field (the worker has loaded the index and its stemmers by then).
META = ".md-search-result__meta"


@pytest.mark.browser
def test_first_view_of_pages_stays_under_budget(site_dir: Path, server: str, browser) -> None:
    report = []
    for path in _sample(site_dir):
        context = browser.new_context()
        done = []
        context.on("requestfinished", lambda r, done=done: done.append(r))
        page = context.new_page()
        icon = urljoin(server + path, _icon(site_dir, path))
        with (
            page.expect_request_finished(lambda r: "/workers/" in r.url),
            page.expect_request_finished(lambda r, icon=icon: r.url == icon),
        ):
            page.goto(server + path, wait_until="networkidle")
        first = list(done)
        # Opening search fetches the index and its stemmers: reported, the reader chose it.
        index = _index(server, path)
        initializing = page.locator(META).text_content()
        with page.expect_request_finished(lambda r, index=index: r.url == index):
            page.locator("label.md-search__icon, input.md-search__input").first.click()
        expect(page.locator(META)).not_to_have_text(initializing or "")
        both = list(done)
        opened = [r.url for r in both[len(first) :]]
        report.append(
            (path, _weigh(first), len(first), _weigh(both), [r.url for r in first], opened)
        )
        context.close()
    print(
        "\n".join(
            f"{p or '/'}: {t / 1024:.1f} KB gzip in {n} requests; "
            f"{s / 1024:.1f} KB once search is opened"
            for p, t, n, s, *_ in report
        )
    )
    over = [(p, t) for p, t, *_ in report if t > BUDGET]
    assert not over, f"over {BUDGET // 1024} KB: {over}"
    for path, total, _, with_search, urls, opened in report:
        # The theme's script and the search worker are part of what was measured ...
        assert any("/bundle." in u for u in urls) and any("/workers/" in u for u in urls), urls
        # ... the index is not: it comes when the reader opens search, its own language's.
        assert not any(u.endswith("search_index.json") for u in urls), (path, urls)
        assert [u for u in opened if u.endswith("search_index.json")] == [_index(server, path)]
        assert with_search > total, f"{path}: opening search fetched nothing"
