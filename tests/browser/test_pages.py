"""The browser gate, part 1 of 2 (see tests/browser/gate.py), and axe at phone width."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.gate import PARTS, PageGate, axe_report, gate_pages, visit_pages
from tests.conftest import built_pages, page_lang

pytestmark = pytest.mark.browser


class TestPagesPart1(PageGate):
    part = 0


def test_the_parts_cover_every_page_once(site_dir: Path) -> None:
    from tests.browser.test_pages_2 import TestPagesPart2

    # One test file per part: a change of PARTS needs a file for each part.
    assert sorted([TestPagesPart1.part, TestPagesPart2.part]) == list(range(PARTS))
    parts = [gate_pages(site_dir, part) for part in range(PARTS)]
    assert sorted(p for part in parts for p in part) == built_pages(site_dir)


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
