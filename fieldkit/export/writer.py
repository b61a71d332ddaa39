"""Writing a Word document in Word's built-in styles: the vocabulary of both documents.

:class:`DocumentWriter` knows headings, prose, quotes, figures, tables and a
table of contents, and nothing of surveys. Every text it writes goes through
one filter (pseudonyms, then the language's typography), so no caller can
forget it: a pseudonymized document holds no name anywhere.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu
from docx.text.paragraph import Paragraph

from fieldkit.export import docx_helpers as xml
from fieldkit.export.typography import NBSP, paragraphs, typeset
from fieldkit.export.wording import word

#: How tall a photo may be, as a share of the page's text height: a portrait
#: photo at full width would fill a page on its own.
MAX_PHOTO_HEIGHT = 0.55

LANGUAGE_TAGS = {"fr": "fr-FR", "en": "en-GB"}


@dataclass(frozen=True)
class Metadata:
    """What the file says about itself (File > Properties)."""

    title: str
    subject: str
    authors: str


class DocumentWriter:
    """Appends styled content to a document opened from a template."""

    def __init__(
        self, document: Any, language: str, scrub: Callable[[str], str] = lambda text: text
    ) -> None:
        self.document = document
        self.language = language
        self._scrub = scrub
        self._body = document.element.body
        self._end = self._body.find(qn("w:sectPr"))
        self._style_ids: dict[str, str] = {}
        self._contents: tuple[Paragraph, int] | None = None
        self.headings: list[tuple[int, str]] = []
        self.figures = 0

    # -- text ------------------------------------------------------------------

    def text(self, raw: str) -> str:
        """What any text becomes in this document: pseudonymized, cleaned, typeset."""
        return typeset(self._scrub(raw), self.language)

    def style_id(self, name: str) -> str:
        if name not in self._style_ids:
            self._style_ids[name] = self.document.styles[name].style_id
        return str(self._style_ids[name])

    def paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        """Append a paragraph (line breaks inside ``text`` stay line breaks)."""
        element = OxmlElement("w:p")
        if style and style != "Normal":
            properties = element.get_or_add_pPr()
            properties.style = self.style_id(style)
        if text:
            element.append(xml.text_run(self.text(text)))
        if self._end is None:
            self._body.append(element)
        else:
            self._end.addprevious(element)
        return Paragraph(element, self.document._body)

    def add_run(self, paragraph: Paragraph, text: str, style: str | None = None) -> None:
        style_id = self.style_id(style) if style else None
        paragraph._p.append(xml.text_run(self.text(text), style_id))

    def prose(self, text: str, style: str | None = None) -> None:
        """Append a long text as paragraphs, split on its blank lines."""
        for part in paragraphs(text):
            self.paragraph(part, style)

    def heading(self, text: str, level: int) -> Paragraph:
        paragraph = self.paragraph(text, f"Heading {level}")
        self.headings.append((level, text))
        return paragraph

    def note(self, text: str) -> None:
        """A secondary line (who said it, when): Normal with a Subtle Emphasis run."""
        self.add_run(self.paragraph(), text, "Subtle Emphasis")

    def bullets(self, lines: Sequence[str]) -> None:
        for line in lines:
            self.paragraph(line, "List Bullet")

    def page_break(self) -> None:
        self.paragraph()._p.append(xml.page_break_run())

    # -- quotes and figures ------------------------------------------------------

    def quote(self, text: str, speaker: str) -> None:
        """A verbatim quote in the Quote style, its speaker on the last line."""
        parts = paragraphs(text) or [""]
        opening, closing = ("« ", " »") if self.language == "fr" else ("“", "”")
        if not parts[0].startswith(("«", "“", '"')):
            parts[0] = opening + parts[0]
            parts[-1] = parts[-1] + closing
        for index, part in enumerate(parts):
            paragraph = self.paragraph(part, "Quote")
            if index == len(parts) - 1 and speaker:
                self.add_run(paragraph, "\n— " + speaker)

    def figure(self, data: bytes, caption: str) -> bool:
        """A photo at the text's width (or less if tall), then "Figure N : caption".

        An image python-docx cannot read is replaced by a line saying so.
        """
        try:
            image = Image.from_blob(data)
        except (UnrecognizedImageError, ValueError, IndexError, EOFError):
            return False
        width, height = self._fit(image.px_width, image.px_height)
        paragraph = self.paragraph()
        paragraph.paragraph_format.keep_with_next = True
        paragraph.add_run().add_picture(io.BytesIO(data), width=width, height=height)
        self.figures += 1
        caption_paragraph = self.paragraph(style="Caption")
        self.add_run(caption_paragraph, word("figure", self.language) + " ")
        for run in xml.field_runs("SEQ Figure \\* ARABIC", str(self.figures)):
            caption_paragraph._p.append(run)
        if caption:
            colon = f"{NBSP}: " if self.language == "fr" else ": "
            self.add_run(caption_paragraph, colon + caption)
        return True

    def _fit(self, pixels_wide: int, pixels_high: int) -> tuple[Emu, Emu]:
        section = self.document.sections[-1]
        text_width = section.page_width - section.left_margin - section.right_margin
        text_height = section.page_height - section.top_margin - section.bottom_margin
        ratio = pixels_high / max(pixels_wide, 1)
        width = text_width
        height = int(width * ratio)
        tallest = int(text_height * MAX_PHOTO_HEIGHT)
        if height > tallest:
            height, width = tallest, int(tallest / ratio)
        return Emu(width), Emu(height)

    # -- tables and contents --------------------------------------------------------

    def table(
        self,
        header: Sequence[str] | None,
        rows: Sequence[Sequence[str]],
        widths: Sequence[float] | None = None,
        first_column: bool = False,
    ) -> None:
        """A table in the Table Grid style; ``widths`` are shares of the text width."""
        columns = len(header) if header else len(rows[0]) if rows else 0
        if not columns:
            return
        table = self.document.add_table(rows=0, cols=columns)
        table.style = self.document.styles["Table Grid"]
        xml.set_table_look(table, first_row=header is not None, first_column=first_column)
        if header is not None:
            self._row(table, header)
            xml.repeat_as_header(table.rows[0])
        for values in rows:
            self._row(table, values)
        if widths:
            self._widths(table, widths)
        self.paragraph()  # Word needs a paragraph between two tables

    def _row(self, table: Any, values: Sequence[str]) -> None:
        for cell, value in zip(table.add_row().cells, values, strict=False):
            target = cell.paragraphs[0]
            for index, part in enumerate(paragraphs(value) or [""]):
                if index:
                    target = cell.add_paragraph()
                if part:
                    target._p.append(xml.text_run(self.text(part)))

    def _widths(self, table: Any, shares: Sequence[float]) -> None:
        section = self.document.sections[-1]
        text_width = section.page_width - section.left_margin - section.right_margin
        total = sum(shares)
        table.autofit = False
        for index, column in enumerate(table.columns):
            width = Emu(int(text_width * shares[index] / total))
            column.width = width
            for cell in column.cells:
                cell.width = width

    def table_of_contents(self, title: str, levels: int) -> None:
        """A real TOC field over Heading 1 to ``levels``; Word fills it on opening.

        Until then (and in LibreOffice, which does not update fields on
        opening) it shows the headings without page numbers, written at
        :meth:`finish`.
        """
        self.paragraph(title, "TOC Heading")
        paragraph = self.paragraph()
        instruction = f'TOC \\o "1-{levels}" \\h \\z \\u'
        for run in xml.field_runs(instruction, self.text(word("toc_placeholder", self.language))):
            paragraph._p.append(run)
        self._contents = (paragraph, levels)
        xml.ask_to_update_fields(self.document)

    def _fill_contents(self) -> None:
        if self._contents is None:
            return
        paragraph, levels = self._contents
        entries = [(level, text) for level, text in self.headings if level <= levels]
        if not entries:
            return
        first = paragraph._p
        end = xml.take_field_result(first)
        previous = first
        for index, (level, text) in enumerate(entries):
            style = self.style_id(f"toc {level}")
            if index == 0:
                first.get_or_add_pPr().style = style
                first.append(xml.text_run(self.text(text)))
                continue
            entry = OxmlElement("w:p")
            entry.get_or_add_pPr().style = style
            entry.append(xml.text_run(self.text(text)))
            previous.addnext(entry)
            previous = entry
        previous.append(end)

    # -- the file itself ------------------------------------------------------------

    def finish(self, metadata: Metadata) -> None:
        """Set the language, the properties and the title shown in the header."""
        xml.set_language(self.document, LANGUAGE_TAGS.get(self.language, self.language))
        properties = self.document.core_properties
        properties.title = self.text(metadata.title)
        properties.subject = self.text(metadata.subject)
        properties.author = self.text(metadata.authors)
        properties.last_modified_by = "fieldkit"
        properties.comments = ""
        properties.keywords = ""
        properties.category = ""
        properties.revision = 1
        now = datetime.now().replace(microsecond=0)
        properties.created = properties.modified = now
        xml.fill_fields(self.document, "TITLE", self.text(metadata.title))
        self._fill_contents()
