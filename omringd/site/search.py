"""One search index per language, so a reader fetches and searches only their own language.

mkdocs-static-i18n merges every language into a single index (most of a first view's weight,
and French results on a Dutch page). Each language build writes its own entries; we keep them
under that language's folder, with locations relative to it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

# Languages with a lunr stemmer shipped by Material; others get the default (English)
# pipeline, which still matches words exactly as typed.
LUNR_LANGUAGES = frozenset(
    {"ar", "da", "de", "du", "el", "en", "es", "fi", "fr", "he", "hi", "hu", "hy", "it", "ja"}
    | {"jp", "kn", "ko", "nl", "no", "pt", "ro", "ru", "sa", "sv", "ta", "te", "th", "tr", "vi"}
    | {"zh"}
)
INDEX_NAME = "search_index.json"


def lunr_language(lang: str) -> str:
    """The lunr language code to stem `lang` with."""
    return lang if lang in LUNR_LANGUAGES else "en"


def language_index(index: dict[str, Any], lang: str, prefix: str) -> dict[str, Any]:
    """Keep the entries under `prefix` (e.g. 'fr/'), make them relative, stem as `lang`."""
    docs = []
    for doc in index["docs"]:
        location: str = doc["location"]
        if prefix and not location.startswith(prefix):
            continue
        docs.append({**doc, "location": location[len(prefix) :]})
    config = {**index["config"], "lang": [lunr_language(lang)]}
    return {"config": config, "docs": docs}


def write_language_index(site_dir: Path, lang: str, prefix: str, dest: Path) -> int:
    """Split the index this language build just wrote into `dest`; returns the entry count."""
    index = json.loads((site_dir / "search" / INDEX_NAME).read_text(encoding="utf-8"))
    result = language_index(index, lang, prefix)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps(result, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return len(result["docs"])


# Material fetches the search index as soon as a page loads over http(s), and only when the
# search is opened over file://. The index (with its stemmers) is a quarter of a first view,
# and most readers never search: we make every page behave like the file:// case, so the index
# is fetched when the reader opens or focuses the search. The pattern is the one statement in
# Material 9.x's bundle that decides this: merge(of(<not file://>), watchToggle("search")).
_EAGER_INDEX = re.compile(r'(\w+\(\$\()location\.protocol!=="file:"(\),\w+\("search"\)\))')
_LAZY_INDEX = re.compile(r'\w+\(\$\(!1\),\w+\("search"\)\)')


def defer_index_loading(bundle: str) -> str:
    """Material's bundle, changed to fetch the search index when search is first opened."""
    if _LAZY_INDEX.search(bundle) and not _EAGER_INDEX.search(bundle):
        return bundle  # already changed (mkdocs serve keeps unchanged files between builds)
    result, count = _EAGER_INDEX.subn(r"\g<1>!1\g<2>", bundle)
    if count != 1:
        raise ValueError(
            f"found {count} places where Material's bundle loads the search index (expected 1): "
            "this Material version loads it differently; update omringd.search"
        )
    return result
