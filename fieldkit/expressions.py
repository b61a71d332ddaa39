"""XLSForm expressions (``relevant``, ``constraint``): parsed once, evaluated safely.

Guides carry skip logic and constraints written in the XLSForm dialect of
XPath 1.0 (``${origine} = 'autre'``, ``selected(${outils}, 'monetaires')``),
so that guides written for fieldkit and guides imported from ODK or
KoboToolbox share one evaluator. The text comes from files, so it is
tokenized and parsed by hand into a small immutable tree and never handed to
``eval``. The tree is then compiled into nested closures once, because
completion counts evaluate the same few expressions thousands of times.

Values follow the interview's value model: ``None`` (unanswered), ``str``,
``list[str]`` (select_multiple), ``int``/``float`` and ``bool``. Inside the
evaluator they become XPath's types: text, a number (``float``), a boolean,
or a tuple of chosen values that stands in for a node-set.
"""

from __future__ import annotations

import datetime
import math
import numbers
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_DOWN, ROUND_HALF_UP, Decimal, localcontext
from functools import lru_cache

__all__ = [
    "MAX_DEPTH",
    "MAX_LENGTH",
    "Binary",
    "Call",
    "Current",
    "Expression",
    "ExpressionError",
    "Literal",
    "Logical",
    "Negate",
    "Node",
    "Reference",
    "parse",
    "straighten_quotes",
]

MAX_LENGTH = 10_000
"""Longest accepted expression: real ones are a line or two; this bounds the work."""

MAX_DEPTH = 100
"""Deepest accepted nesting, so parsing and evaluation stay well within Python's stack."""


class ExpressionError(ValueError):
    """An expression that cannot be parsed, with where the problem is.

    ``position`` is the 0-based offset of the offending character in the
    source (for highlighting), or ``None`` when the whole text is at fault.
    The message counts characters from 1, as a person reading it would.
    """

    position: int | None

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.position = position


def _error(message: str, position: int) -> ExpressionError:
    return ExpressionError(f"{message} at character {position + 1}", position)


# --- The tree -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Literal:
    """A number or a quoted text written in the expression."""

    value: str | float


@dataclass(frozen=True, slots=True)
class Reference:
    """``${name}``: the answer to another question."""

    name: str


@dataclass(frozen=True, slots=True)
class Current:
    """``.``: the answer to the question being constrained."""


@dataclass(frozen=True, slots=True)
class Negate:
    """Unary minus."""

    operand: Node


@dataclass(frozen=True, slots=True)
class Binary:
    """A comparison (``=`` ``!=`` ``<`` ``<=`` ``>`` ``>=``) or arithmetic (``+ - * div mod``)."""

    operator: str
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Logical:
    """``and`` / ``or`` over two or more operands.

    A chain like ``a or b or c`` is one node rather than a nested pair, so
    the long lists of alternatives guides are fond of do not deepen the tree.
    """

    operator: str
    operands: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Call:
    """A function call such as ``selected(${x}, 'a')``."""

    function: str
    arguments: tuple[Node, ...]


Node = Literal | Reference | Current | Negate | Binary | Logical | Call


# --- The public face ---------------------------------------------------------


@dataclass(frozen=True)
class Expression:
    """A parsed expression, ready to be evaluated many times.

    Build one with :func:`parse`. ``references`` lists every question named
    as ``${name}``, so a guide can be checked for references to questions it
    does not have.
    """

    source: str
    tree: Node = field(repr=False)
    references: frozenset[str] = field(init=False)
    _evaluate: _Evaluator = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names: set[str] = set()
        evaluator = _compile(self.tree, names)
        object.__setattr__(self, "references", frozenset(names))
        object.__setattr__(self, "_evaluate", evaluator)

    def __reduce__(self) -> tuple[Callable[[str], Expression], tuple[str]]:
        # The compiled closures cannot be pickled or deep-copied; the source can.
        return parse, (self.source,)

    def evaluate(self, values: Mapping[str, object], current: object = None) -> object:
        """The expression's value: text, a float, a bool, or a list of chosen values.

        ``values`` maps question ids to answers (a missing id is unanswered);
        ``current`` is the answer ``.`` stands for. Never raises on odd data:
        XPath gives every operation on any value a result (NaN at worst).
        """
        return _public(self._evaluate(values, current))

    def test(self, values: Mapping[str, object], current: object = None) -> bool:
        """Whether the expression holds (XPath ``boolean()`` of its value)."""
        return _boolean(self._evaluate(values, current))


def parse(source: str) -> Expression:
    """Parse an XLSForm expression, raising ExpressionError with a position if it is not one."""
    if len(source) > MAX_LENGTH:
        raise ExpressionError(
            f"expression is too long ({len(source)} characters; the limit is {MAX_LENGTH})"
        )
    tokens = _tokenize(source)
    if tokens[0].kind == _END:
        raise ExpressionError("the expression is empty", 0)
    return Expression(source, _Parser(source, tokens).parse())


def straighten_quotes(source: str) -> str:
    """Rewrite texts quoted with curly quotes (‘…’, “…”) with straight quotes.

    Spreadsheets and word processors curl quotes as they are typed. The parser
    takes them as they come, but a guide written out for people and for other
    XLSForm tools should carry the plain form. A text that holds both kinds of
    straight quote keeps its curly ones. Raises ExpressionError, like
    :func:`parse`, where the source cannot be read.
    """
    pieces: list[str] = []
    done = 0
    for token in _tokenize(source):
        if token.kind != _TEXT or source[token.start] in "'\"":
            continue
        quote = next((q for q in "'\"" if q not in token.value), None)
        if quote is not None:
            pieces += [source[done : token.start], quote, token.value, quote]
            done = token.end
    return "".join(pieces) + source[done:]


# --- Tokens ------------------------------------------------------------------

_NUMBER, _TEXT, _REFERENCE, _CURRENT, _NAME, _SYMBOL, _END = (
    "number",
    "text",
    "reference",
    "current",
    "name",
    "symbol",
    "end",
)


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str
    value: str  # the symbol or name, the text inside quotes, or the referenced name
    start: int
    end: int


# Word processors turn quotes into curly ones; either curly quote of a pair closes it.
_CLOSING_QUOTES = {"'": "'", '"': '"', "‘": "‘’", "’": "‘’", "“": "“”", "”": "“”"}
_NUMBER_TOKEN = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+")
# ':' lets a prefixed name such as jr:choice-name reach the "unknown function" message whole.
_NAME_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_:-]*")
_QUESTION_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_SYMBOLS = ("!=", "<=", ">=", "=", "<", ">", "+", "-", "*", "(", ")", ",")


def _tokenize(source: str) -> list[_Token]:
    tokens: list[_Token] = []
    position, length = 0, len(source)
    while position < length:
        char = source[position]
        if char.isspace():  # includes the non-breaking spaces of pasted text
            position += 1
            continue
        start = position
        if char == "$":
            question, position = _scan_reference(source, position)
            tokens.append(_Token(_REFERENCE, question, start, position))
        elif char in _CLOSING_QUOTES:
            ends = (source.find(quote, start + 1) for quote in _CLOSING_QUOTES[char])
            closing = min((end for end in ends if end >= 0), default=-1)
            if closing < 0:
                raise _error("unclosed quote", start)
            tokens.append(_Token(_TEXT, source[start + 1 : closing], start, closing + 1))
            position = closing + 1
        elif number := _NUMBER_TOKEN.match(source, position):
            position = number.end()
            tokens.append(_Token(_NUMBER, number.group(), start, position))
        elif char == ".":
            position += 1
            tokens.append(_Token(_CURRENT, ".", start, position))
        elif name := _NAME_TOKEN.match(source, position):
            position = name.end()
            tokens.append(_Token(_NAME, name.group(), start, position))
        elif source.startswith("==", position):
            raise _error("'==' is not an operator (write '=')", start)
        else:
            symbol = next((s for s in _SYMBOLS if source.startswith(s, position)), None)
            if symbol is None:
                raise _error(f"unexpected character '{char}'", start)
            position += len(symbol)
            tokens.append(_Token(_SYMBOL, symbol, start, position))
    tokens.append(_Token(_END, "", length, length))
    return tokens


def _scan_reference(source: str, start: int) -> tuple[str, int]:
    """Read ``${name}`` at ``start``; return the name and the offset after '}'."""
    if not source.startswith("${", start):
        raise _error("'$' must start a reference written ${name}", start)
    name = _QUESTION_NAME.match(source, start + 2)
    if name is None:
        raise _error("expected a question name after '${'", start + 2)
    if not source.startswith("}", name.end()):
        raise _error(f"expected '}}' to close the reference '${{{name.group()}'", name.end())
    return name.group(), name.end() + 1


# --- The parser --------------------------------------------------------------

# XPath's binding powers, loosest first; unary minus binds tighter than all of them.
_BINARY_POWER = {
    "or": 1,
    "and": 2,
    "=": 3,
    "!=": 3,
    "<": 4,
    "<=": 4,
    ">": 4,
    ">=": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "div": 6,
    "mod": 6,
}
_UNARY_POWER = 7
_WORD_OPERATORS = frozenset({"and", "or", "div", "mod"})


class _Parser:
    """A Pratt parser over the token list; each method returns a node and its depth.

    Two limits keep Python's stack safe. ``nesting`` counts the parser's own
    recursion (parentheses, unary minus, function arguments), checked before
    recursing. The depth of the tree (0 for a leaf) bounds compilation and
    evaluation, which recurse along it; it is tracked alongside the nodes so a
    too-deep tree is refused where it is built, at the operator that made it so.
    """

    def __init__(self, source: str, tokens: list[_Token]) -> None:
        self.source = source
        self.tokens = tokens
        self.index = 0

    def parse(self) -> Node:
        node, _ = self.expression(0, 0)
        token = self.peek()
        if token.kind != _END:
            raise self.unexpected(token)
        return node

    def peek(self) -> _Token:
        return self.tokens[self.index]

    def advance(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def expression(self, min_power: int, nesting: int) -> tuple[Node, int]:
        if nesting > MAX_DEPTH:  # point at the '(' or '-' that opened one level too many
            raise self.too_deep(self.tokens[self.index - 1].start)
        left, depth = self.operand(nesting)
        while True:
            token = self.peek()
            power = self.binary_power(token)
            if power is None or power <= min_power:
                return left, depth
            self.advance()
            right, right_depth = self.expression(power, nesting + 1)
            kind = token.value
            if kind not in ("and", "or"):
                left, depth = Binary(kind, left, right), max(depth, right_depth) + 1
            elif isinstance(left, Logical) and left.operator == kind:
                # The chain grows sideways, not deeper.
                left, depth = Logical(kind, (*left.operands, right)), max(depth, right_depth + 1)
            else:
                left, depth = Logical(kind, (left, right)), max(depth, right_depth) + 1
            if depth > MAX_DEPTH:
                raise self.too_deep(token.start)

    def binary_power(self, token: _Token) -> int | None:
        if token.kind == _SYMBOL or (token.kind == _NAME and token.value in _WORD_OPERATORS):
            return _BINARY_POWER.get(token.value)
        return None

    def operand(self, nesting: int) -> tuple[Node, int]:
        token = self.advance()
        if token.kind == _NUMBER:
            return Literal(float(token.value)), 0
        if token.kind == _TEXT:
            return Literal(token.value), 0
        if token.kind == _REFERENCE:
            return Reference(token.value), 0
        if token.kind == _CURRENT:
            return Current(), 0
        if token.kind == _SYMBOL and token.value == "(":
            inner, depth = self.expression(0, nesting + 1)
            self.expect_closing(token)
            return inner, depth
        if token.kind == _SYMBOL and token.value == "-":
            operand, depth = self.expression(_UNARY_POWER, nesting + 1)
            if depth + 1 > MAX_DEPTH:
                raise self.too_deep(token.start)
            return Negate(operand), depth + 1
        if token.kind == _NAME and self.peek().value == "(" and self.peek().kind == _SYMBOL:
            return self.call(token, nesting)
        raise self.unexpected(token)

    def call(self, name: _Token, nesting: int) -> tuple[Node, int]:
        function = _FUNCTIONS.get(name.value)
        if function is None:
            raise _error(f"unknown function '{name.value}'", name.start)
        opening = self.advance()
        arguments: list[Node] = []
        starts: list[int] = []
        depth = 0
        if not (self.peek().kind == _SYMBOL and self.peek().value == ")"):
            while True:
                starts.append(self.peek().start)
                argument, argument_depth = self.expression(0, nesting + 1)
                arguments.append(argument)
                depth = max(depth, argument_depth)
                if not (self.peek().kind == _SYMBOL and self.peek().value == ","):
                    break
                self.advance()
        self.expect_closing(opening)
        count = len(arguments)
        if count < function.minimum or (function.maximum is not None and count > function.maximum):
            raise _error(f"{name.value}() {_arity(function)} (given {count})", name.start)
        if name.value == "regex" and isinstance(arguments[1], Literal):
            pattern = arguments[1].value
            if isinstance(pattern, str):
                try:
                    _compile_pattern(pattern)
                except ValueError as problem:
                    raise _error(f"invalid regular expression ({problem})", starts[1]) from None
        if depth + 1 > MAX_DEPTH:
            raise self.too_deep(name.start)
        return Call(name.value, tuple(arguments)), depth + 1

    def expect_closing(self, opening: _Token) -> None:
        token = self.advance()
        if token.kind == _SYMBOL and token.value == ")":
            return
        if token.kind == _END:
            raise _error("missing ')' to close the '(' opened", opening.start)
        raise self.unexpected(token)

    def unexpected(self, token: _Token) -> ExpressionError:
        if token.kind == _END:
            last = self.tokens[-2]  # parse() refused an empty expression already
            return ExpressionError(
                f"the expression ends too early after {self.describe(last)}", token.start
            )
        message = f"unexpected {self.describe(token)}"
        if token.kind == _NAME and token.value.lower() in _WORD_OPERATORS:
            if token.value not in _WORD_OPERATORS:
                message += f" (operators are written in lower case: {token.value.lower()})"
        elif token.kind == _NAME and not self.source[token.end :].lstrip().startswith("("):
            message += self.name_hint(token.value)
        return _error(message, token.start)

    def name_hint(self, name: str) -> str:
        """Guess what a bare word was meant to be: a function call, a text or a question."""
        if name in _FUNCTIONS:
            return f" (a function needs parentheses: {name}())"
        return f" (quote text as '{name}', refer to a question as ${{{name}}})"

    def describe(self, token: _Token) -> str:
        shown = self.source[token.start : token.end]
        if len(shown) > 30:
            shown = shown[:27] + "..."
        if token.kind == _TEXT:
            return f"text {shown}"
        if token.kind == _REFERENCE:
            return f"reference {shown}"
        return f"'{shown}'"

    def too_deep(self, position: int) -> ExpressionError:
        return _error(
            f"the expression is nested too deeply (the limit is {MAX_DEPTH} levels)", position
        )


def _arity(function: _Function) -> str:
    def arguments(count: int) -> str:
        return f"{count} argument{'' if count == 1 else 's'}"

    if function.maximum is None:
        return f"takes at least {arguments(function.minimum)}"
    if function.minimum == function.maximum:
        return f"takes {arguments(function.minimum)}"
    return f"takes {function.minimum} to {arguments(function.maximum)}"


# --- Values and XPath's conversions ------------------------------------------

_Value = str | float | bool | tuple[str, ...]
_Evaluator = Callable[[Mapping[str, object], object], _Value]

_NAN = math.nan
_INF = math.inf
# XPath's number syntax: no exponent, no '+', no 'inf'/'nan' (which float() would accept).
_NUMBER_SYNTAX = re.compile(r"[ \t\r\n]*-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[ \t\r\n]*")


def _normalize(raw: object) -> _Value:
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
        return tuple(_string(_normalize(item)) for item in raw)
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


def _string(value: _Value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _number_text(value)
    return " ".join(value)


def _number(value: _Value) -> float:
    if isinstance(value, float):
        return value
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    text = value if isinstance(value, str) else " ".join(value)
    return float(text) if _NUMBER_SYNTAX.fullmatch(text) else _NAN


def _boolean(value: _Value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value != ""
    if isinstance(value, float):
        return not (value == 0.0 or value != value)
    return len(value) > 0


def _items(value: _Value) -> tuple[str, ...]:
    """The chosen values of a select_multiple, whether stored as a list or as text."""
    if isinstance(value, tuple):
        return value
    return tuple(_string(value).split())


def _public(value: _Value) -> object:
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


def _equal(left: _Value, right: _Value) -> bool:
    """XPath ``=``, with text that is not a number compared as text against a number."""
    if isinstance(left, bool) or isinstance(right, bool):
        return _boolean(left) == _boolean(right)
    if isinstance(left, float) or isinstance(right, float):
        x, y = _number(left), _number(right)
        if x == x and y == y:
            return x == y
        if isinstance(left, float) and isinstance(right, float):
            return False  # NaN equals nothing, as in XPath
    return _string(left) == _string(right)


def _order(compare: Callable[[float, float], bool], left: _Value, right: _Value) -> bool:
    """XPath ``<`` and friends: numbers, except that two dates (or times) compare in time."""
    if isinstance(left, str) and isinstance(right, str):
        day_left, day_right = _day_number(left), _day_number(right)
        if day_left is not None and day_right is not None:
            return compare(day_left, day_right)
        second_left, second_right = _second_of_day(left), _second_of_day(right)
        if second_left is not None and second_right is not None:
            return compare(second_left, second_right)
    return compare(_number(left), _number(right))


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


_ARITHMETIC: dict[str, Callable[[float, float], float]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "div": _divide,
    "mod": _modulo,
}
_ORDER: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


# --- Functions ---------------------------------------------------------------


def _index(value: _Value) -> int:
    """A number as a string index, the way ODK truncates it (NaN counts as 0)."""
    number = _number(value)
    if number != number:
        return 0
    return int(max(-1e12, min(1e12, number)))


def _round(value: _Value, digits: _Value = 0.0) -> float:
    """XPath rounding (halves go up, towards +Infinity), with ODK's optional digits."""
    number, places = _number(value), _number(digits)
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


def _int(value: _Value) -> float:
    number = _number(value)
    return float(math.trunc(number)) if math.isfinite(number) else number


def _substr(text: _Value, start: _Value, end: _Value | None = None) -> str:
    """ODK's substr: 0-based, end excluded, negative positions count from the end."""
    whole = _string(text)
    return whole[_index(start) : None if end is None else _index(end)]


def _selected_at(value: _Value, position: _Value) -> str:
    chosen = _items(value)
    index = _number(position)
    if not 0 <= index < len(chosen):
        return ""
    return chosen[int(index)]


def _count(value: _Value) -> float:
    if isinstance(value, tuple):
        return float(len(value))
    return 0.0 if value == "" else 1.0


def _sum(value: _Value) -> float:
    if isinstance(value, tuple):
        return sum((_number(item) for item in value), 0.0)
    return _number(value)


def _compile_pattern(pattern: str) -> re.Pattern[str]:
    """Compile an XForms regex; raises ValueError with re's reason when it is not one."""
    try:
        return re.compile(pattern)
    except (re.error, OverflowError, RecursionError) as problem:
        raise ValueError(str(problem)) from None


@lru_cache(maxsize=256)
def _cached_pattern(pattern: str) -> re.Pattern[str] | None:
    try:
        return _compile_pattern(pattern)
    except ValueError:
        return None


def _regex(text: _Value, pattern: _Value) -> bool:
    # A pattern computed from answers may be invalid; that is a non-match, not a crash.
    compiled = _cached_pattern(_string(pattern))
    return compiled is not None and compiled.search(_string(text)) is not None


def _today() -> str:
    return datetime.date.today().isoformat()


def _now() -> str:
    return datetime.datetime.now().astimezone().isoformat(timespec="seconds")


def _blank(value: _Value) -> bool:
    """Unanswered, an empty choice list, or a number computed from unanswered ones."""
    return value == "" or value == () or (isinstance(value, float) and value != value)


@dataclass(frozen=True)
class _Function:
    minimum: int
    maximum: int | None
    apply: Callable[..., _Value] | None  # None: compiled specially, to evaluate lazily


_FUNCTIONS: dict[str, _Function] = {
    "selected": _Function(2, 2, lambda v, x: _string(x).strip() in _items(v)),
    "count-selected": _Function(1, 1, lambda v: float(len(_items(v)))),
    "selected-at": _Function(2, 2, _selected_at),
    "string-length": _Function(1, 1, lambda s: float(len(_string(s)))),
    "not": _Function(1, 1, lambda b: not _boolean(b)),
    "true": _Function(0, 0, lambda: True),
    "false": _Function(0, 0, lambda: False),
    "boolean": _Function(1, 1, _boolean),
    "number": _Function(1, 1, _number),
    "int": _Function(1, 1, _int),
    "round": _Function(1, 2, _round),
    "string": _Function(1, 1, _string),
    "concat": _Function(1, None, lambda *parts: "".join(_string(p) for p in parts)),
    "contains": _Function(2, 2, lambda s, t: _string(t) in _string(s)),
    "starts-with": _Function(2, 2, lambda s, t: _string(s).startswith(_string(t))),
    "ends-with": _Function(2, 2, lambda s, t: _string(s).endswith(_string(t))),
    "substr": _Function(2, 3, _substr),
    "if": _Function(3, 3, None),
    "coalesce": _Function(2, 2, None),
    "regex": _Function(2, 2, _regex),
    "today": _Function(0, 0, _today),
    "now": _Function(0, 0, _now),
    "count": _Function(1, 1, _count),
    "sum": _Function(1, 1, _sum),
}


# --- Compilation to closures -------------------------------------------------


def _compile(node: Node, names: set[str]) -> _Evaluator:
    """Turn a tree into one closure, collecting the ``${name}``s it reads."""
    match node:
        case Literal(value=value):
            return lambda values, current: value
        case Reference(name=name):
            names.add(name)
            return lambda values, current: _normalize(values.get(name))
        case Current():
            return lambda values, current: _normalize(current)
        case Negate(operand=operand):
            inner = _compile(operand, names)
            return lambda values, current: -_number(inner(values, current))
        case Logical(operator=kind, operands=operands):
            return _compile_logical(kind, tuple(_compile(o, names) for o in operands))
        case Binary(operator=kind, left=left_node, right=right_node):
            left, right = _compile(left_node, names), _compile(right_node, names)
            return _compile_binary(kind, left, right)
        case Call(function=function, arguments=arguments):
            return _compile_call(function, arguments, names)
    raise AssertionError(f"unknown node {node!r}")  # pragma: no cover - the union is closed


def _compile_logical(kind: str, parts: tuple[_Evaluator, ...]) -> _Evaluator:
    if len(parts) == 2:
        first, second = parts
        if kind == "and":
            return lambda v, c: _boolean(first(v, c)) and _boolean(second(v, c))
        return lambda v, c: _boolean(first(v, c)) or _boolean(second(v, c))
    if kind == "and":
        return lambda v, c: all(_boolean(part(v, c)) for part in parts)
    return lambda v, c: any(_boolean(part(v, c)) for part in parts)


def _compile_binary(kind: str, left: _Evaluator, right: _Evaluator) -> _Evaluator:
    if kind == "=":
        return lambda v, c: _equal(left(v, c), right(v, c))
    if kind == "!=":
        return lambda v, c: not _equal(left(v, c), right(v, c))
    if kind in _ORDER:
        compare = _ORDER[kind]
        return lambda v, c: _order(compare, left(v, c), right(v, c))
    calculate = _ARITHMETIC[kind]
    return lambda v, c: calculate(_number(left(v, c)), _number(right(v, c)))


def _compile_call(function: str, arguments: tuple[Node, ...], names: set[str]) -> _Evaluator:
    compiled = tuple(_compile(argument, names) for argument in arguments)
    if function == "if":  # only the chosen branch is evaluated
        condition, then, otherwise = compiled
        return lambda v, c: then(v, c) if _boolean(condition(v, c)) else otherwise(v, c)
    if function == "coalesce":  # the fallback is evaluated only when needed
        first, fallback = compiled

        def coalesce(values: Mapping[str, object], current: object) -> _Value:
            value = first(values, current)
            return fallback(values, current) if _blank(value) else value

        return coalesce
    pattern = arguments[1] if function == "regex" else None
    if isinstance(pattern, Literal) and isinstance(pattern.value, str):
        fixed = _compile_pattern(pattern.value)  # checked by the parser already
        text = compiled[0]
        return lambda v, c: fixed.search(_string(text(v, c))) is not None
    apply = _FUNCTIONS[function].apply
    assert apply is not None, function
    if not compiled:
        return lambda v, c: apply()
    if len(compiled) == 1:
        (only,) = compiled
        return lambda v, c: apply(only(v, c))
    if len(compiled) == 2:
        first, second = compiled
        return lambda v, c: apply(first(v, c), second(v, c))
    return lambda v, c: apply(*(part(v, c) for part in compiled))
