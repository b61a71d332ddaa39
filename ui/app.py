"""``fieldkit-desktop [SURVEY]``: the desktop app, on a survey or on its start page."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from fieldkit.resources import resource_path
from ui import i18n
from ui.qt import QApplication, QIcon
from ui.settings import Settings
from ui.shell import MainWindow, single_instance


def make_app(argv: Sequence[str]) -> QApplication:
    """The Qt application, named so QSettings and the desktop know it."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv))
    app.setOrganizationName("fieldkit")
    app.setApplicationName("fieldkit")
    icon = resource_path("icons", "fieldkit.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def build_window(settings: Settings) -> MainWindow:
    """The main window with the commands that plug into it: export, merge, sync,
    conflicts, writing the monograph.

    They are installed from here rather than by the window itself, so that
    the window does not import the parts that need to know the window.
    """
    from ui.exchange import install_exchange
    from ui.export import install_exports
    from ui.writing import install_writing

    window = MainWindow(settings)
    window.exports = install_exports(window)
    window.exchange = install_exchange(window)
    window.writing = install_writing(window)
    return window


def main(argv: Sequence[str] | None = None) -> int:
    """Open the window (on the survey given, if any) and run until it is closed."""
    app = make_app(sys.argv if argv is None else argv)
    # One window per user (packaging, issue 7): a later launch hands its file over, exits 0.
    instance = single_instance.hand_over([a for a in app.arguments()[1:] if not a.startswith("-")])
    if instance is None:
        return 0
    settings = Settings()
    i18n.install_language(app, settings.language)
    window = build_window(settings)
    single_instance.serve_window(instance, window, window.open_path)
    paths = [a for a in app.arguments()[1:] if not a.startswith("-")]
    if paths:
        # Opened before the window shows, so the first screen is the survey itself.
        window.open_path(Path(paths[0]))
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
