"""The editor's loop: seconds from saving a file until `make serve` shows the change.

Run: .venv/bin/python bench/serve_loop.py. In a copy of the project (code included, so a
changed data file is the copy's), starts `python -m mkdocs serve` as `make serve` does, for
Dutch (OMRINGD_LANG=nl) and for a translator (OMRINGD_LANG=fr), then:
- writes a word into a Dutch page (and, for fr, into its French page), polls the served page;
- changes a contact's description in data/contacts.yml, polls a page that shows it;
- breaks the page (an unknown marker), checks the terminal names file and line and the last
  good page is still served, then mends it.
Prints seconds against the goals (page <= 2 s, contacts <= 3 s); not a test.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOALS = {"page": 2.0, "contacts": 3.0}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, word: str, timeout: float = 60) -> float:
    """Seconds until the page at `url` holds `word` (polled every 50 ms)."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if word in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    raise TimeoutError(f"{url} never showed {word!r}")


def copy(dest: Path) -> Path:
    for name in ("docs", "overrides", "hooks", "data", "deploy", "omringd", "omringd_mkdocs"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


def loop(lang: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        root = copy(Path(tmp) / "repo")
        port = free_port()
        log = open(Path(tmp) / "serve.log", "w+", encoding="utf-8")  # noqa: SIM115
        env = {**os.environ, "OMRINGD_LANG": lang, "NO_MKDOCS_2_WARNING": "1"}
        env["OMRINGD_CACHE_DIR"] = str(ROOT / ".cache")
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"],
            cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}/"
        prefix = "" if lang == "nl" else f"{lang}/"
        try:
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
            log.flush()
            log.seek(0)
            said = re.search(rf"docs/{lang}/ouders/kort\.md:\d+", log.read())
            kept = "BENCHWORD1" in fetch(base + prefix + "ouders/kort/")
            print(f"  {lang}: a mistake is named with file and line: {bool(said)}; "
                  f"the last good page is still served: {kept}")  # fmt: skip
            return out
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()


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
