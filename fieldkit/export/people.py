"""The people met, as the guide's repeat group records them, and what each agreed to.

Each person met says yes or no to three things, recorded in the interview:
being **named**, being **quoted** and being **photographed**. No answer is no.
The facilitator may also give a **pseudonym** ("une élue municipale",
"Personne A") and a more **general role and organisation** ("élue", "une
commune rurale") for the documents that do not name the person, because a
job title often names someone on its own.

A guide made before consent was split in three has one column, consent to
be named; its quotes and photos were gathered under the old rule and stay
shown. The guide is read rather than hard-coded, so that an imported guide
with its own column ids still gets its people found (and protected).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from fieldkit.export.names import fold_name
from fieldkit.guide import Guide, Question
from fieldkit.survey import Survey

#: Choice values that record a "yes" in a consent column.
_YES = frozenset({"oui", "yes", "true", "1"})


@dataclass(frozen=True)
class Consent:
    """What a person agreed to; ``False`` unless a "yes" was recorded."""

    named: bool = False
    quoted: bool = False
    photographed: bool = False

    def __and__(self, other: Consent) -> Consent:
        """The consent two records agree on: the stricter of each."""
        return Consent(
            self.named and other.named,
            self.quoted and other.quoted,
            self.photographed and other.photographed,
        )


@dataclass(frozen=True)
class Person:
    """Someone met during a visit, as the guide's repeat group of people records them."""

    name: str
    role: str = ""
    organisation: str = ""
    consent: Consent = field(default_factory=Consent)
    #: What the facilitator chose to call them when they are not named ("" if nothing).
    pseudonym: str = ""
    general_role: str = ""
    general_organisation: str = ""
    #: Order of first meeting in the survey: what "Personne A, B, C" follow.
    order: int = 0

    @property
    def key(self) -> str:
        """Who this is, whatever the case or accents the name was typed with."""
        return fold_name(self.name)


@dataclass(frozen=True)
class PeopleColumns:
    """Which repeat group of a guide lists the people met, and which columns say what."""

    repeat: str
    name: str
    role: str | None = None
    organisation: str | None = None
    named: str | None = None
    quoted: str | None = None
    photographed: str | None = None
    pseudonym: str | None = None
    general_role: str | None = None
    general_organisation: str | None = None

    @classmethod
    def of(cls, guide: Guide) -> PeopleColumns | None:
        for question in guide.questions:
            if question.type != "repeat":
                continue
            name = _column(question, ("nom", "name")) or _first_text(question)
            if name is None:
                continue
            general_role = _column(question, ("role_general", "general_role"))
            general_organisation = _column(
                question, ("structure_general", "organisation_general", "general_organi")
            )
            general = frozenset({general_role, general_organisation})
            return cls(
                repeat=question.id,
                name=name,
                role=_column(question, ("role", "fonction"), general),
                organisation=_column(
                    question, ("structure", "organisation", "organization"), general
                ),
                named=_column(question, ("consent",)),
                quoted=_column(question, ("citation", "quote", "quoted")),
                photographed=_column(question, ("photo",)),
                pseudonym=_column(question, ("pseudonym",)),
                general_role=general_role,
                general_organisation=general_organisation,
            )
        return None

    def person(self, values: Mapping[str, object]) -> Person | None:
        name = self._text(values, self.name)
        if not name:
            return None
        named = _yes(values.get(self.named)) if self.named else False
        return Person(
            name=name,
            role=self._text(values, self.role),
            organisation=self._text(values, self.organisation),
            consent=Consent(
                named=named,
                # An older guide asked about names only: its quotes and photos stay.
                quoted=_yes(values.get(self.quoted)) if self.quoted else True,
                photographed=_yes(values.get(self.photographed)) if self.photographed else True,
            ),
            pseudonym=self._text(values, self.pseudonym),
            general_role=self._text(values, self.general_role),
            general_organisation=self._text(values, self.general_organisation),
        )

    @staticmethod
    def _text(values: Mapping[str, object], column: str | None) -> str:
        value = values.get(column) if column else None
        return " ".join(value.split()) if isinstance(value, str) else ""


def _column(
    repeat: Question, hints: tuple[str, ...], besides: frozenset[str | None] = frozenset()
) -> str | None:
    """The first column whose id holds one of ``hints`` (and is not one of ``besides``)."""
    return next(
        (
            c.id
            for c in repeat.columns
            if c.id not in besides and any(h in c.id.casefold() for h in hints)
        ),
        None,
    )


def _first_text(repeat: Question) -> str | None:
    return next((c.id for c in repeat.columns if c.type == "text"), None)


def _yes(value: object) -> bool:
    if isinstance(value, bool):
        return value
    return isinstance(value, str) and value.casefold() in _YES


def people_of(
    survey: Survey, interview_id: str, guide: Guide, include_deleted: bool = False
) -> list[Person]:
    """The people met at one visit, in the order of the list."""
    columns = PeopleColumns.of(guide)
    if columns is None:
        return []
    rows = survey.rows(interview_id, columns.repeat, include_deleted=include_deleted)
    return [p for p in (columns.person(r.values) for r in rows) if p is not None]


def everyone_met(survey: Survey) -> list[Person]:
    """Every person met anywhere in the survey, once each, in order of first meeting.

    Deleted visits and rows count too: a name met at one initiative can
    appear in another's notes, and a row removed from the list may still be
    quoted somewhere. Someone listed at two visits agreed only to what both
    records say, and keeps the first pseudonym and general role given.
    """
    met: dict[str, tuple[int, Person]] = {}
    for info in survey.interviews(include_deleted=True):
        guide = survey.guide_for(info.id)
        columns = PeopleColumns.of(guide)
        if columns is None:
            continue
        for row in survey.rows(info.id, columns.repeat, include_deleted=True):
            person = columns.person(row.values)
            if person is None:
                continue
            state = survey.field_state("row", row.id, "interview")
            stamp = state.hlc if state is not None else 0
            known = met.get(person.key)
            met[person.key] = (stamp, person) if known is None else _merged(known, stamp, person)
    ordered = sorted(met.values(), key=lambda item: (item[0], item[1].key))
    return [replace(person, order=index) for index, (_, person) in enumerate(ordered)]


def _merged(known: tuple[int, Person], stamp: int, person: Person) -> tuple[int, Person]:
    """One person from two records: the earlier first, the stricter consent."""
    (first_stamp, first), later = sorted([known, (stamp, person)], key=lambda item: item[0])
    second = later[1]
    return first_stamp, replace(
        first,
        consent=first.consent & second.consent,
        role=first.role or second.role,
        organisation=first.organisation or second.organisation,
        pseudonym=first.pseudonym or second.pseudonym,
        general_role=first.general_role or second.general_role,
        general_organisation=first.general_organisation or second.general_organisation,
    )


def letters(index: int) -> str:
    """0 → "A", 25 → "Z", 26 → "AA": the letter of a generated pseudonym."""
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(ord("A") + rest) + text
    return text
