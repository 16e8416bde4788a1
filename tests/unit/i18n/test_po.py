"""Data texts go out to PO for translators and come back into the YAML, comments kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from omringd.core.errors import DataError
from omringd.i18n.po import DataFile, entries, export_po, import_po

UI = "# interface\nnl:\n  exit: Snel weg\n  hint: Druk op Shift\nfr:\n  exit: Partir\n"
CONTACTS = (
    "contacts:\n"
    "  - id: opgroeipunt  # keep this comment\n"
    "    name: {nl: Opgroeipunt}\n"
    "    description:\n"
    "      nl: Voor vragen en klachten.\n"
    "      en: For questions and complaints.\n"
)
TREE = "nodes:\n  start:\n    title: Is er gevaar?\n    options:\n      ja: Ja\n"


@pytest.fixture
def files(tmp_path: Path) -> tuple[DataFile, ...]:
    """One small file of each shape."""
    (tmp_path / "ui.yml").write_text(UI, encoding="utf-8")
    (tmp_path / "contacts.yml").write_text(CONTACTS, encoding="utf-8")
    (tmp_path / "tree.nl.yml").write_text(TREE, encoding="utf-8")
    return (
        DataFile(tmp_path / "ui.yml", "by-language"),
        DataFile(tmp_path / "contacts.yml", "inline"),
        DataFile(tmp_path / "tree.nl.yml", "per-file"),
    )


def _messages(po: str) -> dict[str, tuple[str, str]]:
    import io

    catalog = read_po(io.BytesIO(po.encode("utf-8")))
    return {m.context: (m.id, m.string) for m in catalog if m.id}


def test_export_lists_only_what_french_lacks(files: tuple[DataFile, ...]) -> None:
    messages = _messages(export_po("fr", files))
    assert messages == {
        "ui.yml:hint": ("Druk op Shift", ""),
        "contacts.yml:contacts/opgroeipunt/name": ("Opgroeipunt", ""),
        "contacts.yml:contacts/opgroeipunt/description": ("Voor vragen en klachten.", ""),
        "tree.nl.yml:nodes/start/title": ("Is er gevaar?", ""),
        "tree.nl.yml:nodes/start/options/ja": ("Ja", ""),
    }


def test_export_everything_carries_existing_translations(files: tuple[DataFile, ...]) -> None:
    messages = _messages(export_po("en", files, everything=True))
    assert messages["contacts.yml:contacts/opgroeipunt/description"] == (
        "Voor vragen en klachten.",
        "For questions and complaints.",
    )


def test_import_writes_each_shape_back_and_keeps_comments(files: tuple[DataFile, ...]) -> None:
    po = export_po("fr", files)
    translated = (
        po.replace('msgid "Druk op Shift"\nmsgstr ""', 'msgid "Druk op Shift"\nmsgstr "Appuyez"')
        .replace('msgid "Opgroeipunt"\nmsgstr ""', 'msgid "Opgroeipunt"\nmsgstr "Opgroeipunt"')
        .replace('msgid "Is er gevaar?"\nmsgstr ""', 'msgid "Is er gevaar?"\nmsgstr "Danger ?"')
    )
    assert import_po(translated, "fr", files) == 3
    ui, contacts, tree = files
    assert {e.path: e.translation for e in entries(ui, "fr")}[("hint",)] == "Appuyez"
    assert "# keep this comment" in contacts.path.read_text(encoding="utf-8")
    assert "# interface" in ui.path.read_text(encoding="utf-8")
    assert {e.path: e.translation for e in entries(tree, "fr")}[("nodes", "start", "title")] == (
        "Danger ?"
    )
    assert (tree.path.parent / "tree.fr.yml").is_file()
    # What is translated now is no longer exported.
    assert "Appuyez" not in export_po("fr", files)


def test_import_refuses_a_text_whose_dutch_changed(files: tuple[DataFile, ...]) -> None:
    po = export_po("fr", files).replace(
        'msgid "Druk op Shift"\nmsgstr ""', 'msgid "Druk op Shift"\nmsgstr "Appuyez"'
    )
    files[0].path.write_text(UI.replace("Druk op Shift", "Druk 3 keer op Shift"), encoding="utf-8")
    with pytest.raises(DataError, match="ui.yml.*'ui.yml:hint'.*export again"):
        import_po(po, "fr", files)


def test_import_refuses_an_unknown_file(files: tuple[DataFile, ...]) -> None:
    po = 'msgctxt "other.yml:x"\nmsgid "a"\nmsgstr "b"\n'
    with pytest.raises(DataError, match="names no known data file"):
        import_po(po, "fr", files)
