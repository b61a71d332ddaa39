"""A guide written out as an XLSForm, for ODK Collect and KoboCollect, and back again.

A team that runs its guide on phones needs it as an XLSForm. Every section
becomes a group, every repeat group a repeat, every choice list a list of
the choices sheet, and every text is written in each of the guide's
languages (``label::Français (fr)``), the first one named the default.

What XLSForm has no column for — the guide's tags (themes and research
axes), questions bound to the initiative or the visit, a scale's end labels,
the guide's title and description in each language — goes into ``fieldkit::``
columns and a ``fieldkit`` sheet. pyxform and the tools built on it ignore
them; fieldkit's import reads them, so that exporting a guide and importing
the workbook gives the same guide back.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook

from fieldkit.export import export_files
from fieldkit.guide import Guide, OutlineSection, Question, Section, Text

#: The sheet of what only fieldkit reads (the tags and their labels).
FIELDKIT_SHEET = "fieldkit"

_TYPES = {
    "text": "text",
    "long_text": "text",
    "integer": "integer",
    "decimal": "decimal",
    "date": "date",
    "time": "time",
    "datetime": "dateTime",
    "note": "note",
}
_LANGUAGE_NAMES = {"fr": "Français", "en": "English", "es": "Español", "de": "Deutsch"}


def export_xlsform(guide: Guide, out: str | Path) -> Path:
    """Write ``guide`` as an XLSForm workbook at ``out`` (through a temporary file)."""
    target = Path(out)
    book = XLSFormWriter(guide).workbook()
    with export_files([target]) as (temporary,):
        book.save(temporary)
    return target


def language_column(key: str, language: str) -> str:
    """``label::Français (fr)``: the spelling pyxform and KoboToolbox write."""
    return f"{key}::{_language_name(language)}"


def _language_name(language: str) -> str:
    return f"{_LANGUAGE_NAMES.get(language, language)} ({language})"


class XLSFormWriter:
    """Lays one guide out on the survey, choices, settings and fieldkit sheets."""

    def __init__(self, guide: Guide) -> None:
        self.guide = guide
        self.languages = list(guide.languages)
        self.survey: list[dict[str, str]] = []
        self.choices: list[dict[str, str]] = []
        self.lists: dict[tuple[tuple[str, tuple[tuple[str, str], ...]], ...], str] = {}

    def workbook(self) -> Workbook:
        for section in self.guide.sections:
            self._section(section)
        book = Workbook()
        book.remove(book.active)
        texts = (
            "label",
            "hint",
            "constraint_message",
            "fieldkit::min_label",
            "fieldkit::max_label",
            "fieldkit::unit",
        )
        survey = ["type", "name", *self._in_languages(texts[:2]), "required", "relevant"]
        survey += ["constraint", *self._in_languages(texts[2:3]), "appearance", "parameters"]
        survey += ["fieldkit::tags", "fieldkit::bind", "fieldkit::internal", "fieldkit::feeds"]
        survey += self._in_languages(texts[3:])
        _sheet(book, "survey", survey, self.survey)
        _sheet(book, "choices", ["list_name", "name", *self._in_languages(["label"])], self.choices)
        settings_columns = ["form_title", "form_id", "version", "default_language"]
        settings_columns += self._in_languages(["fieldkit::title", "fieldkit::description"])
        _sheet(book, "settings", settings_columns, [self._settings()])
        tags = [{"tag": tag, **self._texts("label", label)} for tag, label in self.guide.tags]
        rows = tags + [self._outline_row(section) for section in self.guide.outline]
        columns = ["tag", "outline", "kind", "gather", *self._in_languages(["label", "hint"])]
        _sheet(book, FIELDKIT_SHEET, columns, rows)
        return book

    # -- rows ------------------------------------------------------------------------

    def _section(self, section: Section) -> None:
        self.survey.append(
            {
                "type": "begin group",
                "name": section.id,
                **self._texts("label", section.title),
                **self._texts("hint", section.intro),
                "relevant": section.relevant.source if section.relevant else "",
                "fieldkit::tags": " ".join(section.tags),
            }
        )
        for question in section.questions:
            self._question(question, section.tags)
        self.survey.append({"type": "end group"})

    def _question(self, question: Question, inherited: tuple[str, ...]) -> None:
        row = {
            "type": self._type(question),
            "name": question.id,
            **self._texts("label", question.label),
            **self._texts("hint", question.hint),
            "required": "yes" if question.required else "",
            "relevant": question.relevant.source if question.relevant else "",
            "constraint": question.constraint.source if question.constraint else "",
            **self._texts("constraint_message", question.constraint_message),
            "appearance": "multiline" if question.type == "long_text" else "",
            "fieldkit::tags": " ".join(t for t in question.tags if t not in inherited),
            "fieldkit::bind": question.bind or "",
            **self._texts("fieldkit::min_label", question.minimum_label),
            **self._texts("fieldkit::max_label", question.maximum_label),
            **self._texts("fieldkit::unit", question.unit),
            "fieldkit::internal": "yes" if question.internal else "",
            "fieldkit::feeds": question.feeds or "",
        }
        if question.type == "scale":
            row["parameters"] = f"start={question.minimum} end={question.maximum} step=1"
        if question.type != "repeat":
            self.survey.append(row)
            return
        self.survey.append({**row, "type": "begin repeat"})
        for column in question.columns:
            self._question(column, question.tags)
        self.survey.append({"type": "end repeat"})

    def _type(self, question: Question) -> str:
        if question.type in ("select_one", "select_multiple"):
            return f"{question.type} {self._choice_list(question)}"
        if question.type == "scale":
            return "range"
        return _TYPES.get(question.type, question.type)

    def _choice_list(self, question: Question) -> str:
        """The list of a question's choices; questions with the same choices share one."""
        key = tuple((c.value, c.label.translations) for c in question.choices)
        if key not in self.lists:
            self.lists[key] = question.id
            for choice in question.choices:
                self.choices.append(
                    {
                        "list_name": question.id,
                        "name": choice.value,
                        **self._texts("label", choice.label),
                    }
                )
        return self.lists[key]

    def _outline_row(self, section: OutlineSection) -> dict[str, str]:
        """A section of the monograph's outline, on the fieldkit sheet beside the tags."""
        return {
            "outline": section.id,
            "kind": section.kind,
            "tag": section.tag or "",
            "gather": "yes" if section.gather else "",
            **self._texts("label", section.title),
            **self._texts("hint", section.hint),
        }

    def _settings(self) -> dict[str, str]:
        main = self.languages[0]
        return {
            "form_title": self.guide.title.get(main),
            "form_id": self.guide.id,
            "version": self.guide.version,
            "default_language": _language_name(main),
            **self._texts("fieldkit::title", self.guide.title),
            **self._texts("fieldkit::description", self.guide.description),
        }

    # -- texts -----------------------------------------------------------------------

    def _in_languages(self, keys: Iterable[str]) -> list[str]:
        return [language_column(key, language) for key in keys for language in self.languages]

    def _texts(self, key: str, text: Text | None) -> dict[str, str]:
        """A text's translations under their columns (a language it lacks stays empty)."""
        found = text.as_dict() if text is not None else {}
        return {
            language_column(key, language): found[language]
            for language in self.languages
            if found.get(language)
        }


def _sheet(book: Workbook, title: str, columns: list[str], rows: list[dict[str, str]]) -> None:
    """A sheet with a header and one line per row; columns no row fills are left out."""
    used = [
        c
        for c in columns
        if c in ("type", "name", "list_name", "tag") or any(r.get(c) for r in rows)
    ]
    sheet = book.create_sheet(title)
    sheet.append(used)
    for row in rows:
        sheet.append([row.get(column) or None for column in used])
