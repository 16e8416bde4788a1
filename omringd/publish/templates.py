"""The Jinja environment for the nginx configuration templates in deploy/nginx/templates/."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

#: The shipped nginx configuration (and its templates), at the repository root.
DEPLOY_DIR = Path(__file__).resolve().parents[2] / "deploy" / "nginx"


@cache
def environment() -> Environment:
    """Not autoescaping: this is nginx configuration, not HTML; StrictUndefined fails loudly."""
    return Environment(
        loader=FileSystemLoader(str(DEPLOY_DIR / "templates")),
        autoescape=False,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(template: str, **context: Any) -> str:
    """Render `template` (a file under deploy/nginx/templates/) with `context`."""
    return environment().get_template(template).render(**context)
