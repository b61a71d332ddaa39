"""Cutting an expression's text into tokens: numbers, texts, ``${name}``s, names, symbols."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fieldkit.guide.expressions.tree import syntax_error

# --- Tokens ------------------------------------------------------------------

NUMBER, TEXT, REFERENCE, CURRENT, PARENT, NAME, SYMBOL, END = (
    "number",
    "text",
    "reference",
    "current",
    "parent",
    "name",
    "symbol",
    "end",
)


@dataclass(frozen=True, slots=True)
class Token:
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


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    position, length = 0, len(source)
    while position < length:
        char = source[position]
        if char.isspace():  # includes the non-breaking spaces of pasted text
            position += 1
            continue
        start = position
        if char == "$":
            question, position = _scan_reference(source, position)
            tokens.append(Token(REFERENCE, question, start, position))
        elif char in _CLOSING_QUOTES:
            ends = (source.find(quote, start + 1) for quote in _CLOSING_QUOTES[char])
            closing = min((end for end in ends if end >= 0), default=-1)
            if closing < 0:
                raise syntax_error("unclosed quote", start)
            tokens.append(Token(TEXT, source[start + 1 : closing], start, closing + 1))
            position = closing + 1
        elif number := _NUMBER_TOKEN.match(source, position):
            position = number.end()
            tokens.append(Token(NUMBER, number.group(), start, position))
        elif source.startswith("..", position):
            position += 2
            tokens.append(Token(PARENT, "..", start, position))
        elif char == ".":
            position += 1
            tokens.append(Token(CURRENT, ".", start, position))
        elif name := _NAME_TOKEN.match(source, position):
            position = name.end()
            tokens.append(Token(NAME, name.group(), start, position))
        elif source.startswith("==", position):
            raise syntax_error("'==' is not an operator (write '=')", start)
        else:
            symbol = next((s for s in _SYMBOLS if source.startswith(s, position)), None)
            if symbol is None:
                raise syntax_error(f"unexpected character '{char}'", start)
            position += len(symbol)
            tokens.append(Token(SYMBOL, symbol, start, position))
    tokens.append(Token(END, "", length, length))
    return tokens


def _scan_reference(source: str, start: int) -> tuple[str, int]:
    """Read ``${name}`` at ``start``; return the name and the offset after '}'."""
    if not source.startswith("${", start):
        raise syntax_error("'$' must start a reference written ${name}", start)
    name = _QUESTION_NAME.match(source, start + 2)
    if name is None:
        raise syntax_error("expected a question name after '${'", start + 2)
    if not source.startswith("}", name.end()):
        raise syntax_error(f"expected '}}' to close the reference '${{{name.group()}'", name.end())
    return name.group(), name.end() + 1
