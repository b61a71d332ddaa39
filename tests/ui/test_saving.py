"""No Save button: every edit reaches the file, whatever the person does next."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fieldkit.exchange.merge import merge_files
from fieldkit.survey import Survey, interview_completion, progress
from tests.ui.conftest import refuse_writes
from tests.ui.keyboard import type_text
from ui.app import build_window
from ui.interview.editors import LongTextEditor, TextEditor
from ui.qt import QDropEvent, QMimeData, QPoint, QProgressDialog, QPushButton, Qt, QUrl
from ui.session.operations import Cancelled, Progress, SurveyExecutor, run_operation
from ui.settings import Settings
from ui.shell.main_window import MainWindow

NOTE = "Ambiance chaleureuse ; on nous a offert le café « maison »."


def open_interview(window: MainWindow, path: Path, interview: str) -> LongTextEditor:
    assert window.open_path(path)
    window.open_interview(interview)
    assert window.interview is not None
    window.interview.go_to_question("note_libre")
    page = window.interview.page
    assert page is not None
    editor = page.editors["note_libre"]
    assert isinstance(editor, LongTextEditor)
    return editor


def answer(path: Path, interview: str, question: str) -> object:
    with Survey.open(path, readonly=True) as survey:
        return survey.answers(interview).get(question)


def test_closing_right_after_typing_loses_nothing(
    window: MainWindow, fresh_interview: tuple[Path, str]
) -> None:
    path, interview = fresh_interview
    editor = open_interview(window, path, interview)
    editor.text.setFocus()
    type_text(editor.text, NOTE)
    window.close()
    assert answer(path, interview, "note_libre") == NOTE


def test_a_closed_survey_opens_next_time_on_its_remembered_progress(
    window: MainWindow, fresh_interview: tuple[Path, str]
) -> None:
    """The overview of a survey closed in the window needs no guide to count anything."""
    path, interview = fresh_interview
    editor = open_interview(window, path, interview)
    type_text(editor.text, NOTE)
    window.close()
    with Survey.open(path, readonly=True) as survey:
        remembered = progress.remembered(survey.log, survey.log.entities("interview"))
        assert remembered is not None
        counted = interview_completion(survey.guide_for(interview), survey.answers(interview))
    assert remembered[interview][:2] == counted


def test_a_survey_that_cannot_keep_its_progress_closes_quietly_and_loses_nothing(
    window: MainWindow,
    fresh_interview: tuple[Path, str],
    monkeypatch: pytest.MonkeyPatch,
    shown_errors: list[tuple[str, str]],
) -> None:
    path, interview = fresh_interview
    refuse_writes(monkeypatch, "remember_progress")
    editor = open_interview(window, path, interview)
    type_text(editor.text, NOTE)
    window.close()

    assert shown_errors == []
    assert answer(path, interview, "note_libre") == NOTE


def test_switching_interviews_right_after_typing_loses_nothing(
    window: MainWindow, fresh_interview: tuple[Path, str]
) -> None:
    path, interview = fresh_interview
    with Survey.open(path) as survey:
        other = survey.add_interview(survey.initiatives()[0].id, "2026-11-20")
    editor = open_interview(window, path, interview)
    type_text(editor.text, NOTE)
    window.open_interview(other)
    assert editor.value() is None  # the same editor now shows the other visit
    assert answer(path, interview, "note_libre") == NOTE
    window.open_interview(interview)
    assert editor.value() == NOTE


def test_a_focus_change_saves_at_once(
    window: MainWindow, qtbot: QtBot, fresh_interview: tuple[Path, str]
) -> None:
    path, interview = fresh_interview
    assert window.open_path(path)
    window.open_interview(interview)
    assert window.interview is not None and window.interview.page is not None
    # Before anything is typed, the bar says where things stand too.
    assert window.state_label.text().endswith("Tout est enregistré")
    place = window.interview.page.editors["visite_lieu"]
    assert isinstance(place, TextEditor)
    place.line.setFocus()
    qtbot.waitUntil(place.line.hasFocus)
    type_text(place.line, " centre")
    assert window.session is not None and window.session.saver.busy
    assert window.state_label.text().endswith("Enregistrement…")
    window.interview.page.editors["annee_creation"].setFocus()
    # Handed to the writer at once, without waiting for a pause in typing.
    assert not window.session.saver.waiting
    window.session.executor.wait()
    assert answer(path, interview, "visite_lieu") == "Dijon centre"
    qtbot.waitUntil(lambda: "Enregistré à" in window.state_label.text())


def test_continuous_typing_is_saved_without_a_pause(
    window: MainWindow, qtbot: QtBot, fresh_interview: tuple[Path, str]
) -> None:
    path, interview = fresh_interview
    editor = open_interview(window, path, interview)
    assert window.session is not None
    saver = window.session.saver
    # However slow this machine, no pause could be long enough: only the
    # longest-wait rule (MAX_DELAY_MS) can save while the person types on.
    saver.quiet_timer.setInterval(600_000)
    typed = ""

    def handed_over_or_type_on() -> bool:
        nonlocal typed
        if typed and not saver.waiting:
            return True
        type_text(editor.text, "a")
        typed += "a"
        return False

    qtbot.waitUntil(handed_over_or_type_on, timeout=60_000)
    window.session.executor.wait()
    saved = answer(path, interview, "note_libre")
    assert isinstance(saved, str) and saved and typed.startswith(saved)


def test_the_conflict_count_is_always_visible(
    window: MainWindow, tmp_path: Path, fresh_interview: tuple[Path, str]
) -> None:
    path, interview = fresh_interview
    copy = tmp_path / "portable de Yanis.fieldkit"
    shutil.copy(path, copy)
    with Survey.open(path) as survey:
        survey.set_answer(interview, "note_libre", "Version de Camille")
    with Survey.open(copy) as survey:
        survey.log.device = type(survey.log.device)(id="yanis", author="Yanis")
        survey.set_answer(interview, "note_libre", "Version de Yanis")
    merge_files(path, [copy])
    assert window.open_path(path)
    assert window.conflict_label.text() == "⚠ 1 conflit"


def test_a_file_dropped_on_a_question_is_attached_to_it(
    window: MainWindow, qtbot: QtBot, fresh_interview: tuple[Path, str], tmp_path: Path
) -> None:
    path, interview = fresh_interview
    document = tmp_path / "statuts de l’association.pdf"
    document.write_bytes(b"%PDF-1.4 statuts")
    open_interview(window, path, interview)
    view = window.interview
    assert view is not None and view.page is not None
    target = view.page.widgets["note_libre"]
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(document))])
    position = target.mapTo(view, QPoint(10, 10)).toPointF()
    drop = QDropEvent(
        position,
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    view.dropEvent(drop)
    qtbot.waitUntil(lambda: view.side.attachments.count() == 1, timeout=20_000)
    with Survey.open(path, readonly=True) as survey:
        [attachment] = survey.items("attachment", interview)
        assert attachment["question"] == "note_libre"
        assert attachment["filename"] == document.name


def test_long_work_reports_progress_and_can_be_cancelled(
    window: MainWindow, qtbot: QtBot, fresh_interview: tuple[Path, str]
) -> None:
    path, interview = fresh_interview
    assert window.open_path(path)
    assert window.session is not None
    finished: list[object] = []

    def long_work(survey: Survey, progress: Progress) -> str:
        # Works on until the person cancels, however long the machine takes
        # to show the dialog (bounded, so a broken cancel fails instead of hanging).
        with survey.log.transaction():
            for step in range(100_000):
                progress.report(step % 200, 200, "Fusion en cours…")
                progress.check()
                survey.set_answer(interview, "note_libre", f"étape {step}")
                time.sleep(0.005)
        return "fini"

    progress = run_operation(
        window, window.session.executor, "Fusion…", long_work, finished.append, "Échec"
    )
    qtbot.waitUntil(lambda: window.findChild(QProgressDialog) is not None, timeout=20_000)
    dialog = window.findChild(QProgressDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.value() > 0, timeout=20_000)
    assert dialog.labelText() == "Fusion en cours…"
    assert dialog.windowTitle() == "Fusion"
    cancel = dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Annuler"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert progress.cancelled
    window.session.executor.wait()
    assert finished == []
    assert answer(path, interview, "note_libre") is None  # all or nothing
    with pytest.raises(Cancelled):
        progress.check()


def test_a_new_window_opens_where_the_last_one_was(qtbot: QtBot, demo_path: Path) -> None:
    first = build_window(Settings())
    qtbot.addWidget(first)
    first.show()
    assert first.open_path(demo_path)
    first.close()
    second = build_window(Settings())
    qtbot.addWidget(second)
    second.show()
    assert second.start.recent.count() == 1


def test_background_work_that_fails_unheard_still_leaves_its_trace(
    qapp: object, survey_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """Work submitted without an error callback of its own never fails into nothing."""
    executor = SurveyExecutor(lambda: Survey.open(survey_path))
    try:
        executor.submit(lambda survey: survey.set_status("entretien-inconnu", "draft"))
        executor.wait()
    finally:
        executor.close()
    error_output = capfd.readouterr().err
    assert "Traceback" in error_output
    assert "entretien-inconnu" in error_output
