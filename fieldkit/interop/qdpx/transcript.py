"""An interview written out as plain text, remembering where each answer and quote lies.

Qualitative analysis software codes stretches of a text source. So each
interview becomes one plain text: the visit's heading, then, section by
section, each answered question as a line of its own followed by its answer,
then the verbatim quotes. While the text is written, the start and end of
every answer and quote are recorded in Unicode code points (Python string
indices), which is how REFI-QDA counts positions in a text source: the
project's codings then land exactly on the answers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from fieldkit.export import answer_text, clean, long_date, word
from fieldkit.guide import Guide, Question
from fieldkit.survey import InterviewInfo

Scrub = Callable[[str], str]


@dataclass(frozen=True)
class Span:
    """A stretch of a transcript: ``text[start:end]``."""

    start: int
    end: int


@dataclass(frozen=True)
class QuoteItem:
    id: str
    text: str
    speaker: str
    question: str | None


@dataclass
class Transcript:
    """The text of one interview, and where its answers and quotes are in it."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    answers: dict[str, Span] = field(default_factory=dict)
    quotes: dict[str, Span] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def write(self, text: str) -> Span:
        """Append ``text``; return where it now lies."""
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return Span(start, self.length)

    def line(self, text: str = "") -> None:
        self.write(text + "\n")

    def heading(self, title: str) -> None:
        """A section title, underlined so that it reads as one in plain text."""
        self.line(title)
        self.line("=" * max(len(title), 3))
        self.line()


def write_transcript(
    info: InterviewInfo,
    guide: Guide,
    answers: Mapping[str, object],
    quotes: list[QuoteItem],
    language: str,
    scrub: Scrub,
) -> Transcript:
    """Write one interview: heading, answers section by section, then quotes."""
    transcript = Transcript()
    transcript.line(scrub(clean(info.initiative_name)))
    when = word("visit_on", language, date=long_date(info.date, language))
    transcript.line(scrub(clean(f"{when} — {info.place}" if info.place else when)))
    if info.interviewers:
        people = ", ".join(info.interviewers)
        transcript.line(scrub(clean(f"{word('interviewers', language)} : {people}")))
    transcript.line()
    for section in guide.sections:
        answered = [
            (question, text)
            for question in section.questions
            if question.answerable and not _empty(answers.get(question.id))
            if (text := scrub(answer_block(question, answers[question.id], language)))
        ]
        if not answered:
            continue
        transcript.heading(clean(section.title.get(language)))
        for question, text in answered:
            transcript.line(clean(question.label.get(language)))
            transcript.answers[question.id] = transcript.write(text)
            transcript.line("\n")
    if quotes:
        transcript.heading(word("quotes", language))
        for quote in quotes:
            transcript.write("« ")
            transcript.quotes[quote.id] = transcript.write(scrub(clean(quote.text)))
            speaker = scrub(clean(quote.speaker))
            transcript.line(f" » — {speaker}" if speaker else " »")
            transcript.line()
    return transcript


def answer_block(question: Question, value: object, language: str) -> str:
    """An answer as the text it reads as; a repeat group as one line per row."""
    if question.type != "repeat" or not isinstance(value, list):
        return clean(answer_text(question, value, language)).strip()
    rows = []
    for row in value:
        if not isinstance(row, Mapping):
            continue
        cells = [
            f"{column.label.get(language)} : {answer_text(column, row[column.id], language)}"
            for column in question.columns
            if not _empty(row.get(column.id))
        ]
        if cells:
            rows.append("– " + " ; ".join(cells))
    return clean("\n".join(rows))


def _empty(value: object) -> bool:
    return value is None or value == "" or value == []
