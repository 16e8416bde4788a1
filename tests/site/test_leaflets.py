"""The leaflets of the real site, as `make site` builds them (the `site_dir` fixture)."""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader
from pypdf.generic import ContentStream, TextStringObject

from omringd.contacts import load_directory
from omringd.core.jinja import long_date
from omringd.core.pages import front_matter
from omringd.leaflets import (
    Site,
    build_document,
    format_size,
    output_path,
    output_url,
    text_direction,
)
from omringd.sources import load_registry
from omringd.tree.model import load_tree
from tests.conftest import (
    ROOT,
    SITE_URL,
    build_site,
    cache_dir,
    copy_project,
    leaflet_cases,
    real_leaflets,
)
from tests.support.leaflets import xmp

ARTIFACTS = ROOT / "test-artifacts" / "leaflets"
MM = 72 / 25.4
SIZES = {"a5-folded": (148 * MM, 210 * MM), "a4": (210 * MM, 297 * MM)}


def site(site_dir: Path) -> Site:
    """The built site as the hook sees it."""
    return Site(site_dir, SITE_URL, "nl", ("nl", "fr", "en", "ar", "tr", "pl"))


def reader(site_dir: Path, leaflet_id: str, lang: str) -> PdfReader:
    """The built PDF of a leaflet, parsed."""
    path = output_path(site(site_dir), leaflet_id, lang)
    assert path.exists(), f"{path} was not built"
    return PdfReader(io.BytesIO(path.read_bytes()))


def text_of(pdf: PdfReader) -> str:
    """All text of the PDF with whitespace runs made single spaces."""
    return " ".join(" ".join(p.extract_text() for p in pdf.pages).split())


def test_every_leaflet_is_built_print_ready(site_dir: Path, leaflet_id: str, lang: str) -> None:
    leaflet = real_leaflets().get(leaflet_id)
    pdf = reader(site_dir, leaflet_id, lang)
    paper = leaflet.paper
    if paper.exact:
        assert len(pdf.pages) == paper.pages
    else:
        assert 1 <= len(pdf.pages) <= paper.pages
    width, height = SIZES[paper.id]
    for page in pdf.pages:
        x0, y0, x1, y1 = (float(v) for v in page.trimbox)
        assert (x1 - x0, y1 - y0) == pytest.approx((width, height), abs=0.2)
        b = [float(v) for v in page.bleedbox]
        assert (x0 - b[0], y0 - b[1], b[2] - x1, b[3] - y1) == pytest.approx(
            (3 * MM,) * 4, abs=0.05
        )
    root = pdf.trailer["/Root"]
    assert root["/Lang"] == lang
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    direction = "/R2L" if text_direction(lang) == "rtl" else "/L2R"
    assert root["/ViewerPreferences"]["/Direction"] == direction
    # Without a title in the data, the leaflet takes its first page's title; it is on the cover.
    title = leaflet.title.get(lang) or pdf.metadata.title
    assert pdf.metadata.title == title and title
    assert " ".join(title.split()) in " ".join(pdf.pages[0].extract_text().split())
    assert pdf.metadata.author == real_leaflets().author
    # PDF/UA-1, declared in the XMP metadata with the same title.
    assert xmp(pdf) == {"pdfua_part": "1", "title": pdf.metadata.title}
    for page in pdf.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            target = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            desc = target["/FontDescriptor"].get_object()
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(desc), font["/BaseFont"]
            assert "Omringd" in font["/BaseFont"], font["/BaseFont"]
    text = text_of(pdf)
    assert re.search(rf"{real_leaflets().label('version', lang)}\W{{0,3}}[0-9a-f]{{12}}", text)
    assert real_leaflets().label("reviewed", lang) in text
    # Page 1 as a picture, for a person to look at.
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-r", "110", "-png", "-f", "1", "-l", "1", "-singlefile"]
        + [
            str(output_path(site(site_dir), leaflet_id, lang)),
            str(ARTIFACTS / f"{leaflet_id}-{lang}"),
        ],
        check=True,
    )
    assert (ARTIFACTS / f"{leaflet_id}-{lang}.png").stat().st_size > 10_000


def _without_status(text: str, status: str) -> str:
    """`text` without the programme's status sentence and its source line (which must be there):
    what is left must not speak of the project's end date on its own."""
    status = " ".join(status.split())
    assert status in text
    return re.sub(r"Bron: .*?Nagekeken op", "", text.replace(status, ""))


def test_parents_folder_carries_the_facts_of_seed_000(site_dir: Path) -> None:
    text = text_of(reader(site_dir, "parents-folder", "nl"))
    opgroeipunt = load_directory().get("opgroeipunt")
    # The helpline as the directory writes it, its hours and its web form.
    assert opgroeipunt.phones[0].display in text
    assert "08:00–20:00" in text
    assert "opgroeien.be/opgroeipunt" in text
    for fact in (
        "Een veilige start voor elke baby",
        "veiligheidsplan",
        "consulent",
        "Opgroeipunt",
        "Parket",
        "jeugdrechter",
        "Veilig en omringd opgroeien van in de buik",
        "geen geweld",
    ):
        assert fact.lower() in text.lower(), fact
    # The project's status is the one sentence of data/programmes.yml, not a copy in the page.
    status = load_registry().programmes["veilig-en-omringd"].text("nl")[0]
    assert "2022" not in _without_status(text, status)


def test_professionals_flyer_has_flowchart_conditions_and_contacts(site_dir: Path) -> None:
    text = text_of(reader(site_dir, "professionals-flyer", "nl"))
    directory = load_directory()
    for cid in ("kind-en-gezin-lijn", "zorggarantie-limburg", "zorggarantie-west-vlaanderen"):
        assert directory.get(cid).phones[0].display in text, cid
    # A flyer for every region prints no Limburg-only number without its region.
    assert directory.get("ocj-limburg").phones[0].display not in text
    # Who refers, and the criteria.
    assert "gemandateerde voorzieningen" in text.lower()
    assert "in het hier en nu" in text
    status = load_registry().programmes["veilig-en-omringd"].text("nl")[0]
    assert "2022" not in _without_status(text, status)
    # The flowchart is drawn from the decision tree: its boxes are text in the PDF.
    tree = load_tree(languages=("nl", "fr", "en", "ar", "tr", "pl"))
    for node_id in (tree.start, *list(tree.nodes)[-2:]):
        assert tree.text(node_id, "nl").short in text, node_id


def test_qr_code_leads_to_the_page_in_the_same_language(
    site_dir: Path, tmp_path: Path, leaflet_id: str, lang: str
) -> None:
    import zxingcpp
    from PIL import Image

    leaflet = real_leaflets().get(leaflet_id)
    path = output_path(site(site_dir), leaflet_id, lang)
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(path), str(tmp_path / "p")], check=True)
    # One code: on the back of a folder, in the colour band of a flyer.
    codes = [
        c.text
        for png in sorted(tmp_path.glob("p*.png"))
        for c in zxingcpp.read_barcodes(Image.open(png))
    ]
    assert codes == [site(site_dir).url(lang, leaflet.page)]


def test_web_page_links_the_leaflet_with_its_size(site_dir: Path) -> None:
    s = site(site_dir)
    for leaflet in real_leaflets().leaflets:
        built = site_dir / leaflet.page.replace("index.md", "index.html")
        html = built.read_text(encoding="utf-8")
        pdf = output_path(s, leaflet.id, "nl")
        href = "../" + output_url(s, leaflet.id, "nl")
        assert f'href="{href}"' in html, leaflet.id
        size = format_size(pdf.stat().st_size, "nl")
        link = re.search(rf'href="{re.escape(href)}"[^>]*>([^<]+)</a>[^(]*\(([^)]+)\)', html)
        assert link is not None
        assert link.group(1) == real_leaflets().label("download", "nl")
        assert link.group(2) == size
    # No placeholder is left anywhere.
    assert not [p for p in site_dir.rglob("*.html") if "@@omr-leaflet" in p.read_text("utf-8")]


def test_leaflet_carries_its_review_date_and_content_version(
    site_dir: Path, leaflet_id: str, lang: str
) -> None:
    leaflet = real_leaflets().get(leaflet_id)
    # The latest `reviewed:` of the pages the leaflet prints, as a reader of `lang` writes dates.
    dates = [
        front_matter((ROOT / "docs" / lang / page).read_text("utf-8"))["reviewed"]
        for page in leaflet.pages
    ]
    written = long_date(max(dates), lang)
    # The version is the hash of everything the leaflet is made from.
    version = build_document(real_leaflets(), leaflet, lang, site(site_dir)).version
    pdf = reader(site_dir, leaflet_id, lang)
    label = real_leaflets().label("reviewed", lang)
    lines = [" ".join(line.split()) for line in pdf.pages[-1].extract_text().splitlines()]
    at = next((i for i, line in enumerate(lines) if label in line), None)
    assert at is not None, lines
    # The date and the version may wrap onto the next line in a narrow column.
    line = " ".join(lines[at : at + 2])
    if text_direction(lang) == "ltr":
        assert f"{label} {written}" in line
    else:
        # Text extraction reorders right-to-left lines with numbers unreliably: each part of
        # the date must be on the line.
        assert all(part in line for part in written.split()), (written, line)
    assert re.search(rf"{real_leaflets().label('version', lang)}\W{{0,3}}{version}", line), (
        version,
        line,
    )


def glyph_ids(pdf: PdfReader, page_index: int) -> dict[str, list[int]]:
    """The glyphs drawn on a page, per font (BaseFont without its subset tag)."""
    page = pdf.pages[page_index]
    fonts = {k: str(v.get_object()["/BaseFont"]) for k, v in page["/Resources"]["/Font"].items()}
    out: dict[str, list[int]] = {}
    font = ""
    for operands, op in ContentStream(page.get_contents(), pdf).operations:
        if op == b"Tf":
            font = fonts[operands[0]].split("+", 1)[-1]
        elif op in (b"Tj", b"TJ"):
            for item in operands[0] if op == b"TJ" else operands[:1]:
                if isinstance(item, TextStringObject):
                    raw = item.original_bytes
                elif isinstance(item, bytes):
                    raw = bytes(item)
                else:
                    continue  # a kerning number
                # Identity-H: two bytes per glyph id.
                ids = (int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw), 2))
                out.setdefault(font, []).extend(ids)
    return out


def test_arabic_leaflet_is_shaped_and_extracts_in_reading_order(site_dir: Path) -> None:
    from fontTools.ttLib import TTFont

    leaflet = real_leaflets().get("parents-folder")
    pdf = reader(site_dir, leaflet.id, "ar")
    text = text_of(pdf)
    # Words of the first paragraph of the first Arabic page, in the order they are written.
    source = (ROOT / "docs" / "ar" / leaflet.pages[0]).read_text("utf-8")
    paragraph = next(
        block
        for block in source.split("\n\n")[1:]
        if block.strip() and not block.startswith(("#", "---"))
    )
    words = [w for w in re.findall(r"[\u0621-\u064a]{4,}", paragraph) if w != w[::-1]]
    assert len(words) >= 3, paragraph
    for word in words:
        assert word in text, word
        assert word[::-1] not in text, word  # drawn left to right, letter by letter
    # Joined writing: most letters are drawn with their initial, medial or final form, which
    # only shaping picks (unshaped text uses the isolated letters the characters map to).
    face = next(f for f in real_leaflets().faces("ar") if "Arabic" in f.family and f.weight == 400)
    font = TTFont(face.file)
    cmap = font.getBestCmap()
    isolated = {font.getGlyphID(g) for cp, g in cmap.items() if 0x0621 <= cp <= 0x064A}
    joined = {
        font.getGlyphID(g)
        for cp, g in cmap.items()
        if unicodedata.decomposition(chr(cp)).startswith(("<initial>", "<medial>", "<final>"))
    }
    # WeasyPrint keeps the font's glyph ids when it embeds a subset.
    used = glyph_ids(pdf, 0)
    name = face.family.replace(" ", "-")
    assert name in used, list(used)
    n_joined = sum(g in joined for g in used[name])
    n_isolated = sum(g in isolated for g in used[name])
    assert n_joined > 2 * n_isolated > 0, (n_joined, n_isolated)


def test_built_leaflet_is_kept_in_the_cache(site_dir: Path, leaflet_id: str, lang: str) -> None:
    built = output_path(site(site_dir), leaflet_id, lang).read_bytes()
    version = re.search(
        rf"{real_leaflets().label('version', lang)}\W{{0,3}}([0-9a-f]{{12}})",
        text_of(PdfReader(io.BytesIO(built))),
    )
    assert version is not None
    # The next build copies this file instead of rendering again. (The test build's own
    # cache, not the checkout's .cache/, which other builds share.)
    name = f"{leaflet_id}-{lang}-{version.group(1)}.pdf"
    assert (cache_dir(site_dir) / "leaflets" / name).read_bytes() == built


def test_second_build_renders_no_leaflet_again(site_dir: Path, tmp_path: Path) -> None:
    result = build_site(tmp_path / "site", cache=cache_dir(site_dir))
    assert result.returncode == 0, result.stderr[-4000:]
    log = result.stderr
    for leaflet_id, lang in leaflet_cases():
        assert re.search(rf"Leaflet {leaflet_id} \({lang}\): from cache in", log), (
            leaflet_id,
            lang,
        )
    assert "rendered in" not in log
    for leaflet_id, lang in leaflet_cases():
        again = output_path(site(tmp_path / "site"), leaflet_id, lang).read_bytes()
        assert again == output_path(site(site_dir), leaflet_id, lang).read_bytes()


def _break(root: Path, problem: str) -> None:
    """Make one problem the issue names in a copy of the project."""
    data = root / "data" / "leaflets.yml"
    if problem == "missing translation":
        (root / "docs" / "ar" / "ouders" / "kort.md").unlink()
    elif problem == "missing font":
        text = data.read_text("utf-8").replace("NotoNaskhArabic-Regular", "NoSuchFont")
        data.write_text(text, "utf-8")
    else:
        # The parents' folder with its page four times: far too long for 4 A5 pages. (It is the
        # first leaflet rendered, in Dutch first: the build stops before rendering others.)
        raw = yaml.safe_load(data.read_text("utf-8"))
        folder = next(lf for lf in raw["leaflets"] if lf["id"] == "parents-folder")
        folder["content"] *= 4
        data.write_text(yaml.safe_dump(raw, allow_unicode=True), "utf-8")


@pytest.mark.parametrize(
    ("problem", "lang", "says"),
    [
        ("missing translation", "ar", r"the page ouders/kort\.md is not translated"),
        ("missing font", "ar", r"font file \S*NoSuchFont\.ttf \(Omringd Arabic\) is missing"),
        (
            "overflow",
            "nl",
            r"does not fit A5 portrait, 4 pages \(folded A4\): \d+ pages, \d+ too many "
            r"\(about \d+ mm of content past page 4",
        ),
    ],
)
def test_bad_leaflet_input_stops_the_build(
    tmp_path: Path, problem: str, lang: str, says: str
) -> None:
    root = copy_project(tmp_path / "repo")
    _break(root, problem)
    result = build_site(tmp_path / "site", root=root)
    assert result.returncode != 0, result.stderr[-2000:]
    assert re.search(rf"leaflet 'parents-folder', language '{lang}'\W+{says}", result.stderr), (
        result.stderr[-2000:]
    )
