"""The parts of a leaflet that are not pages: the decision tree's flowchart, contact cards and
an on-call roster, each rendered from the data (not from the built pages)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from omringd.contacts import Directory, load_directory, render_contacts, render_roster
from omringd.leaflets.html import clean_fragment
from omringd.leaflets.model import LeafletConfig, Part
from omringd.leaflets.site import Site

#: Where the flowchart's boxes link to: the tree's page of each step.
FLOWCHART_NODE_PATH = "professionals/doorverwijzen/{id}/"


def _flowchart(site: Site, lang: str, config: LeafletConfig) -> Markup:
    from omringd.tree import diagram, site_tree  # only leaflets with a flowchart need it

    tree = site_tree(site.languages)
    prefix = site.site_url + site.prefix(lang)
    svg = diagram(
        tree,
        lang,
        lambda node_id: prefix + FLOWCHART_NODE_PATH.format(id=node_id),
        title=config.label("flowchart", lang),
        desc=config.label("flowchart_desc", lang),
    )
    # The drawing's text in the leaflet's own fonts, not whatever the system calls sans-serif.
    families = ", ".join(f"'{f}'" for f in config.family_stack(lang))
    svg = svg.replace("<svg ", f'<svg font-family="{escape(families)}" ', 1)
    return Markup(svg)


def flowchart_part(config: LeafletConfig, lang: str, site: Site) -> dict[str, Any]:
    """The decision tree as one drawing."""
    return {
        "kind": "flowchart",
        "title": config.label("flowchart", lang),
        "html": _flowchart(site, lang, config),
    }


def contacts_part(
    config: LeafletConfig, part: Part, lang: str, site: Site, directory: Directory | None
) -> dict[str, Any]:
    """The contact cards of `part`, without their screen-only pieces."""
    d = directory or load_directory()
    contacts = [d.get(cid, str(config.path)) for cid in part.contacts]
    html = render_contacts(contacts, lang, base=site.site_url, heading=3, directory=d)
    return {
        "kind": "contacts",
        "title": config.label("contacts", lang),
        "html": clean_fragment(html, site.site_url, site.site_url),
    }


def roster_part(
    config: LeafletConfig, part: Part, lang: str, site: Site, directory: Directory | None
) -> dict[str, Any]:
    """A roster's table with its note, source and date; its contacts' cards stay on the web
    (the table holds their numbers)."""
    d = directory or load_directory()
    html = render_roster(d.rosters[part.roster], lang, base=site.site_url, directory=d, cards=False)
    return {
        "kind": "roster",
        "title": config.label("roster", lang),
        "html": clean_fragment(html, site.site_url, site.site_url),
    }
