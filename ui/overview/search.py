"""Ctrl+F: full-text search over answers, notes and quotes, with a jump to the hit.

The box sits in the window's header. Results drop down under it as the
person types (after a short pause), wide enough to read a sentence, where
the hit is on a quiet first line and the words found in bold; arrows choose,
Entrée jumps to the answer with those words selected. A search that finds
nothing says so, rather than showing nothing. The search itself is the
core's (FTS5, accents ignored).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fieldkit.errors import FieldkitError
from fieldkit.survey import Survey
from ui import qt
from ui.i18n import format_date
from ui.qt import (
    QAbstractListModel,
    QColor,
    QCoreApplication,
    QLineEdit,
    QModelIndex,
    QPainter,
    QPersistentModelIndex,
    QRect,
    QSize,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QTimer,
    QWidget,
    Signal,
)
from ui.style import quiet_colour

if TYPE_CHECKING:
    from fieldkit.survey import SearchHit
    from ui.qt import QCompleter, QTextDocument

# The results' drawing (QStyle, QTextDocument) is looked up when results first show,
# through ``qt.``: taking those names here would build their types at every start.

HitRole = Qt.ItemDataRole.UserRole + 1
QueryRole = Qt.ItemDataRole.UserRole + 2
HtmlRole = Qt.ItemDataRole.UserRole + 3
PAUSE_MS = 250
# The results read as sentences: as wide as this many characters, if the window allows.
POPUP_CHARS = 120
_FOUND = re.compile(r"\[([^\[\]]*)\]")


@dataclass(frozen=True)
class Result:
    """A hit with the words that say where it is; ``snippet`` marks the words found [so]."""

    hit: SearchHit
    where: str
    snippet: str

    @property
    def text(self) -> str:
        """The snippet as it reads, without the marks."""
        return _FOUND.sub(r"\1", self.snippet)

    def as_html(self, quiet: str) -> str:
        """Where the hit is on a quiet line, then the snippet with the found words in bold."""
        import html  # with its table of entities, loaded at the first result shown

        parts = _FOUND.split(self.snippet)
        body = "".join(
            f"<b>{html.escape(part)}</b>" if index % 2 else html.escape(part)
            for index, part in enumerate(parts)
        )
        return f"<span style='color:{quiet}'>{html.escape(self.where)}</span><br>{body}"


class SearchResultsModel(QAbstractListModel):
    """The results of the last search, for the drop-down list."""

    def __init__(self) -> None:
        super().__init__()
        self._results: list[Result] = []
        self.query = ""
        # Said on a line of its own, that cannot be chosen, when nothing was found.
        self.nothing = ""

    def set_results(self, query: str, results: list[Result], nothing: str = "") -> None:
        self.beginResetModel()
        self.query = query
        self._results = results
        self.nothing = "" if results else nothing
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self._results) or int(bool(self.nothing))

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if self.nothing and index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        if self.nothing:
            return self.nothing if role == Qt.ItemDataRole.DisplayRole else None
        result = self._results[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{result.where}\n{result.text}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return result.text
        if role == HtmlRole:
            return result
        if role == HitRole:
            return result.hit
        if role in (QueryRole, Qt.ItemDataRole.EditRole):
            # What the box keeps showing when a result is chosen: the query itself.
            return self.query
        return None


def found_words(snippet: str) -> list[str]:
    """The words a search found, from a snippet that marks them [so]."""
    return [word for word in _FOUND.findall(snippet) if word]


def describe(survey: Survey, hit: SearchHit, language: str, labels: dict[str, str]) -> Result:
    """Where a hit is, in words: *Garage solidaire · 14 novembre 2026 · Question…*.

    A hit in a list says which entry: two people met with the same role would
    otherwise read as the same line.
    """
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
            if hit.entity == "row_answer":
                parts.append(_entry_words(survey, hit.entity_id))
        elif hit.entity == "initiative":
            parts.append(survey.initiative(hit.entity_id).name)
    except FieldkitError:
        pass
    if hit.entity in labels:
        parts.append(labels[hit.entity])
    return Result(hit, " · ".join(p for p in parts if p), hit.snippet)


def _entry_words(survey: Survey, row_id: str) -> str:
    """*fiche 2 (Bruno Petit)*: an entry of a list by its number and its name."""
    from fieldkit.survey import row_place  # with the first hit in a list

    place = row_place(survey, row_id)
    if place.trashed:
        words = QCoreApplication.translate("Search", "fiche %1 à la corbeille")
    else:
        words = QCoreApplication.translate("Search", "fiche %1")
    entry = words.replace("%1", str(place.number or "?"))
    return f"{entry} ({place.name})" if place.name else entry


class ResultDelegate(QStyledItemDelegate):
    """Draws a result as two lines of rich text: where it is, then the words found in bold.

    A chosen result is drawn in the selection's own text colour: the quiet
    grey and black of the other rows would not read on its blue.
    """

    def _document(
        self, option: QStyleOptionViewItem, index: QModelIndex, colour: QColor
    ) -> QTextDocument:
        result = index.data(HtmlRole)
        document = qt.QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(4)
        selected = bool(option.state & qt.QStyle.StateFlag.State_Selected)
        quiet = colour if selected or not option.widget else quiet_colour(option.widget)
        if isinstance(result, Result):
            document.setHtml(result.as_html(quiet.name()))
        else:  # the line that says nothing was found
            import html

            words = html.escape(str(index.data()))
            document.setHtml(f"<i style='color:{quiet.name()}'>{words}</i>")
        # Measured at the width it is drawn at, so every row gets the height it shows.
        view = option.widget
        width = view.viewport().width() if isinstance(view, qt.QAbstractItemView) else 0
        document.setTextWidth(width or option.rect.width() or 600)
        return document

    def _text_colour(self, option: QStyleOptionViewItem) -> QColor:
        selected = bool(option.state & qt.QStyle.StateFlag.State_Selected)
        role = qt.QPalette.ColorRole.HighlightedText if selected else qt.QPalette.ColorRole.Text
        return option.palette.color(role)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        option.text = ""
        if style is not None:
            style.drawControl(
                qt.QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget
            )
        colour = self._text_colour(option)
        document = self._document(option, index, colour)
        context = qt.QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(qt.QPalette.ColorRole.Text, colour)
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(option.rect.translated(-option.rect.topLeft()))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        document = self._document(option, index, self._text_colour(option))
        return QSize(int(document.idealWidth()), int(document.size().height()) + 4)


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
        self._completer: QCompleter | None = None
        self._pause = QTimer(self, singleShot=True, interval=PAUSE_MS)
        self._pause.timeout.connect(lambda: self.search_requested.emit(self.text().strip()))
        self.textEdited.connect(lambda _text: self._pause.start())
        self.returnPressed.connect(self._search_now)

    @property
    def completer(self) -> QCompleter:
        """The results popup, made on the first search rather than with the window:
        building a list view is a tenth of the app's start-up, for a box most
        launches never use."""
        if self._completer is None:
            completer = qt.QCompleter(self.results, self)
            completer.setCompletionMode(qt.QCompleter.CompletionMode.UnfilteredPopupCompletion)
            completer.setCompletionRole(QueryRole)
            completer.setWidget(self)
            completer.setMaxVisibleItems(8)
            completer.popup().setItemDelegate(ResultDelegate(completer.popup()))
            completer.activated[QModelIndex].connect(self._activated)
            self._completer = completer
        return self._completer

    def _search_now(self) -> None:
        self._pause.stop()
        if self._completer is not None and self._completer.popup().isVisible():
            return
        self.search_requested.emit(self.text().strip())

    def show_results(self, query: str, results: list[Result]) -> None:
        nothing = self.tr("Aucun résultat pour « %1 »").replace("%1", query) if query else ""
        self.results.set_results(query, results, nothing)
        if not query:
            if self._completer is not None:
                self._completer.popup().hide()
            return
        popup = self.completer.popup()
        wanted = self.fontMetrics().averageCharWidth() * POPUP_CHARS
        # Right-aligned with the box, leftwards as far as the window leaves room.
        room = self.mapTo(self.window(), self.rect().topRight()).x() - 16
        width = max(self.width(), min(wanted, room))
        self.completer.complete(QRect(self.width() - width, 0, width, self.height()))
        if results:
            popup.setCurrentIndex(self.completer.completionModel().index(0, 0))

    def _activated(self, index: QModelIndex) -> None:
        hit = index.data(HitRole)
        from fieldkit.survey import SearchHit  # loaded with the first search

        if isinstance(hit, SearchHit):
            self.chosen.emit(hit)
