"""One section of the guide on screen: its questions in order, skip logic applied live.

The page is built once per section and refilled with another interview's
values when the person switches interviews, so switching is quick. Questions
that skip logic hides are taken out of the layout; a follow-up question
("autre, préciser") is set under the choice it details. The page ends with
the way on: the next section, named, or on the last one, finishing the
interview.
"""

from __future__ import annotations

from collections.abc import Mapping

from fieldkit.guide import Guide, Question, Section
from ui.i18n import french_spacing
from ui.interview.editors import AnswerEditor, GrowingTextEdit, LongTextEditor, make_editor
from ui.interview.question_widget import QuestionWidget
from ui.interview.repeat_editor import RepeatEditor
from ui.qt import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    Qt,
    QTextEdit,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.style import heading, make_quiet, reading_width

Rows = Mapping[str, list[tuple[str, dict[str, object]]]]


def is_follow_up(question: Question, previous: Question | None) -> bool:
    """Whether a question only details the one before it (e.g. "autre, préciser")."""
    return bool(
        previous is not None
        and question.relevant is not None
        and question.relevant.references == frozenset({previous.id})
    )


class SectionPage(QScrollArea):
    """The questions of one section, in a column that scrolls as a whole."""

    answer_edited = Signal(str)
    row_added = Signal(str, str)
    row_removed = Signal(str, str)
    cell_edited = Signal(str, str, str)
    history_requested = Signal(str)
    conflict_requested = Signal(str)
    # The button at the end of the page: on to the next section, or finish.
    next_requested = Signal()
    finish_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the questions it holds
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.section: Section | None = None
        self.guide: Guide | None = None
        self.widgets: dict[str, QuestionWidget] = {}
        self.editors: dict[str, AnswerEditor] = {}
        self.repeats: dict[str, RepeatEditor] = {}
        self.way_on: QPushButton | None = None
        self._finishes = False
        self._language = "fr"

    def build(self, guide: Guide, section: Section, language: str) -> None:
        """Lay out a section's questions (values come with :meth:`fill`)."""
        self.guide, self.section, self._language = guide, section, language
        self.widgets, self.editors, self.repeats = {}, {}, {}
        content = QWidget()
        content.setMaximumWidth(reading_width(self) + 48)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 16, 24, 32)
        layout.setSpacing(10)
        title = heading(section.title.get(language), content)
        layout.addWidget(title)
        if section.intro:
            intro = QLabel(french_spacing(section.intro.get(language)), content)
            intro.setWordWrap(True)
            make_quiet(intro)
            layout.addWidget(intro)
        layout.addSpacing(8)
        previous: Question | None = None
        for question in section.questions:
            widget = self._question_widget(question, is_follow_up(question, previous))
            layout.addWidget(widget)
            self.widgets[question.id] = widget
            previous = question
        layout.addSpacing(12)
        layout.addWidget(self._way_on(guide, section, language), 0, Qt.AlignmentFlag.AlignRight)
        layout.addStretch(1)
        # Centred once wider than a comfortable line; the spacers take the rest.
        content.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        outer = QWidget()
        outer_layout = QHBoxLayout(outer)
        outer_layout.setContentsMargins(0, 0, 0, 0)
        outer_layout.addStretch(1)
        outer_layout.addWidget(content, 1000)
        outer_layout.addStretch(1)
        self.setWidget(outer)

    def _way_on(self, guide: Guide, section: Section, language: str) -> QPushButton:
        """At the end of a section, the next one by its name; after the last, finishing."""
        sections = list(guide.sections)
        after = sections.index(section) + 1
        if after < len(sections):
            words = self.tr("Section suivante : %1 ›")
            button = QPushButton(words.replace("%1", sections[after].title.get(language)))
            button.clicked.connect(self.next_requested)
        else:
            button = QPushButton(self.tr("Marquer l’entretien comme terminé"))
            button.clicked.connect(self.finish_requested)
        self.way_on = button
        self._finishes = after == len(sections)
        return button

    def _question_widget(self, question: Question, follow_up: bool) -> QuestionWidget:
        editor: QWidget | None
        if question.type == "repeat":
            repeat = RepeatEditor(question, self._language)
            repeat.row_added.connect(lambda row, q=question.id: self.row_added.emit(q, row))
            repeat.row_removed.connect(lambda row, q=question.id: self.row_removed.emit(q, row))
            repeat.cell_edited.connect(
                lambda row, column, q=question.id: self.cell_edited.emit(q, row, column)
            )
            self.repeats[question.id] = repeat
            editor = repeat
        else:
            editor = make_editor(question, self._language)
            if editor is not None:
                editor.edited.connect(lambda q=question.id: self.answer_edited.emit(q))
                self.editors[question.id] = editor
                if isinstance(editor, LongTextEditor):
                    self._follow_cursor(editor.text)
        widget = QuestionWidget(question, editor, self._language, follow_up)
        widget.history_requested.connect(self.history_requested)
        widget.conflict_requested.connect(self.conflict_requested)
        return widget

    def _follow_cursor(self, text: GrowingTextEdit) -> None:
        """Keep the line being typed in view: the page scrolls, not the box."""

        def follow() -> None:
            if not text.hasFocus():
                return
            rect = text.cursorRect()
            point = text.viewport().mapTo(self.widget(), rect.center())
            self.ensureVisible(point.x(), point.y(), 0, rect.height() * 2)

        text.cursorPositionChanged.connect(follow)

    def fill(self, values: Mapping[str, object], rows: Rows) -> None:
        """Show an interview's values (editors emit nothing while being filled)."""
        for question_id, editor in self.editors.items():
            editor.set_value(values.get(question_id))
        for question_id, repeat in self.repeats.items():
            repeat.set_rows(list(rows.get(question_id, [])))
        for widget in self.widgets.values():
            widget.clear_error()
        self.apply_relevance(values)
        self.verticalScrollBar().setValue(0)

    def show_conflicts(self, conflicts: Mapping[str, str]) -> None:
        """Mark the questions whose answer is in conflict (conflict id by question)."""
        for question_id, widget in self.widgets.items():
            widget.show_conflict(conflicts.get(question_id, ""))

    def apply_relevance(self, values: Mapping[str, object]) -> None:
        """Show the questions skip logic keeps, hide the others."""
        if self.guide is None:
            return
        for question_id, widget in self.widgets.items():
            shown = self.guide.is_relevant(question_id, values)
            if widget.isHidden() == shown:
                widget.setVisible(shown)

    def set_read_only(self, read_only: bool) -> None:
        """Refuse typing everywhere on the page (a survey file nobody may write)."""
        for editor in self.editors.values():
            editor.set_read_only(read_only)
        for repeat in self.repeats.values():
            repeat.setEnabled(not read_only)
        if self.way_on is not None and self._finishes:  # finishing writes to the file
            self.way_on.setEnabled(not read_only)

    def visible_questions(self) -> list[str]:
        return [q for q, w in self.widgets.items() if not w.isHidden()]

    def question_of(self, widget: QWidget | None) -> str | None:
        """The question a widget (e.g. the focused one) belongs to."""
        while widget is not None:
            if isinstance(widget, QuestionWidget) and widget.question.id in self.widgets:
                return widget.question.id
            widget = widget.parentWidget()
        return None

    def go_to(self, question_id: str) -> bool:
        """Scroll to a question and put the cursor in its editor."""
        widget = self.widgets.get(question_id)
        if widget is None or widget.isHidden():
            return False
        widget.focus_editor()
        self.ensureWidgetVisible(widget, 0, 40)
        return True

    def next_question(self, after: str | None) -> str | None:
        """Move to the shown question after ``after``; return it (None at the end)."""
        shown = [q for q in self.visible_questions() if self.widgets[q].editor is not None]
        index = shown.index(after) + 1 if after in shown else 0
        if index < len(shown):
            self.go_to(shown[index])
            return shown[index]
        return None

    def long_text(self, question_id: str) -> QTextEdit | None:
        editor = self.editors.get(question_id)
        return editor.text if isinstance(editor, LongTextEditor) else None
