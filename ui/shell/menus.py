"""The main window's commands: their words, their keys, and the menus that list them.

One table says every command once; the menus, the tooltips, the shortcut
guard and the F1 list all read it, so what is shown is what works.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ui.qt import QAction, QKeySequence, QMenu, QMenuBar, QObject, QWidget
from ui.settings import Settings
from ui.widgets import WindowActions, make_action

if TYPE_CHECKING:
    from ui.interview import InterviewView
    from ui.shell.search_flow import SearchFlow
    from ui.shell.survey_files import SurveyFiles

Command = tuple[str, Callable[[], object], list[QKeySequence | str] | None]


class Window(Protocol):
    """The commands' owner: the main window."""

    settings: Settings
    files: SurveyFiles
    search: SearchFlow

    def new_survey(self) -> None: ...
    def import_xlsform(self) -> None: ...
    def open_dialog(self) -> None: ...
    def open_demo(self) -> None: ...
    def open_path(self, path: Path | str) -> bool: ...
    def close_survey(self) -> None: ...
    def open_settings(self) -> None: ...
    def close(self) -> bool: ...
    def undo_trash(self) -> None: ...
    def show_overview(self) -> None: ...
    def new_interview(self) -> None: ...
    def new_initiative(self) -> None: ...
    def toggle_side_panel(self) -> None: ...
    def show_shortcuts(self) -> None: ...
    def about(self) -> None: ...
    def current_interview(self) -> InterviewView | None: ...
    def addAction(self, action: QAction) -> None: ...


class WindowMenus(QObject):
    """Makes the window's actions and fills its menu bar with them."""

    def __init__(self, window: Window, parent: QWidget) -> None:
        super().__init__(parent)
        self.window = window
        self.actions = self._make_actions()

    def _commands(self) -> dict[str, Command]:
        w, std = self.window, QKeySequence.StandardKey
        in_view = self._in_interview
        return {
            "new_survey": (self.tr("&Nouvelle enquête…"), w.new_survey, ["Ctrl+Shift+N"]),
            "import_xlsform": (self.tr("&Importer un guide XLSForm…"), w.import_xlsform, None),
            "open": (self.tr("&Ouvrir une enquête…"), w.open_dialog, [QKeySequence(std.Open)]),
            "demo": (self.tr("Ouvrir la &démo"), w.open_demo, None),
            "save_copy": (self.tr("Enregistrer une &copie…"), w.files.save_elsewhere, None),
            "close": (self.tr("&Fermer l’enquête"), w.close_survey, [QKeySequence(std.Close)]),
            "settings": (self.tr("&Réglages…"), w.open_settings, ["Ctrl+,"]),
            "quit": (self.tr("&Quitter"), w.close, [QKeySequence(std.Quit)]),
            "undo_trash": (self.tr("&Annuler la mise à la corbeille"), w.undo_trash, ["Ctrl+Z"]),
            "overview": (self.tr("&Liste des entretiens"), w.show_overview, ["Ctrl+L"]),
            "new_interview": (self.tr("&Nouvel entretien…"), w.new_interview, ["Ctrl+N"]),
            "new_initiative": (self.tr("Nouvelle &initiative…"), w.new_initiative, None),
            "search": (self.tr("&Rechercher…"), lambda: w.search.focus(), ["Ctrl+F"]),
            "next_section": (
                self.tr("Section &suivante"),
                in_view("next_section"),
                ["Ctrl+PgDown"],
            ),
            "previous_section": (
                self.tr("Section &précédente"),
                in_view("previous_section"),
                ["Ctrl+PgUp"],
            ),
            "next_question": (
                self.tr("&Question suivante"),
                in_view("next_question"),
                ["Ctrl+Return", "Ctrl+Enter"],
            ),
            "quote": (self.tr("&Citation…"), in_view("add_quote"), ["Ctrl+K"]),
            "attach": (self.tr("&Joindre un fichier…"), in_view("attach_files"), ["Ctrl+Shift+A"]),
            "history": (self.tr("&Historique de la réponse…"), in_view("show_history"), ["Ctrl+H"]),
            "complete": (
                self.tr("&Marquer comme terminé"),
                in_view("mark_complete"),
                ["Ctrl+Shift+T"],
            ),
            "reopen": (self.tr("Repasser en &brouillon"), in_view("reopen_draft"), None),
            "side_panel": (self.tr("&Panneau latéral"), w.toggle_side_panel, ["F9"]),
            "shortcuts": (self.tr("&Raccourcis clavier"), w.show_shortcuts, ["F1"]),
            "about": (self.tr("À &propos de fieldkit"), w.about, None),
        }

    def _make_actions(self) -> WindowActions:
        window = self.window
        actions = {
            name: make_action(window, text, slot, keys)
            for name, (text, slot, keys) in self._commands().items()
        }
        actions["side_panel"].setCheckable(True)
        actions["side_panel"].setChecked(True)
        for action in actions.values():
            window.addAction(action)
        return WindowActions(actions)

    def _in_interview(self, method: str) -> Callable[[], None]:
        """A command of the interview on screen (Ctrl+K, F9…): nothing on other pages."""

        def run() -> None:
            if view := self.window.current_interview():
                getattr(view, method)()

        return run

    def fill(self, bar: QMenuBar, extras: Sequence[QAction]) -> QMenu:
        """Put the menus in ``bar``; ``extras`` (merge, sync, export…) end the *Enquête* menu.

        Returns the *Enquête* menu.
        """
        bar.clear()
        a = self.actions
        file_menu = bar.addMenu(self.tr("&Fichier"))
        for name in ("new_survey", "import_xlsform", "open", "demo"):
            file_menu.addAction(a[name])
        self.recent_menu = QMenu(self.tr("Ouvertes &récemment"), bar)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        for name in ("save_copy", "close", "settings"):
            file_menu.addAction(a[name])
        file_menu.addSeparator()
        file_menu.addAction(a["quit"])
        survey_menu = bar.addMenu(self.tr("&Enquête"))
        for name in ("overview", "new_interview", "new_initiative", "search", "undo_trash"):
            survey_menu.addAction(a[name])
        if extras:
            survey_menu.addSeparator()
            survey_menu.addActions(list(extras))
        interview_menu = bar.addMenu(self.tr("E&ntretien"))
        for group in (
            ("next_section", "previous_section", "next_question"),
            ("quote", "attach", "history"),
            ("complete", "reopen", "side_panel"),
        ):
            if interview_menu.actions():
                interview_menu.addSeparator()
            for name in group:
                interview_menu.addAction(a[name])
        help_menu = bar.addMenu(self.tr("&Aide"))
        help_menu.addAction(a["shortcuts"])
        help_menu.addAction(a["about"])
        return survey_menu

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self.window.settings.recent_files:
            if path.exists():
                self.recent_menu.addAction(path.name, lambda p=path: self.window.open_path(p))
        self.recent_menu.setEnabled(bool(self.recent_menu.actions()))
