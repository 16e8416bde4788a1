"""Find my team: every municipality maps to exactly one team, and the box works in Chromium
with JavaScript on and off. Also 'open now' on the cards."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from playwright.sync_api import Locator, Page, expect

from omringd.contacts import load_directory
from omringd.contacts.places import (
    ALIASES,
    CHANGES_FILE,
    PLACES_FILE,
    finder_json,
    load_places,
    municipality_regions,
    places_json,
    region_teams,
)
from omringd.core.regions import region_for_postcode

NEW_2025 = {
    "Beveren-Kruibeke-Zwijndrecht": "oost-vlaanderen",
    "Bilzen-Hoeselt": "limburg",
    "Tongeren-Borgloon": "limburg",
    "Tessenderlo-Ham": "limburg",
    "Merelbeke-Melle": "oost-vlaanderen",
    "Nazareth-De Pinte": "oost-vlaanderen",
    "Pajottegem": "vlaams-brabant",
}


def test_every_municipality_maps_to_exactly_one_team() -> None:
    teams = region_teams(load_directory())
    regions = municipality_regions()
    source = {r["municipality"] for r in json.loads(PLACES_FILE.read_text(encoding="utf-8"))}
    assert source <= set(regions), "every municipality of the postal list is searchable"
    for name, found in regions.items():
        assert len(found) == 1, f"{name} lies in {sorted(found)}"
        assert next(iter(found)) in teams, name
    # One team per region, every region has one.
    assert set(teams) == set(load_directory().regions)
    assert len({t.id for t in teams.values()}) == 5


def test_2025_mergers() -> None:
    regions = municipality_regions()
    for name, region in NEW_2025.items():
        assert regions[name] == {region}, name
    by_name = {p.name: p for p in load_places() if p.kind != "part"}
    assert by_name["Kortessem"].municipality == "Hasselt"
    assert by_name["Borsbeek"].municipality == "Antwerpen"
    assert by_name["Galmaarden"].municipality == "Pajottegem"
    assert by_name["Zwijndrecht"].region == "oost-vlaanderen"


# The postal list also names many municipalities in French (and Brussels in both languages):
# the other-language name → the Dutch name it stands for.
OTHER_LANGUAGE_NAMES = {
    # Brussels-Capital Region
    "Bruxelles": "Brussel",
    "Schaerbeek": "Schaarbeek",
    "Ixelles": "Elsene",
    "Saint-Gilles": "Sint-Gillis",
    "Molenbeek-Saint-Jean": "Sint-Jans-Molenbeek",
    "Berchem-Sainte-Agathe": "Sint-Agatha-Berchem",
    "Woluwe-Saint-Pierre": "Sint-Pieters-Woluwe",
    "Woluwe-Saint-Lambert": "Sint-Lambrechts-Woluwe",
    "Auderghem": "Oudergem",
    "Watermael-Boitsfort": "Watermaal-Bosvoorde",
    "Uccle": "Ukkel",
    "Forest": "Vorst",
    "Saint-Josse-ten-Noode": "Sint-Joost-ten-Node",
    # Flanders
    "Anvers": "Antwerpen",
    "Baerle-Duc": "Baarle-Hertog",
    "Lierre": "Lier",
    "Malines": "Mechelen",
    "Louvain": "Leuven",
    "Montaigu-Zichem": "Scherpenheuvel-Zichem",
    "Tirlemont": "Tienen",
    "Léau": "Zoutleeuw",
    "Hal": "Halle",
    "Gammerages": "Galmaarden",
    "Biévène": "Bever",
    "Rhode-Saint-Genèse": "Sint-Genesius-Rode",
    "Vilvorde": "Vilvoorde",
    "Herck-la-Ville": "Herk-de-Stad",
    "Looz": "Borgloon",
    "Tongres": "Tongeren",
    "Fourons": "Voeren",
    "Saint-Trond": "Sint-Truiden",
    "Bourg-Léopold": "Leopoldsburg",
    "Bruges": "Brugge",
    "Ostende": "Oostende",
    "Espierres-Helchin": "Spiere-Helkijn",
    "Dixmude": "Diksmuide",
    "Nieuport": "Nieuwpoort",
    "Furnes": "Veurne",
    "La Panne": "De Panne",
    "Roulers": "Roeselare",
    "Ypres": "Ieper",
    "Menin": "Menen",
    "Messines": "Mesen",
    "Courtrai": "Kortrijk",
    "Gand": "Gent",
    "Saint-Nicolas": "Sint-Niklaas",
    "Tamise": "Temse",
    "Termonde": "Dendermonde",
    "Alost": "Aalst",
    "Grammont": "Geraardsbergen",
    "Renaix": "Ronse",
    "Audenarde": "Oudenaarde",
}


def test_2025_municipalities_are_complete() -> None:
    # Since 1 January 2025 Flanders has 285 municipalities, 300 before (the sources named in
    # data/places-2025.yml); the Brussels-Capital Region has 19.
    places = [p for p in load_places() if p.kind != "part"]
    current = {p.name: p.municipality for p in places}
    assert set(OTHER_LANGUAGE_NAMES.values()) <= set(current)
    for other, dutch in OTHER_LANGUAGE_NAMES.items():
        # A French name follows its Dutch name: a current municipality, or merged into one.
        expected = other if current[dutch] == dutch else current[dutch]
        assert current[other] == expected, (other, current[other], expected)
    municipalities = {p.name: p.region for p in places if p.kind == "municipality"}
    dutch = {n: r for n, r in municipalities.items() if n not in OTHER_LANGUAGE_NAMES}
    brussels = sorted(n for n, r in dutch.items() if r == "brussel")
    flemish = sorted(n for n, r in dutch.items() if r != "brussel")
    assert len(brussels) == 19, brussels
    assert len(flemish) == 285, len(flemish)
    # The 2025 mergers account for the step from 300 to 285.
    mergers = yaml.safe_load(CHANGES_FILE.read_text(encoding="utf-8"))["mergers"]
    merged_2025 = sum(
        len([f for f in m["former"] if f not in OTHER_LANGUAGE_NAMES]) - 1
        for m in mergers
        if m["year"] == 2025
    )
    assert len(flemish) + merged_2025 == 300
    # Each one, in either language, reaches exactly one team; Brussels that of Vlaams-Brabant.
    teams = region_teams(load_directory())
    regions = municipality_regions()
    for name in [*dutch, *OTHER_LANGUAGE_NAMES]:
        assert len(regions[name]) == 1, (name, regions[name])
    assert {teams[dutch[n]].id for n in brussels} == {"zorggarantie-vlaams-brabant-brussel"}
    assert {r for n, r in dutch.items() if n in flemish} == set(teams) - {"brussel"}


def test_every_postcode_maps_to_one_region_and_agrees_with_the_ranges() -> None:
    by_code: dict[str, set[str]] = {}
    for p in load_places():
        by_code.setdefault(p.postcode, set()).add(p.region)
    for code, found in by_code.items():
        assert len(found) == 1, code
        if code != "2070":  # Zwijndrecht moved to Oost-Vlaanderen in 2025
            assert region_for_postcode(int(code)) in found, code


def test_finder_data() -> None:
    d = load_directory()
    embedded = json.loads(finder_json(d, "fr"))
    assert [r["id"] for r in embedded["regions"]] == list(d.regions)
    assert embedded["regions"][1]["name"] == "Limbourg"
    data = places_json(d)
    assert len(data.encode()) < 80_000
    rows = json.loads(data)["places"]
    assert ["Kortessem", "Hasselt", "3720", list(d.regions).index("limburg")] in rows


# --- in the browser ---------------------------------------------------------------------


def _directory_page(server: str) -> str:
    return server + "professionals/contacten/"


SEARCHES = [
    ("Hasselt", "zorggarantie-limburg"),
    ("3500", "zorggarantie-limburg"),
    ("Pajottegem", "zorggarantie-vlaams-brabant-brussel"),
    ("Kortessem", "zorggarantie-limburg"),
    ("zwijndrecht", "zorggarantie-oost-vlaanderen"),
    ("St-Niklaas", "zorggarantie-oost-vlaanderen"),
    ("Alost", "zorggarantie-oost-vlaanderen"),
    ("Schaerbeek", "zorggarantie-vlaams-brabant-brussel"),
    ("8000", "zorggarantie-west-vlaanderen"),
    ("2000", "zorggarantie-antwerpen"),
]


@pytest.mark.browser
def test_team_finder_with_javascript(browser: object, server: str) -> None:
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    # A slow network: the answer must wait for the place list, not show "nothing found".
    page.context.new_cdp_session(page).send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 400, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    page.goto(_directory_page(server))
    form = page.locator("[data-omr-finder-form]")
    assert form.is_visible()
    for query, team in SEARCHES:
        result = _find(page, query)
        teams = result.locator("[data-omr-team]").evaluate_all(
            "els => els.map(e => e.dataset.omrTeam)"
        )
        assert teams == [team], (query, teams)
        href = result.locator("a").first.get_attribute("href")
        assert href == f"#contact-{team}"
        assert page.locator(href).count() == 1
    assert "Geen gemeente of postcode gevonden" in _find(page, "Atlantis").inner_text()
    assert all(u.startswith(server) for u in requests), "nothing typed leaves the device"
    assert sum(u.endswith("/contacts/places.json") for u in requests) == 1, "fetched once"
    assert not any("Atlantis" in u or "Hasselt" in u for u in requests)
    page.close()


def _find(page: Page, query: str) -> Locator:
    """Search the box for query and wait for its answer (the place list loads first)."""
    page.get_by_label("Gemeente of postcode").fill(query)
    page.get_by_label("Gemeente of postcode").press("Enter")
    result = page.locator("[data-omr-finder-result]")
    expect(result).to_have_attribute("data-omr-finder-done", query)
    expect(result).not_to_have_attribute("aria-busy", "true")
    return result


def _unlisted_postcode(low: int, high: int) -> str:
    """A postcode of the range low–high that the place list does not have."""
    listed = {p.postcode for p in load_places()}
    return next(str(n) for n in range(high, low, -1) if str(n) not in listed)


# What people paste: a postcode with the country letter, a space in it, a postcode with its
# municipality, the English names of Brussels and Ghent.
PASTED = [
    ("B-1000", "zorggarantie-vlaams-brabant-brussel"),
    ("B1000", "zorggarantie-vlaams-brabant-brussel"),
    ("b 3500", "zorggarantie-limburg"),
    ("1 000", "zorggarantie-vlaams-brabant-brussel"),
    ("3500 Hasselt", "zorggarantie-limburg"),
    ("9000 Gent", "zorggarantie-oost-vlaanderen"),
    ("Brussels", "zorggarantie-vlaams-brabant-brussel"),
    ("Ghent", "zorggarantie-oost-vlaanderen"),
    ("  GHENT ", "zorggarantie-oost-vlaanderen"),
    ("Antwerp", "zorggarantie-antwerpen"),
    ("1000 Brussels", "zorggarantie-vlaams-brabant-brussel"),
]


def test_aliases_name_places_of_the_list() -> None:
    names = {p.name for p in load_places()}
    lower = {n.lower() for n in names}
    for alias, target in ALIASES.items():
        assert target in names, alias
        assert alias == alias.lower() and alias not in lower, alias
    assert json.loads(places_json(load_directory()))["aliases"] == ALIASES


@pytest.mark.browser
def test_team_finder_accepts_what_people_paste(browser: object, server: str) -> None:
    page = browser.new_page()
    page.goto(_directory_page(server))
    for query, team in PASTED:
        result = _find(page, query)
        teams = result.locator("[data-omr-team]").evaluate_all(
            "els => els.map(e => e.dataset.omrTeam)"
        )
        assert teams == [team], (query, teams)
    # Still no guess: a postcode with another place's name, a name's first letters in English,
    # a number that is no postcode: the province list.
    for query in ("3500 Gent", "Ghen", "B-10000", "Ghentx"):
        result = _find(page, query)
        assert result.locator("[data-omr-team]").count() == 0, query
        assert "Kies hieronder je provincie" in result.inner_text(), query
    page.close()


@pytest.mark.browser
def test_team_finder_falls_back_to_the_postcode_ranges(browser: object, server: str) -> None:
    # A postcode missing from the list (a new one, or a company's own) is placed by the bpost
    # range of its province; one outside Flanders and Brussels gets no team.
    limburg = _unlisted_postcode(3500, 3999)
    antwerpen = _unlisted_postcode(2000, 2999)
    assert region_for_postcode(int(limburg)) == "limburg"
    page = browser.new_page()
    page.goto(_directory_page(server))
    for query, team in ((limburg, "zorggarantie-limburg"), (antwerpen, "zorggarantie-antwerpen")):
        result = _find(page, query)
        teams = result.locator("[data-omr-team]").evaluate_all(
            "els => els.map(e => e.dataset.omrTeam)"
        )
        assert teams == [team], (query, teams)
        assert result.inner_text().startswith(query), "the postcode typed, no municipality"
    for query in ("4000", "1300", "6000"):  # Liège, Wavre, Charleroi: Wallonia
        assert region_for_postcode(int(query)) is None
        result = _find(page, query)
        assert result.locator("[data-omr-team]").count() == 0, query
        assert f"Geen gemeente of postcode gevonden voor „{query}”" in result.inner_text()
    page.close()


@pytest.mark.browser
def test_team_finder_without_javascript(browser: object, server: str) -> None:
    directory = load_directory()
    teams = region_teams(directory)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(_directory_page(server))
    assert not page.locator("[data-omr-finder-form]").is_visible()
    items = page.locator("[data-omr-finder-list] li")
    assert items.count() == len(directory.regions) == 6
    # Each province and Brussels, in the data's order, with its own team and a link that
    # takes the reader to that team's card.
    for i, region in enumerate(directory.regions):
        team = teams[region]
        item = items.nth(i)
        assert item.inner_text().startswith(directory.regions[region].get("nl") + ":"), region
        link = item.locator("a")
        assert link.count() == 1 and link.inner_text() == team.name.get("nl"), region
        link.click()
        expect(page).to_have_url(re.compile(rf"/professionals/contacten/#contact-{team.id}$"))
        card = page.locator(f"#contact-{team.id}")
        assert card.count() == 1 and team.name.get("nl") in card.inner_text()
        expect(card).to_be_in_viewport()
    # Hours stay readable; the "open now" line needs JavaScript and stays hidden.
    card = page.locator("#contact-opgroeipunt")
    assert "08:00–20:00" in card.inner_text()
    assert not card.locator("[data-omr-status]").is_visible()
    context.close()


def _moments() -> list[tuple[str, str]]:
    """Brussels times to test, from the build year (the page embeds the holidays of the year
    before to two years after the build): a working Tuesday, a Saturday and Christmas."""
    from datetime import date, timedelta

    from omringd.contacts.hours import belgian_holidays

    year = date.today().year + 1
    free = belgian_holidays([year])
    tuesday = date(year, 3, 1)
    while tuesday.weekday() != 1 or tuesday in free or tuesday + timedelta(1) in free:
        tuesday += timedelta(1)
    saturday = tuesday + timedelta(4)
    christmas = date(year, 12, 25)
    while christmas.weekday() > 4:  # a Christmas on a working day, so only the holiday closes
        year += 1
        christmas = date(year, 12, 25)
    return [
        (f"{tuesday}T10:00:00+01:00", "Nu open"),
        (f"{tuesday}T21:00:00+01:00", "Opent morgen om 08:00"),
        (f"{saturday}T10:00:00+01:00", "Opent maandag om 08:00"),
        (f"{christmas}T10:00:00+01:00", "Vandaag is een feestdag"),
    ]


@pytest.mark.browser
@pytest.mark.parametrize(("when", "expected"), _moments())
def test_open_now(browser: object, server: str, when: str, expected: str) -> None:
    context = browser.new_context(timezone_id="America/New_York")  # Brussels time is used
    page = context.new_page()
    page.clock.install(time=when)
    page.goto(_directory_page(server))
    status = page.locator("#contact-opgroeipunt [data-omr-status]")
    assert status.is_visible()
    assert expected in status.inner_text()
    context.close()
