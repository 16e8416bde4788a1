"""Pure HTML post-processing for the built pages: safe external links and valid toggles.

- `add_external_rel`: every `<a>` whose href goes to another host gets `rel="noopener
  noreferrer"` (added to any rel it already has); `target` is left as it is.
- `add_print_href`: internal links in the article get `data-print-href`, their absolute
  address, which the print stylesheet prints after the link text (paper cannot be clicked).
- `drop_toggle_autocomplete`: Material writes `autocomplete="off"` on its hidden checkbox
  toggles (drawer, search), which HTML does not allow on a checkbox (the Nu Html Checker reports
  it). It sits in the body of Material's base.html outside any block, so it is removed here.

Only start tags are touched, outside <script>, <style>, <pre> and <textarea>; everything else is
returned byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from html import escape
from html.parser import HTMLParser
from types import MappingProxyType
from urllib.parse import urljoin, urlsplit

REQUIRED_REL = ("noopener", "noreferrer")

# A start tag, with quoted attribute values that may contain ">" (possessive: no backtracking).
_A_TAG = re.compile(r"""<a\b(?:[^>"']++|"[^"]*+"|'[^']*+')*+>""", re.IGNORECASE)
_INPUT_TAG = re.compile(r"""<input\b(?:[^>"']++|"[^"]*+"|'[^']*+')*+>""", re.IGNORECASE)
_RAW = re.compile(r"<(script|style|pre|textarea)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_REL_ATTR = re.compile(r"""\srel\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+)""", re.IGNORECASE)
# The page's content: Material's <article class="md-content__inner ...">.
_ARTICLE_START = re.compile(
    r"""<article\b[^>]*\sclass\s*=\s*"[^"]*\bmd-content__inner\b[^"]*"[^>]*>""", re.IGNORECASE
)
_ARTICLE_TAG = re.compile(r"<(/?)article\b[^>]*>", re.IGNORECASE)
_SVG = re.compile(r"<svg\b.*?</svg\s*>", re.IGNORECASE | re.DOTALL)
_AUTOCOMPLETE_ATTR = re.compile(
    r"""\sautocomplete\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+)""", re.IGNORECASE
)


class _TagAttrs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs = {name: value or "" for name, value in attrs}

    handle_startendtag = handle_starttag


@lru_cache(maxsize=8192)  # the same tags (navigation, cards) recur on every page
def tag_attrs(tag: str) -> Mapping[str, str]:
    """The attributes of one start tag, entities decoded (read-only)."""
    parser = _TagAttrs()
    parser.feed(tag)
    parser.close()
    return MappingProxyType(parser.attrs)


def is_external(href: str, site_host: str = "") -> bool:
    """True for an http(s) or protocol-relative link to a host other than `site_host`."""
    href = href.strip()
    parts = urlsplit(href)
    if parts.scheme.lower() not in ("http", "https", "") or not parts.netloc:
        return False
    return parts.netloc.lower() != site_host.lower()


def outside_raw(html: str, fix: Callable[[str], str]) -> str:
    """Apply `fix` to the parts of `html` outside script/style/pre/textarea elements."""
    out: list[str] = []
    pos = 0
    for raw in _RAW.finditer(html):
        out.append(fix(html[pos : raw.start()]))
        out.append(raw.group(0))
        pos = raw.end()
    out.append(fix(html[pos:]))
    return "".join(out)


def _with_rel(tag: str) -> str:
    rel = tag_attrs(tag).get("rel", "").split()
    tokens = rel + [token for token in REQUIRED_REL if token not in rel]
    if tokens == rel:
        return tag
    value = f' rel="{escape(" ".join(tokens))}"'
    if _REL_ATTR.search(tag):
        return _REL_ATTR.sub(lambda _: value, tag, count=1)
    end = -2 if tag.endswith("/>") else -1
    return tag[:end].rstrip() + value + tag[end:]


def _external_rel(part: str, site_host: str) -> str:
    def one(match: re.Match[str]) -> str:
        tag = match.group(0)
        if "//" not in tag:  # no host in it: nothing external (and no need to parse)
            return tag
        href = tag_attrs(tag).get("href")
        return _with_rel(tag) if href and is_external(href, site_host) else tag

    return _A_TAG.sub(one, part)


def _toggle_autocomplete(part: str) -> str:
    def one(match: re.Match[str]) -> str:
        tag = match.group(0)
        if "autocomplete" not in tag.lower():
            return tag
        if tag_attrs(tag).get("type", "").lower() in ("checkbox", "radio"):
            return _AUTOCOMPLETE_ATTR.sub("", tag)
        return tag

    return _INPUT_TAG.sub(one, part)


def add_external_rel(html: str, site_host: str = "") -> str:
    """Give every external `<a href>` rel="noopener noreferrer" (kept alongside other rel)."""
    return outside_raw(html, lambda part: _external_rel(part, site_host))


def drop_toggle_autocomplete(html: str) -> str:
    """Remove `autocomplete` from checkbox and radio inputs, where HTML does not allow it."""
    return outside_raw(html, _toggle_autocomplete)


def safe_tags(html: str, site_host: str = "") -> str:
    """`add_external_rel` and `drop_toggle_autocomplete` in one pass over the page."""
    return outside_raw(html, lambda part: _toggle_autocomplete(_external_rel(part, site_host)))


def print_href(href: str, page_url: str) -> str | None:
    """The absolute address of a relative link on the page at `page_url`, for paper.

    None for what needs no address on paper: in-page anchors, tel: and mailto: (their text is
    the number or address) and absolute links (the print stylesheet prints their href).
    """
    href = href.strip()
    parts = urlsplit(href)
    if not href or href.startswith("#") or parts.scheme or parts.netloc:
        return None
    return urljoin(page_url, href)


def _article_span(html: str) -> tuple[int, int] | None:
    """Start and end of the content article (it may hold nested <article> cards)."""
    start = _ARTICLE_START.search(html)
    if start is None:
        return None
    depth = 1
    for tag in _ARTICLE_TAG.finditer(html, start.end()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return start.end(), tag.start()
    return None


def add_print_href(html: str, page_url: str) -> str:
    """Give each relative link in the page's article `data-print-href`: its absolute address.

    `page_url` is the page's own absolute address. Links in drawings (<svg>) are left alone.
    """
    span = _article_span(html)
    if span is None:
        return html

    def one(match: re.Match[str]) -> str:
        tag = match.group(0)
        attrs = tag_attrs(tag)
        url = print_href(attrs.get("href", ""), page_url)
        if url is None or "data-print-href" in attrs:
            return tag
        end = -2 if tag.endswith("/>") else -1
        return tag[:end].rstrip() + f' data-print-href="{escape(url)}"' + tag[end:]

    def fix(part: str) -> str:
        out: list[str] = []
        pos = 0
        for svg in _SVG.finditer(part):
            out.append(_A_TAG.sub(one, part[pos : svg.start()]))
            out.append(svg.group(0))
            pos = svg.end()
        out.append(_A_TAG.sub(one, part[pos:]))
        return "".join(out)

    begin, end = span
    return html[:begin] + outside_raw(html[begin:end], fix) + html[end:]
