"""Window tests: isolated settings, no dialog that waits forever, windows closed after use."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fieldkit.files import DiskFull
from fieldkit.survey import Survey
from fieldkit.survey.demo import build_demo
from ui import i18n
from ui.app import build_window
from ui.interview.view import InterviewView
from ui.qt import QApplication, QDialog, QSettings, QTest
from ui.settings import Settings
from ui.shell.main_window import MainWindow
from ui.widgets import errors as ui_errors

#: How long a test waits for a condition before it fails. A bound, not an
#: expectation: waits return as soon as the condition holds, and a shared,
#: busy two-core machine may take many times longer than a quiet one.
PATIENCE_MS = 20_000


def _patient(wait: Callable[..., object]) -> Callable[..., object]:
    def waiting(self: QtBot, *args: object, **kwargs: object) -> object:
        kwargs.setdefault("timeout", PATIENCE_MS)
        return wait(self, *args, **kwargs)

    return waiting


# pytest-qt's default (5 s) fails good code on a loaded machine: every wait
# of these tests that names no timeout gets PATIENCE_MS instead.
for _name in (
    "waitUntil",
    "waitSignal",
    "waitSignals",
    "waitCallback",
    "waitExposed",
    "waitActive",
):
    setattr(QtBot, _name, _patient(getattr(QtBot, _name)))


class UnexpectedDialog(AssertionError):
    """A modal dialog opened that the test did not arrange to answer."""


@pytest.fixture(autouse=True)
def qt_settings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Keep each test's window settings (recent files, geometry) to itself.

    The window's own settings file lives in the configuration folder, which
    ``tests/conftest.py`` gives every test (and every process a test starts);
    any other QSettings Qt makes goes to a folder of the test's own as well.
    """
    folder = tmp_path_factory.mktemp("qsettings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope_format in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(scope_format, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail, rather than hang, when a dialog opens that the test did not answer."""

    def refuse(dialog: QDialog) -> int:
        raise UnexpectedDialog(f"unexpected modal dialog: {dialog.windowTitle()!r}")

    monkeypatch.setattr(QDialog, "exec", refuse)


@pytest.fixture
def shown_errors(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Errors the window showed, as (headline, detail), instead of message boxes."""
    shown: list[tuple[str, str]] = []

    def record(_parent: object, headline: str, detail: str) -> None:
        shown.append((headline, detail))

    monkeypatch.setattr(ui_errors, "show_error", record)
    for module in ("ui.shell.main_window", "ui.shell.survey_files", "ui.session.operations"):
        monkeypatch.setattr(f"{module}.show_error", record)
    return shown


@pytest.fixture
def french(qapp: QApplication) -> Iterator[None]:
    """The window in French (its default), whatever an earlier test chose."""
    i18n.install_language(qapp, "fr")
    yield
    i18n.install_language(qapp, "fr")


@pytest.fixture
def window(qtbot: QtBot, french: None, shown_errors: list[tuple[str, str]]) -> Iterator[MainWindow]:
    """The main window on its start page, closed (and its survey saved) after the test."""
    main = build_window(Settings())
    qtbot.addWidget(main)
    main.resize(1200, 800)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    path = tmp_path / "démo.fieldkit"
    build_demo(path)
    return path


@pytest.fixture
def fresh_interview(survey_path: Path) -> tuple[Path, str]:
    """A survey file with one initiative and one empty interview."""
    with Survey.open(survey_path) as survey:
        initiative = survey.add_initiative("Garage solidaire du Val", territory="Dijon")
        interview = survey.add_interview(initiative, "2026-11-14", "Dijon", ["Camille Roussel"])
    return survey_path, interview


@pytest.fixture
def answer_dialog(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """Answer one kind of dialog: ``fill(dialog)`` runs, then the dialog returns ``result``."""

    def arrange(
        kind: type[QDialog], fill: Callable[[QDialog], object], result: int | list[int] = 1
    ) -> None:
        """``result`` may list one answer per showing, for a dialog shown again."""
        answers = iter(result) if isinstance(result, list) else itertools.repeat(result)

        def exec_(dialog: QDialog) -> int:
            # Shown (not modal) so that focus and visibility behave as on screen.
            dialog.show()
            dialog.activateWindow()
            QTest.qWaitForWindowActive(dialog)
            try:
                fill(dialog)
            finally:
                dialog.hide()
                owner = dialog.parentWidget()
                if owner is not None:  # the window gets the keyboard back, as on screen
                    owner.window().activateWindow()
                    QTest.qWaitForWindowActive(owner.window())
            return next(answers)

        monkeypatch.setattr(kind, "exec", exec_)

    return arrange


def open_visit(window: MainWindow, path: Path, interview: str) -> InterviewView:
    """Open the survey at ``path`` in the window, then this interview, as a person does."""
    assert window.open_path(path)
    window.open_interview(interview)
    view = window.current_interview()
    assert view is not None
    return view


def refuse_writes(monkeypatch: pytest.MonkeyPatch, method: str) -> None:
    """The file takes no more of this kind of change (the disk is full)."""

    def disk_full(survey: Survey, *_args: object) -> None:
        raise DiskFull(survey.path)

    monkeypatch.setattr(Survey, method, disk_full)
