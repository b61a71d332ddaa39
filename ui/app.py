"""``fieldkit-desktop [SURVEY]``: the desktop app, on a survey, where the person left off,
or on its start page.

Qt is imported only once the system is known to be able to run it. On Linux,
when a system library that Qt's X11 plug-in needs is missing, Qt cannot open
a window and aborts the process with a message few people understand
(``Could not load the Qt platform plugin "xcb"``), before any of fieldkit's
code could catch anything. So the app looks for these libraries first and,
when one is missing, says which package to install (Debian and Ubuntu names;
the README lists them) instead of crashing.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.qt import QApplication
    from ui.settings import Settings
    from ui.shell import MainWindow


#: Library file → Debian/Ubuntu package, for Qt 6's ``xcb`` platform plug-in.
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
}

# When the first launch starts taking later launches' files (ms after ``show``).
# Listening loads Qt's network module, a twentieth of the start-up: done after
# the first frame, not before it. A later launch meanwhile retries for seconds.
LISTEN_AFTER_MS = 300


def _loads(name: str) -> bool:
    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def uses_xcb(environ: Mapping[str, str], platform: str | None = None) -> bool:
    """Whether Qt will open its windows through X11 (xcb) here."""
    if not (platform or sys.platform).startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(";")[0].split(":")[0] == "xcb"
    return not environ.get("WAYLAND_DISPLAY")


def missing_packages(loads: Callable[[str], bool] | None = None) -> list[str]:
    """The packages whose library Qt's X11 plug-in needs and cannot find."""
    found = loads or _loads
    return [package for library, package in XCB_LIBRARIES.items() if not found(library)]


def explain(packages: list[str]) -> str:
    """The message for a person: what is missing and the command that installs it."""
    listed = " ".join(packages)
    return (
        "fieldkit ne peut pas ouvrir sa fenêtre : il manque des bibliothèques du système.\n"
        f"Installez-les puis relancez fieldkit :  sudo apt install {listed}\n"
        "fieldkit cannot open its window: some system libraries are missing.\n"
        f"Install them, then start fieldkit again:  sudo apt install {listed}"
    )


def check_before_qt(environ: Mapping[str, str] = os.environ) -> str | None:
    """The message to show instead of starting Qt, or None when Qt can start."""
    if not uses_xcb(environ):
        return None
    packages = missing_packages()
    return explain(packages) if packages else None


def tell(message: str) -> None:
    """Say it on the terminal, and in a window when a desktop tool can show one."""
    import subprocess  # only on this rare path: the launch that works never needs it

    print(message, file=sys.stderr)
    for tool, arguments in (
        ("zenity", ["--error", "--no-wrap", "--text", message]),
        ("kdialog", ["--error", message]),
        ("xmessage", ["-center", message]),
    ):
        found = shutil.which(tool)
        if found:
            subprocess.run([found, *arguments], check=False, timeout=600)
            return


def make_app(argv: Sequence[str]) -> QApplication:
    """The Qt application, named so QSettings and the desktop know it."""
    from fieldkit.resources import resource_path
    from ui.qt import QApplication, QIcon

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
    from ui.shell import MainWindow
    from ui.writing import install_writing

    window = MainWindow(settings)
    window.exports = install_exports(window)
    window.exchange = install_exchange(window)
    window.make_window = lambda: build_window(settings)
    window.writing = install_writing(window)
    return window


def main(argv: Sequence[str] | None = None) -> int:
    """Open the window (on the survey given, or the last one) and run until it is closed."""
    problem = check_before_qt()
    if problem is not None:
        tell(problem)
        return 1
    # The core before Qt: PySide reads the source of every module imported after it.
    import fieldkit.survey  # noqa: F401
    from ui import i18n
    from ui.qt import QTimer
    from ui.settings import Settings
    from ui.shell import single_instance

    app = make_app(sys.argv if argv is None else argv)
    paths = [a for a in app.arguments()[1:] if not a.startswith("-")]
    # One window per user (packaging, issue 7): a later launch hands its file over, exits 0.
    instance = single_instance.hand_over(paths, listen=False)
    if instance is None:
        return 0
    settings = Settings()
    i18n.install_language(app, settings.language)
    window = build_window(settings)
    single_instance.serve_window(instance, window, window.files.request_open)
    # Opened before the window shows, so the first screen is the survey itself.
    if paths:
        window.open_path(Path(paths[0]))
    else:
        window.files.reopen_last()
    window.show()
    QTimer.singleShot(LISTEN_AFTER_MS, instance.listen)
    QTimer.singleShot(0, window.welcome)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
