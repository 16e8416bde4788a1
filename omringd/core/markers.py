"""The one marker grammar: `<!-- name: value value key=value -->`, replaced by a hook with HTML.

A capability declares its markers as `MarkerSpec`s (which bare values and which keys each
takes); `check_markers` reads a page's Markdown source against all of them, so a misspelt
marker, an unknown or missing key stops the build with the file, the line and what exists.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field

from omringd.core.errors import DataError
from omringd.core.validation import nearest

# In Markdown the comment stands alone; in the HTML Markdown made, it may be wrapped in <p>.
# The pattern starts with a plain "<" (not an optional "<p>"), so the regex engine skips to
# the next "<" instead of trying every position: some 25 times faster on a built page.
_NAME = r"(?P<name>[a-z][a-z0-9-]*)\s*:\s*(?P<args>[^>]*?)\s*-->"
_MARKER = re.compile(r"<(?:p>\s*<)?!--\s*" + _NAME + r"(?:\s*</p>)?")
_SOURCE_MARKER = re.compile(r"<!--\s*" + _NAME)


@dataclass(frozen=True)
class Marker:
    """One marker: its name, bare values (ids) and key=value options."""

    name: str
    args: tuple[str, ...] = ()
    options: dict[str, str] = field(default_factory=dict)
    text: str = ""


@dataclass(frozen=True)
class MarkerSpec:
    """What one marker accepts: its keys, the required ones, and how many bare values."""

    name: str
    keys: tuple[str, ...] = ()
    required: tuple[str, ...] = ()
    min_args: int = 0
    max_args: int | None = None
    usage: str = ""  # how to write it, shown in messages
    # The values that exist (contact ids, ...), read when a page is checked.
    known_args: Callable[[], Collection[str]] | None = None


def parse_args(raw: str) -> tuple[tuple[str, ...], dict[str, str]]:
    """Split `a b key=value` into bare values and options."""
    args: list[str] = []
    options: dict[str, str] = {}
    for token in raw.replace(",", " ").split():
        if "=" in token:
            key, value = token.split("=", 1)
            options[key.strip()] = value.strip()
        else:
            args.append(token)
    return tuple(args), options


def _marker(match: re.Match[str]) -> Marker:
    args, options = parse_args(match.group("args"))
    return Marker(match.group("name"), args, options, match.group(0))


def find_markers(html: str) -> list[Marker]:
    """Every marker in `html`, in order."""
    return [_marker(m) for m in _MARKER.finditer(html)]


def replace_markers(html: str, name: str, render: Callable[[Marker], str]) -> str:
    """Replace each marker called `name` by `render(marker)`; others stay for their own hook."""

    if "<!--" not in html:
        return html

    def sub(m: re.Match[str]) -> str:
        return render(_marker(m)) if m.group("name") == name else m.group(0)

    return _MARKER.sub(sub, html)


def _fail(src: str, line: int, marker: Marker, problem: str, valid: str) -> DataError:
    return DataError(src, f"marker '{marker.text.strip()}'", problem, line=line, valid=valid)


def check_marker(marker: Marker, spec: MarkerSpec, src: str, line: int) -> None:
    """Raise a DataError if `marker` does not fit `spec`."""
    usage = spec.usage or f"<!-- {spec.name}: ... -->"
    for key in marker.options:
        if key not in spec.keys:
            close = nearest(key, spec.keys)
            hint = f" (did you mean {close!r}?)" if close else ""
            keys = ", ".join(spec.keys) or "none"
            raise _fail(src, line, marker, f"unknown key '{key}'{hint}", f"keys: {keys}; {usage}")
    for key in spec.required:
        if key not in marker.options:
            raise _fail(src, line, marker, f"key '{key}' is missing", usage)
    count = len(marker.args)
    if count < spec.min_args or (spec.max_args is not None and count > spec.max_args):
        raise _fail(src, line, marker, f"has {count} value(s)", usage)
    known = spec.known_args() if spec.known_args else None
    for value in marker.args if known is not None else ():
        if value not in known:
            close = nearest(value, list(known))
            hint = f" (did you mean '{close}'?)" if close else ""
            raise _fail(src, line, marker, f"'{value}' does not exist{hint}", ", ".join(known))


def check_markers(source: str, src: str, specs: Mapping[str, MarkerSpec]) -> list[Marker]:
    """Every marker in a page's source, each checked against `specs` (by name)."""
    found = []
    for match in _SOURCE_MARKER.finditer(source):
        marker = _marker(match)
        line = source.count("\n", 0, match.start()) + 1
        spec = specs.get(marker.name)
        if spec is None:
            close = nearest(marker.name, list(specs))
            hint = f" (did you mean '{close}'?)" if close else ""
            raise _fail(
                src, line, marker, f"unknown marker '{marker.name}'{hint}", ", ".join(sorted(specs))
            )
        check_marker(marker, spec, src, line)
        found.append(marker)
    return found


def specs_by_name(*groups: Iterable[MarkerSpec]) -> dict[str, MarkerSpec]:
    """One mapping of every capability's markers; a name declared twice is a programming error."""
    out: dict[str, MarkerSpec] = {}
    for group in groups:
        for spec in group:
            if spec.name in out:
                raise ValueError(f"marker '{spec.name}' is declared twice")
            out[spec.name] = spec
    return out
