"""The material on the right: every visit's answers, quotes and photos for one section.

Each row says where it comes from — the question, then the visit's date and
who was met (for a quote, who said it) — and shows the answer, the quote or
the photo. The chosen row shows its whole text; the others a few lines. A
quote whose speaker did not agree to be named carries a warning: inserting it
is allowed, and names them by role and initials.
"""

from __future__ import annotations

from fieldkit.export import MaterialItem, french
from ui import i18n
from ui.qt import (
    QAbstractItemView,
    QAbstractListModel,
    QFont,
    QImage,
    QModelIndex,
    QPainter,
    QPersistentModelIndex,
    QRect,
    QSize,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
)
from ui.style import ERROR, quiet_colour
from ui.writing.text_lines import lines_height, paint_lines, wrapped_lines

ANSWER, QUOTE, PHOTO = "answer", "quote", "photo"
# Lines of an answer or a quote shown when its row is not the chosen one.
SHORT_LINES = 5
# The largest a photo is drawn in the list, in average characters of the font.
PHOTO_WIDTH_CHARS, PHOTO_HEIGHT_CHARS = 30, 11
PADDING = 8


class MaterialModel(QAbstractListModel):
    """One section's material, in the order of the questions, visit by visit."""

    ItemRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self) -> None:
        super().__init__()
        self._items: list[MaterialItem] = []
        self.pictures: dict[str, QImage] = {}

    def set_items(self, items: list[MaterialItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> MaterialItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def items(self) -> list[MaterialItem]:
        return list(self._items)

    def set_picture(self, attachment_id: str, image: QImage) -> None:
        """A photo's thumbnail arrived: the rows showing it are drawn again."""
        self.pictures[attachment_id] = image
        for row, item in enumerate(self._items):
            if item.attachment == attachment_id:
                self.dataChanged.emit(self.index(row), self.index(row))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._items)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        item = self.item(index.row()) if index.isValid() else None
        if item is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return item.text
        if role == self.ItemRole:
            return item
        return None


class MaterialDelegate(QStyledItemDelegate):
    """Paints one piece of material as a small card: where from, who, what."""

    def __init__(self, view: QAbstractItemView, model: MaterialModel) -> None:
        super().__init__(view)
        self.view = view
        self.model = model
        self.current = -1

    # -- words -----------------------------------------------------------------------

    def heading(self, row: int) -> str:
        """The question, written once above the rows that answer it."""
        item = self.model.item(row)
        if item is None:
            return ""
        previous = self.model.item(row - 1)
        if previous is not None and previous.label == item.label:
            return ""
        return item.label or self.tr("Sans question")

    def origin(self, item: MaterialItem) -> str:
        """When, and who: the visit's date with the people met, or the quote's speaker."""
        when = i18n.format_date(item.visit_date)
        if item.kind == QUOTE and item.speaker:
            return self.tr("%1 · %2").replace("%1", when).replace("%2", item.speaker)
        if item.kind == PHOTO:
            return self.tr("%1 · photo").replace("%1", when)
        if item.people:
            return self.tr("%1 · avec %2").replace("%1", when).replace("%2", ", ".join(item.people))
        return when

    def body(self, item: MaterialItem) -> str:
        """The words, set as the documents will print them (in French, « » and the
        no-break space before ; : ! ?)."""
        text = french(item.text) if i18n.language() == "fr" else item.text
        if item.kind == QUOTE:
            return i18n.french_spacing(self.tr("« %1 »")).replace("%1", text)
        return text

    def warning(self, item: MaterialItem) -> str:
        if item.kind == QUOTE and item.consent is False:
            words = self.tr("⚠ N’a pas accepté d’être nommé·e : cité·e comme « %1 »")
            return i18n.french_spacing(words).replace("%1", item.shown_as)
        return ""

    # -- measures --------------------------------------------------------------------

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        """The question's, the origin's and the body's fonts."""
        heading = QFont(option.font)
        heading.setBold(True)
        small = QFont(option.font)
        if small.pointSizeF() > 0:
            small.setPointSizeF(small.pointSizeF() * 0.9)
        body = QFont(option.font)
        return heading, small, body

    def _width(self, option: QStyleOptionViewItem) -> int:
        """The text's width, measured on the view's viewport (a scroll bar takes its share)."""
        return max(60, self.view.viewport().width() - 2 * PADDING)

    def _photo_size(self, option: QStyleOptionViewItem, item: MaterialItem) -> QSize:
        em = option.fontMetrics.averageCharWidth()
        box = QSize(min(em * PHOTO_WIDTH_CHARS, self._width(option)), em * PHOTO_HEIGHT_CHARS)
        image = self.model.pictures.get(item.attachment or "")
        if image is None or image.isNull():
            return QSize(box.width(), box.height() // 2)
        return image.size().scaled(box, Qt.AspectRatioMode.KeepAspectRatio)

    def _layout(
        self, option: QStyleOptionViewItem, row: int
    ) -> tuple[list[str], list[str], list[str], list[str]]:
        item = self.model.item(row)
        assert item is not None
        heading, small, body = self._fonts(option)
        width = self._width(option)
        most = 0 if row == self.current else SHORT_LINES
        return (
            wrapped_lines(self.heading(row), heading, width, 2),
            wrapped_lines(self.origin(item), small, width, 1),
            wrapped_lines(self.body(item), body, width, most),
            wrapped_lines(self.warning(item), small, width),
        )

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        item = self.model.item(index.row())
        if item is None:
            return super().sizeHint(option, index)
        heading, origin, body, warning = self._layout(option, index.row())
        heading_font, small, body_font = self._fonts(option)
        height = 2 * PADDING + lines_height(origin, small) + lines_height(body, body_font)
        height += lines_height(warning, small)
        if heading:
            height += lines_height(heading, heading_font) + PADDING
        if item.kind == PHOTO:
            height += self._photo_size(option, item).height() + PADDING // 2
        return QSize(self._width(option), height)

    # -- painting --------------------------------------------------------------------

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        item = self.model.item(index.row())
        if item is None:
            super().paint(painter, option, index)
            return
        painter.save()
        heading, origin, body, warning = self._layout(option, index.row())
        heading_font, small, body_font = self._fonts(option)
        left, top = option.rect.left() + PADDING, option.rect.top() + PADDING
        if heading:
            painter.setPen(option.palette.text().color())
            top = paint_lines(painter, heading, heading_font, left, top) + PADDING
        card = QRect(option.rect.left() + 2, top - PADDING // 2, option.rect.width() - 4, 0)
        card.setBottom(option.rect.bottom() - 2)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(card, option.palette.highlight())
        else:
            line = quiet_colour(self.view)
            line.setAlpha(60)
            painter.setPen(line)
            painter.drawLine(card.bottomLeft(), card.bottomRight())
        painter.setPen(quiet_colour(self.view))
        top = paint_lines(painter, origin, small, left, top)
        if item.kind == PHOTO:
            top = self._paint_photo(painter, option, item, left, top)
        if item.kind == QUOTE:
            body_font.setItalic(True)
        painter.setPen(option.palette.text().color())
        top = paint_lines(painter, body, body_font, left, top)
        if warning:
            painter.setPen(ERROR)
            paint_lines(painter, warning, small, left, top)
        painter.restore()

    def _paint_photo(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        item: MaterialItem,
        left: int,
        top: int,
    ) -> int:
        size = self._photo_size(option, item)
        target = QRect(left, top + PADDING // 4, size.width(), size.height())
        image = self.model.pictures.get(item.attachment or "")
        if image is None or image.isNull():
            shade = quiet_colour(self.view)
            shade.setAlpha(40)
            painter.fillRect(target, shade)
        else:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, image)
        return target.bottom() + PADDING // 2
