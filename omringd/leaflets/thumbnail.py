"""A picture of a leaflet's first page for the web (what people download), made from the PDF.

Rendered with pypdfium2, cut to the trim box (no bleed, no crop marks), saved as WebP. It is
derived from the PDF alone, so the render cache keeps it beside the PDF (`cache`).
"""

from __future__ import annotations

from pathlib import Path

from omringd.leaflets.model import Paper

#: The picture's width in pixels: sharp at THUMBNAIL_CSS_WIDTH CSS pixels on a phone (2x).
THUMBNAIL_PX = 240
THUMBNAIL_CSS_WIDTH = 120
SUFFIX = ".webp"


def thumbnail_size(paper: Paper, width: int = THUMBNAIL_PX) -> tuple[int, int]:
    """Width and height of a first-page picture of `paper` that is `width` pixels wide."""
    return width, round(width * paper.height_mm / paper.width_mm)


def thumbnail_path(pdf: Path) -> Path:
    """Where a PDF's first-page picture is kept: beside it, with the same name."""
    return pdf.with_suffix(SUFFIX)


def render_thumbnail(pdf: Path, out: Path, paper: Paper) -> Path:
    """Write the first page of `pdf` as a WebP picture to `out`, cut to the paper's size."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        page = doc[0]
        media, trim = page.get_mediabox(), page.get_trimbox()
        crop = (trim[0] - media[0], trim[1] - media[1], media[2] - trim[2], media[3] - trim[3])
        width, height = thumbnail_size(paper)
        image = page.render(scale=width / (trim[2] - trim[0]), crop=crop).to_pil()
    finally:
        doc.close()
    # Rounding of the render scale may give a pixel more or less: the size is the promised one.
    image = image.convert("RGB").resize((width, height))
    tmp = out.with_suffix(".tmp.webp")
    image.save(tmp, "WEBP", quality=70, method=6)
    tmp.replace(out)
    return out
