"""How far each interview has got, for a whole survey at once.

Listing a survey of thousands of interviews must stay quick, so this does not
load every answer: SQL counts the answers of questions that are always shown,
and only the questions under skip logic (and the answers their conditions
read) are looked at one by one.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

from fieldkit.guide import Guide

if TYPE_CHECKING:
    from fieldkit.store import ChangeLog

EMPTY_VALUES = ("null", '""', "[]")


class _Initiative(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def territory(self) -> str: ...
    @property
    def network(self) -> str: ...
    @property
    def kind(self) -> str: ...


class _GuideSource(Protocol):
    log: ChangeLog

    def guide_by_hash(self, digest: str) -> Guide: ...

    @property
    def guide_hash(self) -> str: ...


Completion = tuple[int, int, int]


def _empty(value: object) -> bool:
    return value is None or value == "" or value == []


def interview_completions(
    survey: _GuideSource,
    interviews: Mapping[str, Mapping[str, object]],
    initiatives: Mapping[str, _Initiative],
) -> dict[str, Completion]:
    """Return ``(answered, applicable, last change stamp)`` for each interview."""
    by_guide: dict[str, list[str]] = defaultdict(list)
    default = survey.guide_hash if interviews else ""
    for interview_id, fields in interviews.items():
        digest = fields.get("guide")
        by_guide[digest if isinstance(digest, str) else default].append(interview_id)
    rows = _row_counts(survey.log)
    result: dict[str, Completion] = {}
    for digest, ids in by_guide.items():
        guide = survey.guide_by_hash(digest)
        result.update(_for_guide(survey.log, guide, ids, interviews, initiatives, rows))
    return result


def _row_counts(log: ChangeLog) -> dict[tuple[str, str], int]:
    """Count the live rows of each (interview, repeat group)."""
    rows: dict[str, dict[str, object]] = defaultdict(dict)
    cursor = log.connection.execute(
        "SELECT entity_id, field, value FROM state "
        "WHERE entity = 'row' AND field IN ('interview', 'repeat', 'deleted')"
    )
    for row_id, field, value in cursor:
        rows[row_id][field] = json.loads(value)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for fields in rows.values():
        if not fields.get("deleted"):
            counts[(str(fields.get("interview")), str(fields.get("repeat")))] += 1
    return counts


def _for_guide(
    log: ChangeLog,
    guide: Guide,
    ids: list[str],
    interviews: Mapping[str, Mapping[str, object]],
    initiatives: Mapping[str, _Initiative],
    rows: Mapping[tuple[str, str], int],
) -> dict[str, Completion]:
    answerable = [q for q in guide.questions if q.answerable]
    conditional = [q for q in answerable if guide.conditions(q.id)]
    conditional_ids = {q.id for q in conditional}
    plain = [
        q.id
        for q in answerable
        if q.id not in conditional_ids and not q.bind and q.type != "repeat"
    ]
    special = [
        q for q in answerable if q.id not in conditional_ids and (q.bind or q.type == "repeat")
    ]
    needed = {name for q in conditional for c in guide.conditions(q.id) for name in c.references}
    needed |= conditional_ids
    counted, last = _count_answers(log, plain)
    looked_up = _answer_values(log, sorted(needed))
    result: dict[str, Completion] = {}
    for interview_id in ids:
        fields = interviews[interview_id]
        initiative = initiatives.get(str(fields.get("initiative")))
        values = dict(looked_up.get(interview_id, {}))
        values.update(_bound_values(guide, fields, initiative, rows, interview_id))
        answered = counted.get(interview_id, 0)
        applicable = len(plain) + len(special)
        answered += sum(1 for q in special if not _empty(values.get(q.id)))
        for question in conditional:
            if guide.is_relevant(question.id, values):
                applicable += 1
                answered += not _empty(values.get(question.id))
        result[interview_id] = (answered, applicable, last.get(interview_id, 0))
    return result


def _count_answers(
    log: ChangeLog, question_ids: list[str]
) -> tuple[dict[str, int], dict[str, int]]:
    """Count answered questions among ``question_ids``, and find the last change, per interview.

    Interview ids and answer sets share their entity id, so one grouped scan
    covers both the answers and the visit's own fields.
    """
    marks = ", ".join("?" for _ in question_ids) or "NULL"
    cursor = log.connection.execute(
        "SELECT entity_id, "
        f"sum(entity = 'answer' AND field IN ({marks}) AND value NOT IN (?, ?, ?)), max(hlc) "
        "FROM state WHERE entity IN ('answer', 'interview') GROUP BY entity_id",
        (*question_ids, *EMPTY_VALUES),
    )
    counted: dict[str, int] = {}
    last: dict[str, int] = {}
    for interview_id, answered, stamp in cursor:
        counted[interview_id] = int(answered or 0)
        last[interview_id] = int(stamp)
    return counted, last


def _answer_values(log: ChangeLog, question_ids: list[str]) -> dict[str, dict[str, object]]:
    found: dict[str, dict[str, object]] = defaultdict(dict)
    if not question_ids:
        return found
    marks = ", ".join("?" for _ in question_ids)
    cursor = log.connection.execute(
        f"SELECT entity_id, field, value FROM state WHERE entity = 'answer' AND field IN ({marks})",
        question_ids,
    )
    for interview_id, field, value in cursor:
        found[interview_id][field] = json.loads(value)
    return found


def _bound_values(
    guide: Guide,
    interview: Mapping[str, object],
    initiative: _Initiative | None,
    rows: Mapping[tuple[str, str], int],
    interview_id: str,
) -> dict[str, object]:
    values: dict[str, object] = {}
    for question in guide.questions:
        if question.type == "repeat":
            values[question.id] = [{}] * rows.get((interview_id, question.id), 0)
        elif question.bind:
            owner, field = question.bind.split(".")
            value = (
                getattr(initiative, field, None) if owner == "initiative" else interview.get(field)
            )
            values[question.id] = value or None
    return values
