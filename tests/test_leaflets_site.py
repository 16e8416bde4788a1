"""The leaflets of the real site, as `make site` builds them (the `site_dir` fixture)."""

from __future__ import annotations

import io
import os
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from omringd.contacts import load_directory
from omringd.decision_tree import load_tree
from omringd.leaflet_pdf import Site, format_size, output_path, output_url
from omringd.leaflets import load_leaflets, text_direction

from .conftest import ROOT

ARTIFACTS = ROOT / "test-artifacts" / "leaflets"
MM = 72 / 25.4
SIZES = {"a5-folded": (148 * MM, 210 * MM), "a4": (210 * MM, 297 * MM)}
SITE_URL = os.environ.get("OMRINGD_SITE_URL", "http://localhost:8000/")
CONFIG = load_leaflets()
CASES = [(lf.id, lang) for lf in CONFIG.leaflets for lang in lf.languages]


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


@pytest.mark.parametrize(("leaflet_id", "lang"), CASES)
def test_every_leaflet_is_built_print_ready(site_dir: Path, leaflet_id: str, lang: str) -> None:
    leaflet = CONFIG.get(leaflet_id)
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
    assert pdf.metadata.author == CONFIG.author
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
    assert re.search(rf"{CONFIG.label('version', lang)}\W{{0,3}}[0-9a-f]{{12}}", text)
    assert CONFIG.label("reviewed", lang) in text
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


def test_professionals_flyer_has_flowchart_conditions_and_contacts(site_dir: Path) -> None:
    text = text_of(reader(site_dir, "professionals-flyer", "nl"))
    directory = load_directory()
    for cid in ("kind-en-gezin-lijn", "ocj-limburg", "zorggarantie-limburg"):
        assert directory.get(cid).phones[0].display in text, cid
    assert "gedragen beslissing" in text
    assert "aanmeldingsgesprek" in text
    # The flowchart is drawn from the decision tree: its boxes are text in the PDF.
    tree = load_tree(languages=("nl", "fr", "en", "ar", "tr", "pl"))
    for node_id in (tree.start, *list(tree.nodes)[-2:]):
        assert tree.text(node_id, "nl").short in text, node_id


@pytest.mark.parametrize(("leaflet_id", "lang"), CASES)
def test_qr_code_leads_to_the_page_in_the_same_language(
    site_dir: Path, tmp_path: Path, leaflet_id: str, lang: str
) -> None:
    import zxingcpp
    from PIL import Image

    leaflet = CONFIG.get(leaflet_id)
    path = output_path(site(site_dir), leaflet_id, lang)
    last = str(len(reader(site_dir, leaflet_id, lang).pages))
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", "-f", last, "-l", last, "-singlefile", str(path)]
        + [str(tmp_path / "last")],
        check=True,
    )
    codes = zxingcpp.read_barcodes(Image.open(tmp_path / "last.png"))
    assert [c.text for c in codes] == [site(site_dir).url(lang, leaflet.page)]


def test_web_page_links_the_leaflet_with_its_size(site_dir: Path) -> None:
    s = site(site_dir)
    for leaflet in CONFIG.leaflets:
        built = site_dir / leaflet.page.replace("index.md", "index.html")
        html = built.read_text(encoding="utf-8")
        pdf = output_path(s, leaflet.id, "nl")
        href = "../" + output_url(s, leaflet.id, "nl")
        assert f'href="{href}"' in html, leaflet.id
        size = format_size(pdf.stat().st_size, "nl")
        link = re.search(rf'href="{re.escape(href)}"[^>]*>([^<]+)</a>[^(]*\(([^)]+)\)', html)
        assert link is not None
        assert link.group(1) == CONFIG.label("download", "nl")
        assert link.group(2) == size
    # No placeholder is left anywhere.
    assert not [p for p in site_dir.rglob("*.html") if "@@omr-leaflet" in p.read_text("utf-8")]


@pytest.mark.parametrize(("leaflet_id", "lang"), CASES)
def test_built_leaflet_is_kept_in_the_cache(site_dir: Path, leaflet_id: str, lang: str) -> None:
    built = output_path(site(site_dir), leaflet_id, lang).read_bytes()
    version = re.search(
        rf"{CONFIG.label('version', lang)}\W{{0,3}}([0-9a-f]{{12}})",
        text_of(PdfReader(io.BytesIO(built))),
    )
    assert version is not None
    # The next build copies this file instead of rendering again.
    cached = ROOT / ".cache" / "leaflets" / f"{leaflet_id}-{lang}-{version.group(1)}.pdf"
    assert cached.read_bytes() == built
