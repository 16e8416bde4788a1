"""What the seed documents hold, for tests that check the data against them."""

from __future__ import annotations

import re

from tests.conftest import ROOT

SEEDS = ROOT / "sources" / "seeds"

# Phone numbers as the seeds write them, and every e-mail address in the seeds.
SEED_PHONES = [
    "078 170 000",
    "078 150 100",
    "011 30 34 30",
    "011 30 31 40",
    "02 243 56 00",
    "0490 44 82 58",
    "02 243 55 05",
    "02 243 51 70",
    "02 243 50 03",
    "02 243 52 24",
    "02 243 52 28",
    "02 243 52 23",
]


def seed_emails() -> set[str]:
    found: set[str] = set()
    for path in SEEDS.glob("*.txt"):
        found |= set(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", path.read_text(encoding="utf-8")))
    return found
