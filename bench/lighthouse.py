"""Lighthouse's four scores (mobile) for five pages of the site served by nginx.

Run: .venv/bin/python bench/lighthouse.py [SITE_DIR] (after make site and npm ci). Serves the
built site with the shipped configuration on a free loopback port and runs the pinned
Lighthouse with Debian's Chromium on home, a parent page, the contacts page, a decision tree
step and the Arabic home. Prints the scores and the audits that cost points; not a test.
Goal: accessibility, best practices and SEO 100; performance >= 95.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from omringd.publish.nginx import NginxServer  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = [
    "",
    "ouders/",
    "professionals/contacten/",
    "ar/",
]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
# As tests/conftest.py: Chromium must not call home on this closed network.
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)


def tree_step(site_dir: Path) -> str:
    """A decision tree step page (the first one built)."""
    steps = sorted((site_dir / "professionals" / "doorverwijzen").glob("*/index.html"))
    step = next(p for p in steps if p.parent.name != "overzicht")
    return step.parent.relative_to(site_dir).as_posix() + "/"


def run(url: str, out: Path) -> dict:
    """One Lighthouse run; its JSON report."""
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
        env=env, check=True, timeout=300,
    )  # fmt: skip
    return json.loads(out.read_text(encoding="utf-8"))


def main() -> int:
    site_dir = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "site")
    pages = [*PAGES[:3], tree_step(site_dir), PAGES[3]]
    with tempfile.TemporaryDirectory() as tmp, NginxServer(site_dir) as server:
        for path in pages:
            report = run(server.url + path, Path(tmp) / "report.json")
            scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
            cls = report["audits"]["cumulative-layout-shift"]["numericValue"]
            line = ", ".join(f"{c} {s}" for c, s in scores.items())
            print(f"/{path}: {line}, CLS {cls:.3f} (goal 0)", flush=True)
            for category in CATEGORIES:
                for ref in report["categories"][category]["auditRefs"]:
                    audit = report["audits"][ref["id"]]
                    if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                        print(f"    {category}: {ref['id']} ({audit['score']}) {audit['title']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
