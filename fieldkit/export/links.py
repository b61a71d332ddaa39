"""Cross-references inside a document: a bookmark on a heading, a link to it.

The reading along the axes refers to the sections that hold its evidence
instead of copying them; in Word and LibreOffice such a reference is a
hyperlink to a bookmark, so a click takes the reader there, and it still
reads as plain words on paper.
"""

from __future__ import annotations

import re
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from fieldkit.export import docx_helpers as xml

# python-docx has no type information: its objects are Any here.
Element = Any

#: Word wants bookmark names of at most 40 characters, starting with a letter.
_NAME_LENGTH = 40
_NOT_NAME = re.compile(r"[^A-Za-z0-9_]")


def bookmark_name(key: str) -> str:
    """A bookmark name Word accepts, made from a section's id."""
    return ("s_" + _NOT_NAME.sub("_", key))[:_NAME_LENGTH]


def add_bookmark(paragraph: Element, name: str, number: int) -> None:
    """Wrap the paragraph's content in a bookmark called ``name``."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    properties = paragraph.find(qn("w:pPr"))
    if properties is None:
        paragraph.insert(0, start)
    else:
        properties.addnext(start)
    paragraph.append(end)


def internal_link(text: str, anchor: str, style_id: str | None = None) -> Element:
    """A hyperlink run to the bookmark ``anchor``, showing ``text``."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), anchor)
    link.set(qn("w:history"), "1")
    link.append(xml.text_run(text, style_id))
    return link
