"""Each editor speaks the core's stored form and behaves as a French user expects."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from fieldkit.guide.loader import load_guide
from fieldkit.guide.model import Question
from tests.ui.keyboard import type_text
from ui.interview.editors import ChoiceEditor, DateEditor, LongTextEditor, NumberEditor, ScaleEditor
from ui.qt import QApplication, QLineEdit, Qt, QVBoxLayout, QWidget

GUIDE = load_guide()


def question(question_id: str) -> Question:
    found = GUIDE.question(question_id)
    assert found is not None
    return found


def test_a_decimal_takes_the_french_comma(qtbot: QtBot, french: None) -> None:
    editor = NumberEditor(decimal=True)
    qtbot.addWidget(editor)
    type_text(editor.box.lineEdit(), "2,5")
    assert editor.value() == 2.5
    editor.set_value(12.75)
    assert editor.box.lineEdit().text() == "12,75"
    editor.box.lineEdit().clear()
    assert editor.value() is None


def test_a_whole_number_can_be_left_empty(qtbot: QtBot) -> None:
    editor = NumberEditor(decimal=False)
    qtbot.addWidget(editor)
    assert editor.value() is None
    type_text(editor.box.lineEdit(), "2012")
    assert editor.value() == 2012
    editor.set_value(None)
    assert editor.box.lineEdit().text() == "" and editor.value() is None


def test_a_scale_is_chosen_with_a_digit_and_taken_back(qtbot: QtBot) -> None:
    editor = ScaleEditor(question("marge_manoeuvre_echelle"), "fr")
    qtbot.addWidget(editor)
    edits: list[object] = []
    editor.edited.connect(lambda: edits.append(editor.value()))
    qtbot.keyClick(editor.buttons[1], Qt.Key.Key_4)
    assert editor.value() == 4
    qtbot.mouseClick(editor.buttons[4], Qt.MouseButton.LeftButton)
    assert editor.value() is None
    assert edits == [4, None]


def test_a_single_choice_can_be_taken_back(qtbot: QtBot) -> None:
    editor = ChoiceEditor(question("origine_projet"), "fr")
    qtbot.addWidget(editor)
    button = editor.buttons["mobilisation_citoyenne"]
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert editor.value() == "mobilisation_citoyenne"
    qtbot.keyClick(editor.buttons["mixte"], Qt.Key.Key_Space)
    assert editor.value() == "mixte" and not button.isChecked()
    qtbot.keyClick(editor.buttons["mixte"], Qt.Key.Key_Space)
    assert editor.value() is None


def test_a_single_choice_is_one_tab_stop_walked_with_the_arrows(qtbot: QtBot) -> None:
    """Tab stops on the chosen button (else the first); arrows move without choosing."""
    before, after = QLineEdit(), QLineEdit()
    editor = ChoiceEditor(question("origine_projet"), "fr")
    form = QWidget()
    layout = QVBoxLayout(form)
    for widget in (before, editor, after):
        layout.addWidget(widget)
    qtbot.addWidget(form)
    with qtbot.waitActive(form):
        form.show()
        form.activateWindow()
    buttons = list(editor.buttons.values())

    def tab_from(widget: QWidget) -> QWidget | None:
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        return QApplication.focusWidget()

    assert tab_from(before) is buttons[0]
    assert tab_from(buttons[0]) is after, "one stop for the whole question"
    buttons[0].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(buttons[0], Qt.Key.Key_Down)
    qtbot.keyClick(buttons[1], Qt.Key.Key_Down)
    assert QApplication.focusWidget() is buttons[2] and editor.value() is None
    qtbot.keyClick(buttons[2], Qt.Key.Key_Space)
    assert editor.value() == list(editor.buttons)[2]
    assert tab_from(before) is buttons[2], "Tab comes back to the choice"
    editor.set_value(list(editor.buttons)[3])  # another interview, another answer
    assert tab_from(before) is buttons[3]


def test_a_date_reads_as_words_and_may_be_empty(qtbot: QtBot, french: None) -> None:
    editor = DateEditor()
    qtbot.addWidget(editor)
    assert editor.value() is None
    editor.set_value("2026-11-14")
    assert editor.box.text() == "14 novembre 2026"
    assert editor.value() == "2026-11-14"


def test_long_text_grows_instead_of_scrolling(qtbot: QtBot) -> None:
    editor = LongTextEditor()
    qtbot.addWidget(editor)
    editor.resize(400, 100)
    editor.show()
    before = editor.text.sizeHint().height()
    editor.set_value("Une phrase de plus dans la réponse. " * 60)
    qtbot.waitUntil(lambda: editor.text.sizeHint().height() > before * 3)
    assert not editor.text.verticalScrollBar().isVisible()
    assert editor.value() == ("Une phrase de plus dans la réponse. " * 60)
