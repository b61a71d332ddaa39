"""*Exporter…* in the window: monographs, working files, the synthesis, tables, JSON
and REFI-QDA projects.

The dialog gathers the choices, the file name is asked next, then the export
runs in the background with a progress dialog that can cancel it. The dialogs
are imported when first opened, so the window starts as fast.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ui import i18n, qt
from ui.export.request import (
    JSON,
    MONOGRAPH,
    QDPX,
    SYNTHESIS,
    TABLE,
    WORKING,
    Exported,
    ExportRequest,
    run_export,
    safe_file_name,
)
from ui.qt import QObject
from ui.session import Progress, run_operation
from ui.widgets import make_action, show_error, with_shortcut

if TYPE_CHECKING:
    from ui.shell import MainWindow


class ExportCommands(QObject):
    """*Exporter…* and *Exporter pour l’analyse qualitative (.qdpx)…*, plugged into the window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.last: ExportRequest = ExportRequest(MONOGRAPH, language=i18n.language())
        self.last_folder: Path | None = None
        self.export_action = make_action(window, "", self.export, ["Ctrl+E"])
        self.qdpx_action = make_action(window, "", lambda: self.export(QDPX))
        self._retranslate()
        window.add_survey_action(self.export_action)
        window.add_survey_action(self.qdpx_action, toolbar=False)
        window.language_changed.connect(self._retranslate)

    def _retranslate(self) -> None:
        for action, text in (
            (self.export_action, self.tr("&Exporter…")),
            (self.qdpx_action, self.tr("Exporter pour l’analyse &qualitative (.qdpx)…")),
        ):
            action.setText(text)
            action.setIconText(text.replace("&", ""))  # the toolbar keeps the « … »
            action.setToolTip(with_shortcut(text.replace("&", "").rstrip("…"), action))

    # -- the flow ------------------------------------------------------------------

    def export(self, kind: str = "") -> None:
        """Ask what to export, then where; run it; then offer to open the result."""
        window, session = self.window, self.window.session
        if session is None:
            return
        reader = session.reader
        initiatives = [(i.id, i.name) for i in reader.initiatives()]
        selected = window.overview.selected_initiative() if window.overview is not None else ""
        chosen = self.last
        chosen = ExportRequest(
            kind or chosen.kind,
            selected or chosen.initiative,
            chosen.table_format,
            chosen.template,
            chosen.language,
            chosen.pseudonymize,
            chosen.include_drafts,
        )
        title = reader.title_in(i18n.language()) or session.path.stem
        from ui.export.dialog import ExportDialog

        dialog = ExportDialog(window, title, initiatives, chosen)
        if not dialog.exec():
            return
        request = dialog.request()
        self.last = request
        names = dict(initiatives)
        target = self._ask_target(request, title, names.get(request.initiative, ""))
        if target is None:
            return
        self.last_folder = target.parent
        self.start(request, target)

    def _ask_target(self, request: ExportRequest, title: str, initiative: str) -> Path | None:
        session = self.window.session
        assert session is not None
        if request.kind == MONOGRAPH:
            stem = self.tr("Monographie – %1").replace("%1", initiative)
        elif request.kind == WORKING:
            stem = self.tr("Dossier de travail – %1").replace("%1", initiative)
        elif request.kind == SYNTHESIS:
            stem = self.tr("Synthèse – %1").replace("%1", title)
        else:
            stem = session.path.stem
        folder = self.last_folder or session.path.parent
        suggested = folder / f"{safe_file_name(stem)}{request.suffix}"
        filters = {
            ".docx": self.tr("Documents Word (*.docx)"),
            ".xlsx": self.tr("Classeurs Excel (*.xlsx)"),
            ".csv": self.tr("Fichiers CSV (*.csv)"),
            ".json": self.tr("Fichiers JSON (*.json)"),
            ".qdpx": self.tr("Projets REFI-QDA (*.qdpx)"),
        }
        name, _filter = qt.QFileDialog.getSaveFileName(
            self.window, self.tr("Exporter vers…"), str(suggested), filters[request.suffix]
        )
        if not name:
            return None
        target = Path(name)
        if target.suffix.lower() != request.suffix:
            target = target.with_name(target.name + request.suffix)
        return target

    def start(
        self,
        request: ExportRequest,
        target: Path,
        on_done: Callable[[Exported], None] | None = None,
    ) -> Progress | None:
        """Run the export with a progress dialog; then offer the file."""
        session = self.window.session
        if session is None:
            return None
        labels = {
            MONOGRAPH: self.tr("Écriture de la monographie…"),
            WORKING: self.tr("Écriture du dossier de travail…"),
            SYNTHESIS: self.tr("Écriture de la synthèse…"),
            TABLE: self.tr("Écriture du tableau…"),
            JSON: self.tr("Écriture des données…"),
            QDPX: self.tr("Écriture du projet d’analyse qualitative…"),
        }
        survey_path = session.path
        # Queued before the export on the one writer thread: the export sees every word.
        session.saver.flush()
        return run_operation(
            self.window,
            session.executor,
            labels[request.kind],
            lambda _survey, progress: run_export(request, survey_path, target, progress),
            on_done or self.finished,
            self.tr("Impossible d’exporter"),
        )

    def finished(self, exported: Exported) -> None:
        from ui.export.dialog import ExportDoneDialog

        dialog = ExportDoneDialog(self.window, exported)
        dialog.exec()
        main = exported.paths[0]
        if dialog.choice == ExportDoneDialog.OPEN:
            url = qt.QUrl.fromLocalFile(str(main))
        elif dialog.choice == ExportDoneDialog.SHOW:
            url = qt.QUrl.fromLocalFile(str(main.parent))
        else:
            return
        if not qt.QDesktopServices.openUrl(url):
            show_error(
                self.window,
                self.tr("Aucun programme n’a pu ouvrir ce fichier"),
                str(main),
            )


def install_exports(window: MainWindow) -> ExportCommands:
    """Add the export commands to ``window`` (the *Enquête* menu and the overview)."""
    return ExportCommands(window)
