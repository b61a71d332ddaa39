"""How a stored answer reads in a document or a spreadsheet.

Choices become their labels in the document's language, numbers and dates are
written the language's way, a scale says what its ends mean. A value the
guide no longer knows is shown as it was stored rather than dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from fieldkit.export.typography import NBSP, long_date, number
from fieldkit.export.wording import word
from fieldkit.guide import Question, Text

SELECT_TYPES = frozenset({"select_one", "select_multiple"})

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


def scale_range(question: Question, language: str) -> str:
    """ "sur une échelle de 1 (Simplement informés) à 5 (Co-décideurs)"."""
    low = _end(question.minimum, question.minimum_label, language)
    high = _end(question.maximum, question.maximum_label, language)
    return word("scale_range", language, low=low, high=high)


def _end(bound: int | None, label: Text | None, language: str) -> str:
    text = number(bound or 0, language)
    meaning = label.get(language) if label is not None else ""
    return f"{text} ({meaning})" if meaning else text


def answer_words(
    question: Question, value: object, language: str, specified: Mapping[str, str] | None = None
) -> str:
    """The answer as a phrase of running text, for a monograph's paragraphs.

    Choices read as words ("mobilité, lien social et culture"), a choice
    someone specified ("Autre, préciser") as what they wrote, a number with
    its unit ("4,5 équivalents temps plein", "70 %").
    """
    specified = specified or {}
    if question.type in SELECT_TYPES:
        chosen = value if isinstance(value, list) else [value] if value not in (None, "") else []
        labels = [specified.get(str(v)) or question.choice_label(str(v), language) for v in chosen]
        return in_words([labels[0], *map(lower_first, labels[1:])] if labels else [], language)
    if question.unit is not None and isinstance(value, int | float) and not isinstance(value, bool):
        return with_unit(number(value, language), question.unit.get(language), language)
    return answer_text(question, value, language)


def with_unit(amount: str, unit: str, language: str) -> str:
    """ "70 %" in French (a no-break space), "70%" in English; "4,5 équivalents temps plein"."""
    if not unit:
        return amount
    if unit == "%":
        return f"{amount}{NBSP}%" if language == "fr" else f"{amount}%"
    return f"{amount}{NBSP}{unit}"


def in_words(items: Sequence[str], language: str) -> str:
    """A list as a sentence says it: "a, b et c"; "a ; b ; c" when the items hold commas or "et"."""
    items = [item.strip() for item in items if item.strip()]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    conjunction = " et " if language == "fr" else " and "
    if any("," in item or conjunction in item for item in items):
        return "; ".join(items)  # "emploi et insertion ; mobilité": no "and" to misread
    return ", ".join(items[:-1]) + conjunction + items[-1]


def lower_first(text: str) -> str:
    """ "Mobilité" → "mobilité" inside a sentence, but "ESS" and "PTCE" stay as they are."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def without_unit(label: str, question: Question, language: str) -> str:
    """A label without the unit its answers carry: "Effectif (en …)" → "Effectif"."""
    if question.unit is None:
        return label
    unit = question.unit.get(language)
    for suffix in (f"({unit})", f"(en {unit})", f"(in {unit})"):
        if label.endswith(suffix):
            return label[: -len(suffix)].rstrip()
    return label
