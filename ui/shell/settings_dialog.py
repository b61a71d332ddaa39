"""Réglages: the name changes are signed with, the language, the default folder."""

from __future__ import annotations

from pathlib import Path

from ui.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from ui.style import make_quiet

LANGUAGE_NAMES = {"fr": "Français", "en": "English"}


class SettingsDialog(QDialog):
    """Edits the preferences; the caller applies them on OK."""

    def __init__(self, parent: QWidget | None, author: str, language: str, folder: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Réglages"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.author = QLineEdit(author, self)
        form.addRow(self.tr("&Votre nom"), self.author)
        explanation = QLabel(
            self.tr("Vos réponses et vos modifications sont signées de ce nom."), self
        )
        explanation.setWordWrap(True)
        make_quiet(explanation)
        form.addRow("", explanation)
        self.language = QComboBox(self)
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(language), 0))
        form.addRow(self.tr("&Langue"), self.language)
        self.folder = QLineEdit(str(folder), self)
        browse = QPushButton(self.tr("Parcourir…"), self)
        browse.clicked.connect(self._choose_folder)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        form.addRow(self.tr("&Dossier des enquêtes"), row)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Dossier des enquêtes"))
        if folder:
            self.folder.setText(folder)

    def chosen_language(self) -> str:
        return str(self.language.currentData())

    def chosen_folder(self) -> Path:
        return Path(self.folder.text().strip()).expanduser()

    def chosen_author(self) -> str:
        return self.author.text().strip()
