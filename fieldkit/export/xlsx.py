"""The tables as an Excel workbook: frozen headers, sensible widths, wrapped prose.

Excel refuses cells longer than 32,767 characters. Such a cell is cut in the
workbook only, and the cut is reported (the whole text stays in the JSON dump
and the Word documents) rather than failing the export or hiding it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from fieldkit.export.output import export_file
from fieldkit.export.pseudonym import Pseudonyms
from fieldkit.export.tables import EXCEL_CELL_LIMIT, Cell, Sheet, Written, build_sheets, long_cells
from fieldkit.survey import Survey

__all__ = ["EXCEL_CELL_LIMIT", "write_xlsx"]

CUT_MARK = " […]"
_CUT = (
    f"cut to {EXCEL_CELL_LIMIT:,} in the XLSX file (the whole text is in the JSON dump "
    "and the Word documents)"
)

_LABEL_FONT = Font(bold=True, color="1F3A5F")
_KEY_FONT = Font(italic=True, color="808080", size=9)
_HEADER_FILL = PatternFill("solid", fgColor="E8EEF3")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")

#: Column widths, in characters: prose gets a wide column, the rest fits its content.
WIDEST, NARROWEST, PROSE = 45, 8, 60


def write_xlsx(
    survey: Survey, out: str | Path, lang: str = "fr", pseudonymize: bool = False
) -> Written:
    """Write every sheet into one workbook at ``out``; return the cut-cell warnings."""
    out = Path(out)
    warnings: list[str] = []
    workbook = Workbook()
    workbook.remove(workbook.active)
    names = Pseudonyms.of_survey(survey, pseudonymize, lang)
    for sheet in build_sheets(survey, lang, names):
        _write_sheet(workbook.create_sheet(_sheet_title(sheet.name)), sheet)
        warnings += long_cells(sheet, 3, _CUT)
    workbook.properties.creator = "fieldkit"
    workbook.properties.lastModifiedBy = "fieldkit"
    with export_file(out, names.refuse_leaks) as temporary:
        workbook.save(str(temporary))
    return Written([out], warnings)


def _sheet_title(name: str) -> str:
    """Excel's sheet names: 31 characters, none of []:*?/\\."""
    return "".join("_" if ch in "[]:*?/\\" else ch for ch in name)[:31]


def _write_sheet(worksheet: Any, sheet: Sheet) -> None:
    worksheet.append([c.label for c in sheet.columns])
    worksheet.append([c.key for c in sheet.columns])
    for cell in worksheet[1]:
        cell.font, cell.fill, cell.alignment = _LABEL_FONT, _HEADER_FILL, _WRAP
    for cell in worksheet[2]:
        cell.font, cell.fill = _KEY_FONT, _HEADER_FILL
    for number, values in enumerate(sheet.rows, start=3):
        for index, value in enumerate(values, start=1):
            _put(worksheet, number, index, value, sheet)
    worksheet.freeze_panes = "C3"
    _widths(worksheet, sheet)


def _put(worksheet: Any, row: int, column: int, value: Cell, sheet: Sheet) -> None:
    spec = sheet.columns[column - 1]
    if isinstance(value, str) and len(value) > EXCEL_CELL_LIMIT:
        value = value[: EXCEL_CELL_LIMIT - len(CUT_MARK)] + CUT_MARK
    cell = worksheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # an answer that starts with "=" is text, not a formula
    cell.alignment = _WRAP if spec.long else _TOP


def _widths(worksheet: Any, sheet: Sheet) -> None:
    for index, spec in enumerate(sheet.columns, start=1):
        if spec.long:
            width = PROSE
        else:
            longest = max(
                (len(str(r[index - 1])) for r in sheet.rows[:200] if r[index - 1] is not None),
                default=0,
            )
            width = max(NARROWEST, min(WIDEST, max(longest, len(spec.label) // 2) + 2))
        worksheet.column_dimensions[get_column_letter(index)].width = width
