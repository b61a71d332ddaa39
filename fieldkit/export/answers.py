"""How a stored answer reads in a document or a spreadsheet.

Choices become their labels in the document's language, numbers and dates are
written the language's way, a scale says what its ends mean. A value the
guide no longer knows is shown as it was stored rather than dropped.
"""

from __future__ import annotations

from fieldkit.export.typography import long_date, number
from fieldkit.export.wording import word
from fieldkit.guide import Question, Text

#: Types whose answers are prose, laid out as paragraphs.
PROSE_TYPES = frozenset({"long_text"})


def answer_lines(question: Question, value: object, language: str) -> list[str]:
    """The answer as lines of text: one per chosen item for a multiple choice."""
    if value is None or value == "" or value == []:
        return []
    if question.type == "select_multiple" and isinstance(value, list):
        return [question.choice_label(str(v), language) for v in value]
    return [answer_text(question, value, language)]


def answer_text(question: Question, value: object, language: str) -> str:
    """The answer as one text (a multiple choice joined with semicolons)."""
    kind = question.type
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(question.choice_label(str(v), language) for v in value)
    if kind == "select_one":
        return question.choice_label(str(value), language)
    if kind == "date" and isinstance(value, str):
        return long_date(value, language)
    if kind == "scale" and isinstance(value, int | float):
        return _scale(question, value, language)
    if isinstance(value, bool):
        return word("yes" if value else "no", language)
    if isinstance(value, int | float):
        return number(value, language)
    return str(value)


def _scale(question: Question, value: float, language: str) -> str:
    low = _end(question.minimum, question.minimum_label, language)
    high = _end(question.maximum, question.maximum_label, language)
    return word("scale", language, value=number(value, language), low=low, high=high)


def _end(bound: int | None, label: Text | None, language: str) -> str:
    text = number(bound or 0, language)
    meaning = label.get(language) if label is not None else ""
    return f"{text} ({meaning})" if meaning else text
