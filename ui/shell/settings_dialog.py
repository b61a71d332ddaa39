"""Réglages: the name changes are signed with, the language, the default folder; and the
first launch's question, the facilitator's name.

The name is never the computer's login name ("root", "pc-accueil"): until the
person gives one, the name fields stay empty.
"""

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
from ui.widgets import ok_cancel

LANGUAGE_NAMES = {"fr": "Français", "en": "English"}


class SettingsDialog(QDialog):
    """Edits the preferences; the caller applies them on OK."""

    def __init__(self, parent: QWidget | None, author: str, language: str, folder: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Réglages"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.author = QLineEdit(author, self)
        self.author.setPlaceholderText(self.tr("Prénom Nom"))
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
        # A label beside a layout has no buddy of its own: give it the field, or
        # its "&" would show as is instead of underlining the shortcut letter.
        folder_label = QLabel(self.tr("&Dossier des enquêtes"), self)
        folder_label.setBuddy(self.folder)
        form.addRow(folder_label, row)
        layout.addLayout(form)
        buttons, _ok = ok_cancel(self)
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


class FacilitatorDialog(QDialog):
    """First launch: who is interviewing, so that their work is signed with their name."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Bienvenue dans fieldkit"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Votre nom signe vos entretiens et vos modifications : vos collègues "
                "le verront quand vos fichiers seront réunis. Vous pourrez le changer "
                "dans les Réglages."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.author = QLineEdit(self)
        self.author.setPlaceholderText(self.tr("Prénom Nom"))
        form.addRow(self.tr("&Votre nom"), self.author)
        layout.addLayout(form)
        buttons = QDialogButtonBox(self)
        self.save = buttons.addButton(
            self.tr("Enregistrer"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.later = buttons.addButton(self.tr("Plus tard"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.author.textChanged.connect(lambda text: self.save.setEnabled(bool(text.strip())))
        self.save.setEnabled(False)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

    def chosen_author(self) -> str:
        return self.author.text().strip()
