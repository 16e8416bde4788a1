"""Reading data/contacts.yml into a checked, cached `Directory`."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pydantic import ValidationError

from omringd.contacts.model import Contact, LocalText, Roster, _File
from omringd.core.errors import DataError
from omringd.core.languages import SOURCE_LANGUAGE
from omringd.core.paths import DATA_DIR
from omringd.core.regions import REGIONS
from omringd.core.validation import raise_first
from omringd.core.yamlio import Loc, load_yaml
from omringd.sources import Registry, is_source, load_registry

CONTACTS_FILE = DATA_DIR / "contacts.yml"


class Directory:
    """The loaded, checked directory."""

    def __init__(self, path: Path, data: _File) -> None:
        self.path = path
        self.contacts: tuple[Contact, ...] = data.contacts
        self.by_id: Mapping[str, Contact] = MappingProxyType({c.id: c for c in data.contacts})
        self.rosters: Mapping[str, Roster] = MappingProxyType({r.id: r for r in data.rosters})
        self.regions: Mapping[str, LocalText] = MappingProxyType(
            {r.id: r.name for r in data.regions}
        )
        self._labels = data.labels

    @property
    def ids(self) -> tuple[str, ...]:
        """Every contact id, in file order."""
        return tuple(self.by_id)

    def text_lang(self, lang: str) -> str:
        """The language the interface texts are shown in: `lang` when every label exists in it,
        else Dutch (the components then carry lang="nl")."""
        texts = self._labels.get(lang, {})
        return lang if set(texts) >= set(self._labels[SOURCE_LANGUAGE]) else SOURCE_LANGUAGE

    def own_labels(self, lang: str) -> Mapping[str, str]:
        """The interface texts written for `lang` itself (no Dutch fallback)."""
        return MappingProxyType(dict(self._labels.get(lang, {})))

    def labels(self, lang: str) -> Mapping[str, str]:
        """Interface texts for `lang`, falling back key by key to Dutch."""
        return MappingProxyType({**self._labels[SOURCE_LANGUAGE], **self._labels.get(lang, {})})

    def get(self, contact_id: str, where: str = "") -> Contact:
        """The contact with `contact_id`; a DataError naming `where` and the valid ids if none."""
        try:
            return self.by_id[contact_id]
        except KeyError:
            raise DataError(
                where or self.path,
                f"contact '{contact_id}'",
                "is not in the contact directory " + str(self.path.name),
                valid=", ".join(self.ids),
            ) from None

    def in_region(self, region: str) -> tuple[Contact, ...]:
        """Contacts serving exactly this region among others (not the all-region ones)."""
        return tuple(c for c in self.contacts if region in c.regions and not self.everywhere(c))

    def everywhere(self, contact: Contact) -> bool:
        """True for contacts that serve every region."""
        return set(contact.regions) == set(REGIONS)

    def registry(self) -> Registry:
        """The sources and programmes the directory's items name (data/sources.yml and
        data/programmes.yml; their languages are checked by the site)."""
        return load_registry()


def _item_ids(data: Any) -> dict[Loc, str]:
    """Labels for list items: `contacts[3]` becomes "contact 'opgroeipunt'"."""
    out: dict[Loc, str] = {}
    if not isinstance(data, dict):
        return out
    for key, label in (("contacts", "contact"), ("rosters", "roster"), ("regions", "region")):
        items = data.get(key)
        if isinstance(items, list):
            for i, item in enumerate(items):
                ident = item.get("id") if isinstance(item, dict) else None
                out[(key, i)] = f"{label} '{ident}'" if ident else f"{label} #{i + 1} (no id)"
    return out


def _check_references(path: Path, doc: Any, data: _File) -> None:
    seen: dict[str, int] = {}
    for i, contact in enumerate(data.contacts):
        if contact.id in seen:
            raise DataError(
                path,
                f"contact '{contact.id}', field id",
                f"duplicate id (also contact #{seen[contact.id] + 1})",
                line=doc.line(("contacts", i, "id")),
            )
        seen[contact.id] = i
    if SOURCE_LANGUAGE not in data.labels:
        raise DataError(path, "labels", f"needs a '{SOURCE_LANGUAGE}' section")
    keys = set(data.labels[SOURCE_LANGUAGE])
    for lang, texts in data.labels.items():
        extra = sorted(set(texts) - keys)
        if extra:
            raise DataError(
                path,
                f"labels, language '{lang}', key '{extra[0]}'",
                "unknown key",
                line=doc.line(("labels", lang, extra[0])),
                valid=", ".join(sorted(keys)),
            )
    region_ids = [r.id for r in data.regions]
    if sorted(region_ids) != sorted(REGIONS):
        raise DataError(path, "regions", "must list every region once", valid=", ".join(REGIONS))
    for i, roster in enumerate(data.rosters):
        refs = [
            (("rosters", i, "slots", j, "contact"), s.contact)
            for j, s in enumerate(roster.slots)
            if s.contact is not None
        ]
        for loc, ref in refs:
            if ref not in seen:
                field = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc[2:])
                field = field.lstrip(".")
                raise DataError(
                    path,
                    f"roster '{roster.id}', field {field}",
                    f"unknown contact '{ref}'",
                    line=doc.line(loc),
                    valid=", ".join(seen),
                )


def _check_sources(path: Path, doc: Any, data: _File) -> None:
    """Every contact and roster names a source (an id of data/sources.yml or a public https://
    address); a contact's `status` is a programme of data/programmes.yml."""
    registry = load_registry()
    known = sorted(registry.sources)
    items = [("contacts", "contact", i, c) for i, c in enumerate(data.contacts)] + [
        ("rosters", "roster", i, r) for i, r in enumerate(data.rosters)
    ]
    for key, label, i, item in items:
        if not is_source(item.source, known):
            raise DataError(
                path,
                f"{label} '{item.id}', field source",
                f"'{item.source}' is not a source",
                line=doc.line((key, i, "source")),
                valid="an id from sources.yml (" + ", ".join(known) + ") or https://…",
            )
    for i, contact in enumerate(data.contacts):
        if contact.status is not None and contact.status not in registry.programmes:
            raise DataError(
                path,
                f"contact '{contact.id}', field status",
                f"'{contact.status}' is not a programme of programmes.yml",
                line=doc.line(("contacts", i, "status")),
                valid=", ".join(registry.programmes),
            )


_ITEM_ID = re.compile(r"^\s*-\s+id:\s*['\"]?([^'\"\s#]+)")
_KEY = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*):")


def _near(err: DataError, path: Path) -> DataError:
    """A YAML syntax error, also naming the contact and field it is in (from the lines above)."""
    if err.line is None or err.where != "YAML syntax":
        return err
    lines = path.read_text(encoding="utf-8").splitlines()[: err.line]
    item = next((m.group(1) for ln in reversed(lines) if (m := _ITEM_ID.match(ln))), None)
    field = next((m.group(1) for ln in reversed(lines) if (m := _KEY.match(ln))), None)
    where = "YAML syntax"
    if item:
        where += f" in contact '{item}'"
    if field:
        where += f", near field {field}"
    return DataError(err.file, where, err.problem, line=err.line)


def parse_directory(path: Path) -> Directory:
    """Load and check `path` (no cache); every problem is a DataError naming file, id, field."""
    try:
        doc = load_yaml(path)
    except DataError as err:
        raise _near(err, path) from err
    if not isinstance(doc.data, dict):
        raise DataError(path, "top level", "must be a mapping with 'labels', 'regions', 'contacts'")
    try:
        data = _File.model_validate(doc.data)
    except ValidationError as err:
        raise_first(doc, err, item_ids=_item_ids(doc.data), model=_File)
        raise  # pragma: no cover - raise_first always raises
    _check_references(path, doc, data)
    _check_sources(path, doc, data)
    return Directory(path, data)


def _stamp(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return 0


@lru_cache(maxsize=8)
def _cached(path: Path, stamp: int) -> Directory:
    return parse_directory(path)


def load_directory(path: Path = CONTACTS_FILE) -> Directory:
    """The checked directory; cached until the file changes, so parsed once per build."""
    return _cached(Path(path), _stamp(Path(path)))
