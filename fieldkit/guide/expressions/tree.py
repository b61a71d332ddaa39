"""The tree an expression parses into, and the error a bad one raises."""

from __future__ import annotations

from dataclasses import dataclass

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


def syntax_error(message: str, position: int) -> ExpressionError:
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
