"""A Pratt parser from tokens to the tree, with XPath's operator precedence."""

from __future__ import annotations

from fieldkit.guide.expressions.functions import FUNCTIONS, Function, compile_pattern
from fieldkit.guide.expressions.tokens import (
    CURRENT,
    END,
    NAME,
    NUMBER,
    PARENT,
    REFERENCE,
    SYMBOL,
    TEXT,
    Token,
)
from fieldkit.guide.expressions.tree import (
    MAX_DEPTH,
    Binary,
    Call,
    Current,
    ExpressionError,
    Literal,
    Logical,
    Negate,
    Node,
    Reference,
    syntax_error,
)

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


class Parser:
    """A Pratt parser over the token list; each method returns a node and its depth.

    Two limits keep Python's stack safe. ``nesting`` counts the parser's own
    recursion (parentheses, unary minus, function arguments), checked before
    recursing. The depth of the tree (0 for a leaf) bounds compilation and
    evaluation, which recurse along it; it is tracked alongside the nodes so a
    too-deep tree is refused where it is built, at the operator that made it so.
    """

    def __init__(self, source: str, tokens: list[Token]) -> None:
        self.source = source
        self.tokens = tokens
        self.index = 0

    def parse(self) -> Node:
        node, _ = self.expression(0, 0)
        token = self.peek()
        if token.kind != END:
            raise self.unexpected(token)
        return node

    def peek(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
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

    def binary_power(self, token: Token) -> int | None:
        if token.kind == SYMBOL or (token.kind == NAME and token.value in _WORD_OPERATORS):
            return _BINARY_POWER.get(token.value)
        return None

    def operand(self, nesting: int) -> tuple[Node, int]:
        token = self.advance()
        if token.kind == NUMBER:
            return Literal(float(token.value)), 0
        if token.kind == TEXT:
            return Literal(token.value), 0
        if token.kind == REFERENCE:
            return Reference(token.value), 0
        if token.kind == CURRENT:
            return Current(), 0
        if token.kind == SYMBOL and token.value == "(":
            inner, depth = self.expression(0, nesting + 1)
            self.expect_closing(token)
            return inner, depth
        if token.kind == SYMBOL and token.value == "-":
            operand, depth = self.expression(_UNARY_POWER, nesting + 1)
            if depth + 1 > MAX_DEPTH:
                raise self.too_deep(token.start)
            return Negate(operand), depth + 1
        if token.kind == NAME and self.peek().value == "(" and self.peek().kind == SYMBOL:
            return self.call(token, nesting)
        if token.kind == PARENT:
            raise syntax_error("'..' is only understood in position(..)", token.start)
        raise self.unexpected(token)

    def call(self, name: Token, nesting: int) -> tuple[Node, int]:
        function = FUNCTIONS.get(name.value)
        if function is None:
            raise syntax_error(f"unknown function '{name.value}'", name.start)
        opening = self.advance()
        if name.value == "position" and self.peek().kind == PARENT:
            self.advance()  # position(..): the number of the repeat row it runs in
            self.expect_closing(opening)
            return Call("position", ()), 1
        arguments: list[Node] = []
        starts: list[int] = []
        depth = 0
        if not (self.peek().kind == SYMBOL and self.peek().value == ")"):
            while True:
                starts.append(self.peek().start)
                argument, argument_depth = self.expression(0, nesting + 1)
                arguments.append(argument)
                depth = max(depth, argument_depth)
                if not (self.peek().kind == SYMBOL and self.peek().value == ","):
                    break
                self.advance()
        self.expect_closing(opening)
        count = len(arguments)
        if count < function.minimum or (function.maximum is not None and count > function.maximum):
            raise syntax_error(f"{name.value}() {arity(function)} (given {count})", name.start)
        if name.value == "indexed-repeat" and not all(
            isinstance(argument, Reference) for argument in arguments[:2]
        ):
            raise syntax_error(
                "indexed-repeat() takes a question ${…}, its repeat group ${…} and a row number",
                name.start,
            )
        if name.value == "regex" and isinstance(arguments[1], Literal):
            pattern = arguments[1].value
            if isinstance(pattern, str):
                try:
                    compile_pattern(pattern)
                except ValueError as problem:
                    raise syntax_error(
                        f"invalid regular expression ({problem})", starts[1]
                    ) from None
        if depth + 1 > MAX_DEPTH:
            raise self.too_deep(name.start)
        return Call(name.value, tuple(arguments)), depth + 1

    def expect_closing(self, opening: Token) -> None:
        token = self.advance()
        if token.kind == SYMBOL and token.value == ")":
            return
        if token.kind == END:
            raise syntax_error("missing ')' to close the '(' opened", opening.start)
        raise self.unexpected(token)

    def unexpected(self, token: Token) -> ExpressionError:
        if token.kind == END:
            last = self.tokens[-2]  # parse() refused an empty expression already
            return ExpressionError(
                f"the expression ends too early after {self.describe(last)}", token.start
            )
        message = f"unexpected {self.describe(token)}"
        if token.kind == NAME and token.value.lower() in _WORD_OPERATORS:
            if token.value not in _WORD_OPERATORS:
                message += f" (operators are written in lower case: {token.value.lower()})"
        elif token.kind == NAME and not self.source[token.end :].lstrip().startswith("("):
            message += self.name_hint(token.value)
        return syntax_error(message, token.start)

    def name_hint(self, name: str) -> str:
        """Guess what a bare word was meant to be: a function call, a text or a question."""
        if name in FUNCTIONS:
            return f" (a function needs parentheses: {name}())"
        return f" (quote text as '{name}', refer to a question as ${{{name}}})"

    def describe(self, token: Token) -> str:
        shown = self.source[token.start : token.end]
        if len(shown) > 30:
            shown = shown[:27] + "..."
        if token.kind == TEXT:
            return f"text {shown}"
        if token.kind == REFERENCE:
            return f"reference {shown}"
        return f"'{shown}'"

    def too_deep(self, position: int) -> ExpressionError:
        return syntax_error(
            f"the expression is nested too deeply (the limit is {MAX_DEPTH} levels)", position
        )


def arity(function: Function) -> str:
    def arguments(count: int) -> str:
        return f"{count} argument{'' if count == 1 else 's'}"

    if function.maximum is None:
        return f"takes at least {arguments(function.minimum)}"
    if function.minimum == function.maximum:
        return f"takes {arguments(function.minimum)}"
    return f"takes {function.minimum} to {arguments(function.maximum)}"
