"""Wrapped text for the writing view's lists: lines cut to a width, painted one by one.

The outline and the material are item views whose rows hold a few lines of
wrapped text each; their delegates measure and paint them with the same
function, so a row is always as tall as what it shows.
"""

from __future__ import annotations

from ui.qt import QFont, QFontMetrics, QPainter, QRect, Qt, QTextLayout, QTextOption
from ui.writing.document import LINE_BREAK


def wrapped_lines(text: str, font: QFont, width: int, max_lines: int = 0) -> list[str]:
    """``text`` cut into lines no wider than ``width``; past ``max_lines``, an ellipsis."""
    if not text or width <= 0:
        return []
    source = " ".join(text.split()) if max_lines == 1 else _keep_breaks(text)
    layout = QTextLayout(source, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    lines: list[str] = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        start, length = line.textStart(), line.textLength()
        lines.append(source[start : start + length])
    layout.endLayout()
    lines = [line.replace(LINE_BREAK, "").rstrip() for line in lines]
    if max_lines and len(lines) > max_lines:
        metrics = QFontMetrics(font)
        rest = " ".join(lines[max_lines - 1 :])
        cut = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)
        lines = [*lines[: max_lines - 1], cut]
    return lines


def _keep_breaks(text: str) -> str:
    """Paragraphs of an answer stay apart; single line breaks inside them too."""
    return LINE_BREAK.join(line.strip() for line in text.strip().splitlines())


def lines_height(lines: list[str], font: QFont) -> int:
    return len(lines) * QFontMetrics(font).lineSpacing()


def paint_lines(painter: QPainter, lines: list[str], font: QFont, left: int, top: int) -> int:
    """Paint lines from ``top`` down; return the y just below the last one."""
    metrics = QFontMetrics(font)
    painter.setFont(font)
    for line in lines:
        width = metrics.horizontalAdvance(line) + 2
        painter.drawText(
            QRect(left, top, width, metrics.lineSpacing()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            line,
        )
        top += metrics.lineSpacing()
    return top
