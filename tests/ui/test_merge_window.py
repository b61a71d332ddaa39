"""*Fusionner des fichiers…*: choose, see the dry run, confirm, watch it, see what came in."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from fieldkit.exchange.merge import merge_files
from tests.ui.laptops import CAMILLE, answer, dump_of, two_laptops
from ui.exchange import commands as exchange
from ui.exchange.merge_dialog import MergeDialog, SourcesModel
from ui.qt import QDialog, QFileDialog, QProgressDialog, QPushButton, Qt
from ui.session.operations import Progress
from ui.shell.main_window import MainWindow

WAIT_MS = 10_000


def choose_files(monkeypatch: pytest.MonkeyPatch, *paths: Path) -> list[str]:
    """Answer the open dialog with ``paths``; return the filters it offered."""
    offered: list[str] = []

    def answer_dialog(_parent: object, _title: str, _folder: str, filters: str) -> tuple:
        offered.append(filters)
        return [str(p) for p in paths], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(answer_dialog))
    return offered


def rows(model: SourcesModel) -> list[list[str]]:
    return [
        [str(model.data(model.index(r, c))) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_files_are_merged_after_their_dry_run_is_shown(
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer_dialog: Callable[..., None],
) -> None:
    laptops = two_laptops(tmp_path)
    damaged = tmp_path / "copie abîmée.fieldkit"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 50)
    assert window.open_path(laptops.camille)
    before = dump_of(laptops.camille)
    offered = choose_files(monkeypatch, laptops.yanis, damaged, laptops.camille)
    seen: list[dict[str, object]] = []

    def look(dialog: QDialog) -> None:
        assert isinstance(dialog, MergeDialog)
        seen.append(
            {
                "preview": dialog.merge_button is not None,
                "title": dialog.title.text(),
                "rows": rows(dialog.view.model),
                "refused": dialog.view.refused.text(),
                "refused shown": dialog.view.refused.isVisible(),
            }
        )
        if dialog.merge_button is not None:
            # Nothing is written while the person reads the report.
            assert dump_of(laptops.camille) == before

    answer_dialog(MergeDialog, look)
    merge_action = window.exchange.actions["merge"]
    assert merge_action in window.survey_menu.actions()
    assert merge_action.toolTip() == "Fusionner des fichiers (Ctrl+Maj+M)"
    merge_action.trigger()
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=WAIT_MS)
    assert offered == ["Enquêtes fieldkit (*.fieldkit)"]
    preview, result = seen
    assert preview["preview"] and not result["preview"]
    assert preview["title"] == "Ce que la fusion apportera à « enquête de Camille.fieldkit »"
    # The file itself (chosen by mistake) is left out; Yanis's file brings its news.
    assert preview["rows"] == [
        [
            "portable de Yanis.fieldkit",
            "1 nouvelle initiative, 1 nouvel entretien, 2 nouvelles réponses, 2 révisions, "
            "2 nouveaux conflits",
        ]
    ]
    assert preview["refused shown"]
    assert (
        preview["refused"] == "copie abîmée.fieldkit\u00a0: the file is truncated (only 66 bytes)"
    )
    assert result["rows"] == preview["rows"] and not result["refused shown"]
    # The data is in the window: Yanis's initiative and visit, Camille's conflicts counted.
    assert window.overview is not None
    assert window.overview.model.counts() == (2, 2)
    assert window.conflict_label.text() == "⚠ 2 conflits"
    assert window.conflict_label.isVisible()
    assert answer(laptops.camille, laptops.interview, "origine_details") == (
        "Une idée née au café associatif."
    )


def test_nothing_new_is_said_and_nothing_is_offered_to_merge(
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer_dialog: Callable[..., None],
) -> None:
    laptops = two_laptops(tmp_path, conflicts=False)
    merge_files(laptops.camille, [laptops.yanis], device=CAMILLE)
    assert window.open_path(laptops.camille)
    choose_files(monkeypatch, laptops.yanis)
    seen: list[MergeDialog] = []

    def look(dialog: QDialog) -> None:
        assert isinstance(dialog, MergeDialog)
        assert dialog.merge_button is None
        assert dialog.summary.text().startswith("Ces fichiers n’apportent rien de nouveau")
        seen.append(dialog)

    answer_dialog(MergeDialog, look, result=0)
    window.exchange.merge()
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=WAIT_MS)


def test_cancelling_during_the_merge_leaves_the_survey_byte_identical(
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer_dialog: Callable[..., None],
) -> None:
    laptops = two_laptops(tmp_path)
    # The same window opened and closed on a twin file: what a merge-less session leaves.
    assert window.open_path(laptops.camille)
    window.close_survey()
    untouched = laptops.camille.read_bytes()
    assert window.open_path(laptops.camille)
    choose_files(monkeypatch, laptops.yanis)
    reached, go_on = threading.Event(), threading.Event()
    original_steps = exchange.steps

    def held_steps(progress: Progress) -> Callable[[int, int], None]:
        step = original_steps(progress)

        def held(done: int, total: int) -> None:
            if done == total:  # everything absorbed, not yet committed
                reached.set()
                assert go_on.wait(WAIT_MS / 1000)
            step(done, total)

        return held

    def confirm(dialog: QDialog) -> None:
        assert isinstance(dialog, MergeDialog) and dialog.merge_button is not None
        monkeypatch.setattr(exchange, "steps", held_steps)  # the merge itself, not the dry run

    answer_dialog(MergeDialog, confirm)
    window.exchange.merge()
    qtbot.waitUntil(reached.is_set, timeout=WAIT_MS)

    def progress_dialog() -> QProgressDialog:
        (dialog,) = window.findChildren(QProgressDialog)
        return dialog

    qtbot.waitUntil(lambda: progress_dialog().isVisible(), timeout=WAIT_MS)
    assert progress_dialog().labelText() == "Fusion de 1 fichier…"
    (cancel,) = progress_dialog().findChildren(QPushButton)
    assert cancel.text() == "Annuler"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    go_on.set()
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage().startswith("Fusion annulée"), timeout=WAIT_MS
    )
    assert window.overview is not None and window.overview.model.counts() == (1, 1)
    assert not window.conflict_label.isVisible()
    window.close_survey()
    assert laptops.camille.read_bytes() == untouched


def test_the_report_model(qtmodeltester: ModelTester, tmp_path: Path) -> None:
    laptops = two_laptops(tmp_path)
    report = merge_files(laptops.camille, [laptops.yanis], dry_run=True, device=CAMILLE)
    model = SourcesModel(report.sources)
    qtmodeltester.check(model)
    assert model.rowCount() == 1


def test_several_files_bringing_news_are_added_up_in_a_total_row(
    qtmodeltester: ModelTester, tmp_path: Path, french: None
) -> None:
    laptops = two_laptops(tmp_path)
    copy = tmp_path / "copie de Camille.fieldkit"
    shutil.copyfile(laptops.camille, copy)
    target = tmp_path / "bureau.fieldkit"
    report = merge_files(target, [laptops.yanis, copy], dry_run=True, device=CAMILLE)
    model = SourcesModel(report.sources)
    qtmodeltester.check(model)
    assert [row[0] for row in rows(model)] == [
        "portable de Yanis.fieldkit",
        "copie de Camille.fieldkit",
        "Total",
    ]
    assert rows(model)[-1][1].startswith("2 nouvelles initiatives, 2 nouveaux entretiens, ")
