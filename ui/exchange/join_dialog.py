"""*Rejoindre une enquête…*: one's own file of a team's survey, from its folder or a file.

Joining never creates a second survey with the same title (DESIGN.md §5):
the person points at the team's sync folder (where several surveys may
live side by side: one is chosen) or at a file a colleague sent, and names
the new file. The flow that makes it lives in :mod:`ui.exchange.commands`.
"""

from __future__ import annotations

from pathlib import Path

from fieldkit.errors import FieldkitError
from fieldkit.exchange import FolderSurvey, surveys_in
from ui.qt import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from ui.style import ERROR, make_quiet, set_text_colour
from ui.widgets import ok_cancel

EXTENSION = ".fieldkit"


class JoinDialog(QDialog):
    """Where the survey comes from (a folder or a file), which one, and the new file's place."""

    def __init__(self, parent: QWidget | None, folder: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Rejoindre une enquête"))
        self.source: Path | None = None
        self.surveys: list[FolderSurvey] = []
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Faites votre propre fichier de l’enquête d’une équipe, à partir de son dossier "
                "de synchronisation ou du fichier qu’un·e collègue vous a envoyé."
            ),
            self,
        )
        intro.setWordWrap(True)
        make_quiet(intro)
        layout.addWidget(intro)
        form = QFormLayout()
        self.source_label = QLabel(self.tr("(aucun dossier ni fichier choisi)"), self)
        self.source_label.setWordWrap(True)
        self.from_folder = QPushButton(self.tr("Son &dossier…"), self)
        self.from_folder.clicked.connect(self._choose_folder)
        self.from_file = QPushButton(self.tr("Un &fichier…"), self)
        self.from_file.clicked.connect(self._choose_file)
        row = QHBoxLayout()
        row.addWidget(self.source_label, 1)
        row.addWidget(self.from_folder)
        row.addWidget(self.from_file)
        form.addRow(self.tr("À partir de"), row)
        self.survey_choice = QComboBox(self)
        form.addRow(self.tr("&Enquête"), self.survey_choice)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        set_text_colour(self.problem, ERROR)
        form.addRow("", self.problem)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("par exemple : visites-2026"))
        form.addRow(self.tr("&Nom du fichier"), self.name)
        self.folder = QLineEdit(str(folder), self)
        browse = QPushButton(self.tr("Parcourir…"), self)
        browse.clicked.connect(self._choose_target_folder)
        target_row = QHBoxLayout()
        target_row.addWidget(self.folder, 1)
        target_row.addWidget(browse)
        form.addRow(self.tr("Enregistrer dans"), target_row)
        layout.addLayout(form)
        buttons, self.ok = ok_cancel(self, self.tr("Rejoindre l’enquête"))
        layout.addWidget(buttons)
        self.name.textChanged.connect(lambda _text: self._update())
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)
        self._show_surveys()

    # -- choosing --------------------------------------------------------------------

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Le dossier de synchronisation de l’équipe")
        )
        if chosen:
            self.set_source(Path(chosen))

    def _choose_file(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Le fichier d’enquête d’un·e collègue"),
            "",
            self.tr("Enquêtes fieldkit (*.fieldkit)"),
        )
        if chosen:
            self.set_source(Path(chosen))

    def _choose_target_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Dossier du nouveau fichier"))
        if chosen:
            self.folder.setText(chosen)

    def set_source(self, source: Path) -> None:
        """Take a folder (its surveys are listed) or a file as where the survey comes from."""
        self.source = source
        self.source_label.setText(str(source))
        self.surveys = []
        problem = ""
        if source.is_dir():
            try:
                self.surveys = surveys_in(source)
            except (FieldkitError, OSError) as error:
                problem = str(error)
            if not self.surveys and not problem:
                problem = self.tr("Ce dossier ne contient aucun fichier d’enquête lisible.")
        self.problem.setText(problem)
        self._show_surveys()
        if not self.name.text().strip():
            title = self.surveys[0].identity.title if self.surveys else source.stem
            self.name.setText(title)

    def _show_surveys(self) -> None:
        self.survey_choice.clear()
        for survey in self.surveys:
            self.survey_choice.addItem(survey.identity.named(beside=survey.identity))
        self.survey_choice.setEnabled(len(self.surveys) > 1)
        self.survey_choice.setVisible(bool(self.surveys))
        self.problem.setVisible(bool(self.problem.text()))
        self._update()

    def _update(self) -> None:
        chosen = self.source is not None and (self.source.is_file() or bool(self.surveys))
        self.ok.setEnabled(chosen and bool(self.name.text().strip()))

    # -- what was chosen ----------------------------------------------------------------

    def survey_id(self) -> str | None:
        """The id of the survey chosen in a folder (None for a file)."""
        if not self.surveys:
            return None
        return self.surveys[max(self.survey_choice.currentIndex(), 0)].identity.id

    def target(self) -> Path:
        name = self.name.text().strip()
        if not name.endswith(EXTENSION):
            name += EXTENSION
        return Path(self.folder.text().strip()).expanduser() / name
