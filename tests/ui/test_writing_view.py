"""*Rédiger la monographie*: write a section beside the visits' material, as a person would.

Open the writing view from an initiative in the overview, type a narrative
with bold words, quote a person and place a photo in one gesture each, close
the survey and open it again: everything is in the file (read back through a
fresh ``Survey.open``) and on screen. A quote of someone who did not agree to
be named is attributed by role and initials, with a warning that blocks
nothing. The preview is the monograph itself, opened in the word processor.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import docx
import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from fieldkit.survey import Survey, markup
from tests.export.helpers import png
from tests.ui.keyboard import type_text
from tests.ui.laptops import CAMILLE, be
from ui.qt import (
    QApplication,
    QDesktopServices,
    QInputDialog,
    QMenu,
    QMimeData,
    QModelIndex,
    QProgressDialog,
    QPushButton,
    Qt,
    QTextImageFormat,
    QUrl,
)
from ui.shell.main_window import SMALLEST_SCREEN, MainWindow
from ui.widgets.shortcuts_dialog import ShortcutsDialog
from ui.writing.outline_list import MATERIAL, TITLE_LINES, WRITTEN
from ui.writing.text_lines import wrapped_lines
from ui.writing.view import WritingView

GENERATEUR = "Générateur Bourgogne-Franche-Comté"
QUOTED = "Ici, la gare reste vivante."
CAPTION = "La gare de Vernay, côté quai"


@pytest.fixture
def demo(demo_path: Path, tmp_path: Path) -> Path:
    """The demo, with a photo and a quote on the Générateur's first visit, signed by Camille."""
    be(CAMILLE)
    picture = tmp_path / "gare.png"
    picture.write_bytes(png(640, 400))
    with Survey.open(demo_path) as survey:
        initiative = _initiative(survey, GENERATEUR)
        visit = min(survey.interviews(initiative), key=lambda i: i.date)
        survey.attach(visit.id, picture, "description_initiative", CAPTION)
        survey.add_quote(visit.id, QUOTED, "Gérard Thouvenot", "description_initiative")
    return demo_path


def _initiative(survey: Survey, name: str) -> str:
    return next(i.id for i in survey.initiatives() if i.name == name)


@pytest.fixture
def opened_urls(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    urls: list[QUrl] = []

    def record(url: QUrl) -> bool:
        urls.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(record))
    return urls


def open_writing(window: MainWindow, qtbot: QtBot, name: str) -> WritingView:
    """Right-click the initiative in the overview and choose *Rédiger la monographie*."""
    overview = window.overview
    assert overview is not None and window.session is not None
    initiative = next(i.id for i in window.session.reader.initiatives() if i.name == name)
    overview.select(initiative)
    menus: list[QMenu] = []
    original = QMenu.popup
    QMenu.popup = lambda menu, _at, _action=None: menus.append(menu)  # type: ignore[method-assign]
    try:
        rect = overview.view.visualRect(overview.view.currentIndex())
        overview.view.customContextMenuRequested.emit(rect.center())
    finally:
        QMenu.popup = original  # type: ignore[method-assign]
    (menu,) = menus
    (write,) = [a for a in menu.actions() if a.text().replace("&", "") == "Rédiger la monographie"]
    write.trigger()
    view = window.writing.view
    assert view is not None and window.stack.currentWidget() is view
    return view


def choose_section(view: WritingView, qtbot: QtBot, section: str) -> None:
    index = view.outline.index(view.outline.find(section))
    view.outline_view.scrollTo(index)
    where = view.outline_view.visualRect(index).center()
    qtbot.mouseClick(view.outline_view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert view.section == section


def material_row(view: WritingView, kind: str, text: str) -> int:
    return next(
        row
        for row, item in enumerate(view.material.items())
        if item.kind == kind and text in item.text
    )


def double_click_material(view: WritingView, qtbot: QtBot, row: int) -> None:
    index = view.material.index(row)
    view.material_view.scrollTo(index)
    where = view.material_view.visualRect(index).center()
    viewport = view.material_view.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=where)


def saved(window: MainWindow, qtbot: QtBot) -> None:
    assert window.session is not None
    qtbot.waitUntil(lambda: not window.session.saver.busy)  # type: ignore[union-attr]


def narrative(path: Path, name: str, section: str) -> str:
    with Survey.open(path, readonly=True) as survey:
        found = survey.narratives(_initiative(survey, name)).get(section)
    return found.text if found else ""


def test_a_section_typed_quoted_and_illustrated_is_all_there_after_reopening(
    window: MainWindow, qtbot: QtBot, demo: Path
) -> None:
    assert window.open_path(demo)
    view = open_writing(window, qtbot, GENERATEUR)
    assert view.initiative_label.text() == f"{GENERATEUR} — Monographie"
    states = {row.section: row for row in view.outline.rows()}
    assert states["besoins"].state == WRITTEN and states["besoins"].authors == ("Camille Roussel",)
    assert states["innovation"].authors == ("Yanis Benali",)
    assert states["initiative"].state == MATERIAL
    assert view.progress_label.text() == "6 sections écrites sur 12"

    choose_section(view, qtbot, "initiative")
    assert view.section_title.text() == "L’initiative"
    assert view.authors_label.text() == "Pas encore écrit."
    editor = view.editor
    assert editor.hasFocus() and editor.text() == ""
    type_text(editor, "La Halte est un tiers-lieu ")
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    type_text(editor, "vivant")
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    type_text(editor, ".\n")
    assert view.words_label.text() == "L’initiative\u00a0: 6 mots"

    # A double-click on the quote sets it as a quotation with its attribution, at the caret.
    double_click_material(view, qtbot, material_row(view, "quote", QUOTED))
    # The photo: chosen in the list, placed by the button, whose words say what it does.
    photo = material_row(view, "photo", CAPTION)
    view.material_view.setCurrentIndex(view.material.index(photo))
    assert view.insert_button.text() == "Placer la photo au curseur (Ctrl+K)"
    qtbot.mouseClick(view.insert_button, Qt.MouseButton.LeftButton)
    attachment = view.material.item(photo).attachment  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: attachment in view.material.pictures)
    assert editor.hasFocus()
    type_text(editor, "Le café ouvre le matin.")
    # Ctrl+K from the text: the chosen answer's words, to write from.
    answer = material_row(view, "answer", "")
    view.material_view.setCurrentIndex(view.material.index(answer))
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    answer_text = view.material.item(answer).text  # type: ignore[union-attr]
    saved(window, qtbot)
    assert view.outline.rows()[view.outline.find("initiative")].state == WRITTEN
    assert view.outline.rows()[view.outline.find("initiative")].authors == ("Camille Roussel",)
    assert view.authors_label.text().startswith("Écrit par Camille Roussel · dernière modification")
    assert view.progress_label.text() == "7 sections écrites sur 12"

    window.close_survey()
    blocks = markup.parse(narrative(demo, GENERATEUR, "initiative"))
    assert blocks[0] == markup.Paragraph(
        (
            markup.Run("La Halte est un tiers-lieu "),
            markup.Run("vivant", bold=True),
            markup.Run("."),
        )
    )
    assert blocks[1] == markup.Quotation((QUOTED,), "Gérard Thouvenot, 12 mars 2026")
    assert blocks[2] == markup.Figure(str(attachment), CAPTION)
    first, second = answer_text.split("\n\n")
    assert blocks[3:] == [
        markup.Paragraph((markup.Run(f"Le café ouvre le matin. {first}"),)),
        markup.Paragraph((markup.Run(second),)),
    ]

    assert window.open_path(demo)
    view = open_writing(window, qtbot, GENERATEUR)
    choose_section(view, qtbot, "initiative")
    assert markup.parse(view.editor.text()) == blocks
    images = [
        fragment.charFormat()
        for block in _blocks(view.editor.document())
        for fragment in _fragments(block)
        if fragment.charFormat().isImageFormat()
    ]
    assert [QTextImageFormat(i).name() for i in images] == [f"attachment:{attachment}"]


def _blocks(document: object) -> list[object]:
    found, block = [], document.begin()  # type: ignore[attr-defined]
    while block.isValid():
        found.append(block)
        block = block.next()
    return found


def _fragments(block: object) -> list[object]:
    from ui.writing.document import fragments

    return list(fragments(block))  # type: ignore[arg-type]


def test_quoting_someone_who_did_not_agree_to_be_named_warns_and_hides_the_name(
    window: MainWindow, qtbot: QtBot, demo: Path
) -> None:
    with Survey.open(demo) as survey:
        initiative = _initiative(survey, GENERATEUR)
        visit = min(survey.interviews(initiative), key=lambda i: i.date)
        survey.add_quote(visit.id, "On tient le café à tour de rôle.", "Julie Perraud")
    assert window.open_path(demo)
    view = open_writing(window, qtbot, GENERATEUR)
    choose_section(view, qtbot, "chapeau")  # the summary offers the quotes on no question
    row = material_row(view, "quote", "à tour de rôle")
    item = view.material.item(row)
    assert item is not None and item.consent is False
    card = view.material_delegate.warning(item)
    assert card.startswith("⚠ N’a pas accepté d’être nommé·e\u00a0: cité·e comme «\u00a0")
    view.editor.moveCursor(view.editor.textCursor().MoveOperation.End)
    double_click_material(view, qtbot, row)
    assert view.consent_bar.isVisible()
    warning = view.consent_bar.label.text()
    assert warning.startswith("Julie Perraud n’a pas accepté d’être nommé·e")
    attribution = warning.split("attribuée à", 1)[1]
    assert "12 mars 2026" in attribution and "Perraud" not in attribution  # her pseudonym
    # The card and the bar give her the same name: the one the documents print.
    shown_as = card.split("«\u00a0", 1)[1].rstrip("\u00a0»")
    assert shown_as and shown_as in attribution
    saved(window, qtbot)
    text = narrative(demo, GENERATEUR, "chapeau")
    assert "On tient le café à tour de rôle." in text and "Perraud" not in text
    assert view.editor.hasFocus()  # nothing stopped the writing


def test_the_preview_is_the_monograph_opened_in_the_word_processor(
    window: MainWindow, qtbot: QtBot, demo: Path, opened_urls: list[QUrl]
) -> None:
    assert window.open_path(demo)
    view = open_writing(window, qtbot, GENERATEUR)
    choose_section(view, qtbot, "initiative")
    type_text(view.editor, "Une phrase écrite à l’instant.")
    qtbot.mouseClick(view.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(opened_urls) == 1)
    path = Path(opened_urls[0].toLocalFile())
    assert path.exists() and path.suffix == ".docx"
    assert path.name == f"Monographie – {GENERATEUR} (aperçu 1).docx"
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "Une phrase écrite à l’instant." in paragraphs  # typed a moment before the click
    qtbot.keyClick(view.editor, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(opened_urls) == 2)
    assert Path(opened_urls[1].toLocalFile()).name.endswith("(aperçu 2).docx")
    window.close_survey()
    assert not path.exists()  # previews go with the view


def test_a_cancelled_preview_writes_and_opens_nothing(
    window: MainWindow, qtbot: QtBot, demo: Path, opened_urls: list[QUrl]
) -> None:
    assert window.open_path(demo)
    view = open_writing(window, qtbot, GENERATEUR)
    assert window.session is not None
    # Hold the writer thread so that the preview is still waiting when *Annuler* is pressed.
    release = threading.Event()
    window.session.executor.submit(lambda _survey: release.wait(10))
    qtbot.mouseClick(view.preview_button, Qt.MouseButton.LeftButton)
    progress = window.findChild(QProgressDialog)
    assert progress is not None
    qtbot.waitUntil(progress.isVisible)
    assert progress.labelText() == "Préparation de l’aperçu…"
    cancel = next(b for b in progress.findChildren(QPushButton) if b.text() == "Annuler")
    cancel.click()
    release.set()
    qtbot.waitUntil(lambda: not window.findChildren(QProgressDialog))
    window.session.executor.wait()
    assert opened_urls == []
    assert list(Path(view.preview._folder.name).iterdir()) == []


def test_enter_after_a_quotation_or_on_a_figure_starts_an_ordinary_paragraph(
    window: MainWindow, qtbot: QtBot, demo: Path
) -> None:
    assert window.open_path(demo)
    view = open_writing(window, qtbot, GENERATEUR)
    choose_section(view, qtbot, "initiative")
    editor = view.editor
    editor.insert_quotation(("Une phrase dite.",), "Gérard Thouvenot, 12 mars 2026")
    editor.moveCursor(editor.textCursor().MoveOperation.PreviousBlock)
    editor.moveCursor(editor.textCursor().MoveOperation.EndOfBlock)
    type_text(editor, "\nAprès la citation.")
    editor.insert_figure("abc", "Une légende")
    editor.moveCursor(editor.textCursor().MoveOperation.PreviousBlock)
    type_text(editor, "\nAprès la figure.")
    assert markup.parse(editor.text()) == [
        markup.Quotation(("Une phrase dite.",), "Gérard Thouvenot, 12 mars 2026"),
        markup.Paragraph((markup.Run("Après la citation."),)),
        markup.Figure("abc", "Une légende"),
        markup.Paragraph((markup.Run("Après la figure."),)),
    ]


def test_a_quote_inserted_inside_a_paragraph_cuts_it_in_two(
    window: MainWindow, qtbot: QtBot, demo: Path
) -> None:
    assert window.open_path(demo)
    view = open_writing(window, qtbot, GENERATEUR)
    choose_section(view, qtbot, "initiative")
    editor = view.editor
    type_text(editor, "Avant la citation, après elle.")
    cursor = editor.textCursor()
    cursor.setPosition(len("Avant la citation,"))
    editor.setTextCursor(cursor)
    double_click_material(view, qtbot, material_row(view, "quote", QUOTED))
    type_text(editor, "Puis")
    assert markup.parse(editor.text()) == [
        markup.Paragraph((markup.Run("Avant la citation,"),)),
        markup.Quotation((QUOTED,), "Gérard Thouvenot, 12 mars 2026"),
        markup.Paragraph((markup.Run("Puis après elle."),)),
    ]
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # "Puis"
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the quote
    assert editor.text() == "Avant la citation, après elle."


def test_bulleted_lists_are_made_and_unmade_from_the_keyboard(
    window: MainWindow, qtbot: QtBot, demo: Path
) -> None:
    assert window.open_path(demo)
    view = open_writing(window, qtbot, GENERATEUR)
    choose_section(view, qtbot, "initiative")
    editor = view.editor
    type_text(editor, "Trois choses :\n")
    qtbot.keyClick(
        editor,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    type_text(editor, "un café\nune épicerie\n")
    qtbot.keyClick(
        editor,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.keyClick(editor, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    type_text(editor, "et le reste")
    assert editor.text() == "Trois choses\u00a0:\n\n- un café\n- une épicerie\n\n*et le reste*"
    assert view.actions["italic"].isChecked() and not view.actions["bullets"].isChecked()


def test_the_writing_view_goes_back_to_the_overview_and_away_with_its_survey(
    window: MainWindow, qtbot: QtBot, demo: Path
) -> None:
    assert window.open_path(demo)
    view = open_writing(window, qtbot, GENERATEUR)
    qtbot.keyClick(view.editor, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert view.section == "initiative"  # the next section, from the keyboard
    qtbot.mouseClick(view.back_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.overview
    window.close_survey()
    assert window.writing.view is None
    assert window.stack.indexOf(view) < 0


def test_from_an_interview_the_menu_opens_the_writing_view_and_its_keys_work(
    window: MainWindow, qtbot: QtBot, demo: Path
) -> None:
    """The interview's Ctrl+K (a new quote) gives way to the view's (insert at the caret)."""
    assert window.open_path(demo) and window.session is not None
    initiative = _initiative(window.session.reader, GENERATEUR)
    visit = min(window.session.reader.interviews(initiative), key=lambda i: i.date)
    window.open_interview(visit.id)
    assert window.actions["quote"].isEnabled()
    assert window.writing.action in window.survey_menu.actions()
    window.writing.action.trigger()
    view = window.writing.view
    assert view is not None and window.stack.currentWidget() is view
    assert view.initiative_id == initiative  # the initiative of the visit on screen
    assert not window.actions["quote"].isEnabled()
    choose_section(view, qtbot, "initiative")
    view.material_view.setCurrentIndex(view.material.index(material_row(view, "quote", QUOTED)))
    view.editor.setFocus()
    qtbot.keyClick(view.editor, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert markup.parse(view.editor.text()) == [
        markup.Quotation((QUOTED,), "Gérard Thouvenot, 12 mars 2026")
    ]


def test_with_no_initiative_chosen_the_command_asks_which(
    window: MainWindow, qtbot: QtBot, demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.open_path(demo) and window.overview is not None
    window.overview.view.setCurrentIndex(QModelIndex())
    offered: list[list[str]] = []

    def choose(_parent: object, _title: str, _label: str, names: list[str], *_rest: object):
        offered.append(list(names))
        return "L’Escale, relais local de l’économie solidaire", True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(choose))
    window.writing.action.trigger()
    assert len(offered[0]) == 5
    view = window.writing.view
    assert view is not None and view.initiative_name.startswith("L’Escale")


def test_pasted_text_comes_in_plain(window: MainWindow, qtbot: QtBot, demo: Path) -> None:
    """A page copied from a browser brings its words, not its fonts, colours or headings."""
    assert window.open_path(demo)
    view = open_writing(window, qtbot, GENERATEUR)
    choose_section(view, qtbot, "initiative")
    copied = QMimeData()
    copied.setHtml("<h1 style='color:red'>Un <b>titre</b></h1><table><tr><td>x</td></tr></table>")
    copied.setText("Un titre")
    QApplication.clipboard().setMimeData(copied)
    view.editor.paste()
    assert view.editor.text() == "Un titre"


def test_the_outline_and_the_material_are_well_behaved_models(
    window: MainWindow, qtbot: QtBot, demo: Path, qtmodeltester: ModelTester
) -> None:
    assert window.open_path(demo)
    view = open_writing(window, qtbot, GENERATEUR)
    choose_section(view, qtbot, "initiative")
    qtmodeltester.check(view.outline)
    qtmodeltester.check(view.material)


def test_the_progress_counts_in_french_grammar(
    window: MainWindow, qtbot: QtBot, demo: Path
) -> None:
    """French puts 0 and 1 in the singular: « 0 section écrite », not « 0 sections écrites »."""
    assert window.open_path(demo)
    view = open_writing(window, qtbot, "Devenir paysan")
    assert view.progress_label.text() == "0 section écrite sur 12"


def test_every_section_title_shows_whole_in_the_outline_on_the_smallest_screen(
    window: MainWindow, qtbot: QtBot, demo: Path
) -> None:
    """The six axes have long titles: none is cut short by an ellipsis."""
    window.resize(*SMALLEST_SCREEN)
    assert window.open_path(demo)
    view = open_writing(window, qtbot, GENERATEUR)
    outline = view.outline_view
    qtbot.waitUntil(outline.isVisible)
    # The title's room: the row, less the state mark and the padding on each side.
    room = outline.viewport().width() - outline.fontMetrics().averageCharWidth() * 5
    longest = max(
        len(wrapped_lines(row.title, outline.font(), room)) for row in view.outline.rows()
    )
    assert longest <= TITLE_LINES


def test_the_material_reads_as_the_documents_will_print_it(
    window: MainWindow, qtbot: QtBot, demo: Path
) -> None:
    """A list of choices in French: the no-break space before each ;, as in the monograph."""
    assert window.open_path(demo)
    view = open_writing(window, qtbot, GENERATEUR)
    choose_section(view, qtbot, "besoins")
    lists = [item for item in view.material.items() if item.kind == "answer" and ";" in item.text]
    assert lists, "the demo answers a multiple choice in this section"
    for item in lists:
        shown = view.material_delegate.body(item)
        assert "; " in shown and not re.search(r"\S;", shown), shown


def test_f1_in_the_writing_view_lists_its_own_commands_first(
    window: MainWindow, qtbot: QtBot, demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    listed: list[tuple[str, str]] = []

    def collect(dialog: ShortcutsDialog) -> int:
        table = dialog.table
        listed.extend((table.item(r, 0).text(), table.item(r, 1).text()) for r in range(3))
        return 0

    monkeypatch.setattr(ShortcutsDialog, "exec", collect)
    assert window.open_path(demo)
    open_writing(window, qtbot, GENERATEUR)
    window.show_shortcuts()
    assert listed == [
        ("Rédaction de la monographie", ""),
        ("Gras", "Ctrl+B"),
        ("Italique", "Ctrl+I"),
    ]
