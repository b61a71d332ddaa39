"""The survey as a tree: initiatives, and under each its interviews (visits).

A model, not a widget per row: a survey of thousands of interviews lists as
quickly as five. Each row carries its raw value for sorting (ISO dates,
numbers) beside the words it shows.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from fieldkit.survey import InitiativeInfo, InterviewInfo, Survey
from ui.i18n import fold, format_date, format_moment, format_percent, language, plural
from ui.qt import (
    QAbstractItemModel,
    QFont,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)

# Roles and alignments as plain numbers: ``data()`` runs for every cell painted,
# and comparing with a number costs less than looking the enum up each time.
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_EDIT = Qt.ItemDataRole.EditRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_FONT = Qt.ItemDataRole.FontRole.value
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole.value
_RIGHT = (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_NAME_FLAGS = _ROW_FLAGS | Qt.ItemFlag.ItemIsEditable

SortRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2
KindRole = Qt.ItemDataRole.UserRole + 3
CompletionRole = Qt.ItemDataRole.UserRole + 4
DeletedRole = Qt.ItemDataRole.UserRole + 5

NAME, PLACE, INTERVIEWERS, STATUS, COMPLETION, LAST_CHANGE = range(6)
COLUMN_COUNT = 6


@dataclass
class Node:
    """One row: an initiative (with its interviews) or an interview."""

    kind: str
    id: str
    initiative: InitiativeInfo
    interview: InterviewInfo | None = None
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    deleted: bool = False
    # Position among its siblings (set once the tree is built).
    row: int = 0
    # The words of its columns, formatted when first shown (dates and counts
    # cost a locale lookup each) and kept until the model is read again.
    texts: tuple[str, ...] | None = None


class OverviewModel(QAbstractItemModel):
    """Initiatives → interviews; in trash mode, only what was deleted."""

    rename_requested = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._roots: list[Node] = []
        self.trash = False
        self._titled_in = ""
        self._column_titles: tuple[str, ...] = ()
        # Visits holding a conflict: their status says so.
        self._conflicted: set[str] = set()

    def load(self, survey: Survey, trash: bool = False) -> None:
        """Read the survey again (after a change, or to show the trash)."""
        from fieldkit.survey import conflicted_interviews  # with the first overview

        initiatives = survey.initiatives(include_deleted=True)
        interviews = survey.interviews(include_deleted=True)
        conflicted = conflicted_interviews(survey)
        by_initiative: dict[str, list[InterviewInfo]] = {}
        for interview in interviews:
            by_initiative.setdefault(interview.initiative, []).append(interview)
        roots = []
        for initiative in initiatives:
            node = Node("initiative", initiative.id, initiative, deleted=initiative.deleted)
            for interview in by_initiative.get(initiative.id, []):
                own = interview.deleted and not initiative.deleted
                shown = initiative.deleted or own if trash else not interview.deleted
                if shown:
                    child = Node("interview", interview.id, initiative, interview, node)
                    child.deleted = interview.deleted
                    node.children.append(child)
            if (initiative.deleted or node.children) if trash else not initiative.deleted:
                node.row = len(roots)
                roots.append(node)
            for position, child in enumerate(node.children):
                child.row = position
        self.beginResetModel()
        self._roots = roots
        self._conflicted = conflicted
        self.trash = trash
        self.endResetModel()

    def counts(self) -> tuple[int, int]:
        """(initiatives, interviews) listed."""
        return len(self._roots), sum(len(n.children) for n in self._roots)

    def node(self, index: QModelIndex | QPersistentModelIndex) -> Node | None:
        if not index.isValid():
            return None
        pointer = index.internalPointer()
        return pointer if isinstance(pointer, Node) else None

    def index_of(self, item_id: str) -> QModelIndex:
        for root in self._roots:
            if root.id == item_id:
                return self.createIndex(root.row, 0, root)
            for child in root.children:
                if child.id == item_id:
                    return self.createIndex(child.row, 0, child)
        return QModelIndex()

    # -- structure -------------------------------------------------------------

    def index(
        self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex | None = None
    ) -> QModelIndex:
        # Views call this for every cell they lay out: as few calls into Qt as can be.
        if parent is None or not parent.isValid():
            siblings = self._roots
        else:
            owner = parent.internalPointer()
            if not isinstance(owner, Node) or parent.column() != 0:
                return QModelIndex()
            siblings = owner.children
        if 0 <= row < len(siblings) and 0 <= column < COLUMN_COUNT:
            return self.createIndex(row, column, siblings[row])
        return QModelIndex()

    def parent(self, index: QModelIndex | QPersistentModelIndex | None = None) -> QModelIndex:  # type: ignore[override]
        if index is None:
            return super().parent()
        node = self.node(index)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        parent = parent if parent is not None else QModelIndex()
        if not parent.isValid():
            return len(self._roots)
        if parent.column() != 0:
            return 0
        node = self.node(parent)
        return len(node.children) if node else 0

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != _DISPLAY:
            return None
        return self._titles()[section] if 0 <= section < COLUMN_COUNT else None

    def _titles(self) -> tuple[str, ...]:
        """The columns' titles, translated once per language (the header asks often)."""
        if self._titled_in != language():
            self._titled_in = language()
            self._column_titles = (
                self.tr("Initiative / visite"),
                self.tr("Territoire / lieu"),
                self.tr("Enquêteurs"),
                self.tr("Statut"),
                self.tr("Complétude"),
                self.tr("Dernière modification"),
            )
        return self._column_titles

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        node = self.node(index)
        if node is None:
            return Qt.ItemFlag.NoItemFlags
        if node.kind == "initiative" and index.column() == NAME and not self.trash:
            return _NAME_FLAGS
        return _ROW_FLAGS

    # -- data ------------------------------------------------------------------

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        node = self.node(index)
        if node is None:
            return None
        column = index.column()
        if role == _DISPLAY:
            return self._text(node, column)
        if role == _TOOLTIP and column in (PLACE, INTERVIEWERS):
            return self._text(node, column) or None
        if role == _EDIT:
            return node.initiative.name if column == NAME else self._text(node, column)
        if role == SortRole:
            return self._sort_key(node, column)
        if role == IdRole:
            return node.id
        if role == KindRole:
            return node.kind
        if role == DeletedRole:
            return node.deleted
        if role == CompletionRole and column == COMPLETION:
            return self._completion(node)
        if role == _FONT and node.kind == "initiative" and column == NAME:
            font = QFont()
            font.setBold(True)
            return font
        if role == _ALIGNMENT and column == COMPLETION:
            return _RIGHT
        return None

    def status_words(self) -> list[str]:
        """The words the status column can show (to size it)."""
        words = [self.tr("Brouillon"), self.tr("Terminé"), self.tr("%1 visites")]
        return words + [self._in_conflict(word) for word in words[:2]]

    def _in_conflict(self, status: str) -> str:
        return self.tr("%1 · ⚠ conflit").replace("%1", status)

    def _text(self, node: Node, column: int) -> str:
        if node.texts is None:
            node.texts = self._texts(node)
        return node.texts[column]

    def _texts(self, node: Node) -> tuple[str, ...]:
        initiative, interview = node.initiative, node.interview
        if interview is None:
            count = len(node.children)
            return (
                initiative.name,
                initiative.territory,
                "",
                plural(count, self.tr("%1 visite"), self.tr("%1 visites")),
                format_percent(self._completion(node)) if node.children else "",
                format_moment(self._last_change(node)) if self._last_change(node) else "",
            )
        status = self.tr("Terminé") if interview.status == "complete" else self.tr("Brouillon")
        if interview.id in self._conflicted:
            status = self._in_conflict(status)
        return (
            format_date(interview.date),
            interview.place,
            ", ".join(interview.interviewers),
            status,
            format_percent(interview.completion),
            format_moment(interview.last_change) if interview.last_change else "",
        )

    def _sort_key(self, node: Node, column: int) -> object:
        interview = node.interview
        if column == COMPLETION:
            return self._completion(node)
        if column == LAST_CHANGE:
            return self._last_change(node)
        if interview is None:
            return fold(self._text(node, column))
        if column == NAME:
            return interview.date
        return fold(self._text(node, column))

    def _completion(self, node: Node) -> int:
        if node.interview is not None:
            return node.interview.completion
        done = [c.interview.completion for c in node.children if c.interview]
        return round(sum(done) / len(done)) if done else 0

    def _last_change(self, node: Node) -> str:
        if node.interview is not None:
            return node.interview.last_change
        return max((c.interview.last_change for c in node.children if c.interview), default="")

    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value: object,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        node = self.node(index)
        name = str(value).strip() if value is not None else ""
        if node is None or role != Qt.ItemDataRole.EditRole or node.kind != "initiative":
            return False
        if index.column() != NAME or not name or name == node.initiative.name:
            return False
        node.initiative = dataclasses.replace(node.initiative, name=name)
        node.texts = None
        for child in node.children:
            child.initiative = node.initiative
        self.dataChanged.emit(index, index)
        self.rename_requested.emit(node.id, name)
        return True


class OverviewFilter(QSortFilterProxyModel):
    """Sorts by raw values and keeps rows whose words contain the filter, accents aside."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self.setRecursiveFilteringEnabled(True)
        self.setAutoAcceptChildRows(True)
        self._words: list[str] = []

    def set_filter_text(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.10
            self.beginFilterChange()
            self._words = fold(text).split()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._words = fold(text).split()
            self.invalidateRowsFilter()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        texts = [
            str(model.index(source_row, column, source_parent).data() or "")
            for column in range(COLUMN_COUNT)
        ]
        if source_parent.isValid():
            # A visit also matches by its initiative's words: "garage juin".
            texts += [str(source_parent.siblingAtColumn(c).data() or "") for c in (NAME, PLACE)]
        line = fold(" ".join(texts))
        return all(word in line for word in self._words)
