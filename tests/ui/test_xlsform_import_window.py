"""*Importer un guide XLSForm…*: the remarks come first, then the survey is made and opens."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from fieldkit.survey import Survey
from ui.qt import QFileDialog
from ui.shell.guide_import import GuideWarningsDialog
from ui.shell.main_window import MainWindow
from ui.shell.new_survey_dialog import NewSurveyDialog

KOBO_FORM = Path(__file__).resolve().parent.parent / "data" / "visite-kobo.xlsx"


def _small_form(path: Path) -> Path:
    """A two-question form with one thing fieldkit can only approximate (a geopoint)."""
    book = Workbook()
    survey = book.active
    survey.title = "survey"
    for row in (
        ["type", "name", "label"],
        ["begin_group", "lieu", "Le lieu"],
        ["text", "nom_lieu", "Nom du lieu"],
        ["geopoint", "position", "Où est-il ?"],
        ["end_group", "", ""],
    ):
        survey.append(row)
    settings = book.create_sheet("settings")
    settings.append(["form_title", "form_id"])
    settings.append(["Repérage des lieux", "reperage"])
    book.save(path)
    return path


@pytest.fixture
def choose_file(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path | None], None]:
    def arrange(path: Path | None) -> None:
        answer = (str(path) if path else "", "")
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a: answer))

    return arrange


def _name_it(folder: Path, name: str) -> Callable[[NewSurveyDialog], None]:
    def fill(dialog: NewSurveyDialog) -> None:
        assert dialog.from_file.isChecked()
        dialog.name.setText(name)
        dialog.folder.setText(str(folder))

    return fill


def test_the_kobo_form_shows_its_remarks_then_becomes_a_survey_that_opens(
    window: MainWindow,
    tmp_path: Path,
    answer_dialog: Callable[..., None],
    choose_file: Callable[[Path | None], None],
) -> None:
    choose_file(KOBO_FORM)
    named: list[str] = []

    def fill(dialog: NewSurveyDialog) -> None:
        named.append(dialog.name.text())
        assert dialog.guide_path.text() == str(KOBO_FORM)
        _name_it(tmp_path, "visites kobo")(dialog)

    answer_dialog(NewSurveyDialog, fill)
    seen: list[list[str]] = []

    def read_remarks(dialog: GuideWarningsDialog) -> None:
        # Nothing is written while the person reads the remarks.
        assert not (tmp_path / "visites kobo.fieldkit").exists()
        seen.append(dialog.remarks)
        assert "geopoint" in dialog.warnings.toPlainText()
        assert dialog.create_button.text() == "Créer l’enquête"

    answer_dialog(GuideWarningsDialog, read_remarks)
    assert "Importer un guide XLSForm…" in [
        a.text().replace("&", "") for a in window.menuBar().actions()[0].menu().actions()
    ]
    window.actions["import_xlsform"].trigger()
    assert named == ["visite-kobo"]  # the form's name, offered as the survey's
    assert len(seen) == 1 and any("geopoint" in remark for remark in seen[0])
    path = tmp_path / "visites kobo.fieldkit"
    assert window.session is not None and window.session.path == path
    assert window.overview is not None
    assert window.overview.title.text() == "Visite d’une initiative locale"
    with Survey.open(path, readonly=True) as survey:
        assert any(q.id == "position" for q in survey.guide.all_questions())
        assert survey.guide.title.get("fr") == "Visite d’une initiative locale"


def test_cancelling_at_the_remarks_creates_nothing(
    window: MainWindow,
    tmp_path: Path,
    answer_dialog: Callable[..., None],
    choose_file: Callable[[Path | None], None],
) -> None:
    form = _small_form(tmp_path / "repérage.xlsx")
    choose_file(form)
    answer_dialog(NewSurveyDialog, _name_it(tmp_path, "repérage"))
    remarks: list[str] = []

    def read_then_cancel(dialog: GuideWarningsDialog) -> None:
        remarks.extend(dialog.remarks)

    answer_dialog(GuideWarningsDialog, read_then_cancel, result=0)
    window.import_xlsform()
    assert remarks and "geopoint" in remarks[0] and "row 4" in remarks[0]
    assert not (tmp_path / "repérage.fieldkit").exists()
    assert window.session is None


def test_the_new_survey_dialog_takes_an_xlsform_too(
    window: MainWindow, tmp_path: Path, answer_dialog: Callable[..., None]
) -> None:
    form = _small_form(tmp_path / "repérage.xlsx")

    def fill(dialog: NewSurveyDialog) -> None:
        dialog.name.setText("repérage")
        dialog.folder.setText(str(tmp_path))
        dialog.guide_path.setText(str(form))
        dialog.from_file.setChecked(True)

    answer_dialog(NewSurveyDialog, fill)
    answer_dialog(GuideWarningsDialog, lambda dialog: dialog.create_button.click())
    window.start.new_button.click()
    assert window.session is not None
    assert window.session.path == tmp_path / "repérage.fieldkit"
    assert window.session.reader.guide.title.get("fr") == "Repérage des lieux"


def test_a_form_that_cannot_be_converted_is_explained(
    window: MainWindow,
    tmp_path: Path,
    answer_dialog: Callable[..., None],
    choose_file: Callable[[Path | None], None],
    shown_errors: list[tuple[str, str]],
) -> None:
    form = tmp_path / "cassé.xlsx"
    book = Workbook()
    book.active.title = "questions"  # no 'survey' sheet
    book.save(form)
    choose_file(form)
    # Refused, the dialog comes back with its name; the person cancels it.
    answer_dialog(NewSurveyDialog, _name_it(tmp_path, "cassé"), result=[1, 0])
    window.import_xlsform()
    assert [headline for headline, _detail in shown_errors] == ["Impossible de créer l’enquête"]
    assert "survey" in shown_errors[0][1]
    assert not (tmp_path / "cassé.fieldkit").exists()


def test_nothing_happens_when_no_form_is_chosen(
    window: MainWindow, choose_file: Callable[[Path | None], None]
) -> None:
    choose_file(None)
    window.import_xlsform()  # no dialog opens (an unexpected one would fail the test)
    assert window.session is None
