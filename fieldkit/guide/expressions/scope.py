"""The answers an expression reads, with its repeat groups' rows, seen from where it runs.

An interview's answers are a mapping of question ids to values, in which a
repeat group's value is its list of rows (each a mapping of its columns).
ODK reads a repeat's column two ways: inside one of its rows, ``${montant}``
is that row's amount; anywhere else it is the amount of every row, a
node-set that ``count()``, ``sum()``, ``max()`` or ``join()`` take whole.
A :class:`Scope` gives an expression that view of the answers, and
``position(..)`` the number of the row it runs in.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from fieldkit.guide.expressions.values import Nodes, item


class Scope(Mapping[str, object]):
    """Answers as seen from the top of the interview or from one repeat row.

    ``columns`` maps each repeat column to its repeat group; ``repeat`` and
    ``index`` (0-based) name the row the expression runs in, if any.
    """

    __slots__ = ("answers", "columns", "index", "repeat")

    def __init__(
        self,
        values: Mapping[str, object],
        columns: Mapping[str, str],
        repeat: str | None = None,
        index: int | None = None,
    ) -> None:
        self.answers = values
        self.columns = columns
        self.repeat = repeat
        self.index = index

    @property
    def position(self) -> int:
        """The 1-based number of the row the expression runs in (1 outside any repeat)."""
        return self.index + 1 if self.index is not None else 1

    def rows(self, repeat: str) -> list[Mapping[str, object]]:
        """A repeat group's rows (anything that is not a row is skipped)."""
        found = self.answers.get(repeat)
        if not isinstance(found, list | tuple):
            return []
        return [row for row in found if isinstance(row, Mapping)]

    def get(self, name: str, default: object = None) -> object:
        repeat = self.columns.get(name)
        if repeat is None:
            return self.answers.get(name, default)
        rows = self.rows(repeat)
        if repeat == self.repeat and self.index is not None:
            if 0 <= self.index < len(rows):
                return rows[self.index].get(name, default)
            return default
        return Nodes(tuple(item(row.get(name)) for row in rows))

    def __getitem__(self, name: str) -> object:
        if name not in self.columns and name not in self.answers:
            raise KeyError(name)
        return self.get(name)

    def __iter__(self) -> Iterator[str]:
        yield from self.answers
        yield from (name for name in self.columns if name not in self.answers)

    def __len__(self) -> int:
        return len(self.answers) + sum(1 for name in self.columns if name not in self.answers)
