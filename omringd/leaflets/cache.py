"""The render cache: a leaflet is rendered again only when what it prints changed.

Two keys find a cached PDF in `cache_dir`:

- the inputs key, a digest of omringd's code, templates, data, fonts and the built pages a
  leaflet is made from: the same files give the same PDF without reading the pages;
- the content version (`Document.version`): pages that changed only around the printed content
  give the same PDF too, and remember their inputs key for the next build.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from omringd.contacts import Directory
from omringd.core.paths import DATA_DIR, TEMPLATE_DIR
from omringd.leaflets.digest import file_digest
from omringd.leaflets.document import PDF_VARIANT, Site, build_document, output_path
from omringd.leaflets.html import built_file, page_url_path
from omringd.leaflets.model import Leaflet, LeafletConfig
from omringd.leaflets.pdf import Printed, print_pdf
from omringd.leaflets.thumbnail import render_thumbnail, thumbnail_path


@dataclass(frozen=True)
class LeafletResult:
    """One rendered (or cached) leaflet."""

    leaflet_id: str
    lang: str
    path: Path
    size: int
    pages: int
    seconds: float
    cached: bool
    version: str
    font_pt: float
    #: Why the cache served it: "inputs" (the same files), "content" (the same text), or "".
    cache_hit: str = ""


def environment_digest(config: LeafletConfig, site: Site) -> str:
    """A digest of what a leaflet is made from besides its built pages: omringd's code,
    templates, data files, fonts and settings."""
    h = hashlib.sha256()
    # All of omringd, not only this package: leaflets also print contacts and the tree.
    package = Path(__file__).parents[1]
    files = [*package.rglob("*.py"), *TEMPLATE_DIR.rglob("*"), *DATA_DIR.rglob("*"), config.path]
    files += [face.file for lang in site.languages for face in config.faces(lang)]
    for path in sorted(set(files)):
        if path.is_file():
            h.update(f"{path}\0{file_digest(path)}\0".encode())
    # Not the site folder: a build into another folder with the same inputs is the same.
    where = repr((site.site_url, site.default_lang, site.languages))
    for piece in (repr(config), where, metadata.version("weasyprint"), PDF_VARIANT):
        h.update(piece.encode("utf-8") + b"\0")
    return h.hexdigest()


def _inputs_key(leaflet: Leaflet, lang: str, site: Site, environment: str) -> str | None:
    """A digest of every input of one leaflet, or None if a built page is missing (the slow
    path then says which)."""
    h = hashlib.sha256(f"{environment}\0{leaflet.id}\0{lang}\0".encode())
    for part in leaflet.parts:
        if part.kind != "page":
            continue
        paths = [built_file(site.site_dir, page_url_path(part.page, site.prefix(lang)))]
        if part.sections and lang != site.default_lang:
            paths.append(built_file(site.site_dir, page_url_path(part.page, "")))
        for path in paths:
            if not path.is_file():
                return None
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def _match(
    cache_dir: Path, leaflet: Leaflet, lang: str, *, version: str | None, inputs: str | None
) -> tuple[Path, dict[str, Any]] | None:
    """The cached PDF of this content version (or of these exact inputs) and its record."""
    if version is not None:
        metas = [cache_dir / f"{leaflet.id}-{lang}-{version}.json"]
    else:
        metas = list(cache_dir.glob(f"{leaflet.id}-{lang}-*.json"))
    for meta_file in metas:
        pdf = meta_file.with_suffix(".pdf")
        if not (meta_file.is_file() and pdf.is_file()):
            continue
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        if version is None and (inputs is None or meta.get("inputs") != inputs):
            continue
        return pdf, meta
    return None


def _from_cache(
    cache_dir: Path,
    leaflet: Leaflet,
    lang: str,
    out: Path,
    *,
    version: str | None,
    inputs: str | None,
) -> tuple[str, dict[str, Any]] | None:
    """Copy the cached PDF of this content version (or of these exact inputs) to out."""
    found = _match(cache_dir, leaflet, lang, version=version, inputs=inputs)
    if found is None:
        return None
    pdf, meta = found
    if inputs is not None and meta.get("inputs") != inputs:
        # Same content from other inputs: remember these, so the next build skips the check.
        pdf.with_suffix(".json").write_text(json.dumps({**meta, "inputs": inputs}), "utf-8")
    shutil.copyfile(pdf, out)
    return pdf.stem.rsplit("-", 1)[1], meta


def _store(
    cache_dir: Path,
    leaflet: Leaflet,
    lang: str,
    *,
    version: str,
    printed: Printed,
    inputs: str | None,
    start: float,
) -> tuple[Path, float]:
    """Keep the new PDF (and only it) for this leaflet and language: its file and the seconds
    the leaflet took."""
    cached_pdf = cache_dir / f"{leaflet.id}-{lang}-{version}.pdf"
    for old in cache_dir.glob(f"{leaflet.id}-{lang}-*.*"):
        old.unlink()
    tmp = cached_pdf.with_suffix(".tmp")
    tmp.write_bytes(printed.pdf)
    seconds = time.perf_counter() - start
    meta = {
        "pages": printed.pages,
        "seconds": round(seconds, 2),
        "font_pt": printed.font_pt,
        "inputs": inputs,
    }
    cached_pdf.with_suffix(".json").write_text(json.dumps(meta), encoding="utf-8")
    tmp.replace(cached_pdf)
    return cached_pdf, seconds


def _cached_result(
    leaflet: Leaflet,
    lang: str,
    out: Path,
    hit: tuple[str, dict[str, Any]],
    why: str,
    start: float,
) -> LeafletResult:
    version, meta = hit
    return LeafletResult(
        leaflet.id,
        lang,
        out,
        out.stat().st_size,
        meta["pages"],
        time.perf_counter() - start,
        True,
        version,
        meta.get("font_pt", leaflet.paper.font_pt),
        why,
    )


def render_leaflet(
    config: LeafletConfig,
    leaflet: Leaflet,
    lang: str,
    site: Site,
    *,
    cache_dir: Path,
    directory: Directory | None = None,
    environment: str | None = None,
) -> LeafletResult:
    """Render one leaflet to the built site (or copy it from the cache when nothing changed),
    with the picture of its first page beside it."""
    result = _leaflet_pdf(
        config,
        leaflet,
        lang,
        site,
        cache_dir=cache_dir,
        directory=directory,
        environment=environment,
    )
    _picture(cache_dir / f"{leaflet.id}-{lang}-{result.version}.pdf", result.path, leaflet)
    return result


def _picture(cached_pdf: Path, out: Path, leaflet: Leaflet) -> None:
    """The first-page picture from the cache (made once per PDF), copied beside `out`."""
    cached = thumbnail_path(cached_pdf)
    if not cached.is_file():
        render_thumbnail(cached_pdf if cached_pdf.is_file() else out, cached, leaflet.paper)
    shutil.copyfile(cached, thumbnail_path(out))


def _leaflet_pdf(
    config: LeafletConfig,
    leaflet: Leaflet,
    lang: str,
    site: Site,
    *,
    cache_dir: Path,
    directory: Directory | None = None,
    environment: str | None = None,
) -> LeafletResult:
    start = time.perf_counter()
    out = output_path(site, leaflet.id, lang)
    out.parent.mkdir(parents=True, exist_ok=True)
    cache_dir.mkdir(parents=True, exist_ok=True)
    # Fast path: the very same inputs as a cached PDF, so no need to extract the pages'
    # content. (Only with the directory from the data files, which the environment covers.)
    inputs = None
    if directory is None:
        env = environment or environment_digest(config, site)
        inputs = _inputs_key(leaflet, lang, site, env)
        hit = _from_cache(cache_dir, leaflet, lang, out, version=None, inputs=inputs)
        if hit is not None:
            return _cached_result(leaflet, lang, out, hit, "inputs", start)
    # Otherwise the content decides: pages that changed around the content reuse the PDF.
    doc = build_document(config, leaflet, lang, site, directory=directory)
    hit = _from_cache(cache_dir, leaflet, lang, out, version=doc.version, inputs=inputs)
    if hit is not None:
        return _cached_result(leaflet, lang, out, hit, "content", start)
    printed = print_pdf(config, leaflet, lang, site, doc, directory=directory)
    cached_pdf, seconds = _store(
        cache_dir, leaflet, lang, version=doc.version, printed=printed, inputs=inputs, start=start
    )
    shutil.copyfile(cached_pdf, out)
    return LeafletResult(
        leaflet.id,
        lang,
        out,
        len(printed.pdf),
        printed.pages,
        seconds,
        False,
        doc.version,
        printed.font_pt,
    )


def served_from_inputs(
    config: LeafletConfig, leaflet: Leaflet, lang: str, site: Site, cache_dir: Path, env: str
) -> bool:
    """Whether the cache holds this leaflet for the very same inputs (nothing to render)."""
    inputs = _inputs_key(leaflet, lang, site, env)
    found = _match(cache_dir, leaflet, lang, version=None, inputs=inputs) if inputs else None
    return found is not None
