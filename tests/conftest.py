"""Shared fixtures: a fresh survey, a populated one, laptops, and the command line."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from fieldkit.cli import cli
from fieldkit.places import CACHE_ENV, CONFIG_ENV
from fieldkit.survey import Survey
from fieldkit.survey.device import Device

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Test modules read guides while they are collected, before any fixture runs: the
# session has a configuration folder of its own from the start, so nothing (the
# guide cache, a device identity) reaches the developer's own folders.
_SESSION_CONFIG = tempfile.mkdtemp(prefix="fieldkit-tests-")
os.environ[CONFIG_ENV] = _SESSION_CONFIG
os.environ.pop(CACHE_ENV, None)


_EXIT_STATUS: list[int] = []


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _EXIT_STATUS.append(int(exitstatus))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """Leave without tearing Qt down in the interpreter's own shutdown.

    Every test has run and been reported by now. PySide6 may crash while
    CPython finalizes its modules after a long Qt session (objects that Qt
    still owns are freed in an order it does not expect), which would turn a
    green run into a failed one; ending the process here keeps the result.
    """
    shutil.rmtree(_SESSION_CONFIG, ignore_errors=True)
    if _EXIT_STATUS and "PySide6.QtCore" in sys.modules:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_EXIT_STATUS[-1])


@pytest.fixture(autouse=True)
def config_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Give every test its own configuration folder, hence its own device identity."""
    folder = tmp_path_factory.mktemp("config")
    monkeypatch.setenv(CONFIG_ENV, str(folder))
    monkeypatch.delenv(CACHE_ENV, raising=False)
    return folder


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every test in the same locale, whatever the developer's own (messages in English)."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def survey_path(tmp_path: Path) -> Path:
    """A new survey file made from the built-in guide."""
    path = tmp_path / "enquête test.fieldkit"
    Survey.create(path).close()
    return path


@pytest.fixture
def survey(survey_path: Path) -> Iterator[Survey]:
    opened = Survey.open(survey_path)
    yield opened
    opened.close()


@pytest.fixture
def interview(survey: Survey) -> str:
    """An interview of a new initiative, with nothing answered yet."""
    initiative = survey.add_initiative("Garage solidaire du Val", territory="Dijon métropole")
    return survey.add_interview(initiative, "2026-11-14", "Dijon", ["Camille Roussel"])


@pytest.fixture
def laptop() -> Callable[[str], Device]:
    """Make device identities, to play several laptops in one test."""

    def make(name: str) -> Device:
        return Device(id=f"device-{name}", author=name)

    return make


class Cli:
    """Runs ``fieldkit`` commands in-process, as a user would type them."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str | Path) -> Result:
        return self.runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def run() -> Cli:
    return Cli()
