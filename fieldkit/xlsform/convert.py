"""Turning an XLSForm's survey rows into the sections and questions of a guide.

A guide is sections of questions, and a question can be a repeat group
whose columns are questions. An XLSForm is a flat list of rows where
``begin group``/``end group`` and ``begin repeat``/``end repeat`` nest to any
depth. So a group at the top level becomes a section (its relevant becomes
the section's); a group inside it only passes its relevant on to what it
holds, and its label becomes a note that heads its questions; questions
outside any group go to a section of their own. A repeat becomes a repeat
question; a repeat inside a repeat cannot exist in a guide, so its questions
join the enclosing repeat's columns, with a warning.

Each XLSForm type maps to the nearest guide type. What a guide cannot hold is
never dropped in silence: it is imported as the nearest thing (a text
question, a note asking for an attachment) and named in a warning with its
row numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldkit.guide_loader import GUIDE_FORMAT
from fieldkit.xlsform.form import Form
from fieldkit.xlsform.logic import Logic, both, literal
from fieldkit.xlsform.sheets import Report, Row, missing_sheet

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
#: Facts about the submission, not questions: fieldkit records the visit's
#: date, place, interviewers and every change's author and device itself.
_METADATA = frozenset(
    {
        "start",
        "end",
        "today",
        "deviceid",
        "imei",
        "subscriberid",
        "simserial",
        "phonenumber",
        "username",
        "email",
        "audit",
        "start-geopoint",
        "background-audio",
        "uri:username",
        "uri:email",
        "uri:phonenumber",
        "uri:deviceid",
        "uri:subscriberid",
        "uri:simserial",
    }
)
#: What a reference to a metadata row means inside an expression.
_METADATA_VALUES = {"today": "today()", "start": "now()", "end": "now()"}
_DATA_FILES = frozenset({"xml-external", "csv-external"})
_SELECTS = (
    ("select all that apply", "select_multiple"),
    ("select multiple", "select_multiple"),
    ("select_multiple", "select_multiple"),
    ("select one", "select_one"),
    ("select_one", "select_one"),
    ("select1", "select_one"),
    ("rank", "rank"),
)
_CONTROL = re.compile(r"(begin|end)[ _](group|repeat)")
_FROM_FILE = re.compile(r"(select[ _](?:one|multiple)(?:[ _]from[ _]file|_external))\b")
_NAME = re.compile(r"[A-Za-z0-9_-]+")
_PARAMETER = re.compile(r"([A-Za-z_-]+)\s*=\s*([^\s,;]+)")
#: The largest range imported as a scale (0 to 10 is common); wider ranges
#: become a number with bounds.
_SCALE_SPAN = 10
#: Columns this import reads (or knowingly leaves aside: media shown with a
#: label); any other column with content is named in a warning.
_READ_COLUMNS = frozenset(
    {
        "type",
        "name",
        "label",
        "hint",
        "guidance_hint",
        "required",
        "required_message",
        "relevant",
        "constraint",
        "constraint_message",
        "calculate",
        "choice_filter",
        "default",
        "read_only",
        "appearance",
        "parameters",
        "repeat_count",
        "image",
        "big-image",
        "audio",
        "video",
    }
)
_KEY_ORDER = (
    "id",
    "type",
    "label",
    "hint",
    "required",
    "choices",
    "min",
    "max",
    "relevant",
    "constraint",
    "constraint_message",
    "questions",
)


@dataclass(frozen=True)
class RowType:
    """A ``type`` cell, understood: ``select_one colours or_other`` and the like."""

    kind: str
    list_name: str = ""
    or_other: bool = False


def read_type(text: str) -> RowType:
    words = text.split()
    joined = " ".join(w.lower() for w in words)
    if control := _CONTROL.fullmatch(joined):
        return RowType(f"{control[1]}_{control[2]}")
    if from_file := _FROM_FILE.match(joined):
        return RowType(from_file[1].replace(" ", "_"))
    for prefix, kind in _SELECTS:
        if joined == prefix or joined.startswith(prefix + " "):
            rest = words[len(prefix.split()) :]
            or_other = len(rest) == 2 and rest[1].lower() == "or_other"
            if len(rest) <= 1 or or_other:
                return RowType(kind, rest[0] if rest else "", or_other)
            return RowType(joined)
    return RowType(joined)


@dataclass
class _Frame:
    """An open group or repeat while the rows are walked."""

    row: Row
    kind: str
    condition: str | None = None
    questions: list[Item] | None = None
    parent: list[Item] | None = None
    item: Item | None = None


class GuideBuilder:
    """Walks the survey rows once and builds the guide document."""

    def __init__(self, form: Form, report: Report, source: Path) -> None:
        self.form = form
        self.report = report
        self.source = source
        self.names: dict[str, Row] = {}
        self.logic = Logic(report, self.names)
        self.taken: set[str] = set()
        self.other_names: dict[str, str] = {}
        self.lists: dict[str, list[Item]] = {}
        self.sections: list[Item] = []
        self.tags: dict[str, dict[str, str]] = {}
        self.stack: list[_Frame] = []
        self.loose: list[Item] | None = None
        self.warned_choices = False

    def build(self) -> dict[str, Any]:
        rows = [
            (row, read_type(row.get("type"))) for row in self.form.survey.rows if self._typed(row)
        ]
        self._claim_names(rows)
        self._stand_ins(rows)
        for row, kind in rows:
            self._convert(row, kind)
        for frame in reversed(self.stack):
            self.report.error(
                frame.row.where("type"),
                f"the {frame.kind} '{frame.row.get('name')}' is never closed "
                f"(add an 'end {frame.kind}' row)",
            )
        self._unread_columns()
        if not self.sections and not self.report.problems:
            self.report.error("survey sheet", "no question fieldkit can import")
        return self._document()

    # -- names ---------------------------------------------------------------------

    def _typed(self, row: Row) -> bool:
        if row.get("type"):
            return True
        if row.get("name") or row.texts("label"):
            self.report.error(row.where("type"), "no type (text, integer, select_one LIST…)")
        return False

    def _claim_names(self, rows: list[tuple[Row, RowType]]) -> None:
        for row, kind in rows:
            if kind.kind.startswith("end_"):
                continue
            name = row.get("name")
            if not name:
                self.report.error(row.where("name"), "no name (every row needs one)")
            elif not _NAME.fullmatch(name):
                self.report.error(
                    row.where("name"),
                    f"the name {name!r} may only use ASCII letters, digits, '_' and '-'",
                )
            elif name in self.names:
                first = self.names[name].number
                self.report.error(
                    row.where("name"), f"the name {name!r} is already used on row {first}"
                )
            else:
                self.names[name] = row
                if kind.kind == "begin_group":
                    self.logic.groups.add(name)
        self.taken = set(self.names)

    def _free(self, wanted: str) -> str:
        """An id no row uses, for something the import adds."""
        candidate, number = wanted, 2
        while candidate in self.taken:
            candidate, number = f"{wanted}_{number}", number + 1
        self.taken.add(candidate)
        return candidate

    def _stand_ins(self, rows: list[tuple[Row, RowType]]) -> None:
        """Say what each reference to a row that is not a question stands for."""
        for row, kind in rows:
            name = row.get("name")
            if kind.or_other and name:
                self.other_names[name] = self._free(f"{name}_autre")
                if f"{name}_other" not in self.names:
                    self.logic.stand_in(f"{name}_other", f"${{{self.other_names[name]}}}")
        for row, kind in rows:
            name = row.get("name")
            if kind.kind in _METADATA:
                self.logic.stand_in(name, _METADATA_VALUES.get(kind.kind))
            elif kind.kind in _DATA_FILES:
                self.logic.stand_in(name, None)
            elif kind.kind == "hidden":
                default = row.get("default")
                self.logic.stand_in(name, literal(default) if default else None)
            elif kind.kind == "calculate":
                if not row.get("calculate"):
                    self.report.error(row.where("calculate"), "a calculate row needs a calculation")
                self.logic.stand_in(name, self.logic.check(row, "calculate"))

    # -- rows ------------------------------------------------------------------------

    def _convert(self, row: Row, kind: RowType) -> None:
        name = kind.kind
        if name == "begin_group":
            self._begin_group(row)
        elif name == "begin_repeat":
            self._begin_repeat(row)
        elif name in ("end_group", "end_repeat"):
            self._end(row, name.removeprefix("end_"))
        elif name in ("calculate", "hidden"):
            self.report.warn(
                f"{name} rows are not questions: fieldkit does not store them, and writes "
                "their value into the expressions that use it",
                row,
            )
        elif name in _DATA_FILES:
            self.report.warn(f"{name} data files are not used by fieldkit", row)
        elif name not in _METADATA:
            self._question(row, kind)

    def _question(self, row: Row, kind: RowType) -> None:
        relevant = self.logic.usable(row, "relevant")
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
        self._emit(question, relevant)
        if kind.or_other:
            other = {
                "id": self.other_names.get(row.get("name"), ""),
                "type": "text",
                "label": self.form.words("other_specify"),
            }
            self._emit(other, both(relevant, f"selected(${{{row.get('name')}}}, 'other')"))

    def _typed_question(self, row: Row, kind: RowType) -> Item:
        name = kind.kind
        if name in _SIMPLE:
            multiline = "multiline" in row.get("appearance").lower().split()
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

    def _base(self, row: Row, kind: str) -> Item:
        question: Item = {"id": row.get("name"), "type": kind, "label": self.form.label(row)}
        hint = self.form.hint(row)
        if hint:
            question["hint"] = hint
        return question

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
        with_other = f"{name}_autre"
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
            self.report.error(row.where("parameters"), "start, end and step must be numbers")
            return self._base(row, "decimal")
        if start >= end:
            self.report.error(row.where("parameters"), "the start of a range must be below its end")
        whole = all(n.is_integer() for n in (start, end, step))
        if whole and step == 1 and end - start <= _SCALE_SPAN:
            question = self._base(row, "scale")
            question["min"], question["max"] = int(start), int(end)
            return question
        question = self._base(row, "integer" if whole else "decimal")
        question["constraint"] = f". >= {_number(start)} and . <= {_number(end)}"
        return question

    # -- structure ---------------------------------------------------------------------

    def _emit(self, item: Item, relevant: str | None) -> tuple[list[Item], Item]:
        """Put an item where the open groups say, under all their conditions.

        Returns the list it went into and the item as placed there.
        """
        owner = max((i for i, f in enumerate(self.stack) if f.questions is not None), default=-1)
        conditions = [f.condition for f in self.stack[owner + 1 :]]
        combined = both(*conditions, relevant)
        if combined:
            item["relevant"] = combined
        target = self.stack[owner].questions if owner >= 0 else None
        if target is None:
            target = self._loose_section()
        placed = {key: item[key] for key in _KEY_ORDER if key in item}
        target.append(placed)
        return target, placed

    def _loose_section(self) -> list[Item]:
        """The section for questions outside any group (a new one after each group)."""
        if self.loose is None:
            first = not any(tag.startswith("theme:general") for tag in self.tags)
            title = self.form.words("general" if first else "general_more")
            section = self._section(self._free("general"), title)
            self.loose = section["questions"]
        return self.loose

    def _section(self, section_id: str, title: dict[str, str], **extra: Any) -> Item:
        """A new section, tagged with a theme of its own so exports can code by section."""
        tag = f"theme:{section_id}"
        self.tags[tag] = title
        section: Item = {"id": section_id, "title": title, **extra, "tags": [tag], "questions": []}
        self.sections.append(section)
        return section

    def _begin_group(self, row: Row) -> None:
        relevant = self.logic.usable(row, "relevant")
        name = row.get("name")
        title = self.form.label(row, fallback=_readable(name))
        if not self.stack:
            self.loose = None
            extra = {"intro": self.form.hint(row), "relevant": relevant}
            section = self._section(name, title, **{k: v for k, v in extra.items() if v})
            self.stack.append(
                _Frame(row, "group", None, section["questions"], self.sections, section)
            )
            return
        self.stack.append(_Frame(row, "group", relevant))
        if self.form.texts(row, "label"):
            heading = self._base(row, "note")
            self._emit(heading, None)

    def _begin_repeat(self, row: Row) -> None:
        relevant = self.logic.usable(row, "relevant")
        if row.has("repeat_count"):
            self.report.warn("repeat counts are not applied: rows are added as needed", row)
        if any(frame.kind == "repeat" for frame in self.stack):
            self.report.warn(
                "a repeat inside a repeat is flattened: its questions become columns of the "
                "enclosing repeat",
                row,
            )
            self.stack.append(_Frame(row, "repeat", relevant))
            return
        repeat = self._base(row, "repeat")
        repeat["label"] = self.form.label(row, fallback=_readable(row.get("name")))
        repeat["questions"] = []
        parent, placed = self._emit(repeat, relevant)
        self.stack.append(_Frame(row, "repeat", None, repeat["questions"], parent, placed))

    def _end(self, row: Row, kind: str) -> None:
        if not self.stack:
            self.report.error(row.where("type"), f"'end {kind}' without a 'begin {kind}' before it")
            return
        frame = self.stack.pop()
        if frame.kind != kind:
            self.report.error(
                row.where("type"),
                f"'end {kind}' closes the {frame.kind} '{frame.row.get('name')}' opened on row "
                f"{frame.row.number} (write 'end {frame.kind}')",
            )
        if not frame.questions and frame.parent is not None and frame.item is not None:
            self.report.warn(
                f"the {frame.kind} holds no question fieldkit can import: it is left out", frame.row
            )
            frame.parent[:] = [item for item in frame.parent if item is not frame.item]
            if frame.kind == "group":
                self.tags.pop(f"theme:{frame.item['id']}", None)

    # -- the document ------------------------------------------------------------------

    def _unread_columns(self) -> None:
        for column in self.form.survey.columns:
            if column.key in _READ_COLUMNS or column.key.startswith("$"):
                continue
            for row in self.form.survey.rows:
                if row.has(column.key):
                    self.report.warn(
                        f"column {column.letter} ({column.key}) is not used by fieldkit", row
                    )

    def _document(self) -> dict[str, Any]:
        main = self.form.main_language
        document: dict[str, Any] = {
            "format": GUIDE_FORMAT,
            "id": _identifier(self.form.setting("form_id") or self.source.stem),
            "version": self.form.setting("version") or "1",
            "languages": self.form.languages,
            "title": {main: self.form.setting("form_title") or self.source.stem},
            "description": self.form.words("imported", file=self.source.name),
        }
        if self.tags:
            document["tags"] = self.tags
        if self.lists:
            document["choice_lists"] = self.lists
        document["sections"] = self.sections
        return document


def _add_hint(question: Item, extra: dict[str, str]) -> None:
    hint = question.setdefault("hint", {})
    for language, text in extra.items():
        hint[language] = f"{hint[language]}\n\n{text}" if hint.get(language) else text


def _readable(name: str) -> str:
    """A title made from a name, for a group the form left without a label."""
    return name.replace("_", " ").replace("-", " ").strip().capitalize() or name


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


def _identifier(text: str) -> str:
    """A guide id from a form id or a file name: letters, digits, '_' and '-' only."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "xlsform"
