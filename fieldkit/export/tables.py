"""Spreadsheets: one row per interview, one column per question (CSV and XLSX).

Both formats share one layout (:func:`build_sheets`): a multiple choice as one
joined column plus one 0/1 column per choice; each repeat group (the people
met), the quotes and the notes in their own sheet or file, linked by
``interview_id``. The workbook heads each sheet with two rows, labels for
people and stable keys for scripts; a CSV file has one header row.

A CSV comes in two kinds (:class:`CsvKind`):

- the plain kind, for programs: comma-separated, a decimal point, UTF-8
  without byte-order mark, the stable keys as header;
- the ``excel`` kind, for a French Excel or LibreOffice: semicolon-separated,
  a decimal comma, UTF-8 with a byte-order mark (so accents read right),
  the labels as header.

Neither runs a formula typed in an answer. A text cell that starts with
``= + - @``, a tab or a carriage return — or with an apostrophe — gets one
more apostrophe in front (the convention OWASP recommends, which Excel and
LibreOffice show as typed); a program reading the file removes one leading
apostrophe from a text cell (:func:`unprotect`). Numbers are never prefixed.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fieldkit.export.answers import answer_text
from fieldkit.export.output import export_files
from fieldkit.export.pseudonym import Pseudonyms
from fieldkit.export.typography import clean
from fieldkit.export.wording import word
from fieldkit.guide import Question
from fieldkit.survey import InterviewInfo, Survey

Cell = str | int | float | None


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    #: Reads the cell from a row's values (answers of an interview, or of a row).
    read: Callable[[Mapping[str, object]], Cell]
    long: bool = False


@dataclass
class Sheet:
    name: str
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)

    def add(self, values: Mapping[str, object], scrub: Callable[[str], str]) -> None:
        """Append one row read from ``values``; text is cleaned and pseudonymized."""
        self.rows.append([_text(c.read(values), scrub) for c in self.columns])


@dataclass(frozen=True)
class Written:
    """What an export wrote, and what the user should know about it."""

    paths: list[Path]
    warnings: list[str]


def question_columns(question: Question, language: str) -> list[Column]:
    """A question's columns: one, or for a multiple choice one joined plus one per choice."""
    label = question.label.get(language)
    columns = [
        Column(
            question.id,
            label,
            functools.partial(_answer_cell, question, language),
            long=question.type == "long_text",
        )
    ]
    if question.type == "select_multiple":
        for choice in question.choices:
            columns.append(
                Column(
                    f"{question.id}/{choice.value}",
                    f"{label} : {choice.label.get(language)}",
                    functools.partial(_ticked, question.id, choice.value),
                )
            )
    return columns


def _answer_cell(question: Question, language: str, values: Mapping[str, object]) -> Cell:
    return _cell(question, values.get(question.id), language)


def _cell(question: Question, value: object, language: str) -> Cell:
    if value is None or value == "" or value == []:
        return None
    if question.type in {"integer", "decimal", "scale"} and isinstance(value, int | float):
        return value
    if question.type == "date":
        return str(value)
    return answer_text(question, value, language)


def _ticked(question_id: str, choice: str, values: Mapping[str, object]) -> int | None:
    value = values.get(question_id)
    if not isinstance(value, list):
        return None
    return 1 if choice in value else 0


def build_sheets(survey: Survey, language: str, names: Pseudonyms) -> list[Sheet]:
    """Every sheet of the export, filled; text cleaned and pseudonymized.

    Quotes of people who did not agree to be quoted are left out.
    """
    scrub = names.scrub
    interviews = survey.interviews()
    questions = _questions(survey, interviews)
    main = _main_sheet(questions, language)
    repeats = [(q, _repeat_sheet(q, language)) for q in questions if q.type == "repeat"]
    quotes, notes = _item_sheets(language)
    for info in interviews:
        fixed = _fixed_values(survey, info)
        main.add({**survey.answers(info.id), **fixed}, scrub)
        for repeat, sheet in repeats:
            for position, row in enumerate(survey.rows(info.id, repeat.id), start=1):
                sheet.add({**fixed, "row_id": row.id, "position": position, **row.values}, scrub)
        for item in survey.items("quote", info.id):
            if names.consent_of(str(item.get("speaker", ""))).quoted:
                quotes.add({**fixed, **item}, scrub)
        for item in survey.items("note", info.id):
            notes.add({**fixed, **item}, scrub)
    return [main, *(sheet for _, sheet in repeats), quotes, notes]


def _questions(survey: Survey, interviews: Iterable[InterviewInfo]) -> list[Question]:
    """The current guide's questions, then any that only older guides of the file had."""
    found: dict[str, Question] = {}
    guides = [survey.guide] + [survey.guide_for(i.id) for i in interviews]
    for guide in guides:
        for question in guide.questions:
            found.setdefault(question.id, question)
    return [q for q in found.values() if q.answerable]


_FIXED = ("initiative", "date", "interview_id", "initiative_id", "status", "guide_version")


def _fixed_values(survey: Survey, info: InterviewInfo) -> dict[str, object]:
    return {
        "initiative": info.initiative_name,
        "date": info.date,
        "interview_id": info.id,
        "initiative_id": info.initiative,
        "status": info.status,
        "guide_version": survey.guide_for(info.id).version,
    }


def _fixed_columns(language: str, keys: Sequence[str] = _FIXED) -> list[Column]:
    labels = {
        "initiative": word("initiative", language),
        "date": word("date", language),
        "status": word("status", language),
        "guide_version": word("guide", language),
    }
    return [Column(k, labels.get(k, k), functools.partial(_field, k)) for k in keys]


def _field(key: str, values: Mapping[str, object]) -> Cell:
    return _plain(values.get(key))


def _plain(value: object) -> Cell:
    if value is None or isinstance(value, str | int | float):
        return value
    return str(value)


def _main_sheet(questions: Iterable[Question], language: str) -> Sheet:
    columns = _fixed_columns(language)
    duplicates = {"initiative.name", "interview.date"}
    for question in questions:
        if question.type != "repeat" and question.bind not in duplicates:
            columns += question_columns(question, language)
    return Sheet("reponses" if language == "fr" else "answers", columns)


def _repeat_sheet(repeat: Question, language: str) -> Sheet:
    columns = _fixed_columns(language, ("initiative", "date", "interview_id"))
    columns += _fixed_columns(language, ("row_id", "position"))
    for column in repeat.columns:
        columns += question_columns(column, language)
    return Sheet(repeat.id, columns)


def _item_sheets(language: str) -> tuple[Sheet, Sheet]:
    link = _fixed_columns(language, ("initiative", "date", "interview_id", "id", "question"))
    speaker = Column("speaker", "speaker", functools.partial(_field, "speaker"))
    text = Column("text", "text", functools.partial(_field, "text"), long=True)
    quotes = "citations" if language == "fr" else "quotes"
    return Sheet(quotes, [*link, speaker, text]), Sheet("notes", [*link, text])


def _text(value: Cell, scrub: Callable[[str], str]) -> Cell:
    return clean(scrub(value)) if isinstance(value, str) else value


# -- CSV ---------------------------------------------------------------------------

#: Excel cuts a cell longer than this when it opens a file.
EXCEL_CELL_LIMIT = 32_767
#: What a text cell must not start with in a spreadsheet (a formula); see the docstring.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


@dataclass(frozen=True)
class CsvKind:
    """How a CSV file is written: for programs (the default) or for a French Excel."""

    delimiter: str = ","
    decimal: str = "."
    encoding: str = "utf-8"
    labels: bool = False


PLAIN = CsvKind()
EXCEL = CsvKind(delimiter=";", decimal=",", encoding="utf-8-sig", labels=True)


def protect(value: Cell, kind: CsvKind) -> str:
    """A cell as CSV text: numbers the kind's way, text that cannot start a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float) and not value.is_integer():
        return repr(value).replace(".", kind.decimal)
    if isinstance(value, int | float):
        return str(int(value))
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def unprotect(text: str) -> str:
    """A text cell as it was typed: the one apostrophe :func:`protect` added is removed."""
    return text[1:] if text.startswith("'") else text


def write_csv(
    survey: Survey,
    out: str | Path,
    lang: str = "fr",
    pseudonymize: bool = False,
    excel: bool = False,
) -> Written:
    """Write the main table to ``out`` and each other sheet beside it (OUT-name.csv).

    ``excel`` writes the kind a French Excel opens right (see the module's
    docstring). A cell Excel would cut is written whole, and reported.
    """
    out = Path(out)
    kind = EXCEL if excel else PLAIN
    names = Pseudonyms.of_survey(survey, pseudonymize, lang)
    sheets = build_sheets(survey, lang, names)
    targets = [out] + [
        out.with_name(f"{out.stem}-{s.name}{out.suffix or '.csv'}") for s in sheets[1:]
    ]
    warnings: list[str] = []
    with export_files(targets, names.refuse_leaks) as temporaries:
        for sheet, temporary in zip(sheets, temporaries, strict=True):
            with temporary.open("w", encoding=kind.encoding, newline="") as handle:
                writer = csv.writer(handle, delimiter=kind.delimiter)
                writer.writerow([c.label if kind.labels else c.key for c in sheet.columns])
                writer.writerows([protect(v, kind) for v in values] for values in sheet.rows)
            warnings += long_cells(sheet, 2, "Excel cuts it there (the CSV file holds it whole)")
    return Written(targets, warnings)


def long_cells(sheet: Sheet, first_row: int, consequence: str) -> list[str]:
    """A warning for each cell longer than Excel holds, saying what becomes of it."""
    return [
        f"sheet {sheet.name!r}, row {number}, column {column.key!r}: {len(value):,} "
        f"characters, more than the {EXCEL_CELL_LIMIT:,} of an Excel cell; {consequence}"
        for number, values in enumerate(sheet.rows, start=first_row)
        for column, value in zip(sheet.columns, values, strict=True)
        if isinstance(value, str) and len(value) > EXCEL_CELL_LIMIT
    ]
