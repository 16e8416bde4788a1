"""The HTML of a leaflet, taken from the built web pages so print and web never differ.

The content of a page is its `<article>` as the site built it (contact markers already turned
into cards); what only makes sense on a screen (help box, scripts, vCard links) is left out and
links are made absolute so they still work on paper.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

import segno
import tinyhtml5
from markupsafe import Markup

from omringd.core.errors import DataError
from omringd.leaflets.bidi import isolate_numbers, isolate_whole, local_name

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Screen-only pieces inside the article.
_DROP_CLASSES = frozenset(
    {
        "omr-help",
        "omr-reviewed",
        "omr-card__vcard",
        "omr-card__status",
        "omr-banner",
        "omr-leaflet-link",
        "omr-print-footer",
        "headerlink",
        "md-content__button",
        "omr-visually-hidden",
        "omr-status__from",  # a status's source: the QR code leads to it on the web page
        "omr-web-only",  # an editor's mark: this paragraph is for the web page only
    }
)
_DROP_TAGS = frozenset({"script", "link", "style", "noscript", "template"})


@dataclass(frozen=True)
class PageContent:
    """The printable content of one built page."""

    html: Markup
    reviewed: date | None
    lang: str
    title: str  # the page's h1


def built_file(site_dir: Path, url_path: str) -> Path:
    """The built HTML file of a page URL relative to the site root ('fr/ouders/')."""
    return (
        site_dir / url_path / "index.html"
        if url_path.endswith("/") or not url_path
        else (site_dir / url_path)
    )


def page_url_path(src: str, lang_prefix: str) -> str:
    """The URL path of a source page: 'ouders/index.md' -> 'ouders/', 'a/b.md' -> 'a/b/'."""
    stem = src[: -len(".md")]
    if stem == "index":
        stem = ""
    elif stem.endswith("/index"):
        stem = stem[: -len("index")]
    else:
        stem += "/"
    return lang_prefix + stem


def _classes(el: ET.Element) -> set[str]:
    return set((el.get("class") or "").split())


def _find_article(root: ET.Element) -> ET.Element | None:
    for el in root.iter():
        if local_name(el.tag) == "article" and "md-content__inner" in _classes(el):
            return el
    return None


def _strip(el: ET.Element) -> None:
    for child in list(el):
        if not isinstance(child.tag, str):  # comments
            el.remove(child)
            continue
        if local_name(child.tag) in _DROP_TAGS or _classes(child) & _DROP_CLASSES:
            # Keep the text that followed the dropped element.
            _remove_keep_tail(el, child)
            continue
        _strip(child)


def _remove_keep_tail(parent: ET.Element, child: ET.Element) -> None:
    tail = child.tail or ""
    index = list(parent).index(child)
    if tail:
        if index == 0:
            parent.text = (parent.text or "") + tail
        else:
            prev = parent[index - 1]
            prev.tail = (prev.tail or "") + tail
    parent.remove(child)


def _absolute_links(el: ET.Element, base_url: str) -> None:
    for node in el.iter():
        for attr in ("href", "src"):
            value = node.get(attr)
            if value and not value.startswith(("#", "tel:", "mailto:", "data:")):
                node.set(attr, urljoin(base_url, value))
            elif value and value.startswith("#"):
                # In-page anchors do not exist in the leaflet: point at the web page.
                node.set(attr, base_url + value)


#: Addresses up to this many characters fit one line of every leaflet at its largest type.
SHORT_URL = 32


def short_url(url: str) -> str:
    """A web address as people write it on paper: 'https://www.a.be/b/' -> 'a.be/b'."""
    text = url.split("://", 1)[-1]
    text = text.removeprefix("www.")
    return text.rstrip("/")


def _show_urls(root: ET.Element, own_site: str) -> None:
    """Print the address after each link to another site (paper cannot be clicked)."""
    found = []
    for parent in root.iter():
        for child in parent:
            href = child.get("href") or ""
            if local_name(child.tag) != "a" or not href.startswith(("http://", "https://")):
                continue
            if own_site and href.startswith(own_site):
                continue  # the site's own pages: the QR code leads there
            if short_url(href) in _text(child):
                isolate_whole(child)  # "1712.be" must not print as "be.1712"
                continue
            found.append((parent, child, short_url(href)))
    for parent, link, short in found:
        # An address reads left to right in every script: one isolated piece.
        # A short one is never broken over two lines (in Arabic the halves would stand at
        # opposite ends of the lines); a long one may break anywhere rather than overflow.
        kind = "omr-leaflet__url" + (" omr-leaflet__url--whole" if len(short) <= SHORT_URL else "")
        span = ET.Element("bdi", {"class": kind, "dir": "ltr"})
        span.text = f"({short})"
        span.tail, link.tail = link.tail, " "
        parent.insert(list(parent).index(link) + 1, span)


def _drop_contacts(root: ET.Element, ids: frozenset[str]) -> None:
    """Leave out the contact cards of `ids` (a folder's back page shows them)."""
    for parent in list(root.iter()):
        for child in list(parent):
            if child.get("data-omr-contact") in ids:
                _remove_keep_tail(parent, child)


def _demote(el: ET.Element, by: int) -> None:
    for node in el.iter():
        name = local_name(node.tag)
        if name in _HEADINGS:
            node.tag = f"h{min(6, int(name[1]) + by)}"
            node.attrib.pop("id", None)


def _sections(article: ET.Element, ids: tuple[str, ...], where: str) -> list[ET.Element]:
    """The heading with each id and what follows it up to the next heading of its level."""
    children = list(article)
    out: list[ET.Element] = []
    for sid in ids:
        start = next((i for i, c in enumerate(children) if c.get("id") == sid), None)
        if start is None or local_name(children[start].tag) not in _HEADINGS:
            found = [
                c.get("id") for c in children if local_name(c.tag) in _HEADINGS and c.get("id")
            ]
            raise DataError(
                "data/leaflets.yml", where, f"section '{sid}' not found", valid=", ".join(found)
            )
        level = int(local_name(children[start].tag)[1])
        out.append(children[start])
        for child in children[start + 1 :]:
            name = local_name(child.tag)
            if name in _HEADINGS and int(name[1]) <= level:
                break
            out.append(child)
    return out


def _text(el: ET.Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _links_only_to(el: ET.Element, targets: frozenset[str]) -> bool:
    """A list whose every item is one link to a page in `targets`."""
    items = [c for c in el if local_name(c.tag) == "li"]
    if not items or len(items) != len(el):
        return False
    for li in items:
        links = [a for a in li.iter() if local_name(a.tag) == "a"]
        if len(links) != 1 or _text(links[0]) != _text(li).rstrip(".,;"):
            return False
        if (links[0].get("href") or "").split("#")[0] not in targets:
            return False
    return True


def _drop_follow_on_links(elements: list[ET.Element], targets: frozenset[str]) -> list[ET.Element]:
    """Leave out "read on" lists that point to pages printed in the same leaflet.

    On paper those pages simply follow; the lead-in sentence ("Lees verder:") goes too.
    """
    out: list[ET.Element] = []
    for el in elements:
        if local_name(el.tag) in ("ul", "ol") and targets and _links_only_to(el, targets):
            if out and local_name(out[-1].tag) == "p" and _text(out[-1]).endswith(":"):
                out.pop()
            continue
        out.append(el)
    return out


def heading_ids(html: str) -> list[str]:
    """The ids of the content headings (h2-h6) of a built page, in order."""
    root = tinyhtml5.parse(html, namespace_html_elements=False)
    article = _find_article(root)
    if article is None:
        return []
    return [
        el.get("id", "")
        for el in article
        if local_name(el.tag) in _HEADINGS[1:] and "omr-help__title" not in _classes(el)
    ]


def translate_sections(
    source_html: str, target_html: str, ids: tuple[str, ...], where: str
) -> tuple[str, ...]:
    """The ids in a translated page of the sections `ids` of the Dutch page (same position).

    Heading ids are made from the heading text, so they differ per language; a translation
    keeps the order of the headings.
    """
    source = heading_ids(source_html)
    target = heading_ids(target_html)
    if len(source) != len(target):
        raise DataError(
            "data/leaflets.yml",
            where,
            f"the translation has {len(target)} headings, the Dutch page {len(source)}: "
            "cannot find the same sections",
        )
    out = []
    for sid in ids:
        if sid not in source:
            raise DataError(
                "data/leaflets.yml", where, f"section '{sid}' not found", valid=", ".join(source)
            )
        out.append(target[source.index(sid)])
    return tuple(out)


def _serialize(elements: list[ET.Element]) -> str:
    parts = []
    for el in elements:
        for node in el.iter():
            # The HTML parser puts SVG and MathML in their namespaces; HTML needs bare names.
            if isinstance(node.tag, str) and node.tag.startswith("{"):
                node.tag = local_name(node.tag)
        tail, el.tail = el.tail, None
        parts.append(ET.tostring(el, encoding="unicode", method="html"))
        el.tail = tail
    return "\n".join(parts)


def extract_content(
    html: str,
    *,
    page_url: str,
    sections: tuple[str, ...] = (),
    demote: int = 1,
    where: str = "",
    drop_title: bool = False,
    leaflet_title: str = "",
    printed: frozenset[str] = frozenset(),
    own_site: str = "",
    drop_contacts: frozenset[str] = frozenset(),
) -> PageContent:
    """The printable content of a built page (`sections`: only these heading ids).

    `drop_title`: leave out the page's h1 when it repeats the leaflet's title (`leaflet_title`,
    or any title when the leaflet takes its title from this page);
    `printed`: URLs of the pages in the same leaflet, whose "read on" lists are left out;
    `own_site`: the site's root URL (links elsewhere get their address printed after them);
    `drop_contacts`: contact cards to leave out (printed elsewhere in the leaflet).
    """
    root = tinyhtml5.parse(html, namespace_html_elements=False)
    lang = root.get("lang") or ""
    article = _find_article(root)
    if article is None:
        raise DataError(where or page_url, "built page", "has no <article> with the content")
    reviewed = None
    for node in article.iter():
        if local_name(node.tag) == "time" and node.get("datetime"):
            try:
                reviewed = date.fromisoformat(node.get("datetime", ""))
            except ValueError:
                continue
    _strip(article)
    _absolute_links(article, page_url)
    page_title = next((_text(el) for el in article if local_name(el.tag) == "h1"), "")
    elements = _sections(article, sections, where) if sections else list(article)
    first = elements[0] if elements else None
    is_h1 = first is not None and local_name(first.tag) == "h1"
    repeats = is_h1 and (not leaflet_title or _text(first) == " ".join(leaflet_title.split()))
    if drop_title and repeats:
        elements = elements[1:]
    elements = _drop_follow_on_links(elements, printed)
    holder = ET.Element("div")
    holder.extend(elements)
    _drop_contacts(holder, drop_contacts)
    _show_urls(holder, own_site)
    isolate_numbers(holder)
    _demote(holder, demote)
    text = (article.text or "").strip() if not sections else ""
    return PageContent(Markup(text + _serialize(list(holder))), reviewed, lang, page_title)


def add_pictograms(html: str, svgs: list[str], where: str) -> Markup:
    """`html` with one pictogram (SVG source) opening each of its section headings, in order.

    The sections are the top-level headings of the highest level in the fragment, after the
    part's own title (a first heading that is the only one of its level).
    """
    root = tinyhtml5.parse(f"<!doctype html><body>{html}", namespace_html_elements=False)
    body = next(el for el in root.iter() if local_name(el.tag) == "body")
    headings = [c for c in body if local_name(c.tag) in _HEADINGS]
    if (
        len(headings) > 1
        and [local_name(h.tag) for h in headings].count(local_name(headings[0].tag)) == 1
    ):
        headings = headings[1:]
    level = min((local_name(h.tag) for h in headings), default="h6")
    sections = [h for h in headings if local_name(h.tag) == level]
    if len(svgs) > len(sections):
        raise DataError(
            "data/leaflets.yml",
            where,
            f"{len(svgs)} pictograms for {len(sections)} section headings",
            valid=f"at most {len(sections)} pictograms, one per section, in order",
        )
    for heading, svg in zip(sections, svgs, strict=False):
        picture = ET.fromstring(svg)
        picture.tail, heading.text = heading.text, None
        heading.insert(0, picture)
        heading.set("class", " ".join([*_classes(heading), "omr-leaflet__pictoheading"]))
    return Markup((body.text or "").strip() + _serialize(list(body)))


def qr_svg(url: str, title: str) -> Markup:
    """The QR code for `url` as inline vector SVG (error correction M, quiet zone of 4)."""
    qr = segno.make(url, error="m", micro=False)
    # omitsize: a viewBox and no fixed size, so the stylesheet sizes the vector.
    return Markup(
        qr.svg_inline(
            scale=1,
            border=4,
            omitsize=True,
            title=title,
            svgclass="omr-leaflet__qr-code",
            lineclass=None,
        )
    )


def clean_fragment(html: str, base_url: str, own_site: str = "") -> Markup:
    """An HTML fragment (e.g. contact cards) without screen-only parts, links made absolute."""
    root = tinyhtml5.parse(f"<!doctype html><body>{html}", namespace_html_elements=False)
    body = next(el for el in root.iter() if local_name(el.tag) == "body")
    _strip(body)
    _absolute_links(body, base_url)
    _show_urls(body, own_site)
    isolate_numbers(body)
    return Markup((body.text or "").strip() + _serialize(list(body)))
