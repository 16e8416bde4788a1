"""Weekly opening hours: clock times, day names in words (Babel) and Belgian public holidays."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, time
from functools import cache
from typing import Annotated, Literal

import holidays
from babel.dates import format_time, get_day_names
from babel.lists import format_list
from pydantic import AfterValidator

from omringd.core.remembered import remembered

TIMEZONE = "Europe/Brussels"
Day = Literal["mo", "tu", "we", "th", "fr", "sa", "su"]
DAYS: tuple[Day, ...] = ("mo", "tu", "we", "th", "fr", "sa", "su")
_CLOCK = re.compile(r"^(\d{2}):(\d{2})$")


def _check_clock(value: str) -> str:
    m = _CLOCK.match(value)
    if not m:
        raise ValueError(f"{value!r} is not a time written as HH:MM")
    hour, minute = int(m.group(1)), int(m.group(2))
    if minute > 59 or hour > 24 or (hour == 24 and minute != 0):
        raise ValueError(f"{value!r} is not a time of day (00:00 to 24:00)")
    return value


#: A clock time "HH:MM" from 00:00 to 24:00 (24:00 only as a closing time).
Clock = Annotated[str, AfterValidator(_check_clock)]


def minutes(clock: str) -> int:
    """Minutes since midnight of a checked clock time."""
    hour, minute = clock.split(":")
    return int(hour) * 60 + int(minute)


@cache  # Babel formats the same few times on every page that shows opening hours
def clock_text(clock: str, lang: str) -> str:
    """A clock time written for readers of `lang` (24:00 stays 24:00)."""
    if clock == "24:00":
        return "24:00"
    hour, minute = (int(p) for p in clock.split(":"))
    # 24-hour clock in every language, as the "open now" line in the browser writes it.
    return format_time(time(hour, minute), "HH:mm", locale=lang)


# Scripts whose comma is not the Latin one (Babel's list patterns join with "و" instead).
_COMMAS = {"ar": "، ", "fa": "، ", "ur": "، "}


def comma(lang: str) -> str:
    """The comma and space that separate parts of a phrase in `lang`."""
    return _COMMAS.get(lang, ", ")


def day_name(day: Day, lang: str) -> str:
    """The full name of a weekday for `lang`, e.g. 'maandag'."""
    return get_day_names("wide", locale=lang)[DAYS.index(day)]


def days_text(days: Sequence[Day], lang: str, day_range: str) -> str:
    """Days in words, consecutive runs of three or more joined by `day_range`."""
    return _days_text(tuple(days), lang, day_range)


@cache  # the same weekday runs recur on every page that shows opening hours
def _days_text(days: tuple[Day, ...], lang: str, day_range: str) -> str:
    idx = sorted({DAYS.index(d) for d in days})
    runs: list[list[int]] = []
    for i in idx:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    parts: list[str] = []
    for run in runs:
        if len(run) >= 3:
            parts.append(
                day_range.format(
                    first=day_name(DAYS[run[0]], lang), last=day_name(DAYS[run[-1]], lang)
                )
            )
        else:
            parts.extend(day_name(DAYS[i], lang) for i in run)
    return format_list(parts, locale=lang)


@cache
def _holidays(years: tuple[int, ...]) -> Mapping[date, str]:
    # Working them out loads the library's calendars: a tenth of a second of every build.
    pairs = remembered(
        "holidays-be",
        f"holidays {holidays.__version__} BE nl {years}",
        lambda: [
            [day.isoformat(), name]
            for day, name in sorted(
                holidays.country_holidays("BE", years=years, language="nl").items()
            )
        ],
    )
    return {date.fromisoformat(day): name for day, name in pairs}


def belgian_holidays(years: Iterable[int]) -> Mapping[date, str]:
    """Belgian public holidays of `years` from the `holidays` library (date → Dutch name)."""
    return _holidays(tuple(sorted(set(years))))


def holiday_dates(today: date | None = None) -> list[str]:
    """ISO dates of Belgian public holidays this year and the next two, for the browser."""
    year = (today or date.today()).year
    return [d.isoformat() for d in belgian_holidays(range(year - 1, year + 3))]
