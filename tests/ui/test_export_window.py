"""*Exporter…* from the window: choose, name the file, watch it written, open it."""

from __future__ import annotations

import threading
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from pytestqt.qtbot import QtBot

from ui.export.dialog import ExportDialog, ExportDoneDialog
from ui.export.request import MONOGRAPH, QDPX, SYNTHESIS, WORKING, Exported
from ui.qt import (
    QApplication,
    QDesktopServices,
    QFileDialog,
    QLabel,
    QProgressDialog,
    QPushButton,
    QToolButton,
    QUrl,
)
from ui.shell.main_window import MainWindow

DEMO_INITIATIVE = "Générateur Bourgogne-Franche-Comté"


@pytest.fixture
def opened(window: MainWindow, demo_path: Path) -> MainWindow:
    assert window.open_path(demo_path)
    return window


@pytest.fixture
def save_as(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], list[str]]:
    """Answer the save dialog with ``path``; return the names it suggested."""

    def arrange(path: Path) -> list[str]:
        suggested: list[str] = []

        def answer(_parent: object, _title: str, proposed: str, _filter: str) -> tuple[str, str]:
            suggested.append(proposed)
            return str(path), ""

        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
        return suggested

    return arrange


@pytest.fixture
def opened_urls(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    urls: list[QUrl] = []

    def record(url: QUrl) -> bool:
        urls.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(record))
    return urls


def _choose(kind: str, **options: object) -> Callable[[ExportDialog], None]:
    def fill(dialog: ExportDialog) -> None:
        dialog.buttons[kind].click()
        for name, value in options.items():
            widget = getattr(dialog, name)
            if name == "template":
                widget.setText(str(value))
            elif name == "initiative":
                widget.setCurrentIndex(widget.findText(str(value)))
            else:
                widget.setChecked(bool(value))
        dialog.ok.click()

    return fill


def _wait_for_export(qtbot: QtBot, window: MainWindow) -> None:
    assert window.session is not None
    qtbot.waitUntil(lambda: not window.findChildren(QProgressDialog), timeout=20000)
    window.session.executor.wait()


def test_the_export_commands_are_in_the_survey_menu_and_the_toolbar(opened: MainWindow) -> None:
    actions = opened.survey_menu.actions()
    assert opened.exports.export_action in actions
    assert opened.exports.qdpx_action in actions
    assert opened.exports.export_action.text() == "&Exporter…"
    assert opened.exports.export_action.toolTip().endswith("(Ctrl+E)")
    assert opened.overview is not None
    buttons = [b.defaultAction() for b in opened.overview.findChildren(QToolButton)]
    assert opened.exports.export_action in buttons
    assert opened.exports.qdpx_action not in buttons  # the menu is enough for it


def test_a_monograph_is_exported_then_opened(
    opened: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    answer_dialog: Callable[..., None],
    save_as: Callable[[Path], list[str]],
    opened_urls: list[QUrl],
) -> None:
    target = tmp_path / "exports à relire" / "Monographie Générateur.docx"
    target.parent.mkdir()
    suggested = save_as(target)
    answer_dialog(ExportDialog, _choose(MONOGRAPH, initiative=DEMO_INITIATIVE, pseudonymize=True))
    done: list[ExportDoneDialog] = []

    def open_it(dialog: ExportDoneDialog) -> None:
        done.append(dialog)
        dialog.open_button.click()

    answer_dialog(ExportDoneDialog, open_it)
    opened.exports.export_action.trigger()
    _wait_for_export(qtbot, opened)
    assert Path(suggested[0]).name == f"Monographie – {DEMO_INITIATIVE}.docx"
    assert done and any("est prêt" in label.text() for label in done[0].findChildren(QLabel))
    document = docx.Document(str(target))
    assert document.paragraphs[0].text.strip()
    assert DEMO_INITIATIVE in "\n".join(p.text for p in document.paragraphs)
    assert opened_urls == [QUrl.fromLocalFile(str(target))]
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]


def test_the_working_file_is_offered_beside_the_monograph(
    opened: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    answer_dialog: Callable[..., None],
    save_as: Callable[[Path], list[str]],
) -> None:
    target = tmp_path / "dossier.docx"
    suggested = save_as(target)
    offered: list[tuple[bool, bool]] = []

    def choose(dialog: ExportDialog) -> None:
        dialog.buttons[WORKING].click()
        # One initiative's document, with every visit: the drafts option has no say here.
        offered.append((dialog.initiative.isEnabled(), dialog.drafts.isEnabled()))
        _choose(WORKING, initiative=DEMO_INITIATIVE)(dialog)

    answer_dialog(ExportDialog, choose)
    answer_dialog(ExportDoneDialog, lambda dialog: dialog.reject())
    opened.exports.export_action.trigger()
    _wait_for_export(qtbot, opened)
    assert offered == [(True, False)]
    assert Path(suggested[0]).name == f"Dossier de travail – {DEMO_INITIATIVE}.docx"
    header = docx.Document(str(target)).sections[0].header.paragraphs[0].text
    assert header.startswith("Document de travail — ne pas diffuser")


def test_show_in_folder_opens_the_folder(
    opened: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    answer_dialog: Callable[..., None],
    save_as: Callable[[Path], list[str]],
    opened_urls: list[QUrl],
) -> None:
    target = tmp_path / "synthèse"  # no suffix typed: the export adds it
    save_as(target)
    answer_dialog(ExportDialog, _choose(SYNTHESIS))
    answer_dialog(ExportDoneDialog, lambda dialog: dialog.show_button.click())
    opened.exports.export_action.trigger()
    _wait_for_export(qtbot, opened)
    written = tmp_path / "synthèse.docx"
    assert written.exists()
    assert opened_urls == [QUrl.fromLocalFile(str(tmp_path))]


def test_cancelling_leaves_no_file_at_all(
    opened: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    answer_dialog: Callable[..., None],
    save_as: Callable[[Path], list[str]],
    shown_errors: list[tuple[str, str]],
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "monographie.docx"
    save_as(target)
    answer_dialog(ExportDialog, _choose(MONOGRAPH))
    answer_dialog(ExportDoneDialog, lambda _dialog: pytest.fail("a cancelled export finished"))
    assert opened.session is not None
    # Hold the writer thread so that the export is still waiting when *Annuler* is pressed.
    release = threading.Event()
    opened.session.executor.submit(lambda _survey: release.wait(10))
    opened.exports.export_action.trigger()
    progress = opened.findChild(QProgressDialog)
    assert progress is not None
    qtbot.waitUntil(progress.isVisible, timeout=20_000)
    assert "monographie" in progress.labelText()
    cancel = next(b for b in progress.findChildren(QPushButton) if b.text() == "Annuler")
    cancel.click()
    release.set()
    _wait_for_export(qtbot, opened)
    assert list(folder.iterdir()) == []
    assert shown_errors == []


def test_a_qdpx_project_is_exported_from_its_own_command(
    opened: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    answer_dialog: Callable[..., None],
    save_as: Callable[[Path], list[str]],
    opened_urls: list[QUrl],
) -> None:
    target = tmp_path / "analyse.qdpx"
    suggested = save_as(target)
    chosen: list[str] = []

    def keep_qdpx(dialog: ExportDialog) -> None:
        chosen.append(dialog.kind())
        dialog.ok.click()

    answer_dialog(ExportDialog, keep_qdpx)
    answered: list[ExportDoneDialog] = []
    answer_dialog(ExportDoneDialog, answered.append, result=0)
    opened.exports.qdpx_action.trigger()
    _wait_for_export(qtbot, opened)
    assert chosen == [QDPX]
    assert suggested[0].endswith(".qdpx")
    with zipfile.ZipFile(target) as project:
        names = project.namelist()
    assert "project.qde" in names
    assert any(name.startswith("sources/") for name in names)
    assert answered and opened_urls == []


def test_a_template_that_is_not_a_word_file_is_explained(
    opened: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    answer_dialog: Callable[..., None],
    save_as: Callable[[Path], list[str]],
    shown_errors: list[tuple[str, str]],
) -> None:
    template = tmp_path / "modèle.docx"
    template.write_text("Ceci n’est pas un document Word.", encoding="utf-8")
    target = tmp_path / "out" / "monographie.docx"
    target.parent.mkdir()
    save_as(target)
    answer_dialog(ExportDialog, _choose(MONOGRAPH, template=template))
    answer_dialog(ExportDoneDialog, lambda _dialog: pytest.fail("a failed export finished"))
    opened.exports.export_action.trigger()
    _wait_for_export(qtbot, opened)
    assert len(shown_errors) == 1
    headline, detail = shown_errors[0]
    assert headline == "Impossible d’exporter"
    assert "not a Word document" in detail and "modèle.docx" in detail
    assert list(target.parent.iterdir()) == []


def test_a_file_open_in_word_is_not_replaced(
    opened: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    answer_dialog: Callable[..., None],
    save_as: Callable[[Path], list[str]],
    shown_errors: list[tuple[str, str]],
) -> None:
    target = tmp_path / "monographie.docx"
    target.write_bytes(b"the version a colleague is reading")
    (tmp_path / ".~lock.monographie.docx#").write_text("lock", encoding="utf-8")
    save_as(target)
    answer_dialog(ExportDialog, _choose(MONOGRAPH))
    opened.exports.export_action.trigger()
    _wait_for_export(qtbot, opened)
    assert shown_errors and "open in another program" in shown_errors[0][1]
    assert target.read_bytes() == b"the version a colleague is reading"


def test_the_dialog_offers_only_the_options_of_each_export(
    opened: MainWindow, qtbot: QtBot
) -> None:
    assert opened.session is not None
    reader = opened.session.reader
    dialog = ExportDialog(
        opened,
        "Démo",
        [(i.id, i.name) for i in reader.initiatives()],
        opened.exports.last,
    )
    qtbot.addWidget(dialog)
    dialog.buttons["json"].click()
    assert not dialog.template.isEnabled() and not dialog.pseudonymize.isEnabled()
    dialog.buttons["table"].click()
    assert dialog.table_format.isEnabled() and not dialog.drafts.isEnabled()
    assert dialog.pseudonymize.isEnabled()
    dialog.buttons[MONOGRAPH].click()
    assert dialog.template.isEnabled() and dialog.initiative.isEnabled()


def test_an_exported_result_with_warnings_lists_them(opened: MainWindow, qtbot: QtBot) -> None:
    dialog = ExportDoneDialog(
        opened, Exported([Path("/tmp/a.qdpx")], ["2 attached file(s) are not part of the project"])
    )
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert any("attached file" in text for text in texts)


def test_the_commands_follow_a_change_of_language(
    opened: MainWindow, qtbot: QtBot, qapp: QApplication
) -> None:
    from ui import i18n

    i18n.install_language(qapp, "en")
    try:
        qtbot.waitUntil(lambda: opened.exports.export_action.text() == "&Export…")
        assert opened.exports.qdpx_action.text() == "Export for &qualitative analysis (.qdpx)…"
        assert opened.exports.export_action.iconText() == "Export…"
    finally:
        i18n.install_language(qapp, "fr")
    qtbot.waitUntil(lambda: opened.exports.export_action.text() == "&Exporter…")


def test_the_last_choices_are_offered_again(
    opened: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    answer_dialog: Callable[..., None],
    save_as: Callable[[Path], list[str]],
) -> None:
    save_as(tmp_path / "réponses.xlsx")
    answer_dialog(ExportDialog, _choose("table", pseudonymize=True))
    answer_dialog(ExportDoneDialog, lambda _dialog: None, result=0)
    opened.exports.export_action.trigger()
    _wait_for_export(qtbot, opened)
    assert (tmp_path / "réponses.xlsx").exists()
    offered: list[tuple[str, bool]] = []

    def look(dialog: ExportDialog) -> None:
        offered.append((dialog.kind(), dialog.pseudonymize.isChecked()))

    answer_dialog(ExportDialog, look, result=0)
    opened.exports.export_action.trigger()
    assert offered == [("table", True)]


def test_f1_lists_the_export_shortcut(opened: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.widgets.shortcuts_dialog import ShortcutsDialog

    listed: dict[str, str] = {}

    def collect(dialog: ShortcutsDialog) -> int:
        table = dialog.table
        listed.update(
            (table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())
        )
        return 0

    monkeypatch.setattr(ShortcutsDialog, "exec", collect)
    opened.show_shortcuts()
    assert listed["Exporter…"] == "Ctrl+E"
