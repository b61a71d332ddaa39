"""The pieces of WordprocessingML that python-docx does not write for us.

Fields (table of contents, figure numbers, page numbers, the document title
in the header), the setting that asks Word to update them on opening, the
document's language, and fast runs of text. Each function does one small
thing to the XML, so the writers above read as a description of a document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

# python-docx has no type information: its objects are Any here.
Document = Any
Element = Any

_RUN_PIECES = re.compile(r"(\t|\n)")

#: Children of w:settings that must come after w:updateFields (ECMA-376 order).
_AFTER_UPDATE_FIELDS = [
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
]

#: Children of w:rPr that must come after w:lang.
_AFTER_LANG = ("eastAsianLayout", "specVanish", "oMath")

#: Children of w:pPr that must come after w:tabs.
AFTER_TABS = (
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
)
#: Children of w:trPr that must come after w:cantSplit.
_AFTER_CANT_SPLIT = ("trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden", "ins", "del")


def text_run(text: str, style_id: str | None = None) -> Element:
    """Make a ``w:r`` holding ``text``, tabs as ``w:tab`` and line breaks as ``w:br``.

    Written by hand rather than through ``Run.text`` because that walks the
    text one character at a time, which shows on a megabyte of notes.
    """
    run = OxmlElement("w:r")
    if style_id:
        properties = OxmlElement("w:rPr")
        style = OxmlElement("w:rStyle")
        style.set(qn("w:val"), style_id)
        properties.append(style)
        run.append(properties)
    for piece in _RUN_PIECES.split(text):
        if piece == "\t":
            run.append(OxmlElement("w:tab"))
        elif piece == "\n":
            run.append(OxmlElement("w:br"))
        elif piece:
            node = OxmlElement("w:t")
            node.text = piece
            node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            run.append(node)
    return run


def field_runs(instruction: str, result: str = "", style_id: str | None = None) -> list[Element]:
    """The runs of a complex field: begin, instruction, separate, cached result, end.

    The cached result is what a reader shows before the field is updated.
    """
    runs = [_field_char("begin"), _instruction(instruction), _field_char("separate")]
    if result:
        runs.append(text_run(result, style_id))
    runs.append(_field_char("end"))
    return runs


def _field_char(kind: str) -> Element:
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    if kind == "begin":
        char.set(qn("w:dirty"), "true")  # ask Word to recompute it
    run.append(char)
    return run


def _instruction(text: str) -> Element:
    run = OxmlElement("w:r")
    node = OxmlElement("w:instrText")
    node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    node.text = f" {text} "
    run.append(node)
    return run


def take_field_result(paragraph: Element) -> Element:
    """Remove the cached result of the field in ``paragraph``; return its end run.

    The caller writes a new result before the end run (which it may move).
    """
    runs = list(paragraph.iter(qn("w:r")))
    kinds = [_char_kind(r) for r in runs]
    start, end = kinds.index("separate"), kinds.index("end")
    for run in runs[start + 1 : end]:
        paragraph.remove(run)
    ending = runs[end]
    paragraph.remove(ending)
    return ending


def _char_kind(run: Element) -> str | None:
    char = run.find(qn("w:fldChar"))
    return char.get(qn("w:fldCharType")) if char is not None else None


def page_break_run() -> Element:
    run = OxmlElement("w:r")
    brk = OxmlElement("w:br")
    brk.set(qn("w:type"), "page")
    run.append(brk)
    return run


def ask_to_update_fields(document: Document) -> None:
    """Set ``w:updateFields`` so Word recomputes the table of contents on opening."""
    settings = document.settings.element
    for old in settings.findall(qn("w:updateFields")):
        settings.remove(old)
    flag = OxmlElement("w:updateFields")
    flag.set(qn("w:val"), "true")
    insert_before(settings, flag, _AFTER_UPDATE_FIELDS)


def set_language(document: Document, tag: str) -> None:
    """Set the proofing language of the whole document (``fr-FR``, ``en-GB``)."""
    styles = document.styles.element
    defaults = _child(styles, "docDefaults", first=True)
    run_defaults = _child(defaults, "rPrDefault", first=True)
    properties = _child(run_defaults, "rPr")
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        insert_before(properties, language, _AFTER_LANG)
    language.set(qn("w:val"), tag)


def _child(parent: Element, name: str, first: bool = False) -> Element:
    found = parent.find(qn(f"w:{name}"))
    if found is None:
        found = OxmlElement(f"w:{name}")
        if first:
            parent.insert(0, found)
        else:
            parent.append(found)
    return found


def insert_before(parent: Element, child: Element, successors: Iterable[str]) -> None:
    """Insert ``child`` in ``parent`` before the first of ``successors`` (schema order)."""
    names = {qn(f"w:{s}") for s in successors}
    following = next((c for c in parent if c.tag in names), None)
    if following is None:
        parent.append(child)
    else:
        following.addprevious(child)


def fill_fields(document: Document, name: str, text: str) -> None:
    """Write ``text`` as the shown result of every ``name`` field in headers and footers.

    The header of the default template shows the document's TITLE; its
    cached result is set here so the name shows even before Word updates.
    """
    for section in document.sections:
        for part in _header_footer_elements(section):
            for simple in part.iter(qn("w:fldSimple")):
                if simple.get(qn("w:instr"), "").split()[:1] == [name]:
                    _set_texts(simple.iter(qn("w:t")), text)
            for instruction in part.iter(qn("w:instrText")):
                if (instruction.text or "").split()[:1] == [name]:
                    _set_texts(_complex_result(instruction), text)


def _header_footer_elements(section: Any) -> list[Element]:
    parts = []
    for kind in ("header", "first_page_header", "even_page_header"):
        parts.append(getattr(section, kind))
    for kind in ("footer", "first_page_footer", "even_page_footer"):
        parts.append(getattr(section, kind))
    return [p._element for p in parts if not p.is_linked_to_previous]


def _complex_result(instruction: Element) -> list[Element]:
    """The ``w:t`` of a complex field's result: between its separate and end marks."""
    texts = []
    inside = False
    run = instruction.getparent().getnext()
    while run is not None:
        kind = _char_kind(run)
        if kind == "end":
            break
        if inside:
            texts += run.findall(qn("w:t"))
        inside = inside or kind == "separate"
        run = run.getnext()
    return texts


def _set_texts(nodes: Iterable[Element], text: str) -> None:
    for index, node in enumerate(list(nodes)):
        node.text = text if index == 0 else ""


def set_table_look(table: Any, first_row: bool, first_column: bool) -> None:
    """Say which conditional formats of the table style apply (header row, first column)."""
    properties = table._tbl.tblPr
    look = properties.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        properties.append(look)
    flags = {
        "firstRow": first_row,
        "firstColumn": first_column,
        "lastRow": False,
        "lastColumn": False,
        "noHBand": True,
        "noVBand": True,
    }
    for key, on in flags.items():
        look.set(qn(f"w:{key}"), "1" if on else "0")
    # Readers that know only the older bit mask (LibreOffice among them) read w:val.
    bits = {"firstRow": 0x20, "lastRow": 0x40, "firstColumn": 0x80, "lastColumn": 0x100}
    bits |= {"noHBand": 0x200, "noVBand": 0x400}
    look.set(qn("w:val"), f"{sum(bits[k] for k, on in flags.items() if on):04X}")


def repeat_as_header(row: Any) -> None:
    """Repeat a table's first row at the top of every page it runs over."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    insert_before(properties, header, _AFTER_CANT_SPLIT[2:])


def keep_row_together(row: Any) -> None:
    """Never split a row across two pages (which leaves an empty-looking row behind)."""
    properties = row._tr.get_or_add_trPr()
    if properties.find(qn("w:cantSplit")) is None:
        insert_before(properties, OxmlElement("w:cantSplit"), _AFTER_CANT_SPLIT)


def bookmark(paragraph: Element, name: str, number: int) -> None:
    """Wrap the runs of ``paragraph`` in a bookmark (what a TOC entry's page number points to)."""
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


def hyperlink(anchor: str, runs: Iterable[Element]) -> Element:
    """A link to a bookmark of the document, holding ``runs``."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), anchor)
    link.set(qn("w:history"), "1")
    for run in runs:
        link.append(run)
    return link


def tab_run() -> Element:
    run = OxmlElement("w:r")
    run.append(OxmlElement("w:tab"))
    return run


def describe_picture(inline: Element, description: str, number: int) -> None:
    """Give a picture its alternative text, and a name that says nothing of its file."""
    for properties in inline.iter(qn("wp:docPr"), qn("pic:cNvPr")):
        properties.set("name", f"Figure {number}")
        properties.set("descr", description)


def new_paragraph() -> Element:
    return OxmlElement("w:p")
