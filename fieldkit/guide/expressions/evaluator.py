"""Expressions compiled once into closures, and the public face: :func:`parse`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from fieldkit.guide.expressions.functions import FUNCTIONS, compile_pattern, pattern_matches
from fieldkit.guide.expressions.parser import Parser
from fieldkit.guide.expressions.scope import Scope
from fieldkit.guide.expressions.tokens import END, TEXT, tokenize
from fieldkit.guide.expressions.tree import (
    MAX_LENGTH,
    Binary,
    Call,
    Current,
    ExpressionError,
    Literal,
    Logical,
    Negate,
    Node,
    Reference,
)
from fieldkit.guide.expressions.values import (
    ARITHMETIC,
    ORDER,
    Evaluator,
    Value,
    as_boolean,
    as_number,
    as_string,
    blank,
    equal,
    item,
    normalize,
    order,
    public,
    unequal,
)

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
    _evaluate: Evaluator = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names: set[str] = set()
        evaluator = compile_tree(self.tree, names)
        object.__setattr__(self, "references", frozenset(names))
        object.__setattr__(self, "_evaluate", evaluator)

    def __reduce__(self) -> tuple[Callable[[str], Expression], tuple[str]]:
        # The compiled closures cannot be pickled or deep-copied; the source can.
        return parse, (self.source,)

    def evaluate(self, values: Mapping[str, object], current: object = None) -> object:
        """The expression's value: text, a float, a bool, or a list of chosen values.

        ``values`` maps question ids to answers (a missing id is unanswered;
        a repeat group's answer is its list of rows), or is a
        :class:`~fieldkit.guide.expressions.scope.Scope` that places the
        expression in one repeat row; ``current`` is the answer ``.`` stands
        for. Never raises on odd data: XPath gives every operation on any
        value a result (NaN at worst).
        """
        return public(self._evaluate(values, current))

    def test(self, values: Mapping[str, object], current: object = None) -> bool:
        """Whether the expression holds (XPath ``boolean()`` of its value)."""
        return as_boolean(self._evaluate(values, current))


def parse(source: str) -> Expression:
    """Parse an XLSForm expression, raising ExpressionError with a position if it is not one."""
    if len(source) > MAX_LENGTH:
        raise ExpressionError(
            f"expression is too long ({len(source)} characters; the limit is {MAX_LENGTH})"
        )
    tokens = tokenize(source)
    if tokens[0].kind == END:
        raise ExpressionError("the expression is empty", 0)
    return Expression(source, Parser(source, tokens).parse())


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
    for token in tokenize(source):
        if token.kind != TEXT or source[token.start] in "'\"":
            continue
        quote = next((q for q in "'\"" if q not in token.value), None)
        if quote is not None:
            pieces += [source[done : token.start], quote, token.value, quote]
            done = token.end
    return "".join(pieces) + source[done:]


# --- Compilation to closures -------------------------------------------------


def compile_tree(node: Node, names: set[str]) -> Evaluator:
    """Turn a tree into one closure, collecting the ``${name}``s it reads."""
    match node:
        case Literal(value=value):
            return lambda values, current: value
        case Reference(name=name):
            names.add(name)
            return lambda values, current: normalize(values.get(name))
        case Current():
            return lambda values, current: normalize(current)
        case Negate(operand=operand):
            inner = compile_tree(operand, names)
            return lambda values, current: -as_number(inner(values, current))
        case Logical(operator=kind, operands=operands):
            return _compile_logical(kind, tuple(compile_tree(o, names) for o in operands))
        case Binary(operator=kind, left=left_node, right=right_node):
            left, right = compile_tree(left_node, names), compile_tree(right_node, names)
            return _compile_binary(kind, left, right)
        case Call(function=function, arguments=arguments):
            return _compile_call(function, arguments, names)
    raise AssertionError(f"unknown node {node!r}")  # pragma: no cover - the union is closed


def _compile_logical(kind: str, parts: tuple[Evaluator, ...]) -> Evaluator:
    if len(parts) == 2:
        first, second = parts
        if kind == "and":
            return lambda v, c: as_boolean(first(v, c)) and as_boolean(second(v, c))
        return lambda v, c: as_boolean(first(v, c)) or as_boolean(second(v, c))
    if kind == "and":
        return lambda v, c: all(as_boolean(part(v, c)) for part in parts)
    return lambda v, c: any(as_boolean(part(v, c)) for part in parts)


def _compile_binary(kind: str, left: Evaluator, right: Evaluator) -> Evaluator:
    if kind == "=":
        return lambda v, c: equal(left(v, c), right(v, c))
    if kind == "!=":
        return lambda v, c: unequal(left(v, c), right(v, c))
    if kind in ORDER:
        compare = ORDER[kind]
        return lambda v, c: order(compare, left(v, c), right(v, c))
    calculate = ARITHMETIC[kind]
    return lambda v, c: calculate(as_number(left(v, c)), as_number(right(v, c)))


def _compile_call(function: str, arguments: tuple[Node, ...], names: set[str]) -> Evaluator:
    compiled = tuple(compile_tree(argument, names) for argument in arguments)
    special = _SPECIAL.get(function)
    if special is not None:
        return special(arguments, compiled)
    pattern = arguments[1] if function == "regex" else None
    if isinstance(pattern, Literal) and isinstance(pattern.value, str):
        fixed = compile_pattern(pattern.value)  # checked by the parser already
        text = compiled[0]
        return lambda v, c: pattern_matches(fixed, as_string(text(v, c)))
    apply = FUNCTIONS[function].apply
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


# --- Functions that choose what to evaluate, or read where they run ------------

_Special = Callable[[tuple[Node, ...], tuple[Evaluator, ...]], Evaluator]


def _if(arguments: tuple[Node, ...], compiled: tuple[Evaluator, ...]) -> Evaluator:
    """Only the chosen branch is evaluated."""
    condition, then, otherwise = compiled
    return lambda v, c: then(v, c) if as_boolean(condition(v, c)) else otherwise(v, c)


def _coalesce(arguments: tuple[Node, ...], compiled: tuple[Evaluator, ...]) -> Evaluator:
    """The fallback is evaluated only when needed."""
    first, fallback = compiled

    def coalesce(values: Mapping[str, object], current: object) -> Value:
        value = first(values, current)
        return fallback(values, current) if blank(value) else value

    return coalesce


def _once(arguments: tuple[Node, ...], compiled: tuple[Evaluator, ...]) -> Evaluator:
    """ODK's once(): the answer already there wins; the argument only fills a blank one."""
    (calculation,) = compiled

    def once(values: Mapping[str, object], current: object) -> Value:
        value = normalize(current)
        return calculation(values, current) if blank(value) else value

    return once


def _position(arguments: tuple[Node, ...], compiled: tuple[Evaluator, ...]) -> Evaluator:
    """position(..): the number of the repeat row the expression runs in."""
    return lambda v, c: float(v.position) if isinstance(v, Scope) else 1.0


def _indexed_repeat(arguments: tuple[Node, ...], compiled: tuple[Evaluator, ...]) -> Evaluator:
    """indexed-repeat(${column}, ${repeat}, n): the column's answer in the repeat's row n."""
    column, repeat = (node.name for node in arguments[:2] if isinstance(node, Reference))
    number = compiled[2]

    def indexed(values: Mapping[str, object], current: object) -> Value:
        rows = values.rows(repeat) if isinstance(values, Scope) else values.get(repeat)
        index = as_number(number(values, current))
        if not isinstance(rows, list | tuple) or not 1 <= index <= len(rows):
            return ""
        row = rows[int(index) - 1]
        return item(row.get(column)) if isinstance(row, Mapping) else ""

    return indexed


_SPECIAL: dict[str, _Special] = {
    "if": _if,
    "coalesce": _coalesce,
    "once": _once,
    "position": _position,
    "indexed-repeat": _indexed_repeat,
}
