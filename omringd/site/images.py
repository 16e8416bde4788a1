"""Every image of a page carries its size: `width` and `height` on each <img>, so the browser
keeps the image's room before it has loaded it (no layout shift).

An editor writes `![](../assets/pictograms/parent.svg)`; `add_image_sizes` fills in what the
tag lacks from the image file itself (an SVG's width and height or viewBox, a PNG's header).
An image whose size cannot be read stops the build, with the page and what to do.

Only <img> start tags are touched, outside <script>, <style>, <pre> and <textarea>; the rest of
the HTML is returned byte for byte.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from omringd.core.errors import DataError
from omringd.site.links import outside_raw, tag_attrs

_IMG_TAG = re.compile(r"""<img\b(?:[^>"']++|"[^"]*+"|'[^']*+')*+>""", re.IGNORECASE)
_SVG_TAG = re.compile(r"<svg\b(?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+>", re.IGNORECASE)
# A length in CSS pixels: "64", "64px", "64.5" (not "100%" or "4em").
_PIXELS = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

VALID = (
    "an SVG with width and height (or a viewBox) or a PNG from the site's own files, "
    'or width="..." height="..." written after the image: ![](image.svg){ width="64" height="64" }'
)


def _pixels(value: str | None) -> int | None:
    match = _PIXELS.fullmatch(value or "")
    return round(float(match.group(1))) if match else None


def svg_size(text: str) -> tuple[int, int] | None:
    """An SVG's size in CSS pixels: its width and height, else its viewBox; None if neither."""
    match = _SVG_TAG.search(text)
    if not match:
        return None
    attrs = tag_attrs(match.group(0))
    width, height = _pixels(attrs.get("width")), _pixels(attrs.get("height"))
    if width and height:
        return width, height
    box = (attrs.get("viewbox") or "").replace(",", " ").split()
    if len(box) == 4:
        try:
            w, h = float(box[2]), float(box[3])
        except ValueError:
            return None
        if w > 0 and h > 0:
            return round(w), round(h)
    return None


def png_size(data: bytes) -> tuple[int, int] | None:
    """A PNG's size from its IHDR chunk; None if the bytes are no PNG."""
    if len(data) < 24 or not data.startswith(_PNG_SIGNATURE) or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return (width, height) if width and height else None


def image_size(path: Path) -> tuple[int, int] | None:
    """The intrinsic size of an image file, for the formats the site uses; None otherwise."""
    suffix = path.suffix.lower()
    if suffix == ".svg":
        return svg_size(path.read_text(encoding="utf-8"))
    if suffix == ".png":
        with path.open("rb") as f:
            return png_size(f.read(24))
    return None


def _resolve(src: str, page_url: str) -> str | None:
    """The site path ('assets/x.svg') an <img src> of a page at `page_url` points to; None
    for an image on another host or a data: URL."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc:
        return None
    return unquote(urlsplit(urljoin("/" + page_url, parts.path)).path).lstrip("/")


def add_image_sizes(
    html: str, page_url: str, find: Callable[[str], Path | None], source: str
) -> str:
    """Give every <img> of `html` (a page at `page_url`, from `source`) a width and a height,
    read with `find` (site path -> file) from the image; DataError for one it cannot size."""

    def fix_tag(match: re.Match[str]) -> str:
        tag = match.group(0)
        attrs = tag_attrs(tag)
        if attrs.get("width") and attrs.get("height"):
            return tag
        src = attrs.get("src", "")
        site_path = _resolve(src, page_url)
        path = find(site_path) if site_path is not None else None
        size = image_size(path) if path is not None and path.is_file() else None
        if size is None:
            raise DataError(
                source, f"image '{src}'", "its width and height cannot be read", valid=VALID
            )
        width, height = size
        if attrs.get("width") or attrs.get("height"):
            # One of the two is given: the other follows from the image's proportions.
            given_w, given_h = _pixels(attrs.get("width")), _pixels(attrs.get("height"))
            if given_w:
                width, height = given_w, round(given_w * height / width)
            elif given_h:
                width, height = round(given_h * width / height), given_h
            else:
                raise DataError(
                    source, f"image '{src}'", "width or height is not in pixels", valid=VALID
                )
        missing = "".join(
            f' {name}="{value}"'
            for name, value in (("width", width), ("height", height))
            if not attrs.get(name)
        )
        end = -2 if tag.endswith("/>") else -1
        return tag[:end].rstrip() + missing + tag[end:]

    def fix(part: str) -> str:
        return _IMG_TAG.sub(fix_tag, part)

    return outside_raw(html, fix)
