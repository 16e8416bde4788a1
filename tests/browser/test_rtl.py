"""Arabic pages run right to left; screenshots at 360 and 1280 px are kept for a person to see."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT

ARTIFACTS = ROOT / "test-artifacts"


@pytest.mark.browser
@pytest.mark.parametrize("width", [360, 1280])
def test_arabic_page_is_right_to_left(server: str, browser, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(f"{server}ar/ouders/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    # The exit button sits at the start of the header, which is the right in Arabic.
    box = page.locator(".omr-exit__link").bounding_box()
    assert box is not None and box["x"] + box["width"] / 2 > width / 2, box
    # Text of the article starts at the right edge of the content.
    align = page.evaluate("getComputedStyle(document.querySelector('article p')).textAlign")
    assert align in {"start", "right"}
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"ar-ouders-{width}.png"), full_page=False)
    page.close()
