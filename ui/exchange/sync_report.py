"""*Synchroniser avec un dossier…*: what a folder sync wrote, what came in, what was skipped.

The folder is chosen once per survey (remembered in the window's settings);
then one click or Ctrl+Shift+S syncs. The flow lives in :mod:`ui.exchange.commands`;
this is the dialog that tells the result.
"""

from __future__ import annotations

from pathlib import Path

from fieldkit.exchange import SourceReport, SyncReport
from ui import i18n
from ui.exchange.merge_dialog import ReportView, refused_lines
from ui.qt import QDialog, QDialogButtonBox, QLabel, Qt, QVBoxLayout, QWidget
from ui.style import ERROR, heading, make_quiet, set_text_colour


class SyncResultDialog(QDialog):
    """The sync's result; ``change_folder_requested`` when the person wants another folder."""

    def __init__(self, parent: QWidget | None, report: SyncReport, folder: Path) -> None:
        super().__init__(parent)
        self.report = report
        self.change_folder_requested = False
        self.setWindowTitle(self.tr("Synchroniser avec un dossier"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Synchronisation terminée"), self, 1.2))
        self.folder_label = QLabel(self.tr("Dossier : %1").replace("%1", str(folder)), self)
        self.folder_label.setWordWrap(True)
        make_quiet(self.folder_label)
        layout.addWidget(self.folder_label)
        self.sent = QLabel(self._sent_text(), self)
        self.sent.setWordWrap(True)
        layout.addWidget(self.sent)
        # About this laptop's own file: altered by someone, in the way, another computer's.
        self.notices = QLabel("\n".join(report.notices), self)
        self.notices.setWordWrap(True)
        self.notices.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_text_colour(self.notices, ERROR)
        self.notices.setVisible(bool(report.notices))
        layout.addWidget(self.notices)
        received = [s for s in report.merged.sources if s.skipped is None]
        # Files of other surveys share the folder; they are none of this survey's business.
        warned = [s for s in report.merged.sources if not s.other_survey]
        self.received = QLabel(self._received_text(received), self)
        self.received.setWordWrap(True)
        layout.addWidget(self.received)
        self.view = ReportView(
            self, self.tr("Fichiers ignorés (ils seront relus à la prochaine synchronisation)")
        )
        shown = [s for s in received if s.brought_anything]
        self.view.show_sources(shown, refused_lines(warned))
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.change_button = buttons.addButton(
            self.tr("Changer de dossier…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.change_button.clicked.connect(self._change_folder)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
        layout.addWidget(buttons)
        width = max(self.fontMetrics().averageCharWidth() * 110, self.sizeHint().width())
        self.resize(width, self.sizeHint().height())

    def _sent_text(self) -> str:
        name = self.report.own_file.name
        if self.report.written is None:
            return self.tr("Votre fichier dans le dossier (« %1 ») était déjà à jour.").replace(
                "%1", name
            )
        return i18n.plural(
            self.report.written,
            self.tr("Ce qui manquait au dossier est écrit dans « %2 » (%1 changement)."),
            self.tr("Ce qui manquait au dossier est écrit dans « %2 » (%1 changements)."),
        ).replace("%2", name)

    def _received_text(self, received: list[SourceReport]) -> str:
        if not received:
            return self.tr("Aucun autre fichier d’enquête dans ce dossier pour l’instant.")
        if not any(s.brought_anything for s in received):
            return i18n.plural(
                len(received),
                self.tr("Rien de nouveau dans l’autre fichier du dossier."),
                self.tr("Rien de nouveau dans les %1 autres fichiers du dossier."),
            )
        return self.tr("Reçu des autres fichiers du dossier :")

    def _change_folder(self) -> None:
        self.change_folder_requested = True
        self.accept()
