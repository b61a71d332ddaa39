"""An author's narrative in a Word document: paragraphs, emphasis, lists, quotes, figures.

The narrative's text is the small Markdown of :mod:`fieldkit.survey.markup`;
each block becomes the Word style a template restyles (Normal, List Bullet,
Quote, Caption). What the narrative already quotes or shows is reported back,
so the section does not print the same quote or photo again after it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from docx.oxml import OxmlElement
from docx.text.paragraph import Paragraph

from fieldkit.export import docx_helpers as xml
from fieldkit.export.wording import word
from fieldkit.export.writer import DocumentWriter
from fieldkit.survey import markup

#: Finds a placed figure's picture and caption by attachment id (None: gone).
FigureSource = Callable[[str], tuple[bytes, str] | None]


@dataclass
class Placed:
    """What a narrative has already shown: quotes (by their words) and photos (by id)."""

    quotes: set[str] = field(default_factory=set)
    photos: set[str] = field(default_factory=set)

    def has_quote(self, text: str) -> bool:
        return quote_key(text) in self.quotes


def quote_key(text: str) -> str:
    """A quote's words without quotation marks, spacing or case: to know it again."""
    kept = "".join(ch for ch in text.casefold() if ch.isalnum())
    return kept


def write_narrative(writer: DocumentWriter, text: str, figures: FigureSource) -> Placed:
    """Append a narrative's blocks; return what it quoted and showed."""
    placed = Placed()
    for block in markup.parse(text):
        if isinstance(block, markup.Paragraph):
            write_runs(writer, writer.paragraph(), block.runs)
        elif isinstance(block, markup.Bullet):
            write_runs(writer, writer.paragraph(style="List Bullet"), block.runs)
        elif isinstance(block, markup.Quotation):
            writer.quote("\n\n".join(block.paragraphs), block.attribution)
            placed.quotes.add(quote_key(" ".join(block.paragraphs)))
        else:
            _figure(writer, block, figures, placed)
    return placed


def _figure(
    writer: DocumentWriter, block: markup.Figure, figures: FigureSource, placed: Placed
) -> None:
    found = figures(block.attachment)
    if found is None:
        return
    data, caption = found
    if writer.figure(data, block.caption or caption):
        placed.photos.add(block.attachment)
    else:
        writer.note(word("unreadable_image", writer.language, name=block.caption or caption))


def write_runs(writer: DocumentWriter, paragraph: Paragraph, runs: tuple[markup.Run, ...]) -> None:
    """Append runs of plain, bold and italic text to a paragraph (direct formatting).

    Bold and italic are set on the run rather than by a character style, so
    a template that lacks one still shows them.
    """
    for run in runs:
        element = xml.text_run(writer.text(run.text))
        if run.bold or run.italic:
            properties = OxmlElement("w:rPr")
            if run.bold:
                properties.append(OxmlElement("w:b"))
            if run.italic:
                properties.append(OxmlElement("w:i"))
            element.insert(0, properties)
        paragraph._p.append(element)
