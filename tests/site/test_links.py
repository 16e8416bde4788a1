"""Every internal link and anchor in the built site resolves; external links carry rel.

Pure Python (html.parser) over every built HTML page in every language, no network:
- each internal href/src (relative, root-relative, or absolute on the site's own address)
  names a file in the built site, and each `#fragment` is an id (or <a name>) in the target page;
- each external <a> (http/https to another host) has rel with noopener and noreferrer.
Also unit tests for `omringd.site.links`, which adds that rel at build time.
"""

from __future__ import annotations

import os
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from omringd.site.links import (
    add_external_rel,
    drop_toggle_autocomplete,
    is_external,
    safe_tags,
)
from tests.conftest import SITE_URL, built_pages

# Attributes that load or link to another resource.
LINK_ATTRS = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src",),
    "source": ("src",),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "form": ("action",),
}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, dict[str, str]]] = []  # (tag, url, attrs)
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])
        if tag == "base" and "href" in values:
            self.base = values["href"]
        for attr in LINK_ATTRS.get(tag, ()):
            if attr in values:
                self.links.append((tag, values[attr].strip(), values))

    handle_startendtag = handle_starttag


@cache
def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def site_path(url_path: str) -> str:
    """A root-relative URL path, made relative to the site root (site_url may have a path)."""
    prefix = urlsplit(SITE_URL).path or "/"
    if url_path.startswith(prefix):
        return url_path[len(prefix) :]
    return url_path.lstrip("/")


def resolve(site_dir: Path, page: Path, url: str) -> tuple[Path | None, str] | None:
    """The file an internal link points to and its fragment; None for a link to elsewhere.

    Returns (None, fragment) when the link is internal but names no file in the site.
    """
    parts = urlsplit(url)
    site = urlsplit(SITE_URL)
    if parts.scheme in ("mailto", "tel", "sms", "javascript", "data", "blob"):
        return None
    if parts.scheme or parts.netloc:
        if (parts.scheme, parts.netloc) != (site.scheme, site.netloc):
            return None  # external
        rel = site_path(parts.path)
        target = site_dir / unquote(rel)
    elif parts.path.startswith("/"):
        target = site_dir / unquote(site_path(parts.path))
    elif parts.path == "":
        target = page
    else:
        target = page.parent / unquote(parts.path)
    try:
        target = Path(os.path.normpath(target))
        target.relative_to(site_dir)
    except ValueError:
        return (None, parts.fragment)  # climbs out of the site
    if target.is_dir():
        target = target / "index.html"
    return (target if target.is_file() else None, unquote(parts.fragment))


def test_every_internal_link_and_anchor_resolves(site_dir: Path) -> None:
    pages = built_pages(site_dir)
    problems: list[str] = []
    checked = 0
    for page in pages:
        rel = page.relative_to(site_dir).as_posix()
        for tag, url, _ in parse(page).links:
            resolved = resolve(site_dir, page, url)
            if resolved is None:
                continue
            checked += 1
            target, fragment = resolved
            if target is None:
                problems.append(f"{rel}: <{tag}> {url!r} names no file in the site")
            elif fragment and target.suffix == ".html" and fragment not in parse(target).ids:
                where = target.relative_to(site_dir).as_posix()
                problems.append(f"{rel}: <{tag}> {url!r}: no id {fragment!r} in {where}")
    print(f"{len(pages)} pages, {checked} internal links checked")
    assert not problems, f"{len(problems)} broken internal links:\n" + "\n".join(problems)


def test_external_links_have_noopener_noreferrer(site_dir: Path) -> None:
    pages = built_pages(site_dir)
    site_host = urlsplit(SITE_URL).netloc
    problems: list[str] = []
    checked = 0
    for page in pages:
        for tag, url, attrs in parse(page).links:
            if tag != "a" or not is_external(url, site_host):
                continue
            checked += 1
            rel = attrs.get("rel", "").split()
            if "noopener" not in rel or "noreferrer" not in rel:
                problems.append(f"{page.relative_to(site_dir).as_posix()}: {url} rel={rel}")
    print(f"{len(pages)} pages, {checked} external links checked")
    assert not problems, "external links without rel=noopener noreferrer:\n" + "\n".join(problems)


# --- omringd.site.links ------------------------------------------------------------------------


def test_add_external_rel_adds_to_external_links_only() -> None:
    html = (
        '<p><a href="https://example.org/x">a</a> <a href="../ouders/">b</a> '
        '<a href="#top">c</a> <a href="http://localhost:8000/ouders/">d</a></p>'
    )
    out = add_external_rel(html, "localhost:8000")
    assert '<a href="https://example.org/x" rel="noopener noreferrer">a</a>' in out
    assert '<a href="../ouders/">b</a>' in out
    assert '<a href="#top">c</a>' in out
    assert '<a href="http://localhost:8000/ouders/">d</a>' in out


def test_add_external_rel_keeps_existing_rel_and_target() -> None:
    html = '<a class="x" href="//cdn.example/" rel="external" target="_blank">x</a>'
    out = add_external_rel(html)
    assert out == (
        '<a class="x" href="//cdn.example/" rel="external noopener noreferrer" '
        'target="_blank">x</a>'
    )
    done = '<a href="https://e.org" rel="noreferrer noopener">y</a>'
    assert add_external_rel(done) == done


def test_add_external_rel_leaves_scripts_and_other_tags_alone() -> None:
    html = '<script>var s = "<a href=\\"https://e.org\\">";</script><abbr title="x">y</abbr>'
    assert add_external_rel(html) == html
    html = '<a href="mailto:a@b.be">m</a><a href="tel:+3278170000">t</a>'
    assert add_external_rel(html) == html


def test_drop_toggle_autocomplete_only_on_checkboxes() -> None:
    html = (
        '<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
        '<input type="text" name="query" autocomplete="off">'
    )
    assert drop_toggle_autocomplete(html) == (
        '<input class="md-toggle" type="checkbox" id="__drawer">'
        '<input type="text" name="query" autocomplete="off">'
    )


def test_safe_tags_does_both_in_one_pass() -> None:
    html = (
        '<input type="checkbox" autocomplete="off"><a href="https://e.org/">e</a>'
        '<script>x = "<input type=checkbox autocomplete=off>"</script>'
    )
    assert safe_tags(html) == drop_toggle_autocomplete(add_external_rel(html))
    assert safe_tags(html) != html


def test_resolve_handles_relative_root_relative_and_site_url(tmp_path: Path) -> None:
    (tmp_path / "ouders").mkdir()
    (tmp_path / "ouders" / "index.html").write_text('<h1 id="a">x</h1>', encoding="utf-8")
    (tmp_path / "index.html").write_text("<p>home</p>", encoding="utf-8")
    home = tmp_path / "index.html"
    sub = tmp_path / "ouders" / "index.html"
    assert resolve(tmp_path, home, "ouders/#a") == (sub, "a")
    assert resolve(tmp_path, sub, "../") == (home, "")
    assert resolve(tmp_path, sub, "/ouders/") == (sub, "")
    assert resolve(tmp_path, sub, "#a") == (sub, "a")
    assert resolve(tmp_path, home, "nergens/") == (None, "")
    assert resolve(tmp_path, home, "https://example.org/") is None
    assert resolve(tmp_path, home, SITE_URL + "ouders/") == (sub, "")
