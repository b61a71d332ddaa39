"""The monograph: one initiative told by its author, on its visits' material, as a Word document.

A monograph is written, not printed from the interview (DESIGN.md §6). It
follows the outline the guide defines (:func:`fieldkit.guide.outline_of`):
title page, contents, the summary (*chapeau*), the identity card, one
chapter per theme with the author's narrative, its quotes and figures, a
reading along each research axis that refers to the sections holding its
evidence, the lessons and next steps, then the annexes
(:mod:`fieldkit.export.annexes`). A section with no narrative yet shows its
material condensed (:mod:`fieldkit.export.condensed`). Working material —
internal questions, notes, completion counts, hashes — never appears: that is
the working file's business (:mod:`fieldkit.export.working_file`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

from fieldkit.export import annexes
from fieldkit.export.answers import answer_words, in_words, lower_first, without_unit
from fieldkit.export.condensed import Condensed
from fieldkit.export.content import Dossier, Visit, figure_of, gather
from fieldkit.export.document import check_language, write_document
from fieldkit.export.links import add_bookmark, bookmark_name, internal_link
from fieldkit.export.narrative import Placed, write_narrative
from fieldkit.export.outline import EMPTY, Part, loose_material, parts
from fieldkit.export.people import Person
from fieldkit.export.pseudonym import Pseudonyms
from fieldkit.export.typography import long_date
from fieldkit.export.wording import word
from fieldkit.export.writer import DocumentWriter, Metadata
from fieldkit.guide import Question
from fieldkit.survey import Survey

#: Called with (steps done, steps in all); raising from it cancels the export.
Progress = Callable[[int, int], None]


#: The table of contents lists chapters and the axes (and the annexes' parts).
CONTENTS_LEVELS = 2


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
    names = Pseudonyms.of_survey(survey, pseudonymize, lang)

    def lay_out(writer: DocumentWriter) -> None:
        dossier = names.shareable(gather(survey, initiative_id, include_drafts))
        Monograph(writer, survey, dossier, pseudonymize, progress).write()

    return write_document(out, template, lang, names, lay_out)


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
        self.outline = dossier.outline
        self.pseudonymized = pseudonymized
        self._progress = progress or (lambda done, total: None)
        self.parts = parts(dossier)
        self.figures = functools.partial(figure_of, survey)
        self.condensed = Condensed(writer, self.outline, self.figures)
        self.bookmarks: dict[str, str] = {}

    def write(self) -> None:
        steps: list[Callable[[], None]] = [self.title_page]
        steps += [
            functools.partial(self.chapter, p) for p in self.parts if p.section.kind == "summary"
        ]
        steps.append(self.identity_card)
        steps += self._chapters()
        steps += [self.other_material]
        steps.append(
            functools.partial(annexes.write_annexes, self.writer, self.dossier, self.pseudonymized)
        )
        for done, step in enumerate(steps):
            self._progress(done, len(steps))
            step()
        self.writer.finish(
            Metadata(
                title=self.dossier.initiative.name,
                subject=word("monograph", self.language),
                authors=", ".join(self.authors()),
            )
        )
        self._progress(len(steps), len(steps))

    def _chapters(self) -> list[Callable[[], None]]:
        """The sections after the identity card, consecutive axes read as one chapter."""
        steps: list[Callable[[], None]] = []
        axes: list[Part] = []
        for part in self.parts:
            if part.section.kind == "axis":
                if not axes:
                    steps.append(functools.partial(self.axes_chapter, axes))
                axes.append(part)
            elif part.section.kind != "summary":
                axes = []
                steps.append(functools.partial(self.chapter, part))
        return steps

    def authors(self) -> list[str]:
        """Who wrote the narratives; the facilitators who visited, before anyone has."""
        written = [a for n in self.dossier.narratives.values() for a in n.authors]
        return list(dict.fromkeys(written)) or self.dossier.interviewers()

    # -- opening pages -----------------------------------------------------------------

    def title_page(self) -> None:
        writer, initiative, language = self.writer, self.dossier.initiative, self.language
        writer.paragraph(initiative.name, "Title")
        subtitle = " — ".join(p for p in (word("monograph", language), initiative.territory) if p)
        writer.paragraph(subtitle, "Subtitle")
        for label, value in (
            ("kind", self._kind()),
            ("network", initiative.network),
            ("visits", self._dates()),
            ("visited_by", in_words(self.dossier.interviewers(), language)),
            ("authors", in_words(self.authors(), language) if self.dossier.narratives else ""),
        ):
            if value:
                writer.paragraph(f"{word(label, language)} : {value}")
        writer.page_break()
        writer.table_of_contents(word("contents", language), levels=CONTENTS_LEVELS)
        writer.page_break()

    def _kind(self) -> str:
        question = next(
            (q for q in self.dossier.guide.questions if q.bind == "initiative.kind"), None
        )
        kind = self.dossier.initiative.kind
        if question is None or not kind:
            return kind
        return self._identity_value(question) or question.choice_label(kind, self.language)

    def _dates(self) -> str:
        return in_words(
            [long_date(v.info.date, self.language) for v in self.dossier.visits], self.language
        )

    def identity_card(self) -> None:
        """Where, what, since when, who: one table, each answer once, names as consent allows."""
        language = self.language
        rows = []
        for question in self.outline.card:
            value = self._identity_value(question)
            if value:
                label = without_unit(question.label.get(language), question, language)
                rows.append((label, value))
        rows.append((word("visits", language), self._dates()))
        people = [self._person(p) for p, _ in self.dossier.people()]
        if people:
            rows.append((word("people_met", language), in_words(people, language)))
        self.writer.heading(word("identity", language), 1)
        self.writer.table(None, rows, widths=(1, 2), first_column=True)

    def _person(self, person: Person) -> str:
        """ "Mathilde Soulé (cofondatrice)"; someone not to be named, by their name alone:
        the document's filter turns it into their initials and role."""
        hidden = self.pseudonymized or not person.consent
        if hidden or not person.role:
            return person.name
        return f"{person.name} ({lower_first(person.role)})"

    def _identity_value(self, question: Question) -> str:
        """One value when the visits agree; each visit's otherwise, dated."""
        found: dict[str, list[Visit]] = {}
        for visit in self.dossier.visits:
            specified = self.condensed.specified(question, visit)
            for version in visit.versions(question):
                text = answer_words(question, version.value, self.language, specified)
                found.setdefault(text, []).append(visit)
        if len(found) <= 1:
            return next(iter(found), "")
        return "\n".join(
            f"{text} ({', '.join(long_date(v.info.date, self.language) for v in visits)})"
            for text, visits in found.items()
        )

    # -- sections ------------------------------------------------------------------------

    def chapter(self, part: Part) -> None:
        """A section as a chapter: left out while it has nothing to say."""
        if part.state == EMPTY:
            return
        self._heading(part, 1)
        self.body(part)

    def _heading(self, part: Part, level: int) -> None:
        paragraph = self.writer.heading(part.section.title.get(self.language), level)
        name = bookmark_name(part.section.id)
        add_bookmark(paragraph._p, name, len(self.bookmarks) + 1)
        self.bookmarks[part.section.id] = name

    def body(self, part: Part) -> None:
        """The narrative with the quotes and photos it has not used, or the condensed material.

        The identity card names every visit and everyone met; when there were
        several visits, each answer says which visit gave it, by its date.
        """
        placed = Placed()
        if part.narrative is not None:
            placed = self.narrative(part)
            self.condensed.quotes(
                [(v, q) for v, q in part.quotes() if not placed.has_quote(q.text)]
            )
            self.condensed.photos([(v, a) for v, a in part.photos() if a.id not in placed.photos])
        elif part.answered:
            self.condensed.write(part.answered, dated=len(self.dossier.visits) > 1)

    def narrative(self, part: Part) -> Placed:
        conflict = self.dossier.narrative_conflict(part.section.id)
        if conflict is None or part.narrative is None:
            text = part.narrative.text if part.narrative else ""
            return write_narrative(self.writer, text, self.figures)
        placed = Placed()
        for revision in conflict.values:
            when = long_date(revision.time, self.language)
            self.writer.note(word("version_by", self.language, author=revision.author, date=when))
            found = write_narrative(self.writer, str(revision.value), self.figures)
            placed.quotes |= found.quotes
            placed.photos |= found.photos
        return placed

    def axes_chapter(self, axes: list[Part]) -> None:
        """The reading along the axes: the author's analysis, and where the evidence is."""
        if all(p.state == EMPTY for p in axes):
            return
        self.writer.heading(word("axes_reading", self.language), 1)
        for part in axes:
            self._heading(part, 2)
            self.body(part)
            if part.related:
                self.see_also(part)
            elif part.state == EMPTY:
                self.writer.paragraph(word("no_answer_axis", self.language))

    def see_also(self, part: Part) -> None:
        """ "Voir aussi « Satisfaction de besoins non couverts » et « L'innovation sociale »."

        Each title links to its section: the evidence is there, not copied here.
        """
        writer, language = self.writer, self.language
        paragraph = writer.paragraph()
        writer.add_run(paragraph, word("see_also", language) + " ")
        sections = [section for section, _ in part.related]
        for index, section in enumerate(sections):
            if index:
                last = index == len(sections) - 1
                writer.add_run(paragraph, word("and", language) if last else ", ")
            title = writer.text(
                f"« {section.title.get(language)} »"
                if language == "fr"
                else f"“{section.title.get(language)}”"
            )
            anchor = self.bookmarks.get(section.id)
            if anchor:
                paragraph._p.append(internal_link(title, anchor))
            else:
                writer.add_run(paragraph, title)
        writer.add_run(paragraph, ".")

    def other_material(self) -> None:
        """Quotes and photos attached to no section: after the chapters, before the annexes."""
        quotes, photos = loose_material(self.dossier)
        if quotes:
            self.writer.heading(word("other_quotes", self.language), 1)
            self.condensed.quotes(quotes)
        if photos:
            self.writer.heading(word("photos", self.language), 1)
            self.condensed.photos(photos)
