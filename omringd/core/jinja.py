"""The Jinja environment for the site's components (contact cards, help box, decision tree)."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from babel.dates import format_date
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from omringd.core.paths import TEMPLATE_DIR


def long_date(value: date, lang: str) -> str:
    """A date written out for readers of `lang`, e.g. '23 november 2026'."""
    return format_date(value, format="long", locale=lang)


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
    return env


def render(template: str, **context: Any) -> str:
    """Render `template` (a file under overrides/omringd/) with `context`."""
    return environment().get_template(template).render(**context)
