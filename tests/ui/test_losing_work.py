"""Nothing the person typed is lost or lands elsewhere, whatever happens to the files around.

A person met whose consent is missing keeps the interview a draft, and the
list of missing answers leads to their row; a file sent by the file manager
is offered, never swapped under the typing;
a survey file deleted or moved while open is said plainly and saved to a new
place with everything typed; a damaged file leaves the survey on screen; the
first new survey works on a machine without a Documents folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fieldkit.survey import Survey
from tests.ui.conftest import open_visit, refuse_writes
from tests.ui.keyboard import type_text
from ui.interview.editors import LongTextEditor
from ui.interview.missing_dialog import MissingAnswersDialog
from ui.qt import QApplication, QDialog, QEvent, QFileDialog, Qt, QTextEdit, QToolButton
from ui.settings import Settings
from ui.shell import single_instance
from ui.shell.main_window import MainWindow
from ui.shell.new_survey_dialog import NewSurveyDialog

SAVE_TIMEOUT = 5000
BEFORE = "Les bénévoles tiennent l’atelier le samedi"
AFTER = ", et le mercredi pour les scolaires."


def typing_in_notes(window: MainWindow, qtbot: QtBot, path: Path, interview: str) -> QTextEdit:
    """Open the interview at its free notes, the cursor in them, and type a first sentence."""
    assert window.open_path(path)
    window.open_interview(interview)
    assert window.interview is not None
    window.interview.go_to_question("note_libre")
    page = window.interview.page
    assert page is not None
    editor = page.editors["note_libre"]
    assert isinstance(editor, LongTextEditor)
    qtbot.waitUntil(editor.text.hasFocus)
    type_text(editor.text, BEFORE)
    return editor.text


def saved_note(path: Path, interview: str) -> object:
    with Survey.open(path, readonly=True) as survey:
        return survey.answers(interview).get("note_libre")


def test_a_file_sent_by_the_file_manager_is_offered_not_swapped_under_the_typing(
    window: MainWindow,
    qtbot: QtBot,
    fresh_interview: tuple[Path, str],
    demo_path: Path,
    config_dir: Path,
) -> None:
    path, interview = fresh_interview
    notes = typing_in_notes(window, qtbot, path, interview)
    caret = notes.textCursor().position()
    instance = single_instance.SingleInstance(config_dir)
    assert instance.claim()
    try:
        single_instance.serve_window(instance, window, window.files.request_open)
        # A double-click on another survey in the file manager, mid-sentence.
        instance.open_requested.emit(str(demo_path))
        assert window.session is not None and window.session.path == path
        assert QApplication.focusWidget() is notes
        assert notes.textCursor().position() == caret
        type_text(notes, AFTER)
        assert notes.toPlainText() == BEFORE + AFTER
        offer = window.banners.notice("open_request")
        assert offer is not None and offer.isVisible()
        assert "démo.fieldkit" in offer.label.text()
        assert [b.text() for b in offer.buttons] == [
            "Ouvrir dans une nouvelle fenêtre",
            "Ouvrir ici à la place",
        ]
        offer.buttons[0].click()
        [other] = window.files.others
        try:
            assert other.session is not None and other.session.path == demo_path
            assert window.session.path == path
            assert window.banners.notice("open_request") is None
        finally:
            other.close()
        window.session.flush_and_wait()
        assert saved_note(path, interview) == BEFORE + AFTER
    finally:
        instance.close()


def test_a_file_already_open_is_only_brought_forward(
    window: MainWindow, qtbot: QtBot, fresh_interview: tuple[Path, str]
) -> None:
    path, interview = fresh_interview
    typing_in_notes(window, qtbot, path, interview)
    window.files.request_open(path)
    assert window.banners.notice("open_request") is None
    assert window.current_interview() is not None


def test_with_no_survey_open_a_file_sent_opens_at_once(window: MainWindow, demo_path: Path) -> None:
    window.files.request_open(demo_path)
    assert window.session is not None and window.session.path == demo_path


def test_a_deleted_survey_file_is_said_and_everything_typed_saved_to_a_new_place(
    window: MainWindow,
    qtbot: QtBot,
    fresh_interview: tuple[Path, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, interview = fresh_interview
    notes = typing_in_notes(window, qtbot, path, interview)
    session = window.session
    assert session is not None
    qtbot.waitUntil(lambda: "Enregistré à" in window.state_label.text(), timeout=SAVE_TIMEOUT)
    # Someone tidies the folder while the interview goes on.
    for leftover in path.parent.glob(path.name + "*"):
        leftover.unlink()
    type_text(notes, AFTER)
    qtbot.waitUntil(lambda: session.lost, timeout=SAVE_TIMEOUT)
    status = window.state_label.text()
    assert "Enregistré" not in status
    assert "Fichier introuvable : rien n’est enregistré sur le disque" in status
    lost = window.banners.notice("lost")
    assert lost is not None and lost.isVisible()
    assert [b.text() for b in lost.buttons] == ["Enregistrer l’enquête sous…"]
    assert QApplication.focusWidget() is notes  # said without taking the keyboard

    chosen: list[str] = []

    def save_as(_parent: object, _title: str, suggested: str, *_rest: object) -> tuple[str, str]:
        chosen.append(suggested)
        return str(tmp_path / "sauvée"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    lost.buttons[0].click()
    target = tmp_path / "sauvée.fieldkit"
    qtbot.waitUntil(lambda: window.session is not None and window.session.path == target)
    assert chosen == [str(path)], "the file's own place is offered first, now that it is free"
    assert saved_note(target, interview) == BEFORE + AFTER
    # Back where the person was: same interview, same field, same caret.
    view = window.current_interview()
    assert view is not None and view.interview_id == interview
    focused = QApplication.focusWidget()
    assert isinstance(focused, QTextEdit) and focused.toPlainText() == BEFORE + AFTER
    assert focused.textCursor().position() == len(BEFORE + AFTER)
    assert window.banners.notice("lost") is None
    assert "Enregistré" in window.state_label.text() or window.state_label.text()


def test_a_moved_survey_file_is_noticed_when_the_window_comes_back_to_the_front(
    window: MainWindow, qtbot: QtBot, fresh_interview: tuple[Path, str], tmp_path: Path
) -> None:
    path, interview = fresh_interview
    typing_in_notes(window, qtbot, path, interview)
    assert window.session is not None
    window.session.flush_and_wait()
    (tmp_path / "rangé").mkdir()
    os.replace(path, tmp_path / "rangé" / path.name)
    QApplication.sendEvent(window, QEvent(QEvent.Type.ActivationChange))
    assert window.isActiveWindow()
    assert window.banners.notice("lost") is not None
    assert "Fichier introuvable" in window.state_label.text()


def test_a_damaged_file_leaves_the_survey_being_typed_in(
    window: MainWindow,
    qtbot: QtBot,
    fresh_interview: tuple[Path, str],
    tmp_path: Path,
    shown_errors: list[tuple[str, str]],
) -> None:
    path, interview = fresh_interview
    notes = typing_in_notes(window, qtbot, path, interview)
    foreign = tmp_path / "compte rendu.fieldkit"
    foreign.write_text("Compte rendu de l’atelier, pas une enquête.\n", encoding="utf-8")
    damaged = tmp_path / "reçu.fieldkit"
    Survey.create(damaged).close()
    damaged.write_bytes(damaged.read_bytes()[:3000])
    assert not window.open_path(foreign)
    assert not window.open_path(damaged)
    assert [headline for headline, _ in shown_errors] == ["Impossible d’ouvrir ce fichier"] * 2
    assert window.session is not None and window.session.path == path
    assert window.current_interview() is not None
    type_text(notes, AFTER)
    window.session.flush_and_wait()
    assert saved_note(path, interview) == BEFORE + AFTER


@pytest.fixture
def home_without_documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh account: a home folder, no Documents folder in it."""
    home = tmp_path / "maison"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    return home


def test_the_first_new_survey_works_without_a_documents_folder(
    window: MainWindow, home_without_documents: Path, answer_dialog: Callable[..., None]
) -> None:
    offered: list[str] = []

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, NewSurveyDialog)
        offered.append(dialog.folder.text())
        type_text(dialog.name, "visites-2026")

    answer_dialog(NewSurveyDialog, fill)
    window.new_survey()
    assert offered == [str(home_without_documents)]
    created = home_without_documents / "visites-2026.fieldkit"
    assert window.session is not None and window.session.path == created


def test_a_folder_typed_that_does_not_exist_yet_is_made(
    window: MainWindow, home_without_documents: Path, answer_dialog: Callable[..., None]
) -> None:
    wanted = home_without_documents / "Documents" / "Enquêtes"

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, NewSurveyDialog)
        type_text(dialog.name, "visites-2026")
        dialog.folder.setText(str(wanted))

    answer_dialog(NewSurveyDialog, fill)
    window.new_survey()
    assert window.session is not None
    assert window.session.path == wanted / "visites-2026.fieldkit"


def test_a_survey_that_cannot_be_made_brings_the_dialog_back_as_typed(
    window: MainWindow,
    home_without_documents: Path,
    answer_dialog: Callable[..., None],
    shown_errors: list[tuple[str, str]],
) -> None:
    blocker = home_without_documents / "pas un dossier"
    blocker.write_text("un fichier", encoding="utf-8")
    seen: list[tuple[str, str]] = []

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, NewSurveyDialog)
        seen.append((dialog.name.text(), dialog.folder.text()))
        if len(seen) == 1:
            type_text(dialog.name, "visites-2026")
            dialog.folder.setText(str(blocker))
        else:  # the person corrects only the folder
            dialog.folder.setText(str(home_without_documents))

    answer_dialog(NewSurveyDialog, fill)
    window.new_survey()
    assert seen == [("", str(home_without_documents)), ("visites-2026", str(blocker))]
    assert [headline for headline, _ in shown_errors] == ["Impossible de créer l’enquête"]
    assert window.session is not None
    assert window.session.path == home_without_documents / "visites-2026.fieldkit"


def test_window_settings_stay_in_the_configuration_folder(
    window: MainWindow, demo_path: Path, config_dir: Path, home_without_documents: Path
) -> None:
    assert window.open_path(demo_path)
    window.close()
    written = Settings().path
    assert written == config_dir / "fieldkit.ini"
    assert "démo.fieldkit" in written.read_text(encoding="utf-8")
    assert not (home_without_documents / ".config").exists()


def test_a_person_met_without_consent_is_listed_and_reached_in_their_row(
    window: MainWindow,
    qtbot: QtBot,
    fresh_interview: tuple[Path, str],
    answer_dialog: Callable[..., None],
) -> None:
    path, interview = fresh_interview
    with Survey.open(path) as survey:
        survey.add_row(
            interview,
            "personnes_rencontrees",
            {"personne_nom": "Agnès Roy", "personne_consentement": "oui"},
        )
        bruno = survey.add_row(interview, "personnes_rencontrees", {"personne_nom": "Bruno Petit"})
    view = open_visit(window, path, interview)
    listed: list[str] = []

    def choose_consent(dialog: QDialog) -> None:
        assert isinstance(dialog, MissingAnswersDialog)
        listed.extend(dialog.list.item(i).text() for i in range(dialog.list.count()))
        dialog.choose("personne_consentement", bruno)

    answer_dialog(MissingAnswersDialog, choose_consent)
    window.actions["complete"].trigger()
    qtbot.waitUntil(lambda: bool(listed), timeout=SAVE_TIMEOUT)
    consent = [text for text in listed if text.startswith("Accepte d’être nommé·e")]
    assert consent == [
        "Accepte d’être nommé·e\n"
        "dans\u00a0: Identité de l’initiative et de la visite · Personnes rencontrées, "
        "fiche 2 (Bruno Petit)"
    ]
    page = view.page
    assert page is not None
    cell = page.repeats["personnes_rencontrees"].cell(bruno, "personne_consentement")
    assert cell is not None and cell.isAncestorOf(QApplication.focusWidget())
    assert view.status == "draft"


def test_a_person_met_the_file_could_not_remove_is_said_and_shown_again(
    window: MainWindow,
    qtbot: QtBot,
    fresh_interview: tuple[Path, str],
    monkeypatch: pytest.MonkeyPatch,
    shown_errors: list[tuple[str, str]],
) -> None:
    path, interview = fresh_interview
    with Survey.open(path) as survey:
        agnes = survey.add_row(interview, "personnes_rencontrees", {"personne_nom": "Agnès Roy"})
    view = open_visit(window, path, interview)
    assert view.page is not None
    people = view.page.repeats["personnes_rencontrees"]
    refuse_writes(monkeypatch, "delete")

    remove = next(
        button
        for button in people.findChildren(QToolButton)
        if button.accessibleName() == "Retirer cette fiche"
    )
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: bool(shown_errors), timeout=SAVE_TIMEOUT)
    assert shown_errors[0][0] == "Impossible d’enregistrer cette modification"
    assert people.row_ids() == [agnes]
    assert "Agnès Roy" in view.side.people.text()


def test_back_to_draft_the_file_could_not_take_is_said_and_not_shown(
    window: MainWindow,
    qtbot: QtBot,
    fresh_interview: tuple[Path, str],
    monkeypatch: pytest.MonkeyPatch,
    shown_errors: list[tuple[str, str]],
) -> None:
    path, interview = fresh_interview
    with Survey.open(path) as survey:
        survey.set_status(interview, "complete")
    view = open_visit(window, path, interview)
    assert view.status == "complete"
    refuse_writes(monkeypatch, "set_status")

    window.actions["reopen"].trigger()

    qtbot.waitUntil(lambda: bool(shown_errors), timeout=SAVE_TIMEOUT)
    assert shown_errors[0][0] == "Impossible d’enregistrer cette modification"
    assert view.status == "complete"
    with Survey.open(path, readonly=True) as survey:
        assert survey.interview_fields(interview)["status"] == "complete"


def test_back_to_draft_is_shown_once_written(
    window: MainWindow, qtbot: QtBot, fresh_interview: tuple[Path, str]
) -> None:
    path, interview = fresh_interview
    with Survey.open(path) as survey:
        survey.set_status(interview, "complete")
    view = open_visit(window, path, interview)

    window.actions["reopen"].trigger()

    qtbot.waitUntil(lambda: view.status == "draft", timeout=SAVE_TIMEOUT)
    with Survey.open(path, readonly=True) as survey:
        assert survey.interview_fields(interview)["status"] == "draft"
