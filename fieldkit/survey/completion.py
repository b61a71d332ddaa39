"""How far each interview has got, and which required answers it still misses.

A repeat group (the people met) is answered when it has rows and none of
them misses a required answer (a person's consent to be named); a column's
skip logic is read in its row's context: the row's own answers over the
interview's. :func:`missing_answers` lists what keeps an interview from being
complete, row by row; :func:`interview_completion` counts one interview.

Listing a survey of thousands of interviews must stay quick, so
:func:`interview_completions` does not load every answer: SQL counts the
answers of questions that are always shown, and only the questions under
skip logic (and the answers their conditions read) and the required cells of
repeat rows are looked at one by one.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from fieldkit.guide import Guide, Question, Text
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


class GuideSource(Protocol):
    """What counting reads of a survey: its log and its guides."""

    log: ChangeLog

    def guide_by_hash(self, digest: str) -> Guide: ...

    @property
    def guide_hash(self) -> str: ...


Completion = tuple[int, int, int]


def _empty(value: object) -> bool:
    return value is None or value == "" or value == []


#: A repeat group's rows as (row id, the row's answers), in order.
Rows = Mapping[str, Sequence[tuple[str, Mapping[str, object]]]]


@dataclass(frozen=True)
class MissingAnswer:
    """A required answer still missing: a question's, or a cell's in one row of a repeat group."""

    question: Question
    row: str | None = None  # the row's id, for a column of a repeat group
    position: int = 0  # the row's number, from 1

    @property
    def id(self) -> str:
        return self.question.id

    @property
    def label(self) -> Text:
        return self.question.label


def missing_in_row(
    guide: Guide, repeat: Question, values: Mapping[str, object], index: int
) -> list[Question]:
    """The required columns of row ``index`` (0-based) that are shown there and empty.

    ``values[repeat.id]`` holds the group's rows; skip logic runs in the row's
    context, where a column names that row's answer.
    """
    rows = values.get(repeat.id)
    row = rows[index] if isinstance(rows, list) and index < len(rows) else {}
    if not isinstance(row, Mapping):
        return []
    return [
        column
        for column in repeat.columns
        if column.required
        and column.answerable
        and _empty(row.get(column.id))
        and guide.is_relevant(column.id, values, row=index)
    ]


def question_answered(guide: Guide, question: Question, values: Mapping[str, object]) -> bool:
    """Whether a question counts as answered; a repeat group, once its rows lack nothing."""
    value = values.get(question.id)
    if _empty(value):
        return False
    if question.type != "repeat" or not isinstance(value, list):
        return True
    return not any(missing_in_row(guide, question, values, index) for index in range(len(value)))


def interview_completion(guide: Guide, values: Mapping[str, object]) -> tuple[int, int]:
    """(answered, applicable) questions of one interview under its skip logic."""
    answered = applicable = 0
    for question in guide.questions:
        if not question.answerable or not guide.is_relevant(question.id, values):
            continue
        applicable += 1
        answered += question_answered(guide, question, values)
    return answered, applicable


def missing_answers(guide: Guide, values: Mapping[str, object], rows: Rows) -> list[MissingAnswer]:
    """Required answers that keep an interview from being complete, in guide order.

    ``values`` are the interview's answers as skip logic sees them; ``rows``
    gives each repeat group's rows with their ids, so that a missing cell
    names its row.
    """
    found: list[MissingAnswer] = []
    for question in guide.questions:
        if not question.answerable or not guide.is_relevant(question.id, values):
            continue
        if question.required and _empty(values.get(question.id)):
            found.append(MissingAnswer(question))
        listed = rows.get(question.id, ())
        with_rows = {**values, question.id: [row for _, row in listed]}
        for index, (row_id, _) in enumerate(listed):
            found += [
                MissingAnswer(column, row_id, index + 1)
                for column in missing_in_row(guide, question, with_rows, index)
            ]
    return found


def interview_completions(
    survey: GuideSource,
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


def _row_needs(guide: Guide) -> tuple[list[str], list[str]]:
    """What tells whether a row lacks a required answer.

    Returns the columns to read in every row (the required ones and those
    their skip logic reads) and the interview's own answers that skip logic
    reads too.
    """
    columns: set[str] = set()
    outer: set[str] = set()
    for repeat in guide.questions:
        own = {column.id for column in repeat.columns}
        for column in repeat.columns:
            if not (column.required and column.answerable):
                continue
            columns.add(column.id)
            for condition in guide.conditions(column.id):
                for name in condition.references:
                    (columns if name in own else outer).add(name)
    return sorted(columns), sorted(outer)


def _row_values(log: ChangeLog, columns: list[str]) -> dict[str, dict[str, list[object]]]:
    """The live rows of each interview's repeat groups, in order, with answers of ``columns``."""
    marks = ", ".join("?" for _ in columns)
    cursor = log.connection.execute(
        "SELECT json_extract(r.interview, '$'), json_extract(r.repeat, '$'),"
        " json_extract(r.position, '$'), r.entity_id, a.answers FROM ("
        " SELECT entity_id,"
        " max(CASE field WHEN 'interview' THEN value END) AS interview,"
        " max(CASE field WHEN 'repeat' THEN value END) AS repeat,"
        " max(CASE field WHEN 'position' THEN value END) AS position,"
        " max(CASE field WHEN 'deleted' THEN value END) AS deleted"
        " FROM state WHERE entity = 'row'"
        " AND field IN ('interview', 'repeat', 'position', 'deleted')"
        " GROUP BY entity_id"
        ") AS r LEFT JOIN ("
        " SELECT entity_id, json_group_object(field, json(value)) AS answers FROM state"
        f" WHERE entity = 'row_answer' AND field IN ({marks}) GROUP BY entity_id"
        ") AS a ON a.entity_id = r.entity_id"
        " WHERE NOT coalesce(json_extract(r.deleted, '$'), 0)",
        columns,
    )
    ordered = sorted(cursor, key=lambda row: (as_position(row[2]), row[3]))
    found: dict[str, dict[str, list[object]]] = defaultdict(lambda: defaultdict(list))
    for interview, repeat, _, _, answers in ordered:
        found[str(interview)][str(repeat)].append(json.loads(answers) if answers else {})
    return found


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
    row_columns, row_outer = _row_needs(guide)
    read = sorted({*relevance.names, *row_outer})
    answers = _scan_answers(log, plain, read, own_answer)
    # Rows are read for their required answers, and for the repeat columns
    # that conditions name (sum(${montant}) > 0).
    named_columns = {name for name in relevance.names if name in guide.columns}
    wanted_columns = sorted({*row_columns, *named_columns})
    row_values = _row_values(log, wanted_columns) if wanted_columns else {}
    visits = _visit_stamps(log)
    bound = _bound_questions(guide)
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
        answered += sum(1 for q in special if question_answered(guide, q, values))
        for question, shown in zip(conditional, relevance.shown(values), strict=True):
            if shown:
                applicable += 1
                if question.bind or question.type == "repeat":
                    answered += question_answered(guide, question, values)
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
