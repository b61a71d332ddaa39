"""A whole interview, run the way a facilitator runs it: keys, clicks, and nothing lost.

Skip logic shows and hides questions as answers change, a constraint is
explained next to its field, the required-answers check leads to what is
missing, a quote and a photo are captured, an earlier version is restored,
and a new window on the same file finds every word.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fieldkit.survey import Survey
from tests.ui.conftest import open_visit
from tests.ui.keyboard import type_text
from ui.app import build_window
from ui.interview.editors import ChoiceEditor, LongTextEditor, NumberEditor, TextEditor
from ui.interview.history_dialog import HistoryDialog
from ui.interview.missing_dialog import MissingAnswersDialog
from ui.interview.quote_dialog import QuoteDialog
from ui.interview.view import InterviewView
from ui.qt import QDialog, QFileDialog, QImage, QKeySequence, Qt, QWidget
from ui.settings import Settings
from ui.shell.main_window import MainWindow

DESCRIPTION = "Un garage où l’on répare soi-même, avec l’aide d’un mécanicien : « on apprend »."
SAVE_TIMEOUT = 20_000


def view_of(window: MainWindow) -> InterviewView:
    assert window.interview is not None
    return window.interview


def saved(window: MainWindow, qtbot: QtBot) -> None:
    """Wait until every edit is in the file (the status bar says so)."""
    assert window.session is not None
    session = window.session
    qtbot.waitUntil(lambda: not session.saver.busy, timeout=SAVE_TIMEOUT)
    assert "Enregistré à" in window.state_label.text()


def editor(window: MainWindow, question: str) -> QWidget:
    page = view_of(window).page
    assert page is not None
    widget = page.widgets[question].editor
    assert widget is not None
    return widget


def shown(window: MainWindow, question: str) -> bool:
    page = view_of(window).page
    assert page is not None
    return not page.widgets[question].isHidden()


def press(qtbot: QtBot, window: MainWindow, keys: str) -> None:
    """Press a shortcut where the keyboard focus is, as a person does."""
    sequence = QKeySequence(keys)
    combination = sequence[0]
    target = window.focusWidget() or window
    qtbot.keyClick(target, combination.key(), combination.keyboardModifiers())


def open_first_interview(window: MainWindow, qtbot: QtBot, path: Path) -> None:
    assert window.open_path(path)
    overview = window.overview
    assert overview is not None
    child = overview.proxy.index(0, 0, overview.proxy.index(0, 0))
    overview.view.setCurrentIndex(child)
    qtbot.keyClick(overview.view, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.interview


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    path = tmp_path / "atelier.png"
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(0x1D7A8C)
    assert image.save(str(path))
    return path


def test_a_whole_interview_by_keyboard_and_mouse(
    window: MainWindow,
    qtbot: QtBot,
    fresh_interview: tuple[Path, str],
    photo: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer_dialog: Callable[..., None],
) -> None:
    path, interview = fresh_interview
    open_first_interview(window, qtbot, path)
    view = view_of(window)
    assert view.page is not None and view.page.section is not None
    assert view.page.section.id == "identite"

    # The name typed when the initiative was created is there, bound to the initiative.
    name = editor(window, "initiative_nom")
    assert isinstance(name, TextEditor) and name.line.text() == "Garage solidaire du Val"

    # "Autre" shows the question that asks which kind; another choice hides it again.
    kind = editor(window, "type_initiative")
    assert isinstance(kind, ChoiceEditor)
    assert not shown(window, "type_initiative_autre")
    qtbot.mouseClick(kind.buttons["autre"], Qt.MouseButton.LeftButton)
    assert shown(window, "type_initiative_autre")
    other = editor(window, "type_initiative_autre")
    assert isinstance(other, TextEditor)
    type_text(other.line, "atelier vélo")
    qtbot.mouseClick(kind.buttons["garage_solidaire"], Qt.MouseButton.LeftButton)
    assert not shown(window, "type_initiative_autre")
    assert not kind.buttons["autre"].isChecked()

    # A year out of range is explained next to the field, in the guide's words.
    year = editor(window, "annee_creation")
    assert isinstance(year, NumberEditor)
    year.box.setFocus()
    type_text(year.box, "1850")
    page = view.page
    qtbot.waitUntil(lambda: page.widgets["annee_creation"].error_text != "", timeout=SAVE_TIMEOUT)
    assert page.widgets["annee_creation"].error_text == (
        "Indiquez une année sur quatre chiffres, entre 1900 et 2030."
    )
    year.box.lineEdit().selectAll()
    type_text(year.box, "2012")
    qtbot.waitUntil(lambda: page.widgets["annee_creation"].error_text == "", timeout=SAVE_TIMEOUT)

    # Long text, typed; Ctrl+Entrée goes on to the next question.
    description = editor(window, "description_initiative")
    assert isinstance(description, LongTextEditor)
    description.text.setFocus()
    type_text(description.text, DESCRIPTION)
    press(qtbot, window, "Ctrl+Return")
    assert view.current_question() == "visite_date"

    # People met: a row added with the mouse, filled with the keyboard.
    people = page.repeats["personnes_rencontrees"]
    qtbot.mouseClick(people.add_button, Qt.MouseButton.LeftButton)
    row = people.row_ids()[0]
    cell = people.cell(row, "personne_nom")
    assert isinstance(cell, TextEditor) and cell.line.hasFocus()
    type_text(cell.line, "Agnès Roy")
    role = people.cell(row, "personne_role")
    assert isinstance(role, TextEditor)
    type_text(role.line, "coordinatrice")
    saved(window, qtbot)
    assert "Agnès Roy, coordinatrice" in view.side.people.text()

    # Required answers still missing: the list leads to one of them.
    chosen: list[list[str]] = []

    def choose_origin(dialog: QDialog) -> None:
        assert isinstance(dialog, MissingAnswersDialog)
        missing = [
            dialog.list.item(i).data(Qt.ItemDataRole.UserRole + 1).id
            for i in range(dialog.list.count())
        ]
        chosen.append(missing)
        dialog.choose("origine_projet")

    answer_dialog(MissingAnswersDialog, choose_origin)
    press(qtbot, window, "Ctrl+Shift+T")
    qtbot.waitUntil(lambda: bool(chosen), timeout=SAVE_TIMEOUT)
    assert "origine_projet" in chosen[0] and "description_initiative" not in chosen[0]
    assert view.page is not None and view.page.section is not None
    assert view.page.section.id == "besoins"
    assert view.current_question() == "origine_projet"
    assert view.status == "draft"

    # Sections by keyboard.
    press(qtbot, window, "Ctrl+PgDown")
    assert view.page.section.id == "innovation"
    press(qtbot, window, "Ctrl+PgUp")
    assert view.page.section.id == "besoins"
    press(qtbot, window, "Ctrl+PgDown")

    # A quote in two keystrokes, taken from the answer being typed.
    definition = editor(window, "definition_innovation")
    assert isinstance(definition, LongTextEditor)
    definition.text.setFocus()
    type_text(definition.text, "On a appris à se parler avant de parler d’argent.")

    def quote(dialog: QDialog) -> None:
        assert isinstance(dialog, QuoteDialog)
        assert dialog.attach_to_question()
        dialog.speaker.setEditText("Agnès Roy")

    definition.text.selectAll()
    answer_dialog(QuoteDialog, quote)
    press(qtbot, window, "Ctrl+K")
    qtbot.waitUntil(lambda: view.side.quotes.count() == 1, timeout=SAVE_TIMEOUT)
    assert "Agnès Roy" in view.side.quotes.item(0).text()
    assert definition.text.hasFocus()

    # A photo attached with the file dialog (Ctrl+Maj+A), shown as a thumbnail.
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args, **kwargs: ([str(photo)], ""))
    press(qtbot, window, "Ctrl+Shift+A")
    qtbot.waitUntil(lambda: view.side.attachments.count() == 1, timeout=SAVE_TIMEOUT)
    qtbot.waitUntil(lambda: bool(view.captures._thumbnails), timeout=SAVE_TIMEOUT)
    assert view.side.attachments.item(0).text() == "atelier.png"

    saved(window, qtbot)
    window.close()

    # A second session changes the description; the history brings the first one back.
    second = build_window(Settings())
    qtbot.addWidget(second)
    second.show()
    open_first_interview(second, qtbot, path)
    again = editor(second, "description_initiative")
    assert isinstance(again, LongTextEditor)
    assert again.text.toPlainText() == DESCRIPTION
    again.text.setFocus()
    qtbot.keyClick(again.text, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(again.text, "Texte remplacé par erreur.")
    saved(second, qtbot)

    def restore_first(dialog: QDialog) -> None:
        assert isinstance(dialog, HistoryDialog)
        assert dialog.model.rowCount() == 2
        dialog.select(1)
        assert dialog.chosen() is not None and not dialog.chosen().current

    answer_dialog(HistoryDialog, restore_first)
    press(qtbot, second, "Ctrl+H")
    qtbot.waitUntil(lambda: again.text.toPlainText() == DESCRIPTION, timeout=SAVE_TIMEOUT)
    second.close()

    # Everything as typed, in the file.
    with Survey.open(path, readonly=True) as survey:
        answers = survey.answers(interview)
        assert answers["type_initiative"] == "garage_solidaire"
        assert answers["type_initiative_autre"] == "atelier vélo"
        assert answers["annee_creation"] == 2012
        assert answers["description_initiative"] == DESCRIPTION
        assert answers["definition_innovation"] == (
            "On a appris à se parler avant de parler d’argent."
        )
        assert answers["personnes_rencontrees"] == [
            {"personne_nom": "Agnès Roy", "personne_role": "coordinatrice"}
        ]
        history = survey.answer_history(interview, "description_initiative")
        assert [r.value for r in history] == [
            DESCRIPTION,
            "Texte remplacé par erreur.",
            DESCRIPTION,
        ]
        [quote_item] = survey.items("quote", interview)
        assert quote_item["text"] == "On a appris à se parler avant de parler d’argent."
        assert quote_item["speaker"] == "Agnès Roy"
        assert quote_item["question"] == "definition_innovation"
        [attachment] = survey.items("attachment", interview)
        assert survey.attachment_data(str(attachment["id"])) == photo.read_bytes()


def test_each_section_ends_with_the_way_on(
    window: MainWindow,
    fresh_interview: tuple[Path, str],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The next section by its name; after the last one, finishing the interview."""
    path, interview = fresh_interview
    view = open_visit(window, path, interview)
    view.show_section(0)
    page = view.page
    assert page is not None and page.way_on is not None
    second = view.sections.section(1)
    assert second is not None
    assert page.way_on.text() == f"Section suivante : {second.title.get('fr')} ›"
    qtbot.mouseClick(page.way_on, Qt.MouseButton.LeftButton)
    assert view.sections.current == 1
    assert view.current_question() is not None, "the cursor is in the new section"
    finished: list[bool] = []
    monkeypatch.setattr(view, "mark_complete", lambda: finished.append(True))
    view.show_section(view.sections.rowCount() - 1)
    last = view.page
    assert last is not None and last.way_on is not None
    assert last.way_on.text() == "Marquer l’entretien comme terminé"
    qtbot.mouseClick(last.way_on, Qt.MouseButton.LeftButton)
    assert finished == [True]


def test_the_line_being_typed_stays_in_sight_as_the_answer_grows(
    window: MainWindow, fresh_interview: tuple[Path, str], qtbot: QtBot
) -> None:
    path, interview = fresh_interview
    window.resize(1366, 728)
    view = open_visit(window, path, interview)
    view.go_to_question("definition_innovation")
    page = view.page
    assert page is not None
    editor = page.editors["definition_innovation"]
    assert isinstance(editor, LongTextEditor)
    box = editor.text
    box.setFocus()

    def caret_in_sight() -> bool:
        caret = box.cursorRect()
        bottom = box.viewport().mapTo(page.viewport(), caret.bottomLeft()).y()
        return 0 <= bottom <= page.viewport().height()

    type_text(box, "D’abord, une phrase.\n")
    qtbot.waitUntil(caret_in_sight)
    # Notes pasted at once: the box grows by many lines after the caret has moved.
    box.insertPlainText("".join(f"Ligne {n} des notes prises sur place.\n" for n in range(30)))
    qtbot.waitUntil(caret_in_sight)
