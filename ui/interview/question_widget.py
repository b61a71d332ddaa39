"""One question on the page: its label, the facilitator's prompt, the editor, its error.

The label is set in a readable size, a required question carries a discreet
accent mark, the prompt (*relance*) sits under it in a quieter tone, and a
refused answer is explained in words right under the field. An answer two
people changed apart says so above the field, before anyone types over it.
"""

from __future__ import annotations

import html

from fieldkit.guide import Question
from ui.i18n import french_spacing
from ui.interview.editors import AnswerEditor, NoteText
from ui.qt import (
    QEnterEvent,
    QEvent,
    QHBoxLayout,
    QLabel,
    QPushButton,
    Qt,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.style import ACCENT, ERROR, make_quiet, scaled_font, set_text_colour
from ui.widgets import NoticeBar


class QuestionWidget(QWidget):
    """A question and its editor (or, for a repeat group, its rows)."""

    history_requested = Signal(str)
    # The conflict over this answer (its id) should open in the conflict panel.
    conflict_requested = Signal(str)

    def __init__(
        self,
        question: Question,
        editor: QWidget | None,
        language: str,
        follow_up: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.question = question
        self.editor = editor
        layout = QVBoxLayout(self)
        # A follow-up ("autre, préciser") sits under the choice it details.
        layout.setContentsMargins(28 if follow_up else 0, 4, 0, 0)
        layout.setSpacing(4)
        self.label = QLabel(self._label_html(question, language), self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setFont(scaled_font(self.label, 1.1, bold=True))
        if question.required:
            self.label.setToolTip(self.tr("Réponse obligatoire"))
        layout.addWidget(self.label)
        hint = french_spacing(question.hint.get(language)) if question.hint else ""
        self.hint = QLabel(hint, self)
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        make_quiet(self.hint)
        self.hint.setVisible(bool(hint))
        layout.addWidget(self.hint)
        if question.type == "note":
            self.label.hide()
            note = NoteText(self)
            note.setText(french_spacing(question.label.get(language)))
            layout.addWidget(note)
        layout.addWidget(self._conflict_bar())
        if editor is not None:
            layout.addSpacing(2)
            layout.addWidget(editor)
        layout.addLayout(self._footer(question))

    @staticmethod
    def _label_html(question: Question, language: str) -> str:
        """The label, with a discreet accent asterisk when an answer is required."""
        text = html.escape(french_spacing(question.label.get(language)))
        if question.required:
            text += f"&nbsp;<span style='color:{ACCENT.name()}'>*</span>"
        return text

    def _conflict_bar(self) -> NoticeBar:
        self.conflict = ""
        self.conflict_bar = NoticeBar(self)
        compare = QPushButton(self.tr("Comparer les versions…"), self.conflict_bar)
        compare.clicked.connect(lambda: self.conflict_requested.emit(self.conflict))
        self.conflict_bar.row.addWidget(compare, 0, Qt.AlignmentFlag.AlignTop)
        return self.conflict_bar

    def show_conflict(self, conflict_id: str) -> None:
        """Say that two versions of the answer exist (none when ``conflict_id`` is empty)."""
        self.conflict = conflict_id
        if not conflict_id:
            self.conflict_bar.hide()
        elif self.question.type == "repeat":
            self.conflict_bar.say(
                self.tr(
                    "⚠ Une case de ces fiches a été modifiée sur deux ordinateurs sans que "
                    "l’un voie l’autre : une seule version est affichée. Ce que vous y tapez "
                    "remplacera les deux."
                )
            )
        else:
            self.conflict_bar.say(
                self.tr(
                    "⚠ Cette réponse a été modifiée sur deux ordinateurs sans que l’un voie "
                    "l’autre : une seule version est affichée. Ce que vous tapez ici "
                    "remplacera les deux."
                )
            )

    def _footer(self, question: Question) -> QHBoxLayout:
        """The error in words on the left, the history link on the right."""
        row = QHBoxLayout()
        row.setSpacing(6)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        set_text_colour(self.error, ERROR)
        row.addWidget(self.error, 1)
        self.history = QToolButton(self)
        self.history.setText(self.tr("Historique"))
        self.history.setToolTip(self.tr("Versions précédentes de cette réponse (Ctrl+H)"))
        self.history.setAutoRaise(True)
        self.history.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.history.setFont(scaled_font(self.history, 0.85))
        self.history.clicked.connect(lambda: self.history_requested.emit(self.question.id))
        make_quiet(self.history)
        policy = self.history.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.history.setSizePolicy(policy)
        self.has_history = question.answerable and question.type != "repeat"
        self.history.hide()
        self._current = False
        row.addWidget(self.history, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def set_current(self, current: bool) -> None:
        """Offer the history link on the question being worked on only: calm elsewhere."""
        self._current = current
        self.history.setVisible(current and self.has_history)

    def enterEvent(self, event: QEnterEvent) -> None:
        super().enterEvent(event)
        self.history.setVisible(self.has_history)

    def leaveEvent(self, event: QEvent) -> None:
        super().leaveEvent(event)
        self.history.setVisible(self._current and self.has_history)

    def show_error(self, message: str) -> None:
        self.error.setText(message)

    def clear_error(self) -> None:
        if self.error.text():
            self.error.clear()

    @property
    def error_text(self) -> str:
        return self.error.text()

    def focus_editor(self) -> None:
        if isinstance(self.editor, AnswerEditor):
            self.editor.focus_editor()
        elif self.editor is not None:
            self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
