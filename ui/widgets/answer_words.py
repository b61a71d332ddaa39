"""An answer as a person reads it: choice labels, dates in words, decimal commas."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.i18n import format_date, format_number

if TYPE_CHECKING:
    from fieldkit.guide import Question


def answer_text(question: Question | None, value: object, language: str) -> str:
    """Words for a stored value (empty text for no answer)."""
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, list):
        return ", ".join(answer_text(question, item, language) for item in value)
    if question is not None and question.type in {"select_one", "select_multiple"}:
        return question.choice_label(str(value), language)
    if question is not None and question.type == "date" and isinstance(value, str):
        return format_date(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return format_number(value)
    return str(value)
