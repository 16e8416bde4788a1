"""Numbers, dates and web addresses read left to right in right-to-left text: each is
wrapped in <bdi dir="ltr"> in a leaflet's HTML (WeasyPrint does not apply the CSS
`unicode-bidi: isolate` the web pages use)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from markupsafe import Markup

# Numbers that must read left to right in every script: phone numbers, hours, postcodes, dates
# ("078 170 000", "08:00–20:00", "3500", "2.12.2026"), with a leading + or a trailing "u"/"h".
_NUMBER = re.compile(r"\+?\d(?:[\d.:/–-]|\s(?=\d))*\d(?:\s?[uh]\b)?|\d")
# Elements whose text is left alone: drawings, and those isolated already.
_NO_ISOLATE = frozenset({"svg", "bdi", "script", "style"})


def local_name(tag: object) -> str:
    """An element's tag without its namespace ('' for comments and the like)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _isolated(text: str) -> tuple[str, list[ET.Element]]:
    """`text` up to its first number, then <bdi dir="ltr"> elements each with its tail."""
    pieces = _NUMBER.split(text)
    numbers = _NUMBER.findall(text)
    out = []
    for number, tail in zip(numbers, pieces[1:], strict=True):
        bdi = ET.Element("bdi", {"dir": "ltr"})
        bdi.text, bdi.tail = number, tail
        out.append(bdi)
    return pieces[0], out


def isolate_numbers(el: ET.Element) -> None:
    """Wrap every number in `el` in <bdi dir="ltr">: right-to-left text never reverses it."""
    if local_name(el.tag) in _NO_ISOLATE:
        return
    for child in list(el):
        isolate_numbers(child)
        if child.tail and _NUMBER.search(child.tail):
            child.tail, after = _isolated(child.tail)
            at = list(el).index(child) + 1
            el[at:at] = after
    if el.text and _NUMBER.search(el.text):
        el.text, first = _isolated(el.text)
        el[0:0] = first


def isolate_text(text: str) -> Markup:
    """`text` escaped, each number in it isolated left to right (see `isolate_numbers`)."""
    holder = ET.Element("span")
    holder.text = text
    isolate_numbers(holder)
    inner = ET.tostring(holder, encoding="unicode", method="html")
    return Markup(inner[len("<span>") : -len("</span>")])


def isolate_whole(link: ET.Element) -> None:
    """The link's text as one left-to-right piece (its children stay inside)."""
    bdi = ET.Element("bdi", {"dir": "ltr"})
    bdi.text, link.text = link.text, None
    bdi.extend(list(link))
    for child in list(link):
        link.remove(child)
    link.append(bdi)
