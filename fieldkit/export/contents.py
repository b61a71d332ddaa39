"""The table of contents: a field Word updates, written whole so every reader shows it.

Word recomputes a TOC field when the document opens (``w:updateFields``).
LibreOffice does not: it shows the field's stored result as it is. So the
result is written as Word itself writes it — one paragraph per heading in
the "toc N" style, the heading's number when the template numbers headings,
its text linked to a bookmark on the heading, a tab, and a ``PAGEREF`` field
to that bookmark — with page numbers estimated by :mod:`fieldkit.export.pages`.
Before the document is finished the field shows a sentence saying it updates
on opening.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from docx.oxml.ns import qn

from fieldkit.export import docx_helpers as xml
from fieldkit.export.pages import PageEstimate
from fieldkit.export.styles import find_style, wanted

Element = Any
#: A heading: its paragraph, its level and its text.
Heading = tuple[Element, int, str]
_PLACE = re.compile(r"%([1-9])")


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

    def fill(self, document: Any, headings: list[Heading]) -> None:
        """Write one entry per heading up to ``levels``, then its estimated page."""
        numbers = heading_numbers(document, headings)
        entries = [h for h in headings if h[1] <= self.levels]
        if not entries:
            return
        end = xml.take_field_result(self.paragraph)
        previous = self.paragraph
        pages: list[tuple[Element, Element]] = []
        for number, (heading, level, text) in enumerate(entries, start=1):
            anchor = f"_Toc{number:08d}"
            xml.bookmark(heading, anchor, number)
            entry = self.paragraph if number == 1 else xml.new_paragraph()
            style = self._style_id(f"toc {level}")
            if style:
                entry.get_or_add_pPr().style = style
            label = numbers.get(heading)
            runs = [xml.text_run(f"{label} {text}" if label else text), xml.tab_run()]
            page = xml.text_run("0")
            runs += xml.field_runs(f"PAGEREF {anchor} \\h")
            runs.insert(-1, page)
            entry.append(xml.hyperlink(anchor, runs))
            pages.append((heading, page))
            if entry is not previous:
                previous.addnext(entry)
                previous = entry
        previous.append(end)
        estimate = PageEstimate(document).pages(document.element.body, [h for h, _ in pages])
        for heading, page in pages:
            page.find(qn("w:t")).text = str(estimate.get(heading, ""))


def heading_numbers(document: Any, headings: list[Heading]) -> dict[Element, str]:
    """The number each heading shows when its style is numbered ("2", "2.3"), by paragraph.

    Only decimal numbering is followed; a template that numbers headings
    otherwise gets entries without numbers (Word adds them when it updates).
    """
    formats = _level_formats(document)
    counters = [0] * 9
    found: dict[Element, str] = {}
    for paragraph, level, _ in headings:
        counters[level - 1] += 1
        counters[level:] = [0] * (9 - level)
        pattern = formats.get(level)
        if pattern:
            found[paragraph] = _PLACE.sub(lambda m: str(counters[int(m.group(1)) - 1]), pattern)
    return found


def _level_formats(document: Any) -> dict[int, str]:
    """The decimal number pattern ("%1.%2") of each heading level whose style is numbered."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return {}
    styles = document.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in styles.iter(qn("w:style"))}
    formats = {}
    for level in (1, 2, 3):
        reference = _numbered(find_style(styles, wanted(f"heading {level}")), by_id)
        pattern = _pattern(numbering, *reference) if reference else None
        if pattern:
            formats[level] = pattern.strip()
    return formats


def _numbered(style: Element | None, by_id: dict[str, Element]) -> tuple[str, str] | None:
    """The (numId, ilvl) a style or the styles it is based on number their paragraphs with."""
    for _ in range(20):
        if style is None:
            return None
        numbering = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if numbering is not None:
            num_id = numbering.find(qn("w:numId"))
            level = numbering.find(qn("w:ilvl"))
            if num_id is None:
                return None
            return num_id.get(qn("w:val")), level.get(qn("w:val")) if level is not None else "0"
        based = style.find(qn("w:basedOn"))
        style = by_id.get(based.get(qn("w:val"))) if based is not None else None
    return None


def _pattern(numbering: Element, num_id: str, level: str) -> str | None:
    """The lvlText of a decimal level of the numbering ``num_id``, if it is one."""
    for num in numbering.iter(qn("w:num")):
        if num.get(qn("w:numId")) != num_id:
            continue
        abstract = num.find(qn("w:abstractNumId"))
        for definition in numbering.iter(qn("w:abstractNum")):
            if abstract is None or definition.get(qn("w:abstractNumId")) != abstract.get(
                qn("w:val")
            ):
                continue
            for lvl in definition.iter(qn("w:lvl")):
                kind = lvl.find(qn("w:numFmt"))
                text = lvl.find(qn("w:lvlText"))
                decimal = kind is None or kind.get(qn("w:val")) == "decimal"
                if lvl.get(qn("w:ilvl")) == level and decimal and text is not None:
                    return str(text.get(qn("w:val")))
    return None
