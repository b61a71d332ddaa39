"""Ctrl+F: full-text search over answers, notes and quotes, with a jump to the hit.

The box sits in the window's header. Results drop down under it as the
person types (after a short pause); arrows choose, Entrée jumps. The search
itself is the core's (FTS5, accents ignored).
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldkit.errors import FieldkitError
from fieldkit.survey import SearchHit, Survey
from ui.i18n import format_date
from ui.qt import (
    QAbstractListModel,
    QCompleter,
    QLineEdit,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
    QTimer,
    QWidget,
    Signal,
)

HitRole = Qt.ItemDataRole.UserRole + 1
QueryRole = Qt.ItemDataRole.UserRole + 2
PAUSE_MS = 250
POPUP_CHARS = 80


@dataclass(frozen=True)
class Result:
    """A hit with the words that say where it is."""

    hit: SearchHit
    where: str
    snippet: str


class SearchResultsModel(QAbstractListModel):
    """The results of the last search, for the drop-down list."""

    def __init__(self) -> None:
        super().__init__()
        self._results: list[Result] = []
        self.query = ""

    def set_results(self, query: str, results: list[Result]) -> None:
        self.beginResetModel()
        self.query = query
        self._results = results
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._results)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._results):
            return None
        result = self._results[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{result.where}\n{result.snippet}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return result.snippet
        if role == HitRole:
            return result.hit
        if role in (QueryRole, Qt.ItemDataRole.EditRole):
            # What the box keeps showing when a result is chosen: the query itself.
            return self.query
        return None


def describe(survey: Survey, hit: SearchHit, language: str, labels: dict[str, str]) -> Result:
    """Where a hit is, in words: *Garage solidaire · 14 novembre 2026 · Question…*."""
    parts: list[str] = []
    try:
        if hit.interview:
            fields = survey.interview_fields(hit.interview)
            initiative = survey.initiative(str(fields.get("initiative", "")))
            parts += [initiative.name, format_date(str(fields.get("date", "")))]
            if hit.entity in {"answer", "row_answer"}:
                question = survey.guide_for(hit.interview).question(hit.field)
                if question is not None:
                    parts.append(question.label.get(language))
        elif hit.entity == "initiative":
            parts.append(survey.initiative(hit.entity_id).name)
    except FieldkitError:
        pass
    if hit.entity in labels:
        parts.append(labels[hit.entity])
    snippet = hit.snippet.replace("[", "").replace("]", "")
    return Result(hit, " · ".join(p for p in parts if p), snippet)


class SearchBox(QLineEdit):
    """The search field; emits ``chosen`` with the hit to jump to."""

    chosen = Signal(object)
    # Asks the window to run a search (the window knows the survey and the words).
    search_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setClearButtonEnabled(True)
        self.setPlaceholderText(self.tr("Rechercher… (Ctrl+F)"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 30)
        self.results = SearchResultsModel()
        self.completer = QCompleter(self.results, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCompletionRole(QueryRole)
        self.completer.setWidget(self)
        self.completer.setMaxVisibleItems(10)
        self.completer.activated[QModelIndex].connect(self._activated)
        self._pause = QTimer(self, singleShot=True, interval=PAUSE_MS)
        self._pause.timeout.connect(lambda: self.search_requested.emit(self.text().strip()))
        self.textEdited.connect(lambda _text: self._pause.start())
        self.returnPressed.connect(self._search_now)

    def _search_now(self) -> None:
        self._pause.stop()
        if self.completer.popup().isVisible():
            return
        self.search_requested.emit(self.text().strip())

    def show_results(self, query: str, results: list[Result]) -> None:
        self.results.set_results(query, results)
        if not results:
            self.completer.popup().hide()
            return
        popup = self.completer.popup()
        width = max(self.width(), self.fontMetrics().averageCharWidth() * POPUP_CHARS)
        self.completer.complete(QRect(self.width() - width, 0, width, self.height()))
        popup.setCurrentIndex(self.completer.completionModel().index(0, 0))

    def _activated(self, index: QModelIndex) -> None:
        hit = index.data(HitRole)
        if isinstance(hit, SearchHit):
            self.chosen.emit(hit)
