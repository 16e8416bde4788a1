"""Checks of the shipped security headers include (deploy/nginx/security-headers.conf).

nginx accepts any header name, so a typo ("Referer-Policy") would ship silently; and an
`add_header` without `always` is left off 404 pages. These checks make both fail loudly.
"""

from __future__ import annotations

import re
from pathlib import Path

from omringd.core.errors import DataError

#: Every header the include may set, and must set.
ALLOWED_HEADERS = (
    "Content-Security-Policy",
    "Referrer-Policy",
    "X-Content-Type-Options",
    "Cross-Origin-Opener-Policy",
    "Cross-Origin-Resource-Policy",
    "Permissions-Policy",
    "Strict-Transport-Security",
)
_ADD_HEADER = re.compile(r"^\s*add_header\s+(\S+)\s+(\"[^\"]*\"|\$\w+|\S+)\s*(\S*?)\s*;", re.M)
_LOCATION = re.compile(r"^\s*location\b.*\{[ \t]*$", re.M)


def headers_in_include(text: str) -> dict[str, str]:
    """The `add_header` lines of an include: header name -> value (quotes removed)."""
    return {m.group(1): m.group(2).strip('"') for m in _ADD_HEADER.finditer(text)}


def check_headers_include(path: Path) -> dict[str, str]:
    """Check the include: known names only, each once, all present, all `always`."""
    text = path.read_text(encoding="utf-8")
    seen: dict[str, str] = {}
    for m in _ADD_HEADER.finditer(text):
        name, value, flag = m.group(1), m.group(2).strip('"'), m.group(3)
        line = text.count("\n", 0, m.start(1)) + 1
        if name not in ALLOWED_HEADERS:
            raise DataError(
                path, f"add_header {name}", "unknown header name", line=line,
                valid=", ".join(ALLOWED_HEADERS),
            )  # fmt: skip
        if name in seen:
            raise DataError(path, f"add_header {name}", "set twice", line=line)
        if flag != "always":
            raise DataError(
                path, f"add_header {name}", "missing `always`: 404 pages would lack it",
                line=line, valid=f"add_header {name} … always;",
            )  # fmt: skip
        seen[name] = value
    missing = [name for name in ALLOWED_HEADERS if name not in seen]
    if missing:
        raise DataError(path, "add_header", f"missing {', '.join(missing)}")
    return seen


def locations_without_headers(text: str, include: str) -> list[str]:
    """The `location` blocks of a server config that do not include the headers file.

    nginx drops inherited `add_header`s in a block that has its own, so every location has
    to include the security headers itself.
    """
    missing = []
    for m in _LOCATION.finditer(text):
        depth, end = 1, m.end()
        while depth and end < len(text):
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            end += 1
        body = text[m.end() : end]
        if not re.search(rf"^\s*include\s+{re.escape(include)}\s*;", body, re.M):
            missing.append(m.group(0).strip().rstrip("{").strip())
    return missing
