"""One editor per question type, all with the same small interface.

An editor shows a value, emits ``edited`` when the person changes it (never
when the program sets it), and gives back the value in the core's stored
form: text, a choice value or a list of them, an int, a float, an ISO date,
or ``None`` for no answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from fieldkit.guide import Question
from ui.qt import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDate,
    QDateEdit,
    QDoubleSpinBox,
    QEvent,
    QFocusEvent,
    QHBoxLayout,
    QKeyEvent,
    QLabel,
    QLineEdit,
    QObject,
    QPushButton,
    QRadioButton,
    QResizeEvent,
    QSize,
    QSizePolicy,
    QSpinBox,
    Qt,
    QTextBlockFormat,
    QTextCursor,
    QTextEdit,
    QValidator,
    QVBoxLayout,
    QWheelEvent,
    QWidget,
    Signal,
)
from ui.style import ACCENT, LONG_TEXT_LINE_HEIGHT, make_quiet

# Stands for "no answer" in number boxes (a QSpinBox always holds a number).
EMPTY_INT = -(2**31) + 1
EMPTY_DECIMAL = -1e15
# The earliest date a date box holds; it stands for "no date yet".
EMPTY_DATE = QDate(1752, 9, 14)

_NUMBER = re.compile(r"^-?\d*([.,]\d*)?$")


class AnswerEditor(QWidget):
    """The common interface of every editor."""

    edited = Signal()

    def value(self) -> object:
        raise NotImplementedError

    def set_value(self, value: object) -> None:
        raise NotImplementedError

    def focus_editor(self) -> None:
        """Put the keyboard focus in the editor (its first field)."""
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _hand_focus_to(self, inner: QWidget) -> None:
        """The keyboard goes to ``inner``; Tab order moves the editor as one piece.

        Qt moves a widget in the Tab order together with what it holds only if
        the widget itself takes the focus. An editor that did not would stay
        where it was made when its field was moved (a row of people met, added
        after the page), and Tab, reaching it there, would jump back into the
        field: a loop the keyboard cannot leave.
        """
        self.setFocusProxy(inner)
        self.setFocusPolicy(inner.focusPolicy())

    def _one_stop(self, buttons: list[QAbstractButton]) -> OneTabStop:
        return OneTabStop(self, buttons, self._hand_focus_to)

    def set_read_only(self, read_only: bool) -> None:
        """Show the value without taking changes (a survey file nobody may write)."""
        self.setEnabled(not read_only)

    def _layout(self, horizontal: bool = False) -> QHBoxLayout | QVBoxLayout:
        layout = QHBoxLayout(self) if horizontal else QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        return layout


class FirstWordsLine(QLineEdit):
    """A line that shows a value it is given from its first word, even when narrow
    (a person's organisation in the people met), and takes typing at its end.

    Qt leaves the caret, hence the view, at the end of a text set by code; here
    it goes to the start, and back to the end when the field gets the keyboard
    by any way but a click (a click puts it where the person clicked).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shown_from_start = False
        self.textEdited.connect(self._typed)

    def show_value(self, text: str) -> None:
        self.setText(text)
        self.setCursorPosition(0)
        self._shown_from_start = True

    def _typed(self, _text: str) -> None:
        self._shown_from_start = False

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        clicked = event.reason() == Qt.FocusReason.MouseFocusReason
        at_start = self.cursorPosition() == 0 and not self.hasSelectedText()
        if self._shown_from_start and at_start and not clicked:
            self.end(False)
        self._shown_from_start = False


class TextEditor(AnswerEditor):
    """One line of text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = FirstWordsLine(self)
        self._layout().addWidget(self.line)
        self._hand_focus_to(self.line)
        self.line.textEdited.connect(lambda _text: self.edited.emit())

    def value(self) -> object:
        return self.line.text() or None

    def set_value(self, value: object) -> None:
        self.line.show_value(value if isinstance(value, str) else "")

    def set_read_only(self, read_only: bool) -> None:
        self.line.setReadOnly(read_only)


class GrowingTextEdit(QTextEdit):
    """Plain text that grows with its content: no inner scroll bar, ever."""

    MIN_LINES = 3

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().setDocumentMargin(6)
        layout = self.document().documentLayout()
        layout.documentSizeChanged.connect(lambda _size: self.updateGeometry())
        self._spacious_lines()

    def _spacious_lines(self) -> None:
        """Give every paragraph the generous line height of long notes."""
        block = QTextBlockFormat()
        block.setLineHeight(LONG_TEXT_LINE_HEIGHT, 1)  # 1: proportional height
        cursor = QTextCursor(self.document())
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.mergeBlockFormat(block)

    def set_text(self, text: str) -> None:
        self.setPlainText(text)
        self._spacious_lines()
        self.moveCursor(QTextCursor.MoveOperation.End)

    def _height_for_content(self) -> int:
        margins = self.contentsMargins()
        lines = self.fontMetrics().lineSpacing() * LONG_TEXT_LINE_HEIGHT // 100
        minimum = lines * self.MIN_LINES + 2 * int(self.document().documentMargin())
        content = max(int(self.document().size().height() + 0.5), minimum)
        return content + margins.top() + margins.bottom()

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height_for_content())

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self._height_for_content())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.updateGeometry()

    def wheelEvent(self, event: QWheelEvent) -> None:
        # The page scrolls, not this box (it shows all its text anyway).
        event.ignore()


class LongTextEditor(AnswerEditor):
    """Paragraphs of notes: the editor where most of an interview is typed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = GrowingTextEdit(self)
        self._layout().addWidget(self.text)
        self._hand_focus_to(self.text)
        self._setting = False
        self.text.textChanged.connect(self._changed)

    def _changed(self) -> None:
        if not self._setting:
            self.edited.emit()

    def value(self) -> object:
        return self.text.toPlainText() or None

    def set_value(self, value: object) -> None:
        self._setting = True
        try:
            self.text.set_text(value if isinstance(value, str) else "")
        finally:
            self._setting = False

    def set_read_only(self, read_only: bool) -> None:
        # Still selectable and copyable: only typing is refused.
        self.text.setReadOnly(read_only)


class OneTabStop(QObject):
    """Buttons the keyboard reads as one field: Tab stops once, arrows move, Space chooses.

    Eight radio buttons as eight Tab stops make a facilitator press Tab eight
    times to pass one question. Tab stops on the chosen button, else the
    first; arrows move between buttons without choosing (a choice is saved);
    the button last reached is where Tab comes back to.
    """

    BACK = frozenset({Qt.Key.Key_Up, Qt.Key.Key_Left})
    FORWARD = frozenset({Qt.Key.Key_Down, Qt.Key.Key_Right})

    def __init__(
        self,
        editor: QWidget,
        buttons: list[QAbstractButton],
        take_focus: Callable[[QWidget], None],
    ) -> None:
        super().__init__(editor)
        self.buttons = buttons
        self._take_focus = take_focus
        for button in buttons:
            button.installEventFilter(self)
        self.reset()

    def reset(self) -> None:
        """Stop on the chosen button, else the first (after a value is shown)."""
        if self.buttons:
            self._stop_at(next((b for b in self.buttons if b.isChecked()), self.buttons[0]))

    def _stop_at(self, stop: QAbstractButton) -> None:
        for button in self.buttons:
            tab = button is stop
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus if tab else Qt.FocusPolicy.ClickFocus)
        self._take_focus(stop)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched not in self.buttons:
            return False
        if event.type() == QEvent.Type.FocusIn:
            self._stop_at(watched)  # type: ignore[arg-type]
        elif event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = Qt.Key(event.key())
            step = -1 if key in self.BACK else 1 if key in self.FORWARD else 0
            if step:
                index = self.buttons.index(watched) + step  # type: ignore[arg-type]
                self.buttons[min(max(index, 0), len(self.buttons) - 1)].setFocus(
                    Qt.FocusReason.TabFocusReason
                )
                return True
        return False


class ChoiceEditor(AnswerEditor):
    """Radio buttons (one choice) or check boxes (several), in the guide's order.

    A chosen radio button is un-chosen by choosing it again, so an answer can
    always be taken back.
    """

    def __init__(self, question: Question, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.multiple = question.type == "select_multiple"
        layout = self._layout()
        layout.setSpacing(5)
        self.buttons: dict[str, QAbstractButton] = {}
        for choice in question.choices:
            text = choice.label.get(language)
            button: QAbstractButton = QCheckBox(text, self) if self.multiple else QRadioButton(text)
            if isinstance(button, QRadioButton):
                button.setAutoExclusive(False)
            button.clicked.connect(lambda _checked, value=choice.value: self._clicked(value))
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            self.buttons[choice.value] = button
        # Radio buttons are one field to the keyboard; check boxes each a Tab stop.
        self.keys = None if self.multiple else self._one_stop(list(self.buttons.values()))
        if self.multiple and self.buttons:
            self._hand_focus_to(next(iter(self.buttons.values())))

    def _clicked(self, value: str) -> None:
        if not self.multiple and self.buttons[value].isChecked():
            for other, button in self.buttons.items():
                if other != value:
                    button.setChecked(False)
        self.edited.emit()

    def value(self) -> object:
        chosen = [v for v, b in self.buttons.items() if b.isChecked()]
        if self.multiple:
            return chosen or None
        return chosen[0] if chosen else None

    def set_value(self, value: object) -> None:
        chosen = set(value) if isinstance(value, list) else {value}
        for choice, button in self.buttons.items():
            button.setChecked(choice in chosen)
        if self.keys is not None:
            self.keys.reset()


class CompactChoiceEditor(AnswerEditor):
    """A drop-down list, for one choice inside a row of a repeat group."""

    def __init__(self, question: Question, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox(self)
        self.combo.addItem("", None)
        for choice in question.choices:
            self.combo.addItem(choice.label.get(language), choice.value)
        self._layout().addWidget(self.combo)
        self._hand_focus_to(self.combo)
        self.combo.activated.connect(lambda _index: self.edited.emit())

    def value(self) -> object:
        data = self.combo.currentData()
        return data if isinstance(data, str) else None

    def set_value(self, value: object) -> None:
        index = self.combo.findData(value) if isinstance(value, str) else 0
        self.combo.setCurrentIndex(max(index, 0))


class OptionalSpinBox(QSpinBox):
    """A whole-number box that may also be empty (no answer yet)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(EMPTY_INT, 2**31 - 1)
        self.setValue(EMPTY_INT)
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)

    def textFromValue(self, value: int) -> str:
        return "" if value == EMPTY_INT else str(value)

    def valueFromText(self, text: str) -> int:
        stripped = text.strip()
        if not stripped or stripped == "-":
            return EMPTY_INT
        return int(stripped)

    def validate(self, text: str, position: int) -> object:
        stripped = text.strip()
        if not stripped:
            return (QValidator.State.Acceptable, text, position)
        if stripped == "-":
            return (QValidator.State.Intermediate, text, position)
        if re.fullmatch(r"-?\d{1,10}", stripped) and abs(int(stripped)) < 2**31 - 1:
            return (QValidator.State.Acceptable, text, position)
        return (QValidator.State.Invalid, text, position)

    def stepBy(self, steps: int) -> None:
        if self.value() == EMPTY_INT:
            self.setValue(0)
        super().stepBy(steps)


class OptionalDoubleSpinBox(QDoubleSpinBox):
    """A decimal box that may be empty, accepting the comma or the point."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDecimals(3)
        self.setRange(EMPTY_DECIMAL, 1e12)
        self.setValue(EMPTY_DECIMAL)
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)

    def textFromValue(self, value: float) -> str:
        if value <= EMPTY_DECIMAL:
            return ""
        text = f"{value:.3f}".rstrip("0").rstrip(".")
        return text.replace(".", self.locale().decimalPoint())

    def valueFromText(self, text: str) -> float:
        stripped = text.strip().replace(" ", "").replace("\u202f", "")
        if not stripped or stripped in {"-", ",", "."}:
            return EMPTY_DECIMAL
        return float(stripped.replace(",", "."))

    def validate(self, text: str, position: int) -> object:
        stripped = text.strip()
        if not stripped:
            return (QValidator.State.Acceptable, text, position)
        if _NUMBER.match(stripped):
            try:
                float(stripped.replace(",", "."))
            except ValueError:
                return (QValidator.State.Intermediate, text, position)
            return (QValidator.State.Acceptable, text, position)
        return (QValidator.State.Invalid, text, position)

    def stepBy(self, steps: int) -> None:
        if self.value() <= EMPTY_DECIMAL:
            self.setValue(0)
        super().stepBy(steps)


class NumberEditor(AnswerEditor):
    """A whole number or a decimal, empty until answered."""

    def __init__(self, decimal: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.decimal = decimal
        self.box: QSpinBox | QDoubleSpinBox = (
            OptionalDoubleSpinBox(self) if decimal else OptionalSpinBox(self)
        )
        self.box.setMaximumWidth(self.fontMetrics().averageCharWidth() * 18)
        layout = self._layout(horizontal=True)
        layout.addWidget(self.box)
        layout.addStretch(1)
        self._hand_focus_to(self.box)
        self._setting = False
        self.box.valueChanged.connect(self._changed)

    def _changed(self, _value: object) -> None:
        if not self._setting:
            self.edited.emit()

    def value(self) -> object:
        value = self.box.value()
        if self.decimal:
            return None if value <= EMPTY_DECIMAL else float(value)
        return None if value == EMPTY_INT else int(value)

    def set_value(self, value: object) -> None:
        self._setting = True
        try:
            empty = EMPTY_DECIMAL if self.decimal else EMPTY_INT
            is_number = isinstance(value, int | float) and not isinstance(value, bool)
            self.box.setValue(value if is_number else empty)
        finally:
            self._setting = False


class DateEditor(AnswerEditor):
    """A date, typed or picked in a calendar, shown as *14 novembre 2026*."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QDateEdit(self)
        self.box.setCalendarPopup(True)
        self.box.setDisplayFormat("d MMMM yyyy")
        self.box.setMinimumDate(EMPTY_DATE)
        self.box.setSpecialValueText(self.tr("pas encore de date"))
        self.box.setDate(EMPTY_DATE)
        layout = self._layout(horizontal=True)
        layout.addWidget(self.box)
        layout.addStretch(1)
        self._hand_focus_to(self.box)
        self._setting = False
        self.box.dateChanged.connect(self._changed)

    def _changed(self, _date: QDate) -> None:
        if not self._setting:
            self.edited.emit()

    def value(self) -> object:
        date = self.box.date()
        return None if date == EMPTY_DATE else date.toString("yyyy-MM-dd")

    def set_value(self, value: object) -> None:
        self._setting = True
        try:
            date = QDate.fromString(value, "yyyy-MM-dd") if isinstance(value, str) else QDate()
            self.box.setDate(date if date.isValid() else EMPTY_DATE)
            if not date.isValid():
                self.box.calendarWidget().setSelectedDate(QDate.currentDate())
        finally:
            self._setting = False


SCALE_STYLE = """
QPushButton {{ border: 1px solid palette(mid); border-radius: 4px; padding: 4px 0;
               min-width: 2.4em; background: palette(base); }}
QPushButton:hover {{ border-color: {accent}; }}
QPushButton:focus {{ border: 2px solid {accent}; }}
QPushButton:checked {{ background: {accent}; color: white; border-color: {accent}; }}
"""


class ScaleEditor(AnswerEditor):
    """A scale as a row of toggle buttons between its two end labels.

    Digits choose a value, arrows move between values, choosing the chosen
    value again takes it back.
    """

    def __init__(self, question: Question, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = self._layout(horizontal=True)
        layout.setSpacing(6)
        self.buttons: dict[int, QPushButton] = {}
        low, high = question.minimum or 0, question.maximum or 0
        if question.minimum_label:
            layout.addWidget(self._end_label(question.minimum_label.get(language)))
        for number in range(low, high + 1):
            button = QPushButton(str(number), self)
            button.setCheckable(True)
            button.setStyleSheet(SCALE_STYLE.format(accent=ACCENT.name()))
            button.clicked.connect(lambda _checked, n=number: self._clicked(n))
            button.installEventFilter(self)
            layout.addWidget(button)
            self.buttons[number] = button
        if question.maximum_label:
            layout.addWidget(self._end_label(question.maximum_label.get(language)))
        layout.addStretch(1)
        self.keys = self._one_stop(list(self.buttons.values()))

    def _end_label(self, text: str) -> QLabel:
        label = QLabel(text, self)
        make_quiet(label)
        return label

    def _clicked(self, number: int) -> None:
        if self.buttons[number].isChecked():
            for other, button in self.buttons.items():
                if other != number:
                    button.setChecked(False)
        self.edited.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            text = event.text()
            if text.isdigit() and int(text) in self.buttons:
                self.buttons[int(text)].click()
                self.buttons[int(text)].setFocus()
                return True
        return super().eventFilter(watched, event)

    def value(self) -> object:
        return next((n for n, b in self.buttons.items() if b.isChecked()), None)

    def set_value(self, value: object) -> None:
        for number, button in self.buttons.items():
            button.setChecked(number == value)
        self.keys.reset()


class NoteText(QLabel):
    """A note of the guide: instructions to read, no answer, set off by an accent rule."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(
            "QLabel { border-width: 0 0 0 3px; border-style: solid; "
            f"border-color: {ACCENT.name()}; padding: 2px 0 2px 10px; }}"
        )


def make_editor(question: Question, language: str, compact: bool = False) -> AnswerEditor | None:
    """The editor for a question's type (``None`` for a note or a repeat group).

    ``compact`` asks for the smaller editors that fit in a row of a repeat group.
    """
    kind = question.type
    if kind == "text":
        return TextEditor()
    if kind == "long_text":
        return TextEditor() if compact else LongTextEditor()
    if kind == "select_one" and compact:
        return CompactChoiceEditor(question, language)
    if kind in {"select_one", "select_multiple"}:
        return ChoiceEditor(question, language)
    if kind in {"integer", "decimal"}:
        return NumberEditor(decimal=kind == "decimal")
    if kind == "date":
        return DateEditor()
    if kind == "scale":
        return ScaleEditor(question, language)
    return None
