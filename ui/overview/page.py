"""The survey at a glance: initiatives and their interviews, a filter, the trash.

Everything here is read from the survey's read-only connection; renames,
deletions and restorations go to the writer thread and the list is read
again when they are done.
"""

from __future__ import annotations

from ui.i18n import format_moment, language, plural
from ui.overview.model import (
    COMPLETION,
    INTERVIEWERS,
    LAST_CHANGE,
    NAME,
    PLACE,
    STATUS,
    CompletionRole,
    DeletedRole,
    IdRole,
    KindRole,
    OverviewFilter,
    OverviewModel,
)
from ui.qt import (
    QAbstractItemView,
    QAction,
    QHBoxLayout,
    QHeaderView,
    QKeySequence,
    QLabel,
    QLineEdit,
    QMenu,
    QModelIndex,
    QPainter,
    QPersistentModelIndex,
    QPoint,
    QPushButton,
    QRect,
    QSize,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.session import SurveySession, report_error
from ui.style import ACCENT, heading, make_quiet

# Space above and below each row's text, in pixels.
ROW_PADDING = 5


class RowDelegate(QStyledItemDelegate):
    """Rows with room to breathe.

    A delegate rather than a style sheet: a style sheet on the list swaps the
    whole widget style for a slower one and costs the window a few
    milliseconds at every start.
    """

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + 2 * ROW_PADDING)


class CompletionDelegate(RowDelegate):
    """The percentage with a thin accent bar under it."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        value = index.data(CompletionRole)
        if not isinstance(value, int):
            return
        rect = option.rect.adjusted(6, 0, -6, 0)
        bar = QRect(rect.left(), rect.bottom() - 4, rect.width(), 2)
        painter.save()
        track = option.palette.mid().color()
        track.setAlpha(70)
        # drawRect rather than fillRect: choosing among fillRect's many forms
        # makes PySide build QGradient's presets, a millisecond of the first paint.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(track)
        painter.drawRect(bar)
        painter.setBrush(ACCENT)
        painter.drawRect(QRect(bar.left(), bar.top(), bar.width() * value // 100, 2))
        painter.restore()


class OverviewPage(QWidget):
    """The list of initiatives and interviews, with its filter and toolbar."""

    open_interview = Signal(str)
    new_interview = Signal(str)
    new_initiative = Signal()
    # Put in the trash: entity, id, the words that name it (for *Annuler*).
    trashed = Signal(str, str, str)

    def __init__(self, session: SurveySession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = OverviewModel(self)
        self.model.rename_requested.connect(self._rename)
        self.proxy = OverviewFilter(self)
        self.proxy.setSourceModel(self.model)
        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 12)
        layout.setSpacing(8)
        self.title = heading("", self)
        layout.addWidget(self.title)
        self.summary = QLabel(self)
        make_quiet(self.summary)
        layout.addWidget(self.summary)
        layout.addLayout(self._toolbar())
        self.view = self._tree()
        layout.addWidget(self.view, 1)
        self.empty: QWidget | None = None  # made the first time the survey is empty
        self.reload()

    def _first_steps(self) -> QWidget:
        """What an empty survey shows instead of an empty list: what to do first."""
        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.addStretch(1)
        title = heading(self.tr("L’enquête est vide pour l’instant."), holder, 1.2)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(title)
        self.first_steps = steps = QLabel(
            self.tr(
                "Commencez par un entretien : vous y choisirez l’initiative visitée "
                "(ou la créerez), la date et les personnes rencontrées. "
                "Le guide d’entretien suit, section par section."
            ),
            holder,
        )
        steps.setWordWrap(True)
        steps.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Wrapped at a set width, and as tall as that makes it (a centred label
        # is not given the height of its wrapped lines otherwise).
        width = self.fontMetrics().averageCharWidth() * 70
        steps.setFixedWidth(width)
        steps.setMinimumHeight(steps.heightForWidth(width))
        make_quiet(steps)
        column.addWidget(steps, 0, Qt.AlignmentFlag.AlignHCenter)
        self.first_button = QPushButton(self.tr("Commencer un entretien (Ctrl+N)"), holder)
        self.first_button.clicked.connect(lambda: self.new_interview.emit(""))
        column.addWidget(self.first_button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)
        return holder

    def _toolbar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        self.filter = QLineEdit(self)
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(self.tr("Filtrer les initiatives et les visites…"))
        self.filter.textChanged.connect(self._filter_changed)
        row.addWidget(self.filter, 1)
        self.new_button = QPushButton(self.tr("Nouvel entretien…"), self)
        self.new_button.setToolTip(self.tr("Commencer un entretien (Ctrl+N)"))
        self.new_button.clicked.connect(lambda: self.new_interview.emit(self.selected_initiative()))
        self.new_button.setDefault(True)
        row.addWidget(self.new_button)
        self.initiative_button = QPushButton(self.tr("Nouvelle initiative…"), self)
        self.initiative_button.clicked.connect(self.new_initiative)
        row.addWidget(self.initiative_button)
        self.trash_button = QPushButton(self.tr("Corbeille"), self)
        self.trash_button.setCheckable(True)
        self.trash_button.setToolTip(
            self.tr("Montrer ce qui a été mis à la corbeille, pour le restaurer")
        )
        self.trash_button.toggled.connect(lambda _on: self.reload())
        row.addWidget(self.trash_button)
        self._toolbar_row = row
        self._initiative_actions: list[QAction] = []
        return row

    def add_button(self, action: QAction) -> None:
        """A toolbar button for a survey-wide command another window provides.

        A command about the chosen initiative (its ``initiative`` property set,
        as *Rédiger la monographie*) is also in the context menu of its rows.
        """
        if action.property("initiative"):
            self._initiative_actions.append(action)
        button = QToolButton(self)
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._toolbar_row.insertWidget(self._toolbar_row.count() - 1, button)

    def _tree(self) -> QTreeView:
        view = QTreeView(self)
        view.setModel(self.proxy)
        view.setSortingEnabled(True)
        view.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        view.setUniformRowHeights(True)
        view.setAlternatingRowColors(True)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._menu)
        view.activated.connect(self._activated)
        view.setItemDelegate(RowDelegate(view))
        view.setItemDelegateForColumn(COMPLETION, CompletionDelegate(view))
        # Widths from the font, not from every cell, so that a survey of
        # thousands of visits lists at once.
        header = view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in self._column_widths().items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        delete = QAction(self.tr("Mettre à la corbeille"), view)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_selected)
        view.addAction(delete)
        return view

    def _column_widths(self) -> dict[int, int]:
        """Widths that fit the longest words each column can hold (or a fair share)."""
        metrics = self.fontMetrics()
        model = self.model
        samples = {
            PLACE: ["x" * 30],
            INTERVIEWERS: ["Camille Roussel, Yanis B"],
            STATUS: model.status_words(),
            COMPLETION: ["100\u202f%"],
            LAST_CHANGE: [format_moment("2026-09-28T23:59:00Z")],
        }
        widths = {}
        for column, texts in samples.items():
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            widest = max(metrics.horizontalAdvance(text) for text in [*texts, title])
            widths[column] = widest + metrics.averageCharWidth() * 4
        return widths

    # -- reading -----------------------------------------------------------------

    def reload(self) -> None:
        """Read the list again, keeping the selection and the filter."""
        selected = self.selected_id()
        self.model.load(self.session.reader, trash=self.trash_button.isChecked())
        self.view.expandAll()
        initiatives, interviews = self.model.counts()
        title = self.session.reader.title_in(language()) or self.session.path.stem
        self.title.setText(title)
        if self.model.trash and not initiatives:
            self.summary.setText(self.tr("La corbeille est vide."))
        elif self.model.trash:
            self.summary.setText(self.tr("Corbeille : restaurez un élément avec Entrée."))
        else:
            counts = (
                plural(initiatives, self.tr("%1 initiative"), self.tr("%1 initiatives")),
                plural(interviews, self.tr("%1 entretien"), self.tr("%1 entretiens")),
            )
            self.summary.setText(" · ".join([self.session.path.name, *counts]))
        self.new_button.setEnabled(not self.model.trash)
        self.initiative_button.setEnabled(not self.model.trash)
        empty = not self.model.trash and initiatives == 0
        if empty and self.empty is None:
            self.empty = self._first_steps()
            self._layout.addWidget(self.empty, 1)
        if self.empty is not None:
            self.empty.setVisible(empty)
        self.view.setVisible(not empty)
        if selected:
            self.select(selected)

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_filter_text(text)
        self.view.expandAll()

    def select(self, item_id: str) -> None:
        index = self.proxy.mapFromSource(self.model.index_of(item_id))
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    def selected_id(self) -> str:
        index = self.view.currentIndex()
        return str(index.data(IdRole) or "") if index.isValid() else ""

    def selected_initiative(self) -> str:
        """The initiative of the selected row (for a new interview), or ''."""
        index = self.view.currentIndex()
        if not index.isValid():
            return ""
        if index.data(KindRole) == "interview":
            index = index.parent()
        return str(index.data(IdRole) or "")

    # -- acting ------------------------------------------------------------------

    def _activated(self, index: QModelIndex) -> None:
        if self.model.trash:
            self.restore_selected()
        elif index.data(KindRole) == "interview":
            self.open_interview.emit(str(index.data(IdRole)))
        else:
            first = self.proxy.index(0, 0, index.siblingAtColumn(0))
            self.view.setExpanded(index.siblingAtColumn(0), True)
            if first.isValid():
                self.view.setCurrentIndex(first)

    def _menu(self, position: QPoint) -> None:
        index = self.view.indexAt(position)
        if not index.isValid():
            return
        menu = QMenu(self)
        kind = index.data(KindRole)
        if self.model.trash:
            if index.data(DeletedRole):
                menu.addAction(self.tr("Restaurer"), self.restore_selected)
        else:
            if kind == "interview":
                menu.addAction(
                    self.tr("Ouvrir l’entretien"),
                    lambda: self.open_interview.emit(str(index.data(IdRole))),
                )
            menu.addAction(
                self.tr("Nouvel entretien pour cette initiative…"),
                lambda: self.new_interview.emit(self.selected_initiative()),
            )
            if kind == "initiative":
                menu.addAction(self.tr("Renommer"), lambda: self.rename_selected())
            menu.addAction(self.tr("Mettre à la corbeille"), self.delete_selected)
            if self._initiative_actions:
                menu.addSeparator()
                menu.addActions(self._initiative_actions)
        menu.popup(self.view.viewport().mapToGlobal(position))

    def rename_selected(self) -> None:
        index = self.view.currentIndex()
        if index.isValid() and index.data(KindRole) == "initiative":
            self.view.edit(index.siblingAtColumn(NAME))

    def _rename(self, initiative_id: str, name: str) -> None:
        self._write(
            lambda survey: survey.set_initiative(initiative_id, "name", name),
            self.tr("Impossible de renommer l’initiative"),
        )

    def delete_selected(self) -> None:
        """Move the selected initiative or interview to the trash (it can come back)."""
        index = self.view.currentIndex()
        if not index.isValid() or self.model.trash:
            return
        entity, item_id = str(index.data(KindRole)), str(index.data(IdRole))
        name = str(index.siblingAtColumn(NAME).data() or "")
        if entity == "interview":
            initiative = str(index.parent().siblingAtColumn(NAME).data() or "")
            name = self.tr("%1, visite du %2").replace("%1", initiative).replace("%2", name)

        after = self._neighbour(index)

        def trashed(_result: object) -> None:
            self.reload()
            if after:  # the keyboard goes on from where the row was
                self.select(after)
            self.trashed.emit(entity, item_id, name)

        self.session.executor.submit(
            lambda survey: survey.delete(entity, item_id),
            trashed,
            lambda error: report_error(self, self.tr("Impossible de mettre à la corbeille"), error),
        )

    @staticmethod
    def _neighbour(index: QModelIndex) -> str:
        """The row to select once ``index`` goes: the next one, else the one
        before, else its initiative."""
        row = index.row()
        for near in (index.sibling(row + 1, 0), index.sibling(row - 1, 0), index.parent()):
            if near.isValid():
                return str(near.data(IdRole) or "")
        return ""

    def restore_selected(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid() or not index.data(DeletedRole):
            return
        entity, item_id = str(index.data(KindRole)), str(index.data(IdRole))
        self._write(
            lambda survey: survey.restore(entity, item_id),
            self.tr("Impossible de restaurer"),
        )

    def _write(self, work: object, headline: str) -> None:
        self.session.executor.submit(
            work,  # type: ignore[arg-type]
            lambda _result: self.reload(),
            lambda error: report_error(self, headline, error),
        )
