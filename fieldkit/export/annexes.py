"""The monograph's annexes: the people met, the visits, the method, documents, conflicts.

What a reader checks the text against: who was met (as their consent
allows), when and by whom the initiative was visited, with which guide, and
any answer two people changed unseen. Working material — completion counts,
the guide's fingerprint, the questions left unanswered — belongs to the
working file, not here.
"""

from __future__ import annotations

from datetime import date

from fieldkit.export.answers import in_words, lower_first
from fieldkit.export.content import Dossier, Visit
from fieldkit.export.typography import long_date
from fieldkit.export.wording import word
from fieldkit.export.writer import DocumentWriter
from fieldkit.guide import Question
from fieldkit.survey import NARRATIVE_PREFIX, Conflict


def write_annexes(writer: DocumentWriter, dossier: Dossier, pseudonymized: bool) -> None:
    writer.heading(word("annexes", writer.language), 1)
    people_met(writer, dossier)
    visits(writer, dossier)
    method(writer, dossier, pseudonymized)
    documents(writer, dossier)
    conflicts(writer, dossier)


def _date(writer: DocumentWriter, iso: str) -> str:
    return long_date(iso, writer.language)


def people_met(writer: DocumentWriter, dossier: Dossier) -> None:
    language = writer.language
    writer.heading(word("people_met", language), 2)
    rows = [
        (
            person.name,
            person.role,
            person.organisation,
            in_words([_date(writer, v.info.date) for v in met_at], language),
        )
        for person, met_at in dossier.people()
    ]
    if not rows:
        writer.paragraph(word("nobody", language))
        return
    header = [word(k, language) for k in ("name", "role", "organisation", "visits")]
    writer.table(header, rows, widths=(3, 3, 3, 2))


def visits(writer: DocumentWriter, dossier: Dossier) -> None:
    """When, where and by whom; a draft says so (only when drafts were asked for)."""
    language = writer.language
    writer.heading(word("visits", language), 2)
    drafts = any(v.info.status != "complete" for v in dossier.visits)
    header = [word(k, language) for k in ("date", "place", "interviewers")]
    rows = []
    for visit in dossier.visits:
        when = _date(writer, visit.info.date)
        if drafts and visit.info.status != "complete":
            when += f" ({word('draft', language)})"
        rows.append((when, visit.info.place, in_words(list(visit.info.interviewers), language)))
    writer.table(header, rows, widths=(2, 4, 3))


def method(writer: DocumentWriter, dossier: Dossier, pseudonymized: bool) -> None:
    """The guide the visits followed, the dates in words, how the document came about."""
    language = writer.language
    writer.heading(word("method", language), 2)
    count = len(dossier.visits)
    guides: dict[str, Visit] = {}
    for visit in dossier.visits:
        guides.setdefault(visit.guide_hash, visit)
    notes = []
    for visit in guides.values():
        dates = in_words(
            [
                _date(writer, v.info.date)
                for v in dossier.visits
                if v.guide_hash == visit.guide_hash
            ],
            language,
        )
        notes.append(
            word(
                "method_text",
                language,
                visits=counted(count, "one_visit", "n_visits", language),
                dates=dates,
                guide=visit.guide.title.get(language),
                version=visit.guide.version,
            )
        )
    today = long_date(date.today().isoformat(), language)
    notes.append(word("produced_on", language, date=today))
    if pseudonymized:
        notes.append(word("pseudonymized", language))
    if any(v.info.status != "complete" for v in dossier.visits):
        notes.append(word("drafts_included", language))
    writer.paragraph(" ".join(notes))


def counted(count: int, one: str, many: str, language: str) -> str:
    """ "une visite", "3 visites"."""
    return word(one, language) if count == 1 else word(many, language, n=str(count))


def documents(writer: DocumentWriter, dossier: Dossier) -> None:
    """Attachments that are not pictures: named, since they cannot be shown."""
    rows = [
        (a.filename, a.caption, _date(writer, v.info.date))
        for v in dossier.visits
        for a in v.attachments
        if not a.is_image and not _internal(dossier, a.question)
    ]
    if rows:
        language = writer.language
        writer.heading(word("documents", language), 2)
        header = [word(k, language) for k in ("name", "caption", "date")]
        writer.table(header, rows, widths=(3, 4, 2))


def _internal(dossier: Dossier, question_id: str | None) -> bool:
    question = dossier.guide.question(question_id) if question_id else None
    return question is not None and question.internal


def conflicts(writer: DocumentWriter, dossier: Dossier) -> None:
    """The printed answers and texts two people changed unseen: the text shows each version."""
    shown = [c for c in dossier.conflicts if _printed(c, dossier)]
    if not shown:
        return
    language = writer.language
    writer.heading(word("conflicts", language), 2)
    writer.paragraph(word("conflicts_list", language))
    lines = []
    for conflict in shown:
        authors = in_words(list(dict.fromkeys(r.author for r in conflict.values)), language)
        versions = word("versions_by", language, authors=authors)
        lines.append(f"{_subject(conflict, dossier, writer)} : {versions}")
    writer.bullets(lines)


def _printed(conflict: Conflict, dossier: Dossier) -> bool:
    """Whether the monograph prints the field in conflict (working material is not)."""
    if conflict.entity == "initiative":
        return True
    question = _question_of(conflict, dossier)
    return question is not None and dossier.outline.printed(question)


def _question_of(conflict: Conflict, dossier: Dossier) -> Question | None:
    guide = dossier.guide
    if conflict.entity in {"answer", "row_answer"}:
        return guide.question(conflict.field)
    if conflict.entity == "interview":
        bind = f"{conflict.entity}.{conflict.field}"
        return next((q for q in guide.questions if q.bind == bind), None)
    return None


def _subject(conflict: Conflict, dossier: Dossier, writer: DocumentWriter) -> str:
    """What the conflict is about, in words: the section, or the question and the visit."""
    language = writer.language
    if conflict.entity == "initiative" and conflict.field.startswith(NARRATIVE_PREFIX):
        section = dossier.outline.section(conflict.field[len(NARRATIVE_PREFIX) :])
        return f"« {section.title.get(language)} »" if section else conflict.field
    if conflict.entity == "initiative":
        question = next(
            (q for q in dossier.guide.questions if q.bind == f"initiative.{conflict.field}"), None
        )
        return f"« {question.label.get(language)} »" if question else conflict.field
    question = _question_of(conflict, dossier)
    what = f"« {question.label.get(language)} »" if question else conflict.field
    visit = next((v for v in dossier.visits if v.info.id == conflict.entity_id), None)
    if visit is None:
        return what
    return f"{what}, {lower_first(word('visit_on', language, date=_date(writer, visit.info.date)))}"
