"""*Rédiger la monographie*, plugged into the main window.

The command is offered in the overview (an initiative's context menu, the
toolbar) and the *Enquête* menu; it writes the monograph of the visit on
screen, or of the initiative chosen in the overview, or asks which. The writing view is a page
of the window's stack, made on first use for the open survey; when the
survey is closed (or another opened), the page goes with it — what was
typed was handed over when the survey closed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui import i18n, qt
from ui.qt import QObject
from ui.session import SurveySession
from ui.widgets import make_action, with_shortcut

if TYPE_CHECKING:
    from ui.shell import MainWindow
    from ui.writing.view import WritingView


class WritingCommands(QObject):
    """Opens the writing view of an initiative, and keeps it in step with the survey."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.view: WritingView | None = None
        self.action = make_action(window, "", self.write, ["Ctrl+Shift+R"])
        self._retranslate()
        self.action.setProperty("initiative", True)  # the overview's rows offer it too
        window.add_survey_action(self.action)
        window.refreshed.connect(self._refreshed)
        window.stack.currentChanged.connect(lambda _index: self._drop_stale_view())
        window.language_changed.connect(self._retranslate)

    def _retranslate(self) -> None:
        text = self.tr("&Rédiger la monographie")
        self.action.setText(text)
        self.action.setIconText(text.replace("&", ""))
        self.action.setToolTip(with_shortcut(text.replace("&", ""), self.action))

    def write(self, initiative_id: str = "") -> WritingView | None:
        """Open the writing view on an initiative (the one chosen in the overview)."""
        session = self.window.session
        if session is None:
            return None
        initiative = initiative_id or self._chosen_initiative(session)
        if not initiative:
            return None
        view = self._view_for(session)
        self.window.stack.setCurrentWidget(view)
        view.open_initiative(initiative)
        self.window.update_status()
        return view

    def _chosen_initiative(self, session: SurveySession) -> str:
        """The visit's on screen, or the overview's choice; else the only one; else asked."""
        window, reader = self.window, session.reader
        interview = window.interview
        if interview is not None and window.stack.currentWidget() is interview:
            fields = reader.interview_fields(interview.interview_id)
            return str(fields.get("initiative") or "")
        overview = window.overview
        chosen = overview.selected_initiative() if overview is not None else ""
        if chosen:
            return chosen
        initiatives = reader.initiatives()
        if len(initiatives) <= 1:
            return initiatives[0].id if initiatives else ""
        names = [i.name for i in initiatives]
        name, accepted = qt.QInputDialog.getItem(
            self.window,
            self.tr("Rédiger la monographie"),
            self.tr("Quelle initiative ?"),
            names,
            0,
            False,
        )
        return initiatives[names.index(name)].id if accepted and name in names else ""

    def _view_for(self, session: SurveySession) -> WritingView:
        # Made on first use: the view brings the document writer, which the
        # window's first screen does not need.
        from ui.writing.view import WritingView

        self._drop_stale_view()
        if self.view is None:
            self.view = WritingView(session, i18n.language(), self.window)
            self.view.back_requested.connect(self.window.show_overview)
            self.view.conflicts_requested.connect(lambda: self.window.conflicts_requested.emit(""))
            self.window.stack.addWidget(self.view)
        return self.view

    def _drop_stale_view(self) -> None:
        """The view of a survey that is no longer open goes (its text was saved on closing)."""
        view = self.view
        if view is None or view.session is self.window.session:
            return
        self.view = None
        view.preview.cleanup()
        self.window.stack.removeWidget(view)
        view.deleteLater()

    def _refreshed(self) -> None:
        if self.view is not None and self.view.session is self.window.session:
            self.view.reload()


def install_writing(window: MainWindow) -> WritingCommands:
    """Add *Rédiger la monographie* to ``window``."""
    return WritingCommands(window)
