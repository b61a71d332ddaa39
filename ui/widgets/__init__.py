"""Small pieces every part of the window uses: actions with their words and keys,
the shortcut guard and the F1 list, answers shown as words, error dialogs,
notices in a banner, pictures shrunk to fit.
"""

from typing import TYPE_CHECKING

from fieldkit.lazy import on_first_use
from ui.widgets.answer_words import answer_text
from ui.widgets.banner import Banner, BannerArea, NoticeBar
from ui.widgets.errors import show_error
from ui.widgets.shortcuts import ShortcutGuard, with_shortcut
from ui.widgets.tab_order import tab_before
from ui.widgets.window_actions import WindowActions, make_action

if TYPE_CHECKING:
    from ui.widgets.dialogs import ok_cancel
    from ui.widgets.pictures import fit_picture
    from ui.widgets.shortcuts_dialog import ShortcutsDialog

__all__ = [
    "Banner",
    "BannerArea",
    "NoticeBar",
    "ShortcutGuard",
    "ShortcutsDialog",
    "WindowActions",
    "answer_text",
    "fit_picture",
    "make_action",
    "ok_cancel",
    "show_error",
    "tab_before",
    "with_shortcut",
]


# What the first screen does not use loads when first asked for.
__getattr__ = on_first_use(
    __name__,
    {
        "ShortcutsDialog": "ui.widgets.shortcuts_dialog",
        "ok_cancel": "ui.widgets.dialogs",
        "fit_picture": "ui.widgets.pictures",
    },
)
