"""Opening the Word template a document is written into.

A document takes its whole look (fonts, colours, margins, header, footer)
from its template, and its structure from Word's built-in style names. A
user's template is accepted as .docx or .dotx, saved by Word or LibreOffice;
a style it lacks is lent by fieldkit's default template
(:mod:`fieldkit.export.styles`), so any template works. Its body is emptied
and what described the template (thumbnail, properties, comments) is dropped
(:mod:`fieldkit.export.properties`): only its styles and page set-up are used.
"""

from __future__ import annotations

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
from fieldkit.export.layout import EMU_PER_TWIP, text_box
from fieldkit.export.properties import drop_carried_parts
from fieldkit.export.styles import lend_styles
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


def default_template() -> Path:
    return resource_path(*DEFAULT_TEMPLATE)


def open_template(path: Path | None = None) -> Any:
    """Open a template as a new, empty document with every needed style."""
    source = Path(path) if path is not None else default_template()
    document = _load(source)
    _empty_body(document)
    drop_carried_parts(document)
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
    width, _ = text_box(document)
    return lend_styles(document, _default_styles(), width // EMU_PER_TWIP)
