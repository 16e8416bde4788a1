"""The sitemap: every built page in every language, with its other languages and the date
its facts were last checked.

Written once the site is built, from the pages themselves: a sequential build and a parallel
one (each process builds some languages) give the same file. The date is the page's own
"last checked" date (front matter `reviewed:`), not the day of the build, which would tell a
search engine that every page changed every day.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from omringd.core.jinja import render
from omringd.core.languages import prefix

NAME = "sitemap.xml"
# The review date the page template writes (overrides/partials/content.html).
_REVIEWED = re.compile(rb'<p class="omr-reviewed">[^<]*<time datetime="(\d{4}-\d\d-\d\d)"')


@dataclass(frozen=True)
class Alternate:
    """One language version of a page, for its <xhtml:link>."""

    lang: str  # a language code, or 'x-default'
    href: str


@dataclass(frozen=True)
class Entry:
    """One page in one language."""

    loc: str
    lastmod: str | None
    alternates: tuple[Alternate, ...]


def built_pages(site_dir: Path, languages: list[str], default: str) -> dict[str, list[str]]:
    """The pages built for each language, as paths under its folder ('' for its home,
    'ouders/'), sorted; one walk of the site."""
    pages: dict[str, list[str]] = {lang: [] for lang in languages}
    others = {code for code in languages if code != default}
    for folder, _, names in os.walk(site_dir):
        if "index.html" not in names:
            continue
        rel = Path(folder).relative_to(site_dir).parts
        lang = rel[0] if rel and rel[0] in others else default
        path = rel[1:] if lang != default else rel
        if lang in pages:
            pages[lang].append("/".join(path) + "/" if path else "")
    return {lang: sorted(paths) for lang, paths in pages.items()}


def reviewed(page: Path) -> str | None:
    """The ISO date a built page says its facts were last checked, if it says one."""
    match = _REVIEWED.search(page.read_bytes())
    return match.group(1).decode("ascii") if match else None


def entries(site_dir: Path, site_url: str, languages: list[str], default: str) -> list[Entry]:
    """Every page of every language in `languages` (build order), as the sitemap lists it."""
    built = built_pages(site_dir, languages, default)
    present = {lang: set(paths) for lang, paths in built.items()}
    result = []
    for lang in languages:
        for path in built[lang]:
            alternates = [
                Alternate(other, site_url + prefix(other, default) + path)
                for other in languages
                if path in present[other]
            ]
            if path in present.get(default, ()):
                alternates.append(Alternate("x-default", site_url + path))
            folder = site_dir / prefix(lang, default) / path
            result.append(
                Entry(
                    loc=site_url + prefix(lang, default) + path,
                    lastmod=reviewed(folder / "index.html"),
                    alternates=tuple(alternates),
                )
            )
    return result


def write_sitemap(site_dir: Path, site_url: str, languages: list[str], default: str) -> Path:
    """Write `site_dir/sitemap.xml` for the pages built in `languages`; returns its path."""
    path = site_dir / NAME
    pages = entries(site_dir, site_url, languages, default)
    path.write_text(render("sitemap.xml", pages=pages) + "\n", encoding="utf-8")
    return path
