"""XPath's values and conversions, comparisons, arithmetic and the function library."""

from __future__ import annotations

import datetime
import math
import numbers
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_DOWN, ROUND_HALF_UP, Decimal, localcontext
from functools import lru_cache

# --- Values and XPath's conversions ------------------------------------------

Value = str | float | bool | tuple[str, ...]
Evaluator = Callable[[Mapping[str, object], object], Value]

_NAN = math.nan
_INF = math.inf
# XPath's number syntax: no exponent, no '+', no 'inf'/'nan' (which float() would accept).
_NUMBER_SYNTAX = re.compile(r"[ \t\r\n]*-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[ \t\r\n]*")


def normalize(raw: object) -> Value:
    """Turn a stored answer into an XPath value; unanswered becomes ''."""
    if raw is None:
        return ""
    if isinstance(raw, str | float | bool):
        return raw
    if isinstance(raw, numbers.Real):
        try:
            return float(raw)
        except OverflowError:  # an integer beyond a double (XPath numbers are doubles)
            return -_INF if str(raw).startswith("-") else _INF
    if isinstance(raw, list | tuple):
        return tuple(as_string(normalize(item)) for item in raw)
    return str(raw)


def _number_text(number: float) -> str:
    """XPath's string form of a number: '3' not '3.0', never an exponent."""
    if number != number:
        return "NaN"
    if number in (_INF, -_INF):
        return "Infinity" if number > 0 else "-Infinity"
    if number == 0:
        return "0"
    text = repr(number)
    if "e" in text:
        text = format(Decimal(text), "f")
    return text.removesuffix(".0")


def as_string(value: Value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _number_text(value)
    return " ".join(value)


def as_number(value: Value) -> float:
    if isinstance(value, float):
        return value
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    text = value if isinstance(value, str) else " ".join(value)
    return float(text) if _NUMBER_SYNTAX.fullmatch(text) else _NAN


def as_boolean(value: Value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value != ""
    if isinstance(value, float):
        return not (value == 0.0 or value != value)
    return len(value) > 0


def _items(value: Value) -> tuple[str, ...]:
    """The chosen values of a select_multiple, whether stored as a list or as text."""
    if isinstance(value, tuple):
        return value
    return tuple(as_string(value).split())


def public(value: Value) -> object:
    return list(value) if isinstance(value, tuple) else value


# --- Comparisons -------------------------------------------------------------

_DATE_START = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME = re.compile(
    r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}(?:\.[0-9]+)?))?(?:Z|[+-][0-9]{2}:?[0-9]{2})?"
)


def _day_number(text: str) -> float | None:
    """Days since year 1 for an ISO date or date-time, or None for anything else.

    A time-zone offset is ignored (wall-clock time): answers and ``now()``
    are all local to the laptop, and comparing naive with aware times would
    otherwise fail.
    """
    if not _DATE_START.match(text):
        return None
    try:
        moment = datetime.datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    seconds = moment.hour * 3600 + moment.minute * 60 + moment.second + moment.microsecond / 1e6
    return moment.toordinal() + seconds / 86400


def _second_of_day(text: str) -> float | None:
    found = _TIME.fullmatch(text.strip())
    if found is None:
        return None
    hours, minutes, seconds = found.groups()
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds or 0)


def equal(left: Value, right: Value) -> bool:
    """XPath ``=``, with text that is not a number compared as text against a number."""
    if isinstance(left, bool) or isinstance(right, bool):
        return as_boolean(left) == as_boolean(right)
    if isinstance(left, float) or isinstance(right, float):
        x, y = as_number(left), as_number(right)
        if x == x and y == y:
            return x == y
        if isinstance(left, float) and isinstance(right, float):
            return False  # NaN equals nothing, as in XPath
    return as_string(left) == as_string(right)


def order(compare: Callable[[float, float], bool], left: Value, right: Value) -> bool:
    """XPath ``<`` and friends: numbers, except that two dates (or times) compare in time."""
    if isinstance(left, str) and isinstance(right, str):
        day_left, day_right = _day_number(left), _day_number(right)
        if day_left is not None and day_right is not None:
            return compare(day_left, day_right)
        second_left, second_right = _second_of_day(left), _second_of_day(right)
        if second_left is not None and second_right is not None:
            return compare(second_left, second_right)
    return compare(as_number(left), as_number(right))


# --- Arithmetic --------------------------------------------------------------


def _divide(x: float, y: float) -> float:
    if y == 0:  # IEEE 754, as XPath: 1 div 0 is Infinity, 0 div 0 is NaN
        if x == 0 or x != x:
            return _NAN
        return math.copysign(_INF, x) * math.copysign(1.0, y)
    return x / y


def _modulo(x: float, y: float) -> float:
    try:
        return math.fmod(x, y)  # truncating, with the sign of the dividend, as XPath
    except ValueError:  # y is 0 or x is infinite
        return _NAN


ARITHMETIC: dict[str, Callable[[float, float], float]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "div": _divide,
    "mod": _modulo,
}
ORDER: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


# --- Functions ---------------------------------------------------------------


def _index(value: Value) -> int:
    """A number as a string index, the way ODK truncates it (NaN counts as 0)."""
    number = as_number(value)
    if number != number:
        return 0
    return int(max(-1e12, min(1e12, number)))


def _round(value: Value, digits: Value = 0.0) -> float:
    """XPath rounding (halves go up, towards +Infinity), with ODK's optional digits."""
    number, places = as_number(value), as_number(digits)
    if not math.isfinite(number):
        return number
    if not math.isfinite(places):
        return _NAN
    places = max(-400.0, min(400.0, places))
    exact = Decimal(repr(number))  # the shortest decimal, so round(2.675, 2) is 2.68
    rounding = ROUND_HALF_UP if number >= 0 else ROUND_HALF_DOWN
    with localcontext() as context:
        context.prec = 1000
        return float(exact.quantize(Decimal(1).scaleb(-int(places)), rounding=rounding))


def _int(value: Value) -> float:
    number = as_number(value)
    return float(math.trunc(number)) if math.isfinite(number) else number


def _substr(text: Value, start: Value, end: Value | None = None) -> str:
    """ODK's substr: 0-based, end excluded, negative positions count from the end."""
    whole = as_string(text)
    return whole[_index(start) : None if end is None else _index(end)]


def _selected_at(value: Value, position: Value) -> str:
    chosen = _items(value)
    index = as_number(position)
    if not 0 <= index < len(chosen):
        return ""
    return chosen[int(index)]


def _count(value: Value) -> float:
    if isinstance(value, tuple):
        return float(len(value))
    return 0.0 if value == "" else 1.0


def _sum(value: Value) -> float:
    if isinstance(value, tuple):
        return sum((as_number(item) for item in value), 0.0)
    return as_number(value)


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Compile an XForms regex; raises ValueError with re's reason when it is not one."""
    try:
        return re.compile(pattern)
    except (re.error, OverflowError, RecursionError) as problem:
        raise ValueError(str(problem)) from None


@lru_cache(maxsize=256)
def _cached_pattern(pattern: str) -> re.Pattern[str] | None:
    try:
        return compile_pattern(pattern)
    except ValueError:
        return None


def _regex(text: Value, pattern: Value) -> bool:
    # A pattern computed from answers may be invalid; that is a non-match, not a crash.
    compiled = _cached_pattern(as_string(pattern))
    return compiled is not None and compiled.search(as_string(text)) is not None


def _today() -> str:
    return datetime.date.today().isoformat()


def _now() -> str:
    return datetime.datetime.now().astimezone().isoformat(timespec="seconds")


def blank(value: Value) -> bool:
    """Unanswered, an empty choice list, or a number computed from unanswered ones."""
    return value == "" or value == () or (isinstance(value, float) and value != value)


@dataclass(frozen=True)
class Function:
    minimum: int
    maximum: int | None
    apply: Callable[..., Value] | None  # None: compiled specially, to evaluate lazily


FUNCTIONS: dict[str, Function] = {
    "selected": Function(2, 2, lambda v, x: as_string(x).strip() in _items(v)),
    "count-selected": Function(1, 1, lambda v: float(len(_items(v)))),
    "selected-at": Function(2, 2, _selected_at),
    "string-length": Function(1, 1, lambda s: float(len(as_string(s)))),
    "not": Function(1, 1, lambda b: not as_boolean(b)),
    "true": Function(0, 0, lambda: True),
    "false": Function(0, 0, lambda: False),
    "boolean": Function(1, 1, as_boolean),
    "number": Function(1, 1, as_number),
    "int": Function(1, 1, _int),
    "round": Function(1, 2, _round),
    "string": Function(1, 1, as_string),
    "concat": Function(1, None, lambda *parts: "".join(as_string(p) for p in parts)),
    "contains": Function(2, 2, lambda s, t: as_string(t) in as_string(s)),
    "starts-with": Function(2, 2, lambda s, t: as_string(s).startswith(as_string(t))),
    "ends-with": Function(2, 2, lambda s, t: as_string(s).endswith(as_string(t))),
    "substr": Function(2, 3, _substr),
    "if": Function(3, 3, None),
    "coalesce": Function(2, 2, None),
    "regex": Function(2, 2, _regex),
    "today": Function(0, 0, _today),
    "now": Function(0, 0, _now),
    "count": Function(1, 1, _count),
    "sum": Function(1, 1, _sum),
}
