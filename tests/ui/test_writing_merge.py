"""Two laptops write the same monograph: sections merge, and the same section is a conflict.

Camille writes one section in the window while Yanis, on his copy, writes
another; after the merge the writing view shows both, each with its author.
When both wrote the same section, the view says so and the conflict panel
names the section by its title; keeping one version ends it everywhere.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fieldkit.exchange.merge import merge_files
from fieldkit.survey import Survey
from tests.ui.keyboard import type_text
from tests.ui.laptops import CAMILLE, YANIS, be
from tests.ui.test_writing_view import GENERATEUR, choose_section, open_writing, saved
from ui.qt import Qt
from ui.shell.main_window import MainWindow
from ui.writing.outline_list import WRITTEN

YANIS_TEXT = "La Halte a trouvé sa place dans le bourg."


@pytest.fixture
def laptops(demo_path: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Camille's demo survey (the window's laptop) and Yanis's copy of it."""
    be(CAMILLE)
    yanis = tmp_path / "portable de Yanis.fieldkit"
    shutil.copy(demo_path, yanis)
    return demo_path, yanis


def yanis_writes(path: Path, section: str, text: str) -> None:
    with Survey.open(path, device=YANIS) as survey:
        initiative = next(i.id for i in survey.initiatives() if i.name == GENERATEUR)
        survey.set_narrative(initiative, section, text)


def merge_yanis(window: MainWindow, camille: Path, yanis: Path) -> None:
    """What *Fusionner…* does: merge the file in, then the window reads the survey again."""
    assert window.session is not None
    window.session.flush_and_wait()
    merge_files(camille, [yanis], device=CAMILLE)
    window.refresh()


def test_two_sections_written_on_two_laptops_both_show_after_the_merge(
    window: MainWindow, qtbot: QtBot, laptops: tuple[Path, Path]
) -> None:
    camille, yanis = laptops
    yanis_writes(yanis, "axe1", YANIS_TEXT)
    assert window.open_path(camille)
    view = open_writing(window, qtbot, GENERATEUR)
    choose_section(view, qtbot, "initiative")
    type_text(view.editor, "Un tiers-lieu dans une ancienne gare.")
    saved(window, qtbot)
    merge_yanis(window, camille, yanis)

    rows = {row.section: row for row in view.outline.rows()}
    assert (rows["initiative"].state, rows["initiative"].authors) == (WRITTEN, ("Camille Roussel",))
    assert (rows["axe1"].state, rows["axe1"].authors) == (WRITTEN, ("Yanis Benali",))
    assert not rows["axe1"].conflict and window.conflict_label.text() == ""
    assert view.editor.text() == "Un tiers-lieu dans une ancienne gare."  # still on screen
    choose_section(view, qtbot, "axe1")
    assert view.editor.text() == YANIS_TEXT
    assert view.authors_label.text().startswith("Écrit par Yanis Benali")
    assert view.progress_label.text() == "8 sections écrites sur 12"


def test_the_same_section_written_on_both_is_a_conflict_named_by_its_title(
    window: MainWindow, qtbot: QtBot, laptops: tuple[Path, Path]
) -> None:
    camille, yanis = laptops
    yanis_writes(yanis, "initiative", YANIS_TEXT)
    assert window.open_path(camille)
    view = open_writing(window, qtbot, GENERATEUR)
    choose_section(view, qtbot, "initiative")
    type_text(view.editor, "Un tiers-lieu dans une ancienne gare.")
    saved(window, qtbot)
    merge_yanis(window, camille, yanis)

    row = view.outline.rows()[view.outline.find("initiative")]
    assert row.conflict and set(row.authors) == {"Camille Roussel", "Yanis Benali"}
    assert view.conflict_bar.isVisible()
    assert "Deux versions de cette section" in view.conflict_bar.label.text()
    assert window.conflict_label.text() == "⚠ 1 conflit"
    qtbot.mouseClick(view.conflict_button, Qt.MouseButton.LeftButton)
    panel = window.exchange.panel
    assert panel is not None and panel.isVisible()
    item = panel.current_item()
    assert item is not None
    assert item.title == "Monographie · L’initiative"
    assert item.where == GENERATEUR
    cards = {card.revision.author: card for card in panel.detail.cards}
    assert cards["Yanis Benali"].value.toPlainText() == YANIS_TEXT
    qtbot.mouseClick(cards["Yanis Benali"].keep_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0)

    # The view read the survey again: Yanis's text is on screen, the warning gone.
    assert view.editor.text() == YANIS_TEXT
    assert not view.conflict_bar.isVisible()
    assert not view.outline.rows()[view.outline.find("initiative")].conflict
    panel.close()
