"""*Marquer comme terminé* refused: the required answers still missing, and a way to each.

A missing cell of a repeat group names its row (*Personnes rencontrées,
ligne 2 : Bruno*), so the person knows whose consent is missing.
"""

from __future__ import annotations

from collections.abc import Mapping

from fieldkit.guide import Guide
from fieldkit.survey import MissingAnswer
from ui.i18n import french_spacing
from ui.interview.repeat_editor import TABLE_COLUMNS
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

AnswerRole = Qt.ItemDataRole.UserRole + 1


class MissingAnswersDialog(QDialog):
    """Lists missing required answers; ``chosen()`` is the question to go to."""

    def __init__(
        self,
        parent: QWidget | None,
        guide: Guide,
        missing: list[MissingAnswer],
        language: str,
        row_names: Mapping[str, str] | None = None,
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
        # Each question with its place on two lines: air and a tint tell one from the next.
        self.list.setSpacing(3)
        self.list.setAlternatingRowColors(True)
        names = row_names or {}
        for answer in missing:
            # Where it is, said as such, so that a section never reads as one more question.
            where = self.tr("dans : %1").replace("%1", self._where(guide, answer, language, names))
            item = QListWidgetItem(
                f"{french_spacing(answer.label.get(language))}\n{french_spacing(where)}"
            )
            item.setData(AnswerRole, answer)
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

    def _where(
        self, guide: Guide, answer: MissingAnswer, language: str, names: Mapping[str, str]
    ) -> str:
        """The section, and for a cell of a repeat group its row: *…, ligne 2 : Bruno*."""
        question = guide.question(answer.question.repeat) if answer.row else answer.question
        section = guide.section(question.section) if question else None
        where = section.title.get(language) if section else ""
        if answer.row and question is not None:
            cards = len(question.columns) > TABLE_COLUMNS  # as the interview shows them
            row = self.tr("%1, fiche %2") if cards else self.tr("%1, ligne %2")
            row = row.replace("%1", question.label.get(language))
            row = row.replace("%2", str(answer.position))
            name = names.get(answer.row, "")
            where = f"{where} · {row}" + (f" ({name})" if name else "")
        return where

    def chosen(self) -> MissingAnswer | None:
        item = self.list.currentItem()
        answer = item.data(AnswerRole) if item is not None else None
        return answer if isinstance(answer, MissingAnswer) else None

    def choose(self, question_id: str, row: str | None = None) -> None:
        for index in range(self.list.count()):
            answer = self.list.item(index).data(AnswerRole)
            if answer.id == question_id and (row is None or answer.row == row):
                self.list.setCurrentRow(index)
                return
