"""The window's actions: one place that says each command's words and keys.

Menus, tooltips, the shortcut guard and the F1 list all come from here, so a
shortcut shown anywhere is the one that works.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ui.qt import QAction, QKeySequence, QObject, Qt
from ui.widgets.shortcuts import with_shortcut

# Shortcuts that must work even while typing in an answer.
TYPING_SAFE = {
    "search",
    "quote",
    "attach",
    "next_section",
    "previous_section",
    "next_question",
    "history",
    "shortcuts",
    "complete",
}


@dataclass
class WindowActions:
    """Every action of the main window, by name."""

    actions: dict[str, QAction]

    def __getitem__(self, name: str) -> QAction:
        return self.actions[name]

    def typing_safe(self) -> list[QAction]:
        return [a for name, a in self.actions.items() if name in TYPING_SAFE]

    def set_enabled(self, names: set[str], enabled: bool) -> None:
        for name in names:
            self.actions[name].setEnabled(enabled)


def make_action(
    parent: QObject,
    text: str,
    slot: Callable[[], object],
    keys: list[QKeySequence | str] | None = None,
) -> QAction:
    action = QAction(text, parent)
    if keys:
        action.setShortcuts([QKeySequence(k) if isinstance(k, str) else k for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.setToolTip(with_shortcut(text.replace("&", "").rstrip("…"), action))
    action.triggered.connect(lambda _checked=False: slot())
    return action
