"""How a document sits on paper: what stays together, what never splits, a complete contents."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from fieldkit.export import write_monograph, write_synthesis
from fieldkit.export.layout import word_width
from fieldkit.survey import Survey
from tests.export.helpers import Garage, part, populate


@pytest.fixture
def garage(survey: Survey, tmp_path: Path) -> Garage:
    return populate(survey, tmp_path)


@pytest.fixture
def monograph(survey: Survey, garage: Garage, tmp_path: Path) -> Callable[..., Path]:
    def export(**options: object) -> Path:
        return write_monograph(
            survey, garage.initiative, tmp_path / "m.docx", include_drafts=True, **options
        )

    return export


def _paragraphs(path: Path) -> list[docx.text.paragraph.Paragraph]:
    return list(docx.Document(str(path)).paragraphs)


def test_headings_and_attribution_lines_stay_with_what_follows(
    monograph: Callable[..., Path],
) -> None:
    paragraphs = _paragraphs(monograph())
    headings = [p for p in paragraphs if p.style.name.startswith("Heading")]
    # Secondary lines (a visit's date, who said what) introduce what follows them.
    notes = [p for p in paragraphs if any(r.style.name == "Subtle Emphasis" for r in p.runs)]
    assert headings
    for paragraph in headings + notes:
        assert paragraph.paragraph_format.keep_with_next, paragraph.text
    quotes = [p for p in paragraphs if p.style.name == "Quote"]
    assert all(p.paragraph_format.keep_together for p in quotes)


def test_table_rows_never_split_and_headers_repeat(monograph: Callable[..., Path]) -> None:
    document = docx.Document(str(monograph()))
    rows = [row for table in document.tables for row in table.rows]
    assert rows
    for row in rows:
        assert row._tr.trPr.find(qn("w:cantSplit")) is not None
    people = next(t for t in document.tables if t.rows[0].cells[0].text == "Nom")
    assert people.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_no_column_is_narrower_than_the_longest_word_of_its_header(
    monograph: Callable[..., Path],
) -> None:
    document = docx.Document(str(monograph()))
    tables = [t for t in document.tables if len(t.columns) > 1]
    assert tables
    for table in tables:
        header = [cell.text for cell in table.rows[0].cells]
        for column, text in zip(table.columns, header, strict=True):
            assert column.width + 635 >= word_width(text, 11), text  # widths are kept in twips


def test_the_contents_are_complete_before_any_update(monograph: Callable[..., Path]) -> None:
    path = monograph()
    body = part(path, "word/document.xml")
    assert 'w:fldCharType="begin" w:dirty="true"' in body  # Word still recomputes it
    assert re.search(r'<w:updateFields w:val="(true|1)"/>', part(path, "word/settings.xml"))
    document = docx.Document(str(path))
    entries = [p for p in document.paragraphs if p.style.name.casefold() == "toc 1"]
    headings = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    assert len(entries) == len(headings) > 5
    for number, (entry, heading) in enumerate(zip(entries, headings, strict=True), start=1):
        title, page = entry.text.rsplit("\t", 1)
        assert title == f"{number} {heading.text}"  # numbered as the template numbers them
        assert page.isdigit() and int(page) >= 2
        link = entry._p.find(qn("w:hyperlink"))
        anchor = link.get(qn("w:anchor"))
        assert f"PAGEREF {anchor}" in "".join(t.text for t in link.iter(qn("w:instrText")))
        marks = [b.get(qn("w:name")) for b in heading._p.iter(qn("w:bookmarkStart"))]
        assert anchor in marks
    pages = [int(e.text.rsplit("\t", 1)[1]) for e in entries]
    assert pages == sorted(pages)


def test_a_template_that_does_not_number_headings_gets_plain_entries(
    monograph: Callable[..., Path], tmp_path: Path
) -> None:
    from fieldkit.export.template import default_template

    document = docx.Document(str(default_template()))
    for numbering in document.styles["Heading 1"].element.iter(qn("w:numPr")):
        numbering.getparent().remove(numbering)
    template = tmp_path / "sans numéros.docx"
    document.save(str(template))
    entries = [p.text for p in _paragraphs(monograph(template=template)) if p.style.name == "toc 1"]
    assert entries[0].startswith("Fiche d’identité\t")


def test_the_synthesis_contents_are_filled_too(
    survey: Survey, garage: Garage, tmp_path: Path
) -> None:
    path = write_synthesis(survey, tmp_path / "s.docx", include_drafts=True)
    styles = {p.style.name.casefold() for p in _paragraphs(path)}
    assert "toc 1" in styles
