"""The conflict panel: the count opens it; keep one value, or write a combined text."""

from __future__ import annotations

from pathlib import Path

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from fieldkit.exchange.merge import merge_files
from fieldkit.survey import Revision, Survey
from tests.ui.conftest import open_visit
from tests.ui.laptops import CAMILLE, answer, two_laptops
from ui import i18n
from ui.exchange.conflict_panel import ConflictListModel, ConflictReader, device_names
from ui.qt import QApplication, QPushButton, Qt, QTest, QToolButton
from ui.shell.main_window import MainWindow

WAIT_MS = 10_000


def merged(tmp_path: Path) -> tuple[Path, str]:
    laptops = two_laptops(tmp_path)
    merge_files(laptops.camille, [laptops.yanis], device=CAMILLE)
    return laptops.camille, laptops.interview


def test_two_conflicts_are_resolved_in_the_panel(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path, interview = merged(tmp_path)
    assert window.open_path(path)
    assert window.conflict_label.text() == "⚠ 2 conflits"
    qtbot.mouseClick(window.conflict_label, Qt.MouseButton.LeftButton)
    panel = window.exchange.panel
    assert panel is not None and panel.isVisible()
    assert panel.count.text() == "2 conflits ouverts"
    titles = [panel.model.item(r).title for r in range(2)]  # type: ignore[union-attr]
    needs = titles.index("Besoins non couverts auxquels l’initiative répond")

    # Values side by side, with who, where and when; the common earlier version above.
    panel.list.setCurrentIndex(panel.model.index(needs))
    detail = panel.detail
    assert detail.where.text() == "Garage solidaire du Val · visite du 14 novembre 2026"
    assert detail.earlier.isVisible()
    assert detail.earlier.text().startswith("Version commune antérieure (Camille Roussel, ")
    assert detail.earlier.text().endswith(")\u00a0: «\u00a0Réparer sans se ruiner.\u00a0»")
    cards = {card.revision.author: card for card in detail.cards}
    assert set(cards) == {"Camille Roussel", "Yanis Benali"}
    yanis = cards["Yanis Benali"]
    assert yanis.value.toPlainText() == "Réparer, mais surtout se rencontrer."
    origin = yanis.origin.text()
    # Laptops by the people who typed on them, never by a hexadecimal id.
    assert origin.startswith("sur l’ordinateur de Yanis Benali · ") and "2026" in origin
    assert cards["Camille Roussel"].origin.text().startswith("sur cet ordinateur · ")
    qtbot.mouseClick(yanis.keep_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=WAIT_MS)
    # The keyboard goes on with the next conflict's first version.
    assert panel.focusWidget() is detail.cards[0].keep_button
    assert window.conflict_label.text() == "⚠ 1 conflit"
    assert panel.count.text() == "1 conflit ouvert"

    # The other had no common past: a combined text, prefilled with both values.
    item = panel.current_item()
    assert item is not None and item.title.startswith("Comment définiriez-vous")
    assert not detail.earlier.isVisible()
    assert detail.combined.isVisible()
    prefilled = detail.combined.toPlainText()
    assert "Faire ensemble." in prefilled and "Changer de regard." in prefilled
    detail.combined.setPlainText("Faire ensemble, et changer de regard.")
    qtbot.mouseClick(detail.combine_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0, timeout=WAIT_MS)
    assert panel.count.text() == "Aucun conflit ouvert : tout est réglé."
    assert not detail.isVisible()
    assert window.conflict_label.text() == "" and not window.conflict_label.isVisible()
    window.close_survey()
    panel.reload()  # a panel left over from a closed survey closes itself
    assert not panel.isVisible()
    assert answer(path, interview, "besoins_non_couverts") == "Réparer, mais surtout se rencontrer."
    assert answer(path, interview, "definition_innovation") == (
        "Faire ensemble, et changer de regard."
    )
    with Survey.open(path, readonly=True) as survey:
        assert survey.conflicts() == []


def test_an_answer_in_conflict_says_so_before_anyone_types_over_it(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path, interview = merged(tmp_path)
    view = open_visit(window, path, interview)
    view.go_to_question("besoins_non_couverts")
    page = view.page
    assert page is not None
    needs, first_actors = page.widgets["besoins_non_couverts"], page.widgets["acteurs_depart"]
    assert needs.conflict_bar.isVisible() and not first_actors.conflict_bar.isVisible()
    assert "remplacera les deux" in needs.conflict_bar.label.text()

    # Its button opens the panel on this very conflict.
    compare = needs.conflict_bar.findChild(QPushButton)
    assert compare is not None and compare.text() == "Comparer les versions…"
    qtbot.mouseClick(compare, Qt.MouseButton.LeftButton)
    panel = window.exchange.panel
    assert panel is not None and panel.isVisible()
    item = panel.current_item()
    assert item is not None and item.id == f"answer/{interview}/besoins_non_couverts"
    panel.close()

    # Typing settles it, as the notice said: the mark goes and the count follows.
    window.activateWindow()
    view.go_to_question("besoins_non_couverts")
    editor = page.editors["besoins_non_couverts"]
    QTest.keyClicks(editor.focusProxy(), " Et se rencontrer.")
    qtbot.waitUntil(lambda: window.conflict_label.text() == "⚠ 1 conflit")
    assert not needs.conflict_bar.isVisible()
    with Survey.open(path, readonly=True) as survey:
        assert [c.field for c in survey.conflicts()] == ["definition_innovation"]


def test_the_conflicts_action_opens_the_panel(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path, _interview = merged(tmp_path)
    assert window.open_path(path)
    action = window.exchange.actions["conflicts"]
    assert action.toolTip() == "Conflits (Ctrl+Maj+C)"
    action.trigger()
    assert window.exchange.panel is not None and window.exchange.panel.isVisible()
    assert window.overview is not None
    ours = set(window.exchange.actions.values())
    buttons = [
        b.text() for b in window.overview.findChildren(QToolButton) if b.defaultAction() in ours
    ]
    assert buttons == ["Fusionner…", "Synchroniser"]
    assert action in window.survey_menu.actions()


def test_the_conflict_list_model(qtmodeltester: ModelTester, tmp_path: Path, french: None) -> None:
    path, _interview = merged(tmp_path)
    with Survey.open(path, readonly=True) as survey:
        model = ConflictListModel()
        model.set_items(ConflictReader(survey, i18n.language()).items())
        qtmodeltester.check(model)
        assert model.rowCount() == 2
        model.set_items([])
        qtmodeltester.check(model)


def test_the_commands_follow_a_change_of_language(
    window: MainWindow, qapp: QApplication, tmp_path: Path
) -> None:
    path, _interview = merged(tmp_path)
    assert window.open_path(path)
    try:
        window.apply_language("en")
        qapp.processEvents()  # the language change reaches the windows as an event
        actions = window.exchange.actions
        assert [actions[name].text() for name in ("merge", "sync", "conflicts")] == [
            "&Merge files…",
            "S&ync with a folder…",
            "&Conflicts…",
        ]
        assert actions["sync"].toolTip() == "Sync with a folder (Ctrl+Shift+S)"
        assert window.conflict_label.text() == "⚠ 2 conflicts"
        window.exchange.show_conflicts()
        panel = window.exchange.panel
        assert panel is not None and panel.count.text() == "2 open conflicts"
        assert panel.detail.cards[0].keep_button.text() == "Keep this version"
    finally:
        i18n.install_language(qapp, "fr")


def test_the_panel_closes_by_its_button_and_opens_again(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path, _interview = merged(tmp_path)
    assert window.open_path(path)
    qtbot.mouseClick(window.conflict_label, Qt.MouseButton.LeftButton)
    panel = window.exchange.panel
    assert panel is not None and panel.isVisible()
    screen = panel.screen().availableGeometry()
    assert panel.width() <= screen.width() and panel.height() <= screen.height()
    qtbot.mouseClick(panel.close_button, Qt.MouseButton.LeftButton)
    assert not panel.isVisible()
    qtbot.mouseClick(window.conflict_label, Qt.MouseButton.LeftButton)
    assert window.exchange.panel is panel and panel.isVisible()
    assert panel.count.text() == "2 conflits ouverts"


def test_a_laptop_is_named_by_who_typed_on_it() -> None:
    def value(author: str, device: str) -> Revision:
        return Revision("c-" + device, "x", author, device, "2026-11-14T10:00:00Z", False)

    names = device_names(
        [value("Yanis", "a1"), value("Camille", "b2"), value("Camille", "c3"), value("Moi", "me")],
        this_device="me",
    )
    assert names == {
        "a1": "l’ordinateur de Yanis",
        "b2": "l’ordinateur de Camille",
        "c3": "l’ordinateur de Camille (2)",
        "me": "cet ordinateur",
    }


def test_the_combined_version_shows_without_scrolling_on_a_laptop(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    """At 960×660, the values, the combined text and its button all show at once."""
    path, _interview = merged(tmp_path)
    assert window.open_path(path)
    window.exchange.show_conflicts()
    panel = window.exchange.panel
    assert panel is not None
    panel.resize(960, 660)
    detail = panel.detail
    qtbot.waitUntil(lambda: detail.combine_button.isVisible())
    scroll = detail.parentWidget()
    assert scroll is not None
    seen = scroll.rect()
    for widget in (*detail.cards, detail.combined, detail.combine_button):
        corner = widget.mapTo(scroll, widget.rect().bottomRight())
        assert seen.contains(corner), type(widget).__name__


def test_tab_walks_the_versions_then_the_combined_text_and_types_no_tab(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path, _interview = merged(tmp_path)
    assert window.open_path(path)
    window.exchange.show_conflicts()
    panel = window.exchange.panel
    assert panel is not None
    detail = panel.detail
    first, second = detail.cards
    wanted = [
        first.value,
        first.keep_button,
        second.value,
        second.keep_button,
        detail.combined,
        detail.combine_button,
    ]
    combined = detail.combined.toPlainText()
    # The panel's own keyboard focus, whichever window the test machine makes active.
    panel.list.setFocus(Qt.FocusReason.TabFocusReason)
    reached = []
    for _stop in wanted:
        QTest.keyClick(panel.focusWidget(), Qt.Key.Key_Tab)
        reached.append(panel.focusWidget())
    assert reached == wanted
    assert detail.combined.toPlainText() == combined


def test_the_overview_marks_the_visit_in_conflict(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    path, interview = merged(tmp_path)
    assert window.open_path(path)
    overview = window.overview
    assert overview is not None
    statuses = {}
    for top in range(overview.proxy.rowCount()):
        parent = overview.proxy.index(top, 0)
        for row in range(overview.proxy.rowCount(parent)):
            visit = overview.proxy.index(row, 0, parent)
            status = overview.proxy.index(row, 3, parent).data()
            statuses[visit.data(Qt.ItemDataRole.UserRole + 2)] = status
    assert statuses.pop(interview) == "Brouillon · ⚠ conflit"
    assert statuses and all("conflit" not in status for status in statuses.values())
