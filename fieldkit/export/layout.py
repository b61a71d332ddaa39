"""Measures of the page a document is laid out on, and table columns that fit their words.

Word breaks a word in two when a table column is narrower than the word
("Répon/ses"). The widths a writer asks for are shares of the text width;
here each column is first given room for the longest word of its header,
estimated from the body font's size, and the rest is shared as asked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

#: An A4 page with 2.5 cm margins, in EMU, for a template that does not say.
_PAGE = (7_560_310, 10_692_130)
_MARGIN = 900_430
_EMU_PER_POINT = 12_700
EMU_PER_TWIP = 635
#: A generous average width of a character, as a share of the font size (bold included).
_CHARACTER = 0.62
#: Word's default cell margins, left and right: 0.19 cm each.
_CELL_PADDING = 2 * 68_580
#: A column is never given more than this share of the width to fit a word.
_WIDEST_NEED = 0.4
_BREAKS = re.compile(r"[\s/]+|(?<=-)")


def text_box(document: Any) -> tuple[int, int]:
    """The width and height of the last section's text area, in EMU."""
    section = document.sections[-1]
    width = (section.page_width or _PAGE[0]) - _margins(section.left_margin, section.right_margin)
    height = (section.page_height or _PAGE[1]) - _margins(section.top_margin, section.bottom_margin)
    return int(width), int(height)


def _margins(*margins: int | None) -> int:
    return sum(_MARGIN if m is None else int(m) for m in margins)


def font_size(document: Any) -> float:
    """The body text's size in points (Normal, else the document's default, else 11)."""
    try:
        size = document.styles["Normal"].font.size
    except KeyError:
        size = None
    if size is not None:
        return float(size.pt)
    found = document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:sz/@w:val")
    return int(found[0]) / 2 if found and str(found[0]).isdigit() else 11.0


def word_width(text: str, size: float) -> int:
    """Room (EMU) for the longest word of ``text`` in a cell, padding included."""
    longest = max((len(w) for w in _BREAKS.split(text) if w), default=0)
    return int(longest * size * _CHARACTER * _EMU_PER_POINT) + _CELL_PADDING if longest else 0


def column_widths(
    shares: Sequence[float], headers: Sequence[str], total: int, size: float = 11.0
) -> list[int]:
    """Widths (EMU) in proportion to ``shares``, each at least its header's longest word."""
    needs = [min(word_width(h, size), int(total * _WIDEST_NEED)) for h in headers]
    needs += [0] * (len(shares) - len(needs))
    if sum(needs) > total:  # not everything fits: shrink the needs alike
        needs = [int(n * total / sum(needs)) for n in needs]
    fixed: dict[int, int] = {}
    while True:
        free = [i for i in range(len(shares)) if i not in fixed]
        left = total - sum(fixed.values())
        weight = sum(shares[i] for i in free) or 1
        widths = {i: int(left * shares[i] / weight) for i in free}
        short = [i for i in free if widths[i] < needs[i]]
        if not short:
            break
        fixed.update({i: needs[i] for i in short})
    widths.update(fixed)
    return [widths[i] for i in range(len(shares))]
