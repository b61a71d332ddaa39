"""*Exporter…*: monographs, working files, the synthesis, tables, JSON and REFI-QDA projects.

The dialog only gathers choices (what, for which initiative, with which
template, language and names); the file name is asked next, then the export
runs in the background with a progress dialog that can cancel it. The export
reads the survey through its own read-only connection, opened in the
background function: it never touches a widget, and since it is queued behind
the pending autosaves it holds every word typed before *Exporter…*.

Every export writes a temporary file beside the target and renames it at the
end (:mod:`fieldkit.export.output`), so a cancelled or failed export leaves
nothing under the real name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from fieldkit.survey import Survey
from ui import i18n
from ui.qt import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDesktopServices,
    QDialog,
    QDialogButtonBox,
    QEvent,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QObject,
    QPushButton,
    QRadioButton,
    QStyle,
    QUrl,
    QVBoxLayout,
    QWidget,
)
from ui.session import Progress, run_operation
from ui.style import heading, make_quiet, scaled_font
from ui.widgets import make_action, show_error, with_shortcut

if TYPE_CHECKING:
    from ui.shell import MainWindow

MONOGRAPH, WORKING, SYNTHESIS = "monograph", "working", "synthesis"
TABLE, JSON, QDPX = "table", "json", "qdpx"
KINDS = (MONOGRAPH, WORKING, SYNTHESIS, TABLE, JSON, QDPX)
WORD_KINDS = {MONOGRAPH, WORKING, SYNTHESIS}
# Exports of one initiative, chosen in the dialog's list.
INITIATIVE_KINDS = {MONOGRAPH, WORKING}
TEMPLATE_SUFFIXES = (".docx", ".dotx")
# Characters no file name may hold on Windows, macOS or Linux.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


@dataclass(frozen=True)
class ExportRequest:
    """What the person chose in the dialog: everything the background export needs."""

    kind: str
    initiative: str = ""
    table_format: str = "xlsx"
    template: Path | None = None
    language: str = "fr"
    pseudonymize: bool = False
    include_drafts: bool = False

    @property
    def suffix(self) -> str:
        if self.kind in WORD_KINDS:
            return ".docx"
        if self.kind == TABLE:
            return f".{self.table_format}"
        return f".{self.kind}"


@dataclass
class Exported:
    """The files an export wrote (the first is the one to open) and what it warns of."""

    paths: list[Path]
    warnings: list[str] = field(default_factory=list)


def run_export(
    request: ExportRequest, survey_path: Path, target: Path, progress: Progress
) -> Exported:
    """Write the export (background thread: no widget here); cancelling raises ``Cancelled``."""

    def step(done: int, total: int) -> None:
        progress.check()  # raising here stops the export before anything is written
        progress.report(done, total, "")

    progress.check()
    with Survey.open(survey_path, readonly=True) as survey:
        kind = request.kind
        if kind == MONOGRAPH:
            from fieldkit.export import write_monograph

            path = write_monograph(
                survey,
                request.initiative,
                target,
                request.template,
                request.language,
                request.pseudonymize,
                request.include_drafts,
                progress=step,
            )
            return Exported([path])
        if kind == WORKING:
            from fieldkit.export import write_working_file

            path = write_working_file(
                survey,
                request.initiative,
                target,
                request.template,
                request.language,
                request.pseudonymize,
                progress=step,
            )
            return Exported([path])
        if kind == SYNTHESIS:
            from fieldkit.export import write_synthesis

            path = write_synthesis(
                survey,
                target,
                request.template,
                request.language,
                request.pseudonymize,
                request.include_drafts,
                progress=step,
            )
            return Exported([path])
        if kind == TABLE:
            from fieldkit.export import write_csv, write_xlsx

            write = write_xlsx if request.table_format == "xlsx" else write_csv
            written = write(survey, target, request.language, request.pseudonymize)
            return Exported(list(written.paths), list(written.warnings))
        if kind == JSON:
            from fieldkit.export import write_json

            return Exported([write_json(survey, target)])
        from fieldkit.interop.qdpx import write_qdpx

        written = write_qdpx(survey, target, request.language, request.pseudonymize, step)
        return Exported(list(written.paths), list(written.warnings))


def safe_file_name(text: str) -> str:
    """A file name from an initiative's name: no slash, colon or other forbidden character."""
    cleaned = _UNSAFE.sub(" ", text).strip(" .")
    return re.sub(r"\s+", " ", cleaned) or "export"


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
        choices = QGridLayout()
        choices.setHorizontalSpacing(12)
        choices.setVerticalSpacing(2)
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
        for row, (kind, text, description, extra) in enumerate(rows):
            button = QRadioButton(text, self)
            button.setMinimumWidth(button.sizeHint().width())
            self.kinds.addButton(button)
            self.buttons[kind] = button
            if extra is not None:
                choices.addWidget(button, row * 2, 0)
                choices.addWidget(extra, row * 2, 1)
                details.append((button, extra))
            else:
                choices.addWidget(button, row * 2, 0, 1, 2)
            note = QLabel(description, self)
            make_quiet(note)
            note.setWordWrap(True)
            note.setContentsMargins(indent, 0, 0, 6)
            choices.addWidget(note, row * 2 + 1, 0, 1, 2)
        choices.setColumnStretch(1, 1)
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
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 84)
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
        window.installEventFilter(self)

    def _retranslate(self) -> None:
        for action, text in (
            (self.export_action, self.tr("&Exporter…")),
            (self.qdpx_action, self.tr("Exporter pour l’analyse &qualitative (.qdpx)…")),
        ):
            action.setText(text)
            action.setIconText(text.replace("&", ""))  # the toolbar keeps the « … »
            action.setToolTip(with_shortcut(text.replace("&", "").rstrip("…"), action))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        return False

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
        title = reader.title or session.path.stem
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
        name, _filter = QFileDialog.getSaveFileName(
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
        dialog = ExportDoneDialog(self.window, exported)
        dialog.exec()
        main = exported.paths[0]
        if dialog.choice == ExportDoneDialog.OPEN:
            url = QUrl.fromLocalFile(str(main))
        elif dialog.choice == ExportDoneDialog.SHOW:
            url = QUrl.fromLocalFile(str(main.parent))
        else:
            return
        if not QDesktopServices.openUrl(url):
            show_error(
                self.window,
                self.tr("Aucun programme n’a pu ouvrir ce fichier"),
                str(main),
            )


def install_exports(window: MainWindow) -> ExportCommands:
    """Add the export commands to ``window`` (the *Enquête* menu and the overview)."""
    return ExportCommands(window)
