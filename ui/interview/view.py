"""Running the guide: sections on the left, one section's questions, captures on the right.

The view keeps the interview's values in memory, so skip logic and
completion follow every keystroke without asking the file; each edit is
handed to the autosaver, which writes it off the GUI thread. Before the
editors are refilled or destroyed (switching section pages or interviews),
pending edits are handed over first, so nothing typed is lost.
"""

from __future__ import annotations

from pathlib import Path

from fieldkit.guide import Guide, Question
from fieldkit.survey import MissingAnswer, Survey, conflicted_questions, interview_completion
from ui.i18n import format_date
from ui.interview.captures import Captures
from ui.interview.missing_dialog import MissingAnswersDialog
from ui.interview.section_list import SectionDelegate, SectionListModel
from ui.interview.section_page import Rows, SectionPage
from ui.interview.side_panel import SidePanel, dropped_files
from ui.qt import (
    QApplication,
    QDragEnterEvent,
    QDropEvent,
    QFrame,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QStackedWidget,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.session import SaveKey, SurveySession, report_error
from ui.style import calm_selection, heading, make_quiet


class InterviewView(QWidget):
    """One interview being run, with the whole guide at hand."""

    back_requested = Signal()
    status_changed = Signal()
    # Put in the trash: entity, id, the words that name it (for *Annuler*).
    trashed = Signal(str, str, str)
    # The person asked to see this conflict (its id) in the conflict panel.
    conflict_requested = Signal(str)
    # Typing settled a conflict: the window's count is out of date.
    conflicts_changed = Signal()

    def __init__(self, session: SurveySession, language: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.language = language
        self.interview_id = ""
        self.guide: Guide | None = None
        self.values: dict[str, object] = {}
        self.status = "draft"
        self._rows: Rows = {}
        self._pages: dict[str, SectionPage] = {}
        self._stale: set[str] = set()
        # Questions whose answer is in conflict, with the conflict's id.
        self.conflicts: dict[str, str] = {}
        self.read_only = False
        self.setAcceptDrops(True)
        self._build()

    # -- layout ----------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(True)
        self.splitter.addWidget(self._left_column())
        self.stack = QStackedWidget(self)
        self.splitter.addWidget(self.stack)
        self.side = SidePanel(self)
        self.captures = Captures(self, self.side)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setCollapsible(1, False)
        em = self.fontMetrics().averageCharWidth()
        self.splitter.setSizes([em * 30, em * 90, em * 44])
        layout.addWidget(self.splitter)

    def _left_column(self) -> QWidget:
        column = QWidget(self)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(12, 16, 6, 12)
        layout.setSpacing(2)
        self.initiative_label = heading("", column, factor=1.15)
        layout.addWidget(self.initiative_label)
        self.visit_button = QPushButton(column)
        self.visit_button.setFlat(True)
        self.visit_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.visit_button.setToolTip(self.tr("Revenir à la liste des entretiens"))
        self.visit_button.setStyleSheet("text-align: left; padding: 2px 0;")
        self.visit_button.clicked.connect(self.back_requested)
        layout.addWidget(self.visit_button)
        self.status_label = QLabel(column)
        make_quiet(self.status_label)
        layout.addWidget(self.status_label)
        layout.addSpacing(10)
        self.sections = SectionListModel()
        self.section_view = QListView(column)
        self.section_view.setModel(self.sections)
        self.section_view.setItemDelegate(SectionDelegate(self.section_view))
        self.section_view.setWordWrap(True)
        calm_selection(self.section_view)
        self.section_view.setFrameShape(QFrame.Shape.NoFrame)
        self.section_view.viewport().setAutoFillBackground(False)
        self.section_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.section_view.clicked.connect(lambda index: self.show_section(index.row()))
        self.section_view.activated.connect(lambda index: self.show_section(index.row()))
        layout.addWidget(self.section_view, 1)
        return column

    # -- opening an interview -----------------------------------------------

    def open_interview(self, interview_id: str) -> None:
        """Show another interview, keeping the section on screen when the guide is the same."""
        self.session.saver.flush_and_wait()
        reader = self.session.reader
        guide = reader.guide_for(interview_id)
        self.interview_id = interview_id
        self.values = reader.answers(interview_id)
        self._rows = {
            q.id: [(r.id, r.values) for r in reader.rows(interview_id, q.id)]
            for q in guide.questions
            if q.type == "repeat"
        }
        fields = reader.interview_fields(interview_id)
        self.conflicts = conflicted_questions(reader, interview_id)
        self.status = str(fields.get("status") or "draft")
        if guide is not self.guide:
            self._set_guide(guide)
        current = self.sections.current
        self.sections.update(self.values)
        self._stale = set(self._pages)
        self.show_section(current)
        self._show_header(fields)
        self.refresh_side_panel()
        self.status_changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        """Show the interview without taking changes (a survey file nobody may write)."""
        if read_only == self.read_only:
            return
        self.read_only = read_only
        for page in self._pages.values():
            page.set_read_only(read_only)
        self.side.setAcceptDrops(not read_only)
        self.setAcceptDrops(not read_only)

    def _set_guide(self, guide: Guide) -> None:
        self.guide = guide
        for page in self._pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self._pages = {}
        self.sections.set_guide(guide, self.language, self.values)

    def _show_header(self, fields: dict[str, object]) -> None:
        initiative = self.session.reader.initiative(str(fields.get("initiative", "")))
        self.initiative_label.setText(initiative.name)
        visit = self.tr("Visite du %1").replace("%1", format_date(str(fields.get("date", ""))))
        self.visit_button.setText(f"‹ {visit}")
        self._show_status()

    def _show_status(self) -> None:
        if self.status == "complete":
            self.status_label.setText(self.tr("Terminé"))
        else:
            self.status_label.setText(self.tr("Brouillon"))

    # -- sections ----------------------------------------------------------------

    def show_section(self, row: int) -> None:
        """Put a section on screen (built on first visit, then kept)."""
        section = self.sections.section(row)
        if section is None or self.guide is None:
            return
        self.session.saver.flush()
        page = self._pages.get(section.id)
        if page is None:
            page = self._make_page()
            page.build(self.guide, section, self.language)
            page.set_read_only(self.read_only)
            self._pages[section.id] = page
            self.stack.addWidget(page)
            page.fill(self.values, self._rows)
        elif section.id in self._stale:
            page.fill(self.values, self._rows)
        else:
            page.apply_relevance(self.values)
        page.show_conflicts(self.conflicts)
        self._stale.discard(section.id)
        self.stack.setCurrentWidget(page)
        self.sections.set_current(row)
        self.section_view.setCurrentIndex(self.sections.index(row))

    def _make_page(self) -> SectionPage:
        page = SectionPage(self.stack)
        page.answer_edited.connect(self._answer_edited)
        page.row_added.connect(self._row_added)
        page.row_removed.connect(self._row_removed)
        page.cell_edited.connect(self._cell_edited)
        page.history_requested.connect(lambda question: self.show_history(question))
        page.conflict_requested.connect(self.conflict_requested)
        page.next_requested.connect(self.next_section)
        page.finish_requested.connect(self.mark_complete)
        return page

    @property
    def rows(self) -> Rows:
        """The repeat groups' rows, as (row id, values), by group."""
        return self._rows

    @property
    def page(self) -> SectionPage | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, SectionPage) else None

    def next_section(self) -> None:
        self._step_section(1)

    def previous_section(self) -> None:
        self._step_section(-1)

    def _step_section(self, step: int) -> None:
        row = self.sections.current + step
        if 0 <= row < self.sections.rowCount():
            self.show_section(row)
            page = self.page
            if page is not None:
                page.next_question(None)

    def current_question(self) -> str | None:
        """The question holding the keyboard focus, if any."""
        page = self.page
        return page.question_of(QApplication.focusWidget()) if page else None

    def next_question(self) -> None:
        """Ctrl+Entrée: the next shown question, then the next section."""
        page = self.page
        if page is None:
            return
        if page.next_question(self.current_question()) is None:
            self.next_section()

    def go_to_question(self, question_id: str, row: str | None = None) -> None:
        """Put the cursor in a question's editor; in one row's cell for a repeat's column."""
        question = self.guide.question(question_id) if self.guide else None
        if question is None or self.guide is None:
            return
        section_ids = [s.id for s in self.guide.sections]
        owner = self.guide.question(question.repeat) if question.repeat else question
        if owner is None or owner.section not in section_ids:
            return
        self.show_section(section_ids.index(owner.section))
        page = self.page
        if page is None or not page.go_to(owner.id):
            return
        repeat = page.repeats.get(owner.id)
        cell = repeat.cell(row, question.id) if repeat is not None and row else None
        if cell is not None:
            cell.focus_editor()
            page.ensureWidgetVisible(cell, 0, 40)

    # -- edits -----------------------------------------------------------------

    def _answer_edited(self, question_id: str) -> None:
        page = self.page
        editor = page.editors.get(question_id) if page else None
        if editor is None:
            return
        self.values[question_id] = editor.value()
        self.session.saver.edited(SaveKey.answer(self.interview_id, question_id), editor.value)
        self._values_changed()

    def _values_changed(self) -> None:
        page = self.page
        if page is not None:
            page.apply_relevance(self.values)
        self.sections.update(self.values)
        self._stale = set(self._pages) - {page.section.id if page and page.section else ""}
        self.status_changed.emit()

    def _repeat_changed(self, repeat_id: str) -> None:
        page = self.page
        repeat = page.repeats.get(repeat_id) if page else None
        if repeat is None:
            return
        self._rows = {**self._rows, repeat_id: repeat.rows()}
        self.values[repeat_id] = repeat.values()
        self._values_changed()
        self.captures.show_people()

    def _row_added(self, repeat_id: str, row_id: str) -> None:
        interview = self.interview_id
        self.session.executor.submit(
            lambda survey: survey.add_row(interview, repeat_id, id=row_id),
            on_error=lambda error: report_error(self, self._save_failed(), error),
        )
        self._repeat_changed(repeat_id)

    def _row_removed(self, repeat_id: str, row_id: str) -> None:
        self.session.saver.forget(row_id)
        interview = self.interview_id

        def kept(error: BaseException) -> None:
            """The file still holds the row: say so, and show it again."""
            report_error(self, self._save_failed(), error)
            self._show_saved_rows(interview, repeat_id)

        self.session.executor.submit(lambda survey: survey.delete("row", row_id), on_error=kept)
        self._repeat_changed(repeat_id)

    def _show_saved_rows(self, interview: str, repeat_id: str) -> None:
        page = self.page
        repeat = page.repeats.get(repeat_id) if page else None
        if repeat is None or interview != self.interview_id:
            return
        rows = self.session.reader.rows(interview, repeat_id)
        repeat.set_rows([(row.id, row.values) for row in rows])
        self._repeat_changed(repeat_id)

    def _cell_edited(self, repeat_id: str, row_id: str, column_id: str) -> None:
        page = self.page
        repeat = page.repeats.get(repeat_id) if page else None
        if repeat is None:
            return
        self.session.saver.edited(
            SaveKey.cell(row_id, column_id), lambda: repeat.cell_value(row_id, column_id)
        )
        self._repeat_changed(repeat_id)

    def _save_failed(self) -> str:
        return self.tr("Impossible d’enregistrer cette modification")

    def show_refusal(self, key: SaveKey, message: str) -> None:
        """Explain, next to the field, why the core refused a value."""
        question_id = key.question
        if self.guide is None:
            return
        question = self.guide.question(question_id)
        if question is not None and question.repeat:
            question_id = question.repeat
        for page in self._pages.values():
            widget = page.widgets.get(question_id)
            if widget is not None and question is not None:
                widget.show_error(self._refusal_words(question, message))

    def _refusal_words(self, question: Question, message: str) -> str:
        if question.constraint is not None:
            own = question.constraint_message
            words = own.get(self.language) if own else ""
            return words or self.tr("Cette réponse ne respecte pas la règle du guide.")
        return self.tr("Réponse non enregistrée : %1").replace("%1", message)

    def clear_refusals(self, keys: list[SaveKey]) -> None:
        if self.guide is None:
            return
        for key in keys:
            question = self.guide.question(key.question)
            question_id = question.repeat if question and question.repeat else key.question
            for page in self._pages.values():
                widget = page.widgets.get(question_id)
                if widget is not None:
                    widget.clear_error()

    def check_conflicts(self, _keys: list[SaveKey]) -> None:
        """After a save, drop the marks of conflicts that what was typed has settled."""
        if not self.conflicts or not self.interview_id:
            return
        still = conflicted_questions(self.session.reader, self.interview_id)
        if still == self.conflicts:
            return
        self.conflicts = still
        page = self.page
        if page is not None:
            page.show_conflicts(still)
        self.conflicts_changed.emit()

    def answered_count(self) -> int:
        return interview_completion(self.guide, self.values)[0] if self.guide else 0

    # -- side panel: people, quotes, attachments (ui.interview.captures) ----------

    def refresh_side_panel(self) -> None:
        self.captures.refresh()

    def add_quote(self) -> None:
        """Ctrl+K: a verbatim quote, prefilled with the words selected in an answer."""
        self.captures.add_quote()

    def attach_files(self, files: list[Path] | None = None, question_id: str | None = None) -> None:
        """Ctrl+Maj+A or a drop: copy files into the survey, on the question if one is given."""
        self.captures.attach_files(files, question_id)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_files(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = dropped_files(event)
        if not files:
            return
        event.acceptProposedAction()
        page = self.page
        target = self.childAt(event.position().toPoint())
        question = page.question_of(target) if page else None
        self.attach_files(files, question)

    # -- history and completion --------------------------------------------------

    def show_history(self, question_id: str | None = None) -> None:
        """Ctrl+H: earlier versions of an answer; restoring one writes it again."""
        from ui.interview.history_dialog import HistoryDialog

        question_id = question_id or self.current_question()
        question = self.guide.question(question_id) if self.guide and question_id else None
        if question is None or not question.answerable or question.type == "repeat":
            return
        self.session.flush_and_wait()
        revisions = self.session.reader.answer_history(self.interview_id, question.id)
        dialog = HistoryDialog(
            self, question, question.label.get(self.language), revisions, self.language
        )
        if not dialog.exec():
            return
        chosen = dialog.chosen()
        if chosen is None or chosen.current:
            return
        self.session.executor.submit(
            lambda survey: survey.restore_revision(chosen.change),
            lambda _r: self._reload_answer(question.id),
            lambda error: report_error(self, self._save_failed(), error),
        )

    def _reload_answer(self, question_id: str) -> None:
        """Show the value the file now holds (after a restore)."""
        value = self.session.reader.answers(self.interview_id).get(question_id)
        self.values[question_id] = value
        for page in self._pages.values():
            editor = page.editors.get(question_id)
            if editor is not None:
                editor.set_value(value)
        self._values_changed()

    def mark_complete(self) -> None:
        """*Marquer comme terminé*, or the list of required answers still missing."""
        if not self.interview_id:
            return
        self.session.saver.flush()
        interview = self.interview_id

        def complete(survey: Survey) -> list[MissingAnswer]:
            return survey.complete(interview)

        self.session.executor.submit(
            complete,
            self._completed,
            lambda error: report_error(self, self._save_failed(), error),
        )

    def _completed(self, missing: list[MissingAnswer]) -> None:
        if not missing:
            self.status = "complete"
            self._show_status()
            self.status_changed.emit()
            return
        if self.guide is None:
            return
        names = {
            row_id: str(next(iter(values.values()), "")) if values else ""
            for rows in self._rows.values()
            for row_id, values in rows
        }
        dialog = MissingAnswersDialog(self, self.guide, missing, self.language, names)
        chosen = dialog.chosen() if dialog.exec() else None
        if chosen is not None:
            self.go_to_question(chosen.id, chosen.row)

    def reopen_draft(self) -> None:
        """Back to draft, shown once the file says so."""
        interview = self.interview_id

        def reopened(_nothing: None) -> None:
            if interview == self.interview_id:
                self.status = "draft"
                self._show_status()
                self.status_changed.emit()

        self.session.executor.submit(
            lambda survey: survey.set_status(interview, "draft"),
            reopened,
            lambda error: report_error(self, self._save_failed(), error),
        )

    def close_view(self) -> None:
        self.session.saver.flush()
        self.captures.cleanup()
