"""XPath's values, their conversions, comparisons and arithmetic, as ODK extends them.

Inside the evaluator an answer is one of XPath's types: text, a number
(``float``), a boolean, a tuple of chosen values (a select_multiple), or
:class:`Nodes`, a node-set holding one value per repeat row (a repeat
group's column read outside its rows). Dates are text, and numbers of days
in arithmetic (see :mod:`.dates`).
"""

from __future__ import annotations

import math
import numbers
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from fieldkit.guide.expressions.dates import days, second_of_day

Item = str | float | bool | tuple[str, ...]
"""One node's value: text, a number, a boolean, or the chosen values of a select_multiple."""


@dataclass(frozen=True, slots=True)
class Nodes:
    """A node-set: a repeat column's value in each row, or the repeat's rows themselves.

    As in XPath, it counts and sums whole, compares true when any of its
    values does, and reads as its first value where one value is wanted.
    """

    items: tuple[Item, ...]


Value = Item | Nodes
Evaluator = Callable[[Mapping[str, object], object], Value]

NAN = math.nan
INF = math.inf
# XPath's number syntax: no exponent, no '+', no 'inf'/'nan' (which float() would accept).
_NUMBER_SYNTAX = re.compile(r"[ \t\r\n]*-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[ \t\r\n]*")


def normalize(raw: object) -> Value:
    """Turn a stored answer into an XPath value; unanswered becomes ''.

    A list of mappings is a repeat group's rows: a node-set whose values
    are the rows' texts. Any other list is a select_multiple's choices.
    """
    if raw is None:
        return ""
    if isinstance(raw, str | float | bool | Nodes):
        return raw
    if isinstance(raw, numbers.Real):
        try:
            return float(raw)
        except OverflowError:  # an integer beyond a double (XPath numbers are doubles)
            return -INF if str(raw).startswith("-") else INF
    if isinstance(raw, list | tuple):
        if any(isinstance(item, Mapping) for item in raw):
            return Nodes(tuple(_row_text(row) for row in raw))
        return tuple(as_string(normalize(item)) for item in raw)
    return str(raw)


def _row_text(row: object) -> str:
    """A repeat row's string value: its answers' texts run together, as XPath reads an element."""
    if not isinstance(row, Mapping):
        return as_string(normalize(row))
    return "".join(as_string(item(value)) for value in row.values())


def item(raw: object) -> Item:
    """One node's value (a node-set inside a node-set reads as its first value)."""
    value = normalize(raw)
    if isinstance(value, Nodes):
        return value.items[0] if value.items else ""
    return value


def _number_text(number: float) -> str:
    """XPath's string form of a number: '3' not '3.0', never an exponent."""
    if number != number:
        return "NaN"
    if number in (INF, -INF):
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
    if isinstance(value, Nodes):
        return as_string(value.items[0]) if value.items else ""
    return " ".join(value)


def as_number(value: Value) -> float:
    """XPath's number(), which ODK extends: a date is its number of days since 1970."""
    if isinstance(value, float):
        return value
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, Nodes):
        return as_number(value.items[0]) if value.items else NAN
    text = value if isinstance(value, str) else " ".join(value)
    if _NUMBER_SYNTAX.fullmatch(text):
        return float(text)
    found = days(text)
    return NAN if found is None else found


def as_boolean(value: Value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value != ""
    if isinstance(value, float):
        return not (value == 0.0 or value != value)
    if isinstance(value, Nodes):
        return len(value.items) > 0
    return len(value) > 0


def items(value: Value) -> tuple[Item, ...]:
    """The values a node-set holds, or the one value itself."""
    return value.items if isinstance(value, Nodes) else (value,)


def chosen(value: Value) -> tuple[str, ...]:
    """The chosen values of a select_multiple, whether stored as a list or as text."""
    if isinstance(value, Nodes):
        value = value.items[0] if value.items else ""
    if isinstance(value, tuple):
        return value
    return tuple(as_string(value).split())


def blank(value: Value) -> bool:
    """Unanswered, an empty choice list, or a number computed from unanswered ones."""
    if isinstance(value, Nodes):
        return all(blank(one) for one in value.items)
    return value == "" or value == () or (isinstance(value, float) and value != value)


def public(value: Value) -> object:
    """The value as the evaluator hands it out: a list for choices, one per row for a node-set."""
    if isinstance(value, Nodes):
        return [public(one) for one in value.items]
    return list(value) if isinstance(value, tuple) else value


# --- Comparisons -------------------------------------------------------------


def equal(left: Value, right: Value) -> bool:
    """XPath ``=``: a node-set equals when any of its values does."""
    if isinstance(left, bool) or isinstance(right, bool):
        return as_boolean(left) == as_boolean(right)
    if isinstance(left, Nodes) or isinstance(right, Nodes):
        return any(_equal_one(x, y) for x in items(left) for y in items(right))
    return _equal_one(left, right)


def unequal(left: Value, right: Value) -> bool:
    """XPath ``!=``: a node-set differs when any of its values does (so not ``not(=)``)."""
    if isinstance(left, bool) or isinstance(right, bool):
        return as_boolean(left) != as_boolean(right)
    if isinstance(left, Nodes) or isinstance(right, Nodes):
        return any(not _equal_one(x, y) for x in items(left) for y in items(right))
    return not _equal_one(left, right)


def _equal_one(left: Item, right: Item) -> bool:
    """Two single values: with a number on one side, text that is a number compares as one."""
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
    """XPath ``<`` and friends: numbers (dates are days), except that two times compare in time."""
    return any(_order_one(compare, x, y) for x in items(left) for y in items(right))


def _order_one(compare: Callable[[float, float], bool], left: Item, right: Item) -> bool:
    if isinstance(left, str) and isinstance(right, str):
        second_left, second_right = second_of_day(left), second_of_day(right)
        if second_left is not None and second_right is not None:
            return compare(second_left, second_right)
    return compare(as_number(left), as_number(right))


# --- Arithmetic --------------------------------------------------------------


def _divide(x: float, y: float) -> float:
    if y == 0:  # IEEE 754, as XPath: 1 div 0 is Infinity, 0 div 0 is NaN
        if x == 0 or x != x:
            return NAN
        return math.copysign(INF, x) * math.copysign(1.0, y)
    return x / y


def _modulo(x: float, y: float) -> float:
    try:
        return math.fmod(x, y)  # truncating, with the sign of the dividend, as XPath
    except ValueError:  # y is 0 or x is infinite
        return NAN


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
