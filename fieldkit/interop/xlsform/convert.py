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

Rows that are not questions (calculations, metadata, hidden values) are left
out of the guide; :class:`~fieldkit.interop.xlsform.logic.Logic` writes what they
stand for into the expressions that name them. Each question row goes to
:class:`~fieldkit.interop.xlsform.questions.QuestionMaker`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from fieldkit.guide import GUIDE_FORMAT
from fieldkit.interop.xlsform.form import Form
from fieldkit.interop.xlsform.logic import Logic, both, literal
from fieldkit.interop.xlsform.questions import Item, QuestionMaker
from fieldkit.interop.xlsform.sheets import Report, Row
from fieldkit.interop.xlsform.types import (
    DATA_FILES,
    METADATA,
    METADATA_VALUES,
    UNRECORDED,
    RowType,
    read_type,
)

_NAME = re.compile(r"[A-Za-z0-9_-]+")
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
        "kobo--matrix_list",
        "fieldkit:tags",
        "fieldkit:bind",
        "fieldkit:min_label",
        "fieldkit:max_label",
        "fieldkit:unit",
        "fieldkit:internal",
        "fieldkit:feeds",
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
    "min_label",
    "max_label",
    "unit",
    "relevant",
    "constraint",
    "constraint_message",
    "tags",
    "feeds",
    "internal",
    "bind",
    "questions",
)


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
        self.questions = QuestionMaker(form, report, self.logic)
        self.sections: list[Item] = []
        self.tags: dict[str, dict[str, str]] = {}
        self.stack: list[_Frame] = []
        self.loose: list[Item] | None = None

    def build(self) -> dict[str, Any]:
        rows = [
            (row, read_type(row.get("type"))) for row in self.form.survey.rows if self._typed(row)
        ]
        rows = self._claim_names(rows)
        for row, kind in rows:
            if kind.kind == "begin_group" and row.get("name"):
                self.logic.groups.add(row.get("name"))
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

    def _claim_names(self, rows: list[tuple[Row, RowType]]) -> list[tuple[Row, RowType]]:
        """Check every row's name; return the rows, a name met again in another group renamed.

        pyxform wants names unique within their group, and lets two groups
        each hold a ``q`` as long as no expression names ``${q}``. A guide
        needs every id unique, so the later one becomes ``group_q``.
        """
        self.taken = {row.get("name") for row, _ in rows}
        parents: list[str] = []
        siblings: dict[tuple[str, ...], dict[str, Row]] = {}
        claimed = []
        for row, kind in rows:
            if kind.kind.startswith("end_"):
                if parents:
                    parents.pop()
                claimed.append((row, kind))
                continue
            row = self._claim(row, tuple(parents), siblings)
            if kind.kind.startswith("begin_"):
                parents.append(row.get("name"))
            claimed.append((row, kind))
        return claimed

    def _claim(
        self, row: Row, parents: tuple[str, ...], siblings: dict[tuple[str, ...], dict[str, Row]]
    ) -> Row:
        name = row.get("name")
        if not name:
            self.report.error(row.where("name"), "no name (every row needs one)")
            return row
        if not _NAME.fullmatch(name):
            self.report.error(
                row.where("name"),
                f"the name {name!r} may only use ASCII letters, digits, '_' and '-'",
            )
            return row
        near = siblings.setdefault(parents, {})
        if name in near:
            first = near[name].number
            self.report.error(
                row.where("name"), f"the name {name!r} is already used on row {first}"
            )
            return row
        near[name] = row
        if name in self.names:
            renamed = self._free(f"{parents[-1]}_{name}" if parents else f"{name}_2")
            self.report.warn(
                f"the name {name!r} is also used on row {self.names[name].number}: "
                f"this row's id in the guide is {renamed!r}",
                row,
            )
            self.logic.ambiguous.add(name)
            row = replace(row, cells={**row.cells, ("name", None): renamed})
            name = renamed
        self.names[name] = row
        return row

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
            if kind.or_other and name:  # pyxform's name for the text that specifies "other"
                self.other_names[name] = other = self._free(f"{name}_other")
                if other == f"{name}_other":
                    self.names[other] = row
                elif f"{name}_other" not in self.names:
                    self.logic.stand_in(f"{name}_other", f"${{{other}}}")
        for row, kind in rows:
            name = row.get("name")
            if kind.kind in METADATA:
                self.logic.stand_in(name, METADATA_VALUES.get(kind.kind))
            elif kind.kind in DATA_FILES:
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
        if kind.block and name == "begin_group":
            self.report.warn(self._block_warning(row, kind.block), row)
        if name == "begin_loop":
            self.report.error(
                row.where("type"),
                "loops ('begin loop over LIST') are not supported by fieldkit: write the "
                "questions once per choice, or make them a repeat group",
            )
            self.stack.append(_Frame(row, "loop"))
        elif name == "end_loop":
            self._end(row, "loop")
        elif name in UNRECORDED:
            self.report.warn(f"{name} is not recorded by fieldkit", row)
        elif name == "begin_group":
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
        elif name in DATA_FILES:
            self.report.warn(f"{name} data files are not used by fieldkit", row)
        elif name not in METADATA:
            self._question(row, kind)

    def _block_warning(self, row: Row, block: str) -> str:
        if block == "kobomatrix":
            listed = row.get("kobo--matrix_list")
            rows = f" (one per choice of list {listed!r})" if listed else ""
            return (
                "'kobomatrix' blocks are read as a plain group: each question is asked once, "
                f"not once per row of the matrix{rows}"
            )
        return f"'{block}' blocks are read as groups"

    def _question(self, row: Row, kind: RowType) -> None:
        relevant = self.logic.usable(row, "relevant")
        self._emit(self.questions.make(row, kind), relevant)
        if kind.or_other:
            name = row.get("name")
            other = self.questions.other(self.other_names.get(name, ""))
            self._emit(other, both(relevant, f"selected(${{{name}}}, 'other')"))

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

    def _section(
        self, section_id: str, title: dict[str, str], row: Row | None = None, **extra: Any
    ) -> Item:
        """A new section, tagged with a theme of its own so exports can code by section.

        A form fieldkit exported says which tags each section had instead.
        """
        if self.form.fieldkit is not None:
            tags = row.get("fieldkit:tags").split() if row is not None else []
        else:
            tags = [f"theme:{section_id}"]
            self.tags[tags[0]] = title
        section: Item = {"id": section_id, "title": title, **extra, "tags": tags, "questions": []}
        self.sections.append(section)
        return section

    def _begin_group(self, row: Row) -> None:
        relevant = self.logic.usable(row, "relevant")
        name = row.get("name")
        title = self.form.label(row, fallback=_readable(name))
        if not self.stack:
            self.loose = None
            extra = {"intro": self.form.hint(row), "relevant": relevant}
            section = self._section(name, title, row, **{k: v for k, v in extra.items() if v})
            self.stack.append(
                _Frame(row, "group", None, section["questions"], self.sections, section)
            )
            return
        self.stack.append(_Frame(row, "group", relevant))
        if self.form.texts(row, "label"):
            self._emit(self.questions.note(row), None)

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
        repeat = self.questions.repeat(row, _readable(row.get("name")))
        if self.form.flag(row, "required"):
            repeat["required"] = True  # at least one row
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
        title = self.form.setting_texts("fieldkit:title")
        document: dict[str, Any] = {
            "format": GUIDE_FORMAT,
            "id": _identifier(self.form.setting("form_id") or self.source.stem),
            "version": self.form.setting("version") or "1",
            "languages": self.form.languages,
            "title": title or {main: self.form.setting("form_title") or self.source.stem},
            "description": self.form.setting_texts("fieldkit:description")
            or self.form.words("imported", file=self.source.name),
        }
        tags = {**self.form.tags(), **self.tags}
        if tags:
            document["tags"] = tags
        if self.questions.lists:
            document["choice_lists"] = self.questions.lists
        if outline := self.form.outline():
            document["outline"] = outline
        document["sections"] = self.sections
        return document


def _readable(name: str) -> str:
    """A title made from a name, for a group the form left without a label."""
    return name.replace("_", " ").replace("-", " ").strip().capitalize() or name


def _identifier(text: str) -> str:
    """A guide id from a form id or a file name: letters, digits, '_' and '-' only."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "xlsform"
