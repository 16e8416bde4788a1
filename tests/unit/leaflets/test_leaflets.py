"""Leaflets without MkDocs: small leaflets rendered from a fake built site in tmp_path."""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pypdf import PdfReader

from omringd.contacts import load_directory
from omringd.core.errors import DataError
from omringd.leaflets import (
    CROP_MARK_SPACE_MM,
    Site,
    build_document,
    check_sources,
    extract_content,
    parse_leaflets,
    qr_svg,
    render_leaflet,
    short_url,
    translate_sections,
)
from tests.support.leaflets import A4, A5, FONTS, MM, SITE_URL, write_config, xmp


def built_page(lang: str, body: str, reviewed: str = "2026-11-23") -> str:
    """A page as the site builds it: navigation around, the content in the article."""
    direction = "rtl" if lang == "ar" else "ltr"
    return f"""<!doctype html><html lang="{lang}" dir="{direction}"><head><title>x</title></head>
<body><nav class="md-nav">Menu</nav>
<div class="omr-exit"><a href="https://www.google.com/">Snel weg</a></div>
<article class="md-content__inner md-typeset">{body}
<aside class="omr-help"><h2 id="omr-help-title">Hulp nodig?</h2><p>Help box</p></aside>
<p class="omr-reviewed">Laatst nagekeken op <time datetime="{reviewed}">x</time></p>
</article><script>var secret = 1;</script></body></html>"""


def make_site(tmp: Path, pages: dict[str, str]) -> Site:
    """A built site in tmp/site with `pages` ({'nl': body, 'ar': body}) at a.md."""
    site_dir = tmp / "site"
    for lang, body in pages.items():
        folder = site_dir / ("" if lang == "nl" else f"{lang}/") / "a"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(built_page(lang, body), encoding="utf-8")
    return Site(site_dir, SITE_URL, "nl", ("nl", "fr", "ar"))


SHORT = (
    '<h1 id="a">Een pagina</h1><p>Bel <a href="tel:+3278170000">078 17 00 00</a>. '
    'Meer op <a href="https://www.opgroeien.be/opgroeipunt">het formulier</a>.</p>'
    '<article class="omr-card"><h3>Opgroeipunt</h3>'
    '<p class="omr-card__vcard"><a href="../contacts/x.vcf">vCard</a></p></article>'
)


def render(tmp: Path, body: str = SHORT, **kwargs: str) -> tuple[PdfReader, object]:
    """Render the test leaflet in Dutch; returns the parsed PDF and the result."""
    config = parse_leaflets(write_config(tmp, **kwargs))
    site = make_site(tmp, {"nl": body})
    result = render_leaflet(
        config, config.leaflets[0], "nl", site, cache_dir=tmp / "cache", directory=None
    )
    return PdfReader(io.BytesIO(result.path.read_bytes())), result


def box(page: object, name: str) -> tuple[float, float, float, float]:
    """A page box as floats."""
    return tuple(float(v) for v in getattr(page, name))  # type: ignore[return-value]


def test_folder_is_a5_with_bleed_four_pages_tagged_and_embedded(tmp_path: Path) -> None:
    reader, result = render(tmp_path)
    # A folded A4 sheet always has four pages, even with little text.
    assert len(reader.pages) == 4 == result.pages
    bleed = 3 * MM
    for page in reader.pages:
        x0, y0, x1, y1 = box(page, "trimbox")
        assert x1 - x0 == pytest.approx(A5[0], abs=0.2)
        assert y1 - y0 == pytest.approx(A5[1], abs=0.2)
        bx0, by0, bx1, by1 = box(page, "bleedbox")
        assert (x0 - bx0, y0 - by0, bx1 - x1, by1 - y1) == pytest.approx((bleed,) * 4, abs=0.05)
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "nl"
    assert reader.metadata.title == "Testfolder"
    # PDF/UA-1 declared in the XMP metadata, with the title a reader's window shows.
    assert xmp(reader) == {"pdfua_part": "1", "title": "Testfolder"}
    assert str(root["/ViewerPreferences"]["/DisplayDocTitle"]) in ("True", "true")
    assert reader.metadata.author == "Test author"
    assert root["/ViewerPreferences"]["/Direction"] == "/L2R"
    fonts = embedded_fonts(reader)
    assert fonts, "no fonts found"
    assert all(embedded for _, embedded in fonts), fonts
    # Only the fonts the data names: no system-font surprises.
    assert all("Omringd" in name for name, _ in fonts), fonts


def embedded_fonts(reader: PdfReader) -> list[tuple[str, bool]]:
    """(name, has an embedded font file) for every font used on any page."""
    out = []
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            desc_fonts = font.get("/DescendantFonts")
            target = desc_fonts[0].get_object() if desc_fonts else font
            desc = target.get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else {}
            embedded = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            out.append((str(font["/BaseFont"]), embedded))
    return out


def test_content_is_the_article_without_screen_parts(tmp_path: Path) -> None:
    reader, _ = render(tmp_path)
    # A line may break after a slash in an address.
    text = re.sub(r"/\s+", "/", "\n".join(p.extract_text() for p in reader.pages))
    assert "078 17 00 00" in text
    assert "Een pagina" in text
    # The address of an outside link is printed, shortened as people write it.
    assert "(opgroeien.be/opgroeipunt)" in text
    for screen_only in ("Menu", "Snel weg", "Help box", "vCard", "secret"):
        assert screen_only not in text
    assert re.search(r"version nl [0-9a-f]{12}", text)
    assert "reviewed nl" in text


def test_a4_flyer_size(tmp_path: Path) -> None:
    reader, result = render(tmp_path, paper="a4")
    # A flyer is not padded: one page of content is one page.
    assert len(reader.pages) == 1 == result.pages
    x0, y0, x1, y1 = box(reader.pages[0], "trimbox")
    assert (x1 - x0, y1 - y0) == pytest.approx(A4, abs=0.2)


def test_too_long_stops_naming_leaflet_language_and_overflow(tmp_path: Path) -> None:
    long = "".join(f"<h2>Deel {i}</h2><p>{'Veel tekst. ' * 80}</p>" for i in range(16))
    with pytest.raises(DataError) as err:
        render(tmp_path, body=long)
    message = err.value.message
    assert "leaflet 'test-folder'" in message
    assert "language 'nl'" in message
    assert re.search(r"\d+ pages, \d+ too many \(about \d+ mm of content past page 4", message)
    # Shrinking the text to its smallest allowed size (the paper's floor) was tried first.
    assert "even with the text at its smallest, 12.0 pt" in message
    assert "never set below 12 pt on a5-folded" in (err.value.valid or "")


def test_second_render_comes_from_cache_and_a_change_renders_again(tmp_path: Path) -> None:
    _, first = render(tmp_path)
    _, second = render(tmp_path)
    assert not first.cached and second.cached
    assert second.version == first.version
    _, third = render(tmp_path, body=SHORT.replace("Een pagina", "Een andere pagina"))
    assert not third.cached and third.version != first.version


def test_cache_skips_the_content_check_when_no_input_changed(tmp_path: Path) -> None:
    config = parse_leaflets(write_config(tmp_path))
    site = make_site(tmp_path, {"nl": SHORT})
    page = tmp_path / "site" / "a" / "index.html"

    def again(**kwargs: str) -> object:
        return render_leaflet(
            config, config.leaflets[0], "nl", site, cache_dir=tmp_path / "cache", **kwargs
        )

    first = again()
    assert not first.cached and first.cache_hit == ""
    # The same files: served without reading the pages' content.
    same = again()
    assert same.cached and same.cache_hit == "inputs" and same.version == first.version
    # The page changed outside the printed content: same text, so the same PDF...
    page.write_text(page.read_text(encoding="utf-8").replace("secret = 1", "secret = 2"))
    around = again()
    assert around.cached and around.cache_hit == "content" and around.version == first.version
    # ...and these inputs are remembered for the next build.
    assert again().cache_hit == "inputs"
    # Code, templates, data or fonts changed: the content decides again.
    assert again(environment="other code").cache_hit == "content"
    # The printed text changed: rendered again.
    page.write_text(page.read_text(encoding="utf-8").replace("Een pagina", "Een andere"))
    changed = again()
    assert not changed.cached and changed.version != first.version
    assert again().cache_hit == "inputs"


def test_missing_translation_names_leaflet_and_language(tmp_path: Path) -> None:
    config = parse_leaflets(write_config(tmp_path, langs="[nl, ar]"))
    docs = tmp_path / "docs"
    (docs / "nl").mkdir(parents=True)
    (docs / "nl" / "a.md").write_text("# A\n", encoding="utf-8")
    check_sources(config, config.leaflets[0], "nl", docs, ["nl", "ar"])
    with pytest.raises(DataError) as err:
        check_sources(config, config.leaflets[0], "ar", docs, ["nl", "ar"])
    assert "leaflet 'test-folder', language 'ar'" in err.value.message
    assert "a.md is not translated" in err.value.message


def test_title_defaults_to_the_first_page_title_but_dutch_is_required(tmp_path: Path) -> None:
    path = write_config(tmp_path, langs="[nl, fr]")
    config = parse_leaflets(path)
    site = make_site(tmp_path, {"nl": SHORT, "fr": '<h1 id="a">Un départ sûr</h1><p>Texte.</p>'})
    doc = build_document(config, config.leaflets[0], "fr", site)
    assert "<title>Un départ sûr</title>" in doc.html
    # The cover carries the title once: the page's own h1 is not repeated below it.
    assert doc.html.count(">Un départ sûr</h") == 1
    path.write_text(path.read_text("utf-8").replace("{nl: Testfolder, ", "{"), "utf-8")
    with pytest.raises(DataError) as err:
        parse_leaflets(path)
    assert "leaflet 'test-folder'" in err.value.message and "'nl' title" in err.value.message


def test_missing_font_names_leaflet_language_and_file(tmp_path: Path) -> None:
    fonts = FONTS.replace("NotoNaskhArabic-Regular.ttf", "NoSuchFont.ttf")
    config = parse_leaflets(write_config(tmp_path, langs="[nl, ar]", fonts=fonts))
    docs = tmp_path / "docs"
    for lang in ("nl", "ar"):
        (docs / lang).mkdir(parents=True)
        (docs / lang / "a.md").write_text("# A\n", encoding="utf-8")
    # Dutch does not use the Arabic font, so it is fine.
    check_sources(config, config.leaflets[0], "nl", docs, ["nl", "ar"])
    with pytest.raises(DataError) as err:
        check_sources(config, config.leaflets[0], "ar", docs, ["nl", "ar"])
    assert "leaflet 'test-folder', language 'ar'" in err.value.message
    assert "NoSuchFont.ttf" in err.value.message


def test_arabic_leaflet_runs_right_to_left(tmp_path: Path) -> None:
    config = parse_leaflets(write_config(tmp_path, langs="[nl, ar]"))
    body = '<h1 id="a">صفحة</h1><p>مرحبا</p>'
    site = make_site(tmp_path, {"nl": SHORT, "ar": body})
    doc = build_document(config, config.leaflets[0], "ar", site)
    assert '<html lang="ar" dir="rtl">' in doc.html
    result = render_leaflet(config, config.leaflets[0], "ar", site, cache_dir=tmp_path / "c")
    reader = PdfReader(io.BytesIO(result.path.read_bytes()))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "ar"
    assert root["/ViewerPreferences"]["/Direction"] == "/R2L"
    assert any(
        "Omringd-Arabic" in name or "Omringd Arabic" in name for name, _ in embedded_fonts(reader)
    )
    # A short line of right-to-left text sits against the right margin.
    starts: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if "مرحبا" in text or "ابحرم" in text:
            starts.append(tm[4] * cm[0] + cm[4])

    page = reader.pages[0]
    page.extract_text(visitor_text=visit)
    assert starts, page.extract_text()
    # A left-to-right line would start at the left margin (about 31 pt).
    assert min(starts) > float(page.trimbox[2]) / 2, starts


def test_numbers_read_left_to_right_in_arabic(tmp_path: Path) -> None:
    config = parse_leaflets(write_config(tmp_path, langs="[nl, ar]"))
    body = (
        '<h1 id="a">صفحة</h1><p>اتصل على <a href="tel:+3278170000">078 170 000</a> '
        "من 08:00–20:00 في 3500 هاسلت</p>"
    )
    site = make_site(tmp_path, {"nl": SHORT, "ar": body})
    doc = build_document(config, config.leaflets[0], "ar", site)
    assert '<bdi dir="ltr">078 170 000</bdi>' in doc.html
    result = render_leaflet(config, config.leaflets[0], "ar", site, cache_dir=tmp_path / "c")
    # poppler's text layer, as a reader who copies or dials what is printed gets it.
    text = subprocess.run(
        ["pdftotext", str(result.path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for number in ("078 170 000", "08:00–20:00", "3500"):
        assert number in text, text
    assert "000 170 078" not in text and "20:00–08:00" not in text


def test_sections_and_follow_on_lists(tmp_path: Path) -> None:
    html = built_page(
        "nl",
        '<h1 id="t">T</h1><h2 id="een">Een</h2><p>Eerste.</p><p>Lees verder:</p>'
        '<ul><li><a href="../b/">B</a></li></ul><h2 id="twee">Twee</h2><p>Tweede.</p>',
    )
    page = SITE_URL + "a/"
    only = extract_content(html, page_url=page, sections=("twee",))
    assert "Tweede." in only.html and "Eerste." not in only.html
    # The follow-on list points to a page printed in the same leaflet: it goes, with its lead-in.
    full = extract_content(html, page_url=page, printed=frozenset({SITE_URL + "b/"}))
    assert "Lees verder" not in full.html and "Eerste." in full.html
    kept = extract_content(html, page_url=page)
    assert "Lees verder" in kept.html and f'href="{SITE_URL}b/"' in kept.html
    with pytest.raises(DataError) as err:
        extract_content(html, page_url=page, sections=("drie",), where="leaflet 'x'")
    assert "section 'drie' not found" in err.value.message and "een, twee" in err.value.message


def test_a_roster_prints_its_table_source_and_date_without_the_cards(tmp_path: Path) -> None:
    path = write_config(tmp_path)
    text = path.read_text("utf-8").replace(
        "      - page: a.md\n", "      - page: a.md\n      - roster: zorggarantie-limburg\n"
    )
    path.write_text(text, "utf-8")
    d = load_directory()
    config = parse_leaflets(path, contact_ids=d.ids, roster_ids=d.rosters)
    site = make_site(tmp_path, {"nl": SHORT})
    html = build_document(config, config.leaflets[0], "nl", site).html
    roster = html[html.index('class="omr-roster"') :]
    assert "<h2>roster nl</h2>" in html  # the leaflet's label for the part
    assert "<caption>" in roster and roster.count('scope="row"') == 2
    assert 'colspan="5"' in roster and '<bdi dir="ltr">011 30 31 40</bdi>' in roster
    assert 'datetime="2026-11-23"' in roster  # when it was checked, from the data
    assert "omr-card" not in roster  # the number is in the table; the cards stay on the web


def test_a_short_printed_address_is_never_broken_over_two_lines() -> None:
    long_href = "https://www.example.org/" + "een-heel-lang-pad/" * 3
    html = built_page(
        "ar",
        '<h1 id="t">T</h1><p>Formulier <a href="https://www.opgroeien.be/opgroeipunt">hier</a> '
        f'en <a href="{long_href}">daar</a>.</p>',
    )
    content = extract_content(html, page_url=SITE_URL + "ar/a/")
    whole = re.findall(r'<bdi class="([^"]+)" dir="ltr">\(([^)]+)\)</bdi>', content.html)
    assert dict((url, kind.split()) for kind, url in whole) == {
        "opgroeien.be/opgroeipunt": ["omr-leaflet__url", "omr-leaflet__url--whole"],
        short_url(long_href): ["omr-leaflet__url"],  # too long for one line: it may break
    }


def test_short_url() -> None:
    assert short_url("https://www.opgroeien.be/opgroeipunt/") == "opgroeien.be/opgroeipunt"
    assert short_url("http://send.jeugdhulp.be") == "send.jeugdhulp.be"


def test_qr_code_decodes_to_the_page_url(tmp_path: Path) -> None:
    import zxingcpp
    from PIL import Image

    svg = qr_svg("https://example.org/fr/ouders/", "QR")
    assert "<path" in svg and "<image" not in svg  # vector, not pixels
    # Scalable: a viewBox of the symbol with its quiet zone, no fixed size (the CSS sizes it).
    import segno

    side = segno.make("https://example.org/fr/ouders/", error="m").symbol_size(border=4)[0]
    start = ET.fromstring(svg)
    assert start.get("viewBox") == f"0 0 {side} {side}" and start.get("width") is None
    assert start.findtext("title") == "QR"
    _, result = render(tmp_path)
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", str(result.path), str(tmp_path / "page")], check=True
    )
    # Exactly one code in the leaflet (in the colour band of a leaflet without a back page).
    codes = [
        c.text
        for png in sorted(tmp_path.glob("page*.png"))
        for c in zxingcpp.read_barcodes(Image.open(png))
    ]
    assert codes == [SITE_URL + "a/"]


def test_sections_are_found_in_a_translation_by_position() -> None:
    nl = built_page("nl", '<h1>T</h1><h2 id="in-het-kort">Kort</h2><h2 id="alle">Alle</h2>')
    fr = built_page("fr", '<h1>T</h1><h2 id="en-bref">Bref</h2><h2 id="toutes">Toutes</h2>')
    assert translate_sections(nl, fr, ("alle",), "x") == ("toutes",)
    shorter = built_page("fr", '<h1>T</h1><h2 id="en-bref">Bref</h2>')
    with pytest.raises(DataError) as err:
        translate_sections(nl, shorter, ("alle",), "leaflet 'x', language 'fr'")
    assert "language 'fr'" in err.value.message and "1 headings" in err.value.message


@pytest.mark.parametrize("marks", [True, False])
def test_crop_marks_follow_the_config(tmp_path: Path, marks: bool) -> None:
    from PIL import Image

    path = write_config(tmp_path)
    path.write_text(
        path.read_text("utf-8").replace("crop_marks: false", f"crop_marks: {str(marks).lower()}"),
        "utf-8",
    )
    config = parse_leaflets(path)
    site = make_site(tmp_path, {"nl": SHORT})
    result = render_leaflet(config, config.leaflets[0], "nl", site, cache_dir=tmp_path / "c")
    reader = PdfReader(io.BytesIO(result.path.read_bytes()))
    bleed = 3 * MM
    # With marks, the sheet has room for them outside the bleed; without, it is the bleed.
    sheet = (3 + CROP_MARK_SPACE_MM) * MM if marks else bleed
    for page in reader.pages:
        x0, y0, x1, y1 = box(page, "trimbox")
        assert (x1 - x0, y1 - y0) == pytest.approx(A5, abs=0.2)
        bx0, by0, bx1, by1 = box(page, "bleedbox")
        assert (x0 - bx0, y0 - by0, bx1 - x1, by1 - y1) == pytest.approx((bleed,) * 4, abs=0.05)
        mx0, my0, mx1, my1 = box(page, "mediabox")
        assert (x0 - mx0, y0 - my0, mx1 - x1, my1 - y1) == pytest.approx((sheet,) * 4, abs=0.05)
    out = tmp_path / "p2"
    dpi = 100
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-f", "2", "-l", "2", "-singlefile"]
        + [str(result.path), str(out)],
        check=True,
    )
    image = Image.open(f"{out}.png").convert("L")
    px = dpi / 72  # pixels per point

    def dark(left: float, top: float, right: float, bottom: float) -> bool:
        """Is anything drawn in this part of the sheet (points from its top-left corner)?"""
        crop = image.crop(
            (round(left * px), round(top * px), round(right * px), round(bottom * px))
        )
        return crop.getextrema()[0] < 220

    # Page 2 has no cover band. A crop mark continues the top trim line to the left, outside the
    # bleed; the bleed itself, which the print shop cuts through, stays clean either way.
    outside = sheet - bleed
    assert dark(0, sheet - 2, max(outside, bleed), sheet + 2) is marks
    assert not dark(outside + 0.5, outside + 0.5, sheet - 1, sheet + 2)


def test_a_preview_leaflet_is_marked_on_every_page_and_has_no_qr_code(tmp_path: Path) -> None:
    import zxingcpp
    from PIL import Image

    config = parse_leaflets(write_config(tmp_path))
    site = dataclasses.replace(make_site(tmp_path, {"nl": SHORT}), preview=True)
    result = render_leaflet(
        config, config.leaflets[0], "nl", site, cache_dir=tmp_path / "cache", directory=None
    )
    reader = PdfReader(io.BytesIO(result.path.read_bytes()))
    for page in reader.pages:
        assert "preview nl" in page.extract_text()
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "150",
            "-png",
            "-f",
            "4",
            "-l",
            "4",
            str(result.path),
            str(tmp_path / "p"),
        ],
        check=True,
    )
    assert zxingcpp.read_barcodes(Image.open(next(tmp_path.glob("p*.png")))) == []
