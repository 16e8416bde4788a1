"""The Jinja environment for the site's components (contact cards, help box, decision tree)."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from babel.dates import format_date
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from omringd.core.paths import TEMPLATE_DIR

#: Babel locales where the language code alone gives the wrong convention: English in
#: Belgium writes dates the British way ('2 December 2026', not 'December 2, 2026').
_DATE_LOCALES = {"en": "en_GB"}


@cache  # Babel parses the date pattern at each call; the same dates recur on every page
def long_date(value: date, lang: str) -> str:
    """A date written out for readers of `lang`, e.g. '23 november 2026'."""
    return format_date(value, format="long", locale=_DATE_LOCALES.get(lang, lang))


def colon(label: str, lang: str) -> str:
    """`label` followed by a colon as `lang` writes it: French puts a no-break space before
    it ('Téléphone :'), so the colon never starts a line."""
    return f"{label}\u00a0:" if lang == "fr" else f"{label}:"


@cache
def environment(template_dir: Path = TEMPLATE_DIR) -> Environment:
    """One shared, autoescaping environment; StrictUndefined makes template typos fail loudly."""
    env = Environment(
        loader=FileSystemLoader(str(template_dir)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["long_date"] = long_date
    env.filters["colon"] = colon
    return env


def render(template: str, **context: Any) -> str:
    """Render `template` (a file under overrides/omringd/) with `context`."""
    return environment().get_template(template).render(**context)
