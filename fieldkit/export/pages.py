"""Which page a heading will fall on, estimated without laying the document out.

LibreOffice shows a table of contents as the document stored it, page numbers
included; only Word recomputes it on opening. So the stored entries carry a
page number estimated here from what the writer knows: the page and its
margins, each style's font size, spacing and line height, the length of each
paragraph, the rows of each table, the height of each picture, page breaks
and headings kept with what follows. The estimate is close, not exact (the
fonts' real widths are not known here); Word replaces it with the true
number, and LibreOffice's *Tools ▸ Update ▸ Update All* does too.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn

from fieldkit.export.layout import EMU_PER_TWIP, text_box

Element = Any

#: The average width of a character of running text, as a share of the font size
#: (measured on LibreOffice's rendering of the demo documents).
_CHARACTER = 0.4
#: A single line's height, as a share of the font size (ascent, descent and gap).
_LINE = 1.12
_TWIPS_PER_POINT = 20
#: Word's default cell margins, left and right, in twips.
_CELL_PADDING = 216


@dataclass(frozen=True)
class Look:
    """What decides a paragraph's height: its font size and spacing (points, twips)."""

    size: float = 11.0
    before: int = 0
    after: int = 0
    #: Line spacing: a multiple of single spacing, or an exact height in twips.
    line: float = 1.0
    exact: int = 0
    indent: int = 0
    keep_with_next: bool = False

    def line_height(self) -> float:
        """One line's height in twips."""
        if self.exact:
            return float(self.exact)
        return self.size * _LINE * self.line * _TWIPS_PER_POINT


class PageEstimate:
    """Walks a document's body and says on which page each paragraph begins."""

    def __init__(self, document: Any) -> None:
        width, height = text_box(document)
        self.width = width // EMU_PER_TWIP
        self.height = height // EMU_PER_TWIP
        styles = document.styles.element
        self._styles = {s.get(qn("w:styleId")): s for s in styles.iter(qn("w:style"))}
        self._default = _look_of(Look(), styles.find(qn("w:docDefaults")))
        self._looks: dict[str | None, Look] = {}
        self.page = 1
        self.used = 0.0

    def pages(self, body: Element, wanted: Iterable[Element]) -> dict[Element, int]:
        """The estimated page of each of the ``wanted`` paragraphs of ``body``."""
        targets = set(wanted)
        found: dict[Element, int] = {}
        for block in body:
            if block.tag == qn("w:p"):
                self._paragraph(block, self.width)
                if block in targets:
                    found[block] = self._start
            elif block.tag == qn("w:tbl"):
                self._table(block)
        return found

    # -- paragraphs ---------------------------------------------------------------------

    def _paragraph(self, paragraph: Element, width: int) -> None:
        look = self._look(paragraph)
        height = self.height_of(paragraph, width, look)
        if look.keep_with_next and self.used + height + 3 * look.line_height() > self.height:
            self._new_page()
        if self.used and self.used + min(height, 2 * look.line_height()) > self.height:
            self._new_page()
        self._start = self.page
        self.used += height
        while self.used > self.height:
            self.used -= self.height
            self.page += 1
        if paragraph.find(f".//{qn('w:br')}[@{qn('w:type')}='page']") is not None:
            self._new_page()

    def height_of(self, paragraph: Element, width: int, look: Look | None = None) -> float:
        """A paragraph's height in twips, spacing included, at ``width`` twips wide."""
        look = look or self._look(paragraph)
        pictures = [
            int(extent.get("cy", "0")) // EMU_PER_TWIP for extent in paragraph.iter(qn("wp:extent"))
        ]
        per_line = max(1.0, (width - look.indent) / (look.size * _CHARACTER * _TWIPS_PER_POINT))
        lines = sum(max(1, math.ceil(len(part) / per_line)) for part in _lines(paragraph))
        return look.before + look.after + lines * look.line_height() + sum(pictures)

    def _new_page(self) -> None:
        if self.used:
            self.page += 1
            self.used = 0.0

    # -- tables ---------------------------------------------------------------------------

    def _table(self, table: Element) -> None:
        widths = [int(c.get(qn("w:w"), "0")) for c in table.iter(qn("w:gridCol"))]
        for row in table.findall(qn("w:tr")):
            height = 0.0
            for cell, width in zip(row.findall(qn("w:tc")), widths, strict=False):
                inner = width - _CELL_PADDING
                height = max(height, sum(self.height_of(p, inner) for p in cell.iter(qn("w:p"))))
            if self.used + height > self.height:
                self._new_page()
            self.used += height

    # -- styles ---------------------------------------------------------------------------

    def _look(self, paragraph: Element) -> Look:
        properties = paragraph.find(qn("w:pPr"))
        style = None
        if properties is not None and properties.find(qn("w:pStyle")) is not None:
            style = properties.find(qn("w:pStyle")).get(qn("w:val"))
        look = self._style_look(style)
        return _look_of(look, properties)

    def _style_look(self, style_id: str | None) -> Look:
        if style_id not in self._looks:
            chain: list[Element] = []
            current = self._styles.get(style_id or "Normal")
            while current is not None and len(chain) < 20:
                chain.append(current)
                based = current.find(qn("w:basedOn"))
                current = self._styles.get(based.get(qn("w:val"))) if based is not None else None
            look = self._default
            for style in reversed(chain):
                look = _look_of(look, style)
            self._looks[style_id] = look
        return self._looks[style_id]


def _look_of(base: Look, node: Element | None) -> Look:
    """``base`` changed by what ``node`` (a style, defaults or a paragraph's pPr) says."""
    if node is None:
        return base
    paragraph = node if node.tag == qn("w:pPr") else node.find(f".//{qn('w:pPr')}")
    values = dict(base.__dict__)
    size = None if paragraph is node else node.find(f".//{qn('w:rPr')}/{qn('w:sz')}")
    if size is not None and str(size.get(qn("w:val"), "")).isdigit():
        values["size"] = int(size.get(qn("w:val"))) / 2
    if paragraph is None:
        return Look(**values)
    spacing = paragraph.find(qn("w:spacing"))
    if spacing is not None:
        for key in ("before", "after"):
            value = spacing.get(qn(f"w:{key}"))
            if value is not None and value.lstrip("-").isdigit():
                values[key] = int(value)
        line, rule = spacing.get(qn("w:line")), spacing.get(qn("w:lineRule"), "auto")
        if line is not None and line.isdigit():
            auto = rule == "auto"
            values["line"], values["exact"] = (int(line) / 240, 0) if auto else (1.0, int(line))
    indent = paragraph.find(qn("w:ind"))
    if indent is not None:
        sides = (indent.get(qn(f"w:{side}"), "0") for side in ("left", "right"))
        values["indent"] = sum(int(s) for s in sides if s.lstrip("-").isdigit())
    keep = paragraph.find(qn("w:keepNext"))
    if keep is not None:
        values["keep_with_next"] = keep.get(qn("w:val"), "true") not in {"0", "false"}
    return Look(**values)


def _lines(paragraph: Element) -> list[str]:
    """The paragraph's text, split where it has line breaks."""
    lines = [""]
    for node in paragraph.iter(qn("w:t"), qn("w:br"), qn("w:tab")):
        if node.tag == qn("w:br"):
            if node.get(qn("w:type")) != "page":
                lines.append("")
        elif node.tag == qn("w:tab"):
            lines[-1] += "    "
        else:
            lines[-1] += node.text or ""
    return lines
