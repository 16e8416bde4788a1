"""Site-wide data loaded once per build: interface strings and page front matter checks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from omringd.core.jinja import long_date
from omringd.core.languages import Language, alternates, prefix
from omringd.core.pages import PageMeta
from omringd.core.paths import DATA_DIR
from omringd.i18n import Freshness, UiStrings, load_ui


@dataclass(frozen=True)
class SiteData:
    """Everything the hooks need that comes from data files."""

    ui: UiStrings
    languages: tuple[str, ...]


def _stamp(paths: Iterable[Path]) -> tuple[tuple[str, int], ...]:
    return tuple((str(p), p.stat().st_mtime_ns if p.exists() else 0) for p in paths)


@lru_cache(maxsize=4)
def _load(data_dir: Path, languages: tuple[str, ...], stamp: object) -> SiteData:
    return SiteData(ui=load_ui(data_dir / "ui.yml", languages), languages=languages)


def site_data(languages: Iterable[str], data_dir: Path = DATA_DIR) -> SiteData:
    """Load and validate the site data; cached until a file changes, so once per build."""
    langs = tuple(languages)
    return _load(data_dir, langs, _stamp([data_dir / "ui.yml"]))


def page_footer_context(meta: PageMeta, lang: str) -> dict[str, str]:
    """What the page template shows under the content: the review date as ISO and in words."""
    return {
        "reviewed_iso": meta.reviewed.isoformat(),
        "reviewed_text": long_date(meta.reviewed, lang),
    }


def page_context(
    meta: PageMeta,
    *,
    url: str,
    base_url: str,
    lang: str,
    languages: Sequence[Language],
    content_lang: str,
    translatable: bool,
    freshness: Freshness | None,
) -> dict[str, Any]:
    """What our templates need about a page: languages, alternates, notices, review date."""
    default = languages[0].code
    pre = prefix(lang, default)
    return {
        "lang": lang,
        "audience": meta.audience,
        # Material looks for the search index under `base`; each language has its own index
        # in its own folder. The trailing slash matters for URL resolution.
        "search_base": f"{base_url}/{pre}" if pre else base_url,
        "alternates": alternates(url, lang, list(languages), default),
        "default_language": default,
        # An untranslated page shows the Dutch file: its content is marked as Dutch, unless
        # the page is structure only and takes its words from data in the reader's language.
        "fallback": content_lang != lang and translatable,
        "content_lang": content_lang,
        "content_dir": Language(content_lang, "").dir,
        "translation": freshness,
        **page_footer_context(meta, lang),
    }
