"""The referral tree in data/ against the seed flowchart (seed 001): routing, reachability,
region and age on every path, and the source and check date of every fact."""

from __future__ import annotations

from datetime import date

import pytest

from omringd.i18n import load_ui
from omringd.sources import is_source, load_registry
from omringd.tree import check_stubs
from omringd.tree.render import render_node_page, render_step
from tests.conftest import ROOT, real_directory, real_tree, site_languages
from tests.support.tree import links, shown

STUBS = ROOT / "docs" / "nl" / "professionals" / "doorverwijzen"
REGIONS = ["antwerpen", "limburg", "oost-vlaanderen", "vlaams-brabant-brussel", "west-vlaanderen"]

ELSEWHERE = [r for r in REGIONS if r != "limburg"]

FLOWCHART: dict[tuple[str, str], str] = {
    ("acuut-gevaar", "ja"): "bel-112",
    ("acuut-gevaar", "nee"): "baby-of-kind",
    ("baby-of-kind", "buik"): "samenwerking-zwangerschap",
    ("baby-of-kind", "geboren-jonger-dan-3"): "samenwerking-geboren",
    ("baby-of-kind", "geboren-3-of-ouder"): "samenwerking-ouder-kind",
    ("samenwerking-zwangerschap", "mogelijk"): "nood-aan-ondersteuning",
    ("samenwerking-zwangerschap", "beperkt"): "regio-zwangerschap",
    ("samenwerking-geboren", "mogelijk"): "nood-aan-ondersteuning",
    ("samenwerking-geboren", "beperkt"): "regio-geboren",
    ("samenwerking-ouder-kind", "mogelijk"): "nood-aan-ondersteuning-ouder-kind",
    ("samenwerking-ouder-kind", "beperkt"): "gemandateerde-voorziening-ouder-kind",
    ("nood-aan-ondersteuning", "geen"): "zorgmelding",
    ("nood-aan-ondersteuning", "regulier"): "regulier-aanbod",
    ("nood-aan-ondersteuning", "onvoldoende"): "regio",
    ("nood-aan-ondersteuning-ouder-kind", "geen"): "zorgmelding",
    ("nood-aan-ondersteuning-ouder-kind", "regulier"): "regulier-aanbod",
    ("nood-aan-ondersteuning-ouder-kind", "onvoldoende"): "geen-zorggarantie",
    **{("regio", r): f"zorggarantie-{r}" for r in REGIONS},
    **{
        ("regio-zwangerschap", r): "veilig-in-de-buik"
        if r == "limburg"
        else f"zwangerschap-buiten-limburg-{r}"
        for r in REGIONS
    },
    **{("regio-geboren", r): f"gemandateerde-voorziening-{r}" for r in REGIONS},
}

OUTCOME_CONTACTS = {
    "bel-112": ["noodnummer-112", "hulplijn-1712"],
    "veilig-in-de-buik": ["veilig-van-in-de-buik", "ocj-limburg", "kind-en-gezin-lijn"],
    "zorggarantie-limburg": ["zorggarantie-limburg", "veilig-van-in-de-buik"],
    **{f"zorggarantie-{r}": [f"zorggarantie-{r}"] for r in ELSEWHERE},
    **{f"zwangerschap-buiten-limburg-{r}": [f"zorggarantie-{r}"] for r in ELSEWHERE},
    "gemandateerde-voorziening-limburg": [
        "ocj-limburg",
        "zorggarantie-limburg",
        "veilig-van-in-de-buik",
    ],
    **{f"gemandateerde-voorziening-{r}": [f"zorggarantie-{r}"] for r in ELSEWHERE},
    "gemandateerde-voorziening-ouder-kind": [],
    "geen-zorggarantie": [],
}


def test_routing_is_the_seed_flowchart() -> None:
    assert {(q, o): n for q, o, n in real_tree().edges()} == FLOWCHART
    for node_id, contacts in OUTCOME_CONTACTS.items():
        assert list(real_tree().nodes[node_id].contacts) == contacts, node_id


def test_every_path_ends_at_an_outcome() -> None:
    paths = real_tree().outcome_paths()
    assert len(paths) == 29
    for path in paths:
        assert path[0].question == real_tree().start
        assert not real_tree().nodes[path[-1].next].is_question


# --- region, age, sources: what the reader is shown on every path ----------------------------

# Every phone number the contact directory gives, by contact id (as printed on the cards).

ZG_TEAMS = {f"zorggarantie-{r}" for r in REGIONS}


def _numbers(contact_id: str) -> list[str]:
    return [p.number for p in real_directory().by_id[contact_id].phones]


def _region_of(path: tuple) -> str | None:
    """The region answered on a path, if a region question was asked."""
    return next((s.option for s in path if s.question.startswith("regio")), None)


def _age_of(path: tuple) -> str:
    first = next(s.option for s in path if s.question == "baby-of-kind")
    return {"buik": "unborn", "geboren-jonger-dan-3": "under 3", "geboren-3-of-ouder": "3+"}[first]


def test_a_region_dependent_advice_shows_only_that_regions_contacts(advice_path: tuple) -> None:
    """Every path that asks the region ends at that region's cards only: no team, OCJ or
    project of another region, and none of their numbers anywhere on the page."""
    region = _region_of(advice_path)
    outcome = advice_path[-1].next
    contacts = set(real_tree().nodes[outcome].contacts)
    regional = {
        c
        for c in contacts
        if real_directory().by_id[c].regions != real_directory().by_id["noodnummer-112"].regions
    }
    if region is None:
        # No region asked: no card that belongs to one region only.
        assert not regional, (outcome, regional)
        return
    own = {"vlaams-brabant-brussel": {"vlaams-brabant", "brussel"}}.get(region, {region})
    for cid in regional:
        assert set(real_directory().by_id[cid].regions) <= own, (outcome, cid)
    page = shown(outcome)
    for cid in real_directory().by_id:
        if set(real_directory().by_id[cid].regions) & own or cid in contacts:
            continue
        for number in _numbers(cid):
            assert number not in page, (outcome, cid, number)


@pytest.mark.parametrize("region", REGIONS)
def test_born_child_with_limited_cooperation_gets_its_regions_contact(region: str) -> None:
    outcome = FLOWCHART[("regio-geboren", region)]
    contacts = list(real_tree().nodes[outcome].contacts)
    page = shown(outcome)
    if region == "limburg":
        assert contacts[0] == "ocj-limburg"
        assert "011 30 34 30" in page
    else:
        # No OCJ or VK card outside Limburg, a plain statement, and the region's own team.
        assert contacts == [f"zorggarantie-{region}"]
        assert "011 30 34 30" not in page
        assert "geven geen telefoonnummer van het OCJ of het VK in jouw regio" in page
        for number in _numbers(f"zorggarantie-{region}"):
            assert number in page


@pytest.mark.parametrize("region", REGIONS)
def test_pregnancy_with_limited_cooperation_outside_limburg_says_what_it_is(region: str) -> None:
    outcome = FLOWCHART[("regio-zwangerschap", region)]
    page = shown(outcome)
    if region == "limburg":
        assert outcome == "veilig-in-de-buik"
        return
    assert real_tree().nodes[outcome].contacts == (f"zorggarantie-{region}",)
    assert "geen eigen route" in page  # not presented as the flowchart's route
    assert (
        real_tree().nodes[outcome].source == "pagina-zorggarantie"
    )  # seed 004: "tijdens de zwangerschap"
    assert "011 30 34 30" not in page


def test_a_child_of_3_or_more_never_reaches_zorggarantie() -> None:
    """Walk every path: a child of 3 or more never ends at a Zorggarantie card, a born child
    under 3 and an unborn baby can."""
    ends = {"unborn": set(), "under 3": set(), "3+": set()}
    for path in real_tree().outcome_paths():
        if path[0].option != "nee":
            continue
        outcome = real_tree().nodes[path[-1].next]
        ends[_age_of(path)] |= set(outcome.contacts)
    assert not ends["3+"] & ZG_TEAMS, ends["3+"]
    assert ends["under 3"] >= ZG_TEAMS and ends["unborn"] >= ZG_TEAMS
    page = shown("geen-zorggarantie")
    assert "alleen voor kinderen tot 3 jaar" in page


def test_every_node_is_reachable_and_every_outcome_reached() -> None:
    reached = {real_tree().start} | {s.next for p in real_tree().outcome_paths() for s in p}
    assert reached == set(real_tree().nodes)


def test_every_outcome_names_its_source_and_check_date() -> None:
    registry = load_registry(tuple(real_tree().languages))
    for node_id, node in real_tree().nodes.items():
        if node.is_question and node.source is None:
            assert node.checked is None, node_id
            continue
        assert is_source(node.source, registry.sources), node_id
        assert isinstance(node.checked, date) and node.checked <= date.today(), node_id
        if not node.is_question:
            assert node.contacts or node.no_contact, node_id


def test_limburg_advice_offers_the_project_after_birth_with_its_status() -> None:
    for node_id in ("zorggarantie-limburg", "gemandateerde-voorziening-limburg"):
        node = real_tree().nodes[node_id]
        assert "veilig-van-in-de-buik" in node.contacts
        assert node.status == "veilig-en-omringd"
        html = render_node_page(real_tree(), node_id, "nl", links())
        assert 'class="omr-status"' in html
        assert "proefproject" in shown(node_id)
    # The status sentence comes from data/programmes.yml, in the page's language.
    status = load_registry(tuple(real_tree().languages)).programmes["veilig-en-omringd"]
    assert " ".join(status.text("fr")[0].split()) in " ".join(
        shown("veilig-in-de-buik", "fr").split()
    )


def test_outcome_without_contact_says_why() -> None:
    html = render_node_page(real_tree(), "gemandateerde-voorziening-ouder-kind", "nl", links())
    assert "omr-tree__no-contact" in html
    assert real_tree().ui("nl")["no_contact_not_in_sources"] in html
    assert "data-omr-contact" not in html


@pytest.mark.parametrize("lang", ["ar", "tr", "pl"])
def test_a_step_in_dutch_says_so_in_the_readers_language(lang: str) -> None:
    notice = load_ui(ROOT / "data" / "ui.yml", site_languages()).for_lang(lang)["fallback_banner"]
    for node_id in real_tree().nodes:
        html = render_step(real_tree(), node_id, lang, links(), heading=1)
        assert (notice in html) == (real_tree().text(node_id, lang).lang != lang), node_id
    # ... and a step in the reader's own language does not.
    assert load_ui(ROOT / "data" / "ui.yml", site_languages()).for_lang("nl")[
        "fallback_banner"
    ] not in (render_step(real_tree(), "regio", "fr", links(), heading=1))


def test_stubs_exist_exactly_for_the_nodes() -> None:
    check_stubs(real_tree(), STUBS)
    pages = {p.stem for p in STUBS.glob("*.md")} - {"overzicht"}
    assert pages == set(real_tree().nodes)
