"""Thin MkDocs adapter for the contact directory.

- `on_page_context`: the help box (consistent help) into `context["omringd"]["help_html"]`.
- `on_page_content`: replaces the markers `<!-- contact: id ... -->`, `<!-- contacts: all -->`
  (or `region=...`, `audience=...`), `<!-- roster: id -->` and `<!-- team-finder: all -->`.
- `on_post_build`: writes the downloads (vCards, contacts.json, contacts.csv) once per build.

The logic lives in `omringd.contacts`, `omringd.contact_render`, `omringd.contact_exports` and
`omringd.places`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from omringd.contact_exports import write_downloads
from omringd.contact_render import browser_data, render_directory
from omringd.contacts import REGIONS, load_directory, render_contacts, render_help, render_roster
from omringd.errors import DataError
from omringd.markers import Marker, replace_markers
from omringd.places import render_team_finder

DIRECTORY_PAGE = "professionals/contacten/"
_MARKERS = ("contact", "contacts", "roster", "team-finder")
# (site_dir, data stamp) of downloads already written in this process: the i18n plugin runs
# on_post_build once per language into the same site_dir.
_written: set[tuple[str, int]] = set()


def _lang(config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    return i18n.current_language if i18n is not None else config.theme["language"]


def _default_lang(config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return config.theme["language"]
    return i18n.default_language


def _base(page: Page) -> str:
    """Relative URL of the site root from this page, ending in '/' (or empty)."""
    return get_relative_url("index.html", page.url)[: -len("index.html")]


def _lang_root(config: MkDocsConfig, lang: str) -> str:
    return "" if lang == _default_lang(config) else f"{lang}/"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        load_directory()
    except DataError as err:
        raise PluginError(err.message) from err
    return config


@event_priority(-50)
def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any
) -> dict[str, Any]:
    omringd = context.get("omringd")
    if not isinstance(omringd, dict):
        return context
    lang = omringd.get("lang") or _lang(config)
    href = _directory_href(config, page, lang) or "./"
    try:
        omringd["help_html"] = render_help(
            omringd.get("audience", "all"),
            lang,
            directory_href=href,
            titles=context.get("ui"),
        )
    except DataError as err:
        raise PluginError(err.message) from err
    return context


def _directory_href(config: MkDocsConfig, page: Page, lang: str) -> str:
    """Relative URL of the directory page in `lang` ('' on the directory page itself)."""
    target = _lang_root(config, lang) + DIRECTORY_PAGE
    if page.url == target:
        return ""
    href = get_relative_url(target, page.url)
    return href if href.endswith("/") else href + "/"


def _heading(marker: Marker, src: str, default: int) -> int:
    """The `heading=N` option of a marker (2 to 6)."""
    raw = marker.options.get("heading", str(default))
    if raw not in {"2", "3", "4", "5", "6"}:
        raise DataError(
            src, f"marker '{marker.name}', option heading", f"is {raw!r}", valid="2 to 6"
        )
    return int(raw)


def _render_marker(marker: Marker, page: Page, lang: str, directory_href: str) -> str:
    src = f"docs/{page.file.src_uri}"
    directory = load_directory()
    base = _base(page)
    if marker.name == "contact":
        if not marker.args:
            raise DataError(
                src, "marker 'contact'", "names no contact", valid=", ".join(directory.ids)
            )
        contacts = [directory.get(cid, src) for cid in marker.args]
        heading = _heading(marker, src, 3)
        return render_contacts(contacts, lang, base=base, heading=heading, directory=directory)
    if marker.name == "contacts":
        region = marker.options.get("region")
        audience = marker.options.get("audience", "all")
        if audience not in ("all", "parents", "professionals"):
            raise DataError(
                src,
                "marker 'contacts'",
                f"unknown audience '{audience}'",
                valid="all, parents, professionals",
            )
        if region is None:
            return render_directory(lang, base=base, audience=audience, directory=directory)
        if region not in REGIONS:
            raise DataError(
                src, "marker 'contacts'", f"unknown region '{region}'", valid=", ".join(REGIONS)
            )
        shown = [
            c
            for c in directory.contacts
            if region in c.regions and (audience == "all" or audience in c.audience)
        ]
        return render_contacts(shown, lang, base=base, directory=directory)
    if marker.name == "roster":
        rid = marker.args[0] if marker.args else ""
        if rid not in directory.rosters:
            raise DataError(
                src,
                f"marker 'roster: {rid}'",
                "names no roster",
                valid=", ".join(directory.rosters),
            )
        heading = _heading(marker, src, 2)
        return render_roster(
            directory.rosters[rid], lang, base=base, heading=heading, directory=directory
        )
    return render_team_finder(lang, base=base, directory_href=directory_href, directory=directory)


# Late, so cards that other hooks render (the decision tree's outcomes) also get the
# stylesheet and the "open now" script.
@event_priority(-60)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Any) -> str:
    # Cards are part of the content: a page that falls back to Dutch gets Dutch cards (the
    # content is marked lang="nl" there); the link to the directory stays in the reader's
    # language.
    lang = getattr(page.file, "locale", None) or _lang(config)
    href = _directory_href(config, page, _lang(config))
    try:
        for name in _MARKERS:
            html = replace_markers(html, name, lambda m: _render_marker(m, page, lang, href))
    except DataError as err:
        raise PluginError(err.message) from err
    # Each added once, even when another hook already added it.
    has_cards = "omr-card" in html or "data-omr-team-finder" in html
    if has_cards and "assets/contacts.css" not in html:
        # A stylesheet link is allowed in the body (HTML "body-ok"); only pages with cards load it.
        html += f'<link rel="stylesheet" href="{_base(page)}assets/contacts.css">'
    needs_script = "data-omr-hours" in html or "data-omr-team-finder" in html
    if needs_script and 'id="omr-contacts-data"' not in html:
        html += (
            f'<script type="application/json" id="omr-contacts-data">{browser_data(lang)}</script>'
            f'<script src="{_base(page)}assets/contacts.js" defer></script>'
        )
    return html


def on_post_build(config: MkDocsConfig) -> None:
    site_dir = Path(config["site_dir"])
    directory = load_directory()
    key = (str(site_dir.resolve()), directory.path.stat().st_mtime_ns)
    if key in _written and (site_dir / "contacts" / "contacts.json").exists():
        return
    try:
        write_downloads(directory, site_dir / "contacts", lang=_default_lang(config))
    except DataError as err:
        raise PluginError(err.message) from err
    _written.add(key)
