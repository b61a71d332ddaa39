"""*Fusionner des fichiers…*: what the chosen files would bring, then what they brought.

The flow (driven by :mod:`ui.exchange.commands`): the files are read in a dry run on
the writer thread, the person sees per file, and in total, what would come in,
in the words of ``fieldkit merge`` (:mod:`ui.exchange.report_words`), and which
files are refused, with the core's reason; confirms, and the merge runs as one
transaction that *Annuler* rolls back. The same dialog then shows the result.
"""

from __future__ import annotations

from collections.abc import Sequence

from fieldkit.exchange import Counts, MergeReport, SourceReport
from ui import i18n
from ui.exchange.report_words import counts_text
from ui.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QCoreApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QModelIndex,
    QPersistentModelIndex,
    QPushButton,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from ui.style import ERROR, heading, make_quiet, scaled_font, set_text_colour

FILE, BRINGS = range(2)
MAX_VISIBLE_ROWS = 12


class SourcesModel(QAbstractTableModel):
    """What each read file brings, by kind, and in total when several bring something."""

    def __init__(self, sources: Sequence[SourceReport] = ()) -> None:
        super().__init__()
        self._sources: list[SourceReport] = []
        self.total: Counts | None = None
        self.set_sources(sources)

    def set_sources(self, sources: Sequence[SourceReport]) -> None:
        self.beginResetModel()
        self._sources = list(sources)
        bringing = [s.counts for s in self._sources if s.brought_anything]
        self.total = sum(bringing, Counts()) if len(bringing) > 1 else None
        self.endResetModel()

    def source(self, row: int) -> SourceReport | None:
        return self._sources[row] if 0 <= row < len(self._sources) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self._sources) + (self.total is not None)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < 2:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Fichier"), self.tr("Ce qu’il apporte"))[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid():
            return None
        source = self.source(index.row())
        if source is None:
            return self._total_data(index.column(), role)
        if role == Qt.ItemDataRole.DisplayRole:
            return source.path.name if index.column() == FILE else counts_text(source.counts)
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(source.path) if index.column() == FILE else counts_text(source.counts)
        return None

    def _total_data(self, column: int, role: int) -> object:
        if self.total is None or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        return self.tr("Total") if column == FILE else counts_text(self.total)


class ReportView(QWidget):
    """A table of what the files bring, and below it the files left aside and why."""

    def __init__(self, parent: QWidget | None, refused_title: str) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.model = SourcesModel()
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(FILE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(BRINGS, QHeaderView.ResizeMode.Stretch)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.table)
        self.refused_title = QLabel(refused_title, self)
        self.refused_title.setFont(scaled_font(self.refused_title, 1.0, bold=True))
        layout.addWidget(self.refused_title)
        self.refused = QLabel(self)
        self.refused.setWordWrap(True)
        self.refused.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_text_colour(self.refused, ERROR)
        layout.addWidget(self.refused)
        layout.addStretch(1)

    def show_sources(self, sources: Sequence[SourceReport], refused: Sequence[str]) -> None:
        self.model.set_sources(sources)
        self.table.setVisible(bool(sources))
        # As tall as its rows (up to a dozen), not a large empty box.
        shown = min(self.model.rowCount(), MAX_VISIBLE_ROWS)
        rows = self.table.verticalHeader().defaultSectionSize() * shown
        frame = 2 * self.table.frameWidth()
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height() + rows + frame)
        self.refused.setText("\n".join(refused))
        self.refused_title.setVisible(bool(refused))
        self.refused.setVisible(bool(refused))


def refused_lines(sources: Sequence[SourceReport]) -> list[str]:
    """« name : the core's reason » for each file left aside (its folder is in the tooltip)."""
    line = i18n.french_spacing(QCoreApplication.translate("MergeDialog", "%1 : %2"))
    return [
        line.replace("%1", s.path.name).replace(
            "%2", s.skipped.removeprefix(f"{s.path}: ").removeprefix(f"{s.path.name}: ")
        )
        for s in sources
        if s.skipped is not None
    ]


class MergeDialog(QDialog):
    """The dry run's report before the merge (``preview``), or the merge's result after it."""

    def __init__(
        self, parent: QWidget | None, report: MergeReport, survey_name: str, preview: bool
    ) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(self.tr("Fusionner des fichiers"))
        layout = QVBoxLayout(self)
        accepted = [s for s in report.sources if s.skipped is None]
        refused = refused_lines(report.sources)
        if preview:
            title = self.tr("Ce que la fusion apportera à « %1 »")
        else:
            title = self.tr("Ce que la fusion a apporté à « %1 »")
        self.title = heading(title.replace("%1", survey_name), self, 1.2)
        layout.addWidget(self.title)
        self.summary = QLabel(self._summary(accepted, refused, preview), self)
        self.summary.setWordWrap(True)
        make_quiet(self.summary)
        layout.addWidget(self.summary)
        self.view = ReportView(self, self.tr("Fichiers refusés (ils ne seront pas fusionnés)"))
        self.view.show_sources(accepted, refused)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(self)
        self.merge_button: QPushButton | None = None
        if preview and self.brings_anything:
            self.merge_button = buttons.addButton(
                self.tr("Fusionner"), QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.merge_button.setDefault(True)
            buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        else:
            buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        width = max(self.fontMetrics().averageCharWidth() * 110, self.sizeHint().width())
        self.resize(width, self.sizeHint().height())

    @property
    def brings_anything(self) -> bool:
        return any(s.skipped is None and s.brought_anything for s in self.report.sources)

    def to_merge(self) -> list[SourceReport]:
        """The files worth merging: read without fault and bringing something."""
        return [s for s in self.report.sources if s.skipped is None and s.brought_anything]

    def _summary(self, accepted: list[SourceReport], refused: list[str], preview: bool) -> str:
        if not any(s.brought_anything for s in accepted):
            if refused and not accepted:
                return self.tr("Aucun de ces fichiers ne peut être fusionné.")
            return self.tr(
                "Ces fichiers n’apportent rien de nouveau : l’enquête les contient déjà."
            )
        if preview:
            return self.tr(
                "Rien n’est encore écrit. La fusion n’efface rien : si deux personnes ont "
                "modifié la même réponse, les deux versions sont gardées comme un conflit, "
                "à régler ensuite."
            )
        return self.tr("La fusion est enregistrée dans l’enquête.")
