"""The contact directory on the built site: links from data, no literals in pages, downloads,
JSON-LD, the roster table, the help box, and the hook's markers."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import re
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import holidays
import phonenumbers
import pytest
import vobject
from mkdocs.exceptions import PluginError

from omringd.contacts import load_directory
from tests.conftest import ROOT
from tests.support.seeds import SEED_PHONES, seed_emails

DOCS = ROOT / "docs"
# A Belgian phone number typed out: 0 + 8 or 9 more digits, in groups (e.g. 078 170 000,
# 02/243.56.00, 0490 44 82 58) or +32 ...; and any e-mail address.
PHONE_LITERAL = re.compile(r"(?<![\w/.#-])(?:(?:\+|00)32 ?|0)[1-9](?:[ ./-]?\d){7,8}(?!\d)")
EMAIL_LITERAL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _hook():
    spec = importlib.util.spec_from_file_location(
        "omringd_contacts_hook", ROOT / "hooks" / "omringd_contacts.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _all_html(site_dir: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in site_dir.rglob("*.html"))


# The files editors write words in besides the pages: the decision tree and its translations,
# interface texts, leaflets... every data file except the directory itself.
def words_files() -> list[Path]:
    """Every data file editors write words in, the directory aside."""
    data = (ROOT / "data").glob("*.y*ml")
    return sorted(p for p in data if p.name not in ("contacts.yml", "contacts.yaml"))


def _literals(paths: list[Path]) -> list[str]:
    """'file:line: literal' for every phone number or e-mail address typed in `paths`."""
    offenders = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for pattern in (PHONE_LITERAL, EMAIL_LITERAL):
            for m in pattern.finditer(text):
                line = text[: m.start()].count("\n") + 1
                offenders.append(f"{path.relative_to(ROOT)}:{line}: {m.group(0)}")
    return offenders


def test_no_phone_or_email_literal_in_docs() -> None:
    offenders = _literals(sorted(DOCS.rglob("*.md")))
    assert not offenders, "place contacts with a marker instead:\n" + "\n".join(offenders)


def test_no_phone_or_email_literal_in_data_words() -> None:
    # The short emergency numbers 112 and 1712 may stand in a sentence ("call 112"): everyone
    # knows them by heart, they never change, and they are contacts of the directory too
    # (noodnummer-112, hulplijn-1712), rendered as cards with a tel: link. PHONE_LITERAL only
    # matches full numbers (0 and 8 or 9 digits, or +32), so they pass.
    names = {p.name for p in words_files()}
    assert {"decision-tree.yml", "decision-tree.nl.yml", "ui.yml", "leaflets.yml"} <= names
    assert "contacts.yml" not in names
    offenders = _literals(words_files())
    assert not offenders, "use a contact id from data/contacts.yml instead:\n" + "\n".join(
        offenders
    )
    short = {p.e164 for c in load_directory().contacts for p in c.phones if len(p.e164) <= 4}
    assert short == {"112", "1712"}


def test_the_literal_patterns_catch_what_they_should() -> None:
    for literal in (
        "078 170 000",
        "02 243 56 00",
        "0490 44 82 58",
        "011/30.34.30",
        "+32 2 243 50 03",
    ):
        assert PHONE_LITERAL.search(f"Bel {literal}."), literal
    for text in ("in 2018 en 2025", "postcode 3500", "-9 maanden tot 3 jaar", "25 tot 32 weken"):
        assert not PHONE_LITERAL.search(text), text
    assert EMAIL_LITERAL.search("mail naar veiligestart@wsg.nu")
    for allowed in ("Bel 112 bij gevaar.", "Bel 1712 voor een gesprek.", "110 tot 112 dagen"):
        assert not PHONE_LITERAL.search(allowed), allowed


def test_every_seed_phone_and_email_is_a_working_link(site_dir: Path) -> None:
    html = _all_html(site_dir)
    for raw in SEED_PHONES:
        e164 = phonenumbers.format_number(
            phonenumbers.parse(raw, "BE"), phonenumbers.PhoneNumberFormat.E164
        )
        assert f'href="tel:{e164}"' in html, raw
    for email in seed_emails():
        assert f'href="mailto:{email}"' in html, email
    assert 'href="tel:112"' in html and 'href="tel:1712"' in html


def test_directory_page_has_every_contact_once(site_dir: Path) -> None:
    html = (site_dir / "professionals" / "contacten" / "index.html").read_text(encoding="utf-8")
    for cid in load_directory().ids:
        assert html.count(f'id="contact-{cid}"') == 1, cid
    assert '<script src="../../assets/contacts.js" defer></script>' in html
    assert (site_dir / "assets" / "contacts.js").is_file()
    data = re.search(r'<script type="application/json" id="omr-contacts-data">(.*?)</script>', html)
    assert data
    # The holidays of the build: the library's, from last year to two years on.
    year = date.today().year
    library = holidays.country_holidays("BE", years=range(year - 1, year + 3))
    assert json.loads(data.group(1))["holidays"] == sorted(d.isoformat() for d in library)


def test_directory_json_ld(site_dir: Path) -> None:
    html = (site_dir / "professionals" / "contacten" / "index.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    graph = json.loads(blocks[0])["@graph"]
    assert {p["@type"] for p in graph} == {"ContactPoint"}
    assert any("hoursAvailable" in p and "areaServed" in p for p in graph)
    assert any("availableLanguage" in p for p in graph)


def test_downloads_in_the_built_site(site_dir: Path) -> None:
    d = load_directory()
    folder = site_dir / "contacts"
    for c in d.contacts:
        text = (folder / f"{c.id}.vcf").read_text(encoding="utf-8")
        card = vobject.readOne(text)
        assert card.fn.value == c.name.nl
        assert card.version.value == "3.0" and "kind" not in card.contents, "KIND is vCard 4.0"
    cards = list(vobject.readComponents((folder / "contacts.vcf").read_text(encoding="utf-8")))
    assert len(cards) == len(d.ids)
    data = json.loads((folder / "contacts.json").read_text(encoding="utf-8"))
    assert [c["id"] for c in data["contacts"]] == list(d.ids)
    rows = list(csv.DictReader(io.StringIO((folder / "contacts.csv").read_text(encoding="utf-8"))))
    assert len(rows) == len(d.ids)
    assert json.loads((folder / "places.json").read_text(encoding="utf-8"))["places"]
    # The card links resolve from a page in another language too.
    fr = (site_dir / "fr" / "professionals" / "contacten" / "index.html").read_text(
        encoding="utf-8"
    )
    assert 'href="../../../contacts/opgroeipunt.vcf"' in fr


def test_roster_page(site_dir: Path) -> None:
    html = (site_dir / "professionals" / "permanentie" / "index.html").read_text(encoding="utf-8")
    assert "<caption>Permanentierooster uit de folder" in html
    assert html.count('<th scope="col">') == 6 and html.count('<th scope="row">') == 2
    assert 'href="tel:+3211303140"' in html
    # As the seed gives it: its source and date, no team card, no live "open now".
    assert 'class="omr-roster__source"' in html and 'datetime="2026-11-23"' in html
    assert 'data-omr-contact="zorggarantie-limburg"' not in html
    assert "data-omr-hours" not in html


def test_bronnen_page(site_dir: Path) -> None:
    for lang in ("", "fr/", "en/", "ar/"):
        html = (site_dir / f"{lang}professionals/bronnen/index.html").read_text("utf-8")
        assert 'class="omr-sources"' in html and "<!-- sources" not in html, lang
        assert 'id="bron-roster-zorggarantie-limburg"' in html, lang
        assert 'id="bron-programme-veilig-en-omringd"' in html, lang


def test_parent_pages_have_urgent_help(site_dir: Path) -> None:
    for lang in ("", "fr/", "en/", "ar/", "tr/", "pl/"):
        html = (site_dir / f"{lang}ouders/index.html").read_text("utf-8")
        box = html.split('class="omr-help"')[1].split("</aside>")[0]
        assert 'href="tel:112"' in box and 'href="tel:1712"' in box, lang
        assert '<a href="tel:+3278170000">078 170 000</a>' in box, lang


def test_help_box_on_every_content_page(site_dir: Path) -> None:
    pages = [p for p in site_dir.rglob("*.html") if 'class="omr-reviewed"' in p.read_text("utf-8")]
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert html.count('<aside class="omr-help" aria-labelledby="omr-help-title">') == 1, page
    parents = (site_dir / "ouders" / "index.html").read_text(encoding="utf-8")
    assert 'href="tel:+3278170000"' in parents.split('class="omr-help"')[1]


# --- the hook's markers ----------------------------------------------------------------


def _page(src: str = "nl/ouders/x.md", url: str = "ouders/x/") -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_uri=src), url=url)


def _config() -> SimpleNamespace:
    i18n = SimpleNamespace(current_language="nl", default_language="nl")
    return SimpleNamespace(plugins={"i18n": i18n}, theme={"language": "nl"})


def test_unknown_marker_id_stops_the_build() -> None:
    hook = _hook()
    with pytest.raises(PluginError) as info:
        hook.on_page_content("<p><!-- contact: lijn-1713 --></p>", _page(), _config(), None)
    msg = str(info.value)
    assert "docs/nl/ouders/x.md" in msg and "lijn-1713" in msg and "hulplijn-1712" in msg


def test_unknown_roster_and_region_stop_the_build() -> None:
    hook = _hook()
    for marker in (
        "<!-- roster: nope -->",
        "<!-- contacts: region=gent -->",
        "<!-- contact: opgroeipunt heading=9 -->",
    ):
        with pytest.raises(PluginError) as info:
            hook.on_page_content(marker, _page(), _config(), None)
        assert "docs/nl/ouders/x.md" in str(info.value)


def test_markers_are_replaced() -> None:
    hook = _hook()
    html = hook.on_page_content(
        "<p><!-- contact: opgroeipunt kind-en-gezin-lijn --></p><!-- other: x -->",
        _page(),
        _config(),
        None,
    )
    assert html.count("<article") == 2
    assert "<!-- other: x -->" in html, "markers of other hooks stay"
    assert 'src="../../assets/contacts.js"' in html
    assert 'href="../../assets/contacts.css"' in html
    again = hook.on_page_content(html, _page(), _config(), None)
    assert again.count('id="omr-contacts-data"') == 1, "added once"
    assert again.count("assets/contacts.css") == 1
    assert 'href="../../contacts/opgroeipunt.vcf"' in html
