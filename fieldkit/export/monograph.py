"""The monograph: one initiative told from all its visits, as a Word document.

Title page, table of contents, identity table, one chapter per theme of the
guide, one per research axis, then the annexes (:mod:`fieldkit.export.annexes`).
Each answer is attributed to its visit and the people met; a conflict shows
every version. The document is built in memory and written in one go, so a
failure leaves nothing behind.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from fieldkit.errors import FieldkitError
from fieldkit.export import annexes
from fieldkit.export.answers import PROSE_TYPES, answer_lines, answer_text
from fieldkit.export.content import Attachment, Dossier, Quote, Visit, gather
from fieldkit.export.outline import Chapter, axis_chapters, identity_questions, theme_chapters
from fieldkit.export.output import export_file
from fieldkit.export.pseudonym import Pseudonyms
from fieldkit.export.template import open_template
from fieldkit.export.typography import long_date
from fieldkit.export.wording import word
from fieldkit.export.writer import DocumentWriter, Metadata
from fieldkit.guide import Question
from fieldkit.survey import Survey

#: Called with (steps done, steps in all); raising from it cancels the export.
Progress = Callable[[int, int], None]

LANGUAGES = ("fr", "en")

#: The table of contents lists chapters only: with every question a section,
#: a deeper one would run over pages (Word's navigation pane shows them all).
CONTENTS_LEVELS = 1


def check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise FieldkitError(f"unknown language {language!r} (fr or en)")


def write_monograph(
    survey: Survey,
    initiative_id: str,
    out: str | Path,
    template: str | Path | None = None,
    lang: str = "fr",
    pseudonymize: bool = False,
    include_drafts: bool = False,
    *,
    progress: Progress | None = None,
) -> Path:
    """Write the monograph of one initiative to ``out`` (.docx); return its path."""
    check_language(lang)
    document = open_template(Path(template) if template else None)
    names = Pseudonyms.of_survey(survey, pseudonymize, lang)
    dossier = names.shareable(gather(survey, initiative_id, include_drafts))
    writer = DocumentWriter(document, lang, names.scrub)
    Monograph(writer, survey, dossier, pseudonymize, progress).write()
    with export_file(Path(out), names.refuse_leaks) as temporary:
        writer.document.save(str(temporary))
    return Path(out)


@dataclass(frozen=True)
class Material:
    visits: list[Visit]
    quotes: list[tuple[Visit, Quote]]
    photos: list[tuple[Visit, Attachment]]


class Monograph:
    """Lays out one dossier; each method writes one part of the document."""

    def __init__(
        self,
        writer: DocumentWriter,
        survey: Survey,
        dossier: Dossier,
        pseudonymized: bool,
        progress: Progress | None = None,
    ) -> None:
        self.writer = writer
        self.survey = survey
        self.dossier = dossier
        self.language = writer.language
        self.guide = dossier.guide
        self.pseudonymized = pseudonymized
        self._progress = progress or (lambda done, total: None)
        self.themes = theme_chapters(self.guide, self.language)
        self.axes = axis_chapters(self.guide, self.language)
        placed = {q.id for c in [*self.themes, *self.axes] for q in c.questions}
        self.loose_quotes = [
            (v, q) for v in dossier.visits for q in v.quotes if q.question not in placed
        ]
        self.loose_photos = [
            (v, a)
            for v in dossier.visits
            for a in v.attachments
            if a.is_image and a.question not in placed
        ]

    def write(self) -> None:
        steps: list[Callable[[], None]] = [self.title_page, self.identity]
        steps += [functools.partial(self.chapter, c) for c in self.themes]
        steps += [self.other_quotes, self.other_photos]
        steps += [functools.partial(self.axis, c) for c in self.axes]
        steps.append(functools.partial(annexes.write_annexes, self.writer, self.dossier))
        for done, step in enumerate(steps):
            self._progress(done, len(steps))
            step()
        self.writer.finish(
            Metadata(
                title=self.dossier.initiative.name,
                subject=word("monograph", self.language),
                authors=", ".join(self.dossier.interviewers()),
            )
        )
        self._progress(len(steps), len(steps))

    # -- opening pages -----------------------------------------------------------------

    def title_page(self) -> None:
        writer, initiative = self.writer, self.dossier.initiative
        writer.paragraph(initiative.name, "Title")
        subtitle = " — ".join(
            p for p in (word("monograph", self.language), initiative.territory) if p
        )
        writer.paragraph(subtitle, "Subtitle")
        dates = ", ".join(long_date(v.info.date, self.language) for v in self.dossier.visits)
        for label, value in (
            ("kind", self._kind()),
            ("network", initiative.network),
            ("visits", dates),
            ("authors", ", ".join(self.dossier.interviewers())),
        ):
            if value:
                writer.paragraph(f"{word(label, self.language)} : {value}")
        writer.paragraph()
        writer.note(self._provenance())
        writer.page_break()
        writer.table_of_contents(word("contents", self.language), levels=CONTENTS_LEVELS)
        writer.page_break()

    def _kind(self) -> str:
        bound = next((q for q in self.guide.questions if q.bind == "initiative.kind"), None)
        kind = self.dossier.initiative.kind
        return bound.choice_label(kind, self.language) if bound and kind else kind

    def _provenance(self) -> str:
        today = long_date(date.today().isoformat(), self.language)
        lines = [word("produced", self.language, date=today, survey=self.survey.title)]
        if self.pseudonymized:
            lines.append(word("pseudonymized", self.language))
        if any(v.info.status != "complete" for v in self.dossier.visits):
            lines.append(word("drafts_included", self.language))
        return " ".join(lines)

    def identity(self) -> None:
        rows = []
        for question in identity_questions(self.guide):
            value = self._identity_value(question)
            if value:
                rows.append((question.label.get(self.language), value))
        self.writer.heading(word("identity", self.language), 1)
        self.writer.table(None, rows, widths=(1, 2), first_column=True)

    def _identity_value(self, question: Question) -> str:
        """One value when the visits agree; each visit's otherwise, dated."""
        found: dict[str, list[Visit]] = {}
        for visit in self.dossier.visits:
            for version in visit.versions(question):
                text = answer_text(question, version.value, self.language)
                found.setdefault(text, []).append(visit)
        if len(found) <= 1:
            return next(iter(found), "")
        return "\n".join(
            f"{text} ({', '.join(long_date(v.info.date, self.language) for v in visits)})"
            for text, visits in found.items()
        )

    # -- chapters ------------------------------------------------------------------------

    def chapter(self, chapter: Chapter, empty: str | None = None) -> None:
        """A heading, then each question that has something to show.

        A theme with nothing yet is left out; an axis says so (``empty``):
        for research, an axis nobody spoke to is a finding too.
        """
        material = [(q, self.material(q)) for q in chapter.questions]
        material = [(q, m) for q, m in material if m.visits or m.quotes or m.photos]
        if not material and empty is None:
            return
        self.writer.heading(chapter.title, 1)
        for question, found in material:
            self.writer.heading(question.label.get(self.language), 2)
            for visit in found.visits:
                self.answer(visit, question)
            self.quotes(found.quotes)
            self.photos(found.photos)
        if not material and empty:
            self.writer.paragraph(empty)

    def axis(self, chapter: Chapter) -> None:
        self.chapter(chapter, empty=word("no_answer_axis", self.language))

    def material(self, question: Question) -> Material:
        """The answers, quotes and photos of every visit for one question."""
        visits = self.dossier.visits
        return Material(
            visits=[v for v in visits if v.answered(question)],
            quotes=[(v, q) for v in visits for q in v.quotes if q.question == question.id],
            photos=[
                (v, a)
                for v in visits
                for a in v.attachments
                if a.is_image and a.question == question.id
            ],
        )

    def answer(self, visit: Visit, question: Question) -> None:
        versions = visit.versions(question)
        self.writer.note(self.attribution(visit))
        if len(versions) > 1:
            self.writer.note(word("conflict_mark", self.language, count=str(len(versions))))
        for version in versions:
            if version.revision is not None and len(versions) > 1:
                when = long_date(version.revision.time, self.language)
                self.writer.note(
                    word("version_by", self.language, author=version.revision.author, date=when)
                )
            self.value(question, version.value)

    def value(self, question: Question, value: object) -> None:
        if question.type in PROSE_TYPES and isinstance(value, str):
            self.writer.prose(value)
        elif question.type == "select_multiple":
            self.writer.bullets(answer_lines(question, value, self.language))
        else:
            self.writer.prose(answer_text(question, value, self.language))

    def attribution(self, visit: Visit) -> str:
        """ "Visite du 12 mars 2026 — avec Sandrine Mercadier, Gérard Thouvenot"."""
        text = word("visit_on", self.language, date=long_date(visit.info.date, self.language))
        if visit.info.status != "complete":
            text += f" ({word('draft', self.language)})"
        names = ", ".join(p.name for p in visit.people)
        return f"{text} — {word('with', self.language, people=names)}" if names else text

    def quotes(self, quotes: Iterable[tuple[Visit, Quote]]) -> None:
        for visit, quote in quotes:
            when = long_date(visit.info.date, self.language)
            speaker = f"{quote.speaker}, {when}" if quote.speaker else when
            self.writer.quote(quote.text, speaker)

    def photos(self, photos: Iterable[tuple[Visit, Attachment]]) -> None:
        for visit, attachment in photos:
            when = word("visit_on", self.language, date=long_date(visit.info.date, self.language))
            caption = f"{attachment.caption} ({when.lower()})" if attachment.caption else when
            data = self.survey.attachment_data(attachment.id)
            if not self.writer.figure(data, caption):
                self.writer.note(word("unreadable_image", self.language, name=caption))

    def other_quotes(self) -> None:
        if self.loose_quotes:
            self.writer.heading(word("other_quotes", self.language), 1)
            self.quotes(self.loose_quotes)

    def other_photos(self) -> None:
        if self.loose_photos:
            self.writer.heading(word("photos", self.language), 1)
            self.photos(self.loose_photos)
