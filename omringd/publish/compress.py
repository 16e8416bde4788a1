"""Precompressed copies (.gz and .br) of the site's text files, for nginx's *_static modules."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import brotli

#: The suffixes of text files worth compressing (what nginx serves as text).
COMPRESSIBLE = frozenset({".html", ".css", ".js", ".json", ".svg", ".xml"})
# zlib level 9 rather than zopfli: zopfli saves ~4 % on gzip, the fallback only clients
# without brotli get, for ~25 s more per build. Brotli 10 is within 2 % of 11 at a seventh
# of the time (~3 s for the whole site).
GZIP_LEVEL = 9
BROTLI_QUALITY = 10


def gzip_bytes(data: bytes) -> bytes:
    """gzip `data` reproducibly: no file name, mtime 0, so equal input gives equal bytes."""
    return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)


def brotli_bytes(data: bytes) -> bytes:
    """Brotli-compress `data` (deterministic for a given brotli version and quality)."""
    return brotli.compress(data, quality=BROTLI_QUALITY)


def _write_if_changed(path: Path, data: bytes) -> None:
    # Leaving an identical file alone keeps its mtime, so rsync-style deploys skip it.
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)


def _compressed(data: bytes, cache: Path | None, used: set[str]) -> tuple[bytes, bytes]:
    """`data` gzipped and brotli-compressed, from the cache when the same bytes were before
    (compressing is most of a build's time; most files do not change between builds)."""
    if cache is None:
        return gzip_bytes(data), brotli_bytes(data)
    key = hashlib.sha256(f"{GZIP_LEVEL}:{BROTLI_QUALITY}:".encode() + data).hexdigest()
    used.add(key)
    gz, br = cache / f"{key}.gz", cache / f"{key}.br"
    if gz.is_file() and br.is_file():
        return gz.read_bytes(), br.read_bytes()
    pair = gzip_bytes(data), brotli_bytes(data)
    for path, packed in zip((gz, br), pair, strict=True):
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(packed)
        tmp.replace(path)
    return pair


def precompress(site_dir: Path, cache: Path | None = None) -> list[Path]:
    """Write `<file>.gz` and `<file>.br` next to every text file of `site_dir`; return the files.

    With `cache`, compressed copies are kept there by content, and those this site no longer
    uses are removed (the cache stays the size of one site)."""
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    done = []
    for path in sorted(site_dir.rglob("*")):
        if path.suffix not in COMPRESSIBLE or not path.is_file():
            continue
        gz, br = _compressed(path.read_bytes(), cache, used)
        _write_if_changed(path.with_name(path.name + ".gz"), gz)
        _write_if_changed(path.with_name(path.name + ".br"), br)
        done.append(path)
    if cache is not None:
        for old in cache.iterdir():
            if old.stem not in used:
                old.unlink()
    return done
