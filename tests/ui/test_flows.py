"""The flows around an interview: new survey, new interview, search, trash, settings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fieldkit.survey import Survey
from fieldkit.survey.device import current_device
from tests.ui.keyboard import type_text
from ui.app import build_window
from ui.interview.editors import CompactChoiceEditor, TextEditor
from ui.interview.start_dialog import InterviewDialog
from ui.qt import QAction, QDialog, QKeySequence, Qt, QToolButton
from ui.settings import Settings
from ui.shell.main_window import MainWindow
from ui.shell.new_survey_dialog import NewSurveyDialog
from ui.shell.settings_dialog import SettingsDialog
from ui.widgets.shortcuts_dialog import ShortcutsDialog

SAVE_TIMEOUT = 20_000


def press(qtbot: QtBot, window: MainWindow, keys: str) -> None:
    combination = QKeySequence(keys)[0]
    target = window.focusWidget() or window
    qtbot.keyClick(target, combination.key(), combination.keyboardModifiers())


def test_a_new_survey_with_the_builtin_guide(
    window: MainWindow, tmp_path: Path, answer_dialog: Callable[..., None]
) -> None:
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, NewSurveyDialog)
        assert not dialog.ok.isEnabled()
        type_text(dialog.name, "visites d’automne")
        dialog.folder.setText(str(tmp_path))
        assert dialog.ok.isEnabled()

    answer_dialog(NewSurveyDialog, fill)
    window.new_survey()
    path = tmp_path / "visites d’automne.fieldkit"
    assert path.exists()
    assert window.session is not None and window.session.path == path
    assert window.overview is not None and window.overview.model.counts() == (0, 0)


def test_a_guide_that_cannot_be_used_is_explained(
    window: MainWindow,
    tmp_path: Path,
    answer_dialog: Callable[..., None],
    shown_errors: list[tuple[str, str]],
) -> None:
    guide = tmp_path / "guide.yaml"
    guide.write_text("format: fieldkit-guide/1\nid: vide\n", encoding="utf-8")

    shown: list[tuple[str, str]] = []

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, NewSurveyDialog)
        shown.append((dialog.name.text(), dialog.guide_path.text()))
        if len(shown) == 1:
            dialog.name.setText("essai")
            dialog.folder.setText(str(tmp_path))
            dialog.guide_path.setText(str(guide))
            dialog.from_file.setChecked(True)

    # Created, refused, then the dialog comes back as it was typed; the person cancels.
    answer_dialog(NewSurveyDialog, fill, result=[1, 0])
    window.new_survey()
    assert shown == [("", ""), ("essai", str(guide))]
    assert [headline for headline, _detail in shown_errors] == ["Impossible de créer l’enquête"]
    assert str(guide) in shown_errors[0][1]
    assert not (tmp_path / "essai.fieldkit").exists()
    assert window.session is None


def test_a_new_interview_for_a_new_initiative_without_the_mouse(
    window: MainWindow, qtbot: QtBot, survey_path: Path, answer_dialog: Callable[..., None]
) -> None:
    assert window.open_path(survey_path)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, InterviewDialog)
        assert dialog.interviewers.text() == ""  # no name chosen yet: never the login name
        assert dialog.new_box.isVisibleTo(dialog)
        type_text(dialog.new_fields.name, "Ressourcerie du Pays de Bray")
        type_text(dialog.new_fields.territory, "Pays de Bray")
        dialog.new_fields.kind.setCurrentIndex(dialog.new_fields.kind.findData("tiers_lieu"))
        type_text(dialog.place, "La Halle aux grains")
        dialog.interviewers.setText("Camille Roussel, Yanis Benali")
        assert dialog.people is not None
        qtbot.keyClick(dialog.people.add_button, Qt.Key.Key_Space)
        row = dialog.people.row_ids()[0]
        name = dialog.people.cell(row, "personne_nom")
        assert isinstance(name, TextEditor)
        qtbot.waitUntil(name.line.hasFocus)  # the new row takes the keyboard
        type_text(name.line, "Hélène Marchetti")
        consent = dialog.people.cell(row, "personne_consentement")
        assert isinstance(consent, CompactChoiceEditor)
        consent.combo.setCurrentIndex(consent.combo.findData("oui"))

    answer_dialog(InterviewDialog, fill)
    press(qtbot, window, "Ctrl+N")
    qtbot.waitUntil(lambda: window.interview is not None, timeout=SAVE_TIMEOUT)
    view = window.interview
    assert view is not None and view.initiative_label.text() == "Ressourcerie du Pays de Bray"
    assert "Hélène Marchetti" in view.side.people.text()
    with Survey.open(survey_path, readonly=True) as survey:
        [initiative] = survey.initiatives()
        assert (initiative.territory, initiative.kind) == ("Pays de Bray", "tiers_lieu")
        [interview] = survey.interviews()
        assert interview.place == "La Halle aux grains"
        assert interview.interviewers == ("Camille Roussel", "Yanis Benali")
        assert survey.answers(interview.id)["personnes_rencontrees"] == [
            {"personne_nom": "Hélène Marchetti", "personne_consentement": "oui"}
        ]


def test_search_jumps_to_the_answer(window: MainWindow, qtbot: QtBot, demo_path: Path) -> None:
    assert window.open_path(demo_path)
    press(qtbot, window, "Ctrl+F")
    assert window.search_box.hasFocus()
    type_text(window.search_box, "couveuse")
    qtbot.waitUntil(lambda: window.search_box.results.rowCount() > 0, timeout=SAVE_TIMEOUT)
    model = window.search_box.results
    rows = [model.index(r, 0) for r in range(model.rowCount())]
    answer = next(i for i in rows if i.data(Qt.ItemDataRole.UserRole + 1).entity == "answer")
    hit = answer.data(Qt.ItemDataRole.UserRole + 1)
    window.search_box.chosen.emit(hit)
    assert window.interview is not None and window.interview.interview_id == hit.interview
    assert window.interview.current_question() == hit.field
    editor = window.focusWidget()
    assert editor is not None and "couveuse" in editor.textCursor().selectedText().lower()


def test_trash_and_restore_an_interview(window: MainWindow, qtbot: QtBot, demo_path: Path) -> None:
    assert window.open_path(demo_path)
    overview = window.overview
    assert overview is not None
    qtbot.mouseClick(overview.trash_button, Qt.MouseButton.LeftButton)
    assert overview.summary.text() == "La corbeille est vide."
    qtbot.mouseClick(overview.trash_button, Qt.MouseButton.LeftButton)
    interview = overview.proxy.index(0, 0, overview.proxy.index(0, 0))
    interview_id = interview.data(Qt.ItemDataRole.UserRole + 2)
    below = overview.view.indexBelow(interview).data(Qt.ItemDataRole.UserRole + 2)
    overview.view.setCurrentIndex(interview)
    overview.view.setFocus()
    qtbot.keyClick(overview.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: overview.model.counts() == (5, 8), timeout=SAVE_TIMEOUT)
    # The row below takes the selection: Delete again would go on down the list.
    qtbot.waitUntil(lambda: overview.selected_id() == below, timeout=SAVE_TIMEOUT)
    qtbot.mouseClick(overview.trash_button, Qt.MouseButton.LeftButton)
    assert overview.model.counts() == (1, 1)
    overview.select(interview_id)
    qtbot.keyClick(overview.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: overview.model.counts() == (0, 0), timeout=SAVE_TIMEOUT)
    qtbot.mouseClick(overview.trash_button, Qt.MouseButton.LeftButton)
    assert overview.model.counts() == (5, 9)


def test_an_initiative_is_renamed_in_place(
    window: MainWindow, qtbot: QtBot, demo_path: Path
) -> None:
    assert window.open_path(demo_path)
    overview = window.overview
    assert overview is not None
    first = overview.proxy.index(0, 0)
    initiative = first.data(Qt.ItemDataRole.UserRole + 2)
    assert first.data() == "Devenir paysan"  # the words shown, formatted once and kept
    assert overview.proxy.setData(first, "Devenir paysan·ne")
    assert overview.model.index_of(initiative).data() == "Devenir paysan·ne"  # at once
    assert window.session is not None
    window.session.executor.wait()
    with Survey.open(demo_path, readonly=True) as survey:
        assert survey.initiative(initiative).name == "Devenir paysan·ne"


def test_settings_sign_changes_with_the_new_name(
    window: MainWindow, demo_path: Path, tmp_path: Path, answer_dialog: Callable[..., None]
) -> None:
    assert window.open_path(demo_path)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, SettingsDialog)
        dialog.author.setText("Camille Roussel")
        dialog.folder.setText(str(tmp_path))

    answer_dialog(SettingsDialog, fill)
    window.open_settings()
    assert current_device().author == "Camille Roussel"
    assert Settings().default_folder == tmp_path
    assert window.session is not None
    interview = window.session.reader.interviews()[0].id
    window.session.executor.submit(lambda s: s.set_answer(interview, "note_libre", "signé"))
    window.session.executor.wait()
    with Survey.open(demo_path, readonly=True) as survey:
        assert survey.answer_history(interview, "note_libre")[-1].author == "Camille Roussel"


def test_the_window_remembers_its_size(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(700, 500)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == (700, 500))
    window.close()
    again = build_window(Settings())
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (700, 500)


def test_f1_lists_every_shortcut_and_tooltips_teach_them(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    listed: list[list[tuple[str, str]]] = []

    def collect(dialog: ShortcutsDialog) -> int:
        table = dialog.table
        listed.append(
            [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]
        )
        return 0

    monkeypatch.setattr(ShortcutsDialog, "exec", collect)
    press(qtbot, window, "F1")
    shortcuts = dict(listed[0])
    for action, keys in {
        "Citation…": "Ctrl+K",
        "Rechercher…": "Ctrl+F",
        "Section suivante": "Ctrl+Page suivante",  # said in whole words, not Qt’s « Page suiv »
        "Joindre un fichier…": "Ctrl+Maj+A",
    }.items():
        assert shortcuts[action].startswith(keys)
    assert window.actions["quote"].toolTip() == "Citation (Ctrl+K)"
    # The same words as the quote dialog's: Return and keypad Enter are one « Entrée ».
    assert shortcuts["Question suivante"] == "Ctrl+Entrée"


def test_no_two_commands_share_a_shortcut(window: MainWindow) -> None:
    """Qt runs neither of two actions with the same keys ("ambiguous shortcut")."""
    holders: dict[str, list[str]] = {}
    for action in window.findChildren(QAction):
        for keys in action.shortcuts():
            holders.setdefault(keys.toString(), []).append(action.text())
    assert {keys: names for keys, names in holders.items() if len(names) > 1} == {}


def test_other_windows_plug_their_commands_in(window: MainWindow, demo_path: Path) -> None:
    merged: list[bool] = []
    merge = QAction("Fusionner…", window)
    merge.triggered.connect(lambda: merged.append(True))
    window.add_survey_action(merge)
    assert merge in window.survey_menu.actions()
    assert not merge.isEnabled()
    assert window.open_path(demo_path)
    assert merge.isEnabled()
    assert window.overview is not None
    buttons = window.overview.findChildren(QToolButton)
    assert any(b.defaultAction() is merge for b in buttons)
    merge.trigger()
    assert merged == [True]


def test_refresh_shows_what_changed_elsewhere(window: MainWindow, demo_path: Path) -> None:
    assert window.open_path(demo_path)
    assert window.session is not None
    interview = window.session.reader.interviews()[0].id
    window.open_interview(interview)
    with Survey.open(demo_path) as elsewhere:
        elsewhere.set_answer(interview, "note_libre", "Écrit sur un autre portable.")
    window.refresh()
    assert window.interview is not None
    assert window.interview.values["note_libre"] == "Écrit sur un autre portable."


def test_an_interview_opens_with_the_keyboard_on_its_first_question(
    window: MainWindow, qtbot: QtBot, demo_path: Path
) -> None:
    assert window.open_path(demo_path)
    overview = window.overview
    assert overview is not None
    visit = overview.proxy.index(0, 0, overview.proxy.index(0, 0))
    overview.view.setCurrentIndex(visit)
    overview.view.setFocus()
    qtbot.keyClick(overview.view, Qt.Key.Key_Return)
    view = window.current_interview()
    assert view is not None and view.page is not None
    first = view.page.visible_questions()[0]
    assert view.current_question() == first
