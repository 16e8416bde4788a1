"""The contact directory: one checked source for every phone number, e-mail and opening hour.

The model follows Open Referral (HSDS) in spirit: a stable id, per-language texts, audience,
regions served, phones, e-mails, links, weekly schedules, languages and a checked date.

This module holds the strict models of data/contacts.yml; `loading` reads and checks the
file into a `Directory`.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Annotated, Literal

import phonenumbers
from phonenumbers import PhoneNumberFormat, shortnumberinfo
from pydantic import (
    AfterValidator,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from omringd.contacts.hours import DAYS, Clock, Day, minutes
from omringd.core.regions import REGIONS
from omringd.core.validation import StrictModel
from omringd.sources import checked_date

Region = Literal[REGIONS]  # type: ignore[valid-type]
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
#: The date someone last checked an item against its source: a real date, not in the future.
Checked = Annotated[date, AfterValidator(checked_date)]


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
def _formats(number: str, country: str) -> tuple[bool, str, str]:
    """(is short, national format, E.164) of a checked number: parsed once, as every page's
    help box shows the same few numbers."""
    parsed = phonenumbers.parse(number, country)
    if not phonenumbers.is_valid_number(parsed):
        return True, str(parsed.national_number), str(parsed.national_number)
    return (
        False,
        phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL),
        phonenumbers.format_number(parsed, PhoneNumberFormat.E164),
    )


def _abroad(value: str, found: str, country: str) -> str:
    """Why a number of another country is refused, and how to say it is meant."""
    if country == "BE":
        return (
            f"{value!r} is a number in {found}, not in Belgium: the directory is Belgian. If the "
            f"service really is abroad, write 'country: {found}' on this phone"
        )
    return f"{value!r} is a number in {found}, not in {country} as 'country' says"


class Phone(_Model):
    """A phone number, checked with `phonenumbers`: Belgian (and Belgian short numbers such as
    112) unless `country` says explicitly that it is a number abroad."""

    # Declared before `number`: its check reads it.
    country: str = Field(default="BE", pattern=r"^[A-Z]{2}$")
    number: str
    type: Literal["voice", "cell", "fax", "text"] = "voice"
    label: LocalText | None = None

    @field_validator("number")
    @classmethod
    def _valid(cls, value: str, info: ValidationInfo) -> str:
        country = info.data.get("country", "BE")
        try:
            parsed = phonenumbers.parse(value, country)
        except phonenumbers.NumberParseException as err:
            raise ValueError(f"{value!r} is not a phone number ({err})") from None
        if phonenumbers.is_valid_number(parsed):
            found = phonenumbers.region_code_for_number(parsed)
            if found != country:
                raise ValueError(_abroad(value, found, country))
            return value
        if country == "BE" and shortnumberinfo.is_valid_short_number(parsed):
            return value
        raise ValueError(f"{value!r} is not a valid phone number in {country}")

    @property
    def is_short(self) -> bool:
        """Short numbers such as 112 and 1712 have no E.164 form."""
        return _formats(self.number, self.country)[0]

    @property
    def display(self) -> str:
        """The number as the organisation writes it (as in the data), e.g. '078 170 000'; a
        number abroad in its international form, as it is dialled from Belgium."""
        if self.country == "BE" or self.number.startswith("+"):
            return self.number
        parsed = phonenumbers.parse(self.number, self.country)
        return phonenumbers.format_number(parsed, PhoneNumberFormat.INTERNATIONAL)

    @property
    def e164(self) -> str:
        """E.164, e.g. '+3278170000'; short numbers stay as dialled ('112')."""
        return _formats(self.number, self.country)[2]

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
    # True when the source names no region: the card says so (and `regions` stays empty).
    regions_unstated: bool = False
    # False: the hours are shown as the source gives them, without a live "open now" status
    # (e.g. hours from an undated roster).
    live_status: bool = True
    languages: tuple[str, ...] = ()
    note: LocalText | None = None
    # The programme (data/programmes.yml) whose status sentence the card shows.
    status: Id | None = None
    checked: Checked
    source: str

    @field_validator("hours")
    @classmethod
    def _no_overlap(cls, value: tuple[Hours, ...]) -> tuple[Hours, ...]:
        for day in DAYS:
            today = [(minutes(h.opens), minutes(h.closes), h) for h in value if day in h.days]
            spans = sorted(today, key=lambda span: span[:2])
            for (_, end, first), (start, _, second) in zip(spans, spans[1:], strict=False):
                if start < end:
                    raise ValueError(
                        f"on {day} the hours {first.opens}-{first.closes} and "
                        f"{second.opens}-{second.closes} overlap: give each time once"
                    )
        return value

    @model_validator(mode="after")
    def _reachable(self) -> Contact:
        if not (self.phones or self.emails or self.links):
            raise ValueError("a contact needs at least one phone, e-mail or link")
        if self.regions_unstated and self.regions:
            raise ValueError("regions_unstated: true needs an empty 'regions' list")
        if "hours" in self.model_fields_set and not self.hours:
            raise ValueError(
                "'hours' is empty: list the opening hours, or leave 'hours' out when the "
                "source gives none"
            )
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
    """One time slot of the on-call roster: named staff per day (as the source names them, with
    the contact only if the source gives one), or a contact on given days."""

    opens: Clock
    closes: Clock
    contact: Id | None = None
    staff: dict[Day, str] | None = None
    days: tuple[Day, ...] = ()

    @model_validator(mode="after")
    def _shape(self) -> RosterSlot:
        if minutes(self.closes) <= minutes(self.opens):
            raise ValueError(f"closes ({self.closes}) must be after opens ({self.opens})")
        if not self.staff and not self.days:
            raise ValueError("a slot needs 'staff' (per day) or 'days'")
        if self.days and self.contact is None:
            raise ValueError("a slot with 'days' needs the 'contact' that answers then")
        return self

    def on(self, day: Day) -> bool:
        return bool(self.staff and day in self.staff) or day in self.days


class Roster(_Model):
    """A weekly on-call roster, as its source gives it: its own title, no team the source does
    not name, its source and check date."""

    id: Id
    title: LocalText
    note: LocalText | None = None
    checked: Checked
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
