"""Merge, folder sync, joining and conflicts in the window: commands of the *Enquête* menu.

- *Fusionner des fichiers…* — choose files, read them in a dry run, show what
  they would bring, merge on confirmation (one transaction, *Annuler* rolls it
  back), show what came in.
- *Synchroniser avec un dossier…* — the folder is chosen once per survey and
  remembered; afterwards one click or Ctrl+Shift+S.
- *Rejoindre une enquête…* — one's own file of a team's survey, from its sync
  folder or a colleague's file; it opens, and syncs with that folder. It needs
  no open survey, so it stays enabled when the others are not.
- *Conflits…* — the conflict panel, also opened by the status bar's count.

Every write runs on the survey's writer thread (:mod:`ui.session.operations`), with a
progress dialog that can cancel it; then the window reads the survey again.
The dialogs, and the core's exchange package itself, are imported when first
used, so the window starts as fast.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from fieldkit.errors import FieldkitError
from fieldkit.survey import ChangeLog, Survey, current_device
from ui import i18n, qt
from ui.qt import QAction, QObject
from ui.session import Cancelled, Progress, SurveyExecutor, run_operation
from ui.widgets import make_action, show_error, with_shortcut

if TYPE_CHECKING:
    from fieldkit.exchange import MergeReport, SyncReport
    from ui.exchange.conflict_panel import ConflictPanel
    from ui.session import SurveySession
    from ui.shell import MainWindow

SHORTCUTS = {"merge": "Ctrl+Shift+M", "sync": "Ctrl+Shift+S", "conflicts": "Ctrl+Shift+C"}
STATUS_MESSAGE_MS = 8000


def steps(progress: Progress) -> Callable[[int, int], None]:
    """The core's ``progress(done, total)``: reports, and stops the work when cancelled."""

    def step(done: int, total: int) -> None:
        progress.check()
        progress.report(done, total)

    return step


class Exchange(QObject):
    """The merge, sync and conflict commands of one main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.panel: ConflictPanel | None = None
        self.actions: dict[str, QAction] = {
            "merge": make_action(window, "", self.merge, [SHORTCUTS["merge"]]),
            "sync": make_action(window, "", self.sync, [SHORTCUTS["sync"]]),
            "sync_folder": make_action(window, "", lambda: self.sync(choose=True)),
            "join": make_action(window, "", self.join),
            "conflicts": make_action(window, "", self.show_conflicts, [SHORTCUTS["conflicts"]]),
        }
        self._name_actions()
        window.add_survey_action(self.actions["merge"])
        window.add_survey_action(self.actions["sync"])
        window.add_survey_action(self.actions["sync_folder"], toolbar=False)
        window.add_survey_action(self.actions["join"], toolbar=False)
        # The window enables survey commands with a survey; joining needs none.
        join = self.actions["join"]
        join.enabledChanged.connect(lambda enabled: enabled or join.setEnabled(True))
        join.setEnabled(True)
        # The status bar's count is the conflicts' button; the menu has them too.
        window.add_survey_action(self.actions["conflicts"], toolbar=False)
        window.conflicts_requested.connect(self.show_conflicts)
        window.language_changed.connect(self._name_actions)

    def _name_actions(self) -> None:
        texts = {
            "merge": self.tr("&Fusionner des fichiers…"),
            "sync": self.tr("S&ynchroniser avec un dossier…"),
            "sync_folder": self.tr("Changer le &dossier de synchronisation…"),
            "join": self.tr("Re&joindre une enquête…"),
            "conflicts": self.tr("&Conflits…"),
        }
        # The overview's toolbar buttons: short words (UX.md: *Fusionner…*, *Synchroniser*).
        buttons = {
            "merge": self.tr("Fusionner…"),
            "sync": self.tr("Synchroniser"),
            "sync_folder": self.tr("Dossier de synchronisation…"),
            "join": self.tr("Rejoindre…"),
            "conflicts": self.tr("Conflits…"),
        }
        for name, text in texts.items():
            action = self.actions[name]
            action.setText(text)
            action.setIconText(buttons[name])
            action.setToolTip(with_shortcut(text.replace("&", "").rstrip("…"), action))

    def _session(self) -> SurveySession | None:
        session = self.window.session
        if session is not None:
            session.saver.flush()  # what was typed goes to the writer before the merge
        return session

    def _done(self) -> None:
        """After a write made here: the window and the open panel read the survey again."""
        self.window.refresh()
        if self.panel is not None and self.panel.isVisible():
            self.panel.reload()

    # -- merge ---------------------------------------------------------------------

    def merge(self) -> None:
        session = self._session()
        if session is None:
            return
        names, _filter = qt.QFileDialog.getOpenFileNames(
            self.window,
            self.tr("Fusionner des fichiers"),
            str(session.path.parent),
            self.tr("Enquêtes fieldkit (*.fieldkit)"),
        )
        own = session.path.resolve()
        paths = [Path(n) for n in names if Path(n).resolve() != own]
        if not paths:
            return

        def dry_run(survey: Survey, progress: Progress) -> MergeReport | None:
            from fieldkit.exchange import merge_into

            try:
                return merge_into(
                    survey.log, paths, dry_run=True, skip_bad=True, progress=steps(progress)
                )
            except Cancelled:
                return None

        run_operation(
            self.window,
            session.executor,
            self.tr("Lecture des fichiers à fusionner…"),
            dry_run,
            lambda report: self._confirm_merge(session, report),
            self.tr("Impossible de lire ces fichiers"),
        )

    def _confirm_merge(self, session: SurveySession, report: MergeReport | None) -> None:
        from ui.exchange.merge_dialog import MergeDialog

        if report is None or session is not self.window.session:
            return
        dialog = MergeDialog(self.window, report, session.path.name, preview=True)
        if not dialog.exec() or not dialog.brings_anything:
            return
        paths = [s.path for s in dialog.to_merge()]

        def merge(survey: Survey, progress: Progress) -> MergeReport | None:
            from fieldkit.exchange import merge_into

            try:
                return merge_into(survey.log, paths, progress=steps(progress))
            except Cancelled:  # rolled back: the survey is as it was
                return None

        run_operation(
            self.window,
            session.executor,
            i18n.plural(
                len(paths), self.tr("Fusion de %1 fichier…"), self.tr("Fusion de %1 fichiers…")
            ),
            merge,
            lambda merged: self._merged(session, merged),
            self.tr("La fusion n’a pas eu lieu"),
        )

    def _merged(self, session: SurveySession, report: MergeReport | None) -> None:
        from ui.exchange.merge_dialog import MergeDialog

        if session is not self.window.session:
            return
        if report is None:
            self.window.statusBar().showMessage(
                self.tr("Fusion annulée : l’enquête n’a pas changé."), STATUS_MESSAGE_MS
            )
            return
        self._done()
        MergeDialog(self.window, report, session.path.name, preview=False).exec()

    # -- sync ----------------------------------------------------------------------

    def sync(self, choose: bool = False) -> None:
        """Sync with the survey's folder; ask for it the first time (or when it is gone)."""
        session = self._session()
        if session is None:
            return
        settings = self.window.settings
        folder = settings.sync_folder(session.path)
        if choose or folder is None or not folder.is_dir():
            if folder is not None and not folder.is_dir():
                missing = self.tr("Le dossier « %1 » est introuvable : choisissez le dossier")
                title = missing.replace("%1", str(folder))
            else:
                title = self.tr("Choisir le dossier de synchronisation")
            start = folder if folder is not None else session.path.parent
            chosen = qt.QFileDialog.getExistingDirectory(self.window, title, str(start))
            if not chosen:
                return
            folder = Path(chosen)
            settings.set_sync_folder(session.path, folder)
        target = folder

        def work(survey: Survey, progress: Progress) -> SyncReport | None:
            from fieldkit.exchange import sync_folder

            try:
                return sync_folder(survey.log, target, progress=steps(progress))
            except Cancelled:
                return None

        run_operation(
            self.window,
            session.executor,
            self.tr("Synchronisation avec « %1 »…").replace("%1", str(folder)),
            work,
            lambda report: self._synced(session, target, report),
            self.tr("La synchronisation n’a pas eu lieu"),
        )

    def _synced(self, session: SurveySession, folder: Path, report: SyncReport | None) -> None:
        from ui.exchange.sync_report import SyncResultDialog

        if session is not self.window.session:
            return
        self._done()
        if report is None:
            self.window.statusBar().showMessage(
                self.tr("Synchronisation annulée : rien n’a été reçu."), STATUS_MESSAGE_MS
            )
            return
        if not report.warnings and not report.merged.brought_anything:
            # Nothing to read: a word in the status bar, not a window to close.
            self.window.statusBar().showMessage(
                self.tr("Synchronisé avec « %1 » : rien de nouveau.").replace("%1", folder.name),
                STATUS_MESSAGE_MS,
            )
            return
        dialog = SyncResultDialog(self.window, report, folder)
        dialog.exec()
        if dialog.change_folder_requested:
            self.sync(choose=True)

    # -- joining a team's survey ---------------------------------------------------

    def join(self) -> None:
        """Make one's own file of a team's survey, open it, and sync it with the team's folder."""
        from ui.exchange.join_dialog import JoinDialog

        dialog = JoinDialog(self.window, self.window.settings.default_folder)
        if not dialog.exec() or dialog.source is None:
            return
        source, target, survey_id = dialog.source, dialog.target(), dialog.survey_id()
        if target.exists():
            show_error(
                self.window,
                self.tr("La nouvelle enquête n’a pas été créée"),
                self.tr("Un fichier « %1 » existe déjà.").replace("%1", str(target)),
            )
            return
        try:
            # The new file is made, and filled, on a writer thread of its own.
            executor = SurveyExecutor(lambda: Survey(ChangeLog.create(target, current_device())))
        except FieldkitError as error:
            show_error(self.window, self.tr("La nouvelle enquête n’a pas été créée"), str(error))
            return
        joined: list[MergeReport] = []

        def work(survey: Survey, progress: Progress) -> MergeReport:
            from fieldkit.exchange import join_into

            return join_into(survey.log, source, survey_id, progress=steps(progress))

        def done(report: MergeReport) -> None:
            joined.append(report)
            executor.close()
            if self.window.open_path(target) and source.is_dir():
                self.window.settings.set_sync_folder(target, source)

        run_operation(
            self.window,
            executor,
            self.tr("Lecture de l’enquête de l’équipe…"),
            work,
            done,
            self.tr("La nouvelle enquête n’a pas été créée"),
        )

        def finish(_nothing: None) -> None:
            executor.close()
            if not joined:  # failed or cancelled: no half-made survey stays behind
                from fieldkit.exchange import remove_survey_file

                remove_survey_file(target)

        executor.submit(lambda _survey: None, finish)

    # -- conflicts -----------------------------------------------------------------

    def show_conflicts(self, conflict_id: str = "") -> None:
        """Open the conflict panel, on the conflict ``conflict_id`` when one is named."""
        from ui.exchange.conflict_panel import ConflictPanel

        session = self.window.session
        if session is None:
            return
        if self.panel is not None and self.panel.session is not session:
            self.panel.close()
            self.panel.deleteLater()
            self.panel = None
        if self.panel is None:
            self.panel = ConflictPanel(
                self.window, session, self.window.refresh, lambda: self.window.session is session
            )
        else:
            session.flush_and_wait()
            self.panel.reload()
        if conflict_id:
            self.panel.select(conflict_id)
        self.panel.show()
        self.panel.raise_()
        self.panel.activateWindow()


def install_exchange(window: MainWindow) -> Exchange:
    """Give the window its merge, sync and conflict commands."""
    return Exchange(window)
