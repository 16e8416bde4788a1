"""Markup typed in data never reaches a page as markup: it is escaped where it lands."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.conftest import build_site, cache_dir, copy_project

ATTACK = "<img src=x onerror=alert(1)>"


def _inject(path: Path, pattern: str) -> None:
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(pattern, lambda m: f'{m.group(1)}"{ATTACK} {m.group(2)}"', text, count=1)
    assert count == 1, pattern
    path.write_text(new, encoding="utf-8")


def test_markup_in_a_tree_title_and_an_interface_text_is_escaped(
    tmp_path: Path, site_dir: Path
) -> None:
    root = copy_project(tmp_path / "project", code=True)
    _inject(root / "data" / "decision-tree.nl.yml", r"(?m)^(\s+title: )(?!\")(.+)$")
    _inject(root / "data" / "ui.yml", r"(?m)^(  exit_label: )(.+)$")
    # A copy of the shared build's cache: leaflets whose printed text is the same are not
    # redone, and this build's other content does not replace what the shared cache holds.
    cache = tmp_path / "cache"
    shutil.copytree(cache_dir(site_dir), cache)
    result = build_site(tmp_path / "site", root=root, cache=cache)
    assert result.returncode == 0, result.stderr[-3000:]
    pages = sorted((tmp_path / "site").rglob("*.html"))
    raw = [p for p in pages if ATTACK in p.read_text(encoding="utf-8")]
    assert raw == [], f"unescaped markup in {raw[:3]}"
    escaped = "&lt;img src=x onerror=alert(1)&gt;"
    assert any(escaped in p.read_text(encoding="utf-8") for p in pages)
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert escaped in home  # the exit button, on every page
