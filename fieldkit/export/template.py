"""Opening the Word template a document is written into.

A document takes its whole look (fonts, colours, margins, header, footer)
from its template, and its structure from Word's built-in style names. A
user's template is accepted as .docx or .dotx; a style it lacks is copied in
from fieldkit's default template, so any template works. Its body is
emptied: only its styles and page set-up are used.
"""

from __future__ import annotations

import copy
import io
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from fieldkit.errors import FieldkitError
from fieldkit.files import MEGABYTE, read_regular_file
from fieldkit.resources import resource_path

DEFAULT_TEMPLATE = ("templates", "monographie.docx")
#: A template's largest size, packed and unpacked: room for a logo or a cover
#: picture, far from what would exhaust a laptop's memory.
MAX_TEMPLATE_BYTES = 100 * MEGABYTE

_CONTENT_TYPES = "[Content_Types].xml"
_DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_MACRO_TYPES = (b"macroEnabled", b"ms-word.document", b"ms-word.template")

#: The styles the writers use, by the name Word stores them under.
PARAGRAPH_STYLES = (
    "Normal",
    "Title",
    "Subtitle",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "Quote",
    "Caption",
    "List Bullet",
    "TOC Heading",
    "toc 1",
    "toc 2",
    "toc 3",
)
CHARACTER_STYLES = ("Subtle Emphasis", "Strong")
TABLE_STYLES = ("Table Grid",)


def default_template() -> Path:
    return resource_path(*DEFAULT_TEMPLATE)


def open_template(path: Path | None = None) -> Any:
    """Open a template as a new, empty document with every needed style."""
    source = Path(path) if path is not None else default_template()
    document = _load(source)
    _empty_body(document)
    if path is not None:
        add_missing_styles(document)
    return document


def _load(path: Path) -> Any:
    try:
        data = read_regular_file(path, "a template", MAX_TEMPLATE_BYTES)
    except FileNotFoundError:
        raise FieldkitError(f"{path}: no such template") from None
    except IsADirectoryError:
        raise FieldkitError(f"{path}: is a folder, not a Word template") from None
    except OSError as error:
        raise FieldkitError(f"{path}: cannot read the template ({error.strerror})") from None
    not_word = f"{path}: not a Word document or template (.docx or .dotx)"
    try:
        data = _as_document(data, path)
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError):
        raise FieldkitError(not_word) from None


def _as_document(data: bytes, path: Path) -> bytes:
    """Turn a .dotx into a .docx in memory: only the main part's content type differs.

    python-docx refuses the template content type; Word itself makes a
    document from a template the same way.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        _check_unpacked_size(package, path)
        types = package.read(_CONTENT_TYPES)
        if any(marker in types for marker in _MACRO_TYPES):
            raise FieldkitError(
                f"{path}: a Word file with macros cannot be used as a template; "
                "save it as .docx or .dotx"
            )
        if _DOCUMENT_TYPE in types:
            return data
        if _TEMPLATE_TYPE not in types:
            raise ValueError("no Word document part")
        output = io.BytesIO()
        with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as patched:
            for item in package.infolist():
                content = package.read(item.filename)
                if item.filename == _CONTENT_TYPES:
                    content = content.replace(_TEMPLATE_TYPE, _DOCUMENT_TYPE)
                patched.writestr(item, content)
        return output.getvalue()


def _check_unpacked_size(package: zipfile.ZipFile, path: Path) -> None:
    """Refuse a template whose parts, unpacked, would be larger than any template's.

    A zip file says how large each part is once unpacked, and Python's zip
    reader never unpacks more than that: a 2 MB file can hold a 2 GB part,
    which is refused here before a byte of it is unpacked.
    """
    unpacked = sum(item.file_size for item in package.infolist())
    if unpacked > MAX_TEMPLATE_BYTES:
        raise FieldkitError(
            f"{path}: too large for a template once unpacked ({unpacked // MEGABYTE} MB; "
            f"the limit is {MAX_TEMPLATE_BYTES // MEGABYTE} MB)"
        )


def _empty_body(document: Any) -> None:
    """Drop the template's sample content, keeping its page set-up (the last w:sectPr)."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


@cache
def _default_styles() -> Any:
    """The default template's styles, read once; they are copied, never changed."""
    return _load(default_template()).styles.element


def add_missing_styles(document: Any) -> list[str]:
    """Copy into ``document`` the styles it lacks from the default template; return their names."""
    reference = _default_styles()
    styles = document.styles.element
    present = {_name(s) for s in styles.iter(qn("w:style"))}
    ids = {s.get(qn("w:styleId")) for s in styles.iter(qn("w:style"))}
    added = []
    for name in (*PARAGRAPH_STYLES, *CHARACTER_STYLES, *TABLE_STYLES):
        if name.casefold() in present:
            continue
        source = next(
            (s for s in reference.iter(qn("w:style")) if _name(s) == name.casefold()), None
        )
        if source is None:
            continue
        style = copy.deepcopy(source)
        _fit(style, ids)
        styles.append(style)
        ids.add(style.get(qn("w:styleId")))
        added.append(name)
    return added


def _style_named(styles: Any, name: str) -> Any:
    return next((s for s in styles.iter(qn("w:style")) if _name(s) == name.casefold()), None)


def _name(style: Any) -> str:
    node = style.find(qn("w:name"))
    return (node.get(qn("w:val")) if node is not None else "").casefold()


def _fit(style: Any, ids: set[str | None]) -> None:
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
