"""The conflict panel: each open conflict, its values side by side, and the ways to end it.

A conflict is a field two people changed without seeing each other's change.
The panel shows, for the chosen one, every value with its author, device and
time, the common earlier version when there is one, a button to keep each
value, and — for texts — an editor prefilled with the values to write a
combined version. Resolving writes one change through the core
(:func:`fieldkit.exchange.conflicts.keep` / :func:`~fieldkit.exchange.conflicts.resolve_with`)
on the writer thread; the window then re-reads the survey and the count drops.

It is a window of its own, opened when asked (the status bar's count, the
*Enquête* menu): it never takes the keyboard from an answer being typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fieldkit.errors import FieldkitError
from fieldkit.exchange import keep, open_conflicts, resolve_with
from fieldkit.guide import Question
from fieldkit.survey import NARRATIVE_PREFIX, Conflict, Revision, Survey, current_device
from ui import i18n
from ui.qt import (
    QAbstractItemView,
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QListView,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QShortcut,
    QSize,
    QSizePolicy,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
)
from ui.session import SurveySession
from ui.style import calm_selection, heading, make_quiet, reading_width, scaled_font
from ui.widgets import answer_text, tab_before

EARLIER_PREVIEW_CHARS = 600
TEXT_TYPES = {"text", "long_text"}


@dataclass(frozen=True)
class ConflictItem:
    """An open conflict with the words a person needs: what, where, and its past."""

    conflict: Conflict
    title: str
    where: str
    earlier: Revision | None
    question: Question | None

    @property
    def id(self) -> str:
        return self.conflict.id

    @property
    def combinable(self) -> bool:
        """Whether a combined text makes sense: texts, not choices or numbers."""
        if self.question is not None and self.question.type not in TEXT_TYPES:
            return False
        values = [v.value for v in self.conflict.values]
        return all(v is None or isinstance(v, str) for v in values) and any(values)

    def text(self, value: object, language: str) -> str:
        return answer_text(self.question, value, language)


def device_names(revisions: list[Revision], this_device: str) -> dict[str, str]:
    """Name each device by whoever wrote on it: *cet ordinateur*, *l’ordinateur de Yanis*.

    A device id is a hexadecimal string nobody recognises; the person who typed
    on a laptop is how colleagues know it. Two laptops of one person get a number.
    """
    names: dict[str, str] = {}
    seen: dict[str, int] = {}
    for revision in revisions:
        device = revision.device
        if device in names:
            continue
        if device == this_device:
            names[device] = QCoreApplication.translate("ConflictPanel", "cet ordinateur")
            continue
        author = revision.author or QCoreApplication.translate("ConflictPanel", "auteur inconnu")
        seen[author] = seen.get(author, 0) + 1
        name = QCoreApplication.translate("ConflictPanel", "l’ordinateur de %1")
        name = name.replace("%1", author)
        names[device] = name if seen[author] == 1 else f"{name} ({seen[author]})"
    return names


class ConflictListModel(QAbstractListModel):
    """The open conflicts, one line each: the question, then the visit."""

    def __init__(self) -> None:
        super().__init__()
        self._items: list[ConflictItem] = []

    def set_items(self, items: list[ConflictItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> ConflictItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._items)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        item = self.item(index.row()) if index.isValid() else None
        if item is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{item.title}\n{item.where}" if item.where else item.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.id
        return None


class ConflictReader(QObject):
    """Reads the open conflicts of a survey and says in French what each is about."""

    def __init__(self, survey: Survey, language: str) -> None:
        super().__init__()
        self.survey = survey
        self.language = language

    def items(self) -> list[ConflictItem]:
        return [self._item(found.conflict, found.earlier) for found in open_conflicts(self.survey)]

    def _item(self, conflict: Conflict, earlier: Revision | None) -> ConflictItem:
        entity, entity_id, field = conflict.entity, conflict.entity_id, conflict.field
        fields = self._fields(entity, entity_id)
        question = None
        if entity in {"answer", "row_answer"}:
            interview = entity_id if entity == "answer" else str(fields.get("interview", ""))
            question = self._question(interview, field)
            title = i18n.french_spacing(question.label.get(self.language)) if question else field
            if entity == "row_answer":
                title = self.tr("%1 (dans une liste)").replace("%1", title)
            return ConflictItem(conflict, title, self._visit(interview), earlier, question)
        if entity == "initiative":
            name = str(fields.get("name", ""))
            if field.startswith(NARRATIVE_PREFIX):
                title = self._section_title(entity_id, field[len(NARRATIVE_PREFIX) :])
            else:
                title = self.tr("%1 de l’initiative").replace("%1", self._field_name(field))
            return ConflictItem(conflict, title, name, earlier, None)
        interview = entity_id if entity == "interview" else str(fields.get("interview", ""))
        title = self._field_name(field)
        if entity != "interview":
            title = f"{self._entity_name(entity)} · {title}"
        return ConflictItem(conflict, title, self._visit(interview), earlier, None)

    def _section_title(self, initiative: str, section: str) -> str:
        """A narrative in conflict is named by its section's title, as the outline shows it."""
        try:
            found = self.survey.outline(initiative).section(section)
        except FieldkitError:
            found = None
        words = i18n.french_spacing(found.title.get(self.language)) if found else section
        return self.tr("Monographie · %1").replace("%1", words)

    def _fields(self, entity: str, entity_id: str) -> dict[str, object]:
        return dict(self.survey.log.fields(entity, entity_id))

    def _question(self, interview: str, question_id: str) -> Question | None:
        try:
            return self.survey.guide_for(interview).question(question_id)
        except FieldkitError:
            return None

    def _visit(self, interview: str) -> str:
        if not interview:
            return ""
        fields = self._fields("interview", interview)
        initiative = self._fields("initiative", str(fields.get("initiative", "")))
        when = i18n.format_date(str(fields.get("date", "")))
        name = str(initiative.get("name", ""))
        visit = self.tr("visite du %1").replace("%1", when)
        return f"{name} · {visit}" if name else visit

    def _field_name(self, field: str) -> str:
        names = {
            "name": self.tr("Nom"),
            "territory": self.tr("Territoire"),
            "network": self.tr("Réseau"),
            "kind": self.tr("Type"),
            "date": self.tr("Date de la visite"),
            "place": self.tr("Lieu de la visite"),
            "interviewers": self.tr("Enquêteurs"),
            "status": self.tr("État de l’entretien"),
            "text": self.tr("Texte"),
            "caption": self.tr("Légende"),
            "speaker": self.tr("Personne citée"),
        }
        return names.get(field, field)

    def _entity_name(self, entity: str) -> str:
        names = {
            "quote": self.tr("Citation"),
            "note": self.tr("Note"),
            "attachment": self.tr("Pièce jointe"),
            "person": self.tr("Personne rencontrée"),
        }
        return names.get(entity, entity)


class TextBox(QPlainTextEdit):
    """A text box that asks for a few lines, then takes what the panel has to spare.

    Qt's own box asks for about twelve lines; in a panel that scrolls, those
    asks add up, and the combined version went under the bottom of a laptop's
    screen while the values above it stood half empty.
    """

    LINES = 5

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab goes on to the buttons, it types no tab

    def sizeHint(self) -> QSize:
        margins = self.contentsMargins()
        inside = 2 * int(self.document().documentMargin()) + margins.top() + margins.bottom()
        lines = self.fontMetrics().lineSpacing() * self.LINES
        return QSize(super().sizeHint().width(), lines + inside)


class ValueCard(QWidget):
    """One value of a conflict: who wrote it, where and when, the value, *Garder*."""

    def __init__(
        self, parent: QWidget, number: int, item: ConflictItem, revision: Revision, device: str
    ):
        super().__init__(parent)
        self.revision = revision
        language = i18n.language()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        author = revision.author or self.tr("auteur inconnu")
        title = QLabel(self.tr("Version %1 · %2").replace("%1", str(number)).replace("%2", author))
        title.setFont(scaled_font(title, 1.0, bold=True))
        title.setWordWrap(True)
        layout.addWidget(title)
        self.origin = QLabel(
            self.tr("sur %1 · %2")
            .replace("%1", device)
            .replace("%2", i18n.format_moment(revision.time))
        )
        self.origin.setToolTip(revision.device)
        self.origin.setWordWrap(True)
        make_quiet(self.origin)
        layout.addWidget(self.origin)
        self.value = TextBox(self)
        self.value.setReadOnly(True)
        self.value.setPlainText(item.text(revision.value, language) or self.tr("(sans réponse)"))
        self.value.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        if not item.combinable:  # a choice, a number, a date: a few words at most
            self.value.setMaximumHeight(self.fontMetrics().lineSpacing() * 4)
            self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout.addWidget(self.value, 1)
        self.keep_button = QPushButton(self.tr("Garder cette version"), self)
        self.keep_button.setToolTip(
            self.tr("Cette version devient la réponse ; les autres restent dans l’historique.")
        )
        layout.addWidget(self.keep_button, 0, Qt.AlignmentFlag.AlignLeft)


class ConflictDetail(QWidget):
    """The chosen conflict: its earlier version, its values side by side, a combined text."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.item: ConflictItem | None = None
        self.cards: list[ValueCard] = []
        self._layout = QVBoxLayout(self)
        self.title = heading("", self, 1.2)
        self._layout.addWidget(self.title)
        self.where = QLabel(self)
        self.where.setWordWrap(True)
        make_quiet(self.where)
        self._layout.addWidget(self.where)
        self.explanation = QLabel(
            self.tr(
                "Deux personnes ont modifié ce champ sans voir la modification de l’autre. "
                "Gardez une version, ou écrivez une version combinée : rien n’est perdu, "
                "chaque version reste dans l’historique."
            ),
            self,
        )
        self.explanation.setWordWrap(True)
        self._layout.addWidget(self.explanation)
        self.earlier = QLabel(self)
        self.earlier.setWordWrap(True)
        self.earlier.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        make_quiet(self.earlier)
        self._layout.addWidget(self.earlier)
        self.values_row = QHBoxLayout()
        self.values_row.setSpacing(self.fontMetrics().averageCharWidth() * 3)
        self._layout.addLayout(self.values_row, 1)
        self.combine_label = QLabel(self.tr("Ou écrivez une version combinée :"), self)
        self.combine_label.setFont(scaled_font(self.combine_label, 1.0, bold=True))
        self._layout.addWidget(self.combine_label)
        self.combined = TextBox(self)
        self.combined.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        self._layout.addWidget(self.combined, 1)
        self.combine_button = QPushButton(self.tr("Enregistrer la version combinée"), self)
        self._layout.addWidget(self.combine_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.not_combinable = QLabel(
            self.tr(
                "Cette réponse ne se combine pas : gardez une version, "
                "puis modifiez-la dans l’entretien si besoin."
            ),
            self,
        )
        self.not_combinable.setWordWrap(True)
        make_quiet(self.not_combinable)
        self._layout.addWidget(self.not_combinable)
        self._layout.addStretch(0)  # takes what short values leave
        self.combined.textChanged.connect(self._update_combine_button)

    def show_item(self, item: ConflictItem | None) -> None:
        self.item = item
        for card in self.cards:
            self.values_row.removeWidget(card)
            card.hide()  # out of sight and of the Tab order now, deleted later
            card.deleteLater()
        self.cards = []
        self.setVisible(item is not None)
        if item is None:
            return
        language = i18n.language()
        self.title.setText(item.title)
        self.where.setText(item.where)
        self.where.setVisible(bool(item.where))
        if item.earlier is not None:
            text = item.text(item.earlier.value, language) or self.tr("(sans réponse)")
            if len(text) > EARLIER_PREVIEW_CHARS:
                text = text[:EARLIER_PREVIEW_CHARS] + "…"
            words = (
                self.tr("Version commune antérieure (%1, %2) : « %3 »")
                .replace("%1", item.earlier.author or self.tr("auteur inconnu"))
                .replace("%2", i18n.format_moment(item.earlier.time))
            )
            self.earlier.setText(i18n.french_spacing(words).replace("%3", text))
        self.earlier.setVisible(item.earlier is not None)
        devices = device_names(list(item.conflict.values), current_device().id)
        for number, revision in enumerate(item.conflict.values, start=1):
            card = ValueCard(self, number, item, revision, devices[revision.device])
            self.values_row.addWidget(card, 1)
            self.cards.append(card)
        self._tab_in_reading_order()
        texts = [item.text(v.value, language) for v in item.conflict.values]
        unique = [t for i, t in enumerate(texts) if t and t not in texts[:i]]
        combinable = item.combinable
        self._layout.setStretchFactor(self.values_row, 1 if combinable else 0)
        self.combined.setPlainText("\n\n".join(unique) if combinable else "")
        for widget in (self.combine_label, self.combined, self.combine_button):
            widget.setVisible(combinable)
        self.not_combinable.setVisible(not combinable)
        self._update_combine_button()

    def _tab_in_reading_order(self) -> None:
        """Each version and its *Garder* button, then the combined text and its button.

        The cards are made for each conflict shown, after the combined text: left
        to Qt, Tab would reach them last, behind the window's own buttons.
        """
        stops = [w for card in self.cards for w in (card.value, card.keep_button)]
        tab_before(self.combined, stops)

    def _update_combine_button(self) -> None:
        self.combine_button.setEnabled(bool(self.combined.toPlainText().strip()))


class ConflictPanel(QWidget):
    """A window listing the survey's open conflicts, to end them one by one."""

    def __init__(
        self,
        window: QWidget,
        session: SurveySession,
        on_resolved: Callable[[], None],
        is_open: Callable[[], bool],
    ) -> None:
        super().__init__(window, Qt.WindowType.Window)
        self.session = session
        self._is_open = is_open
        self._on_resolved = on_resolved
        self.busy = False
        self.setWindowTitle(self.tr("Conflits — %1").replace("%1", session.path.name))
        width, height = self.fontMetrics().averageCharWidth() * 160, 720
        screen = window.screen()
        if screen is not None:  # never larger than the screen, whose title bar would be lost
            free = screen.availableGeometry()
            width, height = min(width, free.width() - 40), min(height, free.height() - 60)
        self.resize(width, height)
        layout = QVBoxLayout(self)
        self.count = heading("", self, 1.1)
        layout.addWidget(self.count)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.model = ConflictListModel()
        self.list = QListView(splitter)
        self.list.setModel(self.model)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        calm_selection(self.list)
        self.list.setMinimumWidth(self.fontMetrics().averageCharWidth() * 30)
        scroll = QScrollArea(splitter)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to what it holds
        self.detail = ConflictDetail(scroll)
        self.detail.setMaximumWidth(reading_width(self) * 2)
        scroll.setWidget(self.detail)
        splitter.addWidget(self.list)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([self.fontMetrics().averageCharWidth() * 40, 900])
        layout.addWidget(splitter, 1)
        self.list.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.detail.combine_button.clicked.connect(self._write_combined)
        close = QShortcut(QKeySequence(QKeySequence.StandardKey.Cancel), self)
        close.activated.connect(self.close)
        # A button too, for whom the title bar is out of reach (a small screen, a tablet).
        self.close_button = QPushButton(self.tr("Fermer (Échap)"), self)
        self.close_button.setToolTip(
            self.tr("Le panneau se rouvre par le nombre de conflits, en bas de la fenêtre.")
        )
        self.close_button.clicked.connect(self.close)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)
        self.reload()

    def _still_open(self) -> bool:
        """Whether the survey is still the window's; a panel left over closes itself."""
        if self._is_open():
            return True
        self.close()
        return False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self._still_open()
        super().changeEvent(event)

    def reload(self, row: int | None = None) -> None:
        """Read the open conflicts again; choose ``row`` (or keep the current one)."""
        if not self._still_open():
            return
        current = self.list.currentIndex().row() if row is None else row
        reader = ConflictReader(self.session.reader, i18n.language())
        self.model.set_items(reader.items())
        total = self.model.rowCount()
        self.count.setText(
            i18n.plural(total, self.tr("%1 conflit ouvert"), self.tr("%1 conflits ouverts"))
            if total
            else self.tr("Aucun conflit ouvert : tout est réglé.")
        )
        if total:
            self.list.setCurrentIndex(self.model.index(min(max(current, 0), total - 1)))
        self._show_current()

    def select(self, conflict_id: str) -> None:
        for row in range(self.model.rowCount()):
            item = self.model.item(row)
            if item is not None and item.id == conflict_id:
                self.list.setCurrentIndex(self.model.index(row))

    def current_item(self) -> ConflictItem | None:
        return self.model.item(self.list.currentIndex().row())

    def _show_current(self) -> None:
        item = self.current_item()
        self.detail.show_item(item)
        for card in self.detail.cards:
            card.keep_button.clicked.connect(
                lambda _checked=False, change=card.revision.change: self._keep(change)
            )

    # -- resolving -------------------------------------------------------------

    def _keep(self, change_id: str) -> None:
        item = self.current_item()
        if item is not None:
            conflict = item.id
            self._write(lambda survey: keep(survey, conflict, change_id))

    def _write_combined(self) -> None:
        item = self.current_item()
        text = self.detail.combined.toPlainText().strip()
        if item is not None and text:
            conflict = item.id
            self._write(lambda survey: resolve_with(survey, conflict, [text]))

    def _go_on(self) -> None:
        """The keyboard, lost while the panel waited for the file, goes on: to the
        first version of the conflict now shown, else to the button that closes."""
        cards = self.detail.cards
        target = cards[0].keep_button if cards else self.close_button
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _write(self, work: Callable[[Survey], None]) -> None:
        """Resolve on the writer thread; then the window and the panel read again."""
        if self.busy or not self._still_open():
            return
        from ui.session import report_error

        self.busy = True
        self.setEnabled(False)
        row = self.list.currentIndex().row()

        def done(_result: object) -> None:
            self.busy = False
            self.setEnabled(True)
            self._on_resolved()
            self.reload(row)
            self._go_on()

        def failed(error: BaseException) -> None:
            self.busy = False
            self.setEnabled(True)
            report_error(self, self.tr("Impossible de régler ce conflit"), error)
            self.reload(row)
            self._go_on()

        self.session.executor.submit(work, done, failed)
