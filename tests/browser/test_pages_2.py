"""The browser gate, part 2 of 2 (see tests/browser/gate.py)."""

from __future__ import annotations

import pytest

from tests.browser.gate import PageGate

pytestmark = pytest.mark.browser


class TestPagesPart2(PageGate):
    part = 1
