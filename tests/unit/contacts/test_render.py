"""Rendering contacts: cards, help box, roster table, escaping, hours in words, exports."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import holidays
import pytest
import vobject
import yaml
from dateutil.easter import easter

from omringd.contacts import (
    CONTACTS_FILE,
    load_directory,
    parse_directory,
    render_contact,
    render_contacts,
    render_help,
    render_roster,
)
from omringd.contacts.exports import contacts_csv, csv_cell, json_ld, vcard, write_downloads
from omringd.contacts.hours import holiday_dates
from omringd.contacts.markers import render_page
from omringd.contacts.places import render_team_finder
from omringd.contacts.render import browser_data, hours_lines, render_directory


class _Tags(HTMLParser):
    """Collects start tags with their attributes and the text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> _Tags:
    p = _Tags()
    p.feed(html)
    return p


def test_card_has_tel_mailto_and_hours_in_words() -> None:
    d = load_directory()
    html = render_contact(d.by_id["opgroeipunt"], "nl", base="../../")
    tags = parse(html)
    hrefs = [a.get("href") for t, a in tags.tags if t == "a"]
    assert "tel:+3278170000" in hrefs
    assert "https://www.opgroeien.be/opgroeipunt" in hrefs
    assert "../../contacts/opgroeipunt.vcf" in hrefs
    assert "maandag tot en met vrijdag, 08:00–20:00" in html
    assert "niet op feestdagen" in html
    assert 'data-omr-holidays="closed"' in html
    card = render_contact(d.by_id["zorggarantie-antwerpen"], "nl")
    assert 'href="mailto:zgjongekind.antwerpen@opgroeien.be"' in card


def test_hours_in_other_languages() -> None:
    d = load_directory()
    assert hours_lines(d.by_id["opgroeipunt"], "fr", d.labels("fr")) == [
        "du lundi au vendredi, 08:00–20:00"
    ]
    assert hours_lines(d.by_id["opgroeipunt"], "en", d.labels("en"))[0].startswith(
        "Monday to Friday"
    )
    assert hours_lines(d.by_id["noodnummer-112"], "nl", d.labels("nl")) == [
        "dag en nacht, elke dag"
    ]


def test_name_with_script_is_escaped(tmp_path: Path) -> None:
    text = CONTACTS_FILE.read_text(encoding="utf-8").replace(
        "name: {nl: Opgroeipunt}", 'name: {nl: "<script>alert(1)</script> Opgroeipunt"}'
    )
    path = tmp_path / "contacts.yml"
    path.write_text(text, encoding="utf-8")
    d = parse_directory(path)
    for html in (
        render_contact(d.by_id["opgroeipunt"], "nl", directory=d),
        render_help(
            "parents",
            "nl",
            titles={"help_title_parents": "x", "help_title_professionals": "y"},
            directory=d,
        ),
        render_directory("nl", directory=d),
    ):
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Opgroeipunt" in html


EVIL = "</script><script>alert(1)</script>"


class _Scripts(HTMLParser):
    """The script elements (attributes and content), the table and list texts of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.cells: list[str] = []
        self.items: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts.append((dict(attrs), ""))
        elif tag in ("caption", "td", "li"):
            (self.items if tag == "li" else self.cells).append("")
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag == self._open[-1]:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self.lasttag == "script" and self.scripts and not self.scripts[-1][1]:
            self.scripts[-1] = (self.scripts[-1][0], data)
        elif self._open:
            target = self.items if self._open[-1] == "li" else self.cells
            target[-1] += data


def test_script_closing_names_stay_text_and_data(tmp_path: Path) -> None:
    # A name, a region, a staff member and a label that try to end a script element and start
    # their own: they show as text in the roster and the team list, and stay data in the
    # JSON of the page (team finder, "open now", JSON-LD).
    text = CONTACTS_FILE.read_text(encoding="utf-8")
    for old, new in (
        ("nl: Zorggarantie jonge kind – team Limburg\n", f'nl: "{EVIL} team L"\n'),
        ("nl: Jeugdhulpregie – algemene permanentie ACT\n", f'nl: "{EVIL} ACT"\n'),
        ("{nl: Limburg, fr: Limbourg", f'{{nl: "{EVIL} Li", fr: Limbourg'),
        ("mo: Marijke", f'mo: "{EVIL} M"'),
        (
            "nl: Permanentierooster uit de folder ‘Zorggarantie voor het jonge kind’\n",
            f'nl: "{EVIL} rooster"\n',
        ),
        ("    status_open: Nu open\n", f'    status_open: "{EVIL} open"\n'),
    ):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "contacts.yml"
    path.write_text(text, encoding="utf-8")
    d = parse_directory(path)
    html = render_page(
        "<!-- team-finder: all -->\n<!-- roster: zorggarantie-limburg -->\n<!-- contacts: all -->",
        src="docs/nl/x.md",
        lang="nl",
        base="",
        directory_href="",
        directory=d,
    )
    page = _Scripts()
    page.feed(html)
    page.close()
    # The only scripts are the page's own: data blocks and the script file; none from the data.
    kinds = [(a.get("type"), a.get("id"), a.get("src")) for a, _ in page.scripts]
    assert sorted(kinds, key=str) == sorted(
        [
            ("application/json", "omr-places", None),
            ("application/ld+json", None, None),
            ("application/json", "omr-contacts-data", None),
            (None, None, "assets/contacts.js"),
        ],
        key=str,
    )
    blocks = {a.get("id") or a.get("type"): json.loads(body) for a, body in page.scripts if body}
    finder = {r["id"]: r for r in blocks["omr-places"]["regions"]}["limburg"]
    assert finder["name"] == f"{EVIL} Li" and finder["teamName"] == f"{EVIL} team L"
    assert blocks["omr-contacts-data"]["labels"]["status_open"] == f"{EVIL} open"
    names = {p["@id"]: p["name"] for p in blocks["application/ld+json"]["@graph"]}
    assert names["#contact-zorggarantie-limburg"] == f"{EVIL} team L"
    assert names["#contact-jeugdhulpregie"] == f"{EVIL} ACT"
    # As text: the roster's caption and cells, the team-finder list.
    assert f"{EVIL} rooster" in page.cells
    assert f"{EVIL} M" in page.cells
    assert any(cell.startswith(f"{EVIL} ACT") for cell in page.cells)
    assert f"{EVIL} Li: {EVIL} team L" in [" ".join(i.split()) for i in page.items]
    for fragment in (
        render_roster(d.rosters["zorggarantie-limburg"], "nl", directory=d),
        render_team_finder("nl", directory=d),
    ):
        assert "<script>alert" not in fragment
        assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in fragment


def test_help_box_per_audience() -> None:
    titles = {
        "help_title_parents": "Hulp nodig?",
        "help_title_professionals": "Vragen over een gezin?",
    }
    parents = render_help("parents", "nl", titles=titles)
    assert parents.startswith('<aside class="omr-help" aria-labelledby="omr-help-title">')
    assert "tel:+3278170000" in parents and "zorggarantie" not in parents
    pros = render_help("professionals", "nl", titles=titles, directory_href="../contacten/")
    assert "tel:+3278170000" not in pros
    assert 'href="../contacten/"' in pros
    for team in (
        "antwerpen",
        "limburg",
        "oostvlaanderen",
        "vlaamsbrabant-brussel",
        "westvlaanderen",
    ):
        assert team in pros
    both = render_help("all", "nl", titles=titles)
    assert "tel:+3278170000" in both and "mailto:jongekind.limburg@opgroeien.be" in both


def test_roster_table_is_accessible() -> None:
    d = load_directory()
    html = render_roster(d.rosters["zorggarantie-limburg"], "nl")
    tags = parse(html)
    assert (
        "<caption>Permanentierooster uit de folder ‘Zorggarantie voor het jonge kind’</caption>"
        in html
    )
    ths = [a for t, a in tags.tags if t == "th"]
    assert len(ths) == 1 + 5 + 2
    assert [a.get("scope") for a in ths].count("col") == 6
    assert [a.get("scope") for a in ths].count("row") == 2
    # The afternoon is the same line every day: one cell over the five days, its number once.
    assert re.search(r'<td colspan="5">[^<]*<br[^>]*><a href="tel:\+3211303140">', html)
    assert html.count('href="tel:+3211303140"') == 2  # the table and the contact's card
    alone = render_roster(d.rosters["zorggarantie-limburg"], "nl", cards=False)
    assert "<article" not in alone and alone.count('href="tel:+3211303140"') == 1
    assert "Marijke" in html and "Ines" in html and "Maandag" in html


def test_render_contacts_and_directory_have_each_contact_once() -> None:
    d = load_directory()
    html = render_directory("nl", base="../../")
    for cid in d.ids:
        assert html.count(f'id="contact-{cid}"') == 1, cid
    assert html.index("contacts-overal") < html.index("contacts-limburg")
    assert "Vlaams-Brabant en Brussel" in html
    many = render_contacts([d.by_id["opgroeipunt"], d.by_id["kind-en-gezin-lijn"]], "nl")
    assert many.count("<article") == 2


def _library_holidays(years: range) -> list[str]:
    return sorted(d.isoformat() for d in holidays.country_holidays("BE", years=years))


def test_browser_data_has_holidays_from_the_library() -> None:
    # The page embeds last year's holidays to those of two years on (a page built in December
    # is still read in January); exactly the library's list, nothing added or left out.
    data = json.loads(browser_data("nl"))
    year = date.today().year
    assert data["holidays"] == _library_holidays(range(year - 1, year + 3))
    assert data["days"][0] == "zondag"
    # The moving feasts of every year shown, computed here from Easter (not by the library).
    embedded = set(data["holidays"])
    for y in range(year - 1, year + 3):
        for days_after_easter in (1, 39, 50):  # Easter Monday, Ascension, Whit Monday
            assert (easter(y) + timedelta(days_after_easter)).isoformat() in embedded, y
        for fixed in ("01-01", "05-01", "07-21", "08-15", "11-01", "11-11", "12-25"):
            assert f"{y}-{fixed}" in embedded


def test_holiday_dates_of_a_given_build_day() -> None:
    dates = holiday_dates(date(2025, 6, 1))
    assert dates == _library_holidays(range(2024, 2028))
    assert "2025-04-21" in dates and "2025-06-09" in dates  # Easter and Whit Monday 2025
    assert "2027-03-29" in dates and "2023-12-25" not in dates and "2028-01-01" not in dates


def test_downloads_parse_back(tmp_path: Path) -> None:
    d = load_directory()
    write_downloads(d, tmp_path)
    for c in d.contacts:
        card = vobject.readOne((tmp_path / f"{c.id}.vcf").read_text(encoding="utf-8"))
        assert card.fn.value == c.name.nl
        tels = [t.value for t in card.contents.get("tel", [])]
        assert tels == [p.e164 for p in c.phones]
        mails = [m.value for m in card.contents.get("email", [])]
        assert mails == [e.address for e in c.emails]
    everyone = list(vobject.readComponents((tmp_path / "contacts.vcf").read_text(encoding="utf-8")))
    assert [c.fn.value for c in everyone] == [c.name.nl for c in d.contacts]
    data = json.loads((tmp_path / "contacts.json").read_text(encoding="utf-8"))
    assert [c["id"] for c in data["contacts"]] == list(d.ids)
    op = data["contacts"][d.ids.index("opgroeipunt")]
    assert op["schedules"] == [
        {
            "days": ["mo", "tu", "we", "th", "fr"],
            "opens": "08:00",
            "closes": "20:00",
            "timezone": "Europe/Brussels",
        }
    ]
    rows = list(
        csv.DictReader(io.StringIO((tmp_path / "contacts.csv").read_text(encoding="utf-8")))
    )
    assert [r["id"] for r in rows] == list(d.ids)
    assert rows[d.ids.index("zorggarantie-limburg")]["phones"] == "'+32490448258 | +3222435505"
    assert contacts_csv(d) == (tmp_path / "contacts.csv").read_text(encoding="utf-8")
    assert vcard(d.by_id["veilige-start"]).startswith("BEGIN:VCARD")


@pytest.mark.parametrize("text", ['=HYPERLINK("x")', "+1+1", "-2", "@SUM(A1)", "\tx"])
def test_a_csv_cell_that_a_spreadsheet_would_run_is_neutralised(text: str) -> None:
    assert csv_cell(text) == "'" + text
    assert csv_cell("Opgroeipunt") == "Opgroeipunt"


# The types of vCard 3.0 (RFC 2426 section 3 and the directory profile of RFC 2425); KIND,
# for one, is vCard 4.0 (RFC 6350) and has no place in a 3.0 card.
VCARD3_TYPES = {
    "begin", "end", "version", "name", "profile", "source", "fn", "n", "nickname", "photo",
    "bday", "adr", "label", "tel", "email", "mailer", "tz", "geo", "title", "role", "logo",
    "agent", "org", "categories", "note", "prodid", "rev", "sort-string", "sound", "uid",
    "url", "class", "key",
}  # fmt: skip


def test_vcards_use_only_version_3_types() -> None:
    d = load_directory()
    for c in d.contacts:
        text = vcard(c)
        lines = text.splitlines()
        assert "VERSION:3.0" in lines, c.id
        assert not [line for line in lines if line.upper().startswith("KIND")], c.id
        card = vobject.readOne(text)
        unknown = {k for k in card.contents if k not in VCARD3_TYPES and not k.startswith("x-")}
        assert not unknown, (c.id, unknown)
        # An organisation's card: its name is the ORG (what 3.0 has instead of KIND:org).
        assert card.org.value == [c.name.nl], c.id


def test_json_ld_contact_points() -> None:
    d = load_directory()
    doc = json.loads(json_ld(d))
    points = {p["@id"]: p for p in doc["@graph"]}
    assert all(p["@type"] == "ContactPoint" for p in points.values())
    op = points["#contact-opgroeipunt"]
    assert op["telephone"] == "+3278170000"
    assert op["hoursAvailable"][0]["opens"] == "08:00"
    assert op["hoursAvailable"][0]["dayOfWeek"][0] == "https://schema.org/Monday"
    assert len(op["areaServed"]) == 6
    assert points["#contact-veilige-start"]["availableLanguage"] == ["nl"]


def test_language_marking() -> None:
    d = load_directory()
    titles = {"help_title_parents": "مساعدة", "help_title_professionals": "أسئلة"}
    # Arabic has every label: the box and the card are Arabic, not marked as another language.
    ar = render_help("all", "ar", titles=titles)
    assert '<div class="omr-help__body">' in ar
    assert '<div class="omr-help__body" lang=' not in ar
    assert "<strong>أنتويرب</strong>" in ar
    card = render_contact(d.by_id["opgroeipunt"], "ar")
    assert card.startswith('<article class="omr-card" data-omr-contact="opgroeipunt"')
    assert "الهاتف" in card and "من الاثنين إلى الجمعة" in card
    # A Dutch-only data text (a proper name) inside an Arabic card is still marked Dutch.
    assert '<span lang="nl" dir="ltr">Opgroeipunt</span>' in card
    # French has every label: French texts, Dutch-only data texts marked lang="nl".
    fr = render_contact(d.by_id["opgroeipunt"], "fr")
    assert 'lang="nl" dir="ltr"' not in fr.split(">")[0]
    assert '<span lang="nl" dir="ltr">Opgroeipunt</span>' in fr
    assert "Formulaire en ligne" in fr and "du lundi au vendredi" in fr
    nl = render_contact(d.by_id["opgroeipunt"], "nl")
    assert 'lang="' not in nl


def _without_labels(tmp_path: Path, lang: str, keys: list[str] | None = None) -> Path:
    """A copy of the real directory whose `lang` labels lack `keys` (all of them when None)."""
    data = yaml.safe_load(CONTACTS_FILE.read_text(encoding="utf-8"))
    if keys is None:
        del data["labels"][lang]
    else:
        for key in keys:
            del data["labels"][lang][key]
    path = tmp_path / "contacts.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_language_without_labels_falls_back_to_marked_dutch(tmp_path: Path) -> None:
    d = parse_directory(_without_labels(tmp_path, "ar"))
    assert d.text_lang("ar") == "nl"
    titles = {"help_title_parents": "مساعدة", "help_title_professionals": "أسئلة"}
    ar = render_help("all", "ar", titles=titles, directory=d)
    # The body is Dutch and says so; the titles stay in the page's language.
    assert '<div class="omr-help__body" lang="nl" dir="ltr">' in ar
    assert '<h2 id="omr-help-title" class="omr-help__title">مساعدة</h2>' in ar
    assert 'lang="ar" dir="auto">أسئلة</h3>' in ar
    card = render_contact(d.by_id["opgroeipunt"], "ar", directory=d)
    assert card.startswith('<article class="omr-card" lang="nl" dir="ltr"')
    assert "Telefoon" in card and "maandag tot en met vrijdag" in card


def test_language_with_one_missing_label_falls_back_whole(tmp_path: Path) -> None:
    # Mixing Dutch and Polish labels in one card would be unreadable: one missing key is enough.
    d = parse_directory(_without_labels(tmp_path, "pl", ["downloads_csv"]))
    assert d.text_lang("pl") == "nl"
    assert load_directory().text_lang("pl") == "pl"
    card = render_contact(d.by_id["noodnummer-112"], "pl", directory=d)
    assert card.startswith('<article class="omr-card" lang="nl" dir="ltr"')
    assert "Noodnummer 112" in card and "Numer alarmowy" not in card


def test_arabic_hours_use_the_arabic_comma() -> None:
    d = load_directory()
    card = render_contact(d.by_id["opgroeipunt"], "ar")
    help_box = render_help("parents", "ar", titles={"help_title_parents": "مساعدة"})
    for html in (card, help_box):
        assert "، 08:00" in html and ", 08:00" not in html
    assert ", 08:00" in render_contact(d.by_id["opgroeipunt"], "fr")
