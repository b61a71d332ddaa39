"""Build resources/templates/monographie.docx, the default look of fieldkit's documents.

A maintainer script: run it after changing a style, look at a monograph made
with the result, and commit both. The template is made by code so that every
choice is written down and can be changed in one place:

- A4, 2.5 cm margins; a title page without header or footer;
- Cambria for the text, Calibri for titles (Caladea and Carlito, their
  metric twins, stand in for them where Microsoft's fonts are missing);
- one dark blue-grey ink for titles, greys for what is secondary;
- Heading 1-3 numbered 1, 1.1, 1.1.1; a table of contents with dot leaders;
- the document's title in the header (a TITLE field, filled at export time),
  the page number in the footer;
- spacing and language in the document defaults, so that table styles can
  tighten paragraphs inside tables.

Usage: ``.venv/bin/python tools/make_template.py [OUT.docx]``
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "templates" / "monographie.docx"

BODY_FONT = "Cambria"
TITLE_FONT = "Calibri"
INK = "1F3A5F"  # titles
SOFT_INK = "3A5573"  # third-level titles
GREY = "5B6770"  # captions, header, footer, attributions
TEXT = "262626"  # body text: near black, easier on the eye
RULE = "B8C4CF"  # lines under titles and around tables
SHADE = "E8EEF3"  # table header rows

#: Text width of A4 with 2.5 cm margins, in twentieths of a point: TOC tab stop.
TEXT_WIDTH_TWIPS = 9071


def fonts(name: str) -> str:
    return f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:cs="{name}" w:eastAsia="{name}"/>'


def run_properties(
    font: str | None = None,
    size: float | None = None,
    color: str | None = None,
    bold: bool = False,
    italic: bool = False,
) -> str:
    parts = []
    if font:
        parts.append(fonts(font))
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if italic:
        parts.append("<w:i/><w:iCs/>")
    if color:
        parts.append(f'<w:color w:val="{color}"/>')
    if size:
        half_points = round(size * 2)
        parts.append(f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>')
    return f"<w:rPr>{''.join(parts)}</w:rPr>"


def spacing(before: int = 0, after: int = 0, line: int | None = None) -> str:
    """Spacing in points (before, after) and line height in 240ths (240 = single)."""
    height = f' w:line="{line}" w:lineRule="auto"' if line else ""
    return f'<w:spacing w:before="{before * 20}" w:after="{after * 20}"{height}/>'


def border(side: str, size_eighths: int, color: str, space: int = 4) -> str:
    return f'<w:{side} w:val="single" w:sz="{size_eighths}" w:space="{space}" w:color="{color}"/>'


def paragraph_style(
    style_id: str,
    name: str,
    paragraph: str = "",
    run: str = "<w:rPr/>",
    based_on: str | None = "Normal",
    next_style: str | None = "Normal",
    extra: str = "",
    default: bool = False,
) -> str:
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    marker = ' w:default="1"' if default else ""
    following = f'<w:next w:val="{next_style}"/>' if next_style else ""
    return (
        f'<w:style {nsdecls("w")} w:type="paragraph"{marker} w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/>{based}{following}{extra}<w:qFormat/>'
        f"<w:pPr>{paragraph}</w:pPr>{run}</w:style>"
    )


def heading(level: int, size: float, color: str, before: int, after: int, rule: bool) -> str:
    line = f"<w:pBdr>{border('bottom', 4, RULE, 4)}</w:pBdr>" if rule else ""
    paragraph = (
        f"<w:keepNext/><w:keepLines/>"
        f'<w:numPr><w:ilvl w:val="{level - 1}"/><w:numId w:val="{HEADING_NUM_ID}"/></w:numPr>'
        f"{line}{spacing(before, after, 240)}<w:outlineLvl w:val='{level - 1}'/>"
    )
    return paragraph_style(
        f"Heading{level}",
        f"heading {level}",
        paragraph,
        run_properties(TITLE_FONT, size, color, bold=level > 1),
    )


HEADING_NUM_ID = 90
HEADING_ABSTRACT_ID = 90


def styles() -> list[str]:
    toc_tab = f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH_TWIPS}"/></w:tabs>'
    return [
        paragraph_style(
            "Normal", "Normal", "", "<w:rPr/>", based_on=None, next_style=None, default=True
        ),
        paragraph_style(
            "Title",
            "Title",
            spacing(150, 18, 240) + "<w:contextualSpacing/>",
            run_properties(TITLE_FONT, 30, INK),
            next_style="Subtitle",
        ),
        paragraph_style(
            "Subtitle",
            "Subtitle",
            f"<w:pBdr>{border('bottom', 6, RULE, 12)}</w:pBdr>" + spacing(0, 36, 260),
            run_properties(TITLE_FONT, 15, GREY),
        ),
        heading(1, 18, INK, 24, 10, rule=True),
        heading(2, 13, INK, 16, 6, rule=False),
        heading(3, 11.5, SOFT_INK, 12, 4, rule=False),
        paragraph_style(
            "Quote",
            "Quote",
            f"<w:pBdr>{border('left', 18, RULE, 10)}</w:pBdr>"
            + spacing(6, 10, 276)
            + '<w:ind w:left="567" w:right="567"/>',
            run_properties(None, None, "404040", italic=True),
        ),
        paragraph_style(
            "Caption",
            "caption",
            spacing(4, 14, 240),
            run_properties(TITLE_FONT, 9, GREY, italic=True),
        ),
        paragraph_style(
            "TOCHeading",
            "TOC Heading",
            spacing(0, 18, 240) + "<w:outlineLvl w:val='9'/>",
            run_properties(TITLE_FONT, 18, INK),
        ),
        paragraph_style(
            "TOC1",
            "toc 1",
            toc_tab + spacing(8, 2, 240),
            run_properties(TITLE_FONT, 11, INK, bold=True),
            extra="<w:uiPriority w:val='39'/><w:unhideWhenUsed/>",
        ),
        paragraph_style(
            "TOC2",
            "toc 2",
            toc_tab + spacing(0, 2, 240) + '<w:ind w:left="567"/>',
            run_properties(TITLE_FONT, 10, TEXT),
            extra="<w:uiPriority w:val='39'/><w:unhideWhenUsed/>",
        ),
        paragraph_style(
            "TOC3",
            "toc 3",
            toc_tab + spacing(0, 0, 240) + '<w:ind w:left="1134"/>',
            run_properties(TITLE_FONT, 9.5, GREY),
            extra="<w:uiPriority w:val='39'/><w:unhideWhenUsed/>",
        ),
        paragraph_style(
            "Header",
            "header",
            f"<w:pBdr>{border('bottom', 4, RULE, 4)}</w:pBdr>"
            + '<w:tabs><w:tab w:val="center" w:pos="4536"/>'
            + f'<w:tab w:val="right" w:pos="{TEXT_WIDTH_TWIPS}"/></w:tabs>'
            + spacing(0, 0, 240),
            run_properties(TITLE_FONT, 9, GREY),
        ),
        paragraph_style(
            "Footer",
            "footer",
            spacing(0, 0, 240) + '<w:jc w:val="center"/>',
            run_properties(TITLE_FONT, 9, GREY),
        ),
        paragraph_style(
            "ListBullet",
            "List Bullet",
            f'<w:numPr><w:numId w:val="{BULLET_NUM_ID}"/></w:numPr>'
            + spacing(0, 3, 276)
            + "<w:contextualSpacing/>",
        ),
        (
            f'<w:style {nsdecls("w")} w:type="character" w:styleId="SubtleEmphasis">'
            '<w:name w:val="Subtle Emphasis"/><w:basedOn w:val="DefaultParagraphFont"/>'
            f"<w:uiPriority w:val='19'/><w:qFormat/>"
            f"{run_properties(TITLE_FONT, 9.5, GREY)}</w:style>"
        ),
        (
            f'<w:style {nsdecls("w")} w:type="character" w:styleId="Strong">'
            '<w:name w:val="Strong"/><w:basedOn w:val="DefaultParagraphFont"/>'
            "<w:uiPriority w:val='22'/><w:qFormat/><w:rPr><w:b/><w:bCs/></w:rPr></w:style>"
        ),
        table_grid(),
    ]


def table_grid() -> str:
    """A light table: thin grey rules, a shaded header row, a bold first column."""
    sides = ("top", "left", "bottom", "right", "insideH", "insideV")
    edges = "".join(border(side, 4, RULE, 0) for side in sides)
    return (
        f'<w:style {nsdecls("w")} w:type="table" w:styleId="TableGrid">'
        '<w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>'
        f"<w:pPr>{spacing(2, 2, 240)}</w:pPr>"
        f"{run_properties(TITLE_FONT, 9.5, TEXT)}"
        f'<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblBorders>{edges}</w:tblBorders>'
        '<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="113" w:type="dxa"/>'
        '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="113" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr>"
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/>'
        f'<w:color w:val="{INK}"/></w:rPr><w:tblPr/><w:trPr><w:tblHeader/></w:trPr>'
        f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{SHADE}"/></w:tcPr>'
        "</w:tblStylePr>"
        '<w:tblStylePr w:type="firstCol"><w:rPr><w:b/><w:bCs/>'
        f'<w:color w:val="{INK}"/></w:rPr></w:tblStylePr>'
        "</w:style>"
    )


BULLET_NUM_ID = 91
BULLET_ABSTRACT_ID = 91


def numbering() -> list[str]:
    """The numbering of headings (1, 1.1, 1.1.1) and the bullet of List Bullet."""
    levels = []
    for level, indent in enumerate((567, 709, 851)):
        text = ".".join(f"%{i + 1}" for i in range(level + 1))
        levels.append(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            f'<w:pStyle w:val="Heading{level + 1}"/><w:suff w:val="tab"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{indent}"/></w:tabs>'
            f'<w:ind w:left="{indent}" w:hanging="{indent}"/></w:pPr></w:lvl>'
        )
    headings = (
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{HEADING_ABSTRACT_ID}">'
        '<w:multiLevelType w:val="multilevel"/>' + "".join(levels) + "</w:abstractNum>"
    )
    bullets = (
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{BULLET_ABSTRACT_ID}">'
        '<w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="bullet"/><w:pStyle w:val="ListBullet"/><w:lvlText w:val="•"/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" w:hanging="284"/></w:pPr>'
        f'<w:rPr><w:color w:val="{GREY}"/></w:rPr></w:lvl></w:abstractNum>'
    )
    return [headings, bullets]


def install_numbering(document: Any) -> None:
    root = document.part.numbering_part.element
    first_num = root.find(qn("w:num"))
    for xml in numbering():
        element = parse_xml(xml)
        if first_num is not None:
            first_num.addprevious(element)  # abstractNum elements come before num
        else:
            root.append(element)
    pairs = ((HEADING_NUM_ID, HEADING_ABSTRACT_ID), (BULLET_NUM_ID, BULLET_ABSTRACT_ID))
    for num_id, abstract_id in pairs:
        root.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'
            )
        )


def install_styles(document: Any) -> None:
    root = document.styles.element
    for xml in styles():
        element = parse_xml(xml)
        name = element.find(qn("w:name")).get(qn("w:val")).casefold()
        for old in root.findall(qn("w:style")):
            old_name = old.find(qn("w:name")).get(qn("w:val")).casefold()
            if old_name == name or old.get(qn("w:styleId")) == element.get(qn("w:styleId")):
                root.remove(old)
        root.append(element)
    install_defaults(root)


def install_defaults(root: Any) -> None:
    """Fonts, size, colour, spacing and language for everything, in docDefaults."""
    old = root.find(qn("w:docDefaults"))
    if old is not None:
        root.remove(old)
    defaults = parse_xml(
        f"<w:docDefaults {nsdecls('w')}><w:rPrDefault><w:rPr>{fonts(BODY_FONT)}"
        f'<w:color w:val="{TEXT}"/><w:sz w:val="22"/><w:szCs w:val="22"/>'
        '<w:lang w:val="fr-FR" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        f"<w:pPrDefault><w:pPr>{spacing(0, 8, 288)}</w:pPr></w:pPrDefault></w:docDefaults>"
    )
    root.insert(0, defaults)


def page_setup(document: Any) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.3)
    section.header_distance = section.footer_distance = Cm(1.2)
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.style = document.styles["header"]
    header._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" TITLE \\* MERGEFORMAT ">'
            "<w:r><w:t>Monographie</w:t></w:r></w:fldSimple>"
        )
    )
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["footer"]
    footer._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE \\* MERGEFORMAT ">'
            "<w:r><w:t>1</w:t></w:r></w:fldSimple>"
        )
    )
    # The title page has its own, empty, header and footer.
    for part in (section.first_page_header, section.first_page_footer):
        part.paragraphs[0].style = document.styles["Normal"]


def drop_thumbnail(document: Any) -> None:
    """python-docx's starting file carries a preview picture that is not ours."""
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rel_id)


def describe(document: Any) -> None:
    properties = document.core_properties
    properties.title = "Monographie"
    properties.author = "fieldkit"
    properties.last_modified_by = "fieldkit"
    properties.comments = "Modèle par défaut des monographies et synthèses de fieldkit."
    properties.revision = 1


def build(out: Path) -> None:
    document = docx.Document()
    for paragraph in list(document.paragraphs):
        paragraph._p.getparent().remove(paragraph._p)
    install_numbering(document)
    install_styles(document)
    page_setup(document)
    drop_thumbnail(document)
    describe(document)
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out))


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    build(target)
    print(f"wrote {target}")
