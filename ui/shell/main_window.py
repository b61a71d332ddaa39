"""The main window: start page, survey overview and interview, with menus and status.

It owns the open survey's session and switches between the three pages;
every flow that needs the survey and more than one page (opening, starting
an interview, jumping to a search hit, changing language) is here.

Pages and dialogs not needed for the first screen are imported when first
used: the window must come up as fast as a bare Qt window, or nearly.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from fieldkit.errors import FieldkitError
from fieldkit.interop import read_guide_file
from fieldkit.survey import Survey, config_dir, current_device, set_author
from ui import i18n
from ui.overview import OverviewPage, SearchBox
from ui.qt import (
    QAction,
    QApplication,
    QCloseEvent,
    QFileDialog,
    QKeySequence,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QShowEvent,
    QSizePolicy,
    QStackedWidget,
    Qt,
    QToolBar,
    QToolButton,
    QWidget,
    Signal,
)
from ui.session import SurveySession, report_error
from ui.settings import Settings
from ui.shell.search_flow import SearchFlow
from ui.shell.start_page import StartPage
from ui.style import make_quiet
from ui.widgets import ShortcutGuard, ShortcutsDialog, WindowActions, make_action, show_error

if TYPE_CHECKING:
    from ui.interview import InterviewView

SURVEY_ACTIONS = {"close", "overview", "new_interview", "new_initiative", "search"}
INTERVIEW_ACTIONS = {
    "next_section",
    "previous_section",
    "next_question",
    "quote",
    "attach",
    "history",
    "complete",
    "reopen",
    "side_panel",
}
DEMO_NAME = "demo.fieldkit"


class MainWindow(QMainWindow):
    """fieldkit's one window."""

    # The status bar's conflict count was clicked: the conflict panel opens (ui.exchange).
    conflicts_requested = Signal()
    # Read again after a merge, a sync or a resolution: plugged-in pages read again too.
    refreshed = Signal()

    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.session: SurveySession | None = None
        self.overview: OverviewPage | None = None
        self.interview: InterviewView | None = None
        self._conflicts = 0
        # Actions other windows plug in (merge, sync, export): menu and overview toolbar.
        self._survey_extras: list[QAction] = []
        self._menu_only: list[QAction] = []
        self.setWindowTitle("fieldkit")
        self.stack = QStackedWidget(self)
        self.stack.currentChanged.connect(lambda _page: self._update_actions())
        self.setCentralWidget(self.stack)
        self._build_chrome()
        geometry = self.settings.geometry("main")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1180, 760)

    # -- chrome: actions, menus, header, status bar ----------------------------

    def _build_chrome(self) -> None:
        """Make everything that shows words, so a language change can remake it."""
        self.actions = self._make_actions()
        self._guard = ShortcutGuard(self.actions.typing_safe(), self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._guard)
        self._build_menus()
        self._build_header()
        self._build_status()
        self._start: StartPage | None = None
        self._update_actions()

    @property
    def start(self) -> StartPage:
        """The start page, made when first needed (not at all when a file is opened)."""
        if self._start is None:
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

    def _make_actions(self) -> WindowActions:
        std = QKeySequence.StandardKey
        table = {
            "new_survey": (self.tr("&Nouvelle enquête…"), self.new_survey, ["Ctrl+Shift+N"]),
            "import_xlsform": (self.tr("&Importer un guide XLSForm…"), self.import_xlsform, None),
            "open": (self.tr("&Ouvrir une enquête…"), self.open_dialog, [QKeySequence(std.Open)]),
            "demo": (self.tr("Ouvrir la &démo"), self.open_demo, None),
            "close": (self.tr("&Fermer l’enquête"), self.close_survey, [QKeySequence(std.Close)]),
            "settings": (self.tr("&Réglages…"), self.open_settings, ["Ctrl+,"]),
            "quit": (self.tr("&Quitter"), self.close, [QKeySequence(std.Quit)]),
            "overview": (self.tr("&Liste des entretiens"), self.show_overview, ["Ctrl+L"]),
            "new_interview": (self.tr("&Nouvel entretien…"), self.new_interview, ["Ctrl+N"]),
            "new_initiative": (self.tr("Nouvelle &initiative…"), self.new_initiative, None),
            "search": (self.tr("&Rechercher…"), lambda: self.search.focus(), ["Ctrl+F"]),
            "next_section": (
                self.tr("Section &suivante"),
                self._in_interview("next_section"),
                ["Ctrl+PgDown"],
            ),
            "previous_section": (
                self.tr("Section &précédente"),
                self._in_interview("previous_section"),
                ["Ctrl+PgUp"],
            ),
            "next_question": (
                self.tr("&Question suivante"),
                self._in_interview("next_question"),
                ["Ctrl+Return", "Ctrl+Enter"],
            ),
            "quote": (self.tr("&Citation…"), self._in_interview("add_quote"), ["Ctrl+K"]),
            "attach": (
                self.tr("&Joindre un fichier…"),
                self._in_interview("attach_files"),
                ["Ctrl+Shift+A"],
            ),
            "history": (
                self.tr("&Historique de la réponse…"),
                self._in_interview("show_history"),
                ["Ctrl+H"],
            ),
            "complete": (
                self.tr("&Marquer comme terminé"),
                self._in_interview("mark_complete"),
                ["Ctrl+Shift+T"],
            ),
            "reopen": (self.tr("Repasser en &brouillon"), self._in_interview("reopen_draft"), None),
            "side_panel": (self.tr("&Panneau latéral"), self._toggle_side_panel, ["F9"]),
            "shortcuts": (self.tr("&Raccourcis clavier"), self.show_shortcuts, ["F1"]),
            "about": (self.tr("À &propos de fieldkit"), self.about, None),
        }
        actions = {
            name: make_action(self, text, slot, keys) for name, (text, slot, keys) in table.items()
        }
        actions["side_panel"].setCheckable(True)
        actions["side_panel"].setChecked(True)
        for action in actions.values():
            self.addAction(action)
        return WindowActions(actions)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        a = self.actions
        file_menu = bar.addMenu(self.tr("&Fichier"))
        for name in ("new_survey", "import_xlsform", "open", "demo"):
            file_menu.addAction(a[name])
        self.recent_menu = QMenu(self.tr("Ouvertes &récemment"), self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(a["close"])
        file_menu.addAction(a["settings"])
        file_menu.addSeparator()
        file_menu.addAction(a["quit"])
        survey_menu = bar.addMenu(self.tr("&Enquête"))
        for name in ("overview", "new_interview", "new_initiative", "search"):
            survey_menu.addAction(a[name])
        self.survey_menu = survey_menu
        if self._survey_extras:
            survey_menu.addSeparator()
            survey_menu.addActions(self._survey_extras)
        interview_menu = bar.addMenu(self.tr("E&ntretien"))
        for name in ("next_section", "previous_section", "next_question"):
            interview_menu.addAction(a[name])
        interview_menu.addSeparator()
        for name in ("quote", "attach", "history"):
            interview_menu.addAction(a[name])
        interview_menu.addSeparator()
        for name in ("complete", "reopen", "side_panel"):
            interview_menu.addAction(a[name])
        help_menu = bar.addMenu(self.tr("&Aide"))
        help_menu.addAction(a["shortcuts"])
        help_menu.addAction(a["about"])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_files:
            if path.exists():
                self.recent_menu.addAction(path.name, lambda p=path: self.open_path(p))
        self.recent_menu.setEnabled(bool(self.recent_menu.actions()))

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
        self.conflict_label.clicked.connect(self.conflicts_requested.emit)
        self.hint_label = QLabel(self.tr("Ctrl+K citation · F1 raccourcis"), self)
        make_quiet(self.hint_label)
        bar.addWidget(self.state_label, 1)
        bar.addPermanentWidget(self.conflict_label)
        bar.addPermanentWidget(self.hint_label)

    # -- opening and closing surveys ----------------------------------------

    def open_path(self, path: Path | str) -> bool:
        """Open a survey file; a file that cannot be opened is explained and left as it is."""
        path = Path(path)
        self.close_survey()
        try:
            session = SurveySession(path)
        except (FieldkitError, OSError) as error:
            show_error(self, self.tr("Impossible d’ouvrir ce fichier"), str(error))
            return False
        self.session = session
        session.saver.state_changed.connect(self.update_status)
        self.settings.remember_file(path)
        self.setWindowTitle(f"{path.name} — fieldkit")
        self.setWindowFilePath(str(path))
        self.survey_label.setText(self.tr("Enquête : %1").replace("%1", path.name))
        self.header.show()
        self._conflicts = len(session.reader.conflicts())
        self.show_overview()
        return True

    def close_survey(self) -> None:
        """Save what is pending and close the survey (nothing typed is lost)."""
        if self.session is None:
            return
        if self.interview is not None:
            self.interview.close_view()
        self.session.close()
        for page in (self.overview, self.interview):
            if page is not None:
                self.stack.removeWidget(page)
                page.deleteLater()
        self.session = self.overview = self.interview = None
        self.header.hide()
        self.setWindowTitle("fieldkit")
        self.show_start()
        self._update_actions()
        self.update_status()

    def new_survey(self, guide_path: Path | None = None) -> None:
        """Name a new survey and choose its guide; an XLSForm's remarks are shown first."""
        from ui.shell.guide_import import confirm_warnings
        from ui.shell.new_survey_dialog import NewSurveyDialog

        dialog = NewSurveyDialog(self, self.settings.default_folder, guide_path)
        if not dialog.exec():
            return
        path = dialog.survey_path()
        try:
            guide, warnings = read_guide_file(dialog.guide())
        except (FieldkitError, OSError) as error:
            show_error(self, self.tr("Impossible de créer l’enquête"), str(error))
            return
        if not confirm_warnings(self, dialog.guide(), guide, warnings):
            return
        try:
            Survey.create(path, guide).close()
        except (FieldkitError, OSError) as error:
            show_error(self, self.tr("Impossible de créer l’enquête"), str(error))
            return
        self.open_path(path)

    def import_xlsform(self) -> None:
        """A new survey whose guide is an XLSForm (ODK, KoboToolbox) chosen first."""
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Importer un guide XLSForm"),
            str(self.settings.default_folder),
            self.tr("Formulaires XLSForm (*.xlsx *.xlsm);;Tous les fichiers (*)"),
        )
        if name:
            self.new_survey(Path(name))

    def open_dialog(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Ouvrir une enquête"),
            str(self.settings.default_folder),
            self.tr("Enquêtes fieldkit (*.fieldkit);;Tous les fichiers (*)"),
        )
        if name:
            self.open_path(Path(name))

    def open_demo(self) -> None:
        """Open the demo survey, made on first use in fieldkit's own folder."""
        from fieldkit.survey import build_demo

        path = config_dir() / DEMO_NAME
        if not path.exists():
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                build_demo(path)
            except (FieldkitError, OSError) as error:
                show_error(self, self.tr("Impossible de créer la démo"), str(error))
                return
        self.open_path(path)

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
        self._build_menus()
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
        view = self._current_interview()
        if view is not None:
            section = view.sections.current
            view.open_interview(view.interview_id)
            view.show_section(section)
        self.update_status()
        self.refreshed.emit()

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
            self.stack.addWidget(self.interview)
        self.interview.open_interview(interview_id)
        self.interview.side.setVisible(self.actions["side_panel"].isChecked())
        self.stack.setCurrentWidget(self.interview)
        self._update_actions()
        self.update_status()

    def new_interview(self, initiative: str = "") -> None:
        from ui.interview import InterviewDialog, start_interview

        if self.session is None:
            return
        session = self.session
        dialog = InterviewDialog(
            self, session.reader, i18n.language(), current_device().author, initiative
        )
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

    def _current_interview(self) -> InterviewView | None:
        view = self.interview
        return view if view is not None and self.stack.currentWidget() is view else None

    def _in_interview(self, method: str) -> Callable[[], None]:
        """A command of the interview on screen (Ctrl+K, F9…): nothing on other pages."""

        def run() -> None:
            if view := self._current_interview():
                getattr(view, method)()

        return run

    def _toggle_side_panel(self) -> None:
        if self.interview is not None:
            self.interview.side.setVisible(self.actions["side_panel"].isChecked())

    # -- status ------------------------------------------------------------------

    def update_status(self) -> None:
        """Draft or complete · number of answers · saved at … · conflicts."""
        session, view = self.session, self._current_interview()
        parts: list[str] = []
        if view is not None:
            parts.append(self.tr("Terminé") if view.status == "complete" else self.tr("Brouillon"))
            count = view.answered_count()
            parts.append(i18n.plural(count, self.tr("%1 réponse"), self.tr("%1 réponses")))
        if session is not None:
            if session.saver.busy:
                parts.append(self.tr("Enregistrement…"))
            elif session.saver.last_saved is not None:
                moment = time.strftime("%H:%M:%S", time.localtime(session.saver.last_saved))
                parts.append(self.tr("Enregistré à %1").replace("%1", moment))
        self.state_label.setText(" · ".join(parts))
        conflicts = self._conflicts if session is not None else 0
        self.conflict_label.setText(
            i18n.plural(conflicts, self.tr("⚠ %1 conflit"), self.tr("⚠ %1 conflits"))
            if conflicts
            else ""
        )
        self.conflict_label.setVisible(bool(conflicts))
        self.hint_label.setVisible(view is not None)

    def _update_actions(self) -> None:
        self.actions.set_enabled(SURVEY_ACTIONS, self.session is not None)
        for action in self._survey_extras:
            action.setEnabled(self.session is not None)
        self.actions.set_enabled(INTERVIEW_ACTIONS, self._current_interview() is not None)

    # -- settings, help ----------------------------------------------------------

    def open_settings(self) -> None:
        from ui.shell.settings_dialog import SettingsDialog

        dialog = SettingsDialog(
            self, current_device().author, self.settings.language, self.settings.default_folder
        )
        if not dialog.exec():
            return
        self.settings.default_folder = dialog.chosen_folder()
        author = dialog.chosen_author()
        if author != current_device().author:
            try:
                device = set_author(author)
            except FieldkitError as error:
                show_error(self, self.tr("Impossible d’enregistrer votre nom"), str(error))
            else:
                if self.session is not None:
                    self.session.sign_as(device)
        if dialog.chosen_language() != self.settings.language:
            self.settings.language = dialog.chosen_language()
            self.apply_language(dialog.chosen_language())

    def apply_language(self, language: str) -> None:
        """Speak another language now: remake every page, keeping the place."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            i18n.install_language(app, language)
        interview = self._current_interview()
        place = (interview.interview_id, interview.sections.current) if interview else None
        path = self.session.path if self.session else None
        self.close_survey()
        if self._start is not None:
            self.stack.removeWidget(self._start)
            self._start.deleteLater()
        for action in self.actions.actions.values():
            self.removeAction(action)
        if app is not None:
            app.removeEventFilter(self._guard)
        self.removeToolBar(self.header)
        self.header.deleteLater()
        for widget in (self.state_label, self.conflict_label, self.hint_label):
            self.statusBar().removeWidget(widget)
            widget.deleteLater()
        self._build_chrome()
        if path is not None and self.open_path(path) and place:
            self.open_interview(place[0])
            if self.interview is not None:
                self.interview.show_section(place[1])

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self, [*self.actions.actions.values(), *self._survey_extras]).exec()

    def about(self) -> None:
        from fieldkit import __version__

        QMessageBox.about(
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
