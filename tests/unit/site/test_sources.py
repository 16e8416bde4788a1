"""The page "Bronnen", `make sources` and the audience check of parent pages."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import FrozenInstanceError, dataclass
from datetime import date
from pathlib import Path

import pytest

from omringd.contacts import CONTACTS_FILE, load_directory
from omringd.core.errors import DataError
from omringd.site.markers import check_page_markers
from omringd.site.sources import fact_items, main, render_page, stale
from omringd.sources import load_registry
from tests.conftest import ROOT


def test_every_contact_roster_and_programme_is_a_fact_item() -> None:
    items = fact_items()
    d = load_directory()
    keys = {(i.kind, i.id) for i in items}
    assert {("contact", c) for c in d.ids} <= keys
    assert ("roster", "zorggarantie-limburg") in keys
    assert ("programme", "veilig-en-omringd") in keys
    with pytest.raises(FrozenInstanceError):
        items[0].id = "x"  # type: ignore[misc]


@dataclass(frozen=True)
class _Node:
    id: str
    source: str | None = None
    checked: date | None = None


def test_tree_nodes_are_added_when_passed_in() -> None:
    nodes = [_Node("ocj", "folder-zorggarantie", date(2026, 11, 23)), _Node("vraag")]
    items = fact_items(tree=nodes)
    tree = [i for i in items if i.kind == "tree"]
    assert [(i.id, i.source) for i in tree] == [("ocj", "folder-zorggarantie")]
    assert tree[0].file.endswith("decision-tree.yml")


def test_the_sources_table_names_source_and_date_of_every_item() -> None:
    html = render_page("<h1>Bronnen</h1>\n<!-- sources: all -->", lang="nl", src="x.md")
    assert "<!--" not in html
    for item in fact_items():
        assert f'id="bron-{item.kind}-{item.id}"' in html
    registry = load_registry()
    assert registry.sources["folder-ouders"].title in html
    assert '<a href="https://www.1712.be" rel="external noopener noreferrer">' in html
    assert '<time datetime="2026-11-23">23 november 2026</time>' in html
    assert "<caption>" in html and 'scope="col"' in html


def test_the_sources_table_is_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from omringd.site import sources as site_sources

    item = fact_items()[0]
    evil = item.__class__(item.kind, item.id, "<script>x</script>", item.source, item.checked, "")
    html = site_sources.render_sources([evil], load_registry(), "nl", load_directory().labels("nl"))
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_make_sources_prints_items_checked_more_than_a_year_ago(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = CONTACTS_FILE.read_text(encoding="utf-8")
    old = "    checked: 2026-11-23\n    source: folder-ouders\n"
    assert old in text
    path = tmp_path / "contacts.yml"
    path.write_text(text.replace(old, "    checked: 2024-05-01\n    source: folder-ouders\n"))
    assert main(["--contacts", str(path), "--today", "2026-12-02"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"{path}: contact 'opgroeipunt', checked 2024-05-01, source folder-ouders"]
    assert stale(fact_items(), date(2026, 12, 2)) == []


def test_make_sources_runs_as_a_module() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "omringd.site.sources"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert run.returncode == 0, run.stderr


PARENT_PAGE = "---\naudience: parents\nreviewed: 2026-11-23\n---\n\n# T\n\n<!-- contact: {} -->\n"


def test_a_professionals_contact_on_a_parent_page_stops_the_build() -> None:
    with pytest.raises(DataError) as err:
        check_page_markers(PARENT_PAGE.format("opgroeipunt veilige-start"), "docs/nl/ouders/x.md")
    assert err.value.file == "docs/nl/ouders/x.md" and err.value.line == 8
    assert "veilige-start" in err.value.where and "professionals only" in err.value.problem
    assert "opgroeipunt" in (err.value.valid or "")


def test_a_parents_contact_on_a_parent_page_and_any_on_others_pass() -> None:
    check_page_markers(PARENT_PAGE.format("opgroeipunt"), "docs/nl/ouders/x.md")
    pro = PARENT_PAGE.replace("audience: parents", "audience: professionals")
    check_page_markers(pro.format("veilige-start"), "docs/nl/professionals/x.md")


def test_no_parent_page_places_a_professionals_contact() -> None:
    for page in sorted((ROOT / "docs").rglob("*.md")):
        check_page_markers(page.read_text(encoding="utf-8"), str(page))


def test_the_sources_page_lists_every_outcome_of_the_referral_tree() -> None:
    from omringd.site.sources import tree_facts
    from omringd.tree import site_tree

    tree = site_tree(("nl",))
    outcomes = [n.id for n in tree.nodes.values() if not n.is_question]
    facts = {f.id for f in tree_facts("nl")}
    assert set(outcomes) <= facts
    html = render_page("<h1>Bronnen</h1>\n<!-- sources: all -->", lang="nl", src="x.md")
    assert tree.text(outcomes[0], "nl").title in html
