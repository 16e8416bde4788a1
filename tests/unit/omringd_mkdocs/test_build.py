"""`make site` builds atomically: a failed build, early or late, leaves the last good site."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from omringd.core.errors import DataError
from omringd_mkdocs.build import check_config_syntax, swap_in
from tests.conftest import ROOT, build_site, copy_project


def _last_good_site(path: Path) -> dict[str, bytes]:
    (path / "ouders").mkdir(parents=True)
    (path / "index.html").write_text("<p>the last good build</p>", encoding="utf-8")
    (path / "ouders" / "index.html").write_text("<p>parents</p>", encoding="utf-8")
    return _snapshot(path)


def _snapshot(path: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()
    }


def _break_late(project: Path) -> None:
    page = project / "docs" / "nl" / "ouders" / "vragen-of-klachten.md"
    page.write_text(page.read_text("utf-8") + "\n<!-- contact: no-such-team -->\n", "utf-8")


def _break_late_in_another_process(project: Path) -> None:
    # Polish is built by the second of two processes (omringd_mkdocs.shards).
    page = project / "docs" / "pl" / "ouders" / "index.md"
    page.write_text(page.read_text("utf-8") + "\n<!-- contact: no-such-team -->\n", "utf-8")


def _break_early(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("strict: true", "strict: [true"), "utf-8")


def _page_in_unknown_language(project: Path) -> None:
    page = project / "docs" / "de" / "index.md"
    page.parent.mkdir()
    page.write_text("# Willkommen\n", "utf-8")


@pytest.mark.parametrize(
    ("breaks", "message"),
    [
        (_break_late, "vragen-of-klachten.md:"),
        (_break_late_in_another_process, "docs/pl/ouders/index.md:"),
        (_break_early, "mkdocs.yml:"),
        (_page_in_unknown_language, "docs/de/: pages folder: 'de' is not a language"),
    ],
    ids=[
        "while building pages: unknown contact",
        "while another process builds pages: unknown contact",
        "before building: mkdocs.yml syntax",
        "before building: a page in a language the site does not have",
    ],
)
def test_a_failed_build_leaves_the_last_good_site(tmp_path: Path, breaks, message: str) -> None:
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    before = _last_good_site(site)
    breaks(project)
    result = build_site(site, root=project, jobs=2)
    assert result.returncode == 1, result.stderr[-2000:]
    assert message in result.stderr
    assert "last good build" in result.stderr
    assert "Traceback" not in result.stderr
    assert _snapshot(site) == before
    assert not (tmp_path / "site.building").exists()
    assert not list(tmp_path.glob("site.building.part*"))  # no half-built language left


def test_the_config_syntax_check_names_file_and_line(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nnav:\n  - a: [b\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        check_config_syntax(config)
    assert err.value.file == "mkdocs.yml" and err.value.line is not None
    check_config_syntax(ROOT / "mkdocs.yml")  # the real one, with its !ENV tag, is fine


def test_swap_in_replaces_the_old_site_whole(tmp_path: Path) -> None:
    site, staging = tmp_path / "site", tmp_path / "site.building"
    _last_good_site(site)
    staging.mkdir()
    (staging / "index.html").write_text("new", encoding="utf-8")
    (tmp_path / "site.building.nginx").mkdir()
    (tmp_path / "site.building.nginx" / "csp.conf").write_text("csp", encoding="utf-8")
    swap_in(staging, site)
    assert _snapshot(site) == {"index.html": b"new"}
    assert _snapshot(tmp_path / "site.nginx") == {"csp.conf": b"csp"}
    assert not staging.exists() and not list(tmp_path.glob("*.old*"))


def test_the_preview_removes_the_old_site_after_showing_the_new(tmp_path: Path) -> None:
    site, staging = tmp_path / "site", tmp_path / "site.building"
    _last_good_site(site)
    staging.mkdir()
    (staging / "index.html").write_text("new", encoding="utf-8")
    swap_in(staging, site, background=True)
    assert _snapshot(site) == {"index.html": b"new"}
    deadline = time.monotonic() + 10
    while list(tmp_path.glob("*.old*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not list(tmp_path.glob("*.old*"))
