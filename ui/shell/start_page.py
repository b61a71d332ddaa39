"""The first thing a facilitator sees: create a survey, open one, or try the demo."""

from __future__ import annotations

from pathlib import Path

from ui.qt import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.style import heading, make_quiet, scaled_font

PathRole = Qt.ItemDataRole.UserRole + 1


# The page's column, in characters: a comfortable width for the buttons and the list.
COLUMN_CHARS = 70
# Beyond this many recent files, the list scrolls.
MOST_RECENT_SHOWN = 6


class StartPage(QWidget):
    """*Nouvelle enquête*, *Ouvrir…*, *Ouvrir la démo* and the recent files."""

    new_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()
    recent_chosen = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        column = QVBoxLayout()
        column.setSpacing(10)
        column.addStretch(1)
        title = heading("fieldkit", self, factor=2.2)
        column.addWidget(title)
        tagline = QLabel(
            self.tr("Des entretiens de terrain, sans réseau : chaque mot est enregistré."), self
        )
        tagline.setWordWrap(True)
        tagline.setFont(scaled_font(tagline, 1.15))
        make_quiet(tagline)
        column.addWidget(tagline)
        column.addSpacing(18)
        self.new_button = self._button(self.tr("Nouvelle enquête…"), self.new_requested)
        self.open_button = self._button(self.tr("Ouvrir une enquête…"), self.open_requested)
        self.demo_button = self._button(self.tr("Ouvrir la démo"), self.demo_requested)
        for button in (self.new_button, self.open_button, self.demo_button):
            column.addWidget(button)
        self.new_button.setToolTip(self.tr("Créer un fichier d’enquête (Ctrl+Maj+N)"))
        self.open_button.setToolTip(self.tr("Ouvrir un fichier .fieldkit (Ctrl+O)"))
        self.demo_button.setToolTip(
            self.tr("Cinq initiatives de l’atelier de 2019, pour essayer sans rien risquer")
        )
        column.addSpacing(18)
        self.recent_title = QLabel(self.tr("Ouvertes récemment"), self)
        self.recent_title.setFont(scaled_font(self.recent_title, 1.0, bold=True))
        column.addWidget(self.recent_title)
        self.recent = QListWidget(self)
        self.recent.setFrameShape(QFrame.Shape.NoFrame)
        self.recent.viewport().setAutoFillBackground(False)
        self.recent.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.recent.setSpacing(5)  # each file with its folder, apart from the next
        self.recent.itemActivated.connect(
            lambda item: self.recent_chosen.emit(Path(item.data(PathRole)))
        )
        column.addWidget(self.recent, 1)
        column.addStretch(1)
        holder = QWidget(self)
        holder.setLayout(column)
        holder.setMaximumWidth(self.fontMetrics().averageCharWidth() * COLUMN_CHARS)
        holder.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        outer.addWidget(holder, 3)
        outer.addStretch(1)

    def _button(self, text: str, signal: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setFont(scaled_font(button, 1.15))
        button.setMinimumHeight(button.sizeHint().height() * 3 // 2)
        button.clicked.connect(signal)  # type: ignore[arg-type]
        return button

    def set_recent(self, paths: list[Path]) -> None:
        """List the recent survey files that still exist."""
        self.recent.clear()
        existing = [p for p in paths if p.exists()]
        # Two lines each, the file and its folder; a long folder loses its middle
        # (the whole path is in the tooltip), so every file takes the same room.
        room = self.fontMetrics().averageCharWidth() * (COLUMN_CHARS - 8)
        metrics = self.recent.fontMetrics()

        def fitted(text: str) -> str:
            return metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, room)

        for path in existing:
            item = QListWidgetItem(f"{fitted(path.name)}\n{fitted(str(path.parent))}")
            item.setData(PathRole, str(path))
            item.setToolTip(str(path))
            self.recent.addItem(item)
        self.recent_title.setVisible(bool(existing))
        self.recent.setVisible(bool(existing))
        self._fit_recent()

    def _fit_recent(self) -> None:
        """As tall as its files, up to a screenful: a list that scrolls to show
        three files of five, in a page mostly empty, hides what it is for."""
        rows = [self.recent.sizeHintForRow(r) for r in range(self.recent.count())]
        spacing = 2 * self.recent.spacing()
        whole = sum(height + spacing for height in rows) + 2 * self.recent.frameWidth()
        shown = sum(height + spacing for height in rows[:MOST_RECENT_SHOWN])
        self.recent.setMinimumHeight(min(whole, shown + 2 * self.recent.frameWidth()))
        self.recent.setMaximumHeight(whole)
