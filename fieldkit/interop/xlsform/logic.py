"""A form's expressions, made into ones a fieldkit guide can hold.

XLSForm expressions may name rows that do not become questions in fieldkit:
calculations, metadata such as ``today``, hidden values, the ``_other`` text
that ``or_other`` creates. A guide has none of these, so each reference to
one is replaced by what it stands for (``${total}`` by the calculation's own
expression, ``${aujourdhui}`` by ``today()``) until only real questions
remain; the guide's evaluator then computes it like any other condition. A
reference that cannot be replaced, or a function fieldkit does not know,
drops the condition with a warning: the question is then always shown,
rather than the whole form refused for one exotic formula.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from fieldkit.guide import ExpressionError, parse, straighten_quotes
from fieldkit.interop.xlsform.sheets import Report, Row

_REFERENCE = re.compile(r"\$\{([^}]*)\}")
# Stand-ins that need no parentheses: a reference, a call without arguments,
# a number, a quoted text.
_ATOM = re.compile(r"\$\{[^}]*\}|[A-Za-z][\w:-]*\(\)|-?[0-9.]+|'[^']*'|\"[^\"]*\"")
# Stand-ins may refer to stand-ins (a calculation using another); deeper than
# this is a loop.
_MAX_ROUNDS = 20


class Logic:
    """Checks and rewrites the expressions of one form."""

    def __init__(self, report: Report, names: Mapping[str, Row]) -> None:
        self.report = report
        self.names = names
        self.stand_ins: dict[str, str | None] = {}
        self.groups: set[str] = set()
        self.ambiguous: set[str] = set()

    def stand_in(self, name: str, expression: str | None) -> None:
        """Replace ``${name}`` by ``expression`` wherever it appears (None: cannot)."""
        self.stand_ins[name] = expression

    def check(self, row: Row, column: str, text: str | None = None) -> str | None:
        """The column's expression, checked, with straight quotes; None if it cannot be used.

        A syntax error or a reference to a name the form lacks is reported as
        a problem; a function fieldkit does not know is not (see :meth:`usable`).
        """
        source, _ = self._read(row, column, row.get(column) if text is None else text)
        return source

    def usable(self, row: Row, column: str, text: str | None = None) -> str | None:
        """The column's expression as the guide will hold it, or None if it must go.

        Every problem is reported: a syntax error or a reference to a name
        the form lacks stops the import; a condition fieldkit cannot compute
        is dropped with a warning.
        """
        source, foreign = self._read(row, column, row.get(column) if text is None else text)
        if source is None:
            if foreign:
                self._drop(row, column, f"fieldkit cannot evaluate it ({foreign})")
            return None
        return self._expanded(row, column, source)

    def _read(self, row: Row, column: str, raw: str) -> tuple[str | None, str]:
        """Parse and check one expression; also return why, if only an unknown function failed."""
        if not raw:
            return None, ""
        try:
            source = straighten_quotes(raw)
            parse(source)
        except ExpressionError as error:
            if _unknown_function(error):
                return None, str(error)
            self.report.error(row.where(column), f"{error} in {raw!r}")
            return None, ""
        return (source if self._known(row, column, source) else None), ""

    def _known(self, row: Row, column: str, source: str) -> bool:
        unknown = [
            name
            for name in dict.fromkeys(_REFERENCE.findall(source))
            if name not in self.names and name not in self.stand_ins
        ]
        for name in unknown:
            self.report.error(
                row.where(column), f"refers to ${{{name}}}, which is not a name in the survey sheet"
            )
        for name in dict.fromkeys(_REFERENCE.findall(source)):
            if name in self.ambiguous:
                self.report.error(
                    row.where(column),
                    f"refers to ${{{name}}}, a name used in several groups; "
                    "a name an expression refers to must be used once",
                )
                return False
            if name in self.groups:
                self.report.error(
                    row.where(column),
                    f"refers to ${{{name}}}, a group; only questions can be referred to",
                )
                return False
        return not unknown

    def _expanded(self, row: Row, column: str, source: str) -> str | None:
        for _ in range(_MAX_ROUNDS):
            names = [n for n in _REFERENCE.findall(source) if n in self.stand_ins]
            if not names:
                break
            missing = next((n for n in names if self.stand_ins[n] is None), None)
            if missing is not None:
                self._drop(row, column, f"${{{missing}}} is not something fieldkit can compute")
                return None
            source = _REFERENCE.sub(lambda m: self._replacement(m.group(1)), source)
        else:
            self._drop(row, column, "its calculations refer to each other in a loop")
            return None
        try:
            parse(source)
        except ExpressionError as error:
            self._drop(row, column, f"once its calculations are written out, {error}")
            return None
        return source

    def _replacement(self, name: str) -> str:
        stand_in = self.stand_ins.get(name)
        if stand_in is None:
            return f"${{{name}}}"
        return stand_in if _ATOM.fullmatch(stand_in) else f"({stand_in})"

    def _drop(self, row: Row, column: str, reason: str) -> None:
        self.report.warn(
            f"the {column} expression is left out because {reason}"
            + (" (the question is always shown)" if column == "relevant" else ""),
            row,
        )


def _unknown_function(error: ExpressionError) -> bool:
    """Whether the parser refused what fieldkit does not run, rather than bad syntax.

    That is a function it does not know, or a regular expression RE2 cannot
    run (pyxform does not check patterns; a phone would run it).
    """
    return str(error).startswith(("unknown function", "invalid regular expression"))


def both(*conditions: str | None) -> str | None:
    """The conditions joined by ``and`` (None when there are none)."""
    present = [c for c in conditions if c]
    if len(present) <= 1:
        return present[0] if present else None
    return " and ".join(f"({c})" for c in present)


def literal(value: str) -> str:
    """An XLSForm literal for a default value: a number as is, anything else quoted."""
    try:
        float(value)
    except ValueError:
        quote = "'" if "'" not in value else '"'
        return f"{quote}{value}{quote}"
    return value
