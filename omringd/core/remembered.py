"""Derived values kept between builds: slow to work out, seldom changing, and stored under a
key that names everything they depend on (a library's version, the years asked for, ...).

The build names the folder (omringd_mkdocs: `.cache/derived/`, or under $OMRINGD_CACHE_DIR);
without one, every value is worked out each time. A value is JSON; a file that cannot be read
is worked out again and written anew.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from omringd.core.files import write_json

_folder: list[Path] = []  # the folder named by the build, if any (one per process)


def keep_in(folder: Path | None) -> None:
    """Keep derived values in `folder` from now on (None: keep nothing)."""
    _folder[:] = [folder] if folder is not None else []


def remembered(name: str, key: str, work_out: Callable[[], Any]) -> Any:
    """The value of `work_out()` for `key`, from the folder when an earlier build stored it."""
    if not _folder:
        return work_out()
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    path = _folder[0] / f"{name}-{digest}.json"
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if stored.get("key") == key:
            return stored["value"]
    except (OSError, ValueError, AttributeError, KeyError):
        pass  # not stored yet, or unreadable: work it out again
    value = work_out()
    write_json(path, {"key": key, "value": value})
    return value
