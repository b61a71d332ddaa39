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
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from fieldkit.guide import Guide, Question
from fieldkit.survey.records import as_position

if TYPE_CHECKING:
    from fieldkit.survey.store import ChangeLog

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
    relevance = _Relevance(guide, conditional)
    own_answer = [q.id for q in conditional if not q.bind and q.type != "repeat"]
    answers = _scan_answers(log, plain, relevance.names, own_answer)
    visits = _visit_stamps(log)
    bound = _bound_questions(guide)
    # Conditions that name a repeat column (sum(${montant}) > 0) read every row's answers.
    read_rows = sorted({guide.columns[n] for n in relevance.names if n in guide.columns})
    row_values = _row_values(log, read_rows) if read_rows else {}
    result: dict[str, Completion] = {}
    for interview_id in ids:
        fields = interviews[interview_id]
        initiative = initiatives.get(str(fields.get("initiative")))
        found = answers.get(interview_id, _NO_ANSWERS)
        values = dict(found.values)
        values.update(_bound_values(bound, fields, initiative, rows, interview_id))
        values.update(row_values.get(interview_id, {}))
        answered = found.counted
        applicable = len(plain) + len(special)
        answered += sum(1 for q in special if not _empty(values.get(q.id)))
        for question, shown in zip(conditional, relevance.shown(values), strict=True):
            if shown:
                applicable += 1
                if question.bind or question.type == "repeat":
                    answered += not _empty(values.get(question.id))
                else:
                    answered += question.id in found.answered
        last = max(found.last, visits.get(interview_id, 0))
        result[interview_id] = (answered, applicable, last)
    return result


@dataclass(frozen=True)
class _Answers:
    """What the listing needs of one interview's answers."""

    counted: int  # answered questions among those always shown
    last: int  # stamp of the latest answer
    values: Mapping[str, object]  # values that skip-logic conditions read
    answered: frozenset[str]  # conditional questions that hold an answer


_NO_ANSWERS = _Answers(0, 0, {}, frozenset())


def _scan_answers(
    log: ChangeLog, plain: list[str], referenced: list[str], conditional: list[str]
) -> dict[str, _Answers]:
    """Read what the listing needs of every interview's answers, in one grouped scan.

    Answers are many (questions × interviews) and long: SQL counts them and
    hands back, per interview, only the few values conditions read (as one
    JSON object) and which conditional questions are answered.
    """

    def marks(ids: list[str]) -> str:
        return ", ".join("?" for _ in ids) or "NULL"

    cursor = log.connection.execute(
        "SELECT entity_id, "
        f"sum(field IN ({marks(plain)}) AND value NOT IN (?, ?, ?)), max(hlc), "
        "json_group_object(field, json(value)) "
        f"FILTER (WHERE field IN ({marks(referenced)})), "
        "json_group_array(field) "
        f"FILTER (WHERE field IN ({marks(conditional)}) AND value NOT IN (?, ?, ?)) "
        "FROM state WHERE entity = 'answer' GROUP BY entity_id",
        (*plain, *EMPTY_VALUES, *referenced, *conditional, *EMPTY_VALUES),
    )
    found: dict[str, _Answers] = {}
    for interview_id, counted, stamp, values, answered in cursor:
        found[interview_id] = _Answers(
            counted=int(counted or 0),
            last=int(stamp or 0),
            values=json.loads(values) if values else {},
            answered=frozenset(json.loads(answered)) if answered else frozenset(),
        )
    return found


def _row_values(log: ChangeLog, repeats: list[str]) -> dict[str, dict[str, list[object]]]:
    """The live rows of some repeat groups, in order, by interview: what conditions read."""
    rows: dict[str, dict[str, object]] = defaultdict(dict)
    cursor = log.connection.execute(
        "SELECT entity_id, field, value FROM state WHERE entity = 'row'"
        " AND field IN ('interview', 'repeat', 'position', 'deleted')"
    )
    for row_id, field, value in cursor:
        rows[row_id][field] = _decoded(value)
    wanted = {
        row_id: fields
        for row_id, fields in rows.items()
        if fields.get("repeat") in repeats and not fields.get("deleted")
    }
    answers: dict[str, dict[str, object]] = {row_id: {} for row_id in wanted}
    cursor = log.connection.execute(
        "SELECT entity_id, field, value FROM state WHERE entity = 'row_answer'"
    )
    for row_id, field, value in cursor:
        if row_id in answers and (decoded := _decoded(value)) is not None:
            answers[row_id][field] = decoded
    found: dict[str, dict[str, list[object]]] = defaultdict(lambda: defaultdict(list))
    for row_id, fields in sorted(
        wanted.items(), key=lambda r: (as_position(r[1].get("position")), r[0])
    ):
        found[str(fields.get("interview"))][str(fields.get("repeat"))].append(answers[row_id])
    return found


def _visit_stamps(log: ChangeLog) -> dict[str, int]:
    """The stamp of the latest change to each visit's own fields (date, place…)."""
    cursor = log.connection.execute(
        "SELECT entity_id, max(hlc) FROM state WHERE entity = 'interview' GROUP BY entity_id"
    )
    return {interview_id: int(stamp) for interview_id, stamp in cursor}


class _Relevance:
    """Skip-logic verdicts for one listing, remembered by the values the conditions read.

    Thousands of visits give the few questions that conditions name only a
    handful of distinct answers, so each condition is evaluated a handful of
    times rather than once per visit.
    """

    def __init__(self, guide: Guide, questions: list[Question]) -> None:
        self.guide = guide
        self.questions = questions
        self.references = [
            sorted({name for c in guide.conditions(q.id) for name in c.references})
            for q in questions
        ]
        self.names = sorted({name for names in self.references for name in names})
        self.reads_rows = any(name in guide.columns for name in self.names)
        self.verdicts: dict[tuple[object, ...], bool] = {}

    def shown(self, values: Mapping[str, object]) -> list[bool]:
        """Whether each question is shown, in the order they were given."""
        scope = self.guide.scope(values) if self.reads_rows else values
        frozen = {name: _frozen(scope.get(name)) for name in self.names}
        verdicts = []
        for question, names in zip(self.questions, self.references, strict=True):
            key = (question.id, *(frozen[name] for name in names))
            verdict = self.verdicts.get(key)
            if verdict is None:
                verdict = self.verdicts[key] = self.guide.is_relevant(question.id, values)
            verdicts.append(verdict)
        return verdicts


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
