"""Entry point of the frozen fieldkit app: one binary for the window and the command line.

A facilitator double-clicks a ``.fieldkit`` file and the desktop opens it; a
maintainer or a script runs the same binary headless. One executable keeps the
installed app to one folder and one version. The convention:

=====================================  ==============================================
``fieldkit``                           the desktop app, on its start page
``fieldkit SURVEY.fieldkit``           the desktop app on that survey (file association)
``fieldkit cli ARGS…``                 the ``fieldkit`` command line, always
``fieldkit COMMAND ARGS…``             the command line too, when COMMAND is one of its
                                       commands (``demo``, ``list``, ``export``…) and no
                                       file of that name exists
``fieldkit --version``, ``--help``     the command line's version and help
``fieldkit --smoke-test [SURVEY]``     open the window (on SURVEY), wait until it is
                                       shown, print a JSON report and exit 0 (tests)
=====================================  ==============================================

``cli`` is the form to use in scripts: it can never be mistaken for a file.

This file is the PyInstaller script and has no import-time side effect, so the
tests import it to check the dispatch without a build. It lives outside
``fieldkit/`` because the core never imports Qt, and outside ``ui/`` so that the
smoke test does not depend on how the window is written.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

CLI_PREFIX = "cli"
SMOKE_TEST_FLAG = "--smoke-test"
# Options that only the command line understands; the window takes none.
CLI_OPTIONS = frozenset({"--version", "-h", "--help"})
# How long the smoke test waits for the window before it gives up (seconds).
SMOKE_TIMEOUT_ENV = "FIELDKIT_SMOKE_TIMEOUT"
SMOKE_TIMEOUT_DEFAULT = 60.0
# Exit status of a smoke test whose window never showed (or not the survey).
SMOKE_FAILED = 3


@dataclass(frozen=True)
class Launch:
    """What one start of the binary does: which side runs, with which arguments."""

    mode: Literal["cli", "gui", "smoke"]
    args: tuple[str, ...]


def cli_commands() -> frozenset[str]:
    """Return the names of the command line's commands, as the CLI itself knows them."""
    from fieldkit.cli import cli

    return frozenset(cli.commands)


def choose_launch(argv: Sequence[str], commands: frozenset[str] | None = None) -> Launch:
    """Decide from the arguments (without the program name) what to start.

    A path that exists always means the window, so a survey saved as ``list``
    in the current folder still opens on a double-click.
    """
    args = tuple(argv)
    if not args:
        return Launch("gui", ())
    first = args[0]
    if first == CLI_PREFIX:
        return Launch("cli", args[1:])
    if first == SMOKE_TEST_FLAG:
        return Launch("smoke", args[1:])
    if first in CLI_OPTIONS:
        return Launch("cli", args)
    if not Path(first).exists() and first in (commands if commands is not None else cli_commands()):
        return Launch("cli", args)
    return Launch("gui", args)


def run_cli(args: Sequence[str]) -> int:
    """Run the command line as ``fieldkit ARGS…`` and return its exit status."""
    from fieldkit.cli import cli

    try:
        cli.main(args=list(args), prog_name="fieldkit", standalone_mode=True)
    except SystemExit as done:
        return _status(done.code)
    return 0


def run_gui(args: Sequence[str]) -> int:
    """Run the desktop app as its ``fieldkit-desktop`` script would, with ARGS."""
    from ui.app import main

    sys.argv = [sys.argv[0], *args]
    try:
        result = main()
    except SystemExit as done:
        return _status(done.code)
    return result if isinstance(result, int) else 0


def run_smoke_test(args: Sequence[str]) -> int:
    """Open the window, wait until it is on screen, report it as JSON and quit.

    The report proves what a person would see: a window of the app, shown, with
    the survey's file name in it, and the French or English it speaks. It is
    obtained from the outside (by wrapping ``QApplication.exec``) so the window
    code needs no test hook of its own.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    survey = Path(args[0]) if args else None
    timeout = float(os.environ.get(SMOKE_TIMEOUT_ENV, SMOKE_TIMEOUT_DEFAULT))
    started = time.monotonic()
    report: dict[str, Any] = {"survey": str(survey) if survey else None, "shown": False}
    real_exec = QApplication.exec

    def watch() -> None:
        if report.get("ok") is not None:
            return  # already reported (the window code may run exec twice)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        window = _shown_main_window(app)
        elapsed = time.monotonic() - started
        seen = window is not None and (survey is None or _shows_survey(window, survey))
        if seen or elapsed > timeout:
            report.update(_describe(app, window, survey))
            report["seconds_to_shown"] = round(elapsed, 3)
            report["ok"] = seen
            print(json.dumps(report, ensure_ascii=False), flush=True)
            app.exit(0 if seen else SMOKE_FAILED)
            return
        QTimer.singleShot(50, watch)

    def exec_and_watch(*_called_on_instance: Any) -> int:
        # PySide's exec is static: ``app.exec()`` and ``QApplication.exec()`` alike.
        QTimer.singleShot(0, watch)
        return int(real_exec())

    QApplication.exec = exec_and_watch  # type: ignore[method-assign]
    try:
        return run_gui(args)
    finally:
        QApplication.exec = real_exec  # type: ignore[method-assign]


def _shown_main_window(app: Any) -> Any:
    from PySide6.QtWidgets import QMainWindow

    for widget in app.topLevelWidgets():
        handle = widget.windowHandle()
        if isinstance(widget, QMainWindow) and widget.isVisible() and handle and handle.isExposed():
            return widget
    return None


def _shows_survey(window: Any, survey: Path) -> bool:
    """Tell whether the window names the survey file, as the title bar or a label does."""
    from PySide6.QtWidgets import QLabel

    texts = [window.windowTitle(), window.windowFilePath()]
    texts += [label.text() for label in window.findChildren(QLabel) if label.isVisible()]
    return any(survey.name in text or survey.stem in text for text in texts)


def _describe(app: Any, window: Any, survey: Path | None) -> dict[str, Any]:
    from PySide6.QtCore import QCoreApplication, QLocale

    description: dict[str, Any] = {
        "locale": QLocale().name(),
        # "Annuler" when Qt's own French translation was found and installed.
        "qt_cancel": QCoreApplication.translate("QPlatformTheme", "Cancel"),
    }
    if window is None:
        description["top_level"] = [type(w).__name__ for w in app.topLevelWidgets()]
        return description
    menu_bar = window.menuBar()
    description.update(
        shown=True,
        window=type(window).__name__,
        title=window.windowTitle(),
        menus=[action.text().replace("&", "") for action in menu_bar.actions()],
        survey_named=bool(survey and _shows_survey(window, survey)),
        size=[window.width(), window.height()],
    )
    return description


def _status(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    """Start the side of the app that the arguments ask for and return its exit status."""
    launch = choose_launch(sys.argv[1:] if argv is None else argv)
    runners: dict[str, Callable[[Sequence[str]], int]] = {
        "cli": run_cli,
        "gui": run_gui,
        "smoke": run_smoke_test,
    }
    return runners[launch.mode](launch.args)


if __name__ == "__main__":
    sys.exit(main())
