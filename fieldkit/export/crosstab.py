"""Closed questions across initiatives: a cross-table of choices by initiative, with totals.

For a choice question (or a scale), each row is a choice, each column an
initiative, a tick where one of its visits made that choice; the last column
counts the initiatives that made it, and the last row counts the initiatives
that answered at all — an initiative that said nothing is a column too, since
for comparison a silence counts. Numbers get a table of their own, one row
per initiative, with their unit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu

from fieldkit.export import docx_helpers as xml
from fieldkit.export.answers import answer_words, without_unit
from fieldkit.export.condensed import Condensed
from fieldkit.export.content import Dossier
from fieldkit.export.narrative import write_runs
from fieldkit.export.typography import number
from fieldkit.export.wording import word
from fieldkit.export.writer import DocumentWriter
from fieldkit.guide import Question, Text
from fieldkit.survey.markup import Run

#: Questions a cross-table counts.
CLOSED_TYPES = frozenset({"select_one", "select_multiple", "scale"})
NUMBER_TYPES = frozenset({"integer", "decimal"})
TICK = "✓"

#: The header's rotated names: a line's height and a character's width at the
#: table's type size (cm), how much longer wrapping at words makes a text,
#: and the tallest header allowed.
LINE_CM = 0.37
CHARACTER_CM = 0.17
WRAP_SLACK = 1.3
MAX_HEADER_CM = 6.5
#: A cross-table of up to this many rows is kept on one page.
SHORT_TABLE = 8
#: Up to this many initiatives stand side by side as columns; more, as rows.
MAX_COLUMNS = 8


def chosen(dossier: Dossier, question: Question) -> set[str]:
    """Every value any visit of the initiative gave (every version of a conflict too)."""
    found: set[str] = set()
    for visit in dossier.visits:
        for version in visit.versions(question):
            value = version.value
            values = value if isinstance(value, list) else [value]
            found |= {_key(v) for v in values if v not in (None, "")}
    return found


def _key(value: object) -> str:
    """A value as a cross-table row knows it: scale numbers as whole numbers."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def rows_of(question: Question, language: str) -> list[tuple[str, str]]:
    """(value, label) of each row: the choices, or each point of a scale."""
    if question.type == "scale":
        low, high = question.minimum or 0, question.maximum or 0
        return [
            (str(v), _scale_point(question, v, low, high, language)) for v in range(low, high + 1)
        ]
    return [(c.value, c.label.get(language)) for c in question.choices]


def _scale_point(question: Question, value: int, low: int, high: int, language: str) -> str:
    ends: dict[int, Text | None] = {low: question.minimum_label, high: question.maximum_label}
    meaning = ends.get(value)
    text = number(value, language)
    return (
        f"{text} ({meaning.get(language)})"
        if meaning is not None and meaning.get(language)
        else text
    )


def crosstab(
    question: Question, dossiers: Sequence[Dossier], language: str
) -> tuple[list[str], list[list[str]]]:
    """A closed question's cross-table: a row per choice, a column per initiative.

    The last column counts the initiatives that made each choice; the last
    row, the initiatives that answered.
    """
    said = [chosen(d, question) for d in dossiers]
    header = [
        word("answer", language),
        *(d.initiative.name for d in dossiers),
        word("total", language),
    ]
    rows = []
    for value, label in rows_of(question, language):
        ticks = [TICK if value in values else "" for values in said]
        rows.append([label, *ticks, str(sum(1 for t in ticks if t))])
    answering = [TICK if values else "—" for values in said]
    rows.append([word("answering", language), *answering, str(sum(1 for v in said if v))])
    return header, rows


def transposed(
    header: list[str], rows: list[list[str]], language: str
) -> tuple[list[str], list[list[str]]]:
    """The same cross-table with a row per initiative: for more initiatives than fit across.

    The choices (and "Initiatives ayant répondu") become the columns, the
    totals the last row.
    """
    choices = [row[0] for row in rows]
    names = header[1:-1]
    flipped = [[name, *(row[index + 1] for row in rows)] for index, name in enumerate(names)]
    totals = [word("total", language), *(row[-1] for row in rows)]
    return [word("initiative", language), *choices], [*flipped, totals]


def write_closed(
    writer: DocumentWriter, condensed: Condensed, question: Question, dossiers: Sequence[Dossier]
) -> None:
    """A closed question: its label, its cross-table, then what "Autre" stood for."""
    language = writer.language
    _caption(writer, question.label.get(language))
    header, rows = crosstab(question, dossiers, language)
    if len(dossiers) > MAX_COLUMNS:
        header, rows = transposed(header, rows, language)
    upright = len(header) - (1 if len(dossiers) <= MAX_COLUMNS else 0)
    shares = (3.2, *[1.0] * (upright - 1), 0.8)[: len(header)]
    writer.table(header, rows, widths=shares, first_column=True)
    table = writer.document.tables[-1]
    section = writer.document.sections[-1]
    text_width = section.page_width - section.left_margin - section.right_margin
    _upright_names(table, upright - 1, text_width / sum(shares))
    _on_one_page(table)
    notes = []
    for dossier in dossiers:
        for visit in dossier.visits:
            for text in condensed.specified(question, visit).values():
                notes.append(
                    word("specified", language, text=text, initiative=dossier.initiative.name)
                )
    for note in dict.fromkeys(notes):
        writer.note(note)


def write_numbers(writer: DocumentWriter, question: Question, dossiers: Sequence[Dossier]) -> None:
    """A number question: one row per initiative, its value with its unit (each visit's)."""
    language = writer.language
    _caption(writer, without_unit(question.label.get(language), question, language))
    rows = []
    for dossier in dossiers:
        values = [
            answer_words(question, version.value, language)
            for visit in dossier.visits
            for version in visit.versions(question)
        ]
        rows.append([dossier.initiative.name, "; ".join(dict.fromkeys(values)) or "—"])
    header = [word("initiative", language), word("answer", language)]
    writer.table(header, rows, widths=(3, 2), first_column=True)


def _upright_names(table: Any, columns: int, width: float) -> None:
    """The header's names (initiatives, or choices) written bottom to top, as cross-tables do.

    Narrow columns keep a table of several initiatives on the page. The
    header row is made as tall as the longest name needs once wrapped on the
    lines a column of ``width`` (EMU) holds: LibreOffice does not grow it.
    """
    header = table.rows[0]
    longest = max((len(cell.text) for cell in header.cells[1 : columns + 1]), default=0)
    lines = max(1, int((Emu(int(width)).cm - 0.4) / LINE_CM))
    needed = 0.5 + CHARACTER_CM * longest * WRAP_SLACK / lines
    header.height = Cm(min(MAX_HEADER_CM, max(2.0, needed)))
    header.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    for cell in header.cells[1 : columns + 1]:
        properties = cell._tc.get_or_add_tcPr()
        direction = OxmlElement("w:textDirection")
        direction.set(qn("w:val"), "btLr")
        properties.append(direction)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    for row in table.rows[1:]:
        for cell in row.cells[1:]:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER


def _on_one_page(table: Any) -> None:
    """Keep a short cross-table on one page, a long one's header with its first rows.

    As Word does it: no row split, each row kept with the next. A table of
    a few choices is read at a glance; its header alone at the foot of a
    page, its rows overleaf, is not.
    """
    rows = table.rows
    kept = len(rows) - 1 if len(rows) <= SHORT_TABLE else 2
    for index, row in enumerate(rows):
        xml.keep_row_together(row)
        if index < kept:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True


def _caption(writer: DocumentWriter, text: str) -> None:
    """A table's title: bold, kept on the page of its table."""
    paragraph = writer.paragraph()
    paragraph.paragraph_format.keep_with_next = True
    write_runs(writer, paragraph, (Run(text, bold=True),))
