"""Stylesheets into the head: capabilities add theirs to the page content (contacts.css with the
cards, tree.css with the decision tree), which puts them in the body, after the elements they
style. A browser may paint those elements before such a stylesheet has come and then move
them when it applies (layout shift). `hoist_stylesheets` moves each `<link rel="stylesheet">`
of the body to the end of the head, once each; everything else is returned byte for byte.
"""

from __future__ import annotations

import re

# A start tag, with quoted attribute values that may contain ">" (as in omringd.site.links).
_STYLESHEET = re.compile(
    r"""<link\b(?=(?:[^>"']++|"[^"]*+"|'[^']*+')*?\srel\s*=\s*["']?stylesheet\b)"""
    r"""(?:[^>"']++|"[^"]*+"|'[^']*+')*+>""",
    re.IGNORECASE,
)
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_BODY_START = re.compile(r"<body\b", re.IGNORECASE)
_RAW = re.compile(r"<(script|style|pre|textarea)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def hoist_stylesheets(html: str) -> str:
    """`html` with the stylesheet links of its body moved to the end of its head."""
    head_end, body = _HEAD_END.search(html), _BODY_START.search(html)
    if not head_end or not body or body.start() < head_end.end():
        return html
    head, rest = html[: head_end.start()], html[head_end.start() :]
    raw = [m.span() for m in _RAW.finditer(rest)]
    moved: list[str] = []

    def take(match: re.Match[str]) -> str:
        if any(start <= match.start() < end for start, end in raw):
            return match.group(0)
        if match.group(0) not in head and match.group(0) not in moved:
            moved.append(match.group(0))
        return ""

    rest = _STYLESHEET.sub(take, rest)
    if not moved:
        return html
    return head + "".join(f"  {tag}\n" for tag in moved) + rest
