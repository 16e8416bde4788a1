"""Precompressed copies (.gz and .br) of the site's text files, for nginx's *_static modules."""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
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
    if path.exists() and path.read_bytes() == data:
        return
    path.unlink(missing_ok=True)  # never write into it: it may be a link to a cached copy
    path.write_bytes(data)


def _link_if_changed(source: Path, path: Path) -> None:
    """`path` with the bytes of `source` (a cached copy): a hard link where the file system
    allows (no bytes are written), else a copy. An identical file is left alone."""
    if path.exists():
        if os.path.samefile(source, path) or path.read_bytes() == source.read_bytes():
            return
        path.unlink()  # never write into it: it may be a link to a cached copy
    try:
        os.link(source, path)
    except OSError:  # another file system, or no hard links there
        shutil.copyfile(source, path)


def _cached(data: bytes, cache: Path, used: set[str]) -> tuple[Path, Path]:
    """The cached .gz and .br copies of `data`, compressed now if no build made them before
    (compressing is most of a build's time; most files do not change between builds)."""
    key = hashlib.sha256(f"{GZIP_LEVEL}:{BROTLI_QUALITY}:".encode() + data).hexdigest()
    used.add(key)
    gz, br = cache / f"{key}.gz", cache / f"{key}.br"
    if not (gz.is_file() and br.is_file()):
        for path, packed in zip((gz, br), (gzip_bytes(data), brotli_bytes(data)), strict=True):
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(packed)
            tmp.replace(path)
    return gz, br


def precompress(site_dir: Path, cache: Path | None = None) -> list[Path]:
    """Write `<file>.gz` and `<file>.br` next to every text file of `site_dir`; return the files.

    With `cache`, compressed copies are kept there by content and linked into the site, and
    those this site no longer uses are removed (the cache stays the size of one site)."""
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    done = []
    for path in sorted(site_dir.rglob("*")):
        if path.suffix not in COMPRESSIBLE or not path.is_file():
            continue
        gz, br = path.with_name(path.name + ".gz"), path.with_name(path.name + ".br")
        if cache is None:
            data = path.read_bytes()
            _write_if_changed(gz, gzip_bytes(data))
            _write_if_changed(br, brotli_bytes(data))
        else:
            data = path.read_bytes()
            try:
                cached_gz, cached_br = _cached(data, cache, used)
                _link_if_changed(cached_gz, gz)
                _link_if_changed(cached_br, br)
            except FileNotFoundError:  # another build sharing the cache just removed it
                _write_if_changed(gz, gzip_bytes(data))
                _write_if_changed(br, brotli_bytes(data))
        done.append(path)
    if cache is not None:
        for old in cache.iterdir():
            if old.stem not in used:
                old.unlink()
    return done
