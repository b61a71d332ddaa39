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
    """Count the live rows of each (interview, repeat group).

    SQL gathers each row's three fields and counts the rows alike, so Python
    decodes one line per (interview, group) rather than three per row.
    """
    cursor = log.connection.execute(
        "SELECT interview, repeat, deleted, count(*) FROM ("
        " SELECT max(CASE field WHEN 'interview' THEN value END) AS interview,"
        " max(CASE field WHEN 'repeat' THEN value END) AS repeat,"
        " max(CASE field WHEN 'deleted' THEN value END) AS deleted"
        " FROM state WHERE entity = 'row' AND field IN ('interview', 'repeat', 'deleted')"
        " GROUP BY entity_id"
        ") GROUP BY interview, repeat, deleted"
    )
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for interview, repeat, deleted, count in cursor:
        if not _decoded(deleted):
            counts[(str(_decoded(interview)), str(_decoded(repeat)))] += count
    return counts


def _decoded(text: str | None) -> object:
    return json.loads(text) if text is not None else None


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
    # Conditions read the values of the questions they name; a conditional
    # question's own answer only needs to be known answered or not.
    referenced = {
        name for q in conditional for c in guide.conditions(q.id) for name in c.references
    }
    own_answer = [q.id for q in conditional if not q.bind and q.type != "repeat"]
    counted, last = _count_answers(log, plain)
    looked_up, answered_ids = _answer_values(log, sorted(referenced), sorted(own_answer))
    bound = _bound_questions(guide)
    relevance = _Relevance(guide)
    result: dict[str, Completion] = {}
    for interview_id in ids:
        fields = interviews[interview_id]
        initiative = initiatives.get(str(fields.get("initiative")))
        values = dict(looked_up.get(interview_id, {}))
        values.update(_bound_values(bound, fields, initiative, rows, interview_id))
        answered_here = answered_ids.get(interview_id, set())
        answered = counted.get(interview_id, 0)
        applicable = len(plain) + len(special)
        answered += sum(1 for q in special if not _empty(values.get(q.id)))
        for question in conditional:
            if relevance.test(question.id, values):
                applicable += 1
                if question.bind or question.type == "repeat":
                    answered += not _empty(values.get(question.id))
                else:
                    answered += question.id in answered_here
        result[interview_id] = (answered, applicable, last.get(interview_id, 0))
    return result


def _count_answers(
    log: ChangeLog, question_ids: list[str]
) -> tuple[dict[str, int], dict[str, int]]:
    """Count answered questions among ``question_ids``, and find the last change, per interview.

    Interview ids and answer sets share their entity id: the last change of a
    visit is the latest of its answers and of its own fields. Each is one
    grouped scan in index order (scanning both kinds at once needs a sort).
    """
    marks = ", ".join("?" for _ in question_ids) or "NULL"
    cursor = log.connection.execute(
        f"SELECT entity_id, sum(field IN ({marks}) AND value NOT IN (?, ?, ?)), max(hlc) "
        "FROM state WHERE entity = 'answer' GROUP BY entity_id",
        (*question_ids, *EMPTY_VALUES),
    )
    counted: dict[str, int] = {}
    last: dict[str, int] = {}
    for interview_id, answered, stamp in cursor:
        counted[interview_id] = int(answered or 0)
        last[interview_id] = int(stamp)
    cursor = log.connection.execute(
        "SELECT entity_id, max(hlc) FROM state WHERE entity = 'interview' GROUP BY entity_id"
    )
    for interview_id, stamp in cursor:
        last[interview_id] = max(last.get(interview_id, 0), int(stamp))
    return counted, last


def _answer_values(
    log: ChangeLog, referenced: list[str], answered_only: list[str]
) -> tuple[dict[str, dict[str, object]], dict[str, set[str]]]:
    """Return the values of ``referenced`` questions, and which questions are answered.

    Values are decoded only where a condition reads them; for the others
    SQL says whether they hold an answer, so long texts are never decoded.
    """
    found: dict[str, dict[str, object]] = defaultdict(dict)
    answered: dict[str, set[str]] = defaultdict(set)
    wanted = sorted({*referenced, *answered_only})
    if not wanted:
        return found, answered
    marks = ", ".join("?" for _ in wanted)
    reads = ", ".join("?" for _ in referenced) or "NULL"
    cursor = log.connection.execute(
        f"SELECT entity_id, field, CASE WHEN field IN ({reads}) THEN value END, "
        "value NOT IN (?, ?, ?) "
        f"FROM state WHERE entity = 'answer' AND field IN ({marks})",
        (*referenced, *EMPTY_VALUES, *wanted),
    )
    for interview_id, field, value, filled in cursor:
        if value is not None:
            found[interview_id][field] = json.loads(value)
        if filled:
            answered[interview_id].add(field)
    return found, answered


class _Relevance:
    """Skip-logic verdicts for one listing, remembered by the values the conditions read.

    Thousands of visits give the few questions that conditions name only a
    handful of distinct answers, so each condition is evaluated a handful of
    times rather than once per visit.
    """

    def __init__(self, guide: Guide) -> None:
        self.guide = guide
        self.verdicts: dict[tuple[object, ...], bool] = {}
        self.references = {
            q.id: sorted({name for c in guide.conditions(q.id) for name in c.references})
            for q in guide.questions
        }

    def test(self, question_id: str, values: Mapping[str, object]) -> bool:
        key = (question_id, *(_frozen(values.get(name)) for name in self.references[question_id]))
        verdict = self.verdicts.get(key)
        if verdict is None:
            verdict = self.verdicts[key] = self.guide.is_relevant(question_id, values)
        return verdict


def _frozen(value: object) -> object:
    """A hashable stand-in for a JSON value that tells 1, 1.0 and true apart."""
    if isinstance(value, list):
        return ("list", tuple(_frozen(item) for item in value))
    if isinstance(value, dict):
        return ("dict", tuple(sorted((str(k), _frozen(v)) for k, v in value.items())))
    return (type(value).__name__, value)


_BoundQuestion = tuple[str, str | None, str | None]


def _bound_questions(guide: Guide) -> list[_BoundQuestion]:
    """The repeat groups and bound questions, as (id, owner, field); owner None for a group."""
    found: list[_BoundQuestion] = []
    for question in guide.questions:
        if question.type == "repeat":
            found.append((question.id, None, None))
        elif question.bind:
            owner, field = question.bind.split(".")
            found.append((question.id, owner, field))
    return found


def _bound_values(
    bound: list[_BoundQuestion],
    interview: Mapping[str, object],
    initiative: _Initiative | None,
    rows: Mapping[tuple[str, str], int],
    interview_id: str,
) -> dict[str, object]:
    values: dict[str, object] = {}
    for question_id, owner, field in bound:
        if owner is None or field is None:
            values[question_id] = [{}] * rows.get((interview_id, question_id), 0)
        else:
            value = (
                getattr(initiative, field, None) if owner == "initiative" else interview.get(field)
            )
            values[question_id] = value or None
    return values
