"""File digests, computed once per change of the file (fonts are read for every leaflet)."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=512)
def _file_digest(path: Path, stamp: tuple[int, int]) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes (hex), cached by its modification time and size."""
    st = path.stat()
    return _file_digest(path, (st.st_mtime_ns, st.st_size))
