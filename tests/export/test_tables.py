"""CSV, XLSX and JSON exports, read back."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from fieldkit.export import tables, write_csv, write_json, write_xlsx
from fieldkit.export.xlsx import EXCEL_CELL_LIMIT
from fieldkit.survey import Survey
from fieldkit.survey.dump import dump_text
from tests.export.helpers import FIRST_NEEDS, Garage, populate


@pytest.fixture
def garage(survey: Survey, tmp_path: Path) -> Garage:
    return populate(survey, tmp_path)


def _csv(path: Path, delimiter: str = ",") -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=delimiter))


def test_csv_has_one_row_per_interview_and_one_column_per_question(
    survey: Survey, garage: Garage, tmp_path: Path
) -> None:
    written = write_csv(survey, tmp_path / "tableau final.csv")
    rows = _csv(written.paths[0])
    keys, data = rows[0], rows[1:]  # one header row: the stable keys
    assert len(data) == 2
    assert keys[:3] == ["initiative", "date", "interview_id"]
    first = dict(zip(keys, data[0], strict=True))
    assert first["interview_id"] == garage.first
    assert first["besoins_non_couverts"] == FIRST_NEEDS
    assert first["besoins_domaines"] == "Emploi et insertion; Mobilité"
    assert first["besoins_domaines/mobilite"] == "1"
    assert first["besoins_domaines/logement"] == "0"
    assert first["annee_creation"] == "2015"
    assert first["effectif_salarie"] == "4.5"
    labels = _csv(write_csv(survey, tmp_path / "excel.csv", excel=True).paths[0], ";")[0]
    assert labels[0] == "Initiative"
    assert "Domaines de ces besoins : Mobilité" in labels


def test_repeat_groups_quotes_and_notes_go_beside_linked_by_interview(
    survey: Survey, garage: Garage, tmp_path: Path
) -> None:
    written = write_csv(survey, tmp_path / "t.csv")
    names = [p.name for p in written.paths]
    assert names == ["t.csv", "t-personnes_rencontrees.csv", "t-citations.csv", "t-notes.csv"]
    people = _csv(written.paths[1])
    keys = people[0]
    rows = [dict(zip(keys, r, strict=True)) for r in people[1:]]
    assert {r["interview_id"] for r in rows} == {garage.first, garage.second}
    assert rows[0]["personne_nom"] == "Sandrine Mercadier"
    assert "Julie Perraud" not in written.paths[1].read_text(encoding="utf-8-sig")


def test_xlsx_is_laid_out_for_reading(survey: Survey, garage: Garage, tmp_path: Path) -> None:
    survey.set_answer(garage.second, "origine_details", "=SUM(A1:A9) is what they typed")
    written = write_xlsx(survey, tmp_path / "classeur é.xlsx")
    assert written.warnings == []
    book = openpyxl.load_workbook(written.paths[0])
    assert book.sheetnames == ["reponses", "personnes_rencontrees", "citations", "notes"]
    sheet = book["reponses"]
    assert sheet.freeze_panes == "C3"
    keys = [c.value for c in sheet[2]]
    column = keys.index("besoins_non_couverts") + 1
    cell = sheet.cell(row=3, column=column)
    assert cell.value == FIRST_NEEDS and cell.alignment.wrap_text
    letter = cell.column_letter
    assert sheet.column_dimensions[letter].width >= 40
    typed = sheet.cell(row=4, column=keys.index("origine_details") + 1)
    assert typed.data_type == "s" and typed.value.startswith("=SUM")
    assert sheet.cell(row=1, column=1).font.bold


def test_xlsx_cuts_what_excel_cannot_hold_and_says_so(
    survey: Survey, garage: Garage, tmp_path: Path, run: Any, survey_path: Path
) -> None:
    survey.set_answer(garage.first, "effets_constates", "x" * 40_000)
    written = write_xlsx(survey, tmp_path / "c.xlsx")
    assert len(written.warnings) == 1
    assert "effets_constates" in written.warnings[0] and "32,767" in written.warnings[0]
    sheet = openpyxl.load_workbook(written.paths[0])["reponses"]
    keys = [c.value for c in sheet[2]]
    assert (
        len(sheet.cell(row=3, column=keys.index("effets_constates") + 1).value) == EXCEL_CELL_LIMIT
    )
    survey.close()
    result = run("export", "xlsx", survey_path, "-o", tmp_path / "d.xlsx")
    assert result.exit_code == 0
    assert "warning: sheet 'reponses', row 3, column 'effets_constates'" in result.output


def test_json_export_is_the_dump_without_the_names_it_must_not_hold(
    survey: Survey, garage: Garage, tmp_path: Path
) -> None:
    path = write_json(survey, tmp_path / "vidage é.json")
    text = path.read_text(encoding="utf-8")
    assert json.loads(text)["format"] == "fieldkit-dump/1"
    dump = dump_text(survey)
    assert "Julie Perraud" in dump and "Julie" not in text  # she refused to be named
    assert text == dump.replace("Julie Perraud", "Personne B").replace("Julie", "Personne B")


class _Interrupted:
    """A CSV writer that writes the header, then fails: an export cut short."""

    def __init__(self, handle: Any, **options: Any) -> None:
        self.handle = handle

    def writerow(self, row: list[str]) -> None:
        self.handle.write(",".join(row) + "\n")

    def writerows(self, rows: object) -> None:
        raise RuntimeError("interrupted")


def test_a_failed_csv_export_leaves_no_file(
    survey: Survey, garage: Garage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "sortie"
    folder.mkdir()
    monkeypatch.setattr(tables.csv, "writer", _Interrupted)
    with pytest.raises(RuntimeError, match="interrupted"):
        write_csv(survey, folder / "t.csv")
    assert list(folder.iterdir()) == []


def test_tables_from_the_command_line(
    run: Any, survey_path: Path, survey: Survey, garage: Garage, tmp_path: Path
) -> None:
    survey.close()
    out = tmp_path / "mon tableau.csv"
    result = run("export", "csv", survey_path, "-o", out, "--pseudonymize")
    assert result.exit_code == 0, result.output
    assert result.output.count("wrote ") == 4
    assert "Sandrine" not in (tmp_path / "mon tableau-personnes_rencontrees.csv").read_text(
        "utf-8-sig"
    )
    result = run("export", "json", survey_path, "-o", tmp_path / "d.json")
    assert result.exit_code == 0
