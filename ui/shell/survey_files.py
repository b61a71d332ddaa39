"""Survey files as the window handles them: opening, creating, and what befalls an open file.

- A file is opened before the survey on screen is closed: a damaged or
  foreign file is explained, and the survey being worked on stays.
- A file the file manager sends while a survey is open is offered (in a new
  window, or here on request): the survey under the person typing never
  changes by itself, and the caret stays where it was.
- A file nobody may write (a colleague's file, a CD, a locked share) opens
  read-only, with a banner and *Enregistrer une copie…*.
- A file deleted or moved while open is noticed at the next save and when the
  window comes back to the front; everything typed can be saved to a new place.
- A new survey's dialog keeps what was typed when the file cannot be made,
  and a missing folder is created.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from fieldkit.errors import FieldkitError
from fieldkit.survey import Survey, config_dir
from ui import qt
from ui.qt import QObject, QWidget
from ui.session import SurveySession, report_error
from ui.settings import Settings
from ui.shell.place import Place, go_to, here
from ui.shell.place import Window as PlaceWindow
from ui.widgets import BannerArea, show_error

if TYPE_CHECKING:
    from fieldkit.guide import Guide

DEMO_NAME = "demo.fieldkit"
EXTENSION = ".fieldkit"


def same_file(one: Path, other: Path) -> bool:
    """Whether two paths name one file (a link, another spelling of the folder)."""
    try:
        return os.path.samefile(one, other)
    except OSError:
        return Path(one).absolute() == Path(other).absolute()


class Window(PlaceWindow, Protocol):
    """What the survey files need of the main window."""

    settings: Settings
    banners: BannerArea
    files: SurveyFiles
    make_window: Callable[[], Window]

    def close_survey(self) -> None: ...

    def take_session(self, session: SurveySession) -> None: ...

    def update_status(self) -> None: ...

    def show(self) -> None: ...

    def raise_(self) -> None: ...

    def activateWindow(self) -> None: ...

    def deleteLater(self) -> None: ...

    def isVisible(self) -> bool: ...


class SurveyFiles(QObject):
    """The window's survey file: open, new, demo, reopen, save elsewhere."""

    def __init__(self, window: Window, parent: QWidget) -> None:
        super().__init__(parent)
        self.window = window
        # Windows opened from this one for a file the file manager sent.
        self.others: list[Window] = []

    # -- opening -----------------------------------------------------------------

    def open_path(self, path: Path | str) -> bool:
        """Open a survey file in place of the one on screen; a file that cannot be opened
        is explained, and the survey on screen stays as it was."""
        path = Path(path)
        window = self.window
        current = window.session
        if current is not None and not current.lost and same_file(current.path, path):
            return True
        try:
            session = SurveySession(path)
        except (FieldkitError, OSError) as error:
            show_error(window, self.tr("Impossible d’ouvrir ce fichier"), str(error))
            return False
        window.close_survey()
        window.take_session(session)
        window.settings.remember_file(path)
        if session.readonly:
            self._notice_read_only(session)
        return True

    def request_open(self, path: Path | str) -> None:
        """A file sent by the file manager (or a second launch): offered, never imposed.

        With no survey open it simply opens. Otherwise a banner offers it in a
        new window or here; the person's typing goes on where it was.
        """
        path = Path(path)
        window = self.window
        if window.session is None:
            self.open_path(path)
            return
        self.others = [other for other in self.others if other.isVisible()]  # closed since
        for other in [window, *self.others]:
            if other.session is not None and same_file(other.session.path, path):
                if other is not window:
                    other.raise_()
                    other.activateWindow()
                return
        window.banners.show_notice(
            "open_request",
            self.tr(
                "« %1 » a été demandé : l’enquête « %2 » reste ouverte ici "
                "tant que vous ne choisissez pas."
            )
            .replace("%1", path.name)
            .replace("%2", window.session.path.name),
            [
                (
                    self.tr("Ouvrir dans une nouvelle fenêtre"),
                    lambda: self.open_in_new_window(path),
                ),
                (self.tr("Ouvrir ici à la place"), lambda: self.open_path(path)),
            ],
        )

    def open_in_new_window(self, path: Path) -> None:
        other = self.window.make_window()
        if not other.files.open_path(path):
            other.deleteLater()
            return
        self.others.append(other)
        other.show()
        other.raise_()

    def open_dialog(self) -> None:
        name, _filter = qt.QFileDialog.getOpenFileName(
            self.window,
            self.tr("Ouvrir une enquête"),
            str(self.window.settings.default_folder),
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
                show_error(self.window, self.tr("Impossible de créer la démo"), str(error))
                return
        self.open_path(path)

    def reopen_last(self) -> bool:
        """Open the survey the person left, at the interview, section and field they left."""
        place = Place.from_dict(self.window.settings.last_place)
        if place is None or not place.path.is_file() or not self.open_path(place.path):
            return False
        go_to(self.window, place)
        return True

    # -- creating ----------------------------------------------------------------

    def new_survey(self, guide_path: Path | None = None) -> None:
        """Name a new survey and choose its guide; an XLSForm's remarks are shown first.

        When the file cannot be made, the error is shown and the dialog comes
        back with everything the person typed in it.
        """
        from ui.shell.guide_import import confirm_warnings
        from ui.shell.new_survey_dialog import NewSurveyDialog

        dialog = NewSurveyDialog(self.window, self.window.settings.default_folder, guide_path)
        while dialog.exec():
            read = self._read_guide(dialog.guide())
            if read is None:
                continue
            guide, warnings = read
            if not confirm_warnings(self.window, dialog.guide(), guide, warnings):
                return  # the person chose not to use this guide as it is
            path = self._create(dialog.survey_path(), guide)
            if path is not None:
                self.open_path(path)
                return

    def _read_guide(self, guide_file: Path) -> tuple[Guide, list[str]] | None:
        from fieldkit.interop import read_guide_file  # XLSForm reading: only when asked

        try:
            return read_guide_file(guide_file)
        except (FieldkitError, OSError) as error:
            show_error(self.window, self.tr("Impossible de créer l’enquête"), str(error))
            return None

    def _create(self, path: Path, guide: Guide) -> Path | None:
        """Make the survey file, and its folder when missing; None once the error is shown."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            Survey.create(path, guide).close()
        except (FieldkitError, OSError) as error:
            show_error(self.window, self.tr("Impossible de créer l’enquête"), str(error))
            return None
        return path

    def import_xlsform(self) -> None:
        """A new survey whose guide is an XLSForm (ODK, KoboToolbox) chosen first."""
        name, _filter = qt.QFileDialog.getOpenFileName(
            self.window,
            self.tr("Importer un guide XLSForm"),
            str(self.window.settings.default_folder),
            self.tr("Formulaires XLSForm (*.xlsx *.xlsm);;Tous les fichiers (*)"),
        )
        if name:
            self.new_survey(Path(name))

    # -- a file that vanished, a file nobody may write ----------------------------

    def check_file(self) -> None:
        """Notice a survey file deleted or moved while open, say so, offer a new place."""
        session = self.window.session
        if session is None or session.lost or session.file_present():
            return
        session.lost = True
        self.window.banners.show_notice(
            "lost",
            self.tr(
                "Le fichier « %1 » a été supprimé ou déplacé pendant qu’il était ouvert : "
                "rien de ce que vous saisissez n’est plus enregistré sur le disque. "
                "Tout est encore ici : enregistrez l’enquête à un nouvel endroit."
            ).replace("%1", session.path.name),
            [(self.tr("Enregistrer l’enquête sous…"), self.save_elsewhere)],
            warning=True,
            closable=False,
        )
        self.window.update_status()

    def _notice_read_only(self, session: SurveySession) -> None:
        self.window.banners.show_notice(
            "read_only",
            self.tr(
                "« %1 » est en lecture seule (le fichier ou son dossier est protégé) : "
                "vous pouvez le lire et l’exporter. Pour le modifier, enregistrez-en une copie."
            ).replace("%1", session.path.name),
            [(self.tr("Enregistrer une copie…"), self.save_elsewhere)],
            closable=False,
        )

    def save_elsewhere(self) -> None:
        """Write the open survey, everything typed included, to a new file and go on there."""
        window = self.window
        session = window.session
        if session is None:
            return
        title = (
            self.tr("Enregistrer une copie de l’enquête")
            if session.readonly
            else self.tr("Enregistrer l’enquête à un nouvel endroit")
        )
        name, _filter = qt.QFileDialog.getSaveFileName(
            window,
            title,
            str(self._suggested_copy(session)),
            self.tr("Enquêtes fieldkit (*.fieldkit)"),
        )
        if not name:
            if session.lost or session.readonly:  # the question stays open
                self._ask_again(session)
            return
        target = Path(name) if name.endswith(EXTENSION) else Path(name + EXTENSION)
        place = here(window)
        session.saver.flush()  # the writer saves what is pending first, then copies

        def saved(_path: Path) -> None:
            if window.session is session and self.open_path(target) and place is not None:
                go_to(window, place)

        def failed(error: BaseException) -> None:
            report_error(window, self.tr("Impossible d’enregistrer l’enquête ici"), error)
            self._ask_again(session)

        session.executor.submit(lambda survey: survey.save_copy(target), saved, failed)

    def _ask_again(self, session: SurveySession) -> None:
        if session.lost:
            session.lost = False
            self.check_file()
        elif session.readonly:
            self._notice_read_only(session)

    def _suggested_copy(self, session: SurveySession) -> Path:
        """Where the file was, when that place is free again; else a copy in the default folder."""
        folder = session.path.parent
        if not session.readonly and not session.path.exists() and os.access(folder, os.W_OK):
            return session.path
        folder = self.window.settings.default_folder
        stem, number = session.path.stem, 1
        copy = self.tr("copie")  # its own line: the translation tools do not read f-strings
        candidate = folder / f"{stem} ({copy}){EXTENSION}"
        while candidate.exists():
            number += 1
            candidate = folder / f"{stem} ({copy} {number}){EXTENSION}"
        return candidate
