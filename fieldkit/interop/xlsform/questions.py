"""One survey row made into one guide question, of the nearest type.

Each XLSForm type maps to the nearest guide type. What a guide cannot hold
is never dropped in silence: it is imported as the nearest thing (a text
question, a note asking for an attachment, a multiple choice for a ranking)
and named in a warning, with its row.
"""

from __future__ import annotations

import math
import re
from typing import Any

from fieldkit.interop.xlsform.form import Form
from fieldkit.interop.xlsform.logic import Logic, both
from fieldkit.interop.xlsform.sheets import Report, Row, missing_sheet
from fieldkit.interop.xlsform.types import RowType

Item = dict[str, Any]

_SIMPLE = {
    "text": "text",
    "string": "text",
    "integer": "integer",
    "int": "integer",
    "decimal": "decimal",
    "date": "date",
    "time": "time",
    "datetime": "datetime",
    "note": "note",
}
_ATTACHMENTS = {
    "image": "image",
    "photo": "image",
    "audio": "audio",
    "video": "video",
    "file": "file",
}
_ACKNOWLEDGE = frozenset({"acknowledge", "trigger"})
_PARAMETER = re.compile(r"([A-Za-z_-]+)\s*=\s*([^\s,;]+)")
#: The largest range imported as a scale (0 to 10 is common); wider ranges
#: become a number with bounds.
_SCALE_SPAN = 10


class QuestionMaker:
    """Makes the question of a row, and keeps the choice lists the questions use."""

    def __init__(self, form: Form, report: Report, logic: Logic) -> None:
        self.form = form
        self.report = report
        self.logic = logic
        self.lists: dict[str, list[Item]] = {}
        self.warned_choices = False

    def make(self, row: Row, kind: RowType) -> Item:
        """The row's question (its relevant is the caller's: it depends on the groups)."""
        read_only = self.form.flag(row, "read_only")
        if read_only is None:
            self.report.warn("read_only is neither yes nor no; it is ignored", row)
        if read_only and kind.kind not in ("note", *_ATTACHMENTS):
            self.report.warn(
                "read-only questions become notes (fieldkit does not compute answers)", row
            )
            question = self._base(row, "note")
        else:
            question = self._typed_question(row, kind)
        if question["type"] != "note":
            self._answerable(row, question)
        self._column_warnings(row)
        return question

    def other(self, other_id: str) -> Item:
        """The "other, specify" text question that ``or_other`` adds after a select."""
        return {"id": other_id, "type": "text", "label": self.form.words("other_specify")}

    def note(self, row: Row) -> Item:
        """A note with the row's label and hint (the heading of a nested group)."""
        return self._base(row, "note")

    def repeat(self, row: Row, fallback_label: str) -> Item:
        repeat = self._base(row, "repeat", fallback_label)
        repeat["questions"] = []
        return repeat

    def _typed_question(self, row: Row, kind: RowType) -> Item:
        name = kind.kind
        appearances = row.get("appearance").lower().split()
        for appearance in appearances:
            if (name, appearance) not in _APPEARANCES:
                self.report.warn(
                    f"the appearance '{appearance}' is not applied: fieldkit lays out every "
                    "question its own way",
                    row,
                )
        if name == "date" and {"month-year", "year"} & set(appearances):
            return self._part_of_date(row, "year" if "year" in appearances else "month-year")
        if name in _SIMPLE:
            multiline = "multiline" in appearances
            return self._base(row, "long_text" if name == "text" and multiline else _SIMPLE[name])
        if name in ("select_one", "select_multiple", "rank"):
            return self._select(row, kind)
        if name == "range":
            return self._range(row)
        if name in _ACKNOWLEDGE:
            question = self._base(row, "select_one")
            question["choices"] = [{"value": "OK", "label": self.form.words("acknowledged")}]
            return question
        if name in _ATTACHMENTS:
            self.report.warn(
                f"{name} questions become notes asking to attach the file to the interview "
                "(a fieldkit guide has no attachment question)",
                row,
            )
            question = self._base(row, "note")
            _add_hint(question, self.form.words(f"attach_{_ATTACHMENTS[name]}"))
            return question
        self.report.warn(
            f"'{name}' is not a fieldkit question type: imported as a text question", row
        )
        return self._base(row, "text")

    def _part_of_date(self, row: Row, appearance: str) -> Item:
        """A date asked as a month (YYYY-MM) or a year alone, as the appearance says."""
        if appearance == "year":
            question = self._base(row, "integer")
            question["constraint"] = ". >= 1000 and . <= 9999"
        else:
            question = self._base(row, "text")
            question["constraint"] = "regex(., '^[0-9]{4}-(0[1-9]|1[0-2])$')"
        _add_hint(question, self.form.words(appearance))
        return question

    def _base(self, row: Row, kind: str, fallback_label: str = "") -> Item:
        images = self.form.texts(row, "image")
        shown = next(iter(images.values()), "")
        image_label = self.form.words("image", file=shown).get(self.form.main_language, "")
        label = self.form.label(row, fallback=fallback_label or (image_label if shown else ""))
        question: Item = {"id": row.get("name"), "type": kind, "label": label}
        hint = self.form.hint(row)
        if hint:
            question["hint"] = hint
        self._media(row, question, images)
        self._fieldkit_columns(row, question)
        return question

    def _fieldkit_columns(self, row: Row, question: Item) -> None:
        """What fieldkit's own export wrote beside XLSForm's columns: tags, bind, scale ends."""
        if tags := row.get("fieldkit:tags").split():
            question["tags"] = tags
        if bind := row.get("fieldkit:bind"):
            question["bind"] = bind
        for key in ("min_label", "max_label", "unit"):
            if texts := self.form.texts(row, f"fieldkit:{key}"):
                question[key] = texts
        if row.get("fieldkit:internal").lower() in ("yes", "true"):
            question["internal"] = True
        if feeds := row.get("fieldkit:feeds"):
            question["feeds"] = feeds

    def _media(self, row: Row, question: Item, images: dict[str, str]) -> None:
        """Name a label's image in the hint; say that sounds and videos are left out."""
        if images:
            self.report.warn(
                "images are named in the hint, not shown (a form's media files travel "
                "beside it, not inside the workbook)",
                row,
            )
            fallback = next(iter(images.values()))
            hints = {
                language: self.form.words("image", file=images.get(language, fallback))
                for language in self.form.languages
            }
            _add_hint(question, {language: words[language] for language, words in hints.items()})
        for column in ("audio", "video", "big-image"):
            if row.texts(column):
                self.report.warn(f"{column} files on labels are not played or shown", row)

    def _answerable(self, row: Row, question: Item) -> None:
        """Add what only a question that takes an answer has: required, constraint, default."""
        required = self.form.flag(row, "required")
        if required:
            question["required"] = True
        elif required is None and self.logic.check(row, "required"):
            self.report.warn(
                "a condition in 'required' is not supported: the question is optional", row
            )
        constraint = self.logic.usable(row, "constraint")
        if constraint:
            question["constraint"] = both(question.get("constraint"), constraint)
            message = self.form.texts(row, "constraint_message")
            if message:
                question["constraint_message"] = message
        if row.get("default"):
            self.report.warn("default values are not filled in: the hint gives them", row)
            _add_hint(question, self.form.words("default", value=row.get("default")))

    def _column_warnings(self, row: Row) -> None:
        for column, message in (
            ("choice_filter", "choice filters are not applied: every choice is offered"),
            (
                "calculate",
                "calculations on questions are not applied: fieldkit does not compute answers",
            ),
            ("required_message", "required messages are not shown: fieldkit lists missing answers"),
        ):
            if row.has(column):
                self.report.warn(message, row)

    def _select(self, row: Row, kind: RowType) -> Item:
        question = self._base(row, "select_one" if kind.kind == "select_one" else "select_multiple")
        question["choices"] = self._choice_list(row, kind)
        if kind.kind == "rank":
            self.report.warn(
                "rank questions become multiple choices: the order is not recorded", row
            )
            _add_hint(question, self.form.words("rank"))
        return question

    def _choice_list(self, row: Row, kind: RowType) -> str:
        """The name of the guide's choice list for a select row (reported if there is none)."""
        name = kind.list_name
        if not name:
            self.report.error(row.where("type"), f"{kind.kind} needs the name of a choice list")
            return ""
        if self.form.choices is None:
            if not self.warned_choices:
                self.warned_choices = True
                self.report.error("the workbook", missing_sheet("choices", self.form.titles))
            return ""
        choices = self.form.lists.get(name)
        if choices is None:
            known = ", ".join(sorted(self.form.lists)) or "none"
            self.report.error(
                row.where("type"),
                f"unknown choice list {name!r} (lists in the choices sheet: {known})",
            )
            return ""
        if not kind.or_other or any(c["value"] == "other" for c in choices):
            self.lists[name] = choices
            return name
        with_other = f"{name}_other"
        while with_other in self.form.lists:
            with_other += "_"
        self.lists[with_other] = [*choices, {"value": "other", "label": self.form.words("other")}]
        return with_other

    def _range(self, row: Row) -> Item:
        """A range: a scale when short and whole, else a number bounded by a constraint."""
        found = dict(_PARAMETER.findall(row.get("parameters")))
        try:
            start, end, step = (
                float(found.get(k, d)) for k, d in (("start", "1"), ("end", "10"), ("step", "1"))
            )
        except ValueError:
            start = end = step = math.nan
        if not all(math.isfinite(n) for n in (start, end, step)):
            self.report.error(row.where("parameters"), "start, end and step must be numbers")
            return self._base(row, "decimal")
        if start >= end:
            self.report.error(row.where("parameters"), "the start of a range must be below its end")
        whole = all(n.is_integer() for n in (start, end, step))
        short = end - start <= _SCALE_SPAN or self.form.fieldkit is not None  # fieldkit's scale
        if whole and step == 1 and short:
            question = self._base(row, "scale")
            question["min"], question["max"] = int(start), int(end)
            return question
        question = self._base(row, "integer" if whole else "decimal")
        question["constraint"] = f". >= {_number(start)} and . <= {_number(end)}"
        return question


#: Appearances fieldkit applies: the rest only change how a phone lays a question out.
_APPEARANCES = frozenset(
    {("text", "multiline"), ("string", "multiline"), ("date", "month-year"), ("date", "year")}
)


def _add_hint(question: Item, extra: dict[str, str]) -> None:
    """Append a paragraph to the hint: where the facilitator reads what the form meant."""
    hint = question.setdefault("hint", {})
    for language, text in extra.items():
        hint[language] = f"{hint[language]}\n\n{text}" if hint.get(language) else text


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)
