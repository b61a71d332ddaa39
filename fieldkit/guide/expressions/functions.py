"""The function library: XPath 1.0's and the ones ODK adds, as the ODK XForms spec defines them.

Regular expressions run on RE2 (the ``google-re2`` package), an engine
without backtracking whose time grows with the length of the text and
never explodes: a guide comes from elsewhere, and with Python's own engine
``regex(., '^(a+)+$')`` on a 33-character answer runs past 20 seconds. RE2
refuses the two features that need backtracking (back-references such as
``\\1`` and look-around such as ``(?=…)``); such a pattern is reported when
the guide is checked.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from fieldkit.guide.expressions.dates import (
    date_text,
    date_time_text,
    format_moment,
    from_days,
    moment,
    second_of_day,
)
from fieldkit.guide.expressions.values import (
    NAN,
    Nodes,
    Value,
    as_boolean,
    as_number,
    as_string,
    blank,
    chosen,
    items,
)

_XML_SPACE = re.compile(r"[ \t\r\n]+")

# --- Text --------------------------------------------------------------------


def _index(value: Value) -> int:
    """A number as a string index, the way ODK truncates it (NaN counts as 0)."""
    number = as_number(value)
    if number != number:
        return 0
    return int(max(-1e12, min(1e12, number)))


def _substr(text: Value, start: Value, end: Value | None = None) -> str:
    """ODK's substr: 0-based, end excluded, negative positions count from the end."""
    whole = as_string(text)
    return whole[_index(start) : None if end is None else _index(end)]


def _before(text: Value, mark: Value) -> str:
    whole, found = as_string(text), as_string(mark)
    at = whole.find(found)
    return whole[:at] if at >= 0 else ""


def _after(text: Value, mark: Value) -> str:
    whole, found = as_string(text), as_string(mark)
    at = whole.find(found)
    return whole[at + len(found) :] if at >= 0 else ""


def _translate(text: Value, source: Value, target: Value) -> str:
    """XPath's translate(): each character of ``source`` becomes its match in ``target``."""
    table: dict[int, int | None] = {}
    replacements = as_string(target)
    for position, char in enumerate(as_string(source)):
        if ord(char) not in table:
            table[ord(char)] = ord(replacements[position]) if position < len(replacements) else None
    return as_string(text).translate(table)


def _normalize_space(text: Value) -> str:
    """XPath's normalize-space(): runs of spaces, tabs and line breaks become one space."""
    return " ".join(_XML_SPACE.split(as_string(text))).strip()


def _concat(*parts: Value) -> str:
    """concat(): every value of a node-set counts, as ODK's spec says."""
    return "".join(as_string(one) for part in parts for one in items(part))


def _join(separator: Value, *parts: Value) -> str:
    return as_string(separator).join(as_string(one) for part in parts for one in items(part))


# --- Numbers and node-sets -----------------------------------------------------


def _round(value: Value, digits: Value = 0.0) -> float:
    """XPath rounding (halves go up, towards +Infinity), with ODK's optional digits."""
    number, places = as_number(value), as_number(digits)
    if not math.isfinite(number):
        return number
    if not math.isfinite(places):
        return NAN
    places = max(-400.0, min(400.0, places))
    # Imported here, like RE2 below: few guides round, and every launch pays for an import.
    from decimal import ROUND_HALF_DOWN, ROUND_HALF_UP, Decimal, localcontext

    exact = Decimal(repr(number))  # the shortest decimal, so round(2.675, 2) is 2.68
    rounding = ROUND_HALF_UP if number >= 0 else ROUND_HALF_DOWN
    with localcontext() as context:
        context.prec = 1000
        return float(exact.quantize(Decimal(1).scaleb(-int(places)), rounding=rounding))


def _int(value: Value) -> float:
    number = as_number(value)
    return float(math.trunc(number)) if math.isfinite(number) else number


def _math(calculate: Callable[..., float]) -> Callable[..., float]:
    """A math function on numbers; NaN where it is undefined, as XPath 3.0's are."""

    def apply(*values: Value) -> float:
        try:
            return float(calculate(*(as_number(v) for v in values)))
        except (ValueError, OverflowError, ZeroDivisionError):
            return NAN

    return apply


def _count(value: Value) -> float:
    if isinstance(value, Nodes | tuple):
        return float(len(value.items if isinstance(value, Nodes) else value))
    return 0.0 if value == "" else 1.0


def _count_non_empty(value: Value) -> float:
    if isinstance(value, Nodes):
        return float(sum(1 for one in value.items if not blank(one)))
    return _count(value)


def _sum(value: Value) -> float:
    if isinstance(value, Nodes):
        return sum((as_number(one) for one in value.items), 0.0)
    if isinstance(value, tuple):
        return sum((as_number(one) for one in value), 0.0)
    return as_number(value)


def _extreme(pick: Callable[[list[float]], float]) -> Callable[..., float]:
    """max() and min() over every value given: NaN when there is none or one is not a number."""

    def apply(*values: Value) -> float:
        numbers = [as_number(one) for value in values for one in items(value)]
        if not numbers or any(n != n for n in numbers):
            return NAN
        return pick(numbers)

    return apply


# --- Choices -------------------------------------------------------------------


def _selected_at(value: Value, position: Value) -> str:
    values = chosen(value)
    index = as_number(position)
    if not 0 <= index < len(values):
        return ""
    return values[int(index)]


# --- Dates ---------------------------------------------------------------------


def _moment_of(value: Value) -> datetime.datetime | None:
    """The moment a date, a date-time or a number of days stands for."""
    if isinstance(value, float | bool):
        return from_days(as_number(value))
    text = as_string(value)
    found = moment(text)
    if found is None and text.strip():
        number = as_number(text)
        found = from_days(number) if number == number else None
    return found


def _date(value: Value) -> str:
    found = _moment_of(value)
    return date_text(found) if found is not None else ""


def _date_time(value: Value) -> str:
    found = _moment_of(value)
    return date_time_text(found) if found is not None else ""


def _decimal_time(value: Value) -> float:
    text = as_string(value)
    seconds = second_of_day(text)
    if seconds is None:
        found = moment(text)
        if found is None:
            return NAN
        seconds = found.hour * 3600 + found.minute * 60 + found.second + found.microsecond / 1e6
    return seconds / 86400


def _format_date(value: Value, pattern: Value) -> str:
    found = _moment_of(value)
    return format_moment(found, as_string(pattern)) if found is not None else ""


def _today() -> str:
    return datetime.date.today().isoformat()


def _now() -> str:
    return datetime.datetime.now().astimezone().isoformat(timespec="seconds")


# --- Regular expressions -------------------------------------------------------


@lru_cache(maxsize=1)
def _re2_options() -> Any:
    """RE2's options, with the engine loaded on the first guide that has a regex."""
    import re2

    options = re2.Options()
    options.log_errors = False  # RE2 would print each refused pattern on stderr
    return options


# A lone surrogate (an escape such as "\ud800" in a guide's YAML) is not UTF-8, which
# RE2 reads: in a pattern or a text it stands for U+FFFD, the unreadable character.
_SURROGATES = re.compile("[\ud800-\udfff]")


def _readable(text: str) -> str:
    return _SURROGATES.sub("\ufffd", text)


def compile_pattern(pattern: str) -> Any:
    """Compile an XForms regex with RE2; raises ValueError saying why it is not one."""
    import re2

    try:
        return re2.compile(_readable(pattern), _re2_options())
    except re2.error as problem:
        reason = problem.args[0] if problem.args else problem
        text = reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)
        if ("escape sequence: \\" in text and text[-1:].isdigit()) or "perl operator" in text:
            text += "; back-references and look-around are not supported"
        raise ValueError(text) from None


@lru_cache(maxsize=256)
def _cached_pattern(pattern: str) -> Any:
    try:
        return compile_pattern(pattern)
    except ValueError:
        return None


def pattern_matches(compiled: Any, text: str) -> bool:
    """Whether a compiled pattern is found in ``text``."""
    try:
        return compiled.search(text) is not None
    except UnicodeEncodeError:
        return compiled.search(_readable(text)) is not None


def _regex(text: Value, pattern: Value) -> bool:
    # A pattern computed from answers may be invalid; that is a non-match, not a crash.
    compiled = _cached_pattern(as_string(pattern))
    return compiled is not None and pattern_matches(compiled, as_string(text))


# --- The library -----------------------------------------------------------------


@dataclass(frozen=True)
class Function:
    minimum: int
    maximum: int | None
    apply: Callable[..., Value] | None  # None: compiled specially (lazily, or reading the context)


FUNCTIONS: dict[str, Function] = {
    # choices
    "selected": Function(2, 2, lambda v, x: as_string(x).strip() in chosen(v)),
    "count-selected": Function(1, 1, lambda v: float(len(chosen(v)))),
    "selected-at": Function(2, 2, _selected_at),
    # text
    "string": Function(1, 1, as_string),
    "string-length": Function(1, 1, lambda s: float(len(as_string(s)))),
    "concat": Function(1, None, _concat),
    "join": Function(2, None, _join),
    "contains": Function(2, 2, lambda s, t: as_string(t) in as_string(s)),
    "starts-with": Function(2, 2, lambda s, t: as_string(s).startswith(as_string(t))),
    "ends-with": Function(2, 2, lambda s, t: as_string(s).endswith(as_string(t))),
    "substr": Function(2, 3, _substr),
    "substring-before": Function(2, 2, _before),
    "substring-after": Function(2, 2, _after),
    "translate": Function(3, 3, _translate),
    "normalize-space": Function(1, 1, _normalize_space),
    "regex": Function(2, 2, _regex),
    # booleans and choices between values
    "not": Function(1, 1, lambda b: not as_boolean(b)),
    "true": Function(0, 0, lambda: True),
    "false": Function(0, 0, lambda: False),
    "boolean": Function(1, 1, as_boolean),
    "boolean-from-string": Function(1, 1, lambda s: as_string(s) in ("true", "1")),
    "if": Function(3, 3, None),
    "coalesce": Function(2, 2, None),
    "once": Function(1, 1, None),
    # numbers
    "number": Function(1, 1, as_number),
    "int": Function(1, 1, _int),
    "round": Function(1, 2, _round),
    "floor": Function(1, 1, _math(math.floor)),
    "ceiling": Function(1, 1, _math(math.ceil)),
    "abs": Function(1, 1, _math(abs)),
    "pow": Function(2, 2, _math(math.pow)),
    "sqrt": Function(1, 1, _math(math.sqrt)),
    "exp": Function(1, 1, _math(math.exp)),
    "log": Function(1, 1, _math(math.log)),
    "log10": Function(1, 1, _math(math.log10)),
    "pi": Function(0, 0, lambda: math.pi),
    # node-sets: repeat groups
    "count": Function(1, 1, _count),
    "count-non-empty": Function(1, 1, _count_non_empty),
    "sum": Function(1, 1, _sum),
    "max": Function(1, None, _extreme(max)),
    "min": Function(1, None, _extreme(min)),
    "position": Function(0, 0, None),
    "indexed-repeat": Function(3, 3, None),
    # dates
    "today": Function(0, 0, _today),
    "now": Function(0, 0, _now),
    "date": Function(1, 1, _date),
    "date-time": Function(1, 1, _date_time),
    "decimal-date-time": Function(1, 1, as_number),
    "decimal-time": Function(1, 1, _decimal_time),
    "format-date": Function(2, 2, _format_date),
    "format-date-time": Function(2, 2, _format_date),
}
