"""*Marquer comme terminé* refused: the required answers still missing, and a way to each."""

from __future__ import annotations

from fieldkit.guide import Guide, Question
from ui.qt import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    Qt,
    QVBoxLayout,
    QWidget,
)

QuestionRole = Qt.ItemDataRole.UserRole + 1


class MissingAnswersDialog(QDialog):
    """Lists missing required answers; ``chosen()`` is the question to go to."""

    def __init__(
        self, parent: QWidget | None, guide: Guide, missing: list[Question], language: str
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Réponses obligatoires manquantes"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "L’entretien ne peut pas encore être marqué comme terminé : "
                "ces questions obligatoires n’ont pas de réponse."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        for question in missing:
            section = guide.section(question.section)
            where = section.title.get(language) if section else ""
            item = QListWidgetItem(f"{question.label.get(language)}\n{where}")
            item.setData(QuestionRole, question.id)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.accept())
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        go = buttons.addButton(
            self.tr("Aller à la question"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        go.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 80, 360)

    def chosen(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(QuestionRole)) if item is not None else None

    def choose(self, question_id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(QuestionRole) == question_id:
                self.list.setCurrentRow(row)
