"""The editor's loop: seconds from saving a file until `make serve` shows the change.

Run: .venv/bin/python bench/serve_loop.py. In a copy of the project (code included, so a
changed data file is the copy's), starts `python -m omringd_mkdocs.serve` as `make serve` does, for
Dutch (OMRINGD_LANG=nl) and for a translator (OMRINGD_LANG=fr), then:
- writes a word into a Dutch page (and, for fr, into its French page), polls the served page;
- changes a contact's description in data/contacts.yml, polls a page that shows it;
- breaks the page (an unknown marker), checks the terminal names file and line and the last
  good page is still served, then mends it.
Prints seconds against the goals (page <= 2 s, contacts <= 3 s); not a test.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.support.serving import edit, fetch, preview, wait_for  # noqa: E402

GOALS = {"page": 2.0, "contacts": 3.0}


def copy(dest: Path) -> Path:
    for name in ("docs", "overrides", "hooks", "data", "deploy", "omringd", "omringd_mkdocs"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def loop(lang: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        root = copy(Path(tmp) / "repo")
        log = Path(tmp) / "serve.log"
        prefix = "" if lang == "nl" else f"{lang}/"
        with preview(root, lang, log, ROOT / ".cache") as base:
            wait_for(base + prefix + "ouders/kort/", "<h1", timeout=180)
            out: dict[str, float] = {}
            page = root / "docs" / lang / "ouders" / "kort.md"
            edit(page, "\n## ", "\nBENCHWORD1\n\n## ")
            out["page"] = wait_for(base + prefix + "ouders/kort/", "BENCHWORD1")
            edit(root / "data" / "contacts.yml", "Vlaamse hulplijn", "BENCHWORD2 hulplijn")
            out["contacts"] = wait_for(base + "professionals/contacten/", "BENCHWORD2")
            # A mistake: the terminal says where, the last good page stays.
            edit(page, "BENCHWORD1", "BENCHWORD3\n\n<!-- contac: opgroeipunt -->")
            time.sleep(4)
            said = re.search(rf"docs/{lang}/ouders/kort\.md:\d+", log.read_text("utf-8"))
            kept = "BENCHWORD1" in fetch(base + prefix + "ouders/kort/")
            print(f"  {lang}: a mistake is named with file and line: {bool(said)}; "
                  f"the last good page is still served: {kept}")  # fmt: skip
            return out


def main() -> int:
    for lang in ("nl", "fr"):
        seconds = loop(lang)
        for what, value in seconds.items():
            goal = GOALS[what]
            ok = "ok" if value <= goal else "OVER"
            print(f"  {lang}: save {what} -> served in {value:.2f} s (goal {goal:.0f} s) {ok}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
