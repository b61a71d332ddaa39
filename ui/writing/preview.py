"""*Aperçu*: the monograph as it stands, written to a temporary .docx and opened.

The document is written on the writer thread, behind the pending saves, so
it holds every word typed before the click; a progress dialog can cancel it.
It then opens in the system's word processor. Each preview gets a file of its
own: Word keeps the previous one locked while it is open, and an export
never replaces a file open in Word.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from fieldkit.export import write_monograph
from fieldkit.survey import Survey
from ui.export import safe_file_name
from ui.qt import QDesktopServices, QObject, QUrl, QWidget
from ui.session import Progress, SurveySession, run_operation
from ui.widgets import show_error


def write_preview(
    survey: Survey, initiative_id: str, language: str, target: Path, progress: Progress
) -> Path:
    """Write the monograph for a preview (writer thread: no widget here).

    Every visit counts, drafts included, as in the material the author writes
    from; cancelling raises before anything is written under the name.
    """

    def step(done: int, total: int) -> None:
        progress.check()
        progress.report(done, total, "")

    progress.check()
    return write_monograph(
        survey, initiative_id, target, None, language, include_drafts=True, progress=step
    )


class Preview(QObject):
    """Previews of one survey's monographs, in a private temporary folder."""

    def __init__(self, parent: QWidget, session: SurveySession) -> None:
        super().__init__(parent)
        self._parent = parent
        self._session = session
        self._folder = tempfile.TemporaryDirectory(
            prefix="fieldkit-apercu-", ignore_cleanup_errors=True
        )
        self._count = 0

    def start(self, initiative_id: str, name: str, language: str) -> Progress:
        """Write the preview in the background; open it when it is written."""
        self._count += 1
        stem = self.tr("Monographie – %1 (aperçu %2)")
        stem = stem.replace("%1", name).replace("%2", str(self._count))
        target = Path(self._folder.name) / f"{safe_file_name(stem)}.docx"
        self._session.saver.flush()  # queued first: the preview sees every word typed

        return run_operation(
            self._parent,
            self._session.executor,
            self.tr("Préparation de l’aperçu…"),
            lambda survey, progress: write_preview(
                survey, initiative_id, language, target, progress
            ),
            self.open,
            self.tr("Impossible de préparer l’aperçu"),
        )

    def open(self, path: Path) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            show_error(
                self._parent,
                self.tr("Aucun traitement de texte n’a pu ouvrir l’aperçu"),
                str(path),
            )

    def cleanup(self) -> None:
        """Remove the previews (those a word processor still holds open stay behind)."""
        self._folder.cleanup()
