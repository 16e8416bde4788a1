"""Material's icons out of its stylesheets: each inline `data:` SVG becomes a file of the site.

Material draws its icons (navigation arrows, admonitions, search, table sorting) as SVG
`data:` URLs in CSS custom properties. Allowing `data:` images in the Content-Security-Policy
would also allow any injected `data:` image; written out as files, the policy's `img-src`
stays `'self'`. Each file is named by a hash of its SVG, so the same icon always has the
same address and the stylesheets stay byte-identical from build to build.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import unquote

# `url("data:image/svg+xml;charset=utf-8,<svg ...>")` as Material writes it (quotes inside
# the SVG are single quotes or escaped, so the URL ends at the first `")`).
_DATA_URL = re.compile(r'url\("data:image/svg\+xml(?:;charset=utf-8)?,(?P<svg>.*?)"\)')
#: Where the icon files go, relative to the site root.
ICON_DIR = "assets/images/icons"


def icon_name(svg: str) -> str:
    """The file name of an icon: a hash of its SVG text."""
    return "icon-" + hashlib.sha256(svg.encode("utf-8")).hexdigest()[:16] + ".svg"


def externalize_css(css: str, css_dir: str, site_root: str) -> tuple[str, dict[str, str]]:
    """`css` with each inline SVG `data:` URL replaced by a relative URL of an icon file, and
    the files to write ({path relative to the site root: SVG text})."""
    files: dict[str, str] = {}
    depth = len(Path(css_dir).relative_to(site_root).parts)

    def replace(match: re.Match[str]) -> str:
        svg = unquote(match.group("svg")).replace('\\"', '"')
        name = icon_name(svg)
        files[f"{ICON_DIR}/{name}"] = svg
        return f'url("{"../" * depth}{ICON_DIR}/{name}")'

    return _DATA_URL.sub(replace, css), files


def externalize_icons(site_dir: Path) -> list[Path]:
    """Rewrite every stylesheet of the built site so that it holds no `data:` URL; write the
    icon files. Returns the icon files written."""
    written: dict[str, Path] = {}
    for sheet in sorted(site_dir.rglob("*.css")):
        css = sheet.read_text(encoding="utf-8")
        if "data:" not in css:
            continue
        new, files = externalize_css(css, str(sheet.parent), str(site_dir))
        sheet.write_text(new, encoding="utf-8")
        for rel, svg in files.items():
            path = site_dir / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(svg, encoding="utf-8")
            written[rel] = path
    return sorted(written.values())
