"""What makes the window feel finished: it reopens where the person was, quotes can be
corrected, the trash can be undone, the history shows what changed, the search reads
and leads to the words, an empty survey says what to do, a read-only file still opens,
the first launch asks the facilitator's name, and a missing system library is named.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fieldkit.survey import Revision, Survey, current_device
from tests.ui.conftest import open_visit
from tests.ui.keyboard import type_text
from ui import app as desktop
from ui.app import build_window
from ui.interview.editors import LongTextEditor
from ui.interview.history_dialog import HistoryDialog, word_diff_html
from ui.interview.quote_dialog import QuoteDialog
from ui.interview.start_dialog import InterviewDialog
from ui.overview.search import HtmlRole, Result
from ui.qt import (
    QApplication,
    QDialog,
    QFileDialog,
    QKeySequence,
    QPalette,
    QRect,
    QStyle,
    Qt,
    QTextEdit,
)
from ui.settings import Settings
from ui.shell.main_window import MainWindow
from ui.shell.settings_dialog import FacilitatorDialog

WAIT_MS = 5000


def press(qtbot: QtBot, keys: str) -> None:
    combination = QKeySequence(keys)[0]
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, combination.key(), combination.keyboardModifiers())


def test_the_window_reopens_where_the_person_left_off(
    window: MainWindow, qtbot: QtBot, fresh_interview: tuple[Path, str]
) -> None:
    path, interview = fresh_interview
    view = open_visit(window, path, interview)
    view.go_to_question("definition_innovation")
    notes = QApplication.focusWidget()
    assert isinstance(notes, QTextEdit)
    type_text(notes, "Faire ensemble, puis changer de regard.")
    cursor = notes.textCursor()
    cursor.setPosition(13)
    notes.setTextCursor(cursor)
    section = view.sections.current
    window.close()

    again = build_window(Settings())
    qtbot.addWidget(again)
    assert again.files.reopen_last()
    again.show()
    view = again.current_interview()
    assert again.session is not None and again.session.path == path
    assert view is not None and view.interview_id == interview
    assert view.sections.current == section
    qtbot.waitUntil(lambda: view.current_question() == "definition_innovation")
    focused = QApplication.focusWidget()
    assert isinstance(focused, QTextEdit) and focused.textCursor().position() == 13
    again.close()


def test_without_a_last_survey_the_start_page_shows(window: MainWindow) -> None:
    assert not window.files.reopen_last()
    assert window.stack.currentWidget() is window.start
    assert not window.hint_label.isVisible(), "Ctrl+K makes a quote: only with an interview"


def test_a_quote_takes_several_lines_and_is_corrected_later(
    window: MainWindow,
    qtbot: QtBot,
    fresh_interview: tuple[Path, str],
    answer_dialog: Callable[..., None],
) -> None:
    path, interview = fresh_interview
    view = open_visit(window, path, interview)

    def capture(dialog: QDialog) -> None:
        assert isinstance(dialog, QuoteDialog)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        assert dialog.keys.text() == "Entrée : nouvelle ligne · Ctrl+Entrée : enregistrer"
        assert dialog.ok.text() == "Ajouter (Ctrl+Entrée)"
        type_text(dialog.text, "On a appris à se parler.\nAvant de parler d’argent.")
        assert dialog.result() == 0, "Entrée made a new line, it did not save"
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert dialog.result() == QDialog.DialogCode.Accepted

    answer_dialog(QuoteDialog, capture)
    view.add_quote()
    qtbot.waitUntil(lambda: view.side.quotes.count() == 1, timeout=WAIT_MS)

    def correct(dialog: QDialog) -> None:
        assert isinstance(dialog, QuoteDialog)
        assert dialog.windowTitle() == "Modifier la citation"
        assert dialog.quote_text() == "On a appris à se parler.\nAvant de parler d’argent."
        type_text(dialog.text, " Et de subventions.")
        dialog.speaker.setEditText("Agnès Roy")

    answer_dialog(QuoteDialog, correct)
    item = view.side.quotes.item(0)
    view.side.quotes.setCurrentItem(item)
    view.side.quotes.setFocus()
    qtbot.keyClick(view.side.quotes, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Agnès Roy" in view.side.quotes.item(0).text(), timeout=WAIT_MS)
    with Survey.open(path, readonly=True) as survey:
        [quote] = survey.items("quote", interview)
    assert quote["text"] == "On a appris à se parler.\nAvant de parler d’argent. Et de subventions."
    assert quote["speaker"] == "Agnès Roy"


def test_ctrl_enter_saves_a_quote_from_the_speakers_field(qtbot: QtBot) -> None:
    dialog = QuoteDialog(None, ["Agnès Roy"], "", "On a appris à se parler.")
    qtbot.addWidget(dialog)
    field = dialog.speaker.lineEdit()
    type_text(field, "Hugo")
    qtbot.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.speaker_name() == "Hugo"


def test_an_interview_put_in_the_trash_comes_back_with_ctrl_z(
    window: MainWindow, qtbot: QtBot, demo_path: Path
) -> None:
    assert window.open_path(demo_path)
    overview = window.overview
    assert overview is not None
    visit = overview.proxy.index(0, 0, overview.proxy.index(0, 0))
    overview.view.setCurrentIndex(visit)
    overview.view.setFocus()
    qtbot.keyClick(overview.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: overview.model.counts() == (5, 8), timeout=WAIT_MS)
    notice = window.banners.notice("trash")
    assert notice is not None
    assert (
        notice.label.text()
        == "«\u00a0Devenir paysan, visite du 2 juillet 2026\u00a0» est dans la corbeille."
    )
    assert [b.text() for b in notice.buttons] == ["Annuler (Ctrl+Z)"]
    press(qtbot, "Ctrl+Z")
    qtbot.waitUntil(lambda: overview.model.counts() == (5, 9), timeout=WAIT_MS)
    assert window.banners.notice("trash") is None
    assert not window.actions["undo_trash"].isEnabled()


def test_a_quote_put_in_the_trash_comes_back_with_annuler(
    window: MainWindow, qtbot: QtBot, fresh_interview: tuple[Path, str]
) -> None:
    path, interview = fresh_interview
    with Survey.open(path) as survey:
        survey.add_quote(interview, "On a appris à se parler.", "Agnès Roy")
    view = open_visit(window, path, interview)
    assert view.side.quotes.count() == 1
    quote_id = view.side.quotes.item(0).data(Qt.ItemDataRole.UserRole + 1)
    view.side.delete_item.emit("quote", quote_id, "On a appris à se parler.")
    qtbot.waitUntil(lambda: view.side.quotes.count() == 0, timeout=WAIT_MS)
    notice = window.banners.notice("trash")
    assert notice is not None
    notice.buttons[0].click()
    qtbot.waitUntil(lambda: view.side.quotes.count() == 1, timeout=WAIT_MS)


def test_the_history_is_compact_and_shows_what_changed_word_by_word(
    window: MainWindow, qtbot: QtBot
) -> None:
    def version(text: str, minutes: int, current: bool = False) -> Revision:
        moment = f"2026-11-14T10:{minutes:02d}:00Z"
        return Revision(f"c{minutes}", text, "Camille Roussel", "d", moment, current)

    long_text = "Réparer sans se ruiner. " * 40
    revisions = [
        version(long_text, 1),
        version("Réparer sans se ruiner.", 2),
        version("Réparer, mais surtout se rencontrer.", 3, current=True),
    ]
    dialog = HistoryDialog(window, None, "Besoins non couverts", revisions, "fr")
    qtbot.addWidget(dialog)
    dialog.show()
    table = dialog.table
    line = dialog.fontMetrics().lineSpacing()
    assert all(table.rowHeight(row) <= 2 * line for row in range(3)), "one line per version"
    preview = str(dialog.model.index(2, 0).data())
    assert len(preview) < 100 and preview.endswith("…")
    # The current version says so first, where a cut line cannot take the words away.
    assert str(dialog.model.index(0, 0).data()).startswith("Actuelle · Réparer, mais")
    dialog.select(0)
    assert dialog.changes_title.text() == "Ce que cette version a changé :"
    changed = dialog.changes.toPlainText()
    assert changed.startswith("Réparer") and "rencontrer" in changed
    dialog.select(2)
    assert dialog.changes_title.text() == "Première version :"


def test_the_word_diff_strikes_what_went_and_tints_what_came() -> None:
    diff = word_diff_html("les bénévoles le samedi", "les salariés le samedi")
    assert diff.startswith("les ")
    assert "line-through'>bénévoles</span>" in diff
    assert "0.25)'>salariés</span>" in diff
    assert diff.endswith(" le samedi")
    assert word_diff_html("a < b", "a < b") == "a &lt; b"


def test_search_results_are_wide_show_the_words_found_and_enter_opens_at_them(
    window: MainWindow, qtbot: QtBot, demo_path: Path
) -> None:
    assert window.open_path(demo_path)
    box = window.search_box
    box.setFocus()
    type_text(box, "couveuse")
    popup = box.completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=WAIT_MS)
    assert popup.width() >= box.fontMetrics().averageCharWidth() * 100
    model = box.completer.completionModel()
    first = model.index(0, 0)
    result = first.data(HtmlRole)
    assert isinstance(result, Result)
    assert "<b>couveuse</b>" in result.as_html("gray").lower()
    rows = [model.index(r, 0) for r in range(model.rowCount())]
    answer = next(i for i in rows if i.data(HtmlRole).hit.entity == "answer")
    popup.setCurrentIndex(answer)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    view = window.current_interview()
    hit = answer.data(HtmlRole).hit
    assert view is not None and view.interview_id == hit.interview
    editor = QApplication.focusWidget()
    assert isinstance(editor, QTextEdit)
    assert editor.textCursor().selectedText().lower() == "couveuse"


def test_a_search_that_finds_nothing_says_so(
    window: MainWindow, qtbot: QtBot, demo_path: Path
) -> None:
    assert window.open_path(demo_path)
    box = window.search_box
    box.setFocus()
    type_text(box, "zorglub")
    popup = box.completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=WAIT_MS)
    model = box.completer.completionModel()
    assert model.rowCount() == 1
    line = model.index(0, 0)
    assert line.data() == "Aucun résultat pour « zorglub »"
    assert not line.flags() & Qt.ItemFlag.ItemIsSelectable
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert window.current_interview() is None, "nothing to open"


def test_search_results_in_a_list_say_which_entry_each_is(
    window: MainWindow, fresh_interview: tuple[Path, str]
) -> None:
    """Two people met with the same role: two results that do not read the same."""
    path, interview = fresh_interview
    with Survey.open(path) as survey:
        for name in ("Agnès Roy", "Bruno Petit"):
            values = {"personne_nom": name, "personne_role": "Bénévole"}
            survey.add_row(interview, "personnes_rencontrees", values)
    assert window.open_path(path)
    window.search.run("bénévole")
    model = window.search_box.results
    places = sorted(model.index(r, 0).data(HtmlRole).where for r in range(model.rowCount()))
    assert len(places) == 2
    assert places[0].endswith("Rôle dans l’initiative · fiche 1 (Agnès Roy)")
    assert places[1].endswith("Rôle dans l’initiative · fiche 2 (Bruno Petit)")


def test_the_chosen_search_result_reads_in_the_selections_colours(
    window: MainWindow, qtbot: QtBot, demo_path: Path
) -> None:
    """Both lines of the chosen row take the selection's text colour, not grey or black on blue."""
    assert window.open_path(demo_path)
    box = window.search_box
    box.setFocus()
    type_text(box, "couveuse")
    popup = box.completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=WAIT_MS)
    row = box.completer.completionModel().index(0, 0)
    popup.setCurrentIndex(row)
    area = popup.visualRect(row)
    picture = popup.viewport().grab(area).toImage()
    chosen = popup.palette().color(QPalette.ColorRole.HighlightedText).rgb()

    def lit(top: int, bottom: int) -> int:
        return sum(
            picture.pixel(x, y) == chosen
            for y in range(top, bottom)
            for x in range(picture.width())
        )

    middle = picture.height() // 2
    assert lit(0, middle) > 20 and lit(middle, picture.height()) > 20


def test_accents_aside_the_words_found_are_selected(
    window: MainWindow, fresh_interview: tuple[Path, str]
) -> None:
    path, interview = fresh_interview
    with Survey.open(path) as survey:
        survey.set_answer(interview, "note_libre", "Visite de l’École du vélo, puis du garage.")
    assert window.open_path(path)
    [hit] = [h for h in window.session.reader.search("ecole") if h.entity == "answer"]  # type: ignore[union-attr]
    window.search.jump_to(hit)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QTextEdit) and editor.textCursor().selectedText() == "École"


def test_an_empty_survey_says_what_to_do_first(
    window: MainWindow, survey_path: Path, answer_dialog: Callable[..., None]
) -> None:
    assert window.open_path(survey_path)
    overview = window.overview
    assert overview is not None
    assert overview.empty.isVisible() and not overview.view.isVisible()
    assert overview.first_button.text() == "Commencer un entretien (Ctrl+N)"
    steps = overview.first_steps
    assert steps.text().startswith("Commencez par un entretien")
    assert steps.height() >= steps.heightForWidth(steps.width()), "every line shows"
    asked: list[QDialog] = []
    answer_dialog(InterviewDialog, asked.append, result=0)
    overview.first_button.click()
    assert len(asked) == 1


def test_the_attachment_area_is_large_enough_to_drop_on(
    window: MainWindow, fresh_interview: tuple[Path, str]
) -> None:
    path, interview = fresh_interview
    view = open_visit(window, path, interview)
    zone = view.side.drop_hint
    assert zone.isVisible()
    assert zone.height() >= zone.fontMetrics().lineSpacing() * 5
    assert zone.width() >= zone.fontMetrics().averageCharWidth() * 20


def test_a_read_only_survey_opens_read_only_and_a_copy_can_be_saved(
    window: MainWindow,
    qtbot: QtBot,
    fresh_interview: tuple[Path, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, interview = fresh_interview
    with Survey.open(path) as survey:
        survey.set_answer(interview, "note_libre", "Notes de Camille.")
    path.chmod(0o444)
    before = path.read_bytes()
    try:
        assert window.open_path(path)
        session = window.session
        assert session is not None and session.readonly
        notice = window.banners.notice("read_only")
        assert notice is not None
        assert "lecture seule" in notice.label.text()
        assert [b.text() for b in notice.buttons] == ["Enregistrer une copie…"]
        assert "Lecture seule" in window.state_label.text()
        assert not window.actions["new_interview"].isEnabled()
        window.open_interview(interview)
        view = window.current_interview()
        assert view is not None and view.page is not None
        view.go_to_question("note_libre")
        notes = view.page.editors["note_libre"]
        assert isinstance(notes, LongTextEditor) and notes.text.isReadOnly()
        assert not window.actions["quote"].isEnabled()

        copy = tmp_path / "ma copie.fieldkit"
        monkeypatch.setattr(
            QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(copy), ""))
        )
        notice.buttons[0].click()
        qtbot.waitUntil(lambda: window.session is not None and window.session.path == copy)
        assert not window.session.readonly
        view = window.current_interview()
        assert view is not None and view.interview_id == interview
        page = view.page
        assert page is not None and not page.editors["note_libre"].text.isReadOnly()  # type: ignore[attr-defined]
        assert window.banners.notice("read_only") is None
    finally:
        path.chmod(0o644)
    assert path.read_bytes() == before


def test_the_first_launch_asks_the_facilitators_name(
    window: MainWindow, answer_dialog: Callable[..., None], survey_path: Path
) -> None:
    def give_name(dialog: QDialog) -> None:
        assert isinstance(dialog, FacilitatorDialog)
        assert dialog.author.text() == ""  # never the computer's login name
        type_text(dialog.author, "Camille Roussel")

    answer_dialog(FacilitatorDialog, give_name)
    window.welcome()
    assert current_device().author == "Camille Roussel"
    window.welcome()  # asked once: a second launch does not ask again (or it would fail)
    seen: list[str] = []
    answer_dialog(InterviewDialog, lambda d: seen.append(d.interviewers.text()), result=0)
    assert window.open_path(survey_path)
    window.new_interview()
    assert seen == ["Camille Roussel"]


def test_the_facilitators_name_can_wait(
    window: MainWindow, answer_dialog: Callable[..., None], survey_path: Path
) -> None:
    answer_dialog(FacilitatorDialog, lambda dialog: None, result=0)
    window.welcome()
    assert window.settings.facilitator_asked
    seen: list[str] = []
    answer_dialog(InterviewDialog, lambda d: seen.append(d.interviewers.text()), result=0)
    assert window.open_path(survey_path)
    window.new_interview()
    assert seen == [""]


def test_a_missing_system_library_is_named_with_its_package(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(desktop, "_loads", lambda name: name != "libxcb-cursor.so.0")
    monkeypatch.setattr(desktop.shutil, "which", lambda _tool: None)
    monkeypatch.setattr(desktop.sys, "platform", "linux")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    assert desktop.main(["fieldkit-desktop"]) == 1
    said = capsys.readouterr().err
    assert "sudo apt install libxcb-cursor0" in said
    assert "il manque des bibliothèques du système" in said


def test_qt_is_checked_only_where_it_would_use_x11() -> None:
    assert desktop.uses_xcb({}, "linux")
    assert desktop.uses_xcb({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert not desktop.uses_xcb({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert not desktop.uses_xcb({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not desktop.uses_xcb({}, "win32")


def test_the_readme_lists_every_package_the_app_may_ask_for() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    listed = readme.split("sudo apt install", 1)[1].split("```", 1)[0].split()
    assert set(desktop.XCB_LIBRARIES.values()) <= set(listed)


def test_a_long_quote_shows_whole_with_its_speaker(
    window: MainWindow, qtbot: QtBot, fresh_interview: tuple[Path, str]
) -> None:
    """The side panel is narrow: a quote wraps over many lines and keeps every one."""
    path, interview = fresh_interview
    words = "On n’est pas des clients, on est un peu les parrains et les marraines de la ferme."
    with Survey.open(path) as survey:
        survey.add_quote(interview, words, speaker="Anne-Sophie Bertin")
    window.resize(1366, 728)
    view = open_visit(window, path, interview)
    quotes = view.side.quotes
    qtbot.waitUntil(lambda: quotes.count() == 1 and quotes.isVisible())
    text = quotes.item(0).text()
    assert text == f"«\u00a0{words}\u00a0»\n— Anne-Sophie Bertin"
    drawn = quotes.visualItemRect(quotes.item(0))
    # The style draws an item's text inside a small margin on each side.
    margin = quotes.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
    room = QRect(0, 0, drawn.width() - 2 * margin, 1 << 20)
    needed = quotes.fontMetrics().boundingRect(room, Qt.TextFlag.TextWordWrap, text)
    assert drawn.height() >= needed.height()


def test_the_words_quoted_stay_in_the_answer_when_typing_goes_on(
    window: MainWindow,
    qtbot: QtBot,
    fresh_interview: tuple[Path, str],
    answer_dialog: Callable[..., None],
) -> None:
    """Select words, Ctrl+K, accept: the next key typed goes after them, replacing nothing."""
    path, interview = fresh_interview
    view = open_visit(window, path, interview)
    assert view.page is not None
    view.go_to_question("note_libre")
    editor = view.page.editors["note_libre"]
    assert isinstance(editor, LongTextEditor)
    editor.text.setFocus()
    type_text(editor.text, "Elle dit : on a appris ensemble. Puis")
    cursor = editor.text.textCursor()
    cursor.setPosition(len("Elle dit : "))
    cursor.setPosition(len("Elle dit : on a appris ensemble."), cursor.MoveMode.KeepAnchor)
    editor.text.setTextCursor(cursor)

    def accept(dialog: QDialog) -> None:
        assert isinstance(dialog, QuoteDialog)
        assert dialog.quote_text() == "on a appris ensemble."
        dialog.accept()

    answer_dialog(QuoteDialog, accept)
    window.actions["quote"].trigger()
    qtbot.waitUntil(lambda: view.side.quotes.count() == 1, timeout=WAIT_MS)
    type_text(editor.text, "!")

    assert editor.text.toPlainText() == "Elle dit : on a appris ensemble.! Puis"
