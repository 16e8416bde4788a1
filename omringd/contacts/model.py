"""The contact directory: one checked source for every phone number, e-mail and opening hour.

The model follows Open Referral (HSDS) in spirit: a stable id, per-language texts, audience,
regions served, phones, e-mails, links, weekly schedules, languages and a checked date.

Public API (used by the hooks and the decision tree):

- `load_directory(path) -> Directory` (cached until the file changes)
- `Directory.by_id`, `Directory.ids`, `Directory.contacts`, `Directory.rosters`
- `render_contact`, `render_contacts`, `render_help`, `render_roster`, `render_directory`
  (re-exported from `omringd.contacts.render`)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, Literal, get_args

import phonenumbers
from phonenumbers import PhoneNumberFormat, shortnumberinfo
from pydantic import (
    AfterValidator,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from omringd.contacts.hours import DAYS, Clock, Day, minutes
from omringd.core.errors import DataError
from omringd.core.paths import DATA_DIR
from omringd.core.validation import StrictModel, raise_first
from omringd.core.yamlio import Loc, load_yaml

CONTACTS_FILE = DATA_DIR / "contacts.yml"
SOURCE_LANGUAGE = "nl"

Region = Literal[
    "antwerpen", "limburg", "oost-vlaanderen", "vlaams-brabant", "brussel", "west-vlaanderen"
]
REGIONS: tuple[str, ...] = get_args(Region)
ContactAudience = Literal["parents", "professionals"]
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# Deliberately strict: a local part, an @, a domain with a dot; no spaces, quotes or commas.
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")


_Model = StrictModel


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(f"{value!r} is not an id (lower case letters, digits and hyphens)")
    return value


Id = Annotated[str, AfterValidator(_check_id)]


class LocalText(_Model):
    """A text per language; Dutch is required, other languages fall back to it."""

    nl: str = Field(min_length=1)
    fr: str | None = None
    en: str | None = None
    ar: str | None = None
    tr: str | None = None
    pl: str | None = None

    def get(self, lang: str) -> str:
        """The text in `lang`, or the Dutch text when there is none."""
        return getattr(self, lang, None) or self.nl

    def has(self, lang: str) -> bool:
        """True when the text exists in `lang` itself (no fallback)."""
        return bool(getattr(self, lang, None))


@lru_cache(maxsize=256)
def _formats(number: str) -> tuple[bool, str, str]:
    """(is short, national format, E.164) of a checked number: parsed once, as every page's
    help box shows the same few numbers."""
    parsed = phonenumbers.parse(number, "BE")
    if not phonenumbers.is_valid_number(parsed):
        return True, str(parsed.national_number), str(parsed.national_number)
    return (
        False,
        phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL),
        phonenumbers.format_number(parsed, PhoneNumberFormat.E164),
    )


class Phone(_Model):
    """A phone number, checked with `phonenumbers` (Belgian numbers and short numbers)."""

    number: str
    type: Literal["voice", "cell", "fax", "text"] = "voice"
    label: LocalText | None = None

    @field_validator("number")
    @classmethod
    def _valid(cls, value: str) -> str:
        try:
            parsed = phonenumbers.parse(value, "BE")
        except phonenumbers.NumberParseException as err:
            raise ValueError(f"{value!r} is not a phone number ({err})") from None
        if not (
            phonenumbers.is_valid_number(parsed) or shortnumberinfo.is_valid_short_number(parsed)
        ):
            raise ValueError(f"{value!r} is not a valid Belgian phone number")
        return value

    @property
    def is_short(self) -> bool:
        """Short numbers such as 112 and 1712 have no E.164 form."""
        return _formats(self.number)[0]

    @property
    def display(self) -> str:
        """Belgian national format, e.g. '078 17 00 00'."""
        return _formats(self.number)[1]

    @property
    def e164(self) -> str:
        """E.164, e.g. '+3278170000'; short numbers stay as dialled ('112')."""
        return _formats(self.number)[2]

    @property
    def href(self) -> str:
        """The tel: link."""
        return f"tel:{self.e164}"


class Email(_Model):
    """An e-mail address (checked) with an optional label."""

    address: str
    label: LocalText | None = None

    @field_validator("address")
    @classmethod
    def _valid(cls, value: str) -> str:
        if not _EMAIL.match(value):
            raise ValueError(f"{value!r} is not an e-mail address")
        return value

    @property
    def href(self) -> str:
        """The mailto: link."""
        return f"mailto:{self.address}"


class Link(_Model):
    """A web link: the service's site, an online form or the secure sending service."""

    url: str = Field(pattern=r"^https://[^\s<>\"']+$")
    kind: Literal["website", "form", "secure-send"] = "website"
    label: LocalText


class Hours(_Model):
    """One line of a weekly schedule in Europe/Brussels: these days, from opens to closes."""

    days: tuple[Day, ...] = Field(min_length=1)
    opens: Clock
    closes: Clock

    @model_validator(mode="after")
    def _order(self) -> Hours:
        if self.opens == "24:00":
            raise ValueError("opens cannot be 24:00")
        if minutes(self.closes) <= minutes(self.opens):
            raise ValueError(f"closes ({self.closes}) must be after opens ({self.opens})")
        if len(set(self.days)) != len(self.days):
            raise ValueError("a day is listed twice")
        return self

    @property
    def sorted_days(self) -> tuple[Day, ...]:
        return tuple(d for d in DAYS if d in self.days)


class Contact(_Model):
    """One service, team or line of the directory."""

    id: Id
    name: LocalText
    description: LocalText | None = None
    audience: tuple[ContactAudience, ...] = Field(min_length=1)
    regions: tuple[Region, ...]
    phones: tuple[Phone, ...] = ()
    emails: tuple[Email, ...] = ()
    links: tuple[Link, ...] = ()
    hours: tuple[Hours, ...] = ()
    closed_on_holidays: bool | None = None
    languages: tuple[str, ...] = ()
    note: LocalText | None = None
    checked: date
    source: str

    @model_validator(mode="after")
    def _reachable(self) -> Contact:
        if not (self.phones or self.emails or self.links):
            raise ValueError("a contact needs at least one phone, e-mail or link")
        return self

    @property
    def always_open(self) -> bool:
        """Open day and night on every day (e.g. 112)."""
        return any(
            len(h.days) == 7 and h.opens == "00:00" and h.closes == "24:00" for h in self.hours
        )


class RegionInfo(_Model):
    id: Region
    name: LocalText


class RosterSlot(_Model):
    """One time slot of the on-call roster: named staff per day, or a contact on given days."""

    opens: Clock
    closes: Clock
    contact: Id
    staff: dict[Day, str] | None = None
    days: tuple[Day, ...] = ()

    @model_validator(mode="after")
    def _shape(self) -> RosterSlot:
        if minutes(self.closes) <= minutes(self.opens):
            raise ValueError(f"closes ({self.closes}) must be after opens ({self.opens})")
        if not self.staff and not self.days:
            raise ValueError("a slot needs 'staff' (per day) or 'days'")
        return self

    def on(self, day: Day) -> bool:
        return bool(self.staff and day in self.staff) or day in self.days


class Roster(_Model):
    """The weekly on-call roster of a team."""

    id: Id
    contact: Id
    checked: date
    source: str
    slots: tuple[RosterSlot, ...] = Field(min_length=1)

    @property
    def days(self) -> tuple[Day, ...]:
        return tuple(d for d in DAYS if any(s.on(d) for s in self.slots))


class _File(_Model):
    labels: dict[str, dict[str, str]]
    regions: tuple[RegionInfo, ...]
    contacts: tuple[Contact, ...] = Field(min_length=1)
    rosters: tuple[Roster, ...] = ()


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
        refs = [(("rosters", i, "contact"), roster.contact)] + [
            (("rosters", i, "slots", j, "contact"), s.contact) for j, s in enumerate(roster.slots)
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
        raise_first(doc, err, item_ids=_item_ids(doc.data))
        raise  # pragma: no cover - raise_first always raises
    _check_references(path, doc, data)
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


# The rendering API lives in its own module; re-exported so callers need one import.
from omringd.contacts.render import (  # noqa: E402
    render_contact,
    render_contacts,
    render_directory,
    render_help,
    render_roster,
)

__all__ = [
    "CONTACTS_FILE",
    "REGIONS",
    "Contact",
    "Directory",
    "Email",
    "Hours",
    "LocalText",
    "Phone",
    "Roster",
    "load_directory",
    "parse_directory",
    "render_contact",
    "render_contacts",
    "render_directory",
    "render_help",
    "render_roster",
]
