"""The table of contents: a field Word updates, written whole so every reader shows it.

Word recomputes a TOC field when the document opens (``w:updateFields``).
LibreOffice does not: it shows the field's last result. So the result is
written as Word itself writes it — one paragraph per heading in the "toc N"
style, the heading's text linked to a bookmark on the heading, a tab, and a
``PAGEREF`` field to that bookmark — and LibreOffice computes those page
numbers while it lays the pages out. Before the document is finished the
field shows a sentence saying it updates on opening.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fieldkit.export import docx_helpers as xml

Element = Any


class Contents:
    """One table of contents, written into ``paragraph`` and filled at the end."""

    def __init__(
        self,
        paragraph: Element,
        levels: int,
        placeholder: str,
        style_id: Callable[[str], str | None],
    ) -> None:
        self.paragraph = paragraph
        self.levels = levels
        self._style_id = style_id
        instruction = f'TOC \\o "1-{levels}" \\h \\z \\u'
        for run in xml.field_runs(instruction, placeholder):
            paragraph.append(run)

    def fill(self, headings: list[tuple[Element, int, str]]) -> None:
        """Write one entry per heading (its paragraph, level and text) up to ``levels``."""
        entries = [(p, level, text) for p, level, text in headings if level <= self.levels]
        if not entries:
            return
        end = xml.take_field_result(self.paragraph)
        previous = self.paragraph
        for number, (heading, level, text) in enumerate(entries, start=1):
            anchor = f"_Toc{number:08d}"
            xml.bookmark(heading, anchor, number)
            entry = self.paragraph if number == 1 else xml.new_paragraph()
            style = self._style_id(f"toc {level}")
            if style:
                entry.get_or_add_pPr().style = style
            page = xml.field_runs(f"PAGEREF {anchor} \\h", "")
            entry.append(xml.hyperlink(anchor, [xml.text_run(text), xml.tab_run(), *page]))
            if entry is not previous:
                previous.addnext(entry)
                previous = entry
        previous.append(end)
