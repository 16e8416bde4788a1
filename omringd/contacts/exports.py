"""Downloads made from the directory: vCards (vobject), contacts.json, contacts.csv, JSON-LD."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import vobject

from omringd.contacts.hours import DAYS, TIMEZONE
from omringd.core.regions import BY_ID

if TYPE_CHECKING:
    from omringd.contacts.loading import Directory
    from omringd.contacts.model import Contact

_SCHEMA_DAYS = dict(
    zip(
        DAYS,
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        strict=True,
    )
)


def vcard(contact: Contact, lang: str = "nl") -> str:
    """One vCard 3.0 for `contact` (an organisation card: FN, ORG, TEL, EMAIL, URL, NOTE)."""
    # An organisation is told by its ORG: KIND:org is vCard 4.0 and not valid in a 3.0 card.
    card = vobject.vCard()
    card.add("fn").value = contact.name.get(lang)
    card.add("n").value = vobject.vcard.Name(family="", given="")
    card.add("org").value = [contact.name.get(lang)]
    for phone in contact.phones:
        tel = card.add("tel")
        tel.value = phone.e164
        tel.type_param = "CELL" if phone.type == "cell" else "VOICE"
    for email in contact.emails:
        em = card.add("email")
        em.value = email.address
        em.type_param = "INTERNET"
    for link in contact.links:
        card.add("url").value = link.url
    notes = [t.get(lang) for t in (contact.description, contact.note) if t is not None]
    if notes:
        card.add("note").value = " ".join(notes)
    card.add("uid").value = f"urn:omringd:contact:{contact.id}"
    card.add("rev").value = contact.checked.isoformat()
    return card.serialize()


def contact_record(contact: Contact, directory: Directory) -> dict[str, Any]:
    """A plain, HSDS-like record for contacts.json."""
    return {
        "id": contact.id,
        "name": contact.name.model_dump(exclude_none=True),
        "description": contact.description.model_dump(exclude_none=True)
        if contact.description
        else None,
        "audience": list(contact.audience),
        "regions": list(contact.regions),
        "regions_unstated": contact.regions_unstated,
        "phones": [
            {
                "number": p.display,
                "e164": p.e164,
                "type": p.type,
                "label": p.label.model_dump(exclude_none=True) if p.label else None,
            }
            for p in contact.phones
        ],
        "emails": [
            {
                "address": e.address,
                "label": e.label.model_dump(exclude_none=True) if e.label else None,
            }
            for e in contact.emails
        ],
        "links": [
            {"url": link.url, "kind": link.kind, "label": link.label.model_dump(exclude_none=True)}
            for link in contact.links
        ],
        "schedules": [
            {
                "days": list(h.sorted_days),
                "opens": h.opens,
                "closes": h.closes,
                "timezone": TIMEZONE,
            }
            for h in contact.hours
        ],
        "closed_on_holidays": contact.closed_on_holidays,
        "languages": list(contact.languages),
        "note": contact.note.model_dump(exclude_none=True) if contact.note else None,
        "status": contact.status,
        "checked": contact.checked.isoformat(),
        "source": contact.source,
    }


CSV_COLUMNS = (
    "id",
    "name",
    "audience",
    "regions",
    "phones",
    "emails",
    "links",
    "hours",
    "checked",
)


def csv_cell(value: str) -> str:
    """A cell a spreadsheet will not run: text starting with = + - @ (or a tab or CR) gets a
    leading apostrophe, as OWASP advises against formula injection."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def contacts_csv(directory: Directory, lang: str = "nl") -> str:
    """One row per contact; lists joined with ' | ', phones in E.164 (so after an apostrophe)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for c in directory.contacts:
        writer.writerow(
            csv_cell(cell)
            for cell in [
                c.id,
                c.name.get(lang),
                " | ".join(c.audience),
                " | ".join(c.regions),
                " | ".join(p.e164 for p in c.phones),
                " | ".join(e.address for e in c.emails),
                " | ".join(link.url for link in c.links),
                " | ".join(f"{' '.join(h.sorted_days)} {h.opens}-{h.closes}" for h in c.hours),
                c.checked.isoformat(),
            ]
        )
    return out.getvalue()


def json_ld(directory: Directory, lang: str = "nl") -> str:
    """schema.org ContactPoints with hoursAvailable, areaServed and availableLanguage."""
    points = []
    for c in directory.contacts:
        point: dict[str, Any] = {
            "@type": "ContactPoint",
            "@id": f"#contact-{c.id}",
            "name": c.name.get(lang),
            "contactType": c.description.get(lang) if c.description else c.name.get(lang),
        }
        if c.phones:
            point["telephone"] = c.phones[0].e164
        if c.emails:
            point["email"] = c.emails[0].address
        if c.links:
            point["url"] = c.links[0].url
        if c.regions:
            point["areaServed"] = [
                {"@type": "AdministrativeArea", "name": BY_ID[r].area} for r in c.regions
            ]
        if c.languages:
            point["availableLanguage"] = list(c.languages)
        if c.hours:
            point["hoursAvailable"] = [
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": [f"https://schema.org/{_SCHEMA_DAYS[d]}" for d in h.sorted_days],
                    "opens": h.opens,
                    "closes": "23:59" if h.closes == "24:00" else h.closes,
                }
                for h in c.hours
            ]
        points.append(point)
    doc = {"@context": "https://schema.org", "@graph": points}
    return json.dumps(doc, ensure_ascii=False, indent=1).replace("<", "\\u003c")


def write_downloads(directory: Directory, dest: Path, lang: str = "nl") -> list[Path]:
    """Write <id>.vcf, contacts.vcf, contacts.json, contacts.csv and places.json (the team
    finder's data) under `dest`."""
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    cards = []
    for c in directory.contacts:
        text = vcard(c, lang)
        cards.append(text)
        path = dest / f"{c.id}.vcf"
        path.write_text(text, encoding="utf-8", newline="")
        written.append(path)
    all_path = dest / "contacts.vcf"
    all_path.write_text("".join(cards), encoding="utf-8", newline="")
    json_path = dest / "contacts.json"
    json_path.write_text(
        json.dumps(
            {"contacts": [contact_record(c, directory) for c in directory.contacts]},
            ensure_ascii=False,
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    csv_path = dest / "contacts.csv"
    csv_path.write_text(contacts_csv(directory, lang), encoding="utf-8", newline="")
    from omringd.contacts.places import places_json

    places_path = dest / "places.json"
    places_path.write_text(places_json(directory), encoding="utf-8")
    return [*written, all_path, json_path, csv_path, places_path]
