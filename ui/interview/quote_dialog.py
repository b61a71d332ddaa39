"""Capturing a verbatim quote: Ctrl+K, type, Ctrl+Entrée; and correcting one later.

A quote is often several sentences: Entrée starts a new line, as in every
text box, and Ctrl+Entrée saves (both are written under the box). The quote
may come prefilled with the words selected in an answer; the speaker is
picked among the people met or typed; the quote hangs off the question being
worked on unless the person unticks it. The same dialog corrects a quote
already captured.
"""

from __future__ import annotations

from ui.qt import (
    QCheckBox,
    QComboBox,
    QDialog,
    QEvent,
    QFormLayout,
    QKeyEvent,
    QLabel,
    QObject,
    QPlainTextEdit,
    Qt,
    QVBoxLayout,
    QWidget,
)
from ui.style import make_quiet
from ui.widgets import ok_cancel


class QuoteDialog(QDialog):
    """Text, speaker and (optionally) the question a quote belongs to."""

    def __init__(
        self,
        parent: QWidget | None,
        speakers: list[str],
        question_label: str = "",
        text: str = "",
        speaker: str = "",
        editing: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            self.tr("Modifier la citation") if editing else self.tr("Nouvelle citation")
        )
        # Where Ctrl+Entrée saves: filled as the fields are made, left alone after.
        self._saving_fields: list[QObject] = []
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.text = QPlainTextEdit(self)
        self.text.setPlainText(text)
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(self.tr("Les mots exacts de la personne…"))
        self.text.installEventFilter(self)
        self._saving_fields.append(self.text)
        self.text.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self.text.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        form.addRow(self.tr("&Citation"), self.text)
        self.keys = QLabel(self.tr("Entrée : nouvelle ligne · Ctrl+Entrée : enregistrer"), self)
        make_quiet(self.keys)
        form.addRow("", self.keys)
        self.speaker = QComboBox(self)
        self.speaker.setEditable(True)
        self.speaker.addItems(["", *speakers])
        if speaker and self.speaker.findText(speaker) < 0:
            self.speaker.addItem(speaker)
        self.speaker.setCurrentText(speaker)
        self.speaker.lineEdit().setPlaceholderText(self.tr("Qui parle ?"))
        self.speaker.lineEdit().installEventFilter(self)
        self._saving_fields.append(self.speaker.lineEdit())
        form.addRow(self.tr("&Personne"), self.speaker)
        layout.addLayout(form, 1)
        self.on_question = QCheckBox(
            self.tr("Rattacher à la question « %1 »").replace("%1", question_label), self
        )
        self._has_question = bool(question_label)
        self.on_question.setChecked(self._has_question)
        self.on_question.setVisible(self._has_question)
        layout.addWidget(self.on_question)
        save = self.tr("Enregistrer (Ctrl+Entrée)") if editing else self.tr("Ajouter (Ctrl+Entrée)")
        buttons, self.ok = ok_cancel(self, save)
        layout.addWidget(buttons)
        self.text.textChanged.connect(self._update)
        self._update()
        self.text.setFocus()
        if editing:
            self.text.moveCursor(self.text.textCursor().MoveOperation.End)
        else:
            self.text.selectAll()

    def _update(self) -> None:
        self.ok.setEnabled(bool(self.quote_text()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Ctrl+Entrée saves the quote from either field; Entrée alone is a new line
        # in the text, as in any text.
        if (
            event.type() == QEvent.Type.KeyPress
            and any(watched is field for field in self._saving_fields)
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            if self.quote_text():
                self.accept()
            return True
        return super().eventFilter(watched, event)

    def quote_text(self) -> str:
        return self.text.toPlainText().strip()

    def speaker_name(self) -> str:
        return self.speaker.currentText().strip()

    def attach_to_question(self) -> bool:
        return self._has_question and self.on_question.isChecked()
