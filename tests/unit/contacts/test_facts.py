"""Issue 15: numbers as the organisation writes them, a source and a check date for every
contact and roster, the roster as its source gives it, programme status on its cards."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from omringd.contacts import load_directory, parse_directory, render_contact
from omringd.contacts.exports import contact_record, vcard
from omringd.contacts.render import render_help, render_roster
from omringd.core.errors import DataError
from omringd.sources import is_source, load_registry
from tests.conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "contacts.yml"


def _fixture() -> str:
    """The text of the fixture directory, which each bad-input case breaks in one place."""
    return FIXTURE.read_text(encoding="utf-8")


TITLES = {"help_title_parents": "Hulp", "help_title_professionals": "Vragen"}

# Every number of the seeds, as written there, and its E.164 form.
SEED_NUMBERS = {
    "078 170 000": "+3278170000",
    "078 150 100": "+3278150100",
    "011 30 34 30": "+3211303430",
    "011 30 31 40": "+3211303140",
    "02 243 56 00": "+3222435600",
    "0490 44 82 58": "+32490448258",
    "02 243 55 05": "+3222435505",
    "02 243 51 70": "+3222435170",
    "02 243 50 03": "+3222435003",
    "02 243 52 24": "+3222435224",
    "02 243 52 28": "+3222435228",
    "02 243 52 23": "+3222435223",
}


def _fails(tmp_path: Path, old: str, new: str) -> DataError:
    assert old in _fixture(), old
    path = tmp_path / "contacts.yml"
    path.write_text(_fixture().replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as info:
        parse_directory(path)
    assert str(path) in info.value.message
    return info.value


def test_each_seed_number_renders_as_written_with_an_e164_link() -> None:
    d = load_directory()
    phones = {p.number: (c, p) for c in d.contacts for p in c.phones}
    assert set(SEED_NUMBERS) <= set(phones)
    for written, e164 in SEED_NUMBERS.items():
        contact, phone = phones[written]
        assert phone.display == written and phone.e164 == e164
        html = render_contact(contact, "nl")
        assert f'<a href="tel:{e164}">{written}</a>' in html, written
        record = contact_record(contact, d)
        assert {"number": written, "e164": e164}.items() <= next(
            r for r in record["phones"] if r["number"] == written
        ).items()
        assert f"TEL;TYPE={'CELL' if phone.type == 'cell' else 'VOICE'}:{e164}" in vcard(contact)


def test_help_box_shows_opgroeipunt_as_the_folder_writes_it() -> None:
    html = render_help("parents", "nl", titles=TITLES)
    assert '<a href="tel:+3278170000">078 170 000</a>' in html
    assert "078 17 00 00" not in html


def test_every_contact_and_roster_has_a_source_and_a_check_date() -> None:
    d = load_directory()
    known = set(load_registry().sources)
    items = [*d.contacts, *d.rosters.values()]
    for item in items:
        assert is_source(item.source, known), item.id
        assert item.checked <= date.today(), item.id
    assert d.by_id["noodnummer-112"].source == "https://www.112.be"
    assert d.by_id["hulplijn-1712"].source == "https://www.1712.be"
    assert d.by_id["opgroeipunt"].source == "folder-ouders"


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("    source: folder-ouders\n", "    source: seed 000\n", "source"),
        ("    source: folder-ouders\n", "", "source"),
        (
            "    checked: 2026-11-23\n    source: folder-ouders\n",
            "    source: folder-ouders\n",
            "checked",
        ),
    ],
)
def test_a_contact_without_a_valid_source_or_date_stops_the_build(
    tmp_path: Path, old: str, new: str, field: str
) -> None:
    err = _fails(tmp_path, old, new)
    assert "contact 'opgroeipunt'" in err.where and field in err.where
    assert err.line is not None
    if field == "source" and new:
        assert "folder-zorggarantie" in (err.valid or "") and "https://" in (err.valid or "")


def test_a_check_date_in_the_future_stops_the_build(tmp_path: Path) -> None:
    future = (date.today() + timedelta(days=3)).isoformat()
    err = _fails(
        tmp_path,
        "    checked: 2026-11-23\n    source: folder-ouders\n",
        f"    checked: {future}\n    source: folder-ouders\n",
    )
    assert "contact 'opgroeipunt'" in err.where and "in the future" in err.problem


def test_a_roster_without_a_source_stops_the_build(tmp_path: Path) -> None:
    err = _fails(
        tmp_path,
        "    checked: 2026-11-23\n    source: folder-zorggarantie\n    slots:",
        "    checked: 2026-11-23\n    source: folder 001\n    slots:",
    )
    assert "roster 'zorggarantie-limburg', field source" in err.where and err.line


def test_an_unknown_programme_status_stops_the_build(tmp_path: Path) -> None:
    err = _fails(tmp_path, "    status: veilig-en-omringd\n", "    status: veilig-omringd\n")
    assert "field status" in err.where and err.valid == "veilig-en-omringd"


def test_roster_as_the_seed_gives_it() -> None:
    d = load_directory()
    roster = d.rosters["zorggarantie-limburg"]
    html = render_roster(roster, "nl")
    # Its source and date; no team the seed does not name; no live "open now".
    assert "Zorggarantie voor het jonge kind" in html and 'datetime="2026-11-23"' in html
    assert "team Limburg" not in html and "jongekind.limburg" not in html
    assert "data-omr-hours" not in html and "data-omr-status" not in html
    assert "Regio: niet vermeld in de bron" in html
    assert "Limburg" not in render_contact(d.by_id["jeugdhulpregie"], "nl")


@pytest.mark.parametrize("cid", ["veilig-van-in-de-buik", "ocj-limburg"])
def test_programme_cards_show_the_one_status_sentence(cid: str) -> None:
    programme = load_registry().programmes["veilig-en-omringd"]
    for lang in ("nl", "fr", "en"):
        html = render_contact(load_directory().by_id[cid], lang)
        assert programme.text(lang)[0][:60] in html, lang
        assert 'class="omr-status"' in html


def test_parents_help_box_has_urgent_help_in_every_language() -> None:
    d = load_directory()
    for lang in ("nl", "fr", "en", "ar", "tr", "pl"):
        html = render_help("parents", lang, titles=TITLES)
        assert 'href="tel:112"' in html and 'href="tel:1712"' in html, lang
        assert d.labels(lang)["hours_check"].format(site="1712.be") in html, lang
        assert html.index('href="tel:112"') < html.index('href="tel:+3278170000"')
    pros = render_help("professionals", "nl", titles=TITLES)
    assert 'href="tel:112"' not in pros
