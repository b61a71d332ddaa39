"""*Nouvelle enquête*: a file name, a folder, and the guide to answer it with.

The guide may be a fieldkit guide (.yaml) or an XLSForm workbook (.xlsx, as
ODK and KoboToolbox write them), converted when the survey is created.
"""

from __future__ import annotations

from pathlib import Path

from fieldkit.resources import builtin_guide_path
from ui.qt import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from ui.widgets import ok_cancel

EXTENSION = ".fieldkit"


class NewSurveyDialog(QDialog):
    """Where the new survey file goes, and whether it uses the built-in guide."""

    def __init__(self, parent: QWidget | None, folder: Path, guide: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Nouvelle enquête"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("par exemple : visites-2026"))
        form.addRow(self.tr("&Nom du fichier"), self.name)
        self.folder = QLineEdit(str(folder), self)
        browse = QPushButton(self.tr("Parcourir…"), self)
        browse.clicked.connect(self._choose_folder)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        folder_label = QLabel(self.tr("&Dossier"), self)
        folder_label.setBuddy(self.folder)
        form.addRow(folder_label, row)
        layout.addLayout(form)
        self.builtin = QRadioButton(self.tr("Guide intégré : « Monographie d’initiative »"), self)
        self.builtin.setChecked(True)
        self.from_file = QRadioButton(self.tr("Un guide enregistré sur le disque :"), self)
        self.guide_path = QLineEdit(self)
        self.guide_path.setPlaceholderText(self.tr("fichier .yaml ou formulaire XLSForm (.xlsx)"))
        choose = QPushButton(self.tr("Choisir…"), self)
        choose.clicked.connect(self._choose_guide)
        guide_row = QHBoxLayout()
        guide_row.addWidget(self.guide_path, 1)
        guide_row.addWidget(choose)
        layout.addWidget(self.builtin)
        layout.addWidget(self.from_file)
        layout.addLayout(guide_row)
        buttons, self.ok = ok_cancel(self, self.tr("Créer l’enquête"))
        layout.addWidget(buttons)
        self.name.textChanged.connect(lambda _text: self._update())
        self.guide_path.textChanged.connect(lambda _text: self._update())
        self.from_file.toggled.connect(lambda _on: self._update())
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)
        if guide is not None:
            self.guide_path.setText(str(guide))
            self.from_file.setChecked(True)
            self.name.setText(guide.stem)
        self._update()

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Dossier de l’enquête"))
        if folder:
            self.folder.setText(folder)

    def _choose_guide(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choisir un guide d’entretien"),
            "",
            self.tr("Guides et formulaires XLSForm (*.yaml *.yml *.xlsx *.xlsm)"),
        )
        if name:
            self.guide_path.setText(name)
            self.from_file.setChecked(True)

    def _update(self) -> None:
        ready = bool(self.name.text().strip())
        if self.from_file.isChecked():
            ready = ready and bool(self.guide_path.text().strip())
        self.ok.setEnabled(ready)

    def survey_path(self) -> Path:
        name = self.name.text().strip()
        if not name.endswith(EXTENSION):
            name += EXTENSION
        return Path(self.folder.text().strip()).expanduser() / name

    def guide(self) -> Path:
        if self.from_file.isChecked():
            return Path(self.guide_path.text().strip()).expanduser()
        return builtin_guide_path()
