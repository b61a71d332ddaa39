"""What the documents are made of: an initiative's visits, read once from a survey.

The monograph and the synthesis both start here, so that "which visits", "who
was met" and "is this answer in conflict" are decided in one place and the
writers only lay things out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from fieldkit.errors import FieldkitError
from fieldkit.export.people import Person, people_of
from fieldkit.guide import Guide, Outline, Question, outline_of
from fieldkit.survey import (
    Conflict,
    InitiativeInfo,
    InterviewInfo,
    Narrative,
    Revision,
    Survey,
)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str
    question: str | None


@dataclass(frozen=True)
class Note:
    """A facilitator's note: working material, for the working file only."""

    text: str
    question: str | None


@dataclass(frozen=True)
class Attachment:
    id: str
    filename: str
    media_type: str
    caption: str
    question: str | None

    @property
    def is_image(self) -> bool:
        return self.media_type in {"image/png", "image/jpeg", "image/gif", "image/bmp"}


@dataclass(frozen=True)
class Version:
    """One value of an answer; several when a conflict is open (``revision`` says whose)."""

    value: object
    revision: Revision | None = None


@dataclass(frozen=True)
class Visit:
    """One interview with everything a document shows of it."""

    info: InterviewInfo
    guide: Guide
    guide_hash: str
    answers: Mapping[str, object]
    people: tuple[Person, ...]
    quotes: tuple[Quote, ...]
    attachments: tuple[Attachment, ...]
    conflicts: Mapping[str, Conflict] = field(default_factory=dict)
    notes: tuple[Note, ...] = ()

    def versions(self, question: Question) -> list[Version]:
        """The answer's value, or every value when two people wrote it unseen."""
        conflict = self.conflicts.get(question.id)
        if conflict is not None:
            return [Version(r.value, r) for r in conflict.values]
        value = self.answers.get(question.id)
        return [] if _empty(value) else [Version(value)]

    def answered(self, question: Question) -> bool:
        return bool(self.versions(question))

    def attached_to(self) -> list[str | None]:
        """The question each quote, note and attachment hangs off (None: the visit itself)."""
        items: list[Quote | Note | Attachment] = [*self.quotes, *self.notes, *self.attachments]
        return [item.question for item in items]


def _empty(value: object) -> bool:
    return value is None or value == "" or value == []


@dataclass(frozen=True)
class Dossier:
    """An initiative, the visits a document is written from, and its narratives."""

    initiative: InitiativeInfo
    visits: tuple[Visit, ...]
    conflicts: tuple[Conflict, ...]
    narratives: Mapping[str, Narrative] = field(default_factory=dict)

    @property
    def guide(self) -> Guide:
        """The guide of the latest visit: its structure orders the document."""
        return self.visits[-1].guide

    @property
    def outline(self) -> Outline:
        """The monograph's outline, as the latest visit's guide defines it."""
        return outline_of(self.guide)

    def narrative_conflict(self, section_id: str) -> Conflict | None:
        """Every version of a section's narrative when two were written unseen."""
        narrative = self.narratives.get(section_id)
        if narrative is None or narrative.conflict is None:
            return None
        return next((c for c in self.conflicts if c.id == narrative.conflict), None)

    def people(self) -> list[tuple[Person, list[Visit]]]:
        """Everyone met, once each (by name), with the visits they took part in."""
        met: dict[str, tuple[Person, list[Visit]]] = {}
        for visit in self.visits:
            for person in visit.people:
                met.setdefault(person.name.casefold(), (person, []))[1].append(visit)
        return list(met.values())

    def interviewers(self) -> list[str]:
        seen: dict[str, None] = {}
        for visit in self.visits:
            seen.update(dict.fromkeys(visit.info.interviewers))
        return list(seen)


def gather(
    survey: Survey,
    initiative_id: str,
    include_drafts: bool = False,
    conflicts: Iterable[Conflict] | None = None,
) -> Dossier:
    """Read an initiative's visits (complete ones only, unless drafts are asked for)."""
    initiative = survey.initiative(initiative_id)
    if initiative.deleted:
        raise FieldkitError(f"{survey.path}: the initiative « {initiative.name} » is in the trash")
    interviews = survey.interviews(initiative_id)
    chosen = _chosen(interviews, include_drafts)
    if not chosen:
        why = "no visit" if not interviews else "no completed visit (use --include-drafts)"
        raise FieldkitError(f"{survey.path}: the initiative « {initiative.name} » has {why}")
    return _dossier(
        survey, initiative, chosen, survey.conflicts() if conflicts is None else conflicts
    )


def gather_all(survey: Survey, include_drafts: bool = False) -> list[Dossier]:
    """Every initiative that has visits to show, by name."""
    conflicts = survey.conflicts()
    interviews = survey.interviews()
    dossiers = []
    for initiative in survey.initiatives():
        own = [i for i in interviews if i.initiative == initiative.id]
        chosen = _chosen(own, include_drafts)
        if chosen:
            dossiers.append(_dossier(survey, initiative, chosen, conflicts))
    return dossiers


def _chosen(interviews: Iterable[InterviewInfo], include_drafts: bool) -> list[InterviewInfo]:
    return [i for i in interviews if include_drafts or i.status == "complete"]


def _dossier(
    survey: Survey,
    initiative: InitiativeInfo,
    chosen: Iterable[InterviewInfo],
    conflicts: Iterable[Conflict],
) -> Dossier:
    by_key = _conflicts_by_key(conflicts)
    visits = tuple(_visit(survey, info, by_key) for info in chosen)
    related = _related_conflicts(survey, initiative.id, visits, by_key)
    return Dossier(initiative, visits, related, survey.narratives(initiative.id))


ConflictKey = tuple[str, str, str]


def _conflicts_by_key(conflicts: Iterable[Conflict]) -> dict[ConflictKey, Conflict]:
    return {(c.entity, c.entity_id, c.field): c for c in conflicts}


def _visit(survey: Survey, info: InterviewInfo, conflicts: Mapping[ConflictKey, Conflict]) -> Visit:
    guide = survey.guide_for(info.id)
    digest = _text(survey.interview_fields(info.id).get("guide")) or survey.guide_hash
    return Visit(
        info=info,
        guide=guide,
        guide_hash=digest,
        answers=survey.answers(info.id),
        people=tuple(people_of(survey, info.id, guide)),
        quotes=tuple(
            Quote(_text(q.get("text")), _text(q.get("speaker")), _optional(q.get("question")))
            for q in survey.items("quote", info.id)
        ),
        attachments=tuple(_attachment(a) for a in survey.items("attachment", info.id)),
        conflicts=_answer_conflicts(guide, info, conflicts),
        notes=tuple(
            Note(_text(n.get("text")), _optional(n.get("question")))
            for n in survey.items("note", info.id)
        ),
    )


def _optional(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _attachment(fields: Mapping[str, object]) -> Attachment:
    return Attachment(
        id=str(fields["id"]),
        filename=_text(fields.get("filename")),
        media_type=_text(fields.get("media_type")),
        caption=_text(fields.get("caption")),
        question=_optional(fields.get("question")),
    )


def answer_key(question: Question, info: InterviewInfo) -> ConflictKey:
    """Where a question's value lives in the change log (bound ones live elsewhere)."""
    if not question.bind:
        return ("answer", info.id, question.id)
    owner, name = question.bind.split(".")
    return (owner, info.initiative if owner == "initiative" else info.id, name)


def _answer_conflicts(
    guide: Guide, info: InterviewInfo, conflicts: Mapping[ConflictKey, Conflict]
) -> dict[str, Conflict]:
    if not conflicts:
        return {}
    found = {}
    for question in guide.questions:
        conflict = conflicts.get(answer_key(question, info))
        if conflict is not None:
            found[question.id] = conflict
    return found


def _related_conflicts(
    survey: Survey,
    initiative_id: str,
    visits: Iterable[Visit],
    conflicts: Mapping[ConflictKey, Conflict],
) -> tuple[Conflict, ...]:
    """Every open conflict on the initiative, its visits and what hangs off them."""
    if not conflicts:
        return ()
    owners = {("initiative", initiative_id)}
    for visit in visits:
        interview = visit.info.id
        owners |= {("interview", interview), ("answer", interview)}
        for entity in ("row", "quote", "note", "attachment"):
            children = survey.log.children(entity, interview)
            owners |= {(entity, child) for child in children}
            if entity == "row":
                owners |= {("row_answer", child) for child in children}
    return tuple(c for key, c in conflicts.items() if (key[0], key[1]) in owners)


def figure_of(survey: Survey, attachment_id: str) -> tuple[bytes, str] | None:
    """An attachment's picture and caption, for a figure a narrative places (None: gone)."""
    fields = survey.log.fields("attachment", attachment_id)
    if not fields or fields.get("deleted") or fields.get("interview") is None:
        return None
    attachment = _attachment({"id": attachment_id, **fields})
    if not attachment.is_image:
        return None
    try:
        data = survey.attachment_data(attachment_id)
    except FieldkitError:
        return None
    return data, attachment.caption


def left_out(survey: Survey, include_drafts: bool) -> list[InterviewInfo]:
    """The visits a document leaves out: drafts, unless they are asked for."""
    if include_drafts:
        return []
    return [i for i in survey.interviews() if i.status != "complete"]
