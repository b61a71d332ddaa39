"""The synthesis: every initiative side by side, section by section of the outline.

One chapter per section of the guide's outline (the contents list them),
one sub-chapter per initiative within it.

Where the initiatives share and where they differ, for every theme and every
axis of the guide (not only the questions tagged with an axis): closed
questions as cross-tables with totals (:mod:`fieldkit.export.crosstab`), and
for the rest each initiative's narrative of that section — or, until one is
written, its answers condensed — one after the other. A section that
gathers (the programme of action, axis 6) brings together every answer
tagged with it, wherever the monographs print it. The title page says how
many visits the synthesis rests on, and which it leaves out, and why.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from fieldkit.export.annexes import counted
from fieldkit.export.answers import in_words
from fieldkit.export.condensed import Condensed
from fieldkit.export.content import Dossier, figure_of, gather_all, left_out
from fieldkit.export.crosstab import CLOSED_TYPES, NUMBER_TYPES, write_closed, write_numbers
from fieldkit.export.document import check_language, write_document
from fieldkit.export.monograph import Progress
from fieldkit.export.narrative import write_narrative
from fieldkit.export.outline import answered
from fieldkit.export.pseudonym import Pseudonyms
from fieldkit.export.typography import long_date
from fieldkit.export.wording import word
from fieldkit.export.writer import DocumentWriter, Metadata
from fieldkit.guide import OutlineSection, Question, outline_of
from fieldkit.survey import InterviewInfo, Survey


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
    names = Pseudonyms.of_survey(survey, pseudonymize, lang)

    def lay_out(writer: DocumentWriter) -> None:
        dossiers = [names.shareable(d) for d in gather_all(survey, include_drafts)]
        left = left_out(survey, include_drafts)
        Synthesis(writer, survey, dossiers, left, pseudonymize, progress).write()

    return write_document(out, template, lang, names, lay_out)


class Synthesis:
    """Lays out the dossiers of all initiatives; each method writes one part."""

    def __init__(
        self,
        writer: DocumentWriter,
        survey: Survey,
        dossiers: Sequence[Dossier],
        left: Sequence[InterviewInfo],
        pseudonymized: bool,
        progress: Progress | None = None,
    ) -> None:
        self.writer = writer
        self.survey = survey
        self.dossiers = dossiers
        self.left = left
        self.language = writer.language
        self.outline = outline_of(survey.guide)
        self.pseudonymized = pseudonymized
        self.figures = functools.partial(figure_of, survey)
        self.condensed = Condensed(writer, self.outline, self.figures)
        self._progress = progress or (lambda done, total: None)

    def write(self) -> None:
        steps: list[Callable[[], None]] = [self.title_page, self.overview]
        steps += [functools.partial(self.section, s) for s in self.outline.sections]
        for done, step in enumerate(steps):
            self._progress(done, len(steps))
            step()
        authors = {name for d in self.dossiers for name in d.interviewers()}
        self.writer.finish(
            Metadata(
                title=word("synthesis", self.language),
                subject=self.survey.title_in(self.language),
                authors=", ".join(sorted(authors)),
            )
        )
        self._progress(len(steps), len(steps))

    # -- opening pages ------------------------------------------------------------------

    def title_page(self) -> None:
        writer, language = self.writer, self.language
        writer.paragraph(word("synthesis", language), "Title")
        writer.paragraph(self._subtitle(), "Subtitle")
        writer.paragraph(self._scope())
        writer.paragraph(self._left_out())
        today = long_date(date.today().isoformat(), language)
        notes = [word("produced", language, date=today, survey=self.survey.title_in(language))]
        if self.pseudonymized:
            notes.append(word("pseudonymized", language))
        writer.paragraph()
        writer.note(" ".join(notes))
        writer.page_break()
        writer.table_of_contents(word("contents", language), levels=1)
        writer.page_break()

    def _visits(self) -> int:
        return sum(len(d.visits) for d in self.dossiers)

    def _subtitle(self) -> str:
        language = self.language
        dates = sorted(v.info.date for d in self.dossiers for v in d.visits)
        initiatives = counted(len(self.dossiers), "one_initiative", "n_initiatives", language)
        visits = counted(self._visits(), "one_visit", "n_visits", language)
        if not dates:
            return f"{initiatives}, {visits}"
        start, end = long_date(dates[0], language), long_date(dates[-1], language)
        period = start if start == end else word("period", language, start=start, end=end)
        return word(
            "synthesis_subtitle", language, initiatives=initiatives, visits=visits, period=period
        )

    def _scope(self) -> str:
        language = self.language
        return word(
            "scope",
            language,
            visits=counted(self._visits(), "one_visit", "n_visits", language),
            initiatives=counted(len(self.dossiers), "one_initiative", "n_initiatives", language),
        )

    def _left_out(self) -> str:
        """Which visits the synthesis leaves out, and why: drafts not marked complete."""
        language = self.language
        if not self.left:
            key = (
                "drafts_included"
                if any(v.info.status != "complete" for d in self.dossiers for v in d.visits)
                else "all_visits_in"
            )
            return word(key, language)
        named = in_words(
            [f"{i.initiative_name} ({long_date(i.date, language)})" for i in self.left], language
        )
        if len(self.left) == 1:
            return word("left_out_one", language, visits=named)
        return word("left_out_many", language, n=str(len(self.left)), visits=named)

    def overview(self) -> None:
        """One row per initiative: where, what kind, when visited."""
        language = self.language
        self.writer.heading(word("overview", language), 1)
        kinds = next((q for q in self.survey.guide.questions if q.bind == "initiative.kind"), None)
        rows = [
            (
                d.initiative.name,
                d.initiative.territory,
                kinds.choice_label(d.initiative.kind, language) if kinds else d.initiative.kind,
                in_words([long_date(v.info.date, language) for v in d.visits], language),
            )
            for d in self.dossiers
        ]
        header = [word(k, language) for k in ("initiative", "territory", "kind", "visits")]
        self.writer.table(header, rows, widths=(3, 2.5, 2, 2.5))

    # -- sections -------------------------------------------------------------------------

    def section(self, section: OutlineSection) -> None:
        """Closed questions as cross-tables, then each initiative's text or answers.

        The summary is there only when some initiative has one: it has no
        answers to fall back on.
        """
        if section.kind == "summary" and not any(
            d.narratives.get(section.id) for d in self.dossiers
        ):
            return
        self.writer.heading(section.title.get(self.language), 1)
        questions = self.outline.gathered(section.id)
        open_questions = []
        for question in questions:
            if question.type in CLOSED_TYPES:
                write_closed(self.writer, self.condensed, question, self.dossiers)
            elif question.type in NUMBER_TYPES:
                write_numbers(self.writer, question, self.dossiers)
            else:
                open_questions.append(question)
        silent = []
        for dossier in self.dossiers:
            if not self.initiative(dossier, section, tuple(open_questions)):
                silent.append(dossier.initiative.name)
        if silent:
            names = in_words(silent, self.language)
            self.writer.note(word("nothing_yet", self.language, names=names))

    def initiative(
        self, dossier: Dossier, section: OutlineSection, questions: tuple[Question, ...]
    ) -> bool:
        """One initiative's narrative of the section, or its answers condensed; False if none."""
        narrative = dossier.narratives.get(section.id)
        material = answered(dossier, questions)
        if narrative is None and not any(a.answers for a in material):
            return False
        self.writer.heading(dossier.initiative.name, 2)
        if narrative is not None:
            write_narrative(self.writer, narrative.text, self.figures)
            return True
        for item in material:
            if item.answers:
                self.condensed.paragraphs(
                    item.question, item.answers, dated=len(dossier.visits) > 1
                )
                self.condensed.quotes(item.quotes)
        return True
