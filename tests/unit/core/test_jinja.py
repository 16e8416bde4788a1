"""The shared Jinja environment's filters: dates and colons as each language writes them."""

from __future__ import annotations

from datetime import date

import pytest

from omringd.core.jinja import colon, environment, long_date


@pytest.mark.parametrize(
    ("lang", "written"),
    [
        ("nl", "2 december 2026"),
        ("fr", "2 décembre 2026"),
        ("en", "2 December 2026"),  # British order in Belgium, not 'December 2, 2026'
    ],
)
def test_long_date(lang: str, written: str) -> None:
    assert long_date(date(2026, 12, 2), lang) == written


def test_a_french_colon_has_a_no_break_space_before_it() -> None:
    assert colon("Téléphone", "fr") == "Téléphone\u00a0:"
    for lang in ("nl", "en", "tr", "pl", "ar"):
        assert colon("X", lang) == "X:"


def test_the_filters_escape_what_they_are_given() -> None:
    template = environment().from_string("{{ label | colon(lang) }}")
    assert template.render(label="<b>", lang="fr") == "&lt;b&gt;\u00a0:"
