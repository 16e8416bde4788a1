"""Leaflet test helpers: a small leaflets.yml in tmp_path and the PDF's XMP metadata."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from pypdf import PdfReader

from omringd.leaflets import LABEL_KEYS

MM = 72 / 25.4
A5 = (148 * MM, 210 * MM)
A4 = (210 * MM, 297 * MM)
SITE_URL = "https://example.org/"
NOTO = "/usr/share/fonts/truetype/noto"
FONTS = f"""
fonts:
  - {{family: Omringd Sans, file: {NOTO}/NotoSans-Regular.ttf}}
  - {{family: Omringd Sans, file: {NOTO}/NotoSans-Bold.ttf, weight: 700}}
  - {{family: Omringd Arabic, file: {NOTO}/NotoNaskhArabic-Regular.ttf}}
  - {{family: Omringd Arabic, file: {NOTO}/NotoNaskhArabic-Bold.ttf, weight: 700}}
families:
  default: [Omringd Sans]
  ar: [Omringd Arabic, Omringd Sans]
"""
LABELS = "\n".join(f"  {key}: {{nl: {key} nl, ar: {key} ar}}" for key in LABEL_KEYS)


def write_config(
    tmp: Path, *, langs: str = "[nl]", paper: str = "a5-folded", fonts: str = FONTS
) -> Path:
    """A leaflets.yml with one leaflet 'test-folder' made of page a.md."""
    path = tmp / "leaflets.yml"
    path.write_text(
        f"""author: Test author
print: {{bleed_mm: 3, crop_marks: false}}
{fonts}
labels:
{LABELS}
leaflets:
  - id: test-folder
    title: {{nl: Testfolder, ar: مطوية الاختبار}}
    paper: {paper}
    page: a.md
    languages: {langs}
    content:
      - page: a.md
""",
        encoding="utf-8",
    )
    return path


XMP_NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
}


def xmp(reader: PdfReader) -> dict[str, str]:
    """The PDF/UA part and the title the PDF's XMP metadata declare."""
    stream = reader.trailer["/Root"]["/Metadata"].get_object()
    tree = ET.fromstring(stream.get_data())
    part = ""
    for desc in tree.iter(f"{{{XMP_NS['rdf']}}}Description"):
        part = desc.get(f"{{{XMP_NS['pdfuaid']}}}part", part)
        node = desc.find("pdfuaid:part", XMP_NS)
        part = node.text if node is not None and node.text else part
    title = tree.find(".//dc:title/rdf:Alt/rdf:li", XMP_NS)
    return {"pdfua_part": part, "title": title.text if title is not None else ""}
