"""Dates, date-times and times as ODK reads them: as days since 1970-01-01, and back.

ODK extends XPath so that a date is a number in arithmetic: the number of
days since the Unix epoch (a date-time adds the fraction of its day). That is
what makes ``(today() - ${naissance}) div 365.25`` an age. Answers and
``now()`` are all local to the laptop, so a time-zone offset written in a
date-time is ignored (wall-clock time): comparing naive with aware times
would otherwise fail, and two answers typed on one laptop must subtract to
what the clock showed between them.
"""

from __future__ import annotations

import datetime
import re

_EPOCH = datetime.datetime(1970, 1, 1)
_DATE_START = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME = re.compile(
    r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}(?:\.[0-9]+)?))?(?:Z|[+-][0-9]{2}:?[0-9]{2})?"
)
_SECONDS_PER_DAY = 86400.0

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def moment(text: str) -> datetime.datetime | None:
    """The wall-clock moment of an ISO date or date-time, or None for anything else."""
    text = text.strip()
    if not _DATE_START.match(text):
        return None
    try:
        found = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    return found.replace(tzinfo=None)


def days(text: str) -> float | None:
    """Days since 1970-01-01 (with the fraction of the day) of a date text, or None."""
    found = moment(text)
    if found is None:
        return None
    return (found - _EPOCH).total_seconds() / _SECONDS_PER_DAY


def second_of_day(text: str) -> float | None:
    """Seconds since midnight of a time such as ``10:30`` or ``10:30:15+02:00``, or None."""
    found = _TIME.fullmatch(text.strip())
    if found is None:
        return None
    hours, minutes, seconds = found.groups()
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds or 0)


def from_days(number: float) -> datetime.datetime | None:
    """The moment ``number`` days after 1970-01-01, or None beyond the calendar."""
    if number != number:
        return None
    try:
        return _EPOCH + datetime.timedelta(days=number)
    except OverflowError:
        return None


def date_text(found: datetime.datetime) -> str:
    return found.date().isoformat()


def date_time_text(found: datetime.datetime) -> str:
    return found.isoformat(timespec="milliseconds" if found.microsecond else "seconds")


def format_moment(found: datetime.datetime, pattern: str) -> str:
    """ODK's format-date and format-date-time: %Y %y %m %n %b %d %e %a %H %h %M %S %3.

    Month and day names are the English abbreviations, whatever the
    laptop's language, so that a guide gives the same text everywhere.
    """
    fields = {
        "Y": f"{found.year:04d}",
        "y": f"{found.year % 100:02d}",
        "m": f"{found.month:02d}",
        "n": str(found.month),
        "b": _MONTHS[found.month - 1],
        "d": f"{found.day:02d}",
        "e": str(found.day),
        "a": _DAYS[found.weekday()],
        "H": f"{found.hour:02d}",
        "h": str(found.hour),
        "M": f"{found.minute:02d}",
        "S": f"{found.second:02d}",
        "3": f"{found.microsecond // 1000:03d}",
    }
    pieces: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "%" and index + 1 < len(pattern):
            code = pattern[index + 1]
            pieces.append(fields.get(code, "%" + code if code != "%" else "%"))
            index += 2
        else:
            pieces.append(char)
            index += 1
    return "".join(pieces)
