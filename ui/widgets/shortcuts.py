"""Keyboard first: the window's shortcuts win over text fields (F1 lists them all:
:mod:`ui.widgets.shortcuts_dialog`).

Some of our shortcuts are also text-editing keys on some systems (Ctrl+K
deletes to the end of the line on Linux, Ctrl+H is a backspace); inside an
answer the person means the window's action, so the guard lets those through.
The F1 list is made from the window's actions, so it can never disagree with them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ui.qt import QAction, QEvent, QKeyEvent, QKeySequence, QObject


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


# Qt's French names for keys, as a person names them instead. Qt calls the main
# keyboard's Enter key « Retour », where everyone (and our own dialogs) says
# « Entrée », and cuts the page keys short: « Page suiv » reads as a word cut off.
_SPOKEN = {"Retour": "Entrée", "Page suiv": "Page suivante", "Page préc": "Page précédente"}
_QT_KEY_NAMES = re.compile("|".join(rf"\b{name}\b" for name in _SPOKEN))


def key_words(sequence: QKeySequence) -> str:
    """Keys as a person names them: *Ctrl+Page suivante*, *Ctrl+Entrée*."""
    words = sequence.toString(QKeySequence.SequenceFormat.NativeText)
    return _QT_KEY_NAMES.sub(lambda found: _SPOKEN[found.group()], words)


def keys_of(action: QAction) -> str:
    """Every shortcut of an action, each named once (Return and keypad Enter read alike)."""
    named = [key_words(sequence) for sequence in action.shortcuts()]
    return ", ".join(dict.fromkeys(named))


def with_shortcut(text: str, action: QAction) -> str:
    """A tooltip that teaches the shortcut: *Citation (Ctrl+K)*."""
    shortcut = key_words(action.shortcut())
    return f"{text} ({shortcut})" if shortcut else text
