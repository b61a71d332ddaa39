"""The export dialogs: what to export (kind, initiative, template, language, names),
then, once written, an offer to open the file or its folder.

They only gather choices and show results; :mod:`ui.export.commands` asks for
the file name and runs the export.
"""

from __future__ import annotations

from pathlib import Path

from ui import i18n
from ui.export.request import (
    INITIATIVE_KINDS,
    JSON,
    MONOGRAPH,
    QDPX,
    SYNTHESIS,
    TABLE,
    WORD_KINDS,
    WORKING,
    Exported,
    ExportRequest,
)
from ui.qt import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)
from ui.style import heading, make_quiet, scaled_font


class ExportDialog(QDialog):
    """What to export, and how: the choices of one export, no file name yet."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        initiatives: list[tuple[str, str]],
        chosen: ExportRequest,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Exporter — %1").replace("%1", title))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        question = i18n.french_spacing(self.tr("Que voulez-vous exporter ?"))
        layout.addWidget(heading(question, self, 1.3))
        self.kinds = QButtonGroup(self)
        self.kinds.setExclusive(True)
        self.initiative = QComboBox(self)
        for initiative_id, name in initiatives:
            self.initiative.addItem(name, initiative_id)
        self.table_format = QComboBox(self)
        self.table_format.addItem(self.tr("Excel (.xlsx)"), "xlsx")
        self.table_format.addItem(self.tr("CSV (.csv)"), "csv")
        # One box per choice rather than a grid: a box gives a wrapped description
        # the height its width needs, where a grid cell spanning columns cut its last line.
        choices = QVBoxLayout()
        choices.setSpacing(2)
        rows = [
            (
                MONOGRAPH,
                self.tr("&Monographie d’une initiative (.docx)"),
                self.tr(
                    "Le document à publier : le texte écrit de chaque section, "
                    "ou à défaut les réponses des visites terminées."
                ),
                self.initiative,
            ),
            (
                WORKING,
                self.tr("&Dossier de travail de cette initiative (.docx)"),
                self.tr(
                    "Pour l’équipe : toutes les réponses de toutes les visites, brouillons, "
                    "notes et questions internes compris, « à ne pas diffuser »."
                ),
                None,
            ),
            (
                SYNTHESIS,
                self.tr("&Synthèse de toutes les initiatives (.docx)"),
                self.tr("Axe par axe, ce que chaque initiative a répondu, côte à côte."),
                None,
            ),
            (
                TABLE,
                self.tr("&Tableau des réponses"),
                self.tr("Une ligne par entretien, une colonne par question."),
                self.table_format,
            ),
            (
                JSON,
                self.tr("&Données complètes (.json)"),
                self.tr("Tout le contenu de l’enquête, pour un autre programme."),
                None,
            ),
            (
                QDPX,
                self.tr("Projet pour l’analyse &qualitative (.qdpx)"),
                self.tr("Pour NVivo, ATLAS.ti, MAXQDA ou QualCoder : entretiens déjà codés."),
                None,
            ),
        ]
        self.buttons: dict[str, QRadioButton] = {}
        details: list[tuple[QRadioButton, QWidget]] = []
        style = self.style()
        indent = style.pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth) + (
            style.pixelMetric(QStyle.PixelMetric.PM_RadioButtonLabelSpacing)
        )
        made = [
            (QRadioButton(text, self), kind, description, extra)
            for kind, text, description, extra in rows
        ]
        # The lists beside some choices line up, after the widest of those choices.
        aligned = max(b.sizeHint().width() for b, *_rest, extra in made if extra is not None)
        for button, kind, description, extra in made:
            self.kinds.addButton(button)
            self.buttons[kind] = button
            line = QHBoxLayout()
            line.setSpacing(12)
            line.addWidget(button)
            if extra is not None:
                button.setMinimumWidth(aligned)
                line.addWidget(extra, 1)
                details.append((button, extra))
            else:
                button.setMinimumWidth(button.sizeHint().width())
                line.addStretch(1)
            choices.addLayout(line)
            note = QLabel(i18n.french_spacing(description), self)
            make_quiet(note)
            note.setWordWrap(True)
            note.setContentsMargins(indent, 0, 0, 6)
            choices.addWidget(note)
        layout.addLayout(choices)
        options_title = QLabel(self.tr("Options"), self)
        options_title.setFont(scaled_font(options_title, 1.0, bold=True))
        layout.addSpacing(6)
        layout.addWidget(options_title)
        form = QFormLayout()
        self.template = QLineEdit(self)
        self.template.setPlaceholderText(self.tr("celui de fieldkit"))
        self.template.setClearButtonEnabled(True)
        self.template_button = QPushButton(self.tr("Choisir…"), self)
        self.template_button.clicked.connect(self._choose_template)
        template_row = QHBoxLayout()
        template_row.addWidget(self.template, 1)
        template_row.addWidget(self.template_button)
        self.template_label = QLabel(self.tr("&Modèle Word"), self)
        self.template_label.setBuddy(self.template)
        form.addRow(self.template_label, template_row)
        self.language = QComboBox(self)
        self.language.addItem("Français", "fr")
        self.language.addItem("English", "en")
        self.language_label = QLabel(self.tr("&Langue du document"), self)
        self.language_label.setBuddy(self.language)
        form.addRow(self.language_label, self.language)
        layout.addLayout(form)
        self.pseudonymize = self._check(
            self.tr("&Pseudonymiser les personnes rencontrées"),
            self.tr(
                "Remplacer leurs noms par leur rôle et leurs initiales, pour un document "
                "qui sort du réseau. Les personnes qui ont refusé d’être nommées le sont "
                "toujours."
            ),
        )
        layout.addWidget(self.pseudonymize)
        self.drafts = self._check(
            self.tr("Inclure les entretiens en &brouillon"),
            self.tr("Par défaut, seuls les entretiens terminés entrent dans le document."),
        )
        layout.addWidget(self.drafts)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = box.addButton(self.tr("Exporter…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addSpacing(6)
        layout.addWidget(box)
        for button, detail in details:  # Tab reads each line: the choice, then its detail
            QWidget.setTabOrder(button, detail)
        self._show(chosen)
        self.kinds.buttonToggled.connect(lambda _button, _on: self._update())
        # Wide enough for each description on one line, as far as the screen allows:
        # a dialog does not give wrapped labels the height their lines need.
        margins = layout.contentsMargins()
        widest = max(self.fontMetrics().horizontalAdvance(row[2]) for row in rows)
        wanted = max(
            widest + indent + margins.left() + margins.right() + 8,
            84 * self.fontMetrics().averageCharWidth(),
        )
        screen = self.screen().availableGeometry().width() if self.screen() else wanted
        self.setMinimumWidth(min(wanted, screen * 9 // 10))
        self._update()

    def _check(self, text: str, tip: str) -> QCheckBox:
        box = QCheckBox(text, self)
        box.setToolTip(tip)
        return box

    def _show(self, chosen: ExportRequest) -> None:
        self.buttons.get(chosen.kind, self.buttons[MONOGRAPH]).setChecked(True)
        index = self.initiative.findData(chosen.initiative)
        self.initiative.setCurrentIndex(max(index, 0))
        self.table_format.setCurrentIndex(max(self.table_format.findData(chosen.table_format), 0))
        self.template.setText(str(chosen.template) if chosen.template else "")
        self.language.setCurrentIndex(max(self.language.findData(chosen.language), 0))
        self.pseudonymize.setChecked(chosen.pseudonymize)
        self.drafts.setChecked(chosen.include_drafts)

    def kind(self) -> str:
        return next(k for k, b in self.buttons.items() if b.isChecked())

    def _update(self) -> None:
        """Offer only the options the chosen export takes."""
        kind = self.kind()
        word = kind in WORD_KINDS
        for widget in (self.template, self.template_button, self.template_label):
            widget.setEnabled(word)
        self.drafts.setEnabled(word and kind != WORKING)  # the working file holds them all
        for widget in (self.language, self.language_label, self.pseudonymize):
            widget.setEnabled(kind != JSON)
        self.initiative.setEnabled(kind in INITIATIVE_KINDS)
        self.table_format.setEnabled(kind == TABLE)
        self.ok.setEnabled(kind not in INITIATIVE_KINDS or self.initiative.count() > 0)

    def _choose_template(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choisir un modèle Word"),
            self.template.text(),
            self.tr("Modèles Word (*.docx *.dotx)"),
        )
        if name:
            self.template.setText(name)

    def request(self) -> ExportRequest:
        template = self.template.text().strip()
        return ExportRequest(
            kind=self.kind(),
            initiative=str(self.initiative.currentData() or ""),
            table_format=str(self.table_format.currentData()),
            template=Path(template).expanduser() if template else None,
            language=str(self.language.currentData()),
            pseudonymize=self.pseudonymize.isChecked(),
            include_drafts=self.drafts.isChecked(),
        )


class ExportDoneDialog(QDialog):
    """The export is written: open it, show it in its folder, or close."""

    CLOSE, OPEN, SHOW = 0, 1, 2

    def __init__(self, parent: QWidget | None, exported: Exported) -> None:
        super().__init__(parent)
        self.choice = self.CLOSE
        self.setWindowTitle(self.tr("Export terminé"))
        main = exported.paths[0]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(8)
        layout.addWidget(heading(self.tr("« %1 » est prêt.").replace("%1", main.name), self, 1.2))
        folder = QLabel(self.tr("Dans le dossier %1").replace("%1", str(main.parent)), self)
        folder.setWordWrap(True)
        make_quiet(folder)
        layout.addWidget(folder)
        others = [p.name for p in exported.paths[1:]]
        if others:
            beside = QLabel(self.tr("Et à côté : %1").replace("%1", ", ".join(others)), self)
            beside.setWordWrap(True)
            layout.addWidget(beside)
        if exported.warnings:
            title = QLabel(self.tr("À savoir :"), self)
            title.setFont(scaled_font(title, 1.0, bold=True))
            layout.addSpacing(4)
            layout.addWidget(title)
            notes = QLabel("\n".join(f"• {w}" for w in exported.warnings), self)
            notes.setWordWrap(True)
            layout.addWidget(notes)
        box = QDialogButtonBox(self)
        self.open_button = box.addButton(
            self.tr("&Ouvrir le fichier"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.show_button = box.addButton(
            self.tr("&Afficher dans le dossier"), QDialogButtonBox.ButtonRole.ActionRole
        )
        close = box.addButton(QDialogButtonBox.StandardButton.Close)
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(lambda: self._choose(self.OPEN))
        self.show_button.clicked.connect(lambda: self._choose(self.SHOW))
        close.clicked.connect(self.reject)
        layout.addSpacing(6)
        layout.addWidget(box)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)

    def _choose(self, choice: int) -> None:
        self.choice = choice
        self.accept()
