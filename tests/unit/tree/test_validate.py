"""Every way the tree data can be wrong, on a copy of the fixture tree: the message names the
file, the node or field, and what would be valid."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from omringd.core.errors import DataError
from omringd.tree import Tree, check_stubs, load_tree
from tests.conftest import ROOT, site_languages

FIXTURE = ROOT / "tests" / "fixtures" / "tree"


def _copy(tmp_path: Path) -> dict[str, Path]:
    """The fixture tree (tests/fixtures/tree/) in `tmp_path`, by file: routing, nl, fr, ..."""
    out = {"routing": tmp_path / "decision-tree.yml"}
    shutil.copy(FIXTURE / "decision-tree.yml", out["routing"])
    for lang_file in FIXTURE.glob("decision-tree.*.yml"):
        shutil.copy(lang_file, tmp_path / lang_file.name)
        out[lang_file.name.split(".")[1]] = tmp_path / lang_file.name
    return out


def _edit(path: Path, change) -> None:  # noqa: ANN001
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _fails(path: Path, *expected: str, **kwargs) -> DataError:  # noqa: ANN003
    with pytest.raises(DataError) as info:
        load_tree(path, **kwargs)
    for text in expected:
        assert text in info.value.message, info.value.message
    return info.value


def test_unreachable_node(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["acuut-gevaar"]["options"].pop(0))
    err = _fails(d["routing"], "decision-tree.yml", "node 'bel-112'", "cannot be reached")
    assert err.line is not None


def test_loop(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["regio"]["options"][0].update(next="baby-of-kind"))
    _fails(d["routing"], "decision-tree.yml", "node 'regio'", "makes a loop", "baby-of-kind →")


def test_question_without_options_ends_without_advice(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["regio"].update(options=[]))
    _fails(d["routing"], "decision-tree.yml", "node 'regio'", "without an advice")


def test_unknown_next_node(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["regio"]["options"][1].update(next="limburgg"))
    err = _fails(d["routing"], "node 'regio', option 'limburg'", "unknown node 'limburgg'")
    assert "bel-112" in err.message  # lists the valid ids


def test_unknown_start(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x.update(start="begin"))
    _fails(d["routing"], "start", "unknown node 'begin'")


def test_unknown_contact(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["bel-112"].update(contacts=["noodnummer-113"]))
    _fails(d["routing"], "decision-tree.yml", "node 'bel-112'", "'noodnummer-113' is not in")


@pytest.mark.parametrize("field", ["source", "checked"])
def test_outcome_without_source_or_check_date_is_refused(tmp_path: Path, field: str) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["zorgmelding"].pop(field))
    err = _fails(d["routing"], "decision-tree.yml", f"node 'zorgmelding', field {field}", "missing")
    assert err.line is not None
    assert err.valid and ("sources.yml" in err.valid or "2026" in err.valid)


def test_unknown_source_future_date_and_unknown_programme(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["zorgmelding"].update(source="seed 001"))
    err = _fails(d["routing"], "node 'zorgmelding', field source", "'seed 001' is not a source")
    assert "folder-zorggarantie" in err.message and err.line is not None
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["zorgmelding"].update(checked=date(2999, 1, 1)))
    _fails(d["routing"], "node 'zorgmelding', field checked", "2999-01-01 is in the future")
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["zorgmelding"].update(status="veilig"))
    err = _fails(d["routing"], "node 'zorgmelding', field status", "not a programme")
    assert "veilig-en-omringd" in err.message


def test_outcome_without_contact_and_without_reason_is_refused(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["geen-zorggarantie"].pop("no_contact"))
    err = _fails(
        d["routing"],
        "decision-tree.yml",
        "node 'geen-zorggarantie'",
        "without contacts and without a reason",
        "no_contact: not-in-sources",
    )
    assert err.line is not None
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["geen-zorggarantie"].update(no_contact="onbekend"))
    _fails(d["routing"], "node 'geen-zorggarantie', field no_contact", "(valid: not-in-sources)")


def test_outcome_with_options_and_bad_kind(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["bel-112"].update(options=[{"id": "a", "next": "x"}]))
    err = _fails(d["routing"], "decision-tree.yml", "node 'bel-112', field options", "no options")
    assert err.line is not None
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["bel-112"].update(kind="advies"))
    err = _fails(
        d["routing"],
        "decision-tree.yml",
        "node 'bel-112', field kind",
        "'advies'",
        "(valid: question, outcome)",
    )
    assert err.line is not None


def test_duplicate_option_id(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["regio"]["options"][1].update(id="antwerpen"))
    _fails(d["routing"], "node 'regio', option 'antwerpen'", "appears twice")


def test_duplicate_answer_labels(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(
        d["nl"],
        lambda x: x["nodes"]["baby-of-kind"]["options"].update(
            {"geboren-jonger-dan-3": "Een baby in de buik (tijdens de zwangerschap)"}
        ),
    )
    _fails(d["routing"], "decision-tree.nl.yml", "node 'baby-of-kind'", "same answer")


def test_duplicate_answer_labels_in_a_translation(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["languages"].update(en="fallback"))
    ui = d["en"].read_text(encoding="utf-8").split("\nnodes:")[0]
    (tmp_path / "decision-tree.en.yml").write_text(
        ui + "\nnodes:\n  acuut-gevaar:\n    title: Danger?\n    short: Danger?\n"
        "    options: {ja: Yes, nee: 'Yes'}\n",
        encoding="utf-8",
    )
    # Unquoted Yes is a boolean in YAML: the message says so.
    _fails(
        d["routing"],
        "decision-tree.en.yml",
        "option 'ja'",
        "put the text in quotes",
        languages=["nl", "en"],
    )
    text = (tmp_path / "decision-tree.en.yml").read_text(encoding="utf-8")
    (tmp_path / "decision-tree.en.yml").write_text(text.replace("ja: Yes", "ja: 'yes'"))
    _fails(
        d["routing"],
        "decision-tree.en.yml",
        "node 'acuut-gevaar'",
        "same answer",
        "'en'",
        languages=["nl", "en"],
    )


def test_complete_language_missing_a_text(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["nl"], lambda x: x["nodes"]["zorgmelding"].pop("why"))
    _fails(d["routing"], "decision-tree.nl.yml", "node 'zorgmelding', field 'why'", "missing")


def test_complete_language_missing_a_node(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["languages"].update(fr="complete"))
    ui = yaml.safe_load(d["nl"].read_text(encoding="utf-8"))["ui"]
    (tmp_path / "decision-tree.fr.yml").write_text(
        yaml.safe_dump({"ui": ui, "nodes": {"bel-112": {"title": "Appelez le 112"}}}),
        encoding="utf-8",
    )
    _fails(
        d["routing"],
        "decision-tree.fr.yml",
        "node 'bel-112', field 'short'",
        "missing",
        languages=["nl", "fr"],
    )
    _edit(
        d["fr"] if "fr" in d else tmp_path / "decision-tree.fr.yml",
        lambda x: x["nodes"]["bel-112"].update(
            yaml.safe_load(d["nl"].read_text())["nodes"]["bel-112"]
        ),
    )
    _fails(
        d["routing"],
        "decision-tree.fr.yml",
        "node 'acuut-gevaar'",
        "listed as complete",
        languages=["nl", "fr"],
    )


def test_complete_language_without_file(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["languages"].update(tr="complete"))
    (tmp_path / "decision-tree.tr.yml").unlink(missing_ok=True)
    _fails(
        d["routing"], "decision-tree.yml", "language 'tr'", "does not exist", languages=["nl", "tr"]
    )


def test_fallback_language_may_have_some_nodes(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["languages"].update(en="fallback"))
    _edit(d["en"], lambda x: x.update(nodes={"bel-112": {"title": "Call 112"}}))
    tree = load_tree(d["routing"], languages=["nl", "en"])
    assert tree.ui("en")["why"] == "Why?"
    # A node whose words are incomplete falls back as a whole, so no step mixes languages.
    assert tree.text("bel-112", "en").lang == "nl"
    assert (
        tree.text("bel-112", "en").title
        == load_tree(FIXTURE / "decision-tree.yml").text("bel-112", "nl").title
    )


def test_fallback_language_needs_every_interface_string(tmp_path: Path) -> None:
    # A Dutch button among Turkish ones would be unmarked Dutch: the ui never falls back.
    d = _copy(tmp_path)
    _edit(d["tr"], lambda x: x["ui"].pop("why"))
    _fails(
        d["routing"],
        "decision-tree.tr.yml",
        "language 'tr', ui",
        "missing keys: why",
        languages=site_languages(),
    )
    d["tr"].unlink()
    _fails(
        d["routing"],
        "decision-tree.yml",
        "language 'tr'",
        "needs its interface strings",
        "decision-tree.tr.yml does not exist",
        languages=site_languages(),
    )


def test_language_not_listed(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["languages"].pop("pl"))
    _fails(
        d["routing"], "decision-tree.yml", "language 'pl'", "not listed", languages=site_languages()
    )


def test_words_for_unknown_node_or_option(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["nl"], lambda x: x["nodes"]["regio"]["options"].update(gent="Gent"))
    _fails(d["routing"], "decision-tree.nl.yml", "node 'regio', option 'gent'", "not an option")
    d = _copy(tmp_path)
    _edit(d["nl"], lambda x: x["nodes"].update(extra={"title": "x"}))
    _fails(d["routing"], "decision-tree.nl.yml", "node 'extra'", "not in the routing file")


def test_unknown_field_and_bad_id(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"]["bel-112"].update(contact=["x"]))
    err = _fails(
        d["routing"],
        "decision-tree.yml",
        "node 'bel-112', field contact",
        "unknown field (did you mean 'contacts'?)",
        "(valid: checked, contacts, kind, no_contact, options, source, status)",
    )
    assert err.line is not None
    d = _copy(tmp_path)
    _edit(d["routing"], lambda x: x["nodes"].update(Overzicht=x["nodes"].pop("bel-112")))
    _fails(d["routing"], "node 'Overzicht'", "not a valid node id")


def test_yaml_syntax_error(tmp_path: Path) -> None:
    d = _copy(tmp_path)
    d["routing"].write_text("start: [acuut-gevaar\n", encoding="utf-8")
    err = _fails(d["routing"], "decision-tree.yml", "YAML syntax")
    assert err.line is not None


def _tree_with_stubs(tmp_path: Path) -> tuple[Tree, Path]:
    """The fixture tree and a folder with a correct stub page for each of its nodes."""
    tree = load_tree(_copy(tmp_path)["routing"])
    stubs = tmp_path / "stubs"
    stubs.mkdir()
    for node_id in tree.nodes:
        (stubs / f"{node_id}.md").write_text(
            f"---\ntranslate: false\n---\n\n<!-- decision-tree: node={node_id} -->\n",
            encoding="utf-8",
        )
    check_stubs(tree, stubs)  # the starting point is valid
    return tree, stubs


def test_missing_stub_page(tmp_path: Path) -> None:
    tree, stubs = _tree_with_stubs(tmp_path)
    (stubs / "regio.md").unlink()
    with pytest.raises(DataError, match=r"regio\.md: node 'regio': has no page"):
        check_stubs(tree, stubs)


def test_stub_page_with_wrong_marker(tmp_path: Path) -> None:
    tree, stubs = _tree_with_stubs(tmp_path)
    (stubs / "regio.md").write_text("<!-- decision-tree: node=bel-112 -->\n")
    with pytest.raises(DataError, match=r"regio\.md: node 'regio': the page must contain"):
        check_stubs(tree, stubs)


def test_stub_page_that_would_be_translated(tmp_path: Path) -> None:
    tree, stubs = _tree_with_stubs(tmp_path)
    text = (stubs / "regio.md").read_text(encoding="utf-8")
    (stubs / "regio.md").write_text(text.replace("translate: false\n", ""), encoding="utf-8")
    with pytest.raises(DataError, match=r"regio\.md: node 'regio': .*translate: false"):
        check_stubs(tree, stubs)


def test_left_over_stub_page(tmp_path: Path) -> None:
    tree, stubs = _tree_with_stubs(tmp_path)
    (stubs / "oud.md").write_text("<!-- decision-tree: node=oud -->\n")
    with pytest.raises(DataError, match=r"oud\.md: node 'oud': has a page but is not in"):
        check_stubs(tree, stubs)
