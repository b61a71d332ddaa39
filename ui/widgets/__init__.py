"""Small pieces every part of the window uses: actions with their words and keys,
the shortcut guard, answers shown as words, error dialogs, pictures shrunk to fit.
"""

from ui.widgets.answer_words import answer_text
from ui.widgets.errors import show_error
from ui.widgets.pictures import fit_picture
from ui.widgets.shortcuts import ShortcutGuard, ShortcutsDialog, with_shortcut
from ui.widgets.window_actions import WindowActions, make_action

__all__ = [
    "ShortcutGuard",
    "ShortcutsDialog",
    "WindowActions",
    "answer_text",
    "fit_picture",
    "make_action",
    "show_error",
    "with_shortcut",
]
