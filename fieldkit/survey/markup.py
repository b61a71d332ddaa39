"""The text of a narrative: a small, plain subset of Markdown.

Narratives are stored as text (:mod:`fieldkit.survey.narratives`), so they
must read well where text is shown raw — a conflict, a search hit, a
terminal — and round-trip through Qt's text editor, whose
``QTextDocument.toMarkdown()`` / ``setMarkdown()`` speak this very dialect:

- paragraphs separated by a blank line; lines of one paragraph are joined
  (a line ending in two spaces or a backslash keeps its break);
- ``**bold**``, ``*italic*`` (or ``__bold__``, ``_italic_``), ``***both***``;
- bulleted lists: lines starting with ``- ``, ``* `` or ``+ ``;
- a quotation: lines starting with ``> ``; a last line starting with an
  em dash (``> — Mathilde Soulé, 21 mai 2026``) is its attribution;
- a figure: a paragraph that is only ``![caption](attachment:ID)``, ID
  naming one of the survey's attachments;
- a backslash before punctuation keeps it as it is (``\\*``).

:func:`parse` turns such a text into blocks; :func:`quote_markup` and
:func:`figure_markup` write the quotation and the figure a writing view
inserts in one gesture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: The scheme of a figure's target: ``attachment:`` and the attachment's id.
ATTACHMENT_SCHEME = "attachment:"

_BULLET = re.compile(r"^\s{0,3}[-*+]\s+(.*)$")
_QUOTE = re.compile(r"^\s{0,3}>\s?(.*)$")
_FIGURE = re.compile(r"^!\[((?:[^\]\\]|\\.)*)\]\(" + ATTACHMENT_SCHEME + r"([\w-]+)\)$")
_ATTRIBUTION = re.compile(r"^(?:—|--|―)\s*(.+)$")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~—―])")
#: A line that would read as a quotation's attribution if it ended one.
_LOOKS_ATTRIBUTED = re.compile(r"^(\s*)(—|--|―)")
_ESCAPABLE = re.compile(r"([\\*_\[\]`#>!])")
#: Inline emphasis, strongest first (the first wins where two start together);
#: an underscore only counts between words, so snake_case stays as it is.
_EMPHASIS = (
    (re.compile(r"\*\*\*(?=\S)(.+?)(?<=\S)\*\*\*"), True, True),
    (re.compile(r"(?<!\w)___(?=\S)(.+?)(?<=\S)___(?!\w)"), True, True),
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), True, False),
    (re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)"), True, False),
    (re.compile(r"\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?!\*)"), False, True),
    (re.compile(r"(?<!\w)_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)"), False, True),
)
#: Escaped characters are hidden from the emphasis patterns in this private range.
_PRIVATE = 0xF0000


@dataclass(frozen=True)
class Run:
    """A piece of text with one look."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class Bullet:
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class Quotation:
    """Verbatim words, one text per paragraph, and who said them (may be empty)."""

    paragraphs: tuple[str, ...]
    attribution: str


@dataclass(frozen=True)
class Figure:
    attachment: str
    caption: str


Block = Paragraph | Bullet | Quotation | Figure


def parse(text: str) -> list[Block]:
    """Read a narrative into blocks, in order; any text parses."""
    blocks: list[Block] = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            index += 1
        elif _QUOTE.match(line):
            index = _quotation(lines, index, blocks)
        elif _BULLET.match(line):
            index = _bullet(lines, index, blocks)
        else:
            index = _paragraph(lines, index, blocks)
    return blocks


def _quotation(lines: list[str], index: int, blocks: list[Block]) -> int:
    body: list[str] = []
    while index < len(lines) and (found := _QUOTE.match(lines[index])):
        body.append(found.group(1))
        index += 1
    attribution = ""
    while body and not body[-1].strip():
        body.pop()
    if body and (author := _ATTRIBUTION.match(body[-1].strip())):
        attribution = unescape(author.group(1).strip())
        body.pop()
    paragraphs = tuple(plain(p) for p in _split_paragraphs(body))
    blocks.append(Quotation(paragraphs, attribution))
    return index


def _bullet(lines: list[str], index: int, blocks: list[Block]) -> int:
    found = _BULLET.match(lines[index])
    item = [found.group(1) if found else lines[index]]
    index += 1
    while index < len(lines) and lines[index].strip() and _continues(lines[index]):
        item.append(lines[index].strip())
        index += 1
    blocks.append(Bullet(inline(_join(item))))
    return index


def _continues(line: str) -> bool:
    """A line carries on the bullet above it: indented, and no new block of its own."""
    return line.startswith((" ", "\t")) and not _BULLET.match(line) and not _QUOTE.match(line)


def _paragraph(lines: list[str], index: int, blocks: list[Block]) -> int:
    body: list[str] = []
    while index < len(lines) and lines[index].strip():
        if body and (_BULLET.match(lines[index]) or _QUOTE.match(lines[index])):
            break
        body.append(lines[index])
        index += 1
    figure = _FIGURE.match(body[0].strip()) if len(body) == 1 else None
    if figure:
        blocks.append(Figure(figure.group(2), unescape(figure.group(1))))
    else:
        blocks.append(Paragraph(inline(_join(body))))
    return index


def _split_paragraphs(lines: list[str]) -> list[str]:
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [_join(p) for p in paragraphs if p]


def _join(lines: list[str]) -> str:
    """The lines of one paragraph as one text: breaks become spaces unless marked hard."""
    text = ""
    for index, line in enumerate(lines):
        last = index == len(lines) - 1
        hard = not last and (
            line.endswith("  ") or (line.endswith("\\") and not line.endswith("\\\\"))
        )
        piece = line.strip()
        if hard and piece.endswith("\\"):
            piece = piece[:-1].rstrip()
        text += piece + ("" if last else "\n" if hard else " ")
    return text


def inline(text: str) -> tuple[Run, ...]:
    """Cut a paragraph's text into runs of plain, bold and italic text."""
    hidden = _ESCAPE.sub(lambda m: chr(_PRIVATE + ord(m.group(1))), text)
    runs = _emphasis(hidden, False, False)
    merged: list[Run] = []
    for run in runs:
        shown = _reveal(run.text)
        if merged and (merged[-1].bold, merged[-1].italic) == (run.bold, run.italic):
            merged[-1] = Run(merged[-1].text + shown, run.bold, run.italic)
        elif shown:
            merged.append(Run(shown, run.bold, run.italic))
    return tuple(merged)


def _emphasis(text: str, bold: bool, italic: bool) -> list[Run]:
    best: tuple[int, re.Match[str], bool, bool] | None = None
    for pattern, makes_bold, makes_italic in _EMPHASIS:
        found = pattern.search(text)
        if found and (best is None or found.start() < best[0]):
            best = (found.start(), found, makes_bold, makes_italic)
    if best is None:
        return [Run(text, bold, italic)] if text else []
    _, found, makes_bold, makes_italic = best
    inner = found.group(1)
    return [
        *([Run(text[: found.start()], bold, italic)] if found.start() else []),
        *_emphasis(inner, bold or makes_bold, italic or makes_italic),
        *_emphasis(text[found.end() :], bold, italic),
    ]


def _reveal(text: str) -> str:
    return "".join(
        chr(ord(ch) - _PRIVATE) if _PRIVATE <= ord(ch) <= _PRIVATE + ord("―") else ch for ch in text
    )


def unescape(text: str) -> str:
    return _ESCAPE.sub(r"\1", text)


def plain(text: str) -> str:
    """A line of markup as plain text: emphasis marks and escapes dropped."""
    return "".join(run.text for run in inline(text))


def escape(text: str) -> str:
    """Protect typed text from being read as markup (``*``, ``_``, ``>``…)."""
    return _LOOKS_ATTRIBUTED.sub(r"\1\\\2", _ESCAPABLE.sub(r"\\\1", text), count=1)


def quote_markup(text: str, attribution: str = "") -> str:
    """The markup of a verbatim quotation, as a writing view inserts it."""
    lines = [f"> {escape(part)}" if part else ">" for part in text.strip().split("\n")]
    if attribution:
        lines.append(f"> — {escape(attribution)}")
    return "\n".join(lines)


def figure_markup(attachment_id: str, caption: str = "") -> str:
    """The markup that places an attachment (a photo) as a figure with its caption."""
    return f"![{escape(' '.join(caption.split()))}]({ATTACHMENT_SCHEME}{attachment_id})"
