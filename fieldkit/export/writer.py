"""Writing a Word document in Word's built-in styles: the vocabulary of both documents.

:class:`DocumentWriter` knows headings, prose, quotes, figures, tables and a
table of contents, and nothing of surveys. Every text it writes goes through
one filter (pseudonyms, then the language's typography), so no caller can
forget it: a pseudonymized document holds no name anywhere.

It also lays the document out the way a reader expects on paper: a heading
or an attribution line stays with what follows it, a table row never splits
across two pages, a column is never narrower than the longest word of its
header, photos are upright and light (:mod:`fieldkit.export.media`) and
described for screen readers, and the table of contents is filled with every
entry and its page number (:mod:`fieldkit.export.contents`).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu
from docx.text.paragraph import Paragraph

from fieldkit.export import docx_helpers as xml
from fieldkit.export.contents import Contents
from fieldkit.export.layout import column_widths, font_size, text_box
from fieldkit.export.media import prepare
from fieldkit.export.properties import set_properties
from fieldkit.export.styles import style_ids
from fieldkit.export.typography import NBSP, paragraphs, typeset
from fieldkit.export.wording import word

#: How tall a photo may be, as a share of the page's text height: a portrait
#: photo at full width would fill a page on its own.
MAX_PHOTO_HEIGHT = 0.55

LANGUAGE_TAGS = {"fr": "fr-FR", "en": "en-GB"}

#: Quotation marks a typed quote may already be wrapped in.
_OPENING_MARKS, _CLOSING_MARKS = "«“„‘\"'", "»”“’\"'"


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
        self._style_ids = style_ids(document)
        self._contents: Contents | None = None
        self._font_size = font_size(document)
        self.headings: list[tuple[int, str]] = []
        self._marked: list[tuple[Any, int, str]] = []
        self.figures = 0

    # -- text ------------------------------------------------------------------

    def text(self, raw: str) -> str:
        """What any text becomes in this document: pseudonymized, cleaned, typeset."""
        return typeset(self._scrub(raw), self.language)

    def style_id(self, name: str) -> str | None:
        """The id of the template's style Word would use for ``name`` (see :mod:`.styles`)."""
        return self._style_ids.get(name.casefold())

    def paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        """Append a paragraph (line breaks inside ``text`` stay line breaks).

        A heading is kept on the same page as what follows it.
        """
        element = OxmlElement("w:p")
        style_id = self.style_id(style) if style and style != "Normal" else None
        if style_id:
            properties = element.get_or_add_pPr()
            properties.style = style_id
        if text:
            element.append(xml.text_run(self.text(text)))
        if self._end is None:
            self._body.append(element)
        else:
            self._end.addprevious(element)
        paragraph = Paragraph(element, self.document._body)
        if style and style.casefold().startswith(("heading", "toc heading")):
            paragraph.paragraph_format.keep_with_next = True
        return paragraph

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
        self._marked.append((paragraph._p, level, self.text(text)))
        return paragraph

    def note(self, text: str) -> None:
        """A secondary line (who said it, when), kept with the paragraph it introduces."""
        paragraph = self.paragraph()
        paragraph.paragraph_format.keep_with_next = True
        self.add_run(paragraph, text, "Subtle Emphasis")

    def bullets(self, lines: Sequence[str]) -> None:
        for line in lines:
            self.paragraph(line, "List Bullet")

    def page_break(self) -> None:
        self.paragraph()._p.append(xml.page_break_run())

    # -- quotes and figures ------------------------------------------------------

    def quote(self, text: str, speaker: str) -> None:
        """A verbatim quote in the Quote style, in the language's quotation marks.

        Marks typed around the whole quote are replaced by the language's; a
        quote that starts with a quotation of its own keeps its marks (made
        typographic). The speaker goes on the last line, and the whole quote
        stays on one page when it can.
        """
        parts = paragraphs(_unquoted(text)) or [""]
        if not parts[0].startswith(tuple(_OPENING_MARKS)):  # else it quotes itself
            opening, closing = ("«", "»") if self.language == "fr" else ("“", "”")
            parts[0] = opening + parts[0]
            parts[-1] = parts[-1] + closing
        for index, part in enumerate(parts):
            paragraph = self.paragraph(part, "Quote")
            paragraph.paragraph_format.keep_together = True
            if index < len(parts) - 1:
                paragraph.paragraph_format.keep_with_next = True
            elif speaker:
                self.add_run(paragraph, "\n— " + speaker)

    def figure(self, data: bytes, caption: str) -> bool:
        """A photo at the text's width (or less if tall), then "Figure N : caption".

        The photo is embedded upright, resized and without metadata; its
        caption is its alternative text. An image that cannot be read is
        left out (``False``): the caller says so.
        """
        picture = prepare(data)
        if picture is None:
            return False
        width, height = self._fit(picture.width, picture.height)
        paragraph = self.paragraph()
        paragraph.paragraph_format.keep_with_next = True
        shape = paragraph.add_run().add_picture(
            io.BytesIO(picture.data), width=width, height=height
        )
        self.figures += 1
        number = f"{word('figure', self.language)} {self.figures}"
        xml.describe_picture(shape._inline, self.text(caption) or number, self.figures)
        caption_paragraph = self.paragraph(style="Caption")
        self.add_run(caption_paragraph, word("figure", self.language) + " ")
        for run in xml.field_runs("SEQ Figure \\* ARABIC", str(self.figures)):
            caption_paragraph._p.append(run)
        if caption:
            colon = f"{NBSP}: " if self.language == "fr" else ": "
            self.add_run(caption_paragraph, colon + caption)
        return True

    def _fit(self, pixels_wide: int, pixels_high: int) -> tuple[Emu, Emu]:
        text_width, text_height = text_box(self.document)
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
        """A table in the Table Grid style; ``widths`` are shares of the text width.

        No row splits across pages; the header row repeats on each page; no
        column is narrower than the longest word of its header.
        """
        columns = len(header) if header else len(rows[0]) if rows else 0
        if not columns:
            return
        table = self.document.add_table(rows=0, cols=columns)
        style_id = self.style_id("Table Grid")
        if style_id:
            table._tbl.tblPr.style = style_id
        xml.set_table_look(table, first_row=header is not None, first_column=first_column)
        if header is not None:
            xml.repeat_as_header(self._row(table, header))
        for values in rows:
            self._row(table, values)
        self._widths(table, widths or [1] * columns, header)
        self.paragraph()  # Word needs a paragraph between two tables

    def _row(self, table: Any, values: Sequence[str]) -> Any:
        row = table.add_row()
        xml.keep_row_together(row)
        for cell, value in zip(row.cells, values, strict=False):
            target = cell.paragraphs[0]
            for index, part in enumerate(paragraphs(value) or [""]):
                if index:
                    target = cell.add_paragraph()
                if part:
                    target._p.append(xml.text_run(self.text(part)))
        return row

    def _widths(self, table: Any, shares: Sequence[float], header: Sequence[str] | None) -> None:
        text_width, _ = text_box(self.document)
        texts = [self.text(h) for h in header] if header else [""] * len(shares)
        table.autofit = False
        fitted = column_widths(shares, texts, text_width, self._font_size)
        for column, width in zip(table.columns, fitted, strict=False):
            column.width = Emu(width)
            for cell in column.cells:
                cell.width = Emu(width)

    def table_of_contents(self, title: str, levels: int) -> None:
        """A real TOC field over Heading 1 to ``levels``, filled in at :meth:`finish`.

        Word recomputes it on opening; LibreOffice shows it as written, so it
        is written whole: every entry, linked to its heading, with a page
        number field LibreOffice computes as it lays the pages out.
        """
        self.paragraph(title, "TOC Heading")
        placeholder = self.text(word("toc_placeholder", self.language))
        self._contents = Contents(self.paragraph()._p, levels, placeholder, self.style_id)
        xml.ask_to_update_fields(self.document)

    # -- the file itself ------------------------------------------------------------

    def finish(self, metadata: Metadata) -> None:
        """Set the language, the properties and the title shown in the header."""
        xml.set_language(self.document, LANGUAGE_TAGS.get(self.language, self.language))
        set_properties(
            self.document,
            title=self.text(metadata.title),
            subject=self.text(metadata.subject),
            author=self.text(metadata.authors),
        )
        xml.fill_fields(self.document, "TITLE", self.text(metadata.title))
        if self._contents is not None:
            self._contents.fill(self.document, self._marked)


def _unquoted(text: str) -> str:
    """A quote without the quotation marks it was typed with ("…", “…”, « … »)."""
    text = text.strip()
    if len(text) > 1 and text[0] in _OPENING_MARKS and text[-1] in _CLOSING_MARKS:
        return text[1:-1].strip()
    return text
