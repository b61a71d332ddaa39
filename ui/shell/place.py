"""Where the person is: the survey, the interview, its section, the field and the caret.

Kept when the window closes, so the next launch opens where the person left
off; and carried over when the survey has to be opened again (saved to a
new place, a copy of a read-only file, another language).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from fieldkit.errors import FieldkitError
from ui import qt
from ui.qt import QApplication, QLineEdit, QTimer, QWidget

if TYPE_CHECKING:  # the interview's modules load when an interview is first opened
    from ui.interview import InterviewView
    from ui.overview import OverviewPage
    from ui.session import SurveySession


@dataclass(frozen=True)
class Place:
    """A spot in a survey; an empty interview means its overview, on the ``row`` chosen."""

    survey: str
    interview: str = ""
    section: int = 0
    question: str = ""
    caret: int = -1
    row: str = ""

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Place | None:
        """A place read back from the settings; None for anything malformed."""
        try:
            return cls(
                survey=str(data["survey"]),
                interview=str(data.get("interview") or ""),
                section=int(str(data.get("section") or 0)),
                question=str(data.get("question") or ""),
                caret=int(str(data.get("caret", -1))),
                row=str(data.get("row") or ""),
            )
        except (KeyError, ValueError):
            return None

    @property
    def path(self) -> Path:
        return Path(self.survey)


class Window(Protocol):
    """What a place needs of the main window."""

    session: SurveySession | None
    overview: OverviewPage | None

    def current_interview(self) -> InterviewView | None: ...

    def open_interview(self, interview_id: str) -> None: ...


def here(window: Window) -> Place | None:
    """The place on screen, or None when no survey is open."""
    session = window.session
    if session is None:
        return None
    view = window.current_interview()
    if view is None:
        overview = window.overview
        return Place(str(session.path), row=overview.selected_id() if overview else "")
    question = view.current_question() or ""
    caret = _caret(QApplication.focusWidget()) if question else -1
    return Place(str(session.path), view.interview_id, view.sections.current, question, caret)


def go_to(window: Window, place: Place) -> None:
    """Show ``place`` in the survey open in ``window`` (what is gone since is skipped)."""
    if window.session is None:
        return
    if not place.interview:
        if window.overview is not None and place.row:
            window.overview.select(place.row)
        return
    try:
        window.session.reader.interview_fields(place.interview)
    except FieldkitError:
        return  # the interview is no longer in the file
    window.open_interview(place.interview)
    view = window.current_interview()
    if view is None:
        return
    view.show_section(place.section)
    if not place.question:
        return
    if view.isVisible():
        _put_caret(view, place)
    else:  # a hidden editor cannot take the focus: once the window shows, then
        QTimer.singleShot(0, view, lambda: _put_caret(view, place))


def _put_caret(view: InterviewView, place: Place) -> None:
    page = view.page
    if page is not None and page.go_to(place.question):
        # The editor itself: the window may not have passed it the focus yet.
        editor = page.editors.get(place.question)
        _set_caret(editor.focusProxy() if editor is not None else None, place.caret)


def _caret(widget: QWidget | None) -> int:
    if isinstance(widget, qt.QTextEdit):
        return widget.textCursor().position()
    if isinstance(widget, QLineEdit):
        return widget.cursorPosition()
    return -1


def _set_caret(widget: QWidget | None, caret: int) -> None:
    if caret < 0:
        return
    if isinstance(widget, qt.QTextEdit):
        cursor = widget.textCursor()
        cursor.setPosition(min(caret, len(widget.toPlainText())))
        widget.setTextCursor(cursor)
    elif isinstance(widget, QLineEdit):
        widget.setCursorPosition(caret)
