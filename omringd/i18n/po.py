"""Export the data files' texts that need translating to PO, and import them back.

PO is what translation tools (Poedit, Weblate, OmegaT, Lokalise) read. Each entry's context
names the file and the place ("data/contacts.yml:contacts/opgroeipunt/description"), the
msgid is the Dutch text and the msgstr the translation. Three shapes of data are handled:

- `ui.yml`: languages at the top, `{nl: {key: text}, fr: {...}}`;
- `contacts.yml`: texts inline, `{nl: text, fr: text}` wherever a text is translatable;
- `decision-tree.nl.yml`: one file per language, `decision-tree.<lang>.yml`, same keys.

Import edits the YAML in place with ruamel.yaml, so editors' comments and order survive.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from omringd.core.errors import DataError
from omringd.core.paths import DATA_DIR, ROOT

SOURCE = "nl"
Shape = Literal["by-language", "inline", "per-file"]
Key = str | int


@dataclass(frozen=True)
class DataFile:
    """A data file with translatable texts and the shape they are stored in."""

    path: Path
    shape: Shape

    def target(self, lang: str) -> Path:
        """Where `lang`'s texts are written (another file for the per-file shape)."""
        if self.shape == "per-file":
            return self.path.with_name(self.path.name.replace(f".{SOURCE}.", f".{lang}."))
        return self.path


DATA_FILES = (
    DataFile(DATA_DIR / "ui.yml", "by-language"),
    DataFile(DATA_DIR / "contacts.yml", "inline"),
    DataFile(DATA_DIR / "decision-tree.nl.yml", "per-file"),
)


def _rel(path: Path) -> str:
    """The file's name in PO contexts: relative to the repository (just the name elsewhere)."""
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return path.name


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 100
    return yaml


def _load(path: Path) -> Any:
    return _yaml().load(path.read_text(encoding="utf-8")) if path.is_file() else CommentedMap()


def _step(node: Any, index: int) -> Key:
    """A list item is named by its `id` when it has one, so reordering keeps contexts stable."""
    item = node[index]
    return item["id"] if isinstance(item, dict) and "id" in item else index


def _leaves(node: Any, path: tuple[Key, ...] = ()) -> Iterator[tuple[tuple[Key, ...], Any]]:
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _leaves(value, (*path, _step(node, i)))


def _resolve(node: Any, path: tuple[Key, ...]) -> Any:
    for key in path:
        if isinstance(node, list):
            node = next(
                (x for i, x in enumerate(node) if _step(node, i) == key),
                node[key] if isinstance(key, int) and key < len(node) else None,
            )
        elif isinstance(node, dict):
            node = node.get(key)
        if node is None:
            return None
    return node


def _ensure(node: Any, path: tuple[Key, ...]) -> Any:
    for key in path:
        child = _resolve(node, (key,))
        if child is None:
            child = CommentedMap()
            node[key] = child
        node = child
    return node


@dataclass(frozen=True)
class Entry:
    """One translatable text: where it is, the Dutch text and the current translation."""

    file: DataFile
    path: tuple[Key, ...]
    source: str
    translation: str

    @property
    def context(self) -> str:
        """The PO context: file and place."""
        return f"{_rel(self.file.path)}:" + "/".join(str(k) for k in self.path)


def entries(file: DataFile, lang: str) -> list[Entry]:
    """Every translatable Dutch text of `file` with its `lang` translation ('' when missing)."""
    data = _load(file.path)
    out = []
    if file.shape == "by-language":
        target = data.get(lang) or {}
        for path, text in _leaves(data.get(SOURCE) or {}):
            if isinstance(text, str):
                current = _resolve(target, path)
                out.append(Entry(file, path, text, current if isinstance(current, str) else ""))
    elif file.shape == "inline":
        for path, node in _leaves(data):
            if isinstance(node, dict) and isinstance(node.get(SOURCE), str):
                out.append(Entry(file, path, node[SOURCE], node.get(lang) or ""))
    else:
        target = _load(file.target(lang))
        for path, text in _leaves(data):
            if isinstance(text, str):
                current = _resolve(target, path)
                out.append(Entry(file, path, text, current if isinstance(current, str) else ""))
    return out


def export_po(lang: str, files: tuple[DataFile, ...] = DATA_FILES, everything: bool = False) -> str:
    """A PO catalogue of the texts `lang` still lacks (all texts with `everything`)."""
    catalog = Catalog(locale=lang, project="omringd", fuzzy=False)
    for file in files:
        for entry in entries(file, lang):
            if everything or not entry.translation:
                catalog.add(entry.source, entry.translation, context=entry.context)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False)
    return buffer.getvalue().decode("utf-8")


def import_po(po_text: str, lang: str, files: tuple[DataFile, ...] = DATA_FILES) -> int:
    """Write the translated entries of a PO catalogue into the data files; returns the count."""
    catalog = read_po(io.BytesIO(po_text.encode("utf-8")), locale=lang)
    by_context = {_rel(f.path): f for f in files}
    changed: dict[Path, Any] = {}
    count = 0
    for message in catalog:
        if not message.id or not message.string or not message.context:
            continue
        rel, _, place = message.context.partition(":")
        file = by_context.get(rel)
        if file is None:
            raise DataError(
                rel,
                f"PO entry '{message.context}'",
                "names no known data file",
                valid=", ".join(sorted(by_context)),
            )
        path = tuple(int(p) if p.isdigit() else p for p in place.split("/"))
        target = file.target(lang)
        data = changed.setdefault(target, _load(target))
        source = _resolve(
            _load(file.path), path if file.shape != "by-language" else (SOURCE, *path)
        )
        expected = (
            source.get(SOURCE) if file.shape == "inline" and isinstance(source, dict) else source
        )
        if expected != message.id:
            raise DataError(
                rel,
                f"PO entry '{message.context}'",
                "its Dutch text is no longer the text in the file; export again",
            )
        if file.shape == "inline":
            _resolve(data, path)[lang] = message.string
        else:
            parent_path = (lang, *path[:-1]) if file.shape == "by-language" else path[:-1]
            _ensure(data, parent_path)[path[-1]] = message.string
        count += 1
    for path, data in changed.items():
        buffer = io.StringIO()
        _yaml().dump(data, buffer)
        path.write_text(buffer.getvalue(), encoding="utf-8")
    return count


def main(argv: list[str]) -> int:
    """`export LANG [--all]` prints PO; `import LANG FILE.po` writes it into the data."""
    if len(argv) >= 2 and argv[0] == "export":
        sys.stdout.write(export_po(argv[1], everything="--all" in argv))
        return 0
    if len(argv) == 3 and argv[0] == "import":
        try:
            count = import_po(Path(argv[2]).read_text(encoding="utf-8"), argv[1])
        except DataError as err:
            print(err.message, file=sys.stderr)
            return 1
        print(f"{count} texts written for '{argv[1]}'")
        return 0
    print("usage: python -m omringd.i18n.po export LANG [--all] | import LANG FILE.po")
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
