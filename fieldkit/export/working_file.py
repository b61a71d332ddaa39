"""The working file (*dossier de travail*): everything about one initiative, for its team.

The monograph is the publishable document; this is the other one. It holds
every answer of every visit, drafts included, internal questions included
(marked so), notes, quotes, attachments, each visit's completion and guide
fingerprint, the questions still unanswered, every version of an open
conflict, and where the writing of each section stands. Every page says
"Document de travail — ne pas diffuser" in its header. People who did not
consent to be named are still never named: that holds for every export.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from fieldkit.export import docx_helpers as xml
from fieldkit.export.answers import in_words
from fieldkit.export.condensed import Condensed, caption_of
from fieldkit.export.content import Dossier, Visit, figure_of, gather
from fieldkit.export.document import check_language, write_document
from fieldkit.export.monograph import Progress
from fieldkit.export.narrative import write_narrative, write_runs
from fieldkit.export.outline import EMPTY, WRITTEN, parts
from fieldkit.export.pseudonym import Pseudonyms
from fieldkit.export.typography import long_date
from fieldkit.export.wording import word
from fieldkit.export.writer import DocumentWriter, Metadata
from fieldkit.guide import Question, Section
from fieldkit.survey import Survey
from fieldkit.survey.markup import Run

#: Between the working mark and the title in a page's header.
SEPARATOR = " · "


def write_working_file(
    survey: Survey,
    initiative_id: str,
    out: str | Path,
    template: str | Path | None = None,
    lang: str = "fr",
    pseudonymize: bool = False,
    *,
    progress: Progress | None = None,
) -> Path:
    """Write the working file of one initiative (.docx), every visit included; return its path."""
    check_language(lang)
    names = Pseudonyms.of_survey(survey, pseudonymize, lang)

    def lay_out(writer: DocumentWriter) -> None:
        dossier = names.shareable(gather(survey, initiative_id, include_drafts=True))
        WorkingFile(writer, survey, dossier, progress).write()

    return write_document(out, template, lang, names, lay_out)


class WorkingFile:
    """Lays out one initiative's whole dossier; each method writes one part."""

    def __init__(
        self,
        writer: DocumentWriter,
        survey: Survey,
        dossier: Dossier,
        progress: Progress | None = None,
    ) -> None:
        self.writer = writer
        self.survey = survey
        self.dossier = dossier
        self.language = writer.language
        self.figures = functools.partial(figure_of, survey)
        self.condensed = Condensed(writer, dossier.outline, self.figures)
        self._progress = progress or (lambda done, total: None)

    def write(self) -> None:
        steps: list[Callable[[], None]] = [self.title_page, self.writing]
        steps += [functools.partial(self.visit, v) for v in self.dossier.visits]
        for done, step in enumerate(steps):
            self._progress(done, len(steps))
            step()
        mark_every_page(self.writer, word("working_mark", self.language))
        self.writer.finish(
            Metadata(
                title=self.dossier.initiative.name,
                subject=word("working_mark", self.language),
                authors=", ".join(self.dossier.interviewers()),
            )
        )
        self._progress(len(steps), len(steps))

    def title_page(self) -> None:
        writer, language = self.writer, self.language
        writer.paragraph(word("working_file", language), "Title")
        writer.paragraph(self.dossier.initiative.name, "Subtitle")
        writer.paragraph(word("working_mark", language))
        writer.page_break()
        writer.table_of_contents(word("contents", language), levels=1)
        writer.page_break()

    # -- where the writing stands ----------------------------------------------------

    def writing(self) -> None:
        """Each section of the outline: who wrote it and when, or what it still needs; its text."""
        writer, language = self.writer, self.language
        writer.heading(word("writing", language), 1)
        for part in parts(self.dossier):
            writer.heading(part.section.title.get(language), 2)
            narrative = part.narrative
            if part.state == WRITTEN and narrative is not None:
                when = long_date(narrative.time, language)
                authors = in_words(list(narrative.authors), language)
                writer.note(word("state_written", language, authors=authors, date=when))
                conflict = self.dossier.narrative_conflict(part.section.id)
                for revision in conflict.values if conflict else ():
                    writer.note(
                        word(
                            "version_by",
                            language,
                            author=revision.author,
                            date=long_date(revision.time, language),
                        )
                    )
                    write_narrative(writer, str(revision.value), self.figures)
                if conflict is None:
                    write_narrative(writer, narrative.text, self.figures)
            else:
                writer.note(
                    word("state_empty" if part.state == EMPTY else "state_material", language)
                )

    # -- one visit ---------------------------------------------------------------------

    def visit(self, visit: Visit) -> None:
        writer, language = self.writer, self.language
        title = word("visit_on", language, date=long_date(visit.info.date, language))
        writer.heading(title, 1)
        self.facts(visit)
        self.people(visit)
        for section in visit.guide.sections:
            self.section(visit, section)
        self.loose(visit)
        self.unanswered(visit)

    def facts(self, visit: Visit) -> None:
        language = self.language
        info = visit.info
        status = word("complete" if info.status == "complete" else "draft", language)
        guide = word(
            "guide_line",
            language,
            title=visit.guide.title.get(language),
            version=visit.guide.version,
            id=visit.guide.id,
            hash=visit.guide_hash[:12],
            visits=long_date(info.date, language),
        )
        rows = [
            (word("place", language), info.place),
            (word("interviewers", language), in_words(list(info.interviewers), language)),
            (word("status", language), status),
            (word("completion", language), f"{info.answered}/{info.applicable}"),
            (word("guide", language), guide),
        ]
        self.writer.table(None, [r for r in rows if r[1]], widths=(1, 3), first_column=True)

    def people(self, visit: Visit) -> None:
        language = self.language
        if not visit.people:
            return
        header = [word(k, language) for k in ("name", "role", "organisation", "consent")]
        rows = [
            (p.name, p.role, p.organisation, word("yes" if p.consent else "no", language))
            for p in visit.people
        ]
        self.writer.table(header, rows, widths=(3, 3, 3, 1.5))

    def section(self, visit: Visit, section: Section) -> None:
        """Every answered question of one section of the guide, internal ones marked."""
        questions = [q for q in section.questions if self._answered(visit, q)]
        if not questions:
            return
        self.writer.heading(section.title.get(self.language), 2)
        for question in questions:
            mark = word("internal", self.language) if question.internal else ""
            answers = [(visit, version) for version in visit.versions(question)]
            if answers:
                self.condensed.paragraphs(question, answers, mark)
            self.attached(visit, question.id)

    def _answered(self, visit: Visit, question: Question) -> bool:
        if not question.answerable or question.type == "repeat":
            return False
        return visit.answered(question) or question.id in visit.attached_to()

    def attached(self, visit: Visit, question_id: str | None) -> None:
        """The quotes, notes and attachments hanging off one question (or off none)."""
        writer, language = self.writer, self.language
        self.condensed.quotes([(visit, q) for q in visit.quotes if q.question == question_id])
        for note in visit.notes:
            if note.question == question_id:
                paragraph = writer.paragraph()
                write_runs(
                    writer,
                    paragraph,
                    (Run(word("note_lead", language), italic=True), Run(note.text)),
                )
        for attachment in visit.attachments:
            if attachment.question != question_id:
                continue
            if attachment.is_image:
                self.condensed.photos([(visit, attachment)])
            else:
                named = caption_of(attachment) or long_date(visit.info.date, language)
                writer.paragraph(f"{word('document', language)} : {named}")

    def loose(self, visit: Visit) -> None:
        """What hangs off the visit itself rather than a question."""
        if None in visit.attached_to():
            self.writer.heading(word("notes", self.language), 2)
            self.attached(visit, None)

    def unanswered(self, visit: Visit) -> None:
        """Questions skip logic shows for this visit that nobody answered."""
        language = self.language
        missing = [
            q.label.get(language)
            for q in visit.guide.questions
            if q.answerable
            and q.type != "repeat"
            and visit.guide.is_relevant(q.id, visit.answers)
            and not visit.answered(q)
        ]
        self.writer.heading(word("unanswered", language), 2)
        if missing:
            self.writer.bullets(missing)
        else:
            self.writer.paragraph(word("all_answered", language))


def mark_every_page(writer: DocumentWriter, text: str) -> None:
    """Begin every page's header with ``text`` in bold, first pages and even pages included.

    The mark joins the header's first line (the document's title, in the
    default template) rather than adding one: a taller header would run
    into the text in LibreOffice.
    """
    for section in writer.document.sections:
        for header in (section.header, section.first_page_header, section.even_page_header):
            paragraph = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
            shown = "".join(t.text or "" for t in paragraph._p.iter(qn("w:t"))).strip()
            mark = xml.text_run(writer.text(text + (SEPARATOR if shown else "")))
            mark.insert(0, _bold())
            properties = paragraph._p.find(qn("w:pPr"))
            if properties is None:
                paragraph._p.insert(0, mark)
            else:
                properties.addnext(mark)


def _bold() -> Any:
    properties = OxmlElement("w:rPr")
    properties.append(OxmlElement("w:b"))
    return properties
