"""Material's search entries of a page, kept by everything they are made from.

Material's search plugin parses every page's HTML into sections to index it: an eighth of each
language's build. Most pages are the same as in the build before, so their entries are kept in
`.cache/search/<lang>.json` under a digest of what Material makes them from (the page's HTML,
address, title, table of contents and search settings, and Material's version). For such a
page, Material is told to skip it and the kept entries are added in its place; any other page
is indexed by Material, and its entries are kept for the next build. The index is the same
either way (tests/site/test_parallel.py builds with and without the kept entries).

Each language is built by one process, so each file has one writer.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from material import __version__ as MATERIAL_VERSION
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from omringd.core.files import write_json

SEARCH_PLUGIN = "material/search"
_NONE = object()  # a page without a search setting of its own


def _toc(items: Any) -> list[Any]:
    return [[item.id, item.url, item.title, _toc(item.children)] for item in items]


def page_key(page: Page) -> str:
    """A digest of what Material's search index makes of `page`."""
    meta = page.meta or {}
    parts = [
        MATERIAL_VERSION,
        page.url,
        str(page.title),
        str(meta.get("title", "")),
        json.dumps(meta.get("search") or {}, sort_keys=True, default=str),
        json.dumps(meta.get("tags"), default=str),
        json.dumps(_toc(page.toc), default=str),
        page.content or "",
    ]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


class SearchEntryCache:
    """The kept entries of one language build (`before` and `after` each page's indexing)."""

    def __init__(self, folder: Path, lang: str) -> None:
        self.path = folder / f"{lang}.json"
        try:
            self.kept: dict[str, list[dict[str, Any]]] = json.loads(
                self.path.read_text(encoding="utf-8")
            )
        except (OSError, ValueError):  # none yet, or unreadable: every page is indexed
            self.kept = {}
        self.used: dict[str, list[dict[str, Any]]] = {}
        # The page being indexed: its key, the count of entries before it, whether Material
        # skips it, and its own search setting (put back afterwards).
        self._page: tuple[str, int, bool, Any] | None = None

    @staticmethod
    def _entries(config: MkDocsConfig) -> list[dict[str, Any]] | None:
        plugin = config.plugins.get(SEARCH_PLUGIN)
        index = getattr(plugin, "search_index", None)
        return getattr(index, "entries", None)

    def before(self, page: Page, config: MkDocsConfig) -> None:
        """Before Material indexes `page`: skip it if its entries are kept."""
        entries = self._entries(config)
        own = page.meta.get("search", _NONE)
        if entries is None or (isinstance(own, dict) and own.get("exclude")):
            self._page = None
            return
        key = page_key(page)
        skip = key in self.kept
        self._page = (key, len(entries), skip, own)
        if skip:
            page.meta["search"] = {**(own if isinstance(own, dict) else {}), "exclude": True}

    def after(self, page: Page, config: MkDocsConfig) -> None:
        """After Material indexed `page`: add its kept entries, or keep the new ones."""
        entries = self._entries(config)
        if self._page is None or entries is None:
            return
        key, start, skipped, own = self._page
        self._page = None
        if skipped:
            if own is _NONE:
                page.meta.pop("search", None)
            else:
                page.meta["search"] = own
            entries.extend(dict(entry) for entry in self.kept[key])
            self.used[key] = self.kept[key]
        else:
            self.used[key] = [dict(entry) for entry in entries[start:]]

    def save(self) -> None:
        """Keep this build's entries (only these: the file stays the size of one language)."""
        if self.used == self.kept:
            return
        write_json(self.path, self.used)
