"""The merge report in the window's words: the kinds the command line names, French first.

One phrase per kind (*2 nouveaux entretiens, 1 suppression, 1 nouveau
conflit*), in the order of :data:`fieldkit.exchange.KINDS`, so the preview
of a merge and the result of a sync say what came in as ``fieldkit merge``
says it.
"""

from __future__ import annotations

from fieldkit.exchange import Counts
from ui import i18n
from ui.qt import QCoreApplication


def _phrases() -> dict[str, tuple[str, str]]:
    """Each kind's singular and plural, translated now (the language may have changed)."""
    return {
        "initiatives": (
            QCoreApplication.translate("ReportWords", "%1 nouvelle initiative"),
            QCoreApplication.translate("ReportWords", "%1 nouvelles initiatives"),
        ),
        "interviews": (
            QCoreApplication.translate("ReportWords", "%1 nouvel entretien"),
            QCoreApplication.translate("ReportWords", "%1 nouveaux entretiens"),
        ),
        "answers": (
            QCoreApplication.translate("ReportWords", "%1 nouvelle réponse"),
            QCoreApplication.translate("ReportWords", "%1 nouvelles réponses"),
        ),
        "revisions": (
            QCoreApplication.translate("ReportWords", "%1 révision"),
            QCoreApplication.translate("ReportWords", "%1 révisions"),
        ),
        "deletions": (
            QCoreApplication.translate("ReportWords", "%1 suppression"),
            QCoreApplication.translate("ReportWords", "%1 suppressions"),
        ),
        "restorations": (
            QCoreApplication.translate("ReportWords", "%1 restauration"),
            QCoreApplication.translate("ReportWords", "%1 restaurations"),
        ),
        "renames": (
            QCoreApplication.translate("ReportWords", "%1 renommage"),
            QCoreApplication.translate("ReportWords", "%1 renommages"),
        ),
        "quotes": (
            QCoreApplication.translate("ReportWords", "%1 nouvelle citation"),
            QCoreApplication.translate("ReportWords", "%1 nouvelles citations"),
        ),
        "notes": (
            QCoreApplication.translate("ReportWords", "%1 nouvelle note"),
            QCoreApplication.translate("ReportWords", "%1 nouvelles notes"),
        ),
        "attachments": (
            QCoreApplication.translate("ReportWords", "%1 nouvelle pièce jointe"),
            QCoreApplication.translate("ReportWords", "%1 nouvelles pièces jointes"),
        ),
        "guides": (
            QCoreApplication.translate("ReportWords", "%1 nouveau guide"),
            QCoreApplication.translate("ReportWords", "%1 nouveaux guides"),
        ),
        "conflicts": (
            QCoreApplication.translate("ReportWords", "%1 nouveau conflit"),
            QCoreApplication.translate("ReportWords", "%1 nouveaux conflits"),
        ),
    }


def counts_text(counts: Counts) -> str:
    """What came in, kind by kind, in one line (*2 nouveaux entretiens, 5 révisions*)."""
    if not counts.anything:
        return QCoreApplication.translate("ReportWords", "rien de nouveau")
    phrases = _phrases()
    shown = [i18n.plural(number, *phrases[kind]) for kind, number in counts.kinds()]
    earlier = QCoreApplication.translate("ReportWords", "des versions antérieures seulement")
    return ", ".join(shown) or earlier
