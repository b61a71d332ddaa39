"""A narrative in Qt's text editor: the markup of :mod:`fieldkit.survey.markup`, both ways.

Qt reads and writes Markdown itself (``QTextDocument.setMarkdown`` and
``toMarkdown``), but not this dialect faithfully: it wraps lines at 80
columns, runs a quotation's attribution into its last line, cuts a caption
holding brackets into several pictures, reads ``<b>`` typed as text as HTML
and a line starting with ``1.`` as a numbered list, losing its words. So the
document is built from the core's own parser, and written back block by
block in the dialect that parser reads: what the editor shows is what the
monograph prints, and ``parse(markup_of(document))`` gives back the blocks
the document was filled with.

In the document, a paragraph is a block; a bulleted item a block in a list;
each paragraph of a quotation a block marked as quoted (its last one may be
the attribution, starting with an em dash); a figure a block holding the
photo, a line break and its caption.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from fieldkit.survey import markup
from ui.qt import (
    QFont,
    Qt,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextImageFormat,
    QTextListFormat,
)
from ui.style import LONG_TEXT_LINE_HEIGHT

# Block property: the number of the quotation a quoted block belongs to.
QUOTE = QTextFormat.Property.UserProperty.value + 1
# Image property: the figure's attachment id.
ATTACHMENT = QTextFormat.Property.UserProperty.value + 2
# Qt's own mark of a quoted block (``QTextFormat::BlockQuoteLevel``).
_QUOTE_LEVEL = 0x1080
ATTRIBUTION_DASH = "—"
# A line break inside a block (Shift+Entrée), and the stand-in for a picture.
LINE_BREAK = "\u2028"
OBJECT = "\ufffc"
# A line that would read as a list item or a quotation if left bare.
_LOOKS_LIKE_BLOCK = re.compile(r"^(\s*)([-+*>])(?=\s|$)")
# Spaces a line may start or end with (emphasis marks go inside them).
_SPACE = " \t"
# Space between paragraphs and the indentation of quotations, in pixels.
PARAGRAPH_GAP = 10
QUOTE_INDENT = 28


# -- formats -----------------------------------------------------------------------


def paragraph_format() -> QTextBlockFormat:
    """An ordinary paragraph: generous line height, a gap below."""
    block = QTextBlockFormat()
    block.setLineHeight(LONG_TEXT_LINE_HEIGHT, 1)  # 1: proportional height
    block.setBottomMargin(PARAGRAPH_GAP)
    return block


def quote_format(number: int) -> QTextBlockFormat:
    block = paragraph_format()
    block.setLeftMargin(QUOTE_INDENT)
    block.setRightMargin(QUOTE_INDENT)
    block.setProperty(QUOTE, number)
    block.setProperty(_QUOTE_LEVEL, 1)
    return block


def figure_format() -> QTextBlockFormat:
    """A figure: centred, its caption right under the photo (no proportional line height)."""
    block = QTextBlockFormat()
    block.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    block.setTopMargin(PARAGRAPH_GAP)
    block.setBottomMargin(PARAGRAPH_GAP * 2)
    return block


def text_format(bold: bool = False, italic: bool = False) -> QTextCharFormat:
    char = QTextCharFormat()
    char.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    char.setFontItalic(italic)
    return char


def attachment_url(attachment_id: str) -> str:
    """The name a figure's picture goes by in the document's resources."""
    return markup.ATTACHMENT_SCHEME + attachment_id


# -- what a block is ----------------------------------------------------------------


def quote_number(block: QTextBlock) -> int | None:
    value = block.blockFormat().property(QUOTE)
    return value if isinstance(value, int) else None


def figure_of(block: QTextBlock) -> str | None:
    """The attachment id of the photo a block holds, if it is a figure."""
    for fragment in fragments(block):
        char = fragment.charFormat()
        if char.isImageFormat():
            value = char.property(ATTACHMENT)
            return value if isinstance(value, str) else None
    return None


def fragments(block: QTextBlock) -> Iterator[object]:
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        if fragment.isValid():
            yield fragment
        iterator += 1


def next_quote_number(document: QTextDocument) -> int:
    block, highest = document.begin(), 0
    while block.isValid():
        highest = max(highest, quote_number(block) or 0)
        block = block.next()
    return highest + 1


# -- text to document ----------------------------------------------------------------


def fill(document: QTextDocument, text: str) -> None:
    """Replace the document's content with a narrative's blocks."""
    document.clear()
    cursor = QTextCursor(document)
    cursor.setBlockFormat(paragraph_format())
    for number, block in enumerate(markup.parse(text), start=1):
        if number > 1:
            cursor.insertBlock(paragraph_format(), text_format())
        write_block(cursor, block, number)
    document.clearUndoRedoStacks()
    document.setModified(False)


def write_block(cursor: QTextCursor, block: markup.Block, quote: int) -> None:
    """Write one block into the (empty) block at the cursor."""
    if isinstance(block, markup.Paragraph):
        write_runs(cursor, block.runs)
    elif isinstance(block, markup.Bullet):
        previous = cursor.block().previous()
        items = previous.textList() if previous.isValid() else None
        if items is not None and items.format().style() == QTextListFormat.Style.ListDisc:
            items.add(cursor.block())
        else:
            cursor.createList(QTextListFormat.Style.ListDisc)
        write_runs(cursor, block.runs)
    elif isinstance(block, markup.Quotation):
        write_quotation(cursor, block.paragraphs, block.attribution, quote)
    else:
        write_figure(cursor, block.attachment, block.caption)


def write_runs(cursor: QTextCursor, runs: tuple[markup.Run, ...]) -> None:
    for run in runs:
        cursor.insertText(run.text.replace("\n", LINE_BREAK), text_format(run.bold, run.italic))


def write_quotation(
    cursor: QTextCursor, paragraphs: tuple[str, ...], attribution: str, number: int
) -> None:
    """A quotation's paragraphs, then its attribution, as quoted blocks of one number."""
    lines = [*paragraphs, *([f"{ATTRIBUTION_DASH} {attribution}"] if attribution else [])]
    for index, line in enumerate(lines or [""]):
        if index:
            cursor.insertBlock(quote_format(number), text_format(italic=True))
        else:
            cursor.setBlockFormat(quote_format(number))
        attributed = bool(attribution) and index == len(lines) - 1
        if attributed:
            block = cursor.blockFormat()
            block.setAlignment(Qt.AlignmentFlag.AlignRight)
            cursor.setBlockFormat(block)
        cursor.insertText(line.replace("\n", LINE_BREAK), text_format(italic=not attributed))


def write_figure(cursor: QTextCursor, attachment_id: str, caption: str) -> None:
    """The photo, a line break, its caption: the picture is the document's resource."""
    cursor.setBlockFormat(figure_format())
    image = QTextImageFormat()
    image.setName(attachment_url(attachment_id))
    image.setProperty(ATTACHMENT, attachment_id)
    cursor.insertImage(image)
    cursor.insertText(LINE_BREAK + caption, text_format(italic=True))


# -- document to text ----------------------------------------------------------------


def markup_of(document: QTextDocument) -> str:
    """The narrative a document holds, in the core's markup."""
    pieces: list[str] = []
    block = document.begin()
    while block.isValid():
        number = quote_number(block)
        if number is not None:
            quoted = []
            while block.isValid() and quote_number(block) == number:
                quoted.append(block)
                block = block.next()
            text = _quotation(quoted)
            if text:
                pieces.append(text)
            continue
        text = _block(block)
        if text:
            joined = block.textList() is not None and _in_same_list(block.previous(), block)
            pieces.append(("\n" if joined and pieces else "") + text)
        block = block.next()
    out = ""
    for piece in pieces:
        if out and not piece.startswith("\n"):
            out += "\n\n"
        out += piece
    return out


def _in_same_list(previous: QTextBlock, block: QTextBlock) -> bool:
    if not previous.isValid() or previous.textList() is None:
        return False
    return previous.textList() == block.textList() and bool(_block(previous))


def _block(block: QTextBlock) -> str:
    attachment = figure_of(block)
    if attachment is not None:
        caption = block.text().replace(OBJECT, " ").replace(LINE_BREAK, " ")
        return markup.figure_markup(attachment, caption.strip())
    text = runs_markup(block)
    if not text.strip():
        return ""
    if block.textList() is not None:
        return "- " + text.replace("\n", "\n  ")
    return text


def runs_markup(block: QTextBlock) -> str:
    """A block's text with its bold and italic marked, hard line breaks kept."""
    out = ""
    for fragment in fragments(block):
        char = fragment.charFormat()
        if char.isImageFormat():
            continue
        bold = char.fontWeight() >= QFont.Weight.DemiBold.value
        # Emphasis never spans a line break in the markup: each line gets its own marks.
        out += LINE_BREAK.join(
            _emphasis(piece, bold, char.fontItalic()) for piece in fragment.text().split(LINE_BREAK)
        )
    lines = [_protect_start(line.strip(_SPACE)) for line in out.split(LINE_BREAK)]
    return "\\\n".join(line for line in lines if line)


def _emphasis(text: str, bold: bool, italic: bool) -> str:
    """Escaped text in its emphasis marks; spaces stay outside ("**mot **" is not bold)."""
    mark = "***" if bold and italic else "**" if bold else "*" if italic else ""
    body = text.strip(_SPACE)
    if not mark or not body:
        return markup.escape(text)
    lead = text[: len(text) - len(text.lstrip(_SPACE))]
    tail = text[len(text.rstrip(_SPACE)) :]
    return f"{lead}{mark}{markup.escape(body)}{mark}{tail}"


def _protect_start(line: str) -> str:
    """A line that starts like a list item or a quotation is kept as text."""
    return _LOOKS_LIKE_BLOCK.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", line, count=1)


def _quotation(blocks: list[QTextBlock]) -> str:
    texts = [b.text().replace(LINE_BREAK, "\n").strip() for b in blocks]
    texts = [t for t in texts if t]
    if not texts:
        return ""
    attribution = ""
    if texts[-1].startswith(ATTRIBUTION_DASH):
        attribution = texts.pop()[len(ATTRIBUTION_DASH) :].strip()
    lines: list[str] = []
    for text in texts:
        if lines:
            lines.append(">")
        lines += [f"> {markup.escape(line)}" for line in text.split("\n")]
    if attribution:
        lines.append(f"> {ATTRIBUTION_DASH} {markup.escape(attribution)}")
    return "\n".join(lines)
