"""An answer's history: every saved version, who wrote it and when; restore one.

One compact line per version (its first words, its author, its time); under
the list, what the chosen version changed from the one before it, word by
word: struck words went, tinted words came. Restoring writes the old value
again as a new change, so the version it replaces stays in the history too:
nothing is ever lost.
"""

from __future__ import annotations

import difflib
import html
import re

from fieldkit.guide import Question
from fieldkit.survey import Revision
from ui.i18n import format_moment
from ui.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QColor,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from ui.style import ACCENT, ERROR, make_quiet
from ui.widgets import answer_text

PREVIEW_CHARS = 90
_WORDS = re.compile(r"\s+|[^\s]+")


def word_diff_html(before: str, after: str) -> str:
    """``after`` as HTML, with the words it lost struck through and the words it gained tinted."""
    old, new = _WORDS.findall(before), _WORDS.findall(after)
    parts: list[str] = []
    gone = f"background:{_tint(ERROR)}; text-decoration:line-through"
    came = f"background:{_tint(ACCENT)}"
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation in {"delete", "replace"}:
            words = html.escape("".join(old[old_start:old_end]))
            parts.append(f"<span style='{gone}'>{words}</span>")
        if operation in {"insert", "replace"}:
            words = html.escape("".join(new[new_start:new_end]))
            parts.append(f"<span style='{came}'>{words}</span>")
        if operation == "equal":
            parts.append(html.escape("".join(new[new_start:new_end])))
    return "".join(parts).replace("\n", "<br>")


def _tint(colour: QColor) -> str:
    """A light wash of a colour, for a background behind words."""
    return f"rgba({colour.red()}, {colour.green()}, {colour.blue()}, 0.25)"


class RevisionsModel(QAbstractTableModel):
    """Versions of one answer, newest first."""

    def __init__(self, question: Question | None, revisions: list[Revision], language: str):
        super().__init__()
        self._question = question
        self._revisions = list(reversed(revisions))
        self._language = language

    def revision(self, row: int) -> Revision | None:
        return self._revisions[row] if 0 <= row < len(self._revisions) else None

    def text(self, row: int) -> str:
        """A version's value in words ("" for no answer)."""
        revision = self.revision(row)
        if revision is None:
            return ""
        return answer_text(self._question, revision.value, self._language)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._revisions)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Version"), self.tr("Auteur"), self.tr("Enregistrée le"))[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        revision = self.revision(index.row()) if index.isValid() else None
        if revision is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                text = self.text(row=index.row()) or self.tr("(sans réponse)")
                if role == Qt.ItemDataRole.DisplayRole:
                    text = " ".join(text.split())  # one line, however many paragraphs
                    if len(text) > PREVIEW_CHARS:
                        text = text[:PREVIEW_CHARS].rstrip() + "…"
                if revision.current and role == Qt.ItemDataRole.DisplayRole:
                    # First, where a long text cut by the column cannot take it away.
                    text = self.tr("Actuelle · %1").replace("%1", text)
                return text
            if column == 1:
                return revision.author
            return format_moment(revision.time)
        return None


class HistoryDialog(QDialog):
    """Shows the versions of an answer; ``chosen()`` is the one to restore."""

    def __init__(
        self,
        parent: QWidget | None,
        question: Question | None,
        label: str,
        revisions: list[Revision],
        language: str,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Historique de la réponse"))
        self.resize(
            self.fontMetrics().averageCharWidth() * 110, self.fontMetrics().lineSpacing() * 28
        )
        layout = QVBoxLayout(self)
        title = QLabel(label, self)
        title.setWordWrap(True)
        layout.addWidget(title)
        explanation = QLabel(
            self.tr(
                "Restaurer une version l’enregistre comme nouvelle version : "
                "la version actuelle reste dans l’historique."
            ),
            self,
        )
        explanation.setWordWrap(True)
        make_quiet(explanation)
        layout.addWidget(explanation)
        self.model = RevisionsModel(question, revisions, language)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().lineSpacing() * 3 // 2)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 2)
        self.changes_title = QLabel(self)
        layout.addWidget(self.changes_title)
        self.changes = QTextBrowser(self)
        self.changes.setOpenLinks(False)
        layout.addWidget(self.changes, 3)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = buttons.addButton(
            self.tr("Restaurer cette version"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update())
        self.table.doubleClicked.connect(lambda _index: self._restore_if_possible())
        if revisions:
            self.table.selectRow(min(1, len(revisions) - 1))
        self._update()

    def _update(self) -> None:
        chosen = self.chosen()
        self.restore_button.setEnabled(chosen is not None and not chosen.current)
        self._show_changes()

    def _show_changes(self) -> None:
        """What the chosen version changed from the one saved before it, word by word."""
        row = self.table.currentIndex().row()
        if self.model.revision(row) is None:
            self.changes_title.clear()
            self.changes.clear()
            return
        earlier = self.model.text(row + 1)  # newest first: the one before is below
        if self.model.revision(row + 1) is None:
            self.changes_title.setText(self.tr("Première version :"))
        else:
            self.changes_title.setText(self.tr("Ce que cette version a changé :"))
        self.changes.setHtml(word_diff_html(earlier, self.model.text(row)))

    def _restore_if_possible(self) -> None:
        if self.restore_button.isEnabled():
            self.accept()

    def select(self, row: int) -> None:
        self.table.selectRow(row)

    def chosen(self) -> Revision | None:
        return self.model.revision(self.table.currentIndex().row())
