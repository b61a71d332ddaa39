"""Everything a file says, as pieces of text with where each one is.

The leak check reads exported files the way someone curious would: not only
the text a reader shows, but every part of the package (.docx, .xlsx, .qdpx
are zips of XML), element texts and attribute values, document properties,
the file names inside the package, and what embedded pictures say about
themselves (EXIF, PNG text, JPEG comments). A CSV is read cell by cell, a
JSON file value by value. Names split across runs of a Word paragraph are
read whole, paragraph by paragraph.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from PIL import ExifTags

from fieldkit.errors import FieldkitError
from fieldkit.export.media import metadata

#: A part larger than this once unzipped is not read (a "zip bomb" is refused).
LARGEST_PART = 512 * 1024 * 1024
#: Elements whose text is read whole: a Word or DrawingML paragraph, an Excel string.
_PARAGRAPHS = frozenset({"p", "si", "is"})
#: Attributes that name fonts; parts that only describe fonts and colours.
_FONT_ATTRIBUTES = frozenset({"ascii", "hAnsi", "eastAsia", "cs", "typeface", "panose"})
_TYPOGRAPHY_PARTS = ("word/fontTable.xml", "word/theme/", "xl/theme/", "ppt/theme/")
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8", b"GIF8", b"BM", b"II*\x00", b"MM\x00*", b"RIFF")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
#: EXIF tags whose bytes are UTF-16 text (Windows' XPTitle, XPAuthor…).
_UTF16_TAGS = frozenset({40091, 40092, 40093, 40094, 40095})
_GPS_TAGS = ("exif:34853", "exif:8825:")


@dataclass(frozen=True)
class Piece:
    """A text found in a file, where it is, and whether it is a picture's GPS position."""

    where: str
    text: str
    gps: bool = False


def pieces(path: Path, name: str | None = None) -> Iterator[Piece]:
    """Every piece of text ``path`` holds; its name (``name`` if given) first."""
    name = name or path.name
    yield Piece("file name", name)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise FieldkitError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise FieldkitError(f"{path}: is a folder, not a file") from None
    except OSError as error:
        raise FieldkitError(f"{path}: cannot read the file ({error.strerror})") from None
    if data.startswith(b"PK"):
        yield from _package(path, data)
    else:
        yield from _content(name, data)


def _package(path: Path, data: bytes) -> Iterator[Piece]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        raise FieldkitError(f"{path}: a damaged zip package, cannot be checked") from None
    for entry in entries:
        yield Piece("file name inside the package", entry.filename)
        if entry.is_dir():
            continue
        if entry.file_size > LARGEST_PART:
            raise FieldkitError(f"{path}: {entry.filename} is too large to check")
        try:
            content = archive.read(entry)
        except (zipfile.BadZipFile, ValueError, NotImplementedError, OSError):
            raise FieldkitError(f"{path}: {entry.filename} cannot be read") from None
        yield from _content(entry.filename, content)


def _content(name: str, data: bytes) -> Iterator[Piece]:
    """The pieces of one file or package part, read by what it is."""
    lower = name.casefold()
    if data.startswith(_IMAGE_MAGIC):
        yield from _picture(name, data)
    elif lower.endswith(".json"):
        yield from _json(name, data)
    elif lower.endswith(".csv"):
        yield from _csv(name, data)
    elif data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        yield from _xml(name, data)
    else:
        yield from _lines(name, _decoded(data))


def _decoded(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    return data.decode("utf-8-sig", "replace")


def _lines(name: str, text: str) -> Iterator[Piece]:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield Piece(f"{name}, line {number}", line)


def _xml(name: str, data: bytes) -> Iterator[Piece]:
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError:
        yield from _lines(name, _decoded(data))
        return
    attributes = not name.startswith(_TYPOGRAPHY_PARTS)
    paragraphs = 0
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments, processing instructions
            continue
        local = etree.QName(element).localname
        if local in _PARAGRAPHS:
            paragraphs += 1
            yield _paragraph(name, element, local, paragraphs)
        elif element.text and element.text.strip() and not _in_paragraph(element):
            yield Piece(f"{name}, <{local}>", element.text)
        if attributes:
            for key, value in element.attrib.items():
                attribute = etree.QName(key).localname
                if attribute not in _FONT_ATTRIBUTES and value.strip():
                    yield Piece(f"{name}, <{local} {attribute}>", value)


def _paragraph(name: str, element: etree._Element, local: str, number: int) -> Piece:
    """A paragraph's text, and where it is in words: "paragraph 12", "cell B3", "shared string 4".

    Each place is written whole, so that the command line finds its French.
    """
    text = "".join(element.itertext())
    if local == "is":
        parent = element.getparent()
        return Piece(f"{name}, cell {parent.get('r') if parent is not None else number}", text)
    if local == "si":
        return Piece(f"{name}, shared string {number}", text)
    return Piece(f"{name}, paragraph {number}", text)


def _in_paragraph(element: etree._Element) -> bool:
    return any(
        isinstance(a.tag, str) and etree.QName(a).localname in _PARAGRAPHS
        for a in element.iterancestors()
    )


def _csv(name: str, data: bytes) -> Iterator[Piece]:
    text = _decoded(data)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row_number, row in enumerate(reader, start=1):
            for column, cell in enumerate(row, start=1):
                if cell.strip():
                    yield Piece(f"{name}, row {row_number}, column {column}", cell)
    except csv.Error:
        yield from _lines(name, text)


def _json(name: str, data: bytes) -> Iterator[Piece]:
    try:
        value = json.loads(_decoded(data))
    except json.JSONDecodeError:
        yield from _lines(name, _decoded(data))
        return
    yield from _json_values(name, "$", value)


def _json_values(name: str, where: str, value: object) -> Iterator[Piece]:
    if isinstance(value, str):
        yield Piece(f"{name}, {where}", value)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield Piece(f"{name}, {where} (key name)", str(key))
            yield from _json_values(name, f"{where}.{key}", item)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _json_values(name, f"{where}[{index}]", item)


def _picture(name: str, data: bytes) -> Iterator[Piece]:
    """What a picture says about itself: every metadata field, as text."""
    for key, value in metadata(data).items():
        gps = key.startswith(_GPS_TAGS)
        text = "" if gps else _as_text(key, value)
        yield Piece(f"{name}, metadata {_tag_name(key)}", text, gps=gps)


def _tag_name(key: str) -> str:
    number = key.rsplit(":", 1)[-1]
    if key.startswith("exif:") and number.isdigit():
        return f"EXIF {ExifTags.TAGS.get(int(number), number)}"
    return key


def _as_text(key: str, value: object) -> str:
    if isinstance(value, bytes):
        number = key.rsplit(":", 1)[-1]
        if number.isdigit() and int(number) in _UTF16_TAGS:
            return value.decode("utf-16-le", "replace")
        return value.decode("utf-8", "replace")
    return str(value)
