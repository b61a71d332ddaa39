"""The synthesis: every initiative side by side, research axis by research axis.

After a summary of who answered what, each axis of the guide gets a chapter
and each of its questions a section. Short answers sit in a table, one row
per initiative; long ones get a sub-section per initiative. An initiative
that said nothing is named too: for comparison, a silence counts.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from fieldkit.export.answers import PROSE_TYPES, answer_text
from fieldkit.export.content import Dossier, Quote, Visit, gather_all
from fieldkit.export.monograph import Progress, check_language
from fieldkit.export.outline import Chapter, axes, axis_chapters
from fieldkit.export.output import export_file
from fieldkit.export.pseudonym import Pseudonyms
from fieldkit.export.template import open_template
from fieldkit.export.typography import long_date
from fieldkit.export.wording import word
from fieldkit.export.writer import DocumentWriter, Metadata
from fieldkit.guide import Question
from fieldkit.survey import Survey

#: Answers up to this many characters fit a table cell side by side.
SHORT_ANSWER = 280


def write_synthesis(
    survey: Survey,
    out: str | Path,
    template: str | Path | None = None,
    lang: str = "fr",
    pseudonymize: bool = False,
    include_drafts: bool = False,
    *,
    progress: Progress | None = None,
) -> Path:
    """Write the cross-initiative synthesis of a survey to ``out`` (.docx)."""
    check_language(lang)
    document = open_template(Path(template) if template else None)
    names = Pseudonyms.of_survey(survey, pseudonymize, lang)
    dossiers = [names.shareable(d) for d in gather_all(survey, include_drafts)]
    writer = DocumentWriter(document, lang, names.scrub)
    Synthesis(writer, survey, dossiers, pseudonymize, progress).write()
    with export_file(Path(out), names.refuse_leaks) as temporary:
        writer.document.save(str(temporary))
    return Path(out)


class Synthesis:
    """Lays out the dossiers of all initiatives; each method writes one part."""

    def __init__(
        self,
        writer: DocumentWriter,
        survey: Survey,
        dossiers: Sequence[Dossier],
        pseudonymized: bool,
        progress: Progress | None = None,
    ) -> None:
        self.writer = writer
        self.survey = survey
        self.dossiers = dossiers
        self.language = writer.language
        self.guide = survey.guide
        self.pseudonymized = pseudonymized
        self.chapters = axis_chapters(self.guide, self.language)
        self._progress = progress or (lambda done, total: None)

    def write(self) -> None:
        steps: list[Callable[[], None]] = [self.title_page, self.overview, self.summary]
        steps += [functools.partial(self.axis, c) for c in self.chapters]
        for done, step in enumerate(steps):
            self._progress(done, len(steps))
            step()
        authors = {name for d in self.dossiers for name in d.interviewers()}
        self.writer.finish(
            Metadata(
                title=word("synthesis", self.language),
                subject=self.survey.title,
                authors=", ".join(sorted(authors)),
            )
        )
        self._progress(len(steps), len(steps))

    def title_page(self) -> None:
        writer = self.writer
        writer.paragraph(word("synthesis", self.language), "Title")
        writer.paragraph(self.survey.title, "Subtitle")
        visits = sum(len(d.visits) for d in self.dossiers)
        writer.paragraph(f"{word('initiatives', self.language)} : {len(self.dossiers)}")
        writer.paragraph(f"{word('visits', self.language)} : {visits}")
        writer.paragraph()
        today = long_date(date.today().isoformat(), self.language)
        provenance = word("produced", self.language, date=today, survey=self.survey.title)
        if self.pseudonymized:
            provenance += " " + word("pseudonymized", self.language)
        writer.note(provenance)
        writer.page_break()
        writer.table_of_contents(word("contents", self.language), levels=2)
        writer.page_break()

    def overview(self) -> None:
        """One row per initiative: where, what kind, when visited."""
        language = self.language
        self.writer.heading(word("overview", language), 1)
        kinds = next((q for q in self.guide.questions if q.bind == "initiative.kind"), None)
        rows = [
            (
                d.initiative.name,
                d.initiative.territory,
                kinds.choice_label(d.initiative.kind, language) if kinds else d.initiative.kind,
                ", ".join(long_date(v.info.date, language) for v in d.visits),
            )
            for d in self.dossiers
        ]
        header = [word(k, language) for k in ("initiative", "territory", "kind", "visits")]
        self.writer.table(header, rows, widths=(3, 2.5, 2, 2.5))

    def summary(self) -> None:
        """For each initiative and axis: how many of the axis's questions it answered."""
        language = self.language
        self.writer.heading(word("answered_what", language), 1)
        self.writer.paragraph(word("answered_what_intro", language))
        header = [word("initiative", language)] + [
            _short(self.guide.tag_label(a, language)) for a in axes(self.guide)
        ]
        rows = []
        for dossier in self.dossiers:
            counts = [
                f"{sum(1 for q in c.questions if _answers(dossier, q, language))}"
                f"/{len(c.questions)}"
                for c in self.chapters
            ]
            rows.append([dossier.initiative.name, *counts])
        self.writer.table(header, rows, widths=(4, *[1] * len(self.chapters)), first_column=True)

    def axis(self, chapter: Chapter) -> None:
        self.writer.heading(chapter.title, 1)
        for question in chapter.questions:
            said = [(d, _answers(d, question, self.language)) for d in self.dossiers]
            if not any(texts for _, texts in said):
                continue
            self.writer.heading(question.label.get(self.language), 2)
            if _fits_table(question, said):
                self.side_by_side(said)
            else:
                self.one_by_one(question, said)

    def side_by_side(self, said: Sequence[tuple[Dossier, list[tuple[Visit, str]]]]) -> None:
        header = [word("initiative", self.language), word("answer", self.language)]
        rows = [(d.initiative.name, self._cell(texts)) for d, texts in said]
        self.writer.table(header, rows, widths=(1, 2), first_column=True)

    def _cell(self, texts: list[tuple[Visit, str]]) -> str:
        if not texts:
            return "—"
        if len(texts) == 1:
            return texts[0][1]
        return "\n".join(f"{t} ({long_date(v.info.date, self.language)})" for v, t in texts)

    def one_by_one(
        self, question: Question, said: Sequence[tuple[Dossier, list[tuple[Visit, str]]]]
    ) -> None:
        silent = []
        for dossier, texts in said:
            if not texts:
                silent.append(dossier.initiative.name)
                continue
            self.writer.heading(dossier.initiative.name, 3)
            for visit, text in texts:
                when = long_date(visit.info.date, self.language)
                self.writer.note(word("visit_on", self.language, date=when))
                self.writer.prose(text)
            for visit, quote in _quotes(dossier, question):
                when = long_date(visit.info.date, self.language)
                self.writer.quote(quote.text, f"{quote.speaker}, {when}" if quote.speaker else when)
        if silent:
            self.writer.note(f"{word('no_answer', self.language)} {', '.join(silent)}")


def _answers(dossier: Dossier, question: Question, language: str) -> list[tuple[Visit, str]]:
    """Each visit's answer as text (every version when in conflict), in visit order."""
    found = []
    for visit in dossier.visits:
        for version in visit.versions(question):
            found.append((visit, answer_text(question, version.value, language)))
    return found


def _quotes(dossier: Dossier, question: Question) -> list[tuple[Visit, Quote]]:
    return [(v, q) for v in dossier.visits for q in v.quotes if q.question == question.id]


def _fits_table(
    question: Question, said: Sequence[tuple[Dossier, list[tuple[Visit, str]]]]
) -> bool:
    if question.type in PROSE_TYPES:
        return all(len(t) <= SHORT_ANSWER for _, texts in said for _, t in texts)
    return True


def _short(label: str) -> str:
    """ "Axe 1 : distinguer…" → "Axe 1": a column header must stay narrow."""
    return label.split(":")[0].strip()
