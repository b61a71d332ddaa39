"""The window's look: the system's palette and font, one accent colour, calm type.

Nothing here hard-codes a background or a text colour: light and dark themes
follow the system. Only the accent (required marks, the current section,
chosen scale values, completion bars) is ours, and the quiet tone of hints is
derived from the palette's text colour.
"""

from __future__ import annotations

from ui.qt import QColor, QFont, QLabel, QPalette, QWidget

# The one accent colour: a deep teal that reads on light and dark backgrounds.
ACCENT = QColor("#1d7a8c")
# Errors next to a field.
ERROR = QColor("#b3261e")
# Proportional line height of long-text answers, in percent.
LONG_TEXT_LINE_HEIGHT = 140
# Width beyond which a line of questions becomes hard to read, in average characters.
READING_WIDTH_CHARS = 96


def scaled_font(widget: QWidget, factor: float, bold: bool = False) -> QFont:
    """The widget's font, ``factor`` times larger, optionally bold."""
    font = QFont(widget.font())
    size = font.pointSizeF()
    if size > 0:
        font.setPointSizeF(size * factor)
    font.setBold(bold)
    return font


def quiet_colour(widget: QWidget) -> QColor:
    """Text colour halfway between the text and the background: for hints and dates."""
    palette = widget.palette()
    text = palette.color(QPalette.ColorRole.WindowText)
    window = palette.color(QPalette.ColorRole.Window)
    return QColor(
        (text.red() * 3 + window.red() * 2) // 5,
        (text.green() * 3 + window.green() * 2) // 5,
        (text.blue() * 3 + window.blue() * 2) // 5,
    )


def make_quiet(label: QLabel) -> None:
    """Give a label the quieter tone of secondary text."""
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, quiet_colour(label))
    label.setPalette(palette)


def set_text_colour(label: QLabel, colour: QColor) -> None:
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, colour)
    label.setPalette(palette)


def reading_width(widget: QWidget) -> int:
    """A comfortable maximum width for a column of text, in pixels."""
    return widget.fontMetrics().averageCharWidth() * READING_WIDTH_CHARS


def heading(text: str, parent: QWidget | None = None, factor: float = 1.35) -> QLabel:
    """A bold, larger label for a page or section title."""
    label = QLabel(text, parent)
    label.setFont(scaled_font(label, factor, bold=True))
    label.setWordWrap(True)
    return label


def calm_selection(widget: QWidget) -> None:
    """A selection tinted with the accent, text kept readable: for side lists."""
    palette = widget.palette()
    tint = QColor(ACCENT)
    tint.setAlpha(45)
    palette.setColor(QPalette.ColorRole.Highlight, tint)
    palette.setColor(QPalette.ColorRole.HighlightedText, palette.color(QPalette.ColorRole.Text))
    widget.setPalette(palette)
