"""The window's frame: the main window with its menus, banners and status bar,
the start page, survey files (opening, creating, saving elsewhere, read-only
and vanished files), where the person left off, the new-survey, settings and
guide-import dialogs, one instance per user.
"""

from ui.shell import single_instance
from ui.shell.main_window import MainWindow

__all__ = [
    "MainWindow",
    "single_instance",
]
