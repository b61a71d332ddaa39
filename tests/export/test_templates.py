"""Templates saved by Word or LibreOffice: styles found as Word finds them, nothing carried over."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm

from fieldkit.export import write_monograph
from fieldkit.export.template import default_template
from fieldkit.survey import Survey
from tests.export.helpers import Garage, part, populate

#: Style names and ids as LibreOffice writes them (see its DOCX export): built-in
#: names capitalised, its own names for the contents, quotations and strong emphasis.
LIBREOFFICE_STYLES = {
    ("Heading1", "heading 1"): ("Heading1", "Heading 1"),
    ("Heading2", "heading 2"): ("Heading2", "Heading 2"),
    ("Heading3", "heading 3"): ("Heading3", "Heading 3"),
    ("TOC1", "toc 1"): ("Contents1", "Contents 1"),
    ("TOC2", "toc 2"): ("Contents2", "TOC 2"),
    ("TOCHeading", "TOC Heading"): ("ContentsHeading", "Contents Heading"),
    ("Quote", "Quote"): ("Quotations", "Quotations"),
    ("Caption", "caption"): ("Caption", "Caption"),
    ("Strong", "Strong"): ("StrongEmphasis", "Strong Emphasis"),
}
CARRIED = {
    "docProps/thumbnail.jpeg": b"\xff\xd8\xff\xe0 a thumbnail of someone's template",
    "docProps/custom.xml": (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="'
        b'http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="'
        b'http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="'
        b'{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Client"><vt:lpwstr>Mairie'
        b"</vt:lpwstr></property></Properties>"
    ),
}
PACKAGE_RELS = (
    b'<Relationship Id="rId90" Type="http://schemas.openxmlformats.org/package/2006/'
    b'relationships/metadata/thumbnail" Target="docProps/thumbnail.jpeg"/>'
    b'<Relationship Id="rId91" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/custom-properties" Target="docProps/custom.xml"/>'
)
LIBREOFFICE_APP = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="'
    b'http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Template>'
    b"Normal.dotm</Template><Application>LibreOffice/7.4.7.2$Linux_X86_64</Application>"
    b"<Pages>1</Pages><Company>Mairie de Vernay</Company></Properties>"
)


def _as_libreoffice(styles: bytes) -> bytes:
    """The default template's styles renamed (and re-identified) the way LibreOffice does."""
    text = styles.decode("utf-8")
    for (old_id, old_name), (new_id, new_name) in LIBREOFFICE_STYLES.items():
        pattern = rf'w:styleId="{old_id}">(\s*)<w:name w:val="{old_name}"/>'
        text, count = re.subn(
            pattern, rf'w:styleId="{new_id}">\1<w:name w:val="{new_name}"/>', text
        )
        assert count == 1, old_name
        text = text.replace(f'w:val="{old_id}"/>', f'w:val="{new_id}"/>')  # links, basedOn
    return text.encode("utf-8")


def _libreoffice_template(folder: Path, suffix: str = ".docx") -> Path:
    """The default template as LibreOffice saves it, with a thumbnail and its own properties."""
    target = folder / f"modèle LibreOffice{suffix}"
    with zipfile.ZipFile(default_template()) as source, zipfile.ZipFile(target, "w") as copy:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/styles.xml":
                data = _as_libreoffice(data)
            elif item.filename == "_rels/.rels":
                data = data.replace(b"</Relationships>", PACKAGE_RELS + b"</Relationships>")
            elif item.filename == "docProps/app.xml":
                data = LIBREOFFICE_APP
            elif item.filename == "docProps/core.xml":
                data = data.replace(
                    b"<dc:creator>fieldkit</dc:creator>", b"<dc:creator>D. F.</dc:creator>"
                )
            elif item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Default Extension="jpeg" ContentType="image/jpeg"/><Override PartName="'
                    b'/docProps/custom.xml" ContentType="application/vnd.openxmlformats-'
                    b'officedocument.custom-properties+xml"/></Types>',
                )
                if suffix == ".dotx":
                    data = data.replace(b"document.main+xml", b"template.main+xml")
            copy.writestr(item, data)
        for name, data in CARRIED.items():
            copy.writestr(name, data)
    return target


@pytest.fixture
def garage(survey: Survey, tmp_path: Path) -> Garage:
    return populate(survey, tmp_path)


@pytest.fixture
def monograph(survey: Survey, garage: Garage, tmp_path: Path) -> Callable[..., Path]:
    def export(name: str = "m.docx", **options: object) -> Path:
        return write_monograph(
            survey, garage.initiative, tmp_path / name, include_drafts=True, **options
        )

    return export


def _style_ids(path: Path, prefix: str) -> set[str]:
    body = part(path, "word/document.xml")
    return set(re.findall(rf'<w:pStyle w:val="({prefix}[^"]*)"/>', body))


@pytest.mark.parametrize("suffix", [".docx", ".dotx"])
def test_a_template_saved_by_libreoffice_exports_cleanly(
    monograph: Callable[..., Path], tmp_path: Path, suffix: str
) -> None:
    template = _libreoffice_template(tmp_path, suffix)
    names = [s.name for s in docx.Document(str(_libreoffice_template(tmp_path))).styles]
    assert "Heading 1" in names and "heading 1" not in names  # as LibreOffice writes it
    path = monograph(template=template)
    assert _style_ids(path, "Heading") == {"Heading1", "Heading2"}
    assert _style_ids(path, "Contents") <= {"ContentsHeading", "Contents1", "Contents2"}
    assert "Contents1" in _style_ids(path, "Contents")  # the contents, in the template's style
    assert _style_ids(path, "Quot") == {"Quotations"}
    assert _style_ids(path, "Capt") == {"Caption"}
    styles = part(path, "word/styles.xml")
    assert styles.count('w:styleId="Heading1"') == 1  # its own style used, none added


def test_nothing_of_the_template_is_carried_into_the_document(
    monograph: Callable[..., Path], tmp_path: Path
) -> None:
    path = monograph(template=_libreoffice_template(tmp_path))
    names = zipfile.ZipFile(path).namelist()
    assert not [n for n in names if "thumbnail" in n or "custom" in n.casefold()]
    app = part(path, "docProps/app.xml")
    assert "<Application>fieldkit</Application>" in app
    for stale in ("LibreOffice", "Pages", "Company", "Mairie", "Template", "Microsoft"):
        assert stale not in app, stale
    core = docx.Document(str(path)).core_properties
    assert core.title == "Garage solidaire du Val"
    assert core.author == "Camille Roussel, Yanis Benali"
    assert core.last_modified_by == "fieldkit"
    assert (core.comments, core.keywords, core.category) == ("", "", "")
    assert "D. F." not in part(path, "docProps/core.xml")


def test_the_default_template_says_nothing_of_itself_either(
    monograph: Callable[..., Path],
) -> None:
    path = monograph()
    assert "Macintosh" not in part(path, "docProps/app.xml")
    assert not [n for n in zipfile.ZipFile(path).namelist() if n.startswith("customXml/")]


def test_a_lent_contents_style_takes_the_template_s_fonts(
    monograph: Callable[..., Path], tmp_path: Path
) -> None:
    document = docx.Document(str(default_template()))
    for name in ("toc 1", "toc 2", "toc 3", "TOC Heading"):
        document.styles.element.remove(document.styles[name].element)
    document.styles["Normal"].font.name = "Garamond"
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(3)
    template = tmp_path / "sans sommaire.docx"
    document.save(str(template))
    path = monograph(template=template)
    result = docx.Document(str(path))
    toc = next(s for s in result.styles if s.name.casefold() == "toc 1").element
    assert toc.find(f".//{qn('w:rFonts')}") is None and toc.find(f".//{qn('w:color')}") is None
    width = (result.sections[-1].page_width - Cm(6)) // 635  # in twips
    [tab] = toc.iter(qn("w:tab"))
    assert tab.get(qn("w:val")) == "right" and abs(int(tab.get(qn("w:pos"))) - width) <= 1
