"""Municipalities and postcodes of Flanders and Brussels → regional Zorggarantie team.

Sources: data/places-2020.json (a copy of the shared 2020 postal list) and
data/places-2025.yml (the municipal mergers since then). The lookup runs in the browser
(assets/contacts.js) from the JSON embedded by `render_team_finder`; this module builds that
data and is what the tests check (every municipality maps to exactly one team).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import ConfigDict, Field, RootModel, StringConstraints

from omringd.contacts.loading import Directory, load_directory
from omringd.core.errors import DataError
from omringd.core.jinja import render
from omringd.core.paths import DATA_DIR
from omringd.core.regions import REGION_LIST
from omringd.core.validation import StrictModel, validate
from omringd.core.yamlio import YamlDoc, load_yaml, read_text

if TYPE_CHECKING:
    from omringd.contacts.model import Contact

PLACES_FILE = DATA_DIR / "places-2020.json"
CHANGES_FILE = DATA_DIR / "places-2025.yml"
PROVINCE_REGION = {r.province: r.id for r in REGION_LIST}
#: Postcode ranges of each region (bpost), the fallback for a postcode not in the list.
POSTCODE_RANGES: tuple[tuple[int, int, str], ...] = tuple(
    sorted((low, high, r.id) for r in REGION_LIST for low, high in r.postcodes)
)

#: Well-known English names of places whose list names are Dutch (and French, where the
#: list has them: "Bruxelles", "Anvers", "Gand" are there already), as people paste them:
#: the exonym (lower case) -> the name in the postal list. Looked up exactly, never by its
#: first letters, so the finder still does not guess.
ALIASES: dict[str, str] = {
    "brussels": "Brussel",
    "ghent": "Gent",
    "antwerp": "Antwerpen",
    "ostend": "Oostende",
}


@dataclass(frozen=True)
class Place:
    """One searchable name: a municipality (current or former) or a part of one."""

    name: str
    municipality: str  # the municipality as of 2025
    postcode: str
    region: str
    kind: str  # "municipality" (2025), "former" (merged since) or "part" (deelgemeente)


Province = Literal[tuple(PROVINCE_REGION)]  # type: ignore[valid-type]
Postcode = Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]{3}$")]
Name = Annotated[str, StringConstraints(min_length=1)]


class PlaceRow(StrictModel):
    """One row of the postal list: a postcode, its municipality, part and province."""

    postcode: Postcode
    municipality: Name
    part: Name | None
    province: Province


class _Rows(RootModel[tuple[PlaceRow, ...]]):
    model_config = ConfigDict(frozen=True)


class Merger(StrictModel):
    """A municipality made of former ones (data/places-2025.yml)."""

    name: Name
    former: tuple[Name, ...] = Field(min_length=1)
    province: Province
    year: int = Field(ge=2019, le=2100)  # the year the merger took effect


class _Changes(StrictModel):
    mergers: tuple[Merger, ...] = ()


def _read_rows(path: Path) -> tuple[PlaceRow, ...]:
    """The postal list, checked; an error names the row's line (one row per line)."""
    text = read_text(path)
    try:
        rows = json.loads(text, object_pairs_hook=_no_duplicates)
    except ValueError as err:
        line = getattr(err, "lineno", None)
        raise DataError(path, "JSON", str(err).split(":")[0], line=line) from None
    if not rows:
        raise DataError(path, "places", "the list is empty", valid="one row per postcode and place")
    starts = [n for n, ln in enumerate(text.splitlines(), 1) if ln.lstrip().startswith("{")]
    lines = {(i,): n for i, n in enumerate(starts)} if len(starts) == len(rows) else {}
    doc = YamlDoc(path, rows, lines)
    labels = {
        (i,): f"row {i + 1} ({r.get('postcode')})"
        for i, r in enumerate(rows)
        if isinstance(r, dict)
    }
    return validate(doc, _Rows, item_ids=labels).root


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"key '{key}' is written twice: in a row")
        out[key] = value
    return out


def _read_changes(path: Path, known: set[str]) -> dict[str, tuple[str, str]]:
    """Former municipality -> (its 2025 municipality, region); every former name is known."""
    doc = load_yaml(path)
    labels = {}
    if isinstance(doc.data, dict) and isinstance(doc.data.get("mergers"), list):
        labels = {
            ("mergers", i): f"merger '{m.get('name')}'"
            if isinstance(m, dict)
            else f"merger #{i + 1}"
            for i, m in enumerate(doc.data["mergers"])
        }
    changes = validate(doc, _Changes, item_ids=labels)
    merged_into: dict[str, tuple[str, str]] = {}
    for i, merger in enumerate(changes.mergers):
        for j, former in enumerate(merger.former):
            if former not in known:
                raise DataError(
                    path,
                    f"merger '{merger.name}', former municipality '{former}'",
                    "is not in the postal list",
                    line=doc.line(("mergers", i, "former", j)),
                )
            merged_into[former] = (merger.name, PROVINCE_REGION[merger.province])
    return merged_into


@cache
def _load(places_file: Path, changes_file: Path) -> tuple[Place, ...]:
    rows = _read_rows(places_file)
    merged_into = _read_changes(changes_file, {r.municipality for r in rows})
    places: list[Place] = []
    for r in rows:
        old = r.municipality
        region = PROVINCE_REGION[r.province]
        current = old
        if old in merged_into:
            current, region = merged_into[old]
        kind = "municipality" if old == current else "former"
        places.append(Place(old, current, r.postcode, region, kind))
        if current != old:
            places.append(Place(current, current, r.postcode, region, "municipality"))
        if r.part:
            places.append(Place(r.part, current, r.postcode, region, "part"))
    return tuple(dict.fromkeys(places))


def load_places(
    places_file: Path = PLACES_FILE, changes_file: Path = CHANGES_FILE
) -> tuple[Place, ...]:
    """Every searchable name with its 2025 municipality, postcode and region."""
    return _load(places_file, changes_file)


def municipality_regions(places: tuple[Place, ...] | None = None) -> Mapping[str, set[str]]:
    """Municipality names (2025 and former ones, not parts) → the regions they lie in."""
    out: dict[str, set[str]] = {}
    for p in places if places is not None else load_places():
        if p.kind != "part":
            out.setdefault(p.name, set()).add(p.region)
    return out


def region_teams(directory: Directory) -> dict[str, Contact]:
    """Region → the Zorggarantie team serving it (exactly one per region, else DataError)."""
    teams: dict[str, Contact] = {}
    for c in directory.contacts:
        if not c.id.startswith("zorggarantie-"):
            continue
        for region in c.regions:
            if region in teams:
                raise DataError(
                    directory.path,
                    f"contact '{c.id}', field regions",
                    f"region '{region}' already has team '{teams[region].id}'",
                )
            teams[region] = c
    missing = [r for r in directory.regions if r not in teams]
    if missing:
        raise DataError(
            directory.path, "contacts", f"no Zorggarantie team for {', '.join(missing)}"
        )
    return teams


def finder_json(directory: Directory, lang: str) -> str:
    """What the page embeds: each region's name and team, in the page's language."""
    teams = region_teams(directory)
    payload = {
        "regions": [
            {
                "id": r,
                "name": directory.regions[r].get(lang),
                "team": teams[r].id,
                "teamName": teams[r].name.get(lang),
            }
            for r in directory.regions
        ],
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def places_json(directory: Directory) -> str:
    """The searchable places, the same for every language: written once as contacts/places.json
    and fetched by the page when the search box is first used (keeps the first view light).

    `aliases`: exonym -> the name in the list (`ALIASES`);
    `places`: [name, municipality (0 when the same as name), postcode, region index];
    `ranges`: [first postcode, last postcode, region index]; region indexes follow the
    directory's region order.
    """
    regions = list(directory.regions)
    payload = {
        "aliases": ALIASES,
        "ranges": [[low, high, regions.index(r)] for low, high, r in POSTCODE_RANGES],
        "places": [
            [
                p.name,
                p.municipality if p.municipality != p.name else 0,
                p.postcode,
                regions.index(p.region),
            ]
            for p in load_places()
        ],
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def render_team_finder(
    lang: str,
    *,
    base: str = "",
    directory_href: str = "",
    directory: Directory | None = None,
) -> str:
    """The 'find my team' box: a search form (shown by JavaScript) and the list per province."""
    if directory is None:
        directory = load_directory()
    page_lang = lang
    lang = directory.text_lang(lang)
    labels = directory.labels(lang)
    teams = region_teams(directory)
    rows = [
        {
            "region": directory.regions[r].get(lang),
            "team": teams[r],
            "href": f"{directory_href}#contact-{teams[r].id}",
        }
        for r in directory.regions
    ]
    return render(
        "team-finder.html",
        lang_attr=lang if lang != page_lang else "",
        labels=labels,
        lang=lang,
        rows=rows,
        data=finder_json(directory, lang),
        places_url=f"{base}contacts/places.json",
        directory_href=directory_href,
    )
