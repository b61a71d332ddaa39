"""What each section of the outline holds for one initiative: its parts.

The guide's outline (:func:`fieldkit.guide.outline_of`) says which sections a
monograph has and where each question's material is printed. Here that is
met with an initiative's dossier: for each section, the author's narrative,
the answers, quotes and photos of every visit that it prints, and — for a
reading along an axis — the sections that hold its evidence, referred to
rather than copied. The monograph, the synthesis, the working file and the
writing view all read sections through :func:`parts`, so they agree on what
belongs where and nothing is printed twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fieldkit.export.content import Attachment, Dossier, Quote, Version, Visit
from fieldkit.guide import Outline, OutlineSection, Question
from fieldkit.survey import Narrative

#: What a section is, for the person writing it: "written" (it has a
#: narrative), "material" (the visits gave it something, no narrative yet)
#: or "empty".
WRITTEN, MATERIAL, EMPTY = "written", "material", "empty"


@dataclass(frozen=True)
class Answered:
    """One question's material across the visits: every answer, quote and photo."""

    question: Question
    answers: list[tuple[Visit, Version]] = field(default_factory=list)
    quotes: list[tuple[Visit, Quote]] = field(default_factory=list)
    photos: list[tuple[Visit, Attachment]] = field(default_factory=list)


@dataclass(frozen=True)
class Part:
    """One section of the outline as a document shows it for one initiative."""

    section: OutlineSection
    narrative: Narrative | None
    answered: list[Answered]
    #: For a reading along an axis: the other sections holding its evidence,
    #: each with the questions answered there.
    related: list[tuple[OutlineSection, list[Question]]]

    @property
    def state(self) -> str:
        if self.narrative is not None:
            return WRITTEN
        if any(a.answers or a.quotes or a.photos for a in self.answered) or self.related:
            return MATERIAL
        return EMPTY

    def quotes(self) -> list[tuple[Visit, Quote]]:
        return [item for a in self.answered for item in a.quotes]

    def photos(self) -> list[tuple[Visit, Attachment]]:
        return [item for a in self.answered for item in a.photos]


def parts(dossier: Dossier) -> list[Part]:
    """Every section of the dossier's outline, in order, with what it holds."""
    outline = dossier.outline
    by_section = {s.id: answered(dossier, outline.material(s.id)) for s in outline.sections}
    found = []
    for section in outline.sections:
        related = []
        if section.kind == "axis":
            related = _related(outline, section, by_section)
        found.append(
            Part(section, dossier.narratives.get(section.id), by_section[section.id], related)
        )
    return found


def answered(dossier: Dossier, questions: tuple[Question, ...]) -> list[Answered]:
    """Each question's material, for the questions that have some.

    Quotes and photos attached to an "Autre, préciser" question go with the
    question it specifies.
    """
    found = []
    for question in questions:
        ids = {question.id} | {
            p
            for p, precision in dossier.outline.precisions.items()
            if precision.question == question.id
        }
        item = Answered(
            question,
            answers=[(v, version) for v in dossier.visits for version in v.versions(question)],
            quotes=[(v, q) for v in dossier.visits for q in v.quotes if q.question in ids],
            photos=[
                (v, a)
                for v in dossier.visits
                for a in v.attachments
                if a.is_image and a.question in ids
            ],
        )
        if item.answers or item.quotes or item.photos:
            found.append(item)
    return found


def _related(
    outline: Outline, section: OutlineSection, by_section: dict[str, list[Answered]]
) -> list[tuple[OutlineSection, list[Question]]]:
    related = {q.id for q in outline.related(section.id)}
    found = []
    for other in outline.sections:
        questions = [a.question for a in by_section[other.id] if a.question.id in related]
        questions = [q for q in questions if _has_answers(by_section[other.id], q)]
        if questions:
            found.append((other, questions))
    return found


def _has_answers(answered: list[Answered], question: Question) -> bool:
    return any(a.question == question and a.answers for a in answered)


def loose_material(
    dossier: Dossier,
) -> tuple[list[tuple[Visit, Quote]], list[tuple[Visit, Attachment]]]:
    """Quotes and photos no section prints: attached to no question, or to one with no home.

    Material attached to an internal question stays out: it is working
    material like the question itself. An "Autre, préciser" question's
    material goes with the question it specifies.
    """
    outline = dossier.outline

    def loose(question_id: str | None) -> bool:
        if question_id is None:
            return True
        question = dossier.guide.question(question_id)
        if question is None:
            return True
        if question.internal:
            return False
        precision = outline.precisions.get(question_id)
        return outline.home_of(precision.question if precision else question_id) is None

    quotes = [(v, q) for v in dossier.visits for q in v.quotes if loose(q.question)]
    photos = [
        (v, a) for v in dossier.visits for a in v.attachments if a.is_image and loose(a.question)
    ]
    return quotes, photos
