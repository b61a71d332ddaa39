"""Reading an XLSForm workbook into rows of named cells, as XLSForm tools read it.

People write XLSForms by hand in Excel or LibreOffice, or export them from
KoboToolbox, so the same column turns up as ``Relevance``, ``relevant `` or
``bind::relevant``, and the same language as ``label::Français (fr)`` or
``label:French``. This module settles all of that once: every later step sees a
column as a plain key (``relevant``) plus, for texts, a language code
(``fr``), and every cell as stripped text. Each row keeps its spreadsheet
row number and column letters, so that every message can point at a cell.
"""

from __future__ import annotations

import datetime
import difflib
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse as defused_iterparse
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from fieldkit.errors import FieldkitError, GuideError
from fieldkit.files import MEGABYTE, regular_file

SURVEY, CHOICES, SETTINGS = "survey", "choices", "settings"
#: The sheet fieldkit's own export adds (tags and their labels); other tools ignore it.
FIELDKIT = "fieldkit"

#: Columns that hold a text per language (``label::English (en)``).
TRANSLATABLE = frozenset(
    {
        "label",
        "hint",
        "guidance_hint",
        "constraint_message",
        "required_message",
        "image",
        "big-image",
        "audio",
        "video",
    }
)

# Other names XLSForm tools accept for the same column, after lower-casing and
# turning spaces into underscores (so "list name" is already "list_name").
_ALIASES = {
    "relevance": "relevant",
    "calculation": "calculate",
    "readonly": "read_only",
    "caption": "label",
    "value": "name",
    "constraining_message": "constraint_message",
    "jr:constraintmsg": "constraint_message",
    "requiredmsg": "required_message",
    "jr:requiredmsg": "required_message",
    "count": "repeat_count",
    "jr:count": "repeat_count",
}
# Prefixes of pyxform's internal column names ("bind::relevant", "media::image").
_PREFIXES = frozenset({"bind", "control", "media", "body"})

_CODE_IN_PARENTHESES = re.compile(r"\(\s*([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)\s*\)\s*$")
_LANGUAGE_NAMES = {
    "french": "fr",
    "français": "fr",
    "francais": "fr",
    "english": "en",
    "anglais": "en",
    "spanish": "es",
    "español": "es",
    "espagnol": "es",
    "portuguese": "pt",
    "português": "pt",
    "portugais": "pt",
    "german": "de",
    "deutsch": "de",
    "allemand": "de",
    "italian": "it",
    "italiano": "it",
    "italien": "it",
    "arabic": "ar",
    "arabe": "ar",
}


@dataclass(frozen=True)
class Column:
    """A column header, understood: its key, its language if it is a text, its letter."""

    key: str
    language: str | None
    letter: str


@dataclass(frozen=True)
class Row:
    """One row of a sheet: its non-empty cells by (key, language)."""

    sheet: str
    number: int
    cells: Mapping[tuple[str, str | None], str]
    letters: Mapping[str, str] = field(repr=False)

    def get(self, key: str) -> str:
        """The cell of a column that has no language ('' when empty or absent)."""
        return self.cells.get((key, None), "")

    def texts(self, key: str) -> dict[str | None, str]:
        """A translatable column's non-empty texts by language (None: no language given)."""
        return {language: text for (k, language), text in self.cells.items() if k == key}

    def has(self, key: str) -> bool:
        return any(k == key for k, _ in self.cells)

    def where(self, key: str | None = None) -> str:
        """Point at the row, or at one of its cells, as a spreadsheet user would."""
        place = f"{self.sheet} sheet, row {self.number}"
        if key is None:
            return place
        letter = self.letters.get(key)
        return f"{place}, column {letter} ({key})" if letter else f"{place}, column '{key}'"


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]

    def languages(self, keys: Iterable[str] = TRANSLATABLE) -> list[str | None]:
        """Languages of the sheet's text columns, in column order (None: no language)."""
        wanted = set(keys)
        found = [c.language for c in self.columns if c.key in wanted]
        return list(dict.fromkeys(found))


class Report:
    """Problems (which stop the import) and warnings (which do not) about one workbook.

    A form with forty geopoint questions should get one warning naming forty
    rows, not forty warnings, so warnings are grouped by message.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[str] = []
        self._warnings: dict[tuple[str, str], list[int]] = {}

    def error(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def warn(self, message: str, row: Row | None = None) -> None:
        rows = self._warnings.setdefault((row.sheet if row else "", message), [])
        if row is not None and row.number not in rows:
            rows.append(row.number)

    @property
    def warnings(self) -> list[str]:
        found = []
        for (sheet, message), rows in self._warnings.items():
            if not rows:
                found.append(message)
                continue
            label = "row" if len(rows) == 1 else "rows"
            found.append(f"{sheet} sheet, {label} {', '.join(map(str, rows))}: {message}")
        return found

    def stop_if_wrong(self) -> None:
        """Raise every problem found so far, all at once."""
        if self.problems:
            raise GuideError(self.source, self.problems)


def language_code(name: str) -> str:
    """Turn ``Français (fr)``, ``English`` or ``fr`` into a language code."""
    found = _CODE_IN_PARENTHESES.search(name)
    if found:
        return found.group(1).lower().replace("_", "-")
    lowered = name.strip().lower()
    if lowered in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[lowered]
    ascii_name = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_name).strip("_") or "und"


def read_header(header: str, letter: str) -> Column | None:
    """Understand one header cell; None for an empty one.

    ``fieldkit::tags`` and the like are the columns fieldkit's own export
    adds; they are read as ``fieldkit:tags``, with a language where they
    hold a text (``fieldkit::min_label::English (en)``).
    """
    text = " ".join(header.split())
    if not text:
        return None
    if text.lower().startswith("fieldkit::"):
        key, _, named = text[len("fieldkit::") :].partition("::")
        return Column(f"fieldkit:{_key(key)}", language_code(named) if named else None, letter)
    base, language = text, None
    if "::" in text:
        base, language = text.split("::", 1)
        if _key(base) in _PREFIXES:
            base, _, language = language.partition("::")
    elif ":" in text and _key(text.split(":", 1)[0]) in _PREFIXES:
        base = text.split(":", 1)[1]  # the older single-colon "bind:relevant", "media:image"
        if ":" in base and _key(base.split(":", 1)[0]) in TRANSLATABLE:
            base, language = base.split(":", 1)
    elif ":" in text and _key(text.split(":", 1)[0]) in TRANSLATABLE:
        base, language = text.split(":", 1)
    key = _key(base)
    if key not in TRANSLATABLE:
        # Only texts have languages; any other "a::b" is a column of its own.
        return Column(key if not language else _key(text), None, letter)
    code = language_code(language) if language and language.strip() else None
    # pyxform names the language of plain columns "default".
    return Column(key, None if code == "default" else code, letter)


def _key(text: str) -> str:
    key = "_".join(text.strip().lower().split())
    return _ALIASES.get(key, key)


def cell_text(value: object) -> str:
    """A cell's value as the text a person sees in it, without surrounding blanks."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


@dataclass(frozen=True)
class Book:
    """The sheets of a workbook that XLSForm defines, and the titles of all its sheets."""

    sheets: Mapping[str, Sheet]
    titles: tuple[str, ...]


#: A workbook's largest size, packed and with its parts unpacked: a form with
#: every commune of France as choices is a few megabytes.
MAX_WORKBOOK_BYTES = 64 * MEGABYTE
MAX_UNPACKED_BYTES = 256 * MEGABYTE
#: The most rows read from a sheet. Past it, what is left is either empty rows
#: (millions of them pack into a few kilobytes) or no form a person wrote.
MAX_SHEET_ROWS = 100_000
#: What Python's and lxml's XML parsers raise on a damaged part (both are
#: SyntaxErrors), and what openpyxl and defusedxml raise on a refused one.
_UNREADABLE = (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, SyntaxError)


def read_workbook(path: Path, report: Report) -> Book:
    """Read the survey, choices and settings sheets that the workbook has."""
    if path.suffix.lower() == ".xls":
        raise FieldkitError(
            f"{path}: an Excel 97-2003 (.xls) workbook; open it and save it as .xlsx"
        )
    try:
        regular_file(path, "a workbook", MAX_WORKBOOK_BYTES)
        _check_package(path)
        with _quietly():
            book = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise FieldkitError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise FieldkitError(f"{path}: is a folder, not a spreadsheet") from None
    except (*_UNREADABLE, OSError) as error:
        raise _unreadable(path, error) from None
    try:
        titles = list(book.sheetnames)
        sheets = {}
        for wanted in (SURVEY, CHOICES, SETTINGS, FIELDKIT):
            title = _find_sheet(titles, wanted, report)
            if title is not None:
                worksheet = book[title]
                # Some writers record a wrong size; read what is really there.
                worksheet.reset_dimensions()
                with _quietly():
                    rows = worksheet.iter_rows(values_only=True)
                    sheets[wanted] = _read_sheet(wanted, _bounded(rows, path, title), report)
    except _UNREADABLE as error:
        raise _unreadable(path, error) from None
    finally:
        book.close()
    if SURVEY not in sheets:
        report.error("the workbook", missing_sheet(SURVEY, titles))
    return Book(sheets, tuple(titles))


@contextmanager
def _quietly() -> Iterator[None]:
    """Silence openpyxl's warnings about what it skips (Excel's data validation, formatting).

    They would be printed on stderr for a form that is fine: validation and
    formatting help whoever types in the spreadsheet, not the form itself.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        yield


def _unreadable(path: Path, error: BaseException | str) -> FieldkitError:
    """One line naming the workbook, whatever the library's message looks like."""
    lines = str(error).strip().splitlines() or [type(error).__name__]
    return FieldkitError(f"{path}: not a readable .xlsx workbook ({lines[0]})")


def _check_package(path: Path) -> None:
    """Refuse a workbook too large once unpacked, or whose XML declares a DTD.

    A DTD is where XML attacks live (entities that read local files or
    expand a billion times); no spreadsheet program writes one, so a part
    that declares one is refused before openpyxl parses anything. Only the
    start of each part is read, up to its first element.
    """
    with zipfile.ZipFile(path) as package:
        unpacked = sum(item.file_size for item in package.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise FieldkitError(
                f"{path}: too large once unpacked ({unpacked // MEGABYTE} MB; "
                f"the limit is {MAX_UNPACKED_BYTES // MEGABYTE} MB)"
            )
        for item in package.infolist():
            if item.filename.lower().endswith((".xml", ".rels", ".vml")):
                with package.open(item) as part:
                    events = defused_iterparse(part, events=("start",), forbid_dtd=True)
                    try:
                        next(iter(events), None)
                    except DefusedXmlException:
                        raise FieldkitError(
                            f"{path}: refused: its part {item.filename} declares XML entities "
                            "(a DTD), which no spreadsheet needs"
                        ) from None
                    except SyntaxError as error:
                        raise _unreadable(
                            path, f"damaged XML in {item.filename}: {error}"
                        ) from None


def _bounded(
    rows: Iterator[tuple[object, ...]], path: Path, title: str
) -> Iterator[tuple[object, ...]]:
    """The rows of a sheet, up to MAX_SHEET_ROWS; past them, the workbook is refused."""
    for number, row in enumerate(rows, start=1):
        if number > MAX_SHEET_ROWS:
            raise FieldkitError(
                f"{path}: the {title!r} sheet has more than {MAX_SHEET_ROWS} rows; "
                "no form is that long (delete the empty rows below the form)"
            )
        yield row


def missing_sheet(wanted: str, titles: Sequence[str]) -> str:
    """Say that a sheet is missing, and which existing sheet was perhaps meant."""
    shown = ", ".join(repr(t) for t in titles) or "none"
    message = f"there is no '{wanted}' sheet (the sheets are: {shown})"
    lowered = {t.lower(): t for t in titles}
    close = difflib.get_close_matches(wanted, list(lowered), n=1, cutoff=0.6)
    return message + (f"; is {lowered[close[0]]!r} meant to be '{wanted}'?" if close else "")


def _find_sheet(titles: list[str], wanted: str, report: Report) -> str | None:
    if wanted in titles:
        return wanted
    for title in titles:
        if " ".join(title.split()).lower() == wanted:
            report.warn(
                f"the sheet {title!r} is read as the '{wanted}' sheet "
                "(XLSForm sheet names are written in lower case)"
            )
            return title
    return None


def _read_sheet(name: str, values: Iterator[tuple[object, ...]], report: Report) -> Sheet:
    header = next(values, ())
    columns = _columns(name, header, report)
    letters: dict[str, str] = {}
    for column in columns:
        if column is not None:
            letters.setdefault(column.key, column.letter)
    rows = []
    for number, cells in enumerate(values, start=2):
        row = _row(name, number, columns, letters, cells)
        if row.cells:
            rows.append(row)
    return Sheet(name, tuple(c for c in columns if c is not None), tuple(rows))


def _columns(name: str, header: tuple[object, ...], report: Report) -> list[Column | None]:
    columns = []
    seen: dict[tuple[str, str | None], str] = {}
    for index, value in enumerate(header, start=1):
        column = read_header(cell_text(value), get_column_letter(index))
        if column is not None:
            identity = (column.key, column.language)
            if identity in seen:
                report.error(
                    f"{name} sheet, row 1, columns {seen[identity]} and {column.letter}",
                    f"both are the '{_shown(identity)}' column; keep one",
                )
                column = None
            else:
                seen[identity] = column.letter
        columns.append(column)
    return columns


def _shown(identity: tuple[str, str | None]) -> str:
    key, language = identity
    return f"{key}::{language}" if language else key


def _row(
    sheet: str,
    number: int,
    columns: list[Column | None],
    letters: Mapping[str, str],
    values: tuple[object, ...],
) -> Row:
    cells: dict[tuple[str, str | None], str] = {}
    for column, value in zip(columns, values, strict=False):
        text = cell_text(value)
        if column is not None and text:
            cells[(column.key, column.language)] = text
    return Row(sheet, number, cells, letters)
