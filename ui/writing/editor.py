"""The author's text editor: paragraphs, bold, italic, bulleted lists, quotations, figures.

A :class:`QTextEdit` kept to what a monograph's narrative holds
(:mod:`ui.writing.document` converts it to and from the core's markup):
pasted text comes in plain, a line never runs wider than is comfortable to
read, Entrée after a quotation's attribution or on a figure starts an
ordinary paragraph, and a figure shows its photo, which the view provides.
``edited`` is emitted when the person changes the text, never when the
program fills it.
"""

from __future__ import annotations

import re

from ui.qt import (
    QFont,
    QFrame,
    QImage,
    QKeyEvent,
    QResizeEvent,
    Qt,
    QTextCursor,
    QTextDocument,
    QTextEdit,
    QTextListFormat,
    QUrl,
    QWidget,
    Signal,
)
from ui.style import reading_width, scaled_font
from ui.writing import document as doc

# How much larger than the window's font the narrative is set.
TEXT_SCALE = 1.12
# What may follow inserted words without a space: punctuation that closes or ends.
CLOSING = ".,;:!?)]»…"
NBSP = "\u00a0"
# French typography keeps these on the line of the word before them, as Word's
# French does when they are typed after a space; and the word after « on its line.
AFTER_NO_BREAK = frozenset("»:;!?")
# The size of a figure's photo in the text, in average characters of the font.
FIGURE_WIDTH_CHARS, FIGURE_HEIGHT_CHARS = 60, 32


class NarrativeEditor(QTextEdit):
    """One section's narrative, as the author writes it."""

    # The person changed the text (typing, formatting, an insertion).
    edited = Signal()
    # A figure needs its photo (attachment id): the view loads it and calls show_picture.
    picture_wanted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filling = False
        self._asked: set[str] = set()
        self.setAcceptRichText(False)  # pasted text comes in plain: no fonts, colours, tables
        self.setTabChangesFocus(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFont(scaled_font(self, TEXT_SCALE))
        self.document().setDefaultFont(self.font())
        self.document().setDocumentMargin(self.fontMetrics().averageCharWidth() * 2)
        self.document().contentsChange.connect(self._changed)
        self.setPlaceholderText(self.tr("Écrivez ici : le texte s’enregistre à mesure."))

    # -- text in and out ---------------------------------------------------------------

    def set_text(self, text: str) -> None:
        """Show a narrative (the program's doing: no ``edited``), caret at the start."""
        self._filling = True
        try:
            doc.fill(self.document(), text)
        finally:
            self._filling = False
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def text(self) -> str:
        """The narrative in the core's markup, as it is saved."""
        return doc.markup_of(self.document())

    def word_count(self) -> int:
        words = self.document().toPlainText().split()
        return sum(1 for word in words if any(ch.isalnum() for ch in word))

    def _changed(self, _position: int, removed: int, added: int) -> None:
        if not self._filling and (removed or added):
            self.edited.emit()

    # -- figures' photos -----------------------------------------------------------------

    def figure_box(self) -> tuple[int, int]:
        """The largest a figure's photo is shown, in pixels."""
        em = self.fontMetrics().averageCharWidth()
        return em * FIGURE_WIDTH_CHARS, em * FIGURE_HEIGHT_CHARS

    def loadResource(self, kind: int, name: QUrl) -> object:
        """A figure's photo before it is loaded: a pale frame, and a request to the view."""
        url = name.toString()
        if kind == QTextDocument.ResourceType.ImageResource.value and url.startswith(
            doc.attachment_url("")
        ):
            attachment = url[len(doc.attachment_url("")) :]
            if attachment not in self._asked:
                self._asked.add(attachment)
                self.picture_wanted.emit(attachment)
            width, height = self.figure_box()
            frame = QImage(width // 2, height // 2, QImage.Format.Format_ARGB32)
            frame.fill(self.palette().mid().color().lighter(130))
            return frame
        return super().loadResource(kind, name)

    def show_picture(self, attachment_id: str, image: QImage) -> None:
        """Put a figure's photo in the text, once loaded (this is no edit of the text)."""
        self.document().addResource(
            QTextDocument.ResourceType.ImageResource.value,
            QUrl(doc.attachment_url(attachment_id)),
            image,
        )
        self._filling = True
        try:
            self.document().markContentsDirty(0, self.document().characterCount())
        finally:
            self._filling = False

    # -- insertions at the caret ---------------------------------------------------------

    def insert_quotation(self, paragraphs: tuple[str, ...], attribution: str) -> None:
        """A quotation with its attribution, as a block of its own at the caret."""
        cursor = self._fresh_block()
        number = doc.next_quote_number(self.document())
        doc.write_quotation(cursor, paragraphs, attribution, number)
        self._paragraph_after(cursor)

    def insert_figure(self, attachment_id: str, caption: str) -> None:
        """A photo with its caption, as a block of its own at the caret."""
        cursor = self._fresh_block()
        doc.write_figure(cursor, attachment_id, caption)
        self._paragraph_after(cursor)

    def insert_words(self, text: str) -> None:
        """An answer's words, to write from: plain text at the caret."""
        cursor = self.textCursor()
        if doc.quote_number(cursor.block()) is not None or doc.figure_of(cursor.block()):
            cursor = self._fresh_block()  # never inside a quotation's words or a caption
        else:
            cursor.beginEditBlock()
        # Spaces are tidied, but no-break ones (« ainsi » : in French) are kept.
        paragraphs = [
            " ".join(re.split(r"[ \t\r\n]+", p.strip(" \t\r\n"))) for p in text.split("\n\n")
        ]
        paragraphs = [p for p in paragraphs if p]
        text_in_block, at = cursor.block().text(), cursor.positionInBlock()
        before, after = text_in_block[:at], text_in_block[at:]
        if paragraphs and before and not before[-1].isspace():
            paragraphs[0] = " " + paragraphs[0]  # words run on after the caret's sentence
        if paragraphs and after and not (after[0].isspace() or after[0] in CLOSING):
            paragraphs[-1] += " "  # and the caret's next word stays a word of its own
        for number, paragraph in enumerate(paragraphs):
            if number:
                cursor.insertBlock(doc.paragraph_format(), doc.text_format())
            cursor.insertText(paragraph, doc.text_format())
        cursor.endEditBlock()
        self.setTextCursor(cursor)

    def _fresh_block(self) -> QTextCursor:
        """An empty ordinary block at the caret, in an open edit block.

        An empty paragraph is used as it is; a caret in the middle of a
        paragraph cuts it in two around the insertion; a quotation or a
        figure is left whole, the insertion going after it.
        """
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor.clearSelection()
        block = cursor.block()
        whole = doc.figure_of(block) is not None or doc.quote_number(block) is not None
        if whole:
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        if whole or block.text().strip():
            at_start, at_end = cursor.atBlockStart(), cursor.atBlockEnd()
            tail = doc.paragraph_format() if at_end else block.blockFormat()
            cursor.insertBlock(tail, cursor.charFormat())
            if not at_end:
                if not at_start:
                    cursor.insertBlock(tail, cursor.charFormat())
                cursor.movePosition(QTextCursor.MoveOperation.PreviousBlock)
        items = cursor.currentList()
        if items is not None:
            items.remove(cursor.block())
        cursor.setBlockFormat(doc.paragraph_format())
        cursor.setCharFormat(doc.text_format())
        return cursor

    def _paragraph_after(self, cursor: QTextCursor) -> None:
        """The caret goes to an ordinary paragraph after the insertion, made if needed."""
        following = cursor.block().next()
        if (
            following.isValid()
            and not doc.figure_of(following)
            and (doc.quote_number(following) is None and following.textList() is None)
        ):
            cursor.movePosition(QTextCursor.MoveOperation.NextBlock)
            cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        else:
            cursor.insertBlock(doc.paragraph_format(), doc.text_format())
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    # -- bold, italic, lists ---------------------------------------------------------------

    def in_quotation(self) -> bool:
        """Whether the caret is in a quotation, whose words keep no bold nor italic."""
        return doc.quote_number(self.textCursor().block()) is not None

    def set_bold(self, bold: bool) -> None:
        char = doc.text_format()
        char.clearProperty(char.Property.FontItalic)
        char.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        self.mergeCurrentCharFormat(char)

    def set_italic(self, italic: bool) -> None:
        char = doc.text_format()
        char.clearProperty(char.Property.FontWeight)
        char.setFontItalic(italic)
        self.mergeCurrentCharFormat(char)

    def set_bulleted(self, bulleted: bool) -> None:
        """Make the chosen paragraphs a bulleted list, or ordinary paragraphs again."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        items = cursor.currentList()
        if bulleted and items is None:
            cursor.createList(QTextListFormat.Style.ListDisc)
        elif not bulleted and items is not None:
            first = self.document().findBlock(cursor.selectionStart())
            last = self.document().findBlock(cursor.selectionEnd())
            block = first
            while block.isValid():
                if block.textList() is not None:
                    block.textList().remove(block)
                    unlisted = QTextCursor(block)
                    unlisted.setBlockFormat(doc.paragraph_format())
                if block == last:
                    break
                block = block.next()
        cursor.endEditBlock()

    # -- keys, paste, width ---------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain_enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        )
        if plain_enter and self._leaves_block():
            cursor = self.textCursor()
            cursor.beginEditBlock()
            block = cursor.block()
            if doc.quote_number(block) is not None and not block.text().strip():
                cursor.setBlockFormat(doc.paragraph_format())  # out of the quotation
            else:
                cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
                cursor.insertBlock(doc.paragraph_format(), doc.text_format())
            cursor.setCharFormat(doc.text_format())
            cursor.endEditBlock()
            self.setTextCursor(cursor)
            return
        if self._typed_with_french_spacing(event.text()):
            return
        super().keyPressEvent(event)

    def _typed_with_french_spacing(self, typed: str) -> bool:
        """A space after «, or » : ; ! ? after a space: typed with a no-break space, so
        that no line of the text starts with » or ends with «."""
        cursor = self.textCursor()
        if len(typed) != 1 or cursor.hasSelection() or cursor.atBlockStart():
            return False
        before = cursor.block().text()[cursor.positionInBlock() - 1]
        if typed == " " and before == "«":
            cursor.insertText(NBSP)
        elif typed in AFTER_NO_BREAK and before == " ":
            cursor.deletePreviousChar()
            cursor.insertText(NBSP + typed)
        else:
            return False
        self.setTextCursor(cursor)
        return True

    def _leaves_block(self) -> bool:
        """Entrée on a figure, after an attribution or in an empty quoted line: a new paragraph."""
        cursor = self.textCursor()
        block = cursor.block()
        if doc.figure_of(block):
            return True
        if doc.quote_number(block) is None:
            return False
        text = block.text().strip()
        attribution = text.startswith(doc.ATTRIBUTION_DASH) and cursor.atBlockEnd()
        return attribution or not text

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Lines no longer than is comfortable to read, the text centred in wide windows."""
        spare = self.width() - reading_width(self) * 0.85
        side = max(0, int(spare // 2))
        self.setViewportMargins(side, 0, side, 0)
        super().resizeEvent(event)
