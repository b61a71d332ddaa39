"""The right-hand panel of an interview: people met, quotes and attachments.

It shows what was captured during the visit at a glance, takes files dropped
on it, and opens or bins an item from its context menu. It never saves
anything itself: it says what the person asked for by signals.
"""

from __future__ import annotations

from pathlib import Path

from ui import i18n
from ui.qt import (
    QAbstractItemView,
    QDragEnterEvent,
    QDropEvent,
    QFrame,
    QIcon,
    QImage,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QModelIndex,
    QPersistentModelIndex,
    QPixmap,
    QPoint,
    QRect,
    QSize,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.style import make_quiet, quiet_colour, scaled_font

ItemIdRole = Qt.ItemDataRole.UserRole + 1
THUMBNAIL = 96
DROP_ZONE_STYLE = "QLabel {{ border: 2px dashed {colour}; border-radius: 8px; padding: 12px; }}"


def dropped_files(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    """Local files carried by a drag, if any."""
    data = event.mimeData()
    if not data.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]


class WrappedItems(QStyledItemDelegate):
    """Each item as tall as its wrapped lines at the list's present width.

    Qt's own estimate for wrapped items is taken at a width that can differ
    from the one drawn (a scroll bar comes or goes), and a quote then lost its
    last line and its speaker under an ellipsis.
    """

    # Room the style keeps around an item's text, and between items.
    TEXT_MARGINS = 12

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        view = self.parent()
        if not isinstance(view, QListView):
            return size
        width = max(40, view.viewport().width() - 2 * view.spacing() - self.TEXT_MARGINS)
        text = str(index.data() or "")
        flags = Qt.TextFlag.TextWordWrap
        lines = option.fontMetrics.boundingRect(QRect(0, 0, width, 1 << 20), flags, text)
        return QSize(size.width(), max(size.height(), lines.height() + self.TEXT_MARGINS // 2))


class SidePanel(QWidget):
    """People met, quotes and attachments of the interview on screen."""

    files_dropped = Signal(list)
    open_attachment = Signal(str)
    # To the trash: entity, id, the words that name it.
    delete_item = Signal(str, str, str)
    edit_quote = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 16, 12, 12)
        layout.setSpacing(6)
        self.people_title = self._title(layout)
        self.people = QLabel(self)
        self.people.setWordWrap(True)
        self.people.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.people)
        layout.addSpacing(10)
        self.quotes_title = self._title(layout)
        self.quotes = self._list(layout, stretch=3)
        self.quotes.setWordWrap(True)
        self.quotes.setItemDelegate(WrappedItems(self.quotes))
        self.quotes.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.quotes.setSpacing(3)
        self.quotes.setResizeMode(QListView.ResizeMode.Adjust)
        self.quotes.setToolTip(self.tr("Entrée ou double-clic : modifier la citation"))
        self.quotes.itemActivated.connect(lambda item: self.edit_quote.emit(item.data(ItemIdRole)))
        layout.addSpacing(10)
        self.attachments_title = self._title(layout)
        self.attachments = self._list(layout, stretch=2)
        self.attachments.setViewMode(QListView.ViewMode.IconMode)
        self.attachments.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
        self.attachments.setResizeMode(QListView.ResizeMode.Adjust)
        self.attachments.setMovement(QListView.Movement.Static)
        self.attachments.setWordWrap(True)
        self.attachments.setSpacing(4)
        # A name gets three lines under its picture; the whole name is in the tooltip.
        lines = self.fontMetrics().lineSpacing()
        self.attachments.setGridSize(QSize(THUMBNAIL + 16, THUMBNAIL + 3 * lines + 8))
        self.attachments.setMinimumHeight(THUMBNAIL + 3 * lines + 16)
        self.attachments.itemActivated.connect(
            lambda item: self.open_attachment.emit(item.data(ItemIdRole))
        )
        # A zone as large as a hand's gesture, always there: drop files on it.
        self.drop_hint = QLabel(
            self.tr("Glissez ici des photos ou des documents\n(ou Ctrl+Maj+A)"), self
        )
        self.drop_hint.setWordWrap(True)
        self.drop_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        make_quiet(self.drop_hint)
        self.drop_hint.setStyleSheet(
            DROP_ZONE_STYLE.format(colour=quiet_colour(self.drop_hint).name())
        )
        self.drop_hint.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        layout.addWidget(self.drop_hint)
        layout.addStretch(0)
        self.set_people([])
        self.set_quotes([])
        self.set_attachments([])

    def _title(self, layout: QVBoxLayout) -> QLabel:
        label = QLabel(self)
        label.setFont(scaled_font(label, 1.0, bold=True))
        layout.addWidget(label)
        return label

    def _list(self, layout: QVBoxLayout, stretch: int) -> QListWidget:
        widget = QListWidget(self)
        widget.setFrameShape(QFrame.Shape.NoFrame)
        widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        widget.customContextMenuRequested.connect(lambda pos: self._menu(widget, pos))
        widget.viewport().setAutoFillBackground(False)
        widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(widget, stretch)
        return widget

    def set_people(self, people: list[tuple[str, str]]) -> None:
        """People met, as (name, role)."""
        self.people_title.setText(self.tr("Personnes rencontrées"))
        lines = [f"• {name}, {role}" if role else f"• {name}" for name, role in people if name]
        self.people.setText("\n".join(lines) or self.tr("Personne pour l’instant."))
        if not lines:
            make_quiet(self.people)
        else:
            self.people.setPalette(self.palette())

    def set_quotes(self, quotes: list[dict[str, object]]) -> None:
        self.quotes_title.setText(self.tr("Citations (%1)").replace("%1", str(len(quotes))))
        self.quotes.clear()
        for quote in quotes:
            speaker = str(quote.get("speaker") or "")
            text = i18n.quoted(str(quote.get("text", ""))) + (f"\n— {speaker}" if speaker else "")
            item = QListWidgetItem(text)
            item.setData(ItemIdRole, quote["id"])
            self.quotes.addItem(item)

    def set_attachments(self, attachments: list[dict[str, object]]) -> None:
        count = len(attachments)
        self.attachments_title.setText(self.tr("Pièces jointes (%1)").replace("%1", str(count)))
        self.attachments.clear()
        generic = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        for attachment in attachments:
            item = QListWidgetItem(generic, str(attachment.get("filename", "")))
            item.setData(ItemIdRole, attachment["id"])
            item.setToolTip(str(attachment.get("caption") or attachment.get("filename", "")))
            self.attachments.addItem(item)
        self.attachments.setVisible(count > 0)

    def set_thumbnail(self, attachment_id: str, image: QImage) -> None:
        """Replace an attachment's generic icon by its picture (made off-thread)."""
        for row in range(self.attachments.count()):
            item = self.attachments.item(row)
            if item.data(ItemIdRole) == attachment_id:
                item.setIcon(QIcon(QPixmap.fromImage(image)))

    def _menu(self, widget: QListWidget, position: QPoint) -> None:
        item = widget.itemAt(position)
        if item is None:
            return
        entity = "quote" if widget is self.quotes else "attachment"
        item_id = str(item.data(ItemIdRole))
        menu = QMenu(self)
        if entity == "attachment":
            menu.addAction(self.tr("Ouvrir"), lambda: self.open_attachment.emit(item_id))
        else:
            menu.addAction(self.tr("Modifier…"), lambda: self.edit_quote.emit(item_id))
        menu.addAction(
            self.tr("Mettre à la corbeille"),
            lambda: self.delete_item.emit(entity, item_id, _short(item.text())),
        )
        menu.popup(widget.viewport().mapToGlobal(position))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_files(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = dropped_files(event)
        if files:
            event.acceptProposedAction()
            self.files_dropped.emit(files)


def _short(text: str, limit: int = 40) -> str:
    """The first words of an item, to name it in a notice."""
    line = text.split("\n")[0].strip("« »")
    return line if len(line) <= limit else line[:limit].rstrip() + "…"
