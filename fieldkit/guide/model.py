"""The interview guide: sections of questions, as immutable data.

A guide is data, not code. It is loaded from a readable file (see
:mod:`fieldkit.guide.loader`) and snapshotted into every survey file that uses
it, so the model here is frozen and carries the text it came from.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from fieldkit.guide.expressions import Expression, Scope

DEFAULT_LANGUAGE = "fr"

QUESTION_TYPES = frozenset(
    {
        "text",
        "long_text",
        "select_one",
        "select_multiple",
        "integer",
        "decimal",
        "date",
        "time",
        "datetime",
        "scale",
        "note",
        "repeat",
    }
)
SELECT_TYPES = frozenset({"select_one", "select_multiple"})

#: Questions whose answer is a property of the initiative or the visit rather
#: than of one interview's answers; the survey file stores them there, once.
BIND_TARGETS = frozenset(
    {
        "initiative.name",
        "initiative.territory",
        "initiative.network",
        "initiative.kind",
        "interview.date",
        "interview.place",
        "interview.interviewers",
    }
)


@dataclass(frozen=True)
class Text:
    """A text in several languages, French first."""

    translations: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, mapping: Mapping[str, str]) -> Text:
        return cls(tuple(mapping.items()))

    def get(self, language: str = DEFAULT_LANGUAGE) -> str:
        """Return the text in ``language``, else in French, else in any language."""
        found = dict(self.translations)
        for key in (language, DEFAULT_LANGUAGE):
            if found.get(key):
                return found[key]
        return next((value for value in found.values() if value), "")

    def as_dict(self) -> dict[str, str]:
        return dict(self.translations)

    def __str__(self) -> str:
        return self.get()


@dataclass(frozen=True)
class Choice:
    value: str
    label: Text


@dataclass(frozen=True)
class Question:
    """One question; a ``repeat`` question holds its row's questions in ``columns``."""

    id: str
    type: str
    label: Text
    section: str
    hint: Text | None = None
    required: bool = False
    choices: tuple[Choice, ...] = ()
    relevant: Expression | None = None
    constraint: Expression | None = None
    constraint_message: Text | None = None
    tags: tuple[str, ...] = ()
    bind: str | None = None
    minimum: int | None = None
    maximum: int | None = None
    minimum_label: Text | None = None
    maximum_label: Text | None = None
    columns: tuple[Question, ...] = ()
    repeat: str | None = None
    line: int | None = None
    #: Working material (an off-record note, who writes, next steps): printed
    #: in the working file, never in the monograph or the synthesis.
    internal: bool = False
    #: The unit a number is counted in ("%", "équivalents temps plein").
    unit: Text | None = None
    #: The monograph section this question's material feeds, when its tags
    #: do not say (an id of the guide's outline).
    feeds: str | None = None

    @property
    def answerable(self) -> bool:
        """Whether the question takes an answer (a note only informs)."""
        return self.type != "note"

    def choice(self, value: str) -> Choice | None:
        return next((c for c in self.choices if c.value == value), None)

    def choice_label(self, value: str, language: str = DEFAULT_LANGUAGE) -> str:
        """Return a choice's label, or the raw value when the guide no longer has it."""
        found = self.choice(value)
        return found.label.get(language) if found else value


@dataclass(frozen=True)
class Section:
    id: str
    title: Text
    questions: tuple[Question, ...]
    intro: Text | None = None
    relevant: Expression | None = None
    tags: tuple[str, ...] = ()


#: The kinds of monograph section: the summary (*chapeau*), a theme, a
#: reading along one research axis, the lessons and next steps.
OUTLINE_KINDS = ("summary", "theme", "axis", "lessons")


@dataclass(frozen=True)
class OutlineSection:
    """One section of the monograph as the guide declares it (see :mod:`.outline`).

    ``tag`` names the theme or axis whose questions feed the section;
    ``gather`` asks the synthesis to gather every question carrying the tag
    (the programme of action), wherever its material is printed.
    """

    id: str
    kind: str
    title: Text
    tag: str | None = None
    hint: Text | None = None
    gather: bool = False


def _empty(value: object) -> bool:
    return value is None or value == "" or value == []


@dataclass(frozen=True)
class Guide:
    """A whole interview guide, with the exact text it was loaded from."""

    id: str
    version: str
    title: Text
    sections: tuple[Section, ...]
    languages: tuple[str, ...] = (DEFAULT_LANGUAGE,)
    description: Text | None = None
    tags: tuple[tuple[str, Text], ...] = ()
    #: The monograph's outline as the guide declares it; empty: the default
    #: one (:func:`fieldkit.guide.outline_of`).
    outline: tuple[OutlineSection, ...] = ()
    source_text: str = field(default="", repr=False, compare=False)

    @cached_property
    def questions(self) -> tuple[Question, ...]:
        """Top-level questions in guide order (repeat columns excluded)."""
        return tuple(q for s in self.sections for q in s.questions)

    def all_questions(self) -> Iterator[Question]:
        """Every question, repeat columns right after their repeat."""
        for question in self.questions:
            yield question
            yield from question.columns

    @cached_property
    def _by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.all_questions()}

    def question(self, question_id: str) -> Question | None:
        return self._by_id.get(question_id)

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def tag_label(self, tag: str, language: str = DEFAULT_LANGUAGE) -> str:
        label = dict(self.tags).get(tag)
        return label.get(language) if label else tag

    def conditions(self, question_id: str) -> tuple[Expression, ...]:
        """Return the skip-logic conditions that decide whether a question is shown."""
        return self._conditions.get(question_id, ())

    @cached_property
    def _conditions(self) -> dict[str, tuple[Expression, ...]]:
        """Each question's skip-logic conditions: its section's, then its own."""
        conditions: dict[str, tuple[Expression, ...]] = {}
        for section in self.sections:
            base = (section.relevant,) if section.relevant else ()
            for question in section.questions:
                own = (question.relevant,) if question.relevant else ()
                conditions[question.id] = base + own
                for column in question.columns:
                    extra = (column.relevant,) if column.relevant else ()
                    conditions[column.id] = base + own + extra
        return conditions

    @cached_property
    def columns(self) -> dict[str, str]:
        """Each repeat column's id, mapped to the id of its repeat group."""
        return {c.id: q.id for q in self.questions for c in q.columns}

    def scope(
        self, values: Mapping[str, object], row: int | None = None, repeat: str | None = None
    ) -> Mapping[str, object]:
        """The answers as an expression reads them: at the top, or in row ``row`` of ``repeat``.

        ``values`` holds each repeat group's rows as a list of mappings (as
        :meth:`fieldkit.survey.Survey.answers` gives them). Outside a row, a
        column stands for its value in every row (``sum(${montant})``);
        inside one, for that row's value, and ``position(..)`` is its number.
        """
        if not self.columns:
            return values
        if isinstance(values, Scope):
            values = values.answers
        return Scope(values, self.columns, repeat, row)

    def is_relevant(
        self, question_id: str, values: Mapping[str, object], row: int | None = None
    ) -> bool:
        """Whether skip logic shows the question, given the interview's answers.

        A repeat column's conditions run in row ``row`` (0-based) of its
        repeat group when it is given: its section's and its group's
        conditions, then its own, which may name the row's other columns.
        """
        conditions = self._conditions.get(question_id, ())
        if not conditions:
            return True
        scope = self.scope(values, row, self.columns.get(question_id) if row is not None else None)
        return all(c.test(scope) for c in conditions)

    def section_relevant(self, section: Section, values: Mapping[str, object]) -> bool:
        return section.relevant is None or section.relevant.test(self.scope(values))

    def completion(self, values: Mapping[str, object]) -> tuple[int, int]:
        """Count (answered, applicable) top-level questions under the current skip logic."""
        answered = applicable = 0
        for question in self.questions:
            if not question.answerable or not self.is_relevant(question.id, values):
                continue
            applicable += 1
            if not _empty(values.get(question.id)):
                answered += 1
        return answered, applicable

    def missing_required(self, values: Mapping[str, object]) -> list[Question]:
        """Required, shown questions still without an answer, in guide order."""
        return [
            q
            for q in self.questions
            if q.required and self.is_relevant(q.id, values) and _empty(values.get(q.id))
        ]

    def questions_tagged(self, tag: str) -> list[Question]:
        return [q for q in self.questions if tag in q.tags]
