"""Every built HTML page is valid HTML: the Nu Html Checker (npm package vnu-jar) finds no error.

One Java run checks the whole built tree (the checker is slow to start).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from tests.conftest import VNU_JAR, built_pages


def test_nu_html_checker_finds_no_errors(site_dir: Path) -> None:
    java = shutil.which("java")
    assert java, "no Java runtime: `make test` installs default-jre-headless"
    assert VNU_JAR.is_file(), f"{VNU_JAR} missing: `make test` runs `npm ci`"
    pages = built_pages(site_dir)
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--skip-non-html"]
        + [str(site_dir)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    # vnu writes its JSON report to stderr and exits 1 when it found errors.
    report = json.loads(result.stderr or result.stdout or "{}")
    messages = report.get("messages", [])
    checked = {m.get("url") for m in messages}
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    print(f"{len(pages)} pages checked by the Nu Html Checker")
    lines = []
    for m in errors:
        where = m.get("url", "?").removeprefix("file:").removeprefix(str(site_dir) + "/")
        lines.append(f"{where}:{m.get('lastLine', '?')}: {m.get('message')}")
    assert not errors, f"{len(errors)} HTML errors in {len(checked)} files:\n" + "\n".join(lines)
    assert result.returncode == 0, result.stderr[-2000:]
