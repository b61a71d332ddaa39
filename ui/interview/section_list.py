"""The interview's sections down the left side, each with its completion dots.

Three dots fill as a section's shown questions get answers; a tick replaces
them when every shown question is answered. The section on screen is bold.
"""

from __future__ import annotations

from collections.abc import Mapping

from fieldkit.guide import Guide, Section
from fieldkit.survey import question_answered
from ui.qt import (
    QAbstractListModel,
    QColor,
    QFont,
    QIcon,
    QModelIndex,
    QPainter,
    QPersistentModelIndex,
    QPixmap,
    QPoint,
    QRect,
    QSize,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
)
from ui.style import ACCENT

CompletionRole = Qt.ItemDataRole.UserRole + 1
RelevantRole = Qt.ItemDataRole.UserRole + 2
DOTS = 3


def section_completion(
    guide: Guide, section: Section, values: Mapping[str, object]
) -> tuple[int, int]:
    """(answered, applicable) questions of one section under the current skip logic.

    A repeat group counts once none of its rows misses a required answer.
    """
    answered = applicable = 0
    for question in section.questions:
        if not question.answerable or not guide.is_relevant(question.id, values):
            continue
        applicable += 1
        answered += question_answered(guide, question, values)
    return answered, applicable


class SectionListModel(QAbstractListModel):
    """The guide's sections, their completion and which one is on screen."""

    def __init__(self) -> None:
        super().__init__()
        self._guide: Guide | None = None
        self._language = "fr"
        self._completion: list[tuple[int, int]] = []
        self._relevant: list[bool] = []
        self.current = 0

    def set_guide(self, guide: Guide, language: str, values: Mapping[str, object]) -> None:
        self.beginResetModel()
        self._guide = guide
        self._language = language
        self.current = 0
        self._compute(values)
        self.endResetModel()

    def _compute(self, values: Mapping[str, object]) -> None:
        guide = self._guide
        sections = guide.sections if guide else ()
        self._completion = [section_completion(guide, s, values) for s in sections] if guide else []
        self._relevant = [guide.section_relevant(s, values) for s in sections] if guide else []

    def update(self, values: Mapping[str, object]) -> None:
        """Recount after an answer changed (cheap: the guide is small)."""
        before = (self._completion, self._relevant)
        self._compute(values)
        if (self._completion, self._relevant) != before and self.rowCount():
            self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1))

    def set_current(self, row: int) -> None:
        previous, self.current = self.current, row
        for changed in {previous, row}:
            if 0 <= changed < self.rowCount():
                self.dataChanged.emit(self.index(changed), self.index(changed))

    def section(self, row: int) -> Section | None:
        guide = self._guide
        return guide.sections[row] if guide and 0 <= row < len(guide.sections) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self._guide.sections) if self._guide else 0

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        section = self.section(index.row()) if index.isValid() else None
        if section is None:
            return None
        row = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return section.title.get(self._language)
        if role == Qt.ItemDataRole.ToolTipRole:
            answered, applicable = self._completion[row]
            return (
                self.tr("%1 sur %2 questions répondues")
                .replace("%1", str(answered))
                .replace("%2", str(applicable))
            )
        if role == Qt.ItemDataRole.FontRole and row == self.current:
            font = QFont()
            font.setBold(True)
            return font
        if role == CompletionRole:
            return self._completion[row]
        if role == RelevantRole:
            return self._relevant[row]
        return None


class SectionDelegate(QStyledItemDelegate):
    """Draws each section with room to breathe and its dots on the right."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        completion = index.data(CompletionRole)
        if not isinstance(completion, tuple):
            return
        ratio = option.widget.devicePixelRatioF() if option.widget else 1.0
        size = QSize(option.fontMetrics.height() * 2, option.fontMetrics.height())
        option.icon = QIcon(_dots_pixmap(completion, size, ratio, option.palette.text().color()))
        option.decorationSize = size
        option.decorationPosition = QStyleOptionViewItem.Position.Right
        option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration
        if not index.data(RelevantRole):
            option.palette.setColor(option.palette.ColorRole.Text, option.palette.mid().color())

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + option.fontMetrics.height() * 2 // 3)


_drawn: dict[tuple[object, ...], QPixmap] = {}


def _dots_pixmap(completion: tuple[int, int], size: QSize, ratio: float, ink: QColor) -> QPixmap:
    """Three dots filling with the answers, or a tick when the section is done.

    Drawn once per look and kept: the list asks for them at every repaint, and
    switching interviews must stay quick.
    """
    key = (completion, size.width(), size.height(), ratio, ink.rgba())
    if key not in _drawn:
        _drawn[key] = _draw_dots(completion, size, ratio, ink)
    return _drawn[key]


def _draw_dots(completion: tuple[int, int], size: QSize, ratio: float, ink: QColor) -> QPixmap:
    pixmap = QPixmap(size * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    answered, applicable = completion
    height = size.height()
    if applicable and answered >= applicable:
        painter.setPen(ACCENT)
        font = painter.font()
        font.setPixelSize(int(height * 0.9))
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(QRect(QPoint(0, 0), size), Qt.AlignmentFlag.AlignRight, "✓")
    else:
        # Any answer shows; all dots only once the tick is earned.
        filled = min(DOTS - 1, -(-DOTS * answered // applicable)) if answered else 0
        diameter = max(4, height * 2 // 5)
        gap = diameter // 2 + 2
        x = size.width() - DOTS * (diameter + gap) + gap
        y = (height - diameter) // 2
        faint = QColor(ink)
        faint.setAlpha(90)
        for dot in range(DOTS):
            painter.setPen(ACCENT if dot < filled else faint)
            painter.setBrush(ACCENT if dot < filled else Qt.BrushStyle.NoBrush)
            painter.drawEllipse(x + dot * (diameter + gap), y, diameter, diameter)
    painter.end()
    return pixmap
