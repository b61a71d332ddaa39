"""Small pieces every part of the window uses: actions with their words and keys,
the shortcut guard, answers shown as words, error dialogs, notices in a banner.
"""

from ui.widgets.answer_words import answer_text
from ui.widgets.banner import Banner, BannerArea
from ui.widgets.errors import show_error
from ui.widgets.shortcuts import ShortcutGuard, ShortcutsDialog, with_shortcut
from ui.widgets.window_actions import WindowActions, make_action

__all__ = [
    "Banner",
    "BannerArea",
    "ShortcutGuard",
    "ShortcutsDialog",
    "WindowActions",
    "answer_text",
    "make_action",
    "show_error",
    "with_shortcut",
]
