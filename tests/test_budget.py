"""A reader's first view of a page stays under 100 KB gzip, everything fetched included."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from .test_build import languages

BUDGET = 100 * 1024


def _sample(site_dir: Path) -> list[str]:
    """Each language's home and its heaviest page (the most HTML), where size could bite."""
    default = languages()[0]
    paths = []
    for lang in languages():
        root = site_dir if lang == default else site_dir / lang
        pages = [p for p in root.rglob("index.html") if "search" not in p.parts]
        if lang == default:
            pages = [p for p in pages if p.relative_to(site_dir).parts[0] not in languages()]
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


@pytest.mark.browser
def test_first_view_of_pages_stays_under_budget(site_dir: Path, server: str, browser) -> None:
    report = []
    for path in _sample(site_dir):
        context = browser.new_context()
        done = []
        context.on("requestfinished", lambda r, done=done: done.append(r))
        page = context.new_page()
        page.goto(server + path, wait_until="networkidle")
        # Anything a script fetches after load (the search worker) counts too: let it finish.
        page.wait_for_timeout(500)
        first = list(done)
        # Opening search fetches the index and its stemmers: reported, the reader chose it.
        page.locator("label.md-search__icon, input.md-search__input").first.click()
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
        report.append((path, _weigh(first), len(first), _weigh(done), [r.url for r in first]))
        context.close()
    print(
        "\n".join(
            f"{p or '/'}: {t / 1024:.1f} KB gzip in {n} requests; "
            f"{s / 1024:.1f} KB once search is opened"
            for p, t, n, s, _ in report
        )
    )
    over = [(p, t) for p, t, *_ in report if t > BUDGET]
    assert not over, f"over {BUDGET // 1024} KB: {over}"
    for path, _, _, with_search, urls in report:
        # The theme's script and the search worker are part of what was measured ...
        assert any("/bundle." in u for u in urls) and any("/workers/" in u for u in urls), urls
        # ... the index is not: it comes when the reader opens search.
        assert not any(u.endswith("search_index.json") for u in urls), (path, urls)
        assert with_search > BUDGET // 2, f"{path}: opening search fetched nothing"
