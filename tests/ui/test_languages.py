"""French by default, English on request: every string translated, the .qm up to date."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fieldkit.resources import resource_path
from tools import translations
from ui import i18n
from ui.app import build_window
from ui.qt import QApplication, QDialog, Qt, QTest
from ui.settings import Settings
from ui.shell.main_window import MainWindow
from ui.shell.settings_dialog import SettingsDialog

TS = resource_path("translations", "fieldkit_en.ts")
QM = resource_path("translations", "fieldkit_en.qm")


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {
        (str(context.findtext("name")), str(message.findtext("source"))): message
        for context in root.iter("context")
        for message in context.iter("message")
    }


def test_every_string_of_the_window_has_an_english_translation() -> None:
    untranslated = [
        source
        for (_context, source), message in messages(TS).items()
        if (translation := message.find("translation")) is None
        or translation.get("type") in {"unfinished", "vanished", "obsolete"}
        or not (translation.text or "").strip()
    ]
    assert untranslated == []


def test_the_ts_file_holds_every_string_of_the_code(tmp_path: Path) -> None:
    """A string added to the window without running ``tools/translations.py update`` fails."""
    fresh = tmp_path / "fieldkit_en.ts"
    shutil.copy(TS, fresh)
    translations.update(fresh)
    assert set(messages(fresh)) == set(messages(TS))


def test_no_string_to_translate_hides_inside_an_f_string() -> None:
    """The translation tools skip ``f"… {self.tr('copie')} …"``: such words stay French."""
    hidden = re.compile(r"""\bf(["']).*\{[^}]*\btr\(""")
    found = [
        f"{path.name}:{number}"
        for path in (translations.ROOT / name for name in translations.sources())
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if hidden.search(line)
    ]
    assert found == []


def test_the_shipped_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    compiled = tmp_path / "fieldkit_en.qm"
    translations.release(TS, compiled)
    assert compiled.read_bytes() == QM.read_bytes(), "run: python tools/translations.py release"


def test_the_window_speaks_english_when_asked(
    qtbot: QtBot, qapp: QApplication, demo_path: Path
) -> None:
    i18n.install_language(qapp, "en")
    try:
        window = build_window(Settings())
        qtbot.addWidget(window)
        window.show()
        assert window.start.new_button.text() == "New survey…"
        assert [a.text() for a in window.menuBar().actions()] == [
            "&File",
            "&Survey",
            "&Interview",
            "&Help",
        ]
        assert window.open_path(demo_path)
        assert window.overview is not None
        assert window.overview.model.headerData(0, Qt.Orientation.Horizontal) == (
            "Initiative / visit"
        )
        # The survey is named by its guide's title, in the window's language.
        assert window.overview.title.text() == "Initiative monograph"
        interview = window.session.reader.interviews()[0].id if window.session else ""
        window.open_interview(interview)
        assert window.interview is not None and window.interview.page is not None
        # The guide speaks the same language as the window.
        assert window.interview.sections.data(window.interview.sections.index(0)) == (
            "The initiative and the visit"
        )
        assert "answers" in window.state_label.text()
        window.close()
    finally:
        i18n.install_language(qapp, "fr")


def test_english_is_chosen_in_the_settings_and_remembered(
    window: MainWindow, demo_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    assert window.open_path(demo_path)
    assert window.session is not None
    interview = window.session.reader.interviews()[1].id
    window.open_interview(interview)
    assert window.interview is not None
    window.interview.show_section(2)

    def choose_english(dialog: QDialog) -> int:
        assert isinstance(dialog, SettingsDialog)
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        return 1

    monkeypatch.setattr(SettingsDialog, "exec", choose_english)
    window.open_settings()
    try:
        assert Settings().language == "en"
        assert window.start.new_button.text() == "New survey…"
        assert window.interview is not None and window.interview.interview_id == interview
        assert window.interview.sections.current == 2
        assert window.actions["quote"].text() == "Q&uote…"
    finally:
        i18n.install_language(qapp, "fr")


def choose_english_as_on_screen(dialog: QDialog) -> int:
    """The dialog takes the keyboard, and the window gets it back only later."""
    assert isinstance(dialog, SettingsDialog)
    dialog.show()
    dialog.activateWindow()
    QTest.qWaitForWindowActive(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.hide()
    return 1


def test_the_caret_stays_in_its_answer_across_a_change_of_language(
    window: MainWindow, demo_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    assert window.open_path(demo_path)
    assert window.session is not None
    window.open_interview(window.session.reader.interviews()[1].id)
    view = window.current_interview()
    assert view is not None
    view.go_to_question("note_libre")
    monkeypatch.setattr(SettingsDialog, "exec", choose_english_as_on_screen)
    window.open_settings()
    try:
        view = window.current_interview()
        assert view is not None and view.page is not None
        window.activateWindow()
        QTest.qWaitForWindowActive(window)
        assert QApplication.focusWidget() is view.page.editors["note_libre"].focusProxy()
    finally:
        i18n.install_language(qapp, "fr")


def test_the_overview_keeps_the_keyboard_and_its_row_across_a_change_of_language(
    window: MainWindow, demo_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    assert window.open_path(demo_path)
    overview = window.overview
    assert overview is not None and window.session is not None
    chosen = window.session.reader.interviews()[2].id
    overview.select(chosen)
    overview.view.setFocus()
    monkeypatch.setattr(SettingsDialog, "exec", choose_english_as_on_screen)
    window.open_settings()
    try:
        overview = window.overview
        assert overview is not None
        window.activateWindow()
        QTest.qWaitForWindowActive(window)
        assert QApplication.focusWidget() is overview.view
        assert overview.selected_id() == chosen
    finally:
        i18n.install_language(qapp, "fr")


def test_the_cores_messages_are_shown_in_the_windows_language(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.qt import QMessageBox
    from ui.widgets import show_error

    message = "visites.fieldkit: no such file"
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.informativeText()))
    try:
        i18n.install_language(qapp, "fr")
        show_error(None, "Impossible d’ouvrir ce fichier", message)
        i18n.install_language(qapp, "en")
        show_error(None, "Could not open this file", message)
    finally:
        i18n.install_language(qapp, "fr")
    assert shown == ["visites.fieldkit\u00a0: fichier introuvable", message]
