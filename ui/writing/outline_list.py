"""The monograph's outline on the left: each section, where its writing stands, and who wrote it.

A row is the section's title with a mark of its state — ✎ written, ○ the
visits gave it material but nothing is written yet, ◌ empty — and under it,
in a quieter tone, the people who wrote it (from the change log), or what
it is waiting for. A section written on two laptops without either seeing
the other's text says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from ui.qt import (
    QAbstractItemView,
    QAbstractListModel,
    QFont,
    QModelIndex,
    QPainter,
    QPersistentModelIndex,
    QSize,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
)
from ui.style import ACCENT, ERROR, quiet_colour
from ui.writing.text_lines import lines_height, paint_lines, wrapped_lines

WRITTEN, MATERIAL, EMPTY = "written", "material", "empty"
MARKS = {WRITTEN: "✎", MATERIAL: "○", EMPTY: "◌"}
# The longest a title runs before it is cut (the tooltip has it whole).
TITLE_LINES = 5
PADDING = 6


@dataclass(frozen=True)
class OutlineRow:
    """One section as the outline shows it."""

    section: str
    title: str
    hint: str
    state: str
    authors: tuple[str, ...] = ()
    conflict: bool = False


class OutlineModel(QAbstractListModel):
    """The sections of one initiative's monograph, in the guide's order."""

    RowRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[OutlineRow] = []

    def set_rows(self, rows: list[OutlineRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def update_row(self, row: OutlineRow) -> None:
        """A section's state or authors changed (it was written, merged, resolved)."""
        number = self.find(row.section)
        if number >= 0 and self._rows[number] != row:
            self._rows[number] = row
            self.dataChanged.emit(self.index(number), self.index(number))

    def row(self, number: int) -> OutlineRow | None:
        return self._rows[number] if 0 <= number < len(self._rows) else None

    def rows(self) -> list[OutlineRow]:
        return list(self._rows)

    def find(self, section: str) -> int:
        return next((n for n, r in enumerate(self._rows) if r.section == section), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        row = self.row(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.title}\n\n{row.hint}" if row.hint else row.title
        if role == self.RowRole:
            return row
        return None


class OutlineDelegate(QStyledItemDelegate):
    """Paints a section: its mark, its title, and who wrote it."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        title = QFont(option.font)
        small = QFont(option.font)
        if small.pointSizeF() > 0:
            small.setPointSizeF(small.pointSizeF() * 0.9)
        return title, small

    def _text_width(self, option: QStyleOptionViewItem) -> int:
        """Measured on the view's viewport, so that a row is as tall as it is painted."""
        row = self.view.viewport().width()
        return max(40, row - self._mark_width(option) - 2 * PADDING)

    def _mark_width(self, option: QStyleOptionViewItem) -> int:
        return option.fontMetrics.horizontalAdvance("✎") + option.fontMetrics.averageCharWidth()

    def _lines(self, option: QStyleOptionViewItem, row: OutlineRow) -> tuple[list[str], list[str]]:
        title_font, small = self._fonts(option)
        width = self._text_width(option)
        return (
            wrapped_lines(row.title, title_font, width, TITLE_LINES),
            wrapped_lines(self._under(row), small, width, 1),
        )

    def _under(self, row: OutlineRow) -> str:
        if row.conflict:
            return self.tr("⚠ deux versions à régler")
        if row.state == WRITTEN:
            return ", ".join(row.authors) or self.tr("écrit")
        if row.state == MATERIAL:
            return self.tr("matière seulement")
        return self.tr("rien encore")

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        row = index.data(OutlineModel.RowRole)
        if not isinstance(row, OutlineRow):
            return super().sizeHint(option, index)
        title, under = self._lines(option, row)
        title_font, small = self._fonts(option)
        height = lines_height(title, title_font) + lines_height(under, small)
        return QSize(self.view.viewport().width(), height + 2 * PADDING)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        row = index.data(OutlineModel.RowRole)
        if not isinstance(row, OutlineRow):
            super().paint(painter, option, index)
            return
        painter.save()
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        title_font, small = self._fonts(option)
        title, under = self._lines(option, row)
        left = option.rect.left() + PADDING
        top = option.rect.top() + PADDING
        mark_colour = ACCENT if row.state == WRITTEN else quiet_colour(self.view)
        painter.setPen(mark_colour)
        paint_lines(painter, [MARKS[row.state]], title_font, left, top)
        text_left = left + self._mark_width(option)
        painter.setPen(option.palette.text().color())
        below = paint_lines(painter, title, title_font, text_left, top)
        painter.setPen(ERROR if row.conflict else quiet_colour(self.view))
        paint_lines(painter, under, small, text_left, below)
        painter.restore()
