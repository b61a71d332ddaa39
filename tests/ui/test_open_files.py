"""The start page opens surveys; a file that is not one is explained and left untouched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fieldkit.errors import FieldkitError
from fieldkit.survey import Survey
from fieldkit.survey.schema import SCHEMA_VERSION
from ui.qt import Qt
from ui.shell.main_window import MainWindow


def test_the_window_starts_on_the_start_page(window: MainWindow) -> None:
    assert window.stack.currentWidget() is window.start
    assert window.start.new_button.text() == "Nouvelle enquête…"
    assert not window.actions["new_interview"].isEnabled()


def test_the_demo_opens_from_the_start_page(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.mouseClick(window.start.demo_button, Qt.MouseButton.LeftButton)
    assert window.overview is not None
    assert window.stack.currentWidget() is window.overview
    assert window.overview.model.counts() == (5, 9)
    assert "demo.fieldkit" in window.windowTitle()
    assert window.actions["new_interview"].isEnabled()


def test_a_recent_file_opens_again(window: MainWindow, demo_path: Path, qtbot: QtBot) -> None:
    assert window.open_path(demo_path)
    window.close_survey()
    assert window.start.recent.count() == 1
    item = window.start.recent.item(0)
    window.start.recent.setCurrentItem(item)
    window.start.recent.itemActivated.emit(item)
    assert window.session is not None and window.session.path == demo_path


def _text_file(path: Path) -> None:
    path.write_text("Compte rendu de l’atelier, pas une enquête.\n" * 20, encoding="utf-8")


def _other_database(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE contacts (name TEXT)")
    connection.close()


def _truncated(path: Path) -> None:
    Survey.create(path).close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _newer(path: Path) -> None:
    Survey.create(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()


@pytest.mark.parametrize(
    "make", [_text_file, _other_database, _truncated, _newer], ids=lambda f: f.__name__
)
def test_a_file_that_cannot_be_opened_is_explained_and_left_as_it_was(
    window: MainWindow, tmp_path: Path, make: object, shown_errors: list[tuple[str, str]]
) -> None:
    path = tmp_path / "reçu par courriel.fieldkit"
    make(path)  # type: ignore[operator]
    before = path.read_bytes()
    neighbours = sorted(tmp_path.iterdir())
    with pytest.raises(FieldkitError) as core:
        Survey.open(path, readonly=True)
    assert not window.open_path(path)
    assert shown_errors == [("Impossible d’ouvrir ce fichier", str(core.value))]
    assert path.read_bytes() == before
    assert sorted(tmp_path.iterdir()) == neighbours
    assert window.session is None
    assert window.stack.currentWidget() is window.start
