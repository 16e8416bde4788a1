"""The leaflets as a reader and a print shop see them: type sizes read from the PDF, the text
layer (poppler's pdftotext), the translation notice, the folder's cover and back, and a picture
of every page written to test-artifacts/leaflets/ for review (not compared pixel by pixel)."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from functools import cache
from pathlib import Path

import pytest
import tinyhtml5
from pypdf import PdfReader

from omringd.core.jinja import colon, long_date
from omringd.leaflets import Document, build_document, output_path, text_direction
from tests.conftest import ROOT, real_directory, real_leaflets
from tests.site.test_leaflets import reader, site

ARTIFACTS = ROOT / "test-artifacts" / "leaflets"
# Floors from the issue: the parents' folder in large type, the professionals' flyer.
FOLDER_BODY_PT, FOLDER_HEADING_PT, FLYER_BODY_PT = 12.0, 16.0, 10.0
# Clear-print guidance: lines of at most about 60 characters.
MAX_LINE_CHARS = 64
# pdftotext marks right-to-left runs with embedding controls; they are not text.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def norm(text: str) -> str:
    """Text compared as a reader sees it: compatibility forms folded (Arabic presentation
    forms), bidi controls dropped, a word broken after its hyphen joined, whitespace single."""
    text = "".join(c for c in unicodedata.normalize("NFKC", text) if c not in BIDI_CONTROLS)
    return " ".join(re.sub(r"(?<=\w-)\n", "", text).split())


def loose(text: str) -> str:
    """`norm` for comparing with pdftotext, which drops the hyphen of a word broken over two
    lines and may move an Arabic vowel mark off its letter: both left out on either side."""
    text = unicodedata.normalize("NFKC", text)
    return norm("".join(c for c in text if c != "-" and unicodedata.category(c) != "Mn"))


def runs(page: object) -> list[tuple[float, str]]:
    """Each piece of text drawn on a PDF page with its size in points (matrices applied)."""
    out: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            scale = (tm[2] ** 2 + tm[3] ** 2) ** 0.5 * (cm[2] ** 2 + cm[3] ** 2) ** 0.5
            out.append((round(size * scale, 2), norm(text)))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return out


@cache
def document(site_dir: Path, leaflet_id: str, lang: str) -> Document:
    """The leaflet's HTML as the build renders it."""
    return build_document(real_leaflets(), real_leaflets().get(leaflet_id), lang, site(site_dir))


def html_texts(doc: Document, tags: tuple[str, ...], href: str = "") -> list[str]:
    """The text of every element of `tags` in the leaflet's HTML (links: those whose address
    starts with `href`), without pictograms."""
    root = tinyhtml5.parse(doc.html, namespace_html_elements=False)
    texts = []
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag in tags and (el.get("href") or "").startswith(href):
            for svg in [c for c in el if c.tag == "svg"]:
                svg.clear()
            texts.append(norm("".join(el.itertext())))
    return [t for t in texts if t]


def pdftotext(site_dir: Path, leaflet_id: str, lang: str) -> str:
    path = output_path(site(site_dir), leaflet_id, lang)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return norm(out.stdout)


def folder_cases(scripts: tuple[str, ...] = ("ltr", "rtl")) -> list[tuple[str, str]]:
    return [
        (lf.id, lang)
        for lf in real_leaflets().leaflets
        if lf.cover
        for lang in lf.languages
        if text_direction(lang) in scripts
    ]


def flyer_cases() -> list[tuple[str, str]]:
    return [
        (lf.id, lang) for lf in real_leaflets().leaflets if not lf.cover for lang in lf.languages
    ]


@pytest.mark.parametrize("case", folder_cases(), ids="-".join)
def test_folder_is_large_type_on_every_page(site_dir: Path, case: tuple[str, str]) -> None:
    leaflet_id, lang = case
    pdf = reader(site_dir, leaflet_id, lang)
    drawn = [run for page in pdf.pages for run in runs(page)]
    # No small print at all: every piece of text, the colophon too, is at least body size.
    small = [(size, text) for size, text in drawn if size < FOLDER_BODY_PT - 0.01]
    assert not small, small
    # Every heading (title, sections, the back's title and contact names) is drawn large.
    for heading in html_texts(document(site_dir, leaflet_id, lang), ("h1", "h2", "h3", "h4")):
        parts = [(s, t) for s, t in drawn if t and heading.startswith(t) and len(t) >= 3]
        assert parts, (heading, drawn[:20])
        # (The same words may also be body text elsewhere: "1712" is a name and a number.)
        assert max(s for s, _ in parts) >= FOLDER_HEADING_PT, (heading, parts)


@pytest.mark.parametrize("case", flyer_cases(), ids="-".join)
def test_flyer_body_text_is_at_least_10_pt(site_dir: Path, case: tuple[str, str]) -> None:
    leaflet_id, lang = case
    pdf = reader(site_dir, leaflet_id, lang)
    drawn = [run for page in pdf.pages for run in runs(page)]
    body = " ".join(html_texts(document(site_dir, leaflet_id, lang), ("p", "li")))
    # The pieces of text that are the paragraphs and list items (not the flowchart's boxes).
    found = [(s, t) for s, t in drawn if len(t) >= 12 and t in body]
    assert len(found) >= 40, found
    small = [(s, t) for s, t in found if s < FLYER_BODY_PT - 0.01]
    assert not small, small


@pytest.mark.parametrize("case", flyer_cases(), ids="-".join)
def test_flyer_prints_the_seed_roster_with_its_remark_source_and_date(
    site_dir: Path, case: tuple[str, str]
) -> None:
    leaflet_id, lang = case
    d = real_directory()
    rosters = [
        p.roster
        for p in next(lf for lf in real_leaflets().leaflets if lf.id == leaflet_id).parts
        if p.kind == "roster"
    ]
    assert rosters, "the flyer prints the seed's on-call roster"
    text = norm(pdftotext(site_dir, leaflet_id, lang))
    for roster in (d.rosters[r] for r in rosters):
        for slot in roster.slots:
            for name in (slot.staff or {}).values():
                assert name in text
            if slot.contact:
                for phone in d.by_id[slot.contact].phones:
                    assert text.count(phone.display) == 1, phone.display  # once, not per day
        assert norm(long_date(roster.checked, lang)) in text
        assert norm(roster.note.get(lang))[:40] in text  # undated, no team named: check it


# Characters per line is a measure for the Latin script; Arabic letters are narrower.
@pytest.mark.parametrize("case", folder_cases(("ltr",)), ids="-".join)
def test_folder_lines_stay_short(site_dir: Path, case: tuple[str, str]) -> None:
    leaflet_id, lang = case
    pdf = reader(site_dir, leaflet_id, lang)
    inside = pdf.pages[1:-1]
    lines = [line for page in inside for line in page.extract_text().splitlines()]
    assert len(lines) > 30
    longest = max(lines, key=len)
    assert len(longest) <= MAX_LINE_CHARS, longest


def test_every_leaflet_text_layer_has_its_headings_and_phone_numbers(
    site_dir: Path, leaflet_id: str, lang: str
) -> None:
    text = pdftotext(site_dir, leaflet_id, lang)
    doc = document(site_dir, leaflet_id, lang)
    # pdftotext sets an Arabic vowel mark apart with spaces around it: right-to-left text is
    # compared without spaces (the letters still in their order).
    squeeze = (lambda t: loose(t).replace(" ", "")) if text_direction(lang) == "rtl" else loose
    for heading in html_texts(doc, ("h1", "h2", "h3", "h4")):
        assert squeeze(heading) in squeeze(text), heading
    # Every number a reader may dial, digit by digit in the order written (an Arabic line
    # must not give "00 00 17 078" for "078 170 000").
    phones = html_texts(doc, ("a",), href="tel:")
    assert phones, "no phone numbers in the leaflet"
    for phone in phones:
        assert re.search(r"\D*".join(re.sub(r"\D", "", phone)), text), (phone, text[:400])
        assert phone in text, phone


def test_translated_leaflets_carry_the_notice(site_dir: Path, leaflet_id: str, lang: str) -> None:
    text = pdftotext(site_dir, leaflet_id, lang)
    notice = norm(real_leaflets().label("translation_notice", lang)) if lang != "nl" else ""
    if lang == "nl":
        for other in ("fr", "en"):
            assert norm(real_leaflets().label("translation_notice", other)) not in text
    elif text_direction(lang) == "ltr":
        assert loose(notice) in loose(text)
    else:
        # pdftotext may put the words of a wrapped right-to-left sentence out of order: each
        # word must be there.
        words = re.findall(r"\w+", loose(notice))
        assert all(word in loose(text) for word in words), words


@pytest.mark.parametrize("case", folder_cases(), ids="-".join)
def test_folder_has_a_cover_and_a_back(site_dir: Path, case: tuple[str, str]) -> None:
    leaflet_id, lang = case
    leaflet = real_leaflets().get(leaflet_id)
    pdf = reader(site_dir, leaflet_id, lang)
    cover = norm(pdf.pages[0].extract_text())
    assert norm(pdf.metadata.title) in cover
    assert norm(leaflet.cover.tagline[lang]) in cover
    back = pdftotext_page(site_dir, leaflet_id, lang, len(pdf.pages))
    phones = [p.display for cid in leaflet.back.contacts for p in real_directory().get(cid).phones]
    assert phones
    for phone in phones:
        assert phone in back, phone
    # The address in large type under the QR code's label.
    address = site(site_dir).url(lang, leaflet.page).split("://", 1)[1].rstrip("/")
    assert address in back.replace(" ", "")


def pdftotext_page(site_dir: Path, leaflet_id: str, lang: str, number: int) -> str:
    path = output_path(site(site_dir), leaflet_id, lang)
    args = ["pdftotext", "-f", str(number), "-l", str(number), str(path), "-"]
    return norm(subprocess.run(args, capture_output=True, text=True, check=True).stdout)


def test_every_page_is_pictured_for_review(site_dir: Path, leaflet_id: str, lang: str) -> None:
    pages = len(reader(site_dir, leaflet_id, lang).pages)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    prefix = ARTIFACTS / f"{leaflet_id}-{lang}-page"
    for old in ARTIFACTS.glob(f"{prefix.name}*.png"):
        old.unlink()
    path = output_path(site(site_dir), leaflet_id, lang)
    subprocess.run(["pdftoppm", "-r", "90", "-png", str(path), str(prefix)], check=True)
    pictures = sorted(ARTIFACTS.glob(f"{prefix.name}*.png"))
    assert len(pictures) == pages
    assert all(p.stat().st_size > 5_000 for p in pictures)


def test_reader_helpers_can_fail() -> None:
    # The size reader sees a small size where there is one (a check that can fail).
    from io import BytesIO

    pdf = PdfReader(BytesIO(_tiny_pdf()))
    assert runs(pdf.pages[0]) == [(9.0, "small")]


def _tiny_pdf() -> bytes:
    from weasyprint import HTML

    return HTML(string="<p style='font-size:9pt'>small</p>").write_pdf()


@pytest.mark.parametrize("page_lang", ["nl", "fr", "en"])
def test_leaflets_page_shows_each_pdf_with_its_first_page(site_dir: Path, page_lang: str) -> None:
    from PIL import Image

    from omringd.leaflets import format_size, thumbnail_size

    prefix = "" if page_lang == "nl" else f"{page_lang}/"
    page = site_dir / prefix / "professionals" / "folders" / "index.html"
    root = tinyhtml5.parse(page.read_text("utf-8"), namespace_html_elements=False)
    items = [li for li in root.iter("li") if "omr-leaflets__file" in (li.get("class") or "")]
    expected = [(lf, lang) for lf in real_leaflets().leaflets for lang in lf.languages]
    assert len(items) == len(expected)
    for li, (leaflet, lang) in zip(items, expected, strict=True):
        link = next(li.iter("a"))
        pdf = (page.parent / link.get("href")).resolve()
        assert pdf == output_path(site(site_dir), leaflet.id, lang).resolve()
        img = next(li.iter("img"))
        picture = (page.parent / img.get("src")).resolve()
        assert picture == pdf.with_suffix(".webp")
        # The picture's box is known before it loads, and it is the first page's shape.
        width, height = int(img.get("width")), int(img.get("height"))
        assert (width, height) == thumbnail_size(leaflet.paper, width)
        with Image.open(picture) as image:
            assert image.size == thumbnail_size(leaflet.paper)
        assert img.get("loading") == "lazy"
        name = next(s for s in li.iter("span") if "omr-leaflets__lang" in (s.get("class") or ""))
        assert name.get("lang") == lang and name.text
        meta = norm("".join(li.itertext()))
        assert norm(format_size(pdf.stat().st_size, page_lang)) in meta


@pytest.mark.parametrize(
    "case",
    [(lf.id, lang) for lf in real_leaflets().leaflets for lang in lf.languages
     if text_direction(lang) == "ltr"],
    ids="-".join,
)  # fmt: skip
def test_a_status_line_runs_on_after_its_label(site_dir: Path, case: tuple[str, str]) -> None:
    # WeasyPrint once broke the line right after "Stand van het project: Dit" (a bold label
    # followed by a span): the label's line must carry the status text on. (Right-to-left
    # lines: the text layer test.)
    leaflet_id, lang = case
    title = real_directory().labels(lang)["programme_status"]
    import pypdfium2 as pdfium

    # pdfium's lines are the drawn lines (pypdf joins some).
    pdf = pdfium.PdfDocument(output_path(site(site_dir), leaflet_id, lang))
    text = "\n".join(page.get_textpage().get_text_range() for page in pdf)
    lines = [norm(line) for line in text.splitlines()]
    label = norm(colon(title, lang))  # 'État du projet :' in French
    found = [line for line in lines if label in line]
    assert found, (label, lines[:30])
    for line in found:
        after = line.split(label, 1)[1].split()
        assert len(after) >= 3, line
