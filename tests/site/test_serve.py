"""`make serve`, the editor's preview: a saved page shows, a mistake is named in the terminal
with file and line, and meanwhile the preview keeps the last good pages (plain `mkdocs serve`
empties its folder before each build, so a mistake left the editor with nothing)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from tests.conftest import copy_project
from tests.support.serving import edit, fetch, preview, wait_for


# Dutch alone builds in the server's process; a translator's preview (fr) builds Dutch and
# French in two worker processes, kept from one rebuild to the next.
@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_the_preview_shows_a_saved_page_and_keeps_the_last_good_one_after_a_mistake(
    tmp_path: Path, lang: str
) -> None:
    root = copy_project(tmp_path / "project")
    page = root / "docs" / lang / "ouders" / "kort.md"
    log = tmp_path / "serve.log"
    prefix = "" if lang == "nl" else f"{lang}/"
    with preview(root, lang, log, tmp_path / "cache") as base:
        url = base + prefix + "ouders/kort/"
        wait_for(url, "<h1", timeout=180)
        edit(page, "\n## ", "\nSAVEDWORD1\n\n## ")
        wait_for(url, "SAVEDWORD1", timeout=60)

        edit(page, "SAVEDWORD1", "SAVEDWORD2\n\n<!-- contac: opgroeipunt -->")
        line = page.read_text("utf-8").splitlines().index("<!-- contac: opgroeipunt -->") + 1
        said = None
        deadline = time.monotonic() + 60
        while said is None and time.monotonic() < deadline:
            said = re.search(rf"docs/{lang}/ouders/kort\.md:(\d+).*unknown marker", log.read_text())
            time.sleep(0.1)
        assert said, log.read_text()[-3000:]
        assert int(said[1]) == line
        assert "Traceback" not in log.read_text()
        # The build stopped; what the browser gets is the last good page, whole.
        kept = fetch(url)
        assert "SAVEDWORD1" in kept and "SAVEDWORD2" not in kept and "</html>" in kept
        assert "<h1" in fetch(base)  # and the rest of the site too

        edit(page, "\n\n<!-- contac: opgroeipunt -->", "")
        wait_for(url, "SAVEDWORD2", timeout=60)
