"""The monograph's annexes: who was met, the visits, the guide, what is missing, conflicts.

These are the parts a reader checks the body against, so they hide nothing:
an unanswered question is listed, and an open conflict shows every value
with who wrote it and when.
"""

from __future__ import annotations

import json

from fieldkit.export.answers import answer_text
from fieldkit.export.content import Dossier, Visit
from fieldkit.export.outline import shown
from fieldkit.export.typography import long_date
from fieldkit.export.wording import word
from fieldkit.export.writer import DocumentWriter
from fieldkit.guide import Question
from fieldkit.survey import Conflict


def write_annexes(writer: DocumentWriter, dossier: Dossier) -> None:
    writer.heading(word("annexes", writer.language), 1)
    people_met(writer, dossier)
    visits(writer, dossier)
    guides(writer, dossier)
    unanswered(writer, dossier)
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
            ", ".join(_date(writer, v.info.date) for v in met_at),
        )
        for person, met_at in dossier.people()
    ]
    if not rows:
        writer.paragraph(word("nobody", language))
        return
    header = [word(k, language) for k in ("name", "role", "organisation", "visits")]
    writer.table(header, rows, widths=(3, 3, 3, 2))


def visits(writer: DocumentWriter, dossier: Dossier) -> None:
    language = writer.language
    writer.heading(word("visits", language), 2)
    header = [word(k, language) for k in ("date", "place", "interviewers", "status", "completion")]
    rows = [
        (
            _date(writer, v.info.date),
            v.info.place,
            ", ".join(v.info.interviewers),
            word("complete" if v.info.status == "complete" else "draft", language),
            f"{v.info.answered}/{v.info.applicable}",
        )
        for v in dossier.visits
    ]
    writer.table(header, rows, widths=(2, 4, 3, 1.5, 1.3))


def guides(writer: DocumentWriter, dossier: Dossier) -> None:
    """Which guide (and version) each visit was answered with."""
    language = writer.language
    writer.heading(word("guide", language), 2)
    used: dict[str, list[Visit]] = {}
    for visit in dossier.visits:
        used.setdefault(visit.guide_hash, []).append(visit)
    for digest, answered_with in used.items():
        guide = answered_with[0].guide
        dates = ", ".join(_date(writer, v.info.date) for v in answered_with)
        writer.paragraph(
            word(
                "guide_line",
                language,
                title=guide.title.get(language),
                version=guide.version,
                id=guide.id,
                hash=digest[:12],
                visits=dates,
            )
        )


def unanswered(writer: DocumentWriter, dossier: Dossier) -> None:
    """Questions some visit should have asked (skip logic says so) and none answered."""
    language = writer.language
    writer.heading(word("unanswered", language), 2)
    missing = [
        q.label.get(language)
        for q in dossier.guide.questions
        if shown(q) and _asked(q, dossier) and not any(v.answered(q) for v in dossier.visits)
    ]
    if missing:
        writer.bullets(missing)
    else:
        writer.paragraph(word("all_answered", language))


def _asked(question: Question, dossier: Dossier) -> bool:
    return any(v.guide.is_relevant(question.id, v.answers) for v in dossier.visits)


def documents(writer: DocumentWriter, dossier: Dossier) -> None:
    """Attachments that are not pictures: named, since they cannot be shown."""
    rows = [
        (a.filename, a.caption, _date(writer, v.info.date))
        for v in dossier.visits
        for a in v.attachments
        if not a.is_image
    ]
    if rows:
        language = writer.language
        writer.heading(word("documents", language), 2)
        header = [word(k, language) for k in ("name", "caption", "date")]
        writer.table(header, rows, widths=(3, 4, 2))


def conflicts(writer: DocumentWriter, dossier: Dossier) -> None:
    if not dossier.conflicts:
        return
    language = writer.language
    writer.heading(word("conflicts", language), 2)
    writer.paragraph(word("conflicts_intro", language))
    for conflict in dossier.conflicts:
        question = _question_of(conflict, dossier)
        writer.paragraph(_subject(conflict, question, dossier, writer), "Heading 3")
        for revision in conflict.values:
            value = (
                answer_text(question, revision.value, language)
                if question is not None
                else _plain(revision.value)
            )
            when = _date(writer, revision.time)
            writer.paragraph(f"{value}\n— {revision.author}, {when}", "List Bullet")


def _question_of(conflict: Conflict, dossier: Dossier) -> Question | None:
    guide = dossier.guide
    if conflict.entity in {"answer", "row_answer"}:
        return guide.question(conflict.field)
    if conflict.entity in {"initiative", "interview"}:
        bind = f"{conflict.entity}.{conflict.field}"
        return next((q for q in guide.questions if q.bind == bind), None)
    return None


def _subject(
    conflict: Conflict, question: Question | None, dossier: Dossier, writer: DocumentWriter
) -> str:
    """What the conflict is about, in words: the question and the visit."""
    what = f"{conflict.entity} · {conflict.field}"
    if question is not None:
        what = question.label.get(writer.language)
    visit = next((v for v in dossier.visits if v.info.id == conflict.entity_id), None)
    if visit is None:
        return what
    return f"{what} — {word('visit_on', writer.language, date=_date(writer, visit.info.date))}"


def _plain(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
