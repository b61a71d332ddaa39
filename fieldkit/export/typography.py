"""Text as it should appear in a document: clean, split, spaced and dated.

Whatever a person typed or pasted reaches the exports through here, so that no
character can break a .docx or .xlsx (XML forbids most control characters) and
the text follows the typography of the document's language: curly quotes and
apostrophes, an ellipsis for three dots, and in French « » and the spaces of
the *Lexique des règles typographiques en usage à l'Imprimerie nationale*: a
narrow no-break space (U+202F) before ``; ! ? %`` and a full-width no-break
space (U+00A0) before ``:`` and ``€`` and inside « ». An English document
gets none of these spaces, even where the text was typed the French way.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"

_SPACES = f" \t{NBSP}{NARROW_NBSP}\u2009"
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
# A space (or none) between a word and ; ! ? : that ends a phrase. Requiring
# whitespace or the end after the mark leaves URLs (?id=), times (14:30) and
# emoticons (;-)) alone.
_BEFORE_MARK = re.compile(rf"(?<=[\w\)\]»…%‰€”’])[{_SPACES}]*([;!?:]+)(?=\s|$)")
_AFTER_OPENING = re.compile(rf"«[{_SPACES}]*")
_BEFORE_CLOSING = re.compile(rf"[{_SPACES}]*»")
_BEFORE_UNIT = re.compile(rf"(?<=\d)[{_SPACES}]?(k€|M€|[%‰€])(?!\w)")
_FRENCH_SPACE_BEFORE_MARK = re.compile(rf"(?<=\S)[{_SPACES}]+([;!?:]+)(?=\s|$)")
_SPACE_BEFORE_PERCENT = re.compile(rf"(?<=\d)[{NBSP}{NARROW_NBSP}]([%‰])")
_THREE_DOTS = re.compile(r"(?<!\.)\.\.\.(?!\.)")
_INNER_APOSTROPHE = re.compile(r"(?<=\w)'")
_OPENING_SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s(\[{—–-]))'(?=\w)")
_OPENING_DOUBLE = re.compile(r"(?:(?<=^)|(?<=[\s(\[{—–\-/]))\"")

MONTHS = {
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def clean(text: str) -> str:
    """Drop what XML cannot hold (control characters, lone surrogates); keep the rest.

    Line breaks of any convention become ``\\n``; tabs are kept.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        ch
        for ch in text
        if ch in "\n\t"
        or (unicodedata.category(ch) not in {"Cc", "Cs"} and ch not in "\ufffe\uffff")
    )


def paragraphs(text: str) -> list[str]:
    """Split a long text into paragraphs on blank lines (single breaks stay inside)."""
    parts = _BLANK_LINE.split(clean(text).strip("\n"))
    return [part.rstrip() for part in parts if part.strip()]


def french(text: str) -> str:
    """Put French no-break spaces before ``; ! ? : % €`` and inside « »."""
    text = _BEFORE_MARK.sub(_space_before, text)
    text = _BEFORE_UNIT.sub(_space_before_unit, text)
    text = _AFTER_OPENING.sub("«" + NBSP, text)
    return _BEFORE_CLOSING.sub(NBSP + "»", text)


def _space_before(match: re.Match[str]) -> str:
    marks = match.group(1)
    return (NBSP if marks[0] == ":" else NARROW_NBSP) + marks


def _space_before_unit(match: re.Match[str]) -> str:
    unit = match.group(1)
    return (NARROW_NBSP if unit in "%‰" else NBSP) + unit


def english(text: str) -> str:
    """Take out the spaces French puts before ``; ! ? : %`` (typed, or from a French habit)."""
    text = _FRENCH_SPACE_BEFORE_MARK.sub(r"\1", text)
    return _SPACE_BEFORE_PERCENT.sub(r"\1", text)


def curly(text: str, language: str) -> str:
    """Straight quotes and apostrophes made typographic, three dots made an ellipsis.

    A double quote opens after a space or a bracket and closes elsewhere; in
    French it becomes « or ». A single quote inside or after a word is an
    apostrophe; in English one opening a word is an opening quote.
    """
    text = _THREE_DOTS.sub("…", text)
    if "'" in text:
        text = _INNER_APOSTROPHE.sub("’", text)
        text = _OPENING_SINGLE.sub("‘" if language == "en" else "’", text).replace("'", "’")
    if '"' in text:
        opening, closing = ("«", "»") if language == "fr" else ("“", "”")
        text = _OPENING_DOUBLE.sub(opening, text).replace('"', closing)
    return text


def typeset(text: str, language: str) -> str:
    """Clean a text and apply the typography of ``language``."""
    text = curly(clean(text), language)
    return french(text) if language == "fr" else english(text)


def long_date(iso: str, language: str) -> str:
    """Write a date out in words ("1er mars 2026", "1 March 2026"), whatever the locale.

    A value that is not an ISO date is returned as it is: a document never
    fails on a damaged date.
    """
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    month = MONTHS.get(language, MONTHS["en"])[day.month - 1]
    number = "1er" if language == "fr" and day.day == 1 else str(day.day)
    return f"{number} {month} {day.year}"


def number(value: float, language: str) -> str:
    """Write a number the way the language does (4,5 in French; 12 500 with a no-break space).

    Thousands are grouped from five digits only, so years stay as they are.
    """
    if float(value).is_integer():
        digits = str(int(value))
        fraction = ""
    else:
        digits, _, fraction = f"{value:.6f}".rstrip("0").partition(".")
    sign = "-" if digits.startswith("-") else ""
    digits = digits.lstrip("-")
    if len(digits) > 4:
        separator = NARROW_NBSP if language == "fr" else ","
        digits = f"{int(digits):,}".replace(",", separator)
    point = "," if language == "fr" else "."
    return sign + digits + (point + fraction if fraction else "")
