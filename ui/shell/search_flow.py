"""Ctrl+F from the window's side: searching the open survey, and going where a hit is.

The box itself (:class:`ui.overview.SearchBox`) only shows what it is given;
this flow asks the survey's reader and moves the window to the answer, the
quote or the initiative the person chose.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from ui import i18n, qt
from ui.overview import OverviewPage, SearchBox, describe, found_words
from ui.qt import QApplication, QLineEdit, QObject, Qt
from ui.session import SurveySession
from ui.widgets import WindowActions

if TYPE_CHECKING:  # the interview's modules load when an interview is first opened
    from fieldkit.survey import SearchHit
    from ui.interview import InterviewView


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
            view.go_to_question(hit.field, hit.entity_id if hit.entity == "row_answer" else None)
            self._select_words(found_words(hit.snippet) or window.search_box.text().split())
        elif hit.entity in {"quote", "note", "attachment"}:
            window.actions["side_panel"].setChecked(True)
            view.side.setVisible(True)

    def _select_words(self, words: list[str]) -> None:
        """Select, in the answer the cursor landed in, the first of the words found.

        The search ignores accents and case (*ecole* finds *École*): so does this.
        """
        editor = QApplication.focusWidget()
        if isinstance(editor, qt.QTextEdit):
            text = editor.toPlainText()
        elif isinstance(editor, QLineEdit):
            text = editor.text()
        else:
            return
        folded = _fold_in_place(text)
        for word in words:
            start = folded.find(i18n.fold(word))
            if start < 0:
                continue
            if isinstance(editor, qt.QTextEdit):
                cursor = editor.textCursor()
                cursor.setPosition(start)
                cursor.setPosition(start + len(word), qt.QTextCursor.MoveMode.KeepAnchor)
                editor.setTextCursor(cursor)
                editor.ensureCursorVisible()
            else:
                editor.setSelection(start, len(word))
            return


def _fold_in_place(text: str) -> str:
    """``text`` without case or accents, character for character (positions unchanged)."""
    return "".join((i18n.fold(character) or character)[:1] for character in text)
