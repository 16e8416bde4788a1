"""The contact markers a page may hold, checked and rendered.

`<!-- contact: id [id ...] [heading=N] -->`, `<!-- contacts: all|region=<id> [audience=...] -->`,
`<!-- roster: <id> [heading=N] -->` and `<!-- team-finder: all -->`.
"""

from __future__ import annotations

from omringd.contacts.loading import Directory, load_directory
from omringd.contacts.places import render_team_finder
from omringd.contacts.render import browser_data, render_contacts, render_directory, render_roster
from omringd.core.errors import DataError
from omringd.core.jinja import render
from omringd.core.markers import Marker, MarkerSpec, replace_markers
from omringd.core.regions import REGIONS

MARKER_SPECS = (
    MarkerSpec(
        "contact",
        keys=("heading",),
        min_args=1,
        usage="<!-- contact: <id> [<id> ...] -->",
        known_args=lambda: load_directory().ids,
    ),
    MarkerSpec(
        "contacts",
        keys=("region", "audience"),
        max_args=1,
        usage="<!-- contacts: all --> or <!-- contacts: region=<region> [audience=...] -->",
    ),
    MarkerSpec(
        "roster",
        keys=("heading",),
        min_args=1,
        max_args=1,
        usage="<!-- roster: <id> -->",
        known_args=lambda: tuple(load_directory().rosters),
    ),
    MarkerSpec("team-finder", max_args=1, usage="<!-- team-finder: all -->"),
)
MARKERS = tuple(spec.name for spec in MARKER_SPECS)
AUDIENCES = ("all", "parents", "professionals")


def _heading(marker: Marker, src: str, default: int) -> int:
    """The `heading=N` option of a marker (2 to 6)."""
    raw = marker.options.get("heading", str(default))
    if raw not in {"2", "3", "4", "5", "6"}:
        raise DataError(
            src, f"marker '{marker.name}', option heading", f"is {raw!r}", valid="2 to 6"
        )
    return int(raw)


def _contacts(marker: Marker, src: str, lang: str, base: str, directory: Directory) -> str:
    region = marker.options.get("region")
    audience = marker.options.get("audience", "all")
    if audience not in AUDIENCES:
        raise DataError(
            src, "marker 'contacts'", f"unknown audience '{audience}'", valid=", ".join(AUDIENCES)
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
    return render_contacts(shown, lang, base=base, directory=directory, status=True)


def render_marker(
    marker: Marker, *, src: str, lang: str, base: str, directory_href: str, directory: Directory
) -> str:
    """The HTML for one contact marker on page `src` (errors name the page and the marker)."""
    if marker.name == "contact":
        if not marker.args:
            raise DataError(
                src, "marker 'contact'", "names no contact", valid=", ".join(directory.ids)
            )
        contacts = [directory.get(cid, src) for cid in marker.args]
        heading = _heading(marker, src, 3)
        return render_contacts(
            contacts, lang, base=base, heading=heading, directory=directory, status=True
        )
    if marker.name == "contacts":
        return _contacts(marker, src, lang, base, directory)
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


def render_page(
    html: str, *, src: str, lang: str, base: str, directory_href: str, directory: Directory
) -> str:
    """Replace every contact marker in a page, then add the card assets the page needs."""
    for name in MARKERS:
        html = replace_markers(
            html,
            name,
            lambda m: render_marker(
                m, src=src, lang=lang, base=base, directory_href=directory_href, directory=directory
            ),
        )
    return html + page_assets(html, lang=lang, base=base, directory=directory)


def page_assets(html: str, *, lang: str, base: str, directory: Directory | None = None) -> str:
    """The card stylesheet and the "open now"/team-finder script, each once, where needed.

    Other hooks (the decision tree's outcomes) render cards too and run earlier, so this looks
    at the page as it is and adds only what is missing.
    """
    # The decision tree's start page shows outcome cards in place, from its script.
    needs_cards = any(
        m in html for m in ("omr-card", "data-omr-team-finder", "data-omr-tree-runner")
    )
    stylesheet = needs_cards and "assets/contacts.css" not in html
    script = (
        "data-omr-hours" in html or "data-omr-team-finder" in html
    ) and 'id="omr-contacts-data"' not in html
    if not (stylesheet or script):
        return ""
    return render(
        "contact-assets.html",
        base=base,
        stylesheet=stylesheet,
        script=script,
        data=browser_data(lang, directory) if script else "",
    )
