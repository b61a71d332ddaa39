"""Starting an interview: which initiative, when, where, who interviews, who is met.

The initiative is an existing one or a new one (with its territory, network
and kind); the date is today unless changed; the interviewers start with this
laptop's author name; the people met are rows of the guide's first repeat
group, with their consent to be named. Nothing is written until *Commencer*.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fieldkit.guide import Guide, Question
from fieldkit.ids import new_id
from fieldkit.survey import Survey
from ui.interview.repeat_editor import RepeatEditor
from ui.qt import (
    QComboBox,
    QDate,
    QDateEdit,
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from ui.style import make_quiet
from ui.widgets import ok_cancel

NEW_INITIATIVE = "__new__"
# The people met show this many lines of text before they scroll: a whole card
# of the people met (five lines of two fields), and the start of the next.
PEOPLE_LINES = 24


@dataclass(frozen=True)
class NewInitiative:
    name: str
    territory: str = ""
    network: str = ""
    kind: str = ""
    id: str = field(default_factory=lambda: new_id())


@dataclass(frozen=True)
class InterviewRequest:
    """Everything needed to start an interview, gathered on the GUI thread."""

    initiative: str
    new_initiative: NewInitiative | None
    date: str
    place: str
    interviewers: tuple[str, ...]
    repeat: str | None
    people: tuple[dict[str, object], ...]
    id: str = field(default_factory=lambda: new_id())


def start_interview(survey: Survey, request: InterviewRequest) -> str:
    """Write the interview (and its new initiative, its people) in one transaction."""
    with survey.log.transaction():
        initiative = request.initiative
        new = request.new_initiative
        if new is not None:
            initiative = survey.add_initiative(
                new.name, new.territory, new.network, new.kind, id=new.id
            )
        interview = survey.add_interview(
            initiative, request.date, request.place, request.interviewers, id=request.id
        )
        for person in request.people:
            if request.repeat:
                survey.add_row(interview, request.repeat, person)
    return interview


def kind_question(guide: Guide) -> Question | None:
    """The guide's question about the kind of initiative, for its choices."""
    return next((q for q in guide.questions if q.bind == "initiative.kind"), None)


class InitiativeFields(QWidget):
    """Name, territory, network and kind of a new initiative."""

    def __init__(self, guide: Guide, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.name = QLineEdit(self)
        self.territory = QLineEdit(self)
        self.network = QLineEdit(self)
        self.kind = QComboBox(self)
        self.kind.addItem("", "")
        question = kind_question(guide)
        for choice in question.choices if question else ():
            self.kind.addItem(choice.label.get(language), choice.value)
        self.kind.setEditable(question is None)
        form.addRow(self.tr("&Nom de l’initiative"), self.name)
        form.addRow(self.tr("&Territoire"), self.territory)
        form.addRow(self.tr("&Réseau ou structure d’accompagnement"), self.network)
        form.addRow(self.tr("T&ype d’initiative"), self.kind)

    def value(self) -> NewInitiative:
        kind = self.kind.currentData() if not self.kind.isEditable() else self.kind.currentText()
        return NewInitiative(
            self.name.text().strip(),
            self.territory.text().strip(),
            self.network.text().strip(),
            str(kind or ""),
        )


class InterviewDialog(QDialog):
    """Asks what a new interview needs; ``request()`` holds the answers."""

    def __init__(
        self,
        parent: QWidget | None,
        survey: Survey,
        language: str,
        author: str,
        initiative: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Nouvel entretien"))
        guide = survey.guide
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.initiative = QComboBox(self)
        self.initiative.addItem(self.tr("Nouvelle initiative…"), NEW_INITIATIVE)
        for info in survey.initiatives():
            self.initiative.addItem(info.name, info.id)
        found = self.initiative.findData(initiative) if initiative else -1
        first_existing = min(1, self.initiative.count() - 1)
        self.initiative.setCurrentIndex(found if found >= 0 else first_existing)
        form.addRow(self.tr("&Initiative"), self.initiative)
        layout.addLayout(form)
        self.new_box = QGroupBox(self.tr("Nouvelle initiative"), self)
        box_layout = QVBoxLayout(self.new_box)
        self.new_fields = InitiativeFields(guide, language, self.new_box)
        box_layout.addWidget(self.new_fields)
        layout.addWidget(self.new_box)
        visit = QFormLayout()
        self.date = QDateEdit(QDate.currentDate(), self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMMM yyyy")
        self.place = QLineEdit(self)
        self.interviewers = QLineEdit(author, self)
        self.interviewers.setToolTip(self.tr("Séparez les noms par des virgules."))
        visit.addRow(self.tr("&Date de la visite"), self.date)
        visit.addRow(self.tr("&Lieu"), self.place)
        visit.addRow(self.tr("&Enquêteurs"), self.interviewers)
        layout.addLayout(visit)
        self.repeat = next((q for q in guide.questions if q.type == "repeat"), None)
        self.people: RepeatEditor | None = None
        if self.repeat is not None:
            line = QFrame(self)
            line.setFrameShape(QFrame.Shape.HLine)
            line.setFrameShadow(QFrame.Shadow.Sunken)
            layout.addWidget(line)
            title = QLabel(self.repeat.label.get(language), self)
            layout.addWidget(title)
            if self.repeat.hint:
                hint = QLabel(self.repeat.hint.get(language), self)
                hint.setWordWrap(True)
                make_quiet(hint)
                layout.addWidget(hint)
            self.people = RepeatEditor(self.repeat, language)
            layout.addWidget(self._scrolled(self.people), 1)
            # Below the cards rather than after them: always in sight, however many.
            layout.addWidget(self.people.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        buttons, self.ok = ok_cancel(self, self.tr("Commencer l’entretien"))
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.initiative.currentIndexChanged.connect(lambda _i: self._update())
        self.new_fields.name.textChanged.connect(lambda _t: self._update())
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)
        self._update()

    def _scrolled(self, people: RepeatEditor) -> QScrollArea:
        """The people met in a scrolling area: each is a card, and a visit meets many,
        while the dialog must fit a small laptop's screen."""
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields, not their frame
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setWidget(people)

        def show_row(row_id: str) -> None:
            first = next(iter(people.row_editors(row_id)), None)
            if first is not None:
                area.ensureWidgetVisible(first)

        def fit() -> None:
            # As tall as the cards, up to one and a bit; the rest scrolls.
            tallest = self.fontMetrics().height() * PEOPLE_LINES
            area.setMinimumHeight(min(people.sizeHint().height(), tallest))
            self.adjustSize()

        def added(row_id: str) -> None:
            fit()
            # Once the new card is laid out, so that the person sees where they type.
            QTimer.singleShot(0, lambda: show_row(row_id))

        people.row_added.connect(added)
        people.row_removed.connect(lambda _row_id: fit())
        fit()
        return area

    def _update(self) -> None:
        creating = self.initiative.currentData() == NEW_INITIATIVE
        self.new_box.setVisible(creating)
        self.ok.setEnabled(not creating or bool(self.new_fields.name.text().strip()))
        layout = self.layout()
        if layout is not None:
            layout.activate()  # the new initiative's fields count before the size is taken
        self.adjustSize()

    def request(self) -> InterviewRequest:
        creating = self.initiative.currentData() == NEW_INITIATIVE
        names = tuple(n.strip() for n in self.interviewers.text().split(",") if n.strip())
        people = tuple(row for row in self.people.values() if row) if self.people else ()
        return InterviewRequest(
            initiative="" if creating else str(self.initiative.currentData()),
            new_initiative=self.new_fields.value() if creating else None,
            date=self.date.date().toString("yyyy-MM-dd"),
            place=self.place.text().strip(),
            interviewers=names,
            repeat=self.repeat.id if self.repeat else None,
            people=people,
        )


class InitiativeDialog(QDialog):
    """A new initiative on its own (its interviews come later)."""

    def __init__(self, parent: QWidget | None, guide: Guide, language: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Nouvelle initiative"))
        layout = QVBoxLayout(self)
        self.fields = InitiativeFields(guide, language, self)
        layout.addWidget(self.fields)
        buttons, self.ok = ok_cancel(self)
        layout.addWidget(buttons)
        self.fields.name.textChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))
        self.ok.setEnabled(False)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
