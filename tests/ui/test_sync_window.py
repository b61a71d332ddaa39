"""*Synchroniser avec un dossier…*: the folder chosen once, then one click or Ctrl+Shift+S."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fieldkit.exchange.sync import sync_folder
from fieldkit.survey import Survey
from tests.ui.laptops import YANIS, answer, dump_of, two_laptops
from ui.exchange.sync_report import SyncResultDialog
from ui.qt import QDialog, QFileDialog, QKeySequence
from ui.settings import Settings
from ui.shell.main_window import MainWindow

WAIT_MS = 10_000


def sync_yanis(path: Path, folder: Path) -> None:
    """Yanis's laptop syncs with the folder (as ``fieldkit sync`` does)."""
    with Survey.open(path, device=YANIS) as survey:
        sync_folder(survey.log, folder)


def test_two_files_converge_through_a_folder(
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer_dialog: Callable[..., None],
) -> None:
    laptops = two_laptops(tmp_path, conflicts=False)
    folder = tmp_path / "clé USB"
    folder.mkdir()
    sync_yanis(laptops.yanis, folder)
    # A copy still arriving (or damaged) is skipped with a warning, and read next time.
    (folder / "fieldkit-partiel.fieldkit").write_bytes(b"SQLite format 3\x00" + b"\x01" * 100)
    asked: list[str] = []

    def choose_folder(_parent: object, title: str, _start: str) -> str:
        asked.append(title)
        return str(folder)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(choose_folder))
    results: list[dict[str, object]] = []

    def look(dialog: QDialog) -> None:
        assert isinstance(dialog, SyncResultDialog)
        model = dialog.view.model
        results.append(
            {
                "sent": dialog.sent.text(),
                "received": dialog.received.text(),
                "files": [model.data(model.index(r, 0)) for r in range(model.rowCount())],
                "brought": [model.data(model.index(r, 1)) for r in range(model.rowCount())],
                "warnings": dialog.view.refused.text(),
            }
        )

    answer_dialog(SyncResultDialog, look)
    assert window.open_path(laptops.camille)
    sync = window.exchange.actions["sync"]
    assert sync.text() == "S&ynchroniser avec un dossier…"
    assert sync.toolTip() == "Synchroniser avec un dossier (Ctrl+Maj+S)"
    sync.trigger()
    qtbot.waitUntil(lambda: len(results) == 1, timeout=WAIT_MS)
    assert asked == ["Choisir le dossier de synchronisation"]
    first = results[0]
    assert str(first["sent"]).startswith("Ce qui manquait au dossier est écrit dans « Monographie-")
    assert first["received"] == "Reçu des autres fichiers du dossier :"
    assert first["brought"] == ["1 nouvelle initiative, 1 nouvel entretien, 2 nouvelles réponses"]
    assert "fieldkit-partiel.fieldkit" in str(first["warnings"])
    assert window.overview is not None and window.overview.model.counts() == (2, 2)
    assert Settings().sync_folder(laptops.camille) == folder

    # The folder is remembered: the shortcut syncs at once, and nothing new comes twice.
    (folder / "fieldkit-partiel.fieldkit").unlink()
    window.overview.view.setFocus()
    keys = QKeySequence("Ctrl+Shift+S")[0]
    qtbot.keyClick(window.focusWidget(), keys.key(), keys.keyboardModifiers())
    qtbot.waitUntil(
        lambda: (
            window.statusBar().currentMessage()
            == ("Synchronisé avec « clé USB » : rien de nouveau.")
        ),
        timeout=WAIT_MS,
    )
    assert len(asked) == 1 and len(results) == 1

    # Yanis syncs in turn: both laptops hold the same survey.
    window.close_survey()
    sync_yanis(laptops.yanis, folder)
    assert dump_of(laptops.camille) == dump_of(laptops.yanis)
    assert answer(laptops.yanis, laptops.interview, "acteurs_depart") == (
        "Trois bénévoles du quartier."
    )


def test_another_folder_can_be_chosen_from_the_result(
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer_dialog: Callable[..., None],
) -> None:
    laptops = two_laptops(tmp_path, conflicts=False)
    first, second = tmp_path / "Nextcloud", tmp_path / "clé USB"
    for folder in (first, second):  # each holds a file being copied: worth a word
        folder.mkdir()
        (folder / "fieldkit-partiel.fieldkit").write_bytes(b"SQLite format 3\x00")
    folders = [first, second]
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *_: str(folders.pop(0)))
    )
    shown: list[str] = []

    def change_once(dialog: QDialog) -> None:
        assert isinstance(dialog, SyncResultDialog)
        shown.append(dialog.folder_label.text())
        if len(shown) == 1:
            dialog.change_button.click()

    answer_dialog(SyncResultDialog, change_once)
    assert window.open_path(laptops.camille)
    window.exchange.sync()
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=WAIT_MS)
    assert shown == [f"Dossier : {first}", f"Dossier : {second}"]
    assert Settings().sync_folder(laptops.camille) == second
    assert len(list(second.iterdir())) == 2  # this laptop's file is there now


def test_the_folder_is_changed_from_the_menu(
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer_dialog: Callable[..., None],
) -> None:
    laptops = two_laptops(tmp_path, conflicts=False)
    old, new = tmp_path / "ancienne clé", tmp_path / "Syncthing"
    old.mkdir()
    new.mkdir()
    sync_yanis(laptops.yanis, new)
    Settings().set_sync_folder(laptops.camille, old)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *_: str(new)))
    shown: list[str] = []
    answer_dialog(SyncResultDialog, lambda dialog: shown.append(dialog.received.text()))
    assert window.open_path(laptops.camille)
    change = window.exchange.actions["sync_folder"]
    assert change in window.survey_menu.actions()
    change.trigger()
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=WAIT_MS)
    assert shown == ["Reçu des autres fichiers du dossier :"]
    assert Settings().sync_folder(laptops.camille) == new


def test_a_problem_with_this_laptops_own_file_is_said_apart(
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    answer_dialog: Callable[..., None],
) -> None:
    laptops = two_laptops(tmp_path, conflicts=False)
    folder = tmp_path / "clé USB"
    folder.mkdir()
    Settings().set_sync_folder(laptops.camille, folder)
    with Survey.open(laptops.camille) as survey:
        sync_folder(survey.log, folder)
    (own,) = folder.iterdir()
    own.unlink()
    own.mkdir()  # someone made a folder of that name
    sync_yanis(laptops.yanis, folder)
    seen: list[tuple[bool, str, str]] = []

    def look(dialog: QDialog) -> None:
        assert isinstance(dialog, SyncResultDialog)
        seen.append((dialog.notices.isVisible(), dialog.notices.text(), dialog.received.text()))

    answer_dialog(SyncResultDialog, look)
    assert window.open_path(laptops.camille)
    window.exchange.sync()
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=WAIT_MS)
    ((shown, notice, received),) = seen
    assert shown and notice.startswith(f"{own}: a folder stands where this laptop's own file goes")
    assert received == "Reçu des autres fichiers du dossier :"
