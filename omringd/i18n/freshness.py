"""Translation freshness: which Dutch version each translated page was made from.

A translated page names its Dutch source version in front matter (`source: <hash>`); the hash
covers the Dutch page's text without its front matter, so a new review date alone does not
make translations stale. Earlier versions come from git history, so a translation made from
an older Dutch text is "out of date", and a hash that never existed is an error.

Run `python -m omringd.i18n.freshness` for the page x language table (`make translations`).
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from omringd.core.errors import DataError
from omringd.core.pages import FRONT_MATTER, front_matter, translatable
from omringd.core.paths import ROOT

Status = Literal["up to date", "out of date", "missing"]


def body_hash(text: str) -> str:
    """A short, stable hash of a page's text without its front matter."""
    body = FRONT_MATTER.sub("", text, count=1).strip()
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:12]


def _git(args: list[str], cwd: Path) -> str | None:
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, check=True, timeout=60
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout


@lru_cache(maxsize=256)
def _versions(path: Path, stamp: int) -> frozenset[str]:
    hashes = {body_hash(path.read_text(encoding="utf-8"))}
    repo = path.parent
    top = _git(["rev-parse", "--show-toplevel"], repo)
    if top is None:
        return frozenset(hashes)
    root = Path(top.strip()).resolve()
    rel = path.resolve().relative_to(root).as_posix()
    for commit in (_git(["log", "--format=%H", "--", rel], root) or "").split():
        old = _git(["show", f"{commit}:{rel}"], root)
        if old is not None:
            hashes.add(body_hash(old))
    return frozenset(hashes)


def source_versions(path: Path) -> frozenset[str]:
    """Hashes of every version of a Dutch page: now, and each committed one."""
    return _versions(path, path.stat().st_mtime_ns)


@dataclass(frozen=True)
class Freshness:
    """How a translated page stands against its Dutch source."""

    status: Status
    certified: bool


def check_translation(translation: Path, source: Path, lang: str) -> Freshness:
    """Compare a translation's `source:` with its Dutch page; unknown versions are errors."""
    meta = front_matter(translation.read_text(encoding="utf-8"))
    # An editor may leave `source:` empty; YAML reads that as None.
    named = str(meta.get("source") or "").strip()
    certified = meta.get("certified", False) is True
    if not source.is_file():
        raise DataError(translation, f"language '{lang}'", f"has no Dutch source page {source}")
    current = body_hash(source.read_text(encoding="utf-8"))
    if named == current:
        return Freshness("up to date", certified)
    if not named or named not in source_versions(source):
        raise DataError(
            translation,
            f"language '{lang}', front matter 'source'",
            f"names {named!r}, which is no version of {source.name}" if named else "is missing",
            valid=f"the current version {current} (python -m omringd.i18n.freshness hash {source})",
        )
    return Freshness("out of date", certified)


@dataclass(frozen=True)
class Row:
    """One page in one language."""

    page: str
    lang: str
    status: Status


def status_table(docs_dir: Path, languages: Iterable[str], default: str = "nl") -> list[Row]:
    """Every Dutch page x every other language: up to date, out of date or missing."""
    rows = []
    for source in sorted((docs_dir / default).rglob("*.md")):
        if not translatable(front_matter(source.read_text(encoding="utf-8"))):
            continue
        rel = source.relative_to(docs_dir / default)
        for lang in languages:
            if lang == default:
                continue
            translation = docs_dir / lang / rel
            status: Status = "missing"
            if translation.is_file():
                status = check_translation(translation, source, lang).status
            rows.append(Row(rel.as_posix(), lang, status))
    return rows


def format_table(rows: Iterable[Row]) -> str:
    """A Markdown table, one line per page, one column per language."""
    grid: dict[str, dict[str, str]] = {}
    langs: list[str] = []
    for row in rows:
        grid.setdefault(row.page, {})[row.lang] = row.status
        if row.lang not in langs:
            langs.append(row.lang)
    lines = ["| page | " + " | ".join(langs) + " |", "|---" * (len(langs) + 1) + "|"]
    for page, cells in grid.items():
        lines.append(f"| {page} | " + " | ".join(cells.get(lang, "") for lang in langs) + " |")
    counts: Mapping[str, int] = {
        s: sum(1 for c in grid.values() for v in c.values() if v == s)
        for s in ("up to date", "out of date", "missing")
    }
    lines.append("")
    lines.append(", ".join(f"{n} {s}" for s, n in counts.items()))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """`status` (default): print the table; `hash FILE`: print a Dutch page's version."""
    if argv[:1] == ["hash"] and len(argv) == 2:
        print(body_hash(Path(argv[1]).read_text(encoding="utf-8")))
        return 0
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    langs = re.findall(r"^\s*- locale: (\w+)", config, re.M)
    try:
        print(format_table(status_table(ROOT / "docs", langs)))
    except DataError as err:
        print(err.message, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
