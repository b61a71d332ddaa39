"""Typing any text into a widget as key presses, accents and guillemets included.

``QTest.keyClicks`` only knows ASCII; a French facilitator types « é », « ’ »
and no-break spaces. Each character here is a key press and release carrying
that character, as a keyboard layout would deliver it.
"""

from __future__ import annotations

from ui.qt import QApplication, QEvent, QKeyEvent, Qt, QWidget

_SPECIAL = {"\n": Qt.Key.Key_Return, "\t": Qt.Key.Key_Tab, " ": Qt.Key.Key_Space}


def key_of(character: str) -> Qt.Key:
    if character in _SPECIAL:
        return _SPECIAL[character]
    if character.isascii() and character.isalnum():
        return Qt.Key(ord(character.upper()))
    return Qt.Key.Key_unknown


def type_text(widget: QWidget, text: str) -> None:
    """Send ``text`` to ``widget`` one character at a time, as typed."""
    for character in text:
        key = key_of(character)
        carried = "" if character == "\n" else character
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, carried)
            QApplication.sendEvent(widget, event)
