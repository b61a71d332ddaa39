"""Keyboard first: the window's shortcuts win over text fields, and F1 lists them all.

Some of our shortcuts are also text-editing keys on some systems (Ctrl+K
deletes to the end of the line on Linux, Ctrl+H is a backspace); inside an
answer the person means the window's action, so the guard lets those through.
The F1 list is made from the window's actions, so it can never disagree with them.
"""

from __future__ import annotations

from collections.abc import Iterable

from ui.qt import (
    QAction,
    QDialog,
    QDialogButtonBox,
    QEvent,
    QHeaderView,
    QKeyEvent,
    QKeySequence,
    QObject,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


class ShortcutGuard(QObject):
    """Lets chosen window shortcuts pass through text fields that would swallow them."""

    def __init__(self, actions: Iterable[QAction], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._keys = {sequence.toString() for action in actions for sequence in action.shortcuts()}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            pressed = QKeySequence(event.keyCombination()).toString()
            if pressed in self._keys:
                # Not accepting the override lets the shortcut reach its action.
                event.ignore()
                return True
        return False


def with_shortcut(text: str, action: QAction) -> str:
    """A tooltip that teaches the shortcut: *Citation (Ctrl+K)*."""
    shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    return f"{text} ({shortcut})" if shortcut else text


class ShortcutsDialog(QDialog):
    """F1: every action that has a shortcut, with its keys."""

    def __init__(self, parent: QWidget | None, actions: Iterable[QAction]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Raccourcis clavier"))
        layout = QVBoxLayout(self)
        rows = [
            (
                action.text().replace("&", ""),
                ", ".join(
                    s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()
                ),
            )
            for action in actions
            if not action.shortcut().isEmpty()
        ]
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Touches")])
        for row, (text, keys) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(text))
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
        self.resize(self.fontMetrics().averageCharWidth() * 70, 480)
