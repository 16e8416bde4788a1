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


@pytest.mark.browser
def test_first_view_of_pages_stays_under_budget(site_dir: Path, server: str, browser) -> None:
    report = []
    for path in _sample(site_dir):
        context = browser.new_context()
        done = []
        context.on("requestfinished", lambda r, done=done: done.append(r))
        page = context.new_page()
        page.goto(server + path, wait_until="networkidle")
        # The search worker loads its index and stemmers after the page: let it finish.
        page.wait_for_timeout(500)
        total = 0
        for request in done:
            response = request.response()
            body = response.body() if response is not None else b""
            total += len(gzip.compress(body, compresslevel=6))
        report.append((path, total, len(done)))
        context.close()
    print("\n".join(f"{p or '/'}: {t / 1024:.1f} KB gzip in {n} requests" for p, t, n in report))
    over = [(p, t) for p, t, _ in report if t > BUDGET]
    assert not over, f"over {BUDGET // 1024} KB: {over}"
    # The search index and worker must be part of what was measured.
    assert all(n >= 8 for _, _, n in report), report
