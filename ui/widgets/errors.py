"""Telling the person something went wrong: a French headline, the core's words below.

Every error dialog of the window goes through :func:`show_error`, so there is
one look for errors and one place tests replace to keep dialogs from blocking.
"""

from __future__ import annotations

from ui import i18n
from ui.qt import QWidget


def show_error(parent: QWidget | None, headline: str, detail: str) -> None:
    """Show ``headline`` (translated, plain words) with the core's message as detail."""
    from ui.qt import QMessageBox  # made when first needed: not on the way to the first screen

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("fieldkit")
    box.setText(headline)
    box.setInformativeText(i18n.core_words(detail))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()
