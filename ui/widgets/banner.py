"""Notices: across the top of the window, or in the page beside what they are about.

The window tells the person things that must not interrupt their typing: a
file the file manager asked to open, a survey file that vanished, a survey
opened read-only, an item put in the trash that can come back. A modal
dialog would take the keyboard from the answer being typed; a banner shows
without moving the focus, and stays until it is answered or closed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ui.i18n import french_spacing
from ui.qt import (
    QColor,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPalette,
    QPushButton,
    Qt,
    QTimer,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from ui.style import ACCENT, ERROR, set_text_colour

Action = tuple[str, Callable[[], object]]


class Banner(QFrame):
    """One notice: its words, its buttons, and × to close it."""

    def __init__(
        self, parent: QWidget, text: str, actions: Sequence[Action], warning: bool, closable: bool
    ) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)
        tint = QColor(ERROR if warning else ACCENT)
        tint.setAlpha(40)
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Window)
        palette.setColor(QPalette.ColorRole.Window, _blend(base, tint))
        self.setPalette(palette)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 6, 6)
        layout.setSpacing(8)
        self.label = QLabel(text, self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.label, 1)
        self.buttons: list[QPushButton] = []
        for words, slot in actions:
            button = QPushButton(words, self)
            button.clicked.connect(lambda _checked=False, run=slot: run())
            layout.addWidget(button)
            self.buttons.append(button)
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Fermer ce message"))
        self.close_button.setAccessibleName(self.tr("Fermer ce message"))
        self.close_button.setVisible(closable)
        layout.addWidget(self.close_button)


def _blend(base: QColor, tint: QColor) -> QColor:
    alpha = tint.alphaF()
    return QColor(
        round(base.red() * (1 - alpha) + tint.red() * alpha),
        round(base.green() * (1 - alpha) + tint.green() * alpha),
        round(base.blue() * (1 - alpha) + tint.blue() * alpha),
    )


class BannerArea(QWidget):
    """The window's notices, one per subject, newest at the bottom."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(1)
        self.banners: dict[str, Banner] = {}
        self.setVisible(False)

    def show_notice(
        self,
        subject: str,
        text: str,
        actions: Sequence[Action] = (),
        warning: bool = False,
        closable: bool = True,
        timeout_ms: int = 0,
    ) -> Banner:
        """Show a notice about ``subject``, replacing an earlier one about the same."""
        self.dismiss(subject)
        banner = Banner(self, text, actions, warning, closable)
        banner.close_button.clicked.connect(lambda: self.dismiss(subject, banner))
        for button in banner.buttons:  # an answered notice goes away
            button.clicked.connect(lambda _checked=False: self.dismiss(subject, banner))
        self.banners[subject] = banner
        self._layout.addWidget(banner)
        self.setVisible(True)
        if timeout_ms:
            QTimer.singleShot(timeout_ms, banner, lambda: self.dismiss(subject, banner))
        return banner

    def notice(self, subject: str) -> Banner | None:
        return self.banners.get(subject)

    def dismiss(self, subject: str, banner: Banner | None = None) -> None:
        """Take the notice about ``subject`` away (only ``banner``, if given, not a newer one)."""
        shown = self.banners.get(subject)
        if shown is None or (banner is not None and shown is not banner):
            return
        del self.banners[subject]
        self._layout.removeWidget(shown)
        shown.hide()
        shown.deleteLater()
        self.setVisible(bool(self.banners))

    def clear(self) -> None:
        for subject in list(self.banners):
            self.dismiss(subject)


class NoticeBar(QFrame):
    """A line of warning in the page, next to what it is about: never a dialog while
    someone types. Buttons that answer it go in ``row``, after the words."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 4, 0, 4)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        set_text_colour(self.label, ERROR)
        self.row.addWidget(self.label, 1)
        self.hide()

    def say(self, words: str) -> None:
        self.label.setText(french_spacing(words))
        self.show()
