"""*Importer un guide XLSForm…*: what the conversion had to approximate, before anything is made.

An XLSForm (ODK, KoboToolbox) may hold things a fieldkit guide can only
approximate (a geopoint becomes a text question, a calculation is not a
question). The person sees each of these remarks, then decides whether to
create the survey with that guide; nothing is written before they do.
"""

from __future__ import annotations

import html
from pathlib import Path

from fieldkit.guide import Guide
from ui import i18n
from ui.i18n import plural
from ui.qt import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from ui.style import heading, make_quiet


class GuideWarningsDialog(QDialog):
    """The remarks of an XLSForm's conversion, with *Créer l’enquête* and *Annuler*."""

    def __init__(
        self, parent: QWidget | None, source: Path, guide: Guide, warnings: list[str]
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Importer un guide XLSForm"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(8)
        count = len(warnings)
        headline = plural(
            count,
            self.tr("« %2 » devient un guide, avec une remarque"),
            self.tr("« %2 » devient un guide, avec %1 remarques"),
        ).replace("%2", source.name)
        layout.addWidget(heading(i18n.french_spacing(headline), self, 1.2))
        questions = sum(1 for _ in guide.all_questions())
        outline = self.tr("« %1 » : %2, %3.").replace("%1", guide.title.get(i18n.language()))
        outline = outline.replace(
            "%2", plural(len(guide.sections), self.tr("%1 section"), self.tr("%1 sections"))
        ).replace("%3", plural(questions, self.tr("%1 question"), self.tr("%1 questions")))
        summary = QLabel(i18n.french_spacing(outline), self)
        summary.setWordWrap(True)
        make_quiet(summary)
        layout.addWidget(summary)
        explain = QLabel(
            self.tr(
                "Ce que le guide ne reprend pas tel quel est signalé ici, ligne par ligne. "
                "Vous pouvez créer l’enquête ainsi, ou corriger le formulaire et "
                "l’importer de nouveau."
            ),
            self,
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        self.remarks = list(warnings)
        self.warnings = QTextBrowser(self)
        self.warnings.setOpenLinks(False)
        items = "".join(f"<li style='margin-bottom: 6px'>{html.escape(w)}</li>" for w in warnings)
        self.warnings.document().setIndentWidth(self.fontMetrics().averageCharWidth() * 2)
        self.warnings.setHtml(f"<ul>{items}</ul>")
        layout.addWidget(self.warnings, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.create_button = buttons.addButton(
            self.tr("Créer l’enquête"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.create_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)
        self.resize(self.minimumWidth(), self.fontMetrics().height() * (14 + 2 * min(count, 8)))


def confirm_warnings(
    parent: QWidget | None, source: Path, guide: Guide, warnings: list[str]
) -> bool:
    """Show a conversion's warnings; True when the person goes on and creates the survey."""
    if not warnings:
        return True
    return bool(GuideWarningsDialog(parent, source, guide, warnings).exec())
