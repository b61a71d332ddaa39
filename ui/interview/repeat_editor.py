"""A repeat group (e.g. the people met) as rows that can be added and removed.

A group of a few questions reads as a table under one line of headings. A
wider one (the people met have nine: name, role, organisation, three
consents, a pseudonym and two general descriptions) would leave each cell a
few characters wide in the interview's column, so each row is then a card
with its fields two by two, each under its own heading: two to a line leave
each field room for a whole name or role ("Animatrice du parcours Devenir
paysan"), where three cut it short.

The editor only holds the rows and says what changed (``row_added``,
``row_removed``, ``cell_edited``); whoever owns it decides when to save, so the
same editor serves the running interview (saved as you type) and the dialog
that starts an interview (saved on OK).
"""

from __future__ import annotations

from fieldkit.guide import Question
from fieldkit.ids import new_id
from ui.interview.editors import AnswerEditor, make_editor
from ui.qt import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    Qt,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.style import ACCENT, make_quiet
from ui.widgets import tab_before

# Up to this many questions a group is a table; beyond, each row is a card.
TABLE_COLUMNS = 4
# The fields on each line of a card.
CARD_COLUMNS = 2


class RepeatEditor(QWidget):
    """Rows of a repeat group: a table with one column per question, or cards."""

    row_added = Signal(str)
    row_removed = Signal(str)
    cell_edited = Signal(str, str)

    def __init__(
        self,
        question: Question,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.question = question
        self.language = language
        self._cells: dict[str, dict[str, AnswerEditor]] = {}
        self._row_widgets: dict[str, list[QWidget]] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(4)
        layout.addLayout(self.grid)
        self.as_cards = len(question.columns) > TABLE_COLUMNS
        if not self.as_cards:
            self._headers()
        if self.as_cards:
            nothing, add = self.tr("Aucune fiche pour l’instant."), self.tr("Ajouter une fiche")
        else:
            nothing, add = self.tr("Aucune ligne pour l’instant."), self.tr("Ajouter une ligne")
        self.empty = QLabel(nothing, self)
        make_quiet(self.empty)
        layout.addWidget(self.empty)
        self.add_button = QPushButton(add, self)
        self.add_button.clicked.connect(lambda: self.add_row())
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._next_grid_row = 1

    def _heading(self, column: Question) -> QLabel:
        text = column.label.get(self.language)
        label = QLabel(f"{text} <span style='color:{ACCENT.name()}'>*</span>")
        if not column.required:
            label.setText(text)
        label.setWordWrap(True)
        make_quiet(label)
        return label

    def _headers(self) -> None:
        for index, column in enumerate(self.question.columns):
            self.grid.addWidget(self._heading(column), 0, index)
            self.grid.setColumnStretch(index, 1)

    def set_rows(self, rows: list[tuple[str, dict[str, object]]]) -> None:
        """Show these rows (id and values), replacing any shown."""
        for row_id in list(self._cells):
            self._drop(row_id)
        for row_id, values in rows:
            self._show_row(row_id, values)
        self._update_empty()

    def add_row(self, values: dict[str, object] | None = None) -> str:
        """Add a row as the person does: it gets an id, then the keyboard focus."""
        row_id = new_id()
        self._show_row(row_id, values or {})
        self._update_empty()
        self.row_added.emit(row_id)
        first = next(iter(self._cells[row_id].values()), None)
        if first is not None:
            first.focus_editor()
        return row_id

    def remove_row(self, row_id: str) -> None:
        self._drop(row_id)
        self._update_empty()
        self.row_removed.emit(row_id)
        self.add_button.setFocus()

    def _show_row(self, row_id: str, values: dict[str, object]) -> None:
        grid_row = self._next_grid_row
        self._next_grid_row += 1
        cells: dict[str, AnswerEditor] = {}
        for column in self.question.columns:
            editor = make_editor(column, self.language, compact=True)
            if editor is None:
                continue
            editor.set_value(values.get(column.id))
            editor.setAccessibleName(column.label.get(self.language))
            editor.edited.connect(lambda r=row_id, c=column.id: self.cell_edited.emit(r, c))
            cells[column.id] = editor
        remove = QToolButton(self)
        remove.setText("×")
        remove.setAutoRaise(True)
        words = self.tr("Retirer cette fiche") if self.as_cards else self.tr("Retirer cette ligne")
        remove.setToolTip(words)
        remove.setAccessibleName(words)
        remove.clicked.connect(lambda: self.remove_row(row_id))
        if self.as_cards:
            shown: list[QWidget] = [self._card(cells, remove, grid_row)]
        else:
            shown = self._table_row(cells, remove, grid_row)
        editors: list[QWidget] = list(cells.values())
        # Tab reads the row as the eye does: in a card, × ends its first line.
        after = CARD_COLUMNS if self.as_cards else len(editors)
        # Before *Ajouter*, after the rows above: a row made later would come last.
        tab_before(self.add_button, [*editors[:after], remove, *editors[after:]])
        self._cells[row_id] = cells
        self._row_widgets[row_id] = shown
        # Shown now rather than on the layout's next pass, so the new row can take the focus.
        for widget in shown:
            widget.show()

    def _table_row(
        self, cells: dict[str, AnswerEditor], remove: QToolButton, grid_row: int
    ) -> list[QWidget]:
        indexes = {column.id: index for index, column in enumerate(self.question.columns)}
        for column_id, editor in cells.items():
            self.grid.addWidget(editor, grid_row, indexes[column_id])
        self.grid.addWidget(remove, grid_row, len(self.question.columns))
        return [*cells.values(), remove]

    def _card(self, cells: dict[str, AnswerEditor], remove: QToolButton, grid_row: int) -> QFrame:
        card = QFrame(self)
        card.setFrameShape(QFrame.Shape.StyledPanel)
        fields = QGridLayout(card)
        fields.setHorizontalSpacing(12)
        fields.setVerticalSpacing(2)
        columns = {column.id: column for column in self.question.columns}
        for place, (column_id, editor) in enumerate(cells.items()):
            line, across = divmod(place, CARD_COLUMNS)
            heading = self._heading(columns[column_id])
            heading.setBuddy(editor)
            fields.addWidget(heading, 2 * line, across, Qt.AlignmentFlag.AlignBottom)
            fields.addWidget(editor, 2 * line + 1, across)
            if line:  # a little air between the lines of fields
                fields.setRowMinimumHeight(2 * line, heading.sizeHint().height() + 6)
        for across in range(CARD_COLUMNS):
            fields.setColumnStretch(across, 1)
        remove.setParent(card)
        fields.addWidget(remove, 0, CARD_COLUMNS, 2, 1, Qt.AlignmentFlag.AlignTop)
        self.grid.addWidget(card, grid_row, 0)
        return card

    def _drop(self, row_id: str) -> None:
        for widget in self._row_widgets.pop(row_id, []):
            self.grid.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        self._cells.pop(row_id, None)

    def _update_empty(self) -> None:
        self.empty.setVisible(not self._cells)
        for index in range(self.grid.columnCount()):
            item = self.grid.itemAtPosition(0, index)
            if item is not None and item.widget() is not None:
                item.widget().setVisible(bool(self._cells))

    def row_ids(self) -> list[str]:
        return list(self._cells)

    def cell_value(self, row_id: str, column_id: str) -> object:
        editor = self._cells.get(row_id, {}).get(column_id)
        return editor.value() if editor is not None else None

    def cell(self, row_id: str, column_id: str) -> AnswerEditor | None:
        return self._cells.get(row_id, {}).get(column_id)

    def row_editors(self, row_id: str) -> list[AnswerEditor]:
        """A row's editors, in reading order."""
        return list(self._cells.get(row_id, {}).values())

    def values(self) -> list[dict[str, object]]:
        """Every row's answered cells, as skip logic sees a repeat group."""
        return [
            {c: v for c, e in cells.items() if (v := e.value()) is not None}
            for cells in self._cells.values()
        ]

    def rows(self) -> list[tuple[str, dict[str, object]]]:
        return list(zip(self._cells, self.values(), strict=True))

    def focus_editor(self) -> None:
        first = next((next(iter(c.values()), None) for c in self._cells.values()), None)
        (first or self.add_button).setFocus(Qt.FocusReason.OtherFocusReason)
