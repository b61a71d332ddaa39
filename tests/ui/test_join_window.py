"""*Rejoindre une enquête…*: a newcomer makes their file of the team's survey, from the window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fieldkit.exchange.sync import sync_folder
from fieldkit.survey import Survey
from tests.ui.laptops import CAMILLE, YANIS, dump_of, two_laptops
from ui.exchange.join_dialog import JoinDialog
from ui.qt import QDialog, QFileDialog
from ui.settings import Settings
from ui.shell.main_window import MainWindow

WAIT_MS = 10_000


def shared_folder(tmp_path: Path) -> tuple[Path, Path]:
    """Camille's survey in the team's folder, beside another team's survey."""
    laptops = two_laptops(tmp_path, conflicts=False)
    folder = tmp_path / "Nextcloud"
    folder.mkdir()
    with Survey.open(laptops.camille, device=CAMILLE) as survey:
        sync_folder(survey.log, folder)
    other = tmp_path / "bretagne.fieldkit"
    with Survey.create(other, device=YANIS) as survey:
        survey.log.write("survey", "survey", "title", "Visites 2026 — Bretagne")
        sync_folder(survey.log, folder)
    return laptops.camille, folder


def test_a_newcomer_joins_the_teams_survey_from_its_folder_and_syncs_there(
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer_dialog: Callable[..., None],
) -> None:
    camille, folder = shared_folder(tmp_path)
    mine = tmp_path / "mes enquêtes"
    mine.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *_: str(folder)))
    offered: list[list[str]] = []

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, JoinDialog)
        assert not dialog.ok.isEnabled()  # nothing chosen yet
        dialog.from_folder.click()
        choice = dialog.survey_choice
        offered.append([choice.itemText(i) for i in range(choice.count())])
        choice.setCurrentIndex(
            next(i for i in range(choice.count()) if "Monographie" in choice.itemText(i))
        )
        dialog.name.setText("mes visites")
        dialog.folder.setText(str(mine))
        assert dialog.ok.isEnabled()

    answer_dialog(JoinDialog, fill)
    join = window.exchange.actions["join"]
    assert window.session is None and join.isEnabled()  # no survey needed to join one
    assert join.text() == "Re&joindre une enquête…"
    assert join in window.survey_menu.actions()
    join.trigger()

    target = mine / "mes visites.fieldkit"
    qtbot.waitUntil(lambda: window.session is not None, timeout=WAIT_MS)
    assert len(offered[0]) == 2 and any("Bretagne" in text for text in offered[0])
    assert window.session is not None and window.session.path == target
    assert window.overview is not None and window.overview.model.counts() == (1, 1)
    assert Settings().sync_folder(target) == folder
    window.close_survey()
    assert join.isEnabled()
    assert dump_of(target) == dump_of(camille)


def test_a_join_that_fails_leaves_no_file_behind(
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    shown_errors: list[tuple[str, str]],
    answer_dialog: Callable[..., None],
) -> None:
    damaged = tmp_path / "envoyé par Yanis.fieldkit"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x01" * 200)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, JoinDialog)
        dialog.set_source(damaged)
        assert not dialog.survey_choice.isVisible()  # a file holds one survey
        dialog.folder.setText(str(tmp_path))
        dialog.name.setText("ma copie")

    answer_dialog(JoinDialog, fill)
    window.exchange.actions["join"].trigger()

    qtbot.waitUntil(lambda: bool(shown_errors), timeout=WAIT_MS)
    ((headline, detail),) = shown_errors
    assert headline == "La nouvelle enquête n’a pas été créée"
    assert detail.startswith(f"{damaged}: ")
    qtbot.waitUntil(lambda: not (tmp_path / "ma copie.fieldkit").exists(), timeout=WAIT_MS)
    assert window.session is None
