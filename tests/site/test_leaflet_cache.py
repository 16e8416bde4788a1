"""A changed contact renders again exactly the leaflets that print it; every other leaflet comes
from the cache (issue #13, goal 4). Built from a copy of the project with the shared build's
cache, so only what changed costs time."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from tests.conftest import build_site, cache_dir, copy_project

#: A phone number the flyer prints (a regional team) and an address no leaflet prints.
PRINTED = ("02 243 50 03", "02 243 50 09")
NOT_PRINTED = ("veiligestart@wsg.nu", "veilige.start@wsg.nu")
LOG = re.compile(r"Leaflet (?P<id>[\w-]+) \((?P<lang>\w+)\): (?P<how>rendered|from cache)")


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _leaflets_printing(site_dir: Path, needle: str) -> set[tuple[str, str]]:
    """(leaflet id, language) of every built leaflet whose text layer holds `needle`."""
    found = set()
    for pdf in site_dir.rglob("leaflets/*.pdf"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        if needle in text or (_digits(needle) and _digits(needle) in _digits(text)):
            leaflet_id, lang = pdf.stem.rsplit("-", 1)
            found.add((leaflet_id, lang))
    return found


def test_a_changed_contact_renders_again_only_the_leaflets_that_print_it(
    tmp_path: Path, site_dir: Path
) -> None:
    everything = _leaflets_printing(site_dir, "")
    printing = _leaflets_printing(site_dir, PRINTED[0])
    assert printing and printing != everything, "the test needs a number some leaflets print"
    assert not _leaflets_printing(site_dir, NOT_PRINTED[0])

    root = copy_project(tmp_path / "project", code=True)
    contacts = root / "data" / "contacts.yml"
    text = contacts.read_text(encoding="utf-8")
    for old, new in (PRINTED, NOT_PRINTED):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    contacts.write_text(text, encoding="utf-8")
    # A copy of the shared build's cache: this build may replace entries in it.
    cache = tmp_path / "cache"
    shutil.copytree(cache_dir(site_dir), cache)

    result = build_site(tmp_path / "site", root=root, cache=cache)
    assert result.returncode == 0, result.stderr[-3000:]
    log = {(m["id"], m["lang"]): m["how"] for m in LOG.finditer(result.stderr)}
    assert set(log) == everything, result.stderr[-3000:]
    rendered = {key for key, how in log.items() if how == "rendered"}
    assert rendered == printing
    # And what was rendered prints the new number.
    assert _leaflets_printing(tmp_path / "site", PRINTED[1]) == printing
