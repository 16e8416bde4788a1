"""Render contacts as HTML with the Jinja templates in overrides/omringd/ (autoescaped)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from babel.dates import get_day_names
from babel.lists import format_list

from omringd.contacts.hours import (
    DAYS,
    clock_text,
    comma,
    day_name,
    days_text,
    holiday_dates,
    minutes,
)
from omringd.contacts.loading import Directory, load_directory
from omringd.core.jinja import render
from omringd.core.paths import DATA_DIR
from omringd.i18n import load_ui
from omringd.sources import render_status

if TYPE_CHECKING:
    from omringd.contacts.model import Contact, Roster


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _directory(directory: Directory | None) -> Directory:
    if directory is not None:
        return directory
    return load_directory()


def hours_lines(contact: Contact, lang: str, labels: Mapping[str, str]) -> list[str]:
    """The opening hours in words, one line per schedule line."""
    if contact.always_open:
        return [labels["always_open"]]
    out = []
    for h in contact.hours:
        days = days_text(h.sorted_days, lang, labels["day_range"])
        out.append(f"{days}{comma(lang)}{clock_text(h.opens, lang)}–{clock_text(h.closes, lang)}")
    return out


def hours_json(contact: Contact) -> str:
    """The weekly schedule for the browser: day numbers as JavaScript's getDay() (0 = Sunday)."""
    js_day = {d: (i + 1) % 7 for i, d in enumerate(DAYS)}
    return json.dumps(
        [
            {"d": [js_day[d] for d in h.sorted_days], "o": minutes(h.opens), "c": minutes(h.closes)}
            for h in contact.hours
        ],
        separators=(",", ":"),
    )


def regions_text(directory: Directory, regions: Sequence[str], lang: str) -> str:
    """'heel Vlaanderen en Brussel', 'Vlaams-Brabant en Brussel', or 'Limburg'."""
    labels = directory.labels(lang)
    if not regions:
        return labels["region_none"]
    if set(regions) == set(directory.regions):
        return labels["region_all"]
    names = [directory.regions[r].get(lang) for r in regions]
    if len(names) == 1:
        return names[0]
    return format_list(names, locale=lang)


def contact_regions(directory: Directory, contact: Contact, lang: str) -> str:
    """The regions a contact serves in words, or 'not stated in the source'."""
    if contact.regions_unstated:
        return directory.labels(lang)["region_unstated"]
    return regions_text(directory, contact.regions, lang)


def status_html(directory: Directory, contact: Contact, lang: str) -> str:
    """The status box of the contact's programme (data/programmes.yml), or ''."""
    if contact.status is None:
        return ""
    labels = directory.labels(lang)
    status_labels = {
        "status_title": labels["programme_status"],
        "status_source": labels["source"],
        "status_checked": labels["checked"],
    }
    src = f"{directory.path}, contact '{contact.id}'"
    return render_status(directory.registry(), contact.status, lang, src, status_labels)


def _card_context(
    contact: Contact,
    lang: str,
    directory: Directory,
    *,
    base: str,
    heading: int,
    anchor: bool,
    status: bool = True,
) -> dict[str, Any]:
    page_lang = lang
    lang = directory.text_lang(lang)
    labels = directory.labels(lang)
    live = bool(contact.hours) and contact.live_status
    return {
        "c": contact,
        "lang": lang,
        "lang_attr": lang if lang != page_lang else "",
        "labels": labels,
        "hours": hours_lines(contact, lang, labels),
        "hours_json": hours_json(contact) if live else "",
        "status_html": status_html(directory, contact, lang) if status else "",
        "audience": format_list([labels[f"audience_{a}"] for a in contact.audience], locale=lang),
        "regions": contact_regions(directory, contact, lang),
        "base": base,
        "heading": max(2, min(heading, 6)),
        "anchor": anchor,
        "checked": contact.checked,
    }


def render_contact(
    contact: Contact,
    lang: str,
    *,
    base: str = "",
    heading: int = 3,
    anchor: bool = False,
    directory: Directory | None = None,
    status: bool = True,
) -> str:
    """One contact card. `base` is the relative URL of the site root (for the vCard link);
    `status`: show the status of the contact's programme (data/programmes.yml)."""
    d = _directory(directory)
    ctx = _card_context(contact, lang, d, base=base, heading=heading, anchor=anchor, status=status)
    return render("contact-card.html", **ctx)


def render_contacts(
    contacts: Iterable[Contact],
    lang: str,
    *,
    base: str = "",
    heading: int = 3,
    directory: Directory | None = None,
    status: bool = False,
) -> str:
    """Several contact cards in a list. `status`: show each programme contact's status (the
    pages' markers do; callers that print cards elsewhere, such as the leaflets and the
    decision tree, choose)."""
    d = _directory(directory)
    cards = [
        render_contact(c, lang, base=base, heading=heading, directory=d, status=status)
        for c in contacts
    ]
    return render("contact-list.html", cards=cards)


UNSTATED = ("unstated",)


def groups(directory: Directory) -> list[tuple[tuple[str, ...], list[Contact]]]:
    """Contacts grouped by the regions they serve: everywhere first, then by region, then none.
    The contacts whose source names no region come last, under the key ("unstated",).
    """
    order = list(directory.regions)
    keyed: dict[tuple[str, ...], list[Contact]] = {}
    for c in directory.contacts:
        key = tuple(order) if directory.everywhere(c) else tuple(r for r in order if r in c.regions)
        if c.regions_unstated:
            key = UNSTATED
        keyed.setdefault(key, []).append(c)

    def sort_key(key: tuple[str, ...]) -> tuple[int, int]:
        if key == tuple(order):
            return (0, 0)
        if key == UNSTATED:
            return (3, 0)
        if not key:
            return (2, 0)
        return (1, order.index(key[0]))

    return [(k, keyed[k]) for k in sorted(keyed, key=sort_key)]


def render_directory(
    lang: str, *, base: str = "", audience: str = "all", directory: Directory | None = None
) -> str:
    """The whole directory grouped by region, each contact once, with an anchor per card."""
    d = _directory(directory)
    page_lang = lang
    lang = d.text_lang(lang)
    sections = []
    for regions, contacts in groups(d):
        shown = [c for c in contacts if audience == "all" or audience in c.audience]
        if not shown:
            continue
        slug = "-".join(regions) if regions else "elders"
        if len(regions) == len(d.regions):
            slug = "overal"
        if regions == UNSTATED:
            slug, title = "regio-niet-vermeld", d.labels(lang)["region_unstated"]
        else:
            title = regions_text(d, regions, lang)
        sections.append(
            {
                "slug": slug,
                "title": _upper_first(title),
                "cards": [
                    render_contact(c, lang, base=base, heading=3, anchor=True, directory=d)
                    for c in shown
                ],
            }
        )
    from omringd.contacts.exports import json_ld

    return render(
        "contact-directory.html",
        lang_attr=lang if lang != page_lang else "",
        sections=sections,
        labels=d.labels(lang),
        base=base,
        jsonld=json_ld(d, lang),
    )


#: The contacts for urgent help, shown first in the parents' help box.
URGENT = ("noodnummer-112", "hulplijn-1712")


def urgent_line(contact: Contact, lang: str, labels: Mapping[str, str]) -> dict[str, Any]:
    """One line of urgent help: the contact, its hours in words, or where to check them (its
    own site) when the data has none."""
    hours = "; ".join(hours_lines(contact, lang, labels))
    if not hours:
        site = contact.links[0].label.get(lang) if contact.links else ""
        hours = labels["hours_check"].format(site=site) if site else labels["no_hours"]
    return {"contact": contact, "hours": hours}


def render_help(
    audience: str,
    lang: str,
    *,
    directory_href: str = "professionals/contacten/",
    titles: Mapping[str, str] | None = None,
    directory: Directory | None = None,
) -> str:
    """The help box shown in the same place on every page (WCAG 2.2 'consistent help').

    Parents: urgent help (112, 1712) and Opgroeipunt. Professionals: the regional teams and a
    link to the directory. `all`: both. `titles` are the box titles
    (help_title_parents/professionals of data/ui.yml).
    """
    d = _directory(directory)
    page_lang = lang
    lang = d.text_lang(lang)
    labels = d.labels(lang)
    if titles is None:
        titles = load_ui(DATA_DIR / "ui.yml", (page_lang,)).for_lang(page_lang)
    show_parents = audience in ("parents", "all")
    show_pros = audience in ("professionals", "all")
    teams = [c for c in d.contacts if c.id.startswith("zorggarantie-")]
    urgent = [urgent_line(d.by_id[cid], lang, labels) for cid in URGENT] if show_parents else []
    return render(
        "help.html",
        lang=lang,
        page_lang=page_lang,
        lang_attr=lang if lang != page_lang else "",
        labels=labels,
        comma=comma(lang),
        titles=titles,
        parents=d.by_id["opgroeipunt"] if show_parents else None,
        parents_hours=hours_lines(d.by_id["opgroeipunt"], lang, labels) if show_parents else [],
        urgent=urgent,
        teams=[(t, regions_text(d, t.regions, lang)) for t in teams] if show_pros else [],
        directory_href=directory_href,
        title=titles["help_title_parents"] if show_parents else titles["help_title_professionals"],
    )


def _merge_same(cells: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Days in a row with the same text and numbers as one cell spanning them: the number is
    read (and printed) once, not five times."""
    merged: list[dict[str, Any]] = []
    for cell in cells:
        if merged and (merged[-1]["text"], merged[-1]["phones"]) == (cell["text"], cell["phones"]):
            merged[-1]["span"] += 1
        else:
            merged.append({**cell, "span": 1})
    return merged


def render_roster(
    roster: Roster,
    lang: str,
    *,
    base: str = "",
    heading: int = 2,
    directory: Directory | None = None,
    cards: bool = True,
) -> str:
    """A weekly on-call roster as an accessible table (caption, header cells with scope), as its
    source gives it: its own title, its note, its source and check date, and (with `cards`) the
    cards of the contacts its slots name (no team the source does not name)."""
    d = _directory(directory)
    page_lang = lang
    lang = d.text_lang(lang)
    labels = d.labels(lang)
    days = roster.days
    rows = []
    for slot in roster.slots:
        contact = d.by_id[slot.contact] if slot.contact else None
        cells = []
        for day in days:
            if slot.staff and day in slot.staff:
                cells.append({"text": slot.staff[day], "phones": ()})
            elif contact is not None and day in slot.days:
                cells.append({"text": contact.name.get(lang), "phones": contact.phones})
            else:
                cells.append({"text": "", "phones": ()})
        rows.append(
            {
                "time": f"{clock_text(slot.opens, lang)}–{clock_text(slot.closes, lang)}",
                "cells": _merge_same(cells),
            }
        )
    ids = dict.fromkeys(s.contact for s in roster.slots if s.contact)
    contacts = [d.by_id[cid] for cid in ids]
    registry = d.registry()
    return render(
        "roster.html",
        lang_attr=lang if lang != page_lang else "",
        lang=lang,
        caption=roster.title.get(lang),
        note=roster.note.get(lang) if roster.note else "",
        source=registry.source(roster.source),
        address=None if registry.source(roster.source) else roster.source,
        checked=roster.checked,
        labels=labels,
        days=[_upper_first(day_name(day, lang)) for day in days],
        rows=rows,
        cards=render_contacts(contacts, page_lang, base=base, heading=heading, directory=d)
        if cards
        else "",
    )


def browser_data(lang: str, directory: Directory | None = None) -> str:
    """The JSON the browser needs for 'open now': holidays, texts and day names."""
    d = _directory(directory)
    lang = d.text_lang(lang)
    labels = d.labels(lang)
    names = get_day_names("wide", locale=lang)
    payload = {
        "holidays": holiday_dates(),
        "timezone": "Europe/Brussels",
        "days": [names[(i - 1) % 7] for i in range(7)],  # index 0 = Sunday, as getDay()
        "labels": {
            k: labels[k]
            for k in (
                "status_open",
                "status_closed",
                "status_opens_at",
                "status_closes_at",
                "status_holiday",
                "today",
                "tomorrow",
            )
        },
    }
    # "<" escaped: data can never end or open a script element.
    return json.dumps(payload, ensure_ascii=False).replace("<", "\\u003c")
