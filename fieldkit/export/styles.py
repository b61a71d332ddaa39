"""Finding a template's styles the way Word does, and lending it the ones it lacks.

The writers ask for Word's built-in styles by name (Heading 1, Quote, toc 1…).
Word finds a style whatever the case of its stored name ("heading 1" as Word
stores it, "Heading 1" as LibreOffice does), by its aliases, and by its id.
LibreOffice also keeps names of its own for some of them ("Contents 1" for
toc 1, "Quotations" for Quote, "Strong Emphasis" for Strong). All of these
are accepted here, so a template saved by either works.

A style the template lacks is copied from fieldkit's default template, but
without its fonts and colours: it then takes the template's own, as a style
Word adds does. A copied table-of-contents style gets its page-number tab at
the template's right margin.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from fieldkit.export.docx_helpers import AFTER_TABS, insert_before

# python-docx has no type information: its objects are Any here.
Element = Any


@dataclass(frozen=True)
class Wanted:
    """A style the writers use: its name as Word stores it, its kind, its other names."""

    name: str
    kind: str = "paragraph"
    #: Names other programs (LibreOffice) give the same style.
    aliases: tuple[str, ...] = ()
    #: Style ids Word and LibreOffice give it.
    ids: tuple[str, ...] = ()


WANTED = (
    Wanted("Normal"),
    Wanted("Title"),
    Wanted("Subtitle"),
    *(Wanted(f"heading {n}", ids=(f"Heading{n}",)) for n in (1, 2, 3)),
    Wanted("Quote", aliases=("Quotations",), ids=("Quotations",)),
    Wanted("caption", ids=("Caption",)),
    Wanted("List Bullet", ids=("ListBullet",)),
    Wanted("TOC Heading", aliases=("Contents Heading",), ids=("TOCHeading", "ContentsHeading")),
    *(
        Wanted(f"toc {n}", aliases=(f"Contents {n}",), ids=(f"TOC{n}", f"Contents{n}"))
        for n in (1, 2, 3)
    ),
    Wanted("Subtle Emphasis", "character", ids=("SubtleEmphasis",)),
    Wanted("Strong", "character", aliases=("Strong Emphasis",), ids=("StrongEmphasis",)),
    Wanted("Table Grid", "table", ids=("TableGrid",)),
)
_BY_NAME = {w.name.casefold(): w for w in WANTED}


def wanted(name: str) -> Wanted:
    """The style the writers call ``name`` ("Heading 1" and "heading 1" alike)."""
    return _BY_NAME[name.casefold()]


def find_style(styles: Element, want: Wanted) -> Element | None:
    """The style of ``styles`` (a ``w:styles`` element) Word would use for ``want``."""
    candidates = [s for s in styles.iter(qn("w:style")) if s.get(qn("w:type")) == want.kind]
    names = {want.name.casefold(), *(a.casefold() for a in want.aliases)}
    ids = {want.name.replace(" ", "").casefold(), *(i.casefold() for i in want.ids)}
    exact = [s for s in candidates if _name(s) == want.name]
    by_name = [s for s in candidates if _name(s).casefold() in names or _aliases(s) & names]
    by_id = [s for s in candidates if (s.get(qn("w:styleId")) or "").casefold() in ids]
    return next(iter(exact + by_name + by_id), None)


def style_ids(document: Any) -> dict[str, str]:
    """The id of each wanted style present in ``document``, by wanted name (case-folded)."""
    styles = document.styles.element
    found = {}
    for want in WANTED:
        style = find_style(styles, want)
        if style is not None:
            found[want.name.casefold()] = str(style.get(qn("w:styleId")))
    return found


def _name(style: Element) -> str:
    node = style.find(qn("w:name"))
    return str(node.get(qn("w:val"))) if node is not None else ""


def _aliases(style: Element) -> set[str]:
    node = style.find(qn("w:aliases"))
    text = node.get(qn("w:val")) if node is not None else ""
    return {a.strip().casefold() for a in (text or "").split(",") if a.strip()}


# -- lending the missing ones --------------------------------------------------------------


def lend_styles(document: Any, reference: Element, text_width: int) -> list[str]:
    """Copy into ``document`` the wanted styles it lacks; return their names.

    ``reference`` is the ``w:styles`` of the default template; ``text_width``
    (in twentieths of a point) places the page-number tab of a copied
    table-of-contents style at the right margin.
    """
    styles = document.styles.element
    ids = {s.get(qn("w:styleId")) for s in styles.iter(qn("w:style"))}
    added = []
    for want in WANTED:
        if find_style(styles, want) is not None:
            continue
        source = find_style(reference, want)
        if source is None:
            continue
        style = copy.deepcopy(source)
        _fit(style, ids)
        _take_template_look(style)
        if want.name.startswith("toc "):
            _right_tab(style, text_width)
        styles.append(style)
        ids.add(style.get(qn("w:styleId")))
        added.append(want.name)
    return added


def _fit(style: Element, ids: set[str | None]) -> None:
    """Make a copied style stand on its own in another document.

    Its links to styles the document lacks are cut, its heading numbering
    (which points into the default template's numbering part) is dropped,
    and its id is made unique.
    """
    for link in ("basedOn", "next", "link"):
        node = style.find(qn(f"w:{link}"))
        if node is not None and node.get(qn("w:val")) not in ids:
            style.remove(node)
    for numbering in style.iter(qn("w:numPr")):
        numbering.getparent().remove(numbering)
    base = style.get(qn("w:styleId"))
    candidate, counter = base, 1
    while candidate in ids:
        counter += 1
        candidate = f"{base}{counter}"
    style.set(qn("w:styleId"), candidate)


def _take_template_look(style: Element) -> None:
    """Drop a copied style's fonts and colours: the template's own then apply."""
    for properties in style.iter(qn("w:rPr")):
        for tag in ("w:rFonts", "w:color"):
            for node in properties.findall(qn(tag)):
                properties.remove(node)


def _right_tab(style: Element, text_width: int) -> None:
    """Put a TOC style's dotted page-number tab at the right margin."""
    properties = style.find(qn("w:pPr"))
    if properties is None:
        return
    for old in properties.findall(qn("w:tabs")):
        properties.remove(old)
    tabs = OxmlElement("w:tabs")
    tab = OxmlElement("w:tab")
    tab.set(qn("w:val"), "right")
    tab.set(qn("w:leader"), "dot")
    tab.set(qn("w:pos"), str(text_width))
    tabs.append(tab)
    insert_before(properties, tabs, AFTER_TABS)
