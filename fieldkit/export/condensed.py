"""A section with no narrative yet: its material condensed into readable paragraphs.

Until an author writes a section, the document shows what the visits said,
as a reader would want it: one paragraph per question, the question as a
run-in lead in bold, the answer in words (choices as words, "Autre" as what
was specified, numbers with their unit), each answer once — a second visit
that said the same thing adds nothing. Where there were several visits, each
answer is dated by its visit; who was met on which visit is said once, in
the document's identity card and annexes, not on every section.
"""

from __future__ import annotations

from collections.abc import Iterable

from fieldkit.export.answers import (
    PROSE_TYPES,
    answer_words,
    lower_first,
    scale_range,
    without_unit,
)
from fieldkit.export.content import Attachment, Quote, Version, Visit
from fieldkit.export.narrative import FigureSource, Placed, write_runs
from fieldkit.export.outline import Answered
from fieldkit.export.typography import NBSP, long_date, number, paragraphs
from fieldkit.export.wording import word
from fieldkit.export.writer import DocumentWriter
from fieldkit.guide import Outline, Question
from fieldkit.survey.markup import Run

_ENDS_SENTENCE = (".", "!", "?", "…")


class Condensed:
    """Writes answered questions as paragraphs with run-in leads, then their quotes and photos."""

    def __init__(self, writer: DocumentWriter, outline: Outline, figures: FigureSource) -> None:
        self.writer = writer
        self.outline = outline
        self.figures = figures
        self.language = writer.language

    def write(
        self, answered: Iterable[Answered], placed: Placed | None = None, dated: bool = False
    ) -> None:
        """Each question's paragraph, then its quotes and photos (those not ``placed`` yet).

        ``dated``: the answers come from several visits, so each says which.
        """
        placed = placed or Placed()
        for item in answered:
            if item.answers:
                self.paragraphs(item.question, item.answers, dated=dated)
            self.quotes([(v, q) for v, q in item.quotes if not placed.has_quote(q.text)])
            self.photos([(v, a) for v, a in item.photos if a.id not in placed.photos])

    def paragraphs(
        self,
        question: Question,
        answers: list[tuple[Visit, Version]],
        mark: str = "",
        dated: bool = False,
    ) -> None:
        """The question as a bold lead, then every distinct answer, dated when they differ.

        Short answers of several visits share the lead's paragraph; a long
        answer keeps its own paragraphs, the first following the lead.
        """
        said = self.distinct(question, answers)
        dated = dated or len(said) > 1
        lead: list[Run] = [Run(self.lead(question, mark), bold=True)]
        if question.type not in PROSE_TYPES:
            scale = question.type == "scale"
            runs = lead
            for index, (text, sources) in enumerate(said):
                runs += [Run(", " if scale else " ")] if index else []
                runs += [Run(self.marker(sources) + " ", italic=True)] if dated else []
                runs.append(Run(text if scale else self.sentence(text)))
            if scale:
                runs.append(Run(" " + scale_range(question, self.language) + "."))
            write_runs(self.writer, self.writer.paragraph(), tuple(runs))
            return
        for text, sources in said:
            for index, piece in enumerate(paragraphs(text)):
                runs, lead = lead, []
                if dated and index == 0:
                    runs.append(Run(self.marker(sources) + " ", italic=True))
                runs.append(Run(piece))
                write_runs(self.writer, self.writer.paragraph(), tuple(runs))

    def distinct(
        self, question: Question, answers: list[tuple[Visit, Version]]
    ) -> list[tuple[str, list[tuple[Visit, Version]]]]:
        """Each answer in words, once, with every visit (and version) that gave it."""
        found: dict[str, tuple[str, list[tuple[Visit, Version]]]] = {}
        for visit, version in answers:
            if question.type == "scale" and isinstance(version.value, int | float):
                text = number(version.value, self.language)
            else:
                specified = self.specified(question, visit)
                text = answer_words(question, version.value, self.language, specified)
            key = " ".join(text.split()).casefold()
            if key:
                found.setdefault(key, (text, []))[1].append((visit, version))
        return list(found.values())

    def specified(self, question: Question, visit: Visit) -> dict[str, str]:
        return specified(self.outline, question, visit)

    def lead(self, question: Question, mark: str = "") -> str:
        """The run-in lead: the question's label, ending like a sentence (``mark`` in brackets)."""
        label = without_unit(question.label.get(self.language), question, self.language).strip()
        if mark:
            label += f" ({mark})"
        return label + (" " if label.endswith(("?", "!", "…", ".")) else ". ")

    @staticmethod
    def sentence(text: str) -> str:
        text = text.strip()
        return text if not text or text.endswith(_ENDS_SENTENCE) else text + "."

    def marker(self, sources: list[tuple[Visit, Version]]) -> str:
        """ "(12 mars 2026)", or whose version it is when two were written unseen."""
        parts = [
            long_date(visit.info.date, self.language).replace(" ", NBSP) for visit, _ in sources
        ]
        for _, version in sources:
            if version.revision is not None:
                when = long_date(version.revision.time, self.language)
                author = version.revision.author
                parts.append(
                    lower_first(word("version_by", self.language, author=author, date=when))
                )
        return "(" + ", ".join(dict.fromkeys(parts)) + ")"

    def quotes(self, quotes: Iterable[tuple[Visit, Quote]]) -> None:
        for visit, quote in quotes:
            when = long_date(visit.info.date, self.language)
            self.writer.quote(quote.text, f"{quote.speaker}, {when}" if quote.speaker else when)

    def photos(self, photos: Iterable[tuple[Visit, Attachment]]) -> None:
        for visit, attachment in photos:
            found = self.figures(attachment.id)
            if found is None:
                continue
            data, caption = found
            when = word("visit_on", self.language, date=long_date(visit.info.date, self.language))
            shown = f"{caption} ({lower_first(when)})" if caption else when
            if not self.writer.figure(data, shown):
                self.writer.note(word("unreadable_image", self.language, name=shown))


def specified(outline: Outline, question: Question, visit: Visit) -> dict[str, str]:
    """What a visit wrote in the "Autre, préciser" questions of ``question``, by choice."""
    found = {}
    for precision_id, precision in outline.precisions.items():
        if precision.question == question.id:
            text = visit.answers.get(precision_id)
            if isinstance(text, str) and text.strip():
                found[precision.value] = text.strip()
    return found


def caption_of(attachment: Attachment) -> str:
    """The caption a person wrote; never the file name, which may name someone."""
    return attachment.caption
