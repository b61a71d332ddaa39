"""Every screen and dialog fits a 1366×768 or 1280×720 laptop (and 2560×1440 at 200 %),
reads in the order Tab walks it, shows no stray "&", and Qt's own dialogs speak French.

At 200 % a 2560×1440 screen gives Qt the same 1280×720 logical pixels, so one
logical bound covers the three screens: 1280×650 once a taskbar and a title
bar are taken off.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fieldkit.guide import load_guide
from fieldkit.survey import MissingAnswer, Revision, Survey
from tests.ui.conftest import open_visit
from ui import i18n
from ui.export.dialog import ExportDialog
from ui.export.request import MONOGRAPH, ExportRequest
from ui.interview.editors import TextEditor
from ui.interview.history_dialog import HistoryDialog
from ui.interview.missing_dialog import MissingAnswersDialog
from ui.interview.quote_dialog import QuoteDialog
from ui.interview.start_dialog import InitiativeDialog, InterviewDialog
from ui.qt import (
    QAbstractButton,
    QApplication,
    QDialog,
    QFileDialog,
    QFileIconProvider,
    QFileInfo,
    QLabel,
    QMessageBox,
    QScrollArea,
    Qt,
    QTest,
    QWidget,
)
from ui.shell.guide_import import GuideWarningsDialog
from ui.shell.main_window import SMALLEST_SCREEN, MainWindow
from ui.shell.new_survey_dialog import NewSurveyDialog
from ui.shell.settings_dialog import FacilitatorDialog, SettingsDialog
from ui.widgets import ShortcutsDialog

GUIDE = load_guide()
WIDTH, HEIGHT = SMALLEST_SCREEN


def dialogs(window: MainWindow, demo_path: Path) -> Iterator[QDialog]:
    """One of each dialog the window shows, filled as a person would meet it."""
    assert window.open_path(demo_path)
    session = window.session
    assert session is not None
    reader = session.reader
    interview = reader.interviews()[1].id
    revisions = reader.answer_history(interview, "description_initiative") or [
        Revision("c", "Un texte.", "Camille Roussel", "device", "2026-11-14T10:00:00Z", True)
    ]
    missing = [MissingAnswer(q) for q in GUIDE.questions if q.required][:8]
    yield NewSurveyDialog(window, Path.home())
    yield SettingsDialog(window, "Camille Roussel", "fr", Path.home())
    yield FacilitatorDialog(window)
    interview_dialog = InterviewDialog(window, reader, "fr", "Camille Roussel")
    assert interview_dialog.people is not None
    for _ in range(4):
        interview_dialog.people.add_row()
    yield interview_dialog
    yield InitiativeDialog(window, GUIDE, "fr")
    yield QuoteDialog(window, ["Agnès Roy"], "Comment définir l’innovation sociale ici ?", "")
    yield QuoteDialog(window, ["Agnès Roy"], "", "On a appris à se parler.", "Agnès", True)
    question = GUIDE.question("description_initiative")
    yield HistoryDialog(window, question, "Description", revisions, "fr")
    yield MissingAnswersDialog(window, GUIDE, missing, "fr")
    yield ShortcutsDialog(window, window.actions.actions.values())
    remarks = [f"Ligne {n} : un geopoint devient une question texte." for n in range(12)]
    yield GuideWarningsDialog(window, Path("formulaire.xlsx"), GUIDE, remarks)
    yield ExportDialog(window, "démo", [("i", "Devenir paysan")], ExportRequest(MONOGRAPH))


@pytest.fixture
def every_dialog(window: MainWindow, demo_path: Path, qtbot: QtBot) -> list[QDialog]:
    made = list(dialogs(window, demo_path))
    for dialog in made:
        dialog.show()
        qtbot.waitExposed(dialog)
    yield made
    for dialog in made:
        dialog.close()


def test_every_dialog_fits_the_smallest_screen(every_dialog: list[QDialog]) -> None:
    too_big = {
        type(d).__name__: (d.width(), d.height())
        for d in every_dialog
        if d.width() > WIDTH or d.height() > HEIGHT
    }
    assert too_big == {}


def test_no_wrapped_label_is_cut(every_dialog: list[QDialog]) -> None:
    """A label that wraps gets the height its lines need, at the width it was given."""
    cut = [
        (type(dialog).__name__, label.text()[:40])
        for dialog in every_dialog
        for label in dialog.findChildren(QLabel)
        if label.isVisible()
        and label.wordWrap()
        and label.height() < label.heightForWidth(label.width())
    ]
    assert cut == []


def test_no_label_shows_a_literal_ampersand(every_dialog: list[QDialog]) -> None:
    stray = [
        (type(dialog).__name__, label.text())
        for dialog in every_dialog
        for label in dialog.findChildren(QLabel)
        if label.isVisible()
        and label.textFormat() != Qt.TextFormat.RichText
        and "&" in label.text().replace("&&", "")
        and label.buddy() is None
    ]
    assert stray == []


def reading_order(widgets: list[QWidget], top: QWidget) -> list[QWidget]:
    """Widgets as a person reads them: line by line, left to right."""

    def box(widget: QWidget) -> tuple[int, int, int]:
        corner = widget.mapTo(top, widget.rect().topLeft())
        return corner.y(), corner.y() + widget.height(), corner.x()

    ordered: list[QWidget] = []
    line: list[QWidget] = []
    bottom = -1
    for widget in sorted(widgets, key=lambda w: (box(w)[0] + box(w)[1]) / 2):
        upper, lower, _left = box(widget)
        if line and upper >= bottom:  # below the whole line: a new line starts
            ordered += sorted(line, key=lambda w: box(w)[2])
            line = []
        line.append(widget)
        bottom = lower if len(line) == 1 else max(bottom, lower)
    return ordered + sorted(line, key=lambda w: box(w)[2])


def tab_chain(top: QWidget) -> list[QWidget]:
    """The widgets Tab visits, in the order it visits them, from the first one."""

    def takes_tab(widget: QWidget) -> bool:
        return (
            widget.isVisible()
            and widget.isEnabled()
            and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
            and widget.focusProxy() is None
        )

    chain: list[QWidget] = []
    widget = top.nextInFocusChain()
    while widget is not top and widget not in chain:
        if takes_tab(widget) and top.isAncestorOf(widget):
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def test_tab_follows_the_reading_order_in_every_dialog(every_dialog: list[QDialog]) -> None:
    def names(widgets: list[QWidget]) -> list[str]:
        return [_name(w) for w in widgets]

    wrong = {}
    for dialog in every_dialog:
        # Content that scrolls is read as if unrolled: the order is the same, and
        # positions on the screen then say it without overlapping the buttons below.
        for area in dialog.findChildren(QScrollArea):
            area.setMinimumHeight(area.widget().sizeHint().height())
        dialog.adjustSize()
        chain = tab_chain(dialog)
        # A group of radio buttons or the buttons of a box are one stop each.
        expected = reading_order(chain, dialog)
        if chain != expected:
            wrong[type(dialog).__name__] = (names(chain), names(expected))
    assert wrong == {}


def _name(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    words = text() if callable(text) else ""
    return f"{type(widget).__name__} {words or widget.accessibleName()}".strip()


def page_sizes(window: MainWindow, demo_path: Path) -> Iterator[tuple[str, int, int]]:
    yield "start", window.minimumSizeHint().width(), window.minimumSizeHint().height()
    assert window.open_path(demo_path)
    yield "overview", window.minimumSizeHint().width(), window.minimumSizeHint().height()
    assert window.session is not None
    window.open_interview(window.session.reader.interviews()[1].id)
    view = window.interview
    assert view is not None
    for row in range(view.sections.rowCount()):
        view.show_section(row)
        hint = window.minimumSizeHint()
        yield f"section {row}", hint.width(), hint.height()


def test_every_page_of_the_window_fits_the_smallest_screen(
    window: MainWindow, demo_path: Path
) -> None:
    window.banners.show_notice("test", "Un message assez long pour passer à la ligne. " * 4)
    too_big = [
        (page, w, h) for page, w, h in page_sizes(window, demo_path) if w > WIDTH or h > HEIGHT
    ]
    assert too_big == []


def test_the_first_window_fits_the_screen_it_opens_on(window: MainWindow) -> None:
    fresh = MainWindow(window.settings)
    try:
        screen = fresh.screen().availableGeometry()
        assert fresh.width() <= screen.width() and fresh.height() <= screen.height()
    finally:
        fresh.deleteLater()


def test_qts_own_dialogs_speak_french(qapp: QApplication, french: None) -> None:
    chooser = QFileDialog()
    chooser.setOption(QFileDialog.Option.DontUseNativeDialog)
    words = {label.text() for label in chooser.findChildren(QLabel)}
    words |= {button.text() for button in chooser.findChildren(QAbstractButton) if button.text()}
    assert {"&Voir dans\u00a0:", "Fichiers de &type\u00a0:", "Annuler"} <= words
    assert QFileIconProvider().type(QFileInfo(str(Path.home()))) == "Dossier"
    box = QMessageBox()
    box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel)
    assert sorted(b.text() for b in box.buttons()) == ["Annuler", "Enregistrer"]
    i18n.install_language(qapp, "en")
    assert QFileIconProvider().type(QFileInfo(str(Path.home()))) == "Folder"


def test_tab_follows_the_reading_order_in_the_interview(
    window: MainWindow, fresh_interview: tuple[Path, str]
) -> None:
    path, interview = fresh_interview
    with Survey.open(path) as survey:
        for name in ("Agnès Roy", "Bruno Petit"):
            survey.add_row(interview, "personnes_rencontrees", {"personne_nom": name})
    view = open_visit(window, path, interview)
    for row in range(view.sections.rowCount()):
        view.show_section(row)
        page = view.page
        assert page is not None
        content = page.widget()
        chain = [w for w in tab_chain(window) if content.isAncestorOf(w)]
        assert [_name(w) for w in chain] == [_name(w) for w in reading_order(chain, content)]
        assert chain == reading_order(chain, content), f"section {row}"


def pressing_tab(start: QWidget, within: QWidget) -> list[QWidget]:
    """The fields Tab reaches from ``start``, pressed as a person does, until it leaves ``within``.

    A date field takes Tab for its day, month and year: it counts once.
    """
    start.setFocus(Qt.FocusReason.TabFocusReason)
    reached = [start]
    for _press in range(4 * len(within.findChildren(QWidget))):
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClick(focused, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        if now is None or not within.isAncestorOf(now):
            return reached
        if now is not reached[-1]:
            assert now not in reached, f"Tab comes back to {_name(now)}: it never leaves"
            reached.append(now)
    raise AssertionError("Tab never leaves")


def test_tab_leaves_the_people_met_after_their_last_field(
    window: MainWindow, fresh_interview: tuple[Path, str]
) -> None:
    """Cards shown when the interview opens, and one added then, are walked once, in order."""
    path, interview = fresh_interview
    with Survey.open(path) as survey:
        for name in ("Agnès Roy", "Bruno Petit"):
            survey.add_row(interview, "personnes_rencontrees", {"personne_nom": name})
    view = open_visit(window, path, interview)
    view.show_section(0)
    assert view.page is not None
    people = view.page.repeats["personnes_rencontrees"]
    people.add_row({"personne_nom": "Chloé Martin"})
    content = view.page.widget()
    fields = [w for w in tab_chain(window) if content.isAncestorOf(w)]
    assert pressing_tab(fields[0], content) == reading_order(fields, content)
    people.add_button.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(people.add_button, Qt.Key.Key_Tab)
    assert not people.isAncestorOf(QApplication.focusWidget())


def test_the_people_met_are_readable_on_the_smallest_screen(
    window: MainWindow, fresh_interview: tuple[Path, str], qtbot: QtBot
) -> None:
    """Nine questions per person: each field still shows a whole name and role."""
    path, interview = fresh_interview
    person = {
        "personne_nom": "Anne-Sophie Bertin",
        "personne_role": "Animatrice du parcours Devenir paysan",
    }
    long_name = "Association pour le maintien d’une agriculture paysanne d’Île-de-France"
    with Survey.open(path) as survey:
        survey.add_row(
            interview, "personnes_rencontrees", {**person, "personne_structure": long_name}
        )
    window.resize(*SMALLEST_SCREEN)
    view = open_visit(window, path, interview)
    view.show_section(0)
    people = view.page.repeats["personnes_rencontrees"] if view.page else None
    assert people is not None
    (row,) = people.row_ids()
    for column, words in person.items():
        cell = people.cell(row, column)
        assert cell is not None
        qtbot.waitUntil(lambda c=cell: c.isVisible())
        assert cell.width() >= cell.fontMetrics().horizontalAdvance(words), column
    # A value too long for its field shows its beginning, not its last letters.
    structure = people.cell(row, "personne_structure")
    assert isinstance(structure, TextEditor)
    assert structure.line.cursorPosition() == 0


def test_two_attachments_show_side_by_side_on_the_smallest_screen(
    window: MainWindow, fresh_interview: tuple[Path, str], tmp_path: Path, qtbot: QtBot
) -> None:
    """Each attachment shows whole, its picture and the start of its name, without scrolling."""
    path, interview = fresh_interview
    names = ["Atelier de réparation des vélos, samedi matin.txt", "Compte-rendu du conseil.txt"]
    with Survey.open(path) as survey:
        for name in names:
            (tmp_path / name).write_text("notes", encoding="utf-8")
            survey.attach(interview, tmp_path / name)
    window.resize(*SMALLEST_SCREEN)
    view = open_visit(window, path, interview)
    attachments = view.side.attachments
    qtbot.waitUntil(lambda: attachments.count() == 2 and attachments.isVisible())
    shown = attachments.viewport().rect()
    for row in range(attachments.count()):
        item = attachments.item(row)
        assert shown.contains(attachments.visualItemRect(item)), item.text()


def test_the_start_page_lists_recent_files_without_a_scroll_box(
    window: MainWindow, tmp_path: Path
) -> None:
    """Five recent surveys show at once on the smallest screen, each with its folder."""
    paths = []
    for number in range(5):
        path = tmp_path / f"visites {number}" / f"enquête {number}.fieldkit"
        path.parent.mkdir()
        Survey.create(path).close()
        paths.append(path)
    window.resize(*SMALLEST_SCREEN)
    window.start.set_recent(paths)
    recent = window.start.recent
    assert recent.count() == 5
    shown = recent.viewport().rect()
    for row in range(recent.count()):
        assert shown.contains(recent.visualItemRect(recent.item(row))), recent.item(row).text()


def test_the_people_met_are_added_with_the_same_words_everywhere(
    window: MainWindow, fresh_interview: tuple[Path, str]
) -> None:
    """The dialog that starts a visit and the visit itself name the button alike."""
    path, interview = fresh_interview
    view = open_visit(window, path, interview)
    assert window.session is not None and view.page is not None
    dialog = InterviewDialog(window, window.session.reader, "fr", "Camille Roussel")
    assert dialog.people is not None
    in_the_visit = view.page.repeats["personnes_rencontrees"].add_button.text()
    assert dialog.people.add_button.text() == in_the_visit == "Ajouter une fiche"
    dialog.deleteLater()


def test_a_person_met_shows_whole_in_the_dialog_that_starts_a_visit(
    window: MainWindow, fresh_interview: tuple[Path, str], qtbot: QtBot
) -> None:
    path, _interview = fresh_interview
    assert window.open_path(path) and window.session is not None
    dialog = InterviewDialog(window, window.session.reader, "fr", "Camille Roussel")
    qtbot.addWidget(dialog)
    assert dialog.people is not None
    dialog.show()
    row = dialog.people.add_row()
    area = dialog.people.parentWidget().parentWidget()  # the scrolling area's viewport, then it
    last = dialog.people.row_editors(row)[-1]
    qtbot.waitUntil(lambda: last.isVisible())
    bottom = last.mapTo(area, last.rect().bottomLeft()).y()
    assert bottom <= area.height(), "the whole card shows without scrolling"
    assert dialog.height() <= HEIGHT


def test_the_missing_answers_read_one_apart_from_the_next(qtbot: QtBot) -> None:
    missing = [MissingAnswer(q) for q in GUIDE.questions if q.required][:4]
    dialog = MissingAnswersDialog(None, GUIDE, missing, "fr")
    qtbot.addWidget(dialog)
    dialog.show()
    rows = [dialog.list.visualItemRect(dialog.list.item(n)) for n in range(len(missing))]
    gaps = [below.top() - above.bottom() for above, below in itertools.pairwise(rows)]
    assert min(gaps) >= 4, "a gap between two missing answers"
