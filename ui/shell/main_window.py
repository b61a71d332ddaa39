"""The main window: start page, survey overview and interview, with menus and status.

It owns the open survey's session and switches between the three pages;
the flows that need the survey and more than one page (starting an
interview, changing language) are here. Opening, creating and saving survey
files elsewhere is :mod:`ui.shell.survey_files`; searching is
:mod:`ui.shell.search_flow`; notices that must not interrupt typing show in
a banner (:class:`ui.widgets.BannerArea`) above the pages.

Pages and dialogs not needed for the first screen are imported when first
used: the window must come up as fast as a bare Qt window, or nearly.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from fieldkit.errors import FieldkitError
from fieldkit.survey import author_chosen, set_author
from ui import i18n, qt
from ui.overview import OverviewPage, SearchBox
from ui.qt import (
    QAction,
    QApplication,
    QEvent,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    Qt,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.session import SurveySession, report_error
from ui.settings import Settings, known_author
from ui.shell.menus import WindowMenus
from ui.shell.place import go_to, here
from ui.shell.search_flow import SearchFlow
from ui.shell.survey_files import SurveyFiles
from ui.style import ERROR, make_quiet, set_text_colour
from ui.widgets import (
    BannerArea,
    ShortcutGuard,
    show_error,
)

if TYPE_CHECKING:
    from ui.interview import InterviewView
    from ui.qt import QCloseEvent, QShowEvent
    from ui.shell.start_page import StartPage

SURVEY_ACTIONS = {"close", "overview", "search", "save_copy"}
# Commands that write: off while the survey is read-only.
WRITING_ACTIONS = {"new_interview", "new_initiative"}
INTERVIEW_ACTIONS = {"next_section", "previous_section", "next_question", "history", "side_panel"}
WRITING_INTERVIEW_ACTIONS = {"quote", "attach", "complete", "reopen"}
# The window's first size, and the least screen it must fit: 1280×720 less a taskbar
# and a title bar (also 2560×1440 at 200 %).
PREFERRED_SIZE = (1180, 760)
SMALLEST_SCREEN = (1280, 650)
TITLE_BAR_LINES = 2.5
TRASH_NOTICE_MS = 15_000


class MainWindow(QMainWindow):
    """fieldkit's one window."""

    # The conflict panel should open (ui.exchange), on this conflict if one is named.
    conflicts_requested = Signal(str)
    # Read again after a merge, a sync or a resolution: plugged-in pages read again too.
    refreshed = Signal()
    # Another language was installed: the plug-ins' actions name themselves again.
    language_changed = Signal()

    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.session: SurveySession | None = None
        self.overview: OverviewPage | None = None
        self.interview: InterviewView | None = None
        self._conflicts = 0
        # What was put in the trash since the survey was opened, last at the end.
        self._trash: list[tuple[str, str]] = []
        # Actions other windows plug in (merge, sync, export): menu and overview toolbar.
        self._survey_extras: list[QAction] = []
        self._menu_only: list[QAction] = []
        # Another window like this one (ui.app gives one with its plug-ins).
        self.make_window: Callable[[], MainWindow] = lambda: MainWindow(self.settings)
        self.setWindowTitle("fieldkit")
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.banners = BannerArea(central)
        column.addWidget(self.banners)
        self.stack = QStackedWidget(central)
        self.stack.currentChanged.connect(lambda _page: self._page_changed())
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.files = SurveyFiles(self, self)
        self._build_chrome()
        geometry = self.settings.geometry("main")
        if geometry is None or not self.restoreGeometry(geometry):
            self._fit_to_screen()

    def _fit_to_screen(self) -> None:
        """The preferred size, or the screen's free area when it is smaller (a 1366×768 laptop)."""
        width, height = PREFERRED_SIZE
        screen = self.screen() or QApplication.primaryScreen()
        if screen is not None:
            free = screen.availableGeometry()
            # The title bar, which the window system draws: about two and a half
            # lines of text (31 px on Windows, 37 on GNOME at 100 %). Asking the
            # style instead would make PySide build QStyle's types before the
            # first frame, a few milliseconds of start-up for one number.
            frame = round(self.fontMetrics().height() * TITLE_BAR_LINES)
            width, height = min(width, free.width()), min(height, free.height() - frame)
        self.resize(width, height)

    # -- chrome: actions, menus, header, status bar ----------------------------

    def _build_chrome(self) -> None:
        """Make everything that shows words, so a language change can remake it."""
        self.menus = WindowMenus(self, self)
        self.actions = self.menus.actions
        self._guard = ShortcutGuard(self.actions.typing_safe(), self)
        self._guarding = False
        self._build_menus()
        self._build_header()
        self._build_status()
        self._start: StartPage | None = None
        self._update_actions()

    def _page_changed(self) -> None:
        self._update_actions()
        self._guard_typing()

    def _guard_typing(self) -> None:
        """Let the typing-safe shortcuts through text fields, from the first page made
        for typing on (an interview, the writing view).

        The guard watches the whole application, and a Python filter there sees
        every event of every object: PySide then builds the Python types of
        hundreds of objects it would never show us, a twentieth of the start-up.
        The overview and the start page hold no field that takes these keys.
        """
        page = self.stack.currentWidget()
        if self._guarding or page is None or page in (self.overview, self._start):
            return
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._guard)
            self._guarding = True

    @property
    def start(self) -> StartPage:
        """The start page, made when first needed (not at all when a file is opened)."""
        if self._start is None:
            from ui.shell.start_page import StartPage

            self._start = StartPage(self)
            self._start.new_requested.connect(self.new_survey)
            self._start.open_requested.connect(self.open_dialog)
            self._start.demo_requested.connect(self.open_demo)
            self._start.recent_chosen.connect(self.open_path)
            self.stack.insertWidget(0, self._start)
        return self._start

    def show_start(self) -> None:
        self.start.set_recent(self.settings.recent_files)
        self.stack.setCurrentWidget(self.start)

    def showEvent(self, event: QShowEvent) -> None:
        if self.session is None and self.stack.currentWidget() is None:
            self.show_start()
        super().showEvent(event)

    def _build_menus(self) -> None:
        self.survey_menu = self.menus.fill(self.menuBar(), self._survey_extras)

    def _build_header(self) -> None:
        self.header = QToolBar(self.tr("En-tête"), self)
        self.header.setMovable(False)
        self.header.setFloatable(False)
        self.header.toggleViewAction().setVisible(False)
        self.survey_label = QLabel(self)
        self.survey_label.setContentsMargins(8, 0, 8, 0)
        self.header.addWidget(self.survey_label)
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.header.addWidget(spacer)
        self.search_box = SearchBox(self)
        self.search_box.setMaximumWidth(self.fontMetrics().averageCharWidth() * 44)
        self.search = SearchFlow(self, self)
        self.search_box.search_requested.connect(self.search.run)
        self.search_box.chosen.connect(self.search.jump_to)
        self.header.addWidget(self.search_box)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.header)
        self.header.hide()

    def _build_status(self) -> None:
        bar = self.statusBar()
        self.state_label = QLabel(self)
        self.conflict_label = QToolButton(self)  # a click opens the conflict panel
        self.conflict_label.setAutoRaise(True)
        self.conflict_label.setToolTip(self.tr("Voir et régler les conflits"))
        self.conflict_label.clicked.connect(lambda: self.conflicts_requested.emit(""))
        self.hint_label = QLabel(self.tr("Ctrl+K citation · F1 raccourcis"), self)
        make_quiet(self.hint_label)
        bar.addWidget(self.state_label, 1)
        bar.addPermanentWidget(self.conflict_label)
        bar.addPermanentWidget(self.hint_label)
        self.hint_label.hide()  # the interview's keys: shown with an interview

    # -- surveys: opening and closing (ui.shell.survey_files) --------------------

    def open_path(self, path: Path | str) -> bool:
        """Open a survey file; one that cannot be opened is explained, the current one stays."""
        return self.files.open_path(path)

    def new_survey(self, guide_path: Path | None = None) -> None:
        self.files.new_survey(guide_path)

    def import_xlsform(self) -> None:
        self.files.import_xlsform()

    def open_dialog(self) -> None:
        self.files.open_dialog()

    def open_demo(self) -> None:
        self.files.open_demo()

    def take_session(self, session: SurveySession) -> None:
        """Show a survey just opened, on its overview."""
        self.session = session
        session.saver.state_changed.connect(self.update_status)
        session.saver.saved.connect(lambda _keys: self.files.check_file())
        self.setWindowTitle(f"{session.path.name} — fieldkit")
        self.setWindowFilePath(str(session.path))
        self.survey_label.setText(self.tr("Enquête : %1").replace("%1", session.path.name))
        self.header.show()
        self._conflicts = len(session.reader.conflicts())
        self.show_overview()

    def close_survey(self) -> None:
        """Save what is pending and close the survey (nothing typed is lost)."""
        if self.session is None:
            return
        place = here(self)
        if place is not None:
            self.settings.last_place = place.as_dict()
        if self.interview is not None:
            self.interview.close_view()
        self.session.close()
        for page in (self.overview, self.interview):
            if page is not None:
                self.stack.removeWidget(page)
                page.deleteLater()
        self.session = self.overview = self.interview = None
        self._trash.clear()
        self.banners.clear()
        self.header.hide()
        self.setWindowTitle("fieldkit")
        self.show_start()
        self._update_actions()
        self.update_status()

    def changeEvent(self, event: QEvent) -> None:
        # Back to the front: the survey file may have been moved or deleted meanwhile.
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.files.check_file()
        elif event.type() == QEvent.Type.LanguageChange:
            self.language_changed.emit()
        super().changeEvent(event)

    # -- pages -------------------------------------------------------------------

    def show_overview(self) -> None:
        if self.session is None:
            return
        if self.interview is not None:
            self.session.saver.flush()
        if self.overview is None:
            self.overview = OverviewPage(self.session, self)
            for action in self._survey_extras:
                if action not in self._menu_only:
                    self.overview.add_button(action)
            self.overview.open_interview.connect(self.open_interview)
            self.overview.new_interview.connect(self.new_interview)
            self.overview.new_initiative.connect(self.new_initiative)
            self.overview.trashed.connect(self._trashed)
            self.stack.addWidget(self.overview)
        else:
            self.session.flush_and_wait()
            self.overview.reload()
        if self.interview is not None:
            self.overview.select(self.interview.interview_id)
        self.stack.setCurrentWidget(self.overview)
        self.overview.view.setFocus()
        self._update_actions()
        self.update_status()

    def add_survey_action(self, action: QAction, toolbar: bool = True) -> None:
        """Plug a survey-wide command (*Fusionner…*, *Synchroniser*, *Exporter…*) in.

        It goes to the *Enquête* menu and (unless ``toolbar`` is false) to the
        overview's toolbar; it is enabled with the survey. The command's own
        window belongs to its caller.
        """
        self._survey_extras.append(action)
        if not toolbar:
            self._menu_only.append(action)
        self.addAction(action)
        if len(self._survey_extras) == 1:
            self.survey_menu.addSeparator()
        self.survey_menu.addAction(action)
        if self.overview is not None and toolbar:
            self.overview.add_button(action)
        action.setEnabled(self.session is not None)

    def refresh(self) -> None:
        """Read the survey again after a change made elsewhere (a merge, a sync)."""
        if self.session is None:
            return
        self.session.flush_and_wait()
        self._conflicts = len(self.session.reader.conflicts())
        if self.overview is not None:
            self.overview.reload()
        view = self.current_interview()
        if view is not None:
            section = view.sections.current
            view.open_interview(view.interview_id)
            view.show_section(section)
        self.update_status()
        self.refreshed.emit()

    def _recount_conflicts(self) -> None:
        if self.session is not None:
            self._conflicts = len(self.session.reader.conflicts())
            self.update_status()

    def open_interview(self, interview_id: str) -> None:
        if self.session is None:
            return
        if self.interview is None:
            from ui.interview import InterviewView

            self.interview = InterviewView(self.session, i18n.language(), self)
            self.interview.back_requested.connect(self.show_overview)
            self.interview.status_changed.connect(self.update_status)
            self.session.saver.refused.connect(self.interview.show_refusal)
            self.session.saver.saved.connect(self.interview.clear_refusals)
            self.session.saver.saved.connect(self.interview.check_conflicts)
            self.interview.conflict_requested.connect(self.conflicts_requested)
            self.interview.conflicts_changed.connect(self._recount_conflicts)
            self.interview.trashed.connect(self._trashed)
            self.stack.addWidget(self.interview)
        self.interview.open_interview(interview_id)
        self.interview.set_read_only(self.session.readonly)
        self.interview.side.setVisible(self.actions["side_panel"].isChecked())
        self.stack.setCurrentWidget(self.interview)
        page = self.interview.page
        if page is not None and not page.isAncestorOf(QApplication.focusWidget()):
            page.next_question(None)  # the keyboard is for the answers, not the way back
        self._update_actions()
        self.update_status()

    def new_interview(self, initiative: str = "") -> None:
        from ui.interview import InterviewDialog, start_interview

        if self.session is None:
            return
        session = self.session
        dialog = InterviewDialog(self, session.reader, i18n.language(), known_author(), initiative)
        if not dialog.exec():
            return
        request = dialog.request()
        session.executor.submit(
            lambda survey: start_interview(survey, request),
            self.open_interview,
            lambda error: report_error(self, self.tr("Impossible de commencer l’entretien"), error),
        )

    def new_initiative(self) -> None:
        from ui.interview import InitiativeDialog

        if self.session is None:
            return
        session = self.session
        dialog = InitiativeDialog(self, session.reader.guide, i18n.language())
        if not dialog.exec():
            return
        value = dialog.fields.value()

        def added(initiative_id: str) -> None:
            if self.overview is not None:
                self.show_overview()
                self.overview.select(initiative_id)

        session.executor.submit(
            lambda survey: survey.add_initiative(
                value.name, value.territory, value.network, value.kind, id=value.id
            ),
            added,
            lambda error: report_error(self, self.tr("Impossible d’ajouter l’initiative"), error),
        )

    # -- the trash: what was just put there can come back ------------------------

    def _trashed(self, entity: str, item_id: str, name: str) -> None:
        """Say what went to the trash, with *Annuler* beside it (and Ctrl+Z)."""
        self._trash.append((entity, item_id))
        self.actions["undo_trash"].setEnabled(True)
        words = self.tr("« %1 » est dans la corbeille.").replace("%1", name)
        self.banners.show_notice(
            "trash",
            i18n.french_spacing(words),
            [(self.tr("Annuler (Ctrl+Z)"), self.undo_trash)],
            timeout_ms=TRASH_NOTICE_MS,
        )

    def undo_trash(self) -> None:
        """Ctrl+Z: take the last item put in the trash back out."""
        if not self._trash or self.session is None:
            return
        entity, item_id = self._trash.pop()
        self.actions["undo_trash"].setEnabled(bool(self._trash))
        self.banners.dismiss("trash")

        def restored(_result: object) -> None:
            view = self.current_interview()
            if entity in {"quote", "note", "attachment"} and view is not None:
                view.refresh_side_panel()
            elif self.overview is not None:
                self.overview.reload()
                self.overview.select(item_id)

        self.session.executor.submit(
            lambda survey: survey.restore(entity, item_id),
            restored,
            lambda error: report_error(self, self.tr("Impossible de restaurer"), error),
        )

    def current_interview(self) -> InterviewView | None:
        view = self.interview
        return view if view is not None and self.stack.currentWidget() is view else None

    def toggle_side_panel(self) -> None:
        if self.interview is not None:
            self.interview.side.setVisible(self.actions["side_panel"].isChecked())

    # -- status ------------------------------------------------------------------

    def update_status(self) -> None:
        """Draft or complete · number of answers · saved at … · conflicts."""
        session, view = self.session, self.current_interview()
        parts: list[str] = []
        if view is not None:
            parts.append(self.tr("Terminé") if view.status == "complete" else self.tr("Brouillon"))
            count = view.answered_count()
            parts.append(i18n.plural(count, self.tr("%1 réponse"), self.tr("%1 réponses")))
        if session is not None:
            parts.append(self._save_state(session))
        self.state_label.setText(" · ".join(p for p in parts if p))
        lost = session is not None and session.lost
        if lost:
            set_text_colour(self.state_label, ERROR)
        else:
            self.state_label.setPalette(self.statusBar().palette())
        conflicts = self._conflicts if session is not None else 0
        self.conflict_label.setText(
            i18n.plural(conflicts, self.tr("⚠ %1 conflit"), self.tr("⚠ %1 conflits"))
            if conflicts
            else ""
        )
        self.conflict_label.setVisible(bool(conflicts))
        self.hint_label.setVisible(view is not None)

    def _save_state(self, session: SurveySession) -> str:
        """Where the typing goes, honestly: saved, saving, read-only, or nowhere."""
        if session.lost:
            return self.tr("⚠ Fichier introuvable : rien n’est enregistré sur le disque")
        if session.readonly:
            return self.tr("Lecture seule")
        if session.saver.busy:
            return self.tr("Enregistrement…")
        if session.saver.last_saved is not None:
            moment = time.strftime("%H:%M:%S", time.localtime(session.saver.last_saved))
            return self.tr("Enregistré à %1").replace("%1", moment)
        return self.tr("Tout est enregistré")  # nothing typed yet: the file holds it all

    def _update_actions(self) -> None:
        opened = self.session is not None
        writable = self.session is not None and not self.session.readonly
        interview = self.current_interview() is not None
        self.actions.set_enabled(SURVEY_ACTIONS, opened)
        self.actions.set_enabled(WRITING_ACTIONS, writable)
        for action in self._survey_extras:
            action.setEnabled(opened)
        self.actions.set_enabled(INTERVIEW_ACTIONS, interview)
        self.actions.set_enabled(WRITING_INTERVIEW_ACTIONS, interview and writable)
        self.actions["undo_trash"].setEnabled(bool(self._trash))

    # -- settings, help ----------------------------------------------------------

    def open_settings(self) -> None:
        from ui.shell.settings_dialog import SettingsDialog

        dialog = SettingsDialog(
            self, known_author(), self.settings.language, self.settings.default_folder
        )
        if not dialog.exec():
            return
        self.settings.default_folder = dialog.chosen_folder()
        if dialog.chosen_author() != known_author():
            self._sign_as(dialog.chosen_author())
        if dialog.chosen_language() != self.settings.language:
            self.settings.language = dialog.chosen_language()
            self.apply_language(dialog.chosen_language())

    def welcome(self) -> None:
        """First launch: ask the facilitator's name, which signs their work (*Plus tard* skips)."""
        if self.settings.facilitator_asked or author_chosen():
            return
        from ui.shell.settings_dialog import FacilitatorDialog

        self.settings.facilitator_asked = True
        dialog = FacilitatorDialog(self)
        if dialog.exec() and dialog.chosen_author():
            self._sign_as(dialog.chosen_author())

    def _sign_as(self, author: str) -> None:
        try:
            device = set_author(author)
        except FieldkitError as error:
            show_error(self, self.tr("Impossible d’enregistrer votre nom"), str(error))
        else:
            if self.session is not None:
                self.session.sign_as(device)

    def apply_language(self, language: str) -> None:
        """Speak another language now: remake every page, keeping the place."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            i18n.install_language(app, language)
        place = here(self)
        self.close_survey()
        if self._start is not None:
            self.stack.removeWidget(self._start)
            self._start.deleteLater()
        for action in self.actions.actions.values():
            self.removeAction(action)
        if app is not None:
            app.removeEventFilter(self._guard)
            self._guarding = False
        self.removeToolBar(self.header)
        self.header.deleteLater()
        for widget in (self.state_label, self.conflict_label, self.hint_label):
            self.statusBar().removeWidget(widget)
            widget.deleteLater()
        self._build_chrome()
        if place is not None and self.open_path(place.path):
            go_to(self, place)

    def show_shortcuts(self) -> None:
        from ui.widgets import ShortcutsDialog

        shown = self.stack.currentWidget()
        own = QWidget.actions(shown) if shown is not None else []  # the page's own keys
        page = (shown.windowTitle() or self.tr("Cette page"), own) if own else None
        ShortcutsDialog(self, [*self.actions.actions.values(), *self._survey_extras], page).exec()

    def about(self) -> None:
        from fieldkit import __version__

        qt.QMessageBox.about(
            self,
            self.tr("À propos de fieldkit"),
            self.tr(
                "fieldkit %1 — des entretiens de terrain hors ligne, "
                "pour les visites apprenantes de l’économie sociale et solidaire."
            ).replace("%1", __version__),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        """Quitting saves everything pending first."""
        self.close_survey()
        self.settings.set_geometry("main", self.saveGeometry())
        self.settings.sync()
        super().closeEvent(event)
