"""F1: every command that has a shortcut, with its keys.

The list is made from the window's actions, so it can never disagree with them.
It is a module of its own so that the window loads it only when F1 is pressed.
"""

from __future__ import annotations

from collections.abc import Iterable

from ui.qt import (
    QAction,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from ui.widgets.shortcuts import keys_of


class ShortcutsDialog(QDialog):
    """F1: every action that has a shortcut, with its keys.

    The page on screen may have commands of its own (the writing view's Gras,
    Ctrl+B): they come first, under the page's name, then the window's.
    """

    def __init__(
        self,
        parent: QWidget | None,
        actions: Iterable[QAction],
        page: tuple[str, Iterable[QAction]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Raccourcis clavier"))
        layout = QVBoxLayout(self)
        rows: list[tuple[str, str]] = []
        if page is not None:
            name, own = page
            rows += [(name, ""), *_rows(own), (self.tr("Dans toute la fenêtre"), "")]
        rows += _rows(actions)
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Touches")])
        for row, (text, keys) in enumerate(rows):
            item = QTableWidgetItem(text)
            if not keys:  # a group's heading, across the table
                font = item.font()
                font.setBold(True)
                item.setFont(font)
                self.table.setSpan(row, 0, 1, 2)
            self.table.setItem(row, 0, item)
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 84, 520)


def _rows(actions: Iterable[QAction]) -> list[tuple[str, str]]:
    """(words, keys) of each action that has a shortcut."""
    return [
        (action.text().replace("&", ""), keys_of(action))
        for action in actions
        if not action.shortcut().isEmpty()
    ]
