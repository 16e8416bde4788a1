"""How the build grows with the site: seconds per page for 36, 200 and 500 extra pages per
language (six languages), against plain Material + i18n on the same Markdown, same run.

Run: .venv/bin/python bench/scale.py [sizes...]. In a copy of the project, writes synthetic
pages (a Dutch page and its five translations, each with headings, a list and a contact
marker) under docs/<lang>/synthetic/. Per size it builds ours twice (the first warms the
caches) as `make site` does and plain Material once, and prints seconds, ms per built page (the
site's own pages and the synthetic ones), the growth against the smallest size and the ratio.
Goals (#13): per page within 1.2x of the smallest size, ratio <= 0.6. Not a test.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_time import ROOT, baseline_config, build_seconds, site_build_seconds  # noqa: E402

from omringd.i18n.freshness import body_hash  # noqa: E402

LANGS = ("nl", "fr", "en", "ar", "tr", "pl")
BODY = """
# Synthetische pagina {n}

Een korte alinea met **vet** en een [link](../index.md). Nog een zin om te lezen.

## Wat je moet weten

- een punt;
- nog een punt, met wat meer woorden erin;
- een laatste punt.

## Wie helpt er?

<!-- contact: opgroeipunt -->
"""


def write_pages(root: Path, count: int) -> int:
    """`count` synthetic pages per language; the number of pages written."""
    for lang in LANGS:
        folder = root / "docs" / lang / "synthetic"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    for n in range(count):
        body = BODY.format(n=n)
        for lang in LANGS:
            meta = "audience: parents\nreviewed: 2026-12-01\n"
            if lang != "nl":
                meta += f'source: "{body_hash(body)}"\ncertified: false\n'
            path = root / "docs" / lang / "synthetic" / f"p{n:03}.md"
            path.write_text(f"---\n{meta}---\n{body}", encoding="utf-8")
    return count * len(LANGS)


def copy(dest: Path) -> Path:
    for name in ("docs", "overrides", "hooks", "data", "deploy", "omringd", "omringd_mkdocs"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def built_pages(site: Path) -> int:
    """The pages a build made (its HTML files, the 404 pages included)."""
    return sum(1 for _ in site.rglob("*.html"))


def main(sizes: list[int]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        root = copy(tmp_path / "repo")
        first = None
        for size in sizes:
            write_pages(root, size)
            base_cfg = baseline_config(tmp_path, docs_dir=root / "docs")
            start = time.perf_counter()
            # Leaflets and compressed copies cached, as in an editor's next build.
            site_build_seconds(root / "mkdocs.yml", tmp_path / f"warm{size}", root)
            ours = site_build_seconds(root / "mkdocs.yml", tmp_path / f"ours{size}", root)
            base = build_seconds(base_cfg, tmp_path / f"base{size}", cwd=root)
            pages = built_pages(tmp_path / f"ours{size}")
            per_page = ours / pages
            first = first or per_page
            print(
                f"{size:4} synthetic pages per language ({pages} pages built): ours {ours:.1f} s "
                f"({per_page * 1000:.1f} ms/page, {per_page / first:.2f}x the smallest), "
                f"plain {base:.1f} s, ratio {ours / base:.2f}x "
                f"[{time.perf_counter() - start:.0f} s]",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main([int(a) for a in sys.argv[1:]] or [36, 200, 500]))
