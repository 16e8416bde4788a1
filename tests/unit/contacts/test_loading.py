"""The contact directory's data: the real file loads, and bad input stops with a clear message.

Each bad-input case changes one thing in a copy of tests/fixtures/contacts.yml and checks that the
message names the file, the contact id, the field and (where YAML gives it) the line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from omringd.contacts import (
    REGIONS,
    Contact,
    LocalText,
    load_directory,
    parse_directory,
)
from omringd.contacts.languages import LanguagePages, check_languages, language_pages
from omringd.core.errors import DataError
from omringd.core.markers import find_markers
from tests.conftest import ROOT, site_languages
from tests.support.seeds import SEED_PHONES, seed_emails

FIXTURE = ROOT / "tests" / "fixtures" / "contacts.yml"


def _fixture() -> str:
    """The text of the fixture directory, which each bad-input case breaks in one place."""
    return FIXTURE.read_text(encoding="utf-8")


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "contacts.yml"
    path.write_text(text, encoding="utf-8")
    return path


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def _fails(tmp_path: Path, text: str) -> DataError:
    path = _write(tmp_path, text)
    with pytest.raises(DataError) as info:
        parse_directory(path)
    assert str(path) in info.value.message
    return info.value


def test_real_directory_loads() -> None:
    d = load_directory()
    assert d.ids == (
        "noodnummer-112",
        "hulplijn-1712",
        "opgroeipunt",
        "kind-en-gezin-lijn",
        "ocj-limburg",
        "veilig-van-in-de-buik",
        "jeugdhulpregie",
        "zorggarantie-antwerpen",
        "zorggarantie-limburg",
        "zorggarantie-oost-vlaanderen",
        "zorggarantie-vlaams-brabant-brussel",
        "zorggarantie-west-vlaanderen",
        "veilige-start",
    )
    assert load_directory() is d, "cached until the file changes"
    assert set(d.regions) == set(REGIONS)


def test_seed_facts() -> None:
    d = load_directory()
    opgroeipunt = d.by_id["opgroeipunt"]
    assert [p.e164 for p in opgroeipunt.phones] == ["+3278170000"]
    assert opgroeipunt.hours[0].opens == "08:00" and opgroeipunt.hours[0].closes == "20:00"
    assert opgroeipunt.closed_on_holidays is True
    assert [p.e164 for p in d.by_id["zorggarantie-limburg"].phones] == [
        "+32490448258",
        "+3222435505",
    ]
    assert len(d.by_id["zorggarantie-west-vlaanderen"].phones) == 3
    assert d.by_id["jeugdhulpregie"].phones[0].display == "011 30 31 40"
    assert d.by_id["noodnummer-112"].phones[0].href == "tel:112"
    assert d.by_id["hulplijn-1712"].phones[0].href == "tel:1712"
    roster = d.rosters["zorggarantie-limburg"]
    morning, afternoon = roster.slots
    assert morning.staff == {
        "mo": "Marijke",
        "tu": "Ines",
        "we": "Marijke",
        "th": "Marijke",
        "fr": "Ines",
    }
    assert (afternoon.opens, afternoon.closes, afternoon.contact) == (
        "14:00",
        "17:00",
        "jeugdhulpregie",
    )


def test_every_seed_phone_and_email_is_in_the_data() -> None:
    import phonenumbers

    d = load_directory()
    e164 = {p.e164 for c in d.contacts for p in c.phones}
    for raw in SEED_PHONES:
        number = phonenumbers.format_number(
            phonenumbers.parse(raw, "BE"), phonenumbers.PhoneNumberFormat.E164
        )
        assert number in e164, raw
    emails = {e.address for c in d.contacts for e in c.emails}
    assert seed_emails(), "the seeds could not be read"
    assert seed_emails() <= emails


# --- translations ------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
# The docs folder of each audience's pages.
AUDIENCE_FOLDER = {"parents": "ouders", "professionals": "professionals"}


def _has_pages(lang: str, audience: str) -> bool:
    """True when the site has pages for `audience` in `lang` (not only Dutch fallbacks)."""
    return any((ROOT / "docs" / lang / AUDIENCE_FOLDER[audience]).glob("**/*.md"))


def _texts(contact: Contact) -> dict[str, LocalText]:
    """The per-language texts a card shows besides the name (proper names may stay Dutch)."""
    out: dict[str, LocalText] = {}
    if contact.description:
        out["description"] = contact.description
    if contact.note:
        out["note"] = contact.note
    for field, items in (("phones", contact.phones), ("emails", contact.emails)):
        for i, item in enumerate(items):
            if item.label:
                out[f"{field}[{i}].label"] = item.label
    for i, link in enumerate(contact.links):
        out[f"links[{i}].label"] = link.label
    return out


def _missing(contacts: list[Contact], langs: list[str]) -> list[str]:
    return [
        f"{c.id} {field} {lang}"
        for c in contacts
        for field, text in _texts(c).items()
        for lang in langs
        if not text.has(lang)
    ]


def test_every_site_language_has_every_label_with_the_same_placeholders() -> None:
    labels = yaml.safe_load(_fixture())["labels"]
    source = labels["nl"]
    assert len(site_languages()) >= 6
    for lang in site_languages():
        texts = labels.get(lang, {})
        missing = sorted(set(source) - set(texts))
        assert not missing, f"labels.{lang} lacks {missing}"
        for key, text in source.items():
            assert set(_PLACEHOLDER.findall(texts[key])) == set(_PLACEHOLDER.findall(text)), (
                f"labels.{lang}.{key}: placeholders differ from nl"
            )
        assert load_directory().text_lang(lang) == lang


def test_parent_contacts_have_a_description_in_every_site_language() -> None:
    d = load_directory()
    parents = [c for c in d.contacts if "parents" in c.audience]
    assert parents
    for c in parents:
        assert c.description is not None, c.id
        missing = [lang for lang in site_languages() if not c.description.has(lang)]
        assert not missing, f"contact '{c.id}' has no description in {missing}"
    assert _missing(parents, site_languages()) == []


def test_every_contact_has_its_texts_where_its_audience_has_pages() -> None:
    # French and English have the professionals' pages too: every contact is shown there.
    d = load_directory()
    assert _has_pages("fr", "professionals") and not _has_pages("ar", "professionals")
    for lang in site_languages():
        shown = [c for c in d.contacts if any(_has_pages(lang, a) for a in c.audience)]
        assert _missing(shown, [lang]) == []


def test_contacts_placed_on_a_translated_page_have_texts_in_its_language() -> None:
    # A professionals' contact can be placed on a parents' page (Veilige Start in the Netherlands).
    d = load_directory()
    checked = 0
    for lang in site_languages():
        for page in (ROOT / "docs" / lang).glob("**/*.md"):
            for marker in find_markers(page.read_text(encoding="utf-8")):
                if marker.name != "contact":
                    continue
                for cid in marker.args:
                    checked += 1
                    missing = _missing([d.by_id[cid]], [lang])
                    assert not missing, f"{page.relative_to(ROOT)}: {missing}"
    assert checked > 10


def test_missing_text_is_reported(tmp_path: Path) -> None:
    # The checks above can fail: a parent contact without its Polish description is found.
    text = _fixture().replace(
        "      pl: W sprawie pytania lub skargi, gdy rozmowa z konsultantem nie pomaga.\n", ""
    )
    assert text != _fixture()
    d = parse_directory(_write(tmp_path, text))
    assert _missing([d.by_id["opgroeipunt"]], ["pl"]) == ["opgroeipunt description pl"]
    assert d.by_id["opgroeipunt"].description is not None
    assert not d.by_id["opgroeipunt"].description.has("pl")


def test_build_check_finds_a_missing_parent_text(tmp_path: Path) -> None:
    # The same rule stops the build (hooks/omringd_contacts.py on_config), naming the field.
    text = _fixture().replace(
        "      pl: W sprawie pytania lub skargi, gdy rozmowa z konsultantem nie pomaga.\n", ""
    )
    d = parse_directory(_write(tmp_path, text))
    pages = language_pages(ROOT / "docs", site_languages())
    with pytest.raises(DataError) as info:
        check_languages(d, site_languages(), pages)
    message = info.value.message
    assert "contact 'opgroeipunt', field 'description'" in message and "'pl'" in message
    assert "needed because" in message
    check_languages(load_directory(), site_languages(), pages)  # the real data passes


def test_build_check_finds_a_missing_label(tmp_path: Path) -> None:
    labels = yaml.safe_load(_fixture())["labels"]
    key, value = next(iter(labels["tr"].items()))
    text = _fixture().replace(f"    {key}: {value}\n", "", 1)
    d = parse_directory(_write(tmp_path, text))
    with pytest.raises(DataError, match=rf"labels\.tr: misses {key}"):
        check_languages(d, site_languages(), {})


def test_professional_texts_are_needed_only_where_shown() -> None:
    d = load_directory()
    pro = next(c for c in d.contacts if c.audience == ("professionals",) and c.description)
    lang = "xx"
    no_pages = {lang: LanguagePages()}
    check_languages(_only(d, pro), [], no_pages)  # not shown in xx: nothing needed
    with pytest.raises(DataError, match="places this contact"):
        check_languages(_only(d, pro), [], {lang: LanguagePages(placed=frozenset({pro.id}))})
    with pytest.raises(DataError, match="own pages for professionals"):
        shown = LanguagePages(audiences=frozenset({"professionals"}))
        check_languages(_only(d, pro), [], {lang: shown})


def _only(d, contact):  # noqa: ANN001, ANN202 - a directory view with one contact
    from types import SimpleNamespace

    return SimpleNamespace(
        path=d.path, contacts=(contact,), labels=d.labels, own_labels=d.own_labels
    )


# --- bad input --------------------------------------------------------------------------


def test_wrong_phone(tmp_path: Path) -> None:
    text = _fixture().replace('number: "078 170 000"', 'number: "078 170 00"')
    err = _fails(tmp_path, text)
    assert "contact 'opgroeipunt'" in err.message
    assert "phones[0].number" in err.message
    assert err.line == _line_of(text, 'number: "078 170 00"')


def test_letters_in_phone(tmp_path: Path) -> None:
    err = _fails(tmp_path, _fixture().replace('number: "078 150 100"', 'number: "bel ons"'))
    assert "contact 'kind-en-gezin-lijn'" in err.message and "phones[0].number" in err.message


def test_malformed_email(tmp_path: Path) -> None:
    text = _fixture().replace("address: veiligestart@wsg.nu", "address: veiligestart.wsg.nu")
    err = _fails(tmp_path, text)
    assert "contact 'veilige-start'" in err.message
    assert "emails[0].address" in err.message
    assert err.line == _line_of(text, "address: veiligestart.wsg.nu")


def test_unknown_region(tmp_path: Path) -> None:
    text = _fixture().replace(
        '    regions: [limburg]\n    phones:\n      - number: "011 30 34 30"',
        '    regions: [limburgg]\n    phones:\n      - number: "011 30 34 30"',
    )
    assert text != _fixture()
    err = _fails(tmp_path, text)
    assert "contact 'ocj-limburg'" in err.message and "regions[0]" in err.message
    assert "limburg" in err.message
    assert err.line == _line_of(text, "regions: [limburgg]")


def test_duplicate_id(tmp_path: Path) -> None:
    text = _fixture().replace("  - id: kind-en-gezin-lijn", "  - id: opgroeipunt")
    err = _fails(tmp_path, text)
    assert "contact 'opgroeipunt'" in err.message and "field id" in err.message
    assert "duplicate" in err.message
    assert err.line == _line_of(text, "  - id: opgroeipunt\n    name: {nl: Kind") + 0


def test_missing_required_field(tmp_path: Path) -> None:
    text = _fixture().replace(
        "    audience: [professionals]\n    regions: []\n", "    regions: []\n"
    )
    assert text != _fixture()
    err = _fails(tmp_path, text)
    assert "contact 'veilige-start'" in err.message and "audience" in err.message
    assert "required field is missing" in err.message
    assert err.line is not None


def test_missing_dutch_name(tmp_path: Path) -> None:
    err = _fails(tmp_path, _fixture().replace("name: {nl: Opgroeipunt}", "name: {en: Opgroeipunt}"))
    assert "contact 'opgroeipunt'" in err.message and "name.nl" in err.message


def test_hour_25(tmp_path: Path) -> None:
    text = _fixture().replace('opens: "08:00"', 'opens: "25:00"')
    err = _fails(tmp_path, text)
    assert "contact 'opgroeipunt'" in err.message and "hours[0].opens" in err.message
    assert "25:00" in err.message
    assert err.line == _line_of(text, 'opens: "25:00"')


def test_closes_before_opens(tmp_path: Path) -> None:
    err = _fails(tmp_path, _fixture().replace('closes: "20:00"', 'closes: "07:00"'))
    assert "contact 'opgroeipunt'" in err.message and "hours[0]" in err.message


def test_unknown_field(tmp_path: Path) -> None:
    err = _fails(
        tmp_path, _fixture().replace("    closed_on_holidays: true", "    closed_on_holiday: true")
    )
    assert "contact 'opgroeipunt'" in err.message and "closed_on_holiday" in err.message


def test_roster_unknown_contact(tmp_path: Path) -> None:
    err = _fails(tmp_path, _fixture().replace("contact: jeugdhulpregie", "contact: jeugdhulp"))
    assert "roster 'zorggarantie-limburg'" in err.message and "jeugdhulp'" in err.message


def test_yaml_syntax_error(tmp_path: Path) -> None:
    text = _fixture().replace("  - id: ocj-limburg\n", "  - id: ocj-limburg\n   name: [oops\n", 1)
    err = _fails(tmp_path, text)
    assert "YAML syntax" in err.message
    assert "contact 'ocj-limburg'" in err.message and "field name" in err.message
    assert err.line is not None and abs(err.line - _line_of(text, "   name: [oops")) <= 2


def test_unknown_contact_id_names_page_and_valid_ids() -> None:
    d = load_directory()
    with pytest.raises(DataError) as info:
        d.get("lijn-1713", "docs/nl/ouders/x.md")
    msg = info.value.message
    assert "docs/nl/ouders/x.md" in msg and "lijn-1713" in msg and "opgroeipunt" in msg


def test_foreign_number_is_refused_in_the_belgian_directory(tmp_path: Path) -> None:
    text = _fixture().replace('number: "078 150 100"', 'number: "+31 20 555 1234"')
    err = _fails(tmp_path, text)
    assert "contact 'kind-en-gezin-lijn'" in err.message and "phones[0].number" in err.message
    assert "not in Belgium" in err.message and "country: NL" in err.message
    assert err.line == _line_of(text, 'number: "+31 20 555 1234"')


def test_foreign_number_said_so_explicitly_is_accepted_and_dialled_abroad(
    tmp_path: Path,
) -> None:
    text = _fixture().replace(
        '      - number: "078 150 100"', '      - country: NL\n        number: "020 555 1234"'
    )
    path = tmp_path / "contacts.yml"
    path.write_text(text, encoding="utf-8")
    phone = parse_directory(path).get("kind-en-gezin-lijn").phones[0]
    assert (phone.e164, phone.display, phone.href) == (
        "+31205551234",
        "+31 20 555 1234",
        "tel:+31205551234",
    )


def test_a_country_that_does_not_match_the_number_is_refused(tmp_path: Path) -> None:
    text = _fixture().replace(
        '      - number: "078 150 100"', '      - country: NL\n        number: "+32 78 15 01 00"'
    )
    err = _fails(tmp_path, text)
    assert "is a number in BE, not in NL" in err.message


def test_overlapping_hours_are_refused(tmp_path: Path) -> None:
    text = _fixture().replace(
        '        opens: "08:00"\n',
        '        opens: "08:00"\n        closes: "12:00"\n      - days: [mo]\n'
        '        opens: "11:00"\n',
        1,
    )
    assert text != _fixture()
    err = _fails(tmp_path, text)
    assert "contact 'opgroeipunt'" in err.message and "hours" in err.message
    assert "on mo the hours 08:00-12:00 and 11:00-" in err.message and "overlap" in err.message


def test_hours_that_only_touch_are_accepted(tmp_path: Path) -> None:
    text = _fixture().replace(
        '        opens: "08:00"\n',
        '        opens: "08:00"\n        closes: "12:00"\n      - days: [mo]\n'
        '        opens: "12:00"\n',
        1,
    )
    path = tmp_path / "contacts.yml"
    path.write_text(text, encoding="utf-8")
    assert len(parse_directory(path).get("opgroeipunt").hours) == 2


def test_empty_hours_are_refused(tmp_path: Path) -> None:
    hours = '    hours:\n      - days: [mo, tu, we, th, fr]\n        opens: "08:00"\n'
    text = _fixture().replace(hours + '        closes: "20:00"\n', "    hours: []\n", 1)
    assert text != _fixture()
    err = _fails(tmp_path, text)
    assert "'hours' is empty" in err.message
