"""Marker comments such as `<!-- contacts: region=limburg -->` that hooks replace with HTML."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

_MARKER = re.compile(
    r"(?:<p>\s*)?<!--\s*(?P<name>[a-z][a-z0-9-]*)\s*:\s*(?P<args>[^>]*?)\s*-->(?:\s*</p>)?"
)


@dataclass(frozen=True)
class Marker:
    """One marker: its name, bare arguments (ids) and key=value options."""

    name: str
    args: tuple[str, ...] = ()
    options: dict[str, str] = field(default_factory=dict)
    text: str = ""


def parse_args(raw: str) -> tuple[tuple[str, ...], dict[str, str]]:
    """Split `a b key=value` into bare args and options."""
    args: list[str] = []
    options: dict[str, str] = {}
    for token in raw.replace(",", " ").split():
        if "=" in token:
            key, value = token.split("=", 1)
            options[key.strip()] = value.strip()
        else:
            args.append(token)
    return tuple(args), options


def find_markers(html: str) -> list[Marker]:
    """Every marker in `html`, in order."""
    out = []
    for m in _MARKER.finditer(html):
        args, options = parse_args(m.group("args"))
        out.append(Marker(m.group("name"), args, options, m.group(0)))
    return out


def replace_markers(html: str, name: str, render: Callable[[Marker], str]) -> str:
    """Replace each marker called `name` by `render(marker)`; others stay for their own hook."""

    def sub(m: re.Match[str]) -> str:
        if m.group("name") != name:
            return m.group(0)
        args, options = parse_args(m.group("args"))
        return render(Marker(name, args, options, m.group(0)))

    return _MARKER.sub(sub, html)
