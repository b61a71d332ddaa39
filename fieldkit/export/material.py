"""What a writing view shows beside a section's text: its state, and the visits' material.

The window that writes a monograph (and ``fieldkit outline``) asks two
things of the core. :func:`section_states` — for each section of the
initiative's outline, whether it is written (and by whom), has material
only, or is empty. :func:`section_material` — everything the visits gave one
section: each answer in words, each quote with its speaker and whether that
speaker consented to be named, each photo, all with their visit; each item
carries the markup that inserts it into the narrative in one gesture (a
quotation with its attribution, a figure with its caption). The narrative is
then saved with ``Survey.set_narrative``.

Every visit counts here, drafts included: an author writes from everything
gathered so far.
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldkit.errors import FieldkitError
from fieldkit.export.answers import answer_words
from fieldkit.export.condensed import caption_of, specified
from fieldkit.export.content import Attachment, Dossier, Quote, Visit, gather
from fieldkit.export.outline import EMPTY, WRITTEN, Answered, answered, loose_material, parts
from fieldkit.export.pseudonym import Pseudonyms
from fieldkit.export.typography import long_date
from fieldkit.guide import OutlineSection
from fieldkit.survey import Narrative, Survey, markup


@dataclass(frozen=True)
class SectionState:
    """One section of an initiative's monograph and where its writing stands."""

    section: OutlineSection
    #: "written" (it has a narrative), "material" (the visits gave it
    #: something, no narrative yet) or "empty".
    state: str
    narrative: Narrative | None


@dataclass(frozen=True)
class MaterialItem:
    """One piece of a section's material: an answer, a quote or a photo, from one visit."""

    kind: str  # "answer", "quote" or "photo"
    interview: str
    #: The visit's date (ISO) and the people met then, as recorded.
    visit_date: str
    people: tuple[str, ...]
    #: The question it answers or hangs off, and its label (None, "" for none).
    question: str | None
    label: str
    #: The answer in words, the quote's words, or the photo's caption.
    text: str
    #: A quote's speaker, and whether they agreed to be named (None: the
    #: speaker is not among the people met); the markup of a quote whose
    #: speaker did not agree names them by role and initials.
    speaker: str = ""
    consent: bool | None = None
    #: The name a quote is attributed to in every document (a pseudonym for
    #: someone who did not agree to be named).
    shown_as: str = ""
    #: A photo's attachment id.
    attachment: str | None = None
    #: What inserting it adds to the narrative (see fieldkit.survey.markup).
    markup: str = ""


def section_states(survey: Survey, initiative_id: str) -> list[SectionState]:
    """Each section of the initiative's outline, in order, with its state and narrative."""
    dossier = _dossier(survey, initiative_id)
    if dossier is None:
        narratives = survey.narratives(initiative_id)
        return [
            SectionState(s, WRITTEN if s.id in narratives else EMPTY, narratives.get(s.id))
            for s in survey.outline(initiative_id).sections
        ]
    return [SectionState(p.section, p.state, p.narrative) for p in parts(dossier)]


def section_material(
    survey: Survey, initiative_id: str, section_id: str, language: str = "fr"
) -> list[MaterialItem]:
    """Everything the visits gave one section, question by question, visit by visit.

    The summary has no questions of its own: it offers the quotes and photos
    that hang off no question.
    """
    outline = survey.outline(initiative_id)
    section = outline.section(section_id)
    if section is None:
        known = ", ".join(s.id for s in outline.sections)
        raise FieldkitError(
            f"{survey.path}: the monograph's outline has no section {section_id!r} "
            f"(its sections: {known})"
        )
    dossier = _dossier(survey, initiative_id)
    if dossier is None:
        return []
    # What people did not agree to show is not offered; who refused to be
    # named is attributed by pseudonym, as every document would print them.
    names = Pseudonyms.of_survey(survey, False, language)
    dossier = names.shareable(dossier)
    reader = _Reader(dossier, language, names)
    if section.kind == "summary":
        quotes, photos = loose_material(dossier)
        return [reader.quote(v, q) for v, q in quotes] + [reader.photo(v, a) for v, a in photos]
    items: list[MaterialItem] = []
    for item in answered(dossier, dossier.outline.feeding(section_id)):
        items += reader.items(item)
    return items


def _dossier(survey: Survey, initiative_id: str) -> Dossier | None:
    if not survey.interviews(initiative_id):
        survey.initiative(initiative_id)  # an unknown id is named
        return None
    return gather(survey, initiative_id, include_drafts=True)


class _Reader:
    """Turns a dossier's answers, quotes and photos into material items."""

    def __init__(self, dossier: Dossier, language: str, names: Pseudonyms) -> None:
        self.language = language
        self.outline = dossier.outline
        self.names = names

    def items(self, item: Answered) -> list[MaterialItem]:
        label = item.question.label.get(self.language)
        found = []
        for visit, version in item.answers:
            chosen = specified(self.outline, item.question, visit)
            text = answer_words(item.question, version.value, self.language, chosen)
            found.append(self._item("answer", visit, item.question.id, label, text, markup=text))
        found += [self.quote(v, q) for v, q in item.quotes]
        found += [self.photo(v, a) for v, a in item.photos]
        return found

    def quote(self, visit: Visit, quote: Quote) -> MaterialItem:
        """A quote, attributed as the speaker's consent allows.

        Someone who did not agree to be named is quoted by role and initials,
        as every document would print them anyway: what the author sees in
        the text is what the reader will read.
        """
        when = long_date(visit.info.date, self.language)
        person = next(
            (p for p in visit.people if p.name.casefold() == quote.speaker.casefold()), None
        )
        consent = person.consent.named if person is not None else None
        hidden = person is not None and self.names.hidden(person)
        named = self.names.pseudonym(person) if person is not None and hidden else quote.speaker
        attribution = f"{named}, {when}" if named else when
        return self._item(
            "quote",
            visit,
            quote.question,
            self._label(quote.question),
            quote.text,
            speaker=quote.speaker,
            consent=consent,
            shown_as=named,
            markup=markup.quote_markup(quote.text, attribution),
        )

    def photo(self, visit: Visit, attachment: Attachment) -> MaterialItem:
        caption = caption_of(attachment)
        return self._item(
            "photo",
            visit,
            attachment.question,
            self._label(attachment.question),
            caption,
            attachment=attachment.id,
            markup=markup.figure_markup(attachment.id, caption),
        )

    def _label(self, question_id: str | None) -> str:
        question = self.outline.guide.question(question_id) if question_id else None
        return question.label.get(self.language) if question else ""

    def _item(
        self, kind: str, visit: Visit, question: str | None, label: str, text: str, **more: object
    ) -> MaterialItem:
        return MaterialItem(
            kind=kind,
            interview=visit.info.id,
            visit_date=visit.info.date,
            people=tuple(p.name for p in visit.people),
            question=question,
            label=label,
            text=text,
            **more,  # type: ignore[arg-type]
        )
