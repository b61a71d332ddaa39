"""Checking an answer against its question: type, choices and constraint.

Values arrive as typed Python values (from the window or a dump) or as text
(from the command line); both end up as the one stored form per type, or as a
:class:`FieldkitError` that says in words what is wrong.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from fieldkit.errors import FieldkitError

if TYPE_CHECKING:
    from fieldkit.guide.model import Question

_TEXT_TYPES = frozenset({"text", "long_text"})


#: Unicode's control characters (category Cc) but line feed and tab, and lone
#: surrogates (Cs). One regular expression, because every autosave of a long
#: answer goes through here and a per-character loop cost a millisecond.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Drop control characters other than line breaks and tabs; keep everything else."""
    return _CONTROL_CHARACTERS.sub("", text)


def from_strings(question: Question, raw: Sequence[str]) -> object:
    """Convert command-line words to the question's value type (before checking).

    A single empty word (``""``) clears the answer, whatever the type.
    """
    if list(raw) == [""]:
        return None
    if question.type == "select_multiple":
        return list(raw)
    if len(raw) != 1:
        raise FieldkitError(f"question '{question.id}' takes one value, got {len(raw)}")
    text = raw[0]
    if question.type in {"integer", "scale"}:
        try:
            return int(text)
        except ValueError:
            raise FieldkitError(
                f"question '{question.id}' expects a whole number, not {text!r}"
            ) from None
    if question.type == "decimal":
        try:
            return float(text.replace(",", "."))
        except ValueError:
            raise FieldkitError(
                f"question '{question.id}' expects a number, not {text!r}"
            ) from None
    return text


def normalize(question: Question, value: object) -> object:
    """Return the stored form of ``value`` for ``question``, or raise with the reason.

    ``None`` and empty values clear the answer and are always accepted.
    """
    if value is None or value == "" or value == []:
        return None
    kind = question.type
    if kind in {"note", "repeat"}:
        what = "a note takes no answer" if kind == "note" else "a repeat group takes rows"
        raise FieldkitError(f"question '{question.id}': {what}")
    if kind in _TEXT_TYPES:
        if not isinstance(value, str):
            raise FieldkitError(f"question '{question.id}' expects text")
        return clean_text(value)
    if kind == "select_one":
        return _choice(question, value)
    if kind == "select_multiple":
        return _choices(question, value)
    if kind in {"integer", "scale"}:
        return _integer(question, value)
    if kind == "decimal":
        return _decimal(question, value)
    if kind == "date":
        return _date(question, value)
    if kind in _MOMENTS:
        return _moment(question, value)
    raise FieldkitError(f"question '{question.id}' has an unknown type {kind!r}")


def _choice(question: Question, value: object) -> str:
    known = [c.value for c in question.choices]
    if not isinstance(value, str) or value not in known:
        raise FieldkitError(
            f"question '{question.id}': {value!r} is not one of the choices ({', '.join(known)})"
        )
    return value


def _choices(question: Question, value: object) -> list[str]:
    items = value if isinstance(value, list) else [value]
    chosen = {_choice(question, item) for item in items}
    return [c.value for c in question.choices if c.value in chosen]


def _integer(question: Question, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FieldkitError(f"question '{question.id}' expects a whole number")
    if isinstance(value, float) and not value.is_integer():
        raise FieldkitError(f"question '{question.id}' expects a whole number, not {value}")
    number = int(value)
    if question.type == "scale":
        low, high = question.minimum or 0, question.maximum or 0
        if not low <= number <= high:
            raise FieldkitError(
                f"question '{question.id}' expects a value from {low} to {high}, not {number}"
            )
    return number


def _decimal(question: Question, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise FieldkitError(f"question '{question.id}' expects a number")
    return float(value)


def _date(question: Question, value: object) -> str:
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise FieldkitError(
            f"question '{question.id}' expects a date as YYYY-MM-DD, not {value!r}"
        ) from None


def _moment(question: Question, value: object) -> str:
    """Store a time (HH:MM) or a date and time (ISO 8601), seconds only when there are some."""
    parse, expected = _MOMENTS[question.type]
    try:
        moment = parse(str(value).strip())
    except ValueError:
        raise FieldkitError(f"question '{question.id}' expects {expected}, not {value!r}") from None
    return moment.isoformat(timespec="seconds" if moment.second else "minutes")


def _time_of_day(text: str) -> time:
    """Read HH:MM[:SS], also with a one-digit hour as people type it (9:05)."""
    return time.fromisoformat(f"0{text}" if text[1:2] == ":" else text)


_MOMENTS: dict[str, tuple[Callable[[str], time | datetime], str]] = {
    "time": (_time_of_day, "a time as HH:MM"),
    "datetime": (datetime.fromisoformat, "a date and time as YYYY-MM-DDTHH:MM"),
}


def check_constraint(question: Question, value: object, answers: Mapping[str, object]) -> None:
    """Raise with the guide's own words when a value breaks the question's constraint."""
    if question.constraint is None or value is None:
        return
    if not question.constraint.test(answers, current=value):
        message = question.constraint_message.get() if question.constraint_message else ""
        reason = message or f"the answer does not satisfy {question.constraint.source}"
        raise FieldkitError(f"question '{question.id}': {reason}")


def iso_date(text: str) -> str:
    """A date typed as YYYY-MM-DD, checked (a visit's date)."""
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise FieldkitError(f"not a date: {text!r} (expected YYYY-MM-DD)") from None
