"""The window's frame: the main window with its menus and status bar, the start
page, the new-survey, settings and guide-import dialogs, one instance per user.
"""

from ui.shell import single_instance
from ui.shell.main_window import MainWindow

__all__ = [
    "MainWindow",
    "single_instance",
]
