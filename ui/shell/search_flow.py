"""Ctrl+F from the window's side: searching the open survey, and going where a hit is.

The box itself (:class:`ui.overview.SearchBox`) only shows what it is given;
this flow asks the survey's reader and moves the window to the answer, the
quote or the initiative the person chose.
"""

from __future__ import annotations

from typing import Protocol

from fieldkit.survey import SearchHit
from ui import i18n
from ui.interview import InterviewView
from ui.overview import OverviewPage, SearchBox, describe
from ui.qt import QApplication, QObject, Qt, QTextDocument, QTextEdit
from ui.session import SurveySession
from ui.widgets import WindowActions


class Window(Protocol):
    """What the search needs of the main window: its survey, its box, its pages."""

    session: SurveySession | None
    search_box: SearchBox
    overview: OverviewPage | None
    interview: InterviewView | None
    actions: WindowActions

    def show_overview(self) -> None: ...

    def open_interview(self, interview_id: str) -> None: ...


class SearchFlow(QObject):
    """The window's search: run a query, jump to a hit."""

    def __init__(self, window: Window, parent: QObject) -> None:
        super().__init__(parent)
        self.window = window

    def focus(self) -> None:
        window = self.window
        if window.session is not None:
            window.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
            window.search_box.selectAll()

    def run(self, query: str) -> None:
        window = self.window
        if window.session is None or not query:
            window.search_box.show_results(query, [])
            return
        window.session.flush_and_wait()
        reader = window.session.reader
        labels = {
            "quote": self.tr("Citation"),
            "note": self.tr("Note"),
            "attachment": self.tr("Pièce jointe"),
            "initiative": self.tr("Initiative"),
            "interview": self.tr("Lieu de la visite"),
        }
        hits = reader.search(query)
        results = [describe(reader, hit, i18n.language(), labels) for hit in hits]
        window.search_box.show_results(query, results)

    def jump_to(self, hit: SearchHit) -> None:
        """Go where a search hit is: the answer (words selected), the quote, the initiative."""
        window = self.window
        if window.session is None:
            return
        if not hit.interview:
            window.show_overview()
            if window.overview is not None:
                window.overview.select(hit.entity_id)
            return
        window.open_interview(hit.interview)
        view = window.interview
        if view is None:
            return
        if hit.entity in {"answer", "row_answer"}:
            view.go_to_question(hit.field)
            self._select_words(window.search_box.text())
        elif hit.entity in {"quote", "note", "attachment"}:
            window.actions["side_panel"].setChecked(True)
            view.side.setVisible(True)

    def _select_words(self, query: str) -> None:
        """Select the first searched word in the answer the cursor landed in."""
        editor = QApplication.focusWidget()
        words = query.split()
        if isinstance(editor, QTextEdit) and words:
            cursor = editor.document().find(words[0], 0, QTextDocument.FindFlag(0))
            if not cursor.isNull():
                editor.setTextCursor(cursor)
