"""Where an entry of a list (a person met) stands, as the interview shows it.

A search hit or a conflict in a list names its row by an id; a person knows
it by its number in the list and its name. Two entries of one list never
read the same: each has its own number, and those in the trash are numbered
among themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldkit.errors import FieldkitError
from fieldkit.survey.file import Survey


@dataclass(frozen=True)
class RowPlace:
    """An entry's number in its list (from 1), whether it is in the trash, and its name."""

    number: int
    trashed: bool
    name: str


def row_place(survey: Survey, row_id: str) -> RowPlace:
    fields = survey.log.fields("row", row_id)
    interview, repeat = str(fields.get("interview", "")), str(fields.get("repeat", ""))
    every = survey.rows(interview, repeat, include_deleted=True) if interview else []
    kept = {row.id for row in survey.rows(interview, repeat)} if interview else set()
    trashed = row_id not in kept
    alike = [row.id for row in every if (row.id not in kept) == trashed]
    number = alike.index(row_id) + 1 if row_id in alike else 0
    return RowPlace(number, trashed, _row_name(survey, interview, repeat, row_id))


def _row_name(survey: Survey, interview: str, repeat: str, row_id: str) -> str:
    """What an entry is called: its first answered column (a person's name), in guide order."""
    values = survey.log.fields("row_answer", row_id)
    try:
        group = survey.guide_for(interview).question(repeat)
    except FieldkitError:
        group = None
    order = [column.id for column in group.columns] if group is not None else sorted(values)
    named = next((values[c] for c in order if values.get(c) not in (None, "", [])), "")
    return ", ".join(map(str, named)) if isinstance(named, list) else str(named)
