"""Small pieces every part of the window uses: actions with their words and keys,
the shortcut guard and the F1 list, answers shown as words, error dialogs,
notices in a banner, pictures shrunk to fit.
"""

from typing import TYPE_CHECKING

from ui.widgets.answer_words import answer_text
from ui.widgets.banner import Banner, BannerArea
from ui.widgets.dialogs import ok_cancel
from ui.widgets.errors import show_error
from ui.widgets.pictures import fit_picture
from ui.widgets.shortcuts import ShortcutGuard, with_shortcut
from ui.widgets.window_actions import WindowActions, make_action

if TYPE_CHECKING:
    from ui.widgets.shortcuts_dialog import ShortcutsDialog

__all__ = [
    "Banner",
    "BannerArea",
    "ShortcutGuard",
    "ShortcutsDialog",
    "WindowActions",
    "answer_text",
    "fit_picture",
    "make_action",
    "ok_cancel",
    "show_error",
    "with_shortcut",
]


def __getattr__(name: str) -> object:
    """The F1 list loads when first asked for: the first screen does not need it."""
    if name == "ShortcutsDialog":
        from ui.widgets.shortcuts_dialog import ShortcutsDialog

        return ShortcutsDialog
    raise AttributeError(f"module 'ui.widgets' has no attribute {name!r}")
