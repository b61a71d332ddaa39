"""Finding a person's name in any text, however it is written, and e-mails and phones.

A name hides in many spellings: "M. FERRÉ", "damien", "Ferré Damien",
"D. Ferré", "Damien F.", "D. F.", "damien.ferre", "Jean Marc" for
"Jean-Marc". So text is *folded* before it is searched (lower case, accents
dropped, every dash a hyphen, every apostrophe a straight one, soft hyphens
and zero-width characters removed, "œ" and "oe" alike) and every form of a
name is searched at once, keeping the positions in the original text so a
match can be replaced there.

The same :class:`Finder` serves the pseudonyms (which replace what it finds)
and the leak check (which reports it), so an export and its check can never
disagree on what a name looks like.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")

#: Characters that do not show and may sit inside a word (soft hyphen, zero widths).
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212")
_APOSTROPHES = frozenset("\u2018\u2019\u02bc\u00b4`")

#: Words of a name that are not written alone: "de" in "Jean de La Fontaine".
PARTICLES = frozenset(
    "de du des la le les d l van von der den ter ten da di do dos das del della y e el al "  # noqa: SIM905
    "ben bin ibn abou ou mc mac st ste saint sainte".split()
)
#: Name parts shorter than this are not searched on their own ("Li", "Jo"):
#: too many ordinary words would go with them.
SHORTEST_PART = 3

#: Between two words of a name: spaces, hyphens, dots, underscores (file
#: names, e-mail addresses) or nothing ("jeanmarc").
_SEPARATOR = r"[\s\-_.']{0,3}"
_LETTER = r"[^\W\d_]"
#: A name is not part of a longer word, nor glued to digits (identifiers, hashes).
_NOT_LETTER_BEFORE = r"(?<![^\W_].)"
_NOT_LETTER_AFTER = r"(?![^\W_])"
_TITLE_BEFORE = re.compile(
    r"(?<!\w)(?:m|mme|mlle|mr|mrs|ms|dr|pr|monsieur|madame|mademoiselle)\.?\s+$"
)
_INITIALS_BEFORE = re.compile(rf"(?<!\w)(?:{_LETTER}\.[\s\-]*)+$")
_INITIAL_AFTER = re.compile(rf"\s+{_LETTER}\.")


class _FoldTable(dict[int, str | None]):
    """``str.translate`` table folding one character at a time, filled as characters come."""

    def __missing__(self, code: int) -> str | None:
        folded = _fold_char(chr(code))
        self[code] = folded
        return folded


def _fold_char(char: str) -> str | None:
    """One character folded to one character, or ``None`` for what does not show."""
    if char in _INVISIBLE or unicodedata.combining(char):
        return None
    if char in _DASHES:
        return "-"
    if char in _APOSTROPHES:
        return "'"
    if char.isspace():
        return " "
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    lowered = (base or char).lower()
    return lowered[:1] or char


_TABLE = _FoldTable({code: chr(code).lower() for code in range(128)})
for _code in (9, 10, 11, 12, 13):
    _TABLE[_code] = " "


@dataclass(frozen=True)
class Folded:
    """A text folded for searching, and where each folded character came from."""

    text: str
    #: Position in the original text of each folded character; ``None`` when
    #: nothing was dropped and positions are the same.
    origin: list[int] | None
    length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original text's span for the folded span ``start:end``.

        What was dropped right after the span (an accent typed as a separate
        character) belongs to it.
        """
        if self.origin is None:
            return start, end
        last = self.origin[end] if end < len(self.origin) else self.length
        return self.origin[start], last


def fold(text: str) -> Folded:
    """Fold ``text`` (see the module's docstring); one character stays one character."""
    folded = text.translate(_TABLE)
    if len(folded) == len(text):
        return Folded(folded, None, len(text))
    origin = [i for i, char in enumerate(text) if _TABLE[ord(char)] is not None]
    return Folded(folded, origin, len(text))


def fold_name(text: str) -> str:
    """A name folded, with its spaces made single: the key a person is known by."""
    return " ".join(fold(text).text.split())


# -- the forms of a name ------------------------------------------------------------


def name_parts(name: str) -> list[str]:
    """The parts of a name that could be written alone (folded): words and halves of compounds."""
    parts = [piece for piece in _pieces(fold_name(name)) if _standalone(piece)]
    return list(dict.fromkeys(parts))


def _pieces(folded: str) -> list[str]:
    return [piece for piece in re.split(r"[\s\-'.]+", folded) if piece]


def _standalone(piece: str) -> bool:
    return len(piece) >= SHORTEST_PART and piece not in PARTICLES and not piece.isdigit()


def _literal(piece: str) -> str:
    """A folded piece as a pattern: "œ" and "oe", "æ" and "ae" are the same letters."""
    pattern = re.escape(piece)
    for joined, apart in (("œ", "oe"), ("æ", "ae")):
        pattern = pattern.replace(joined, apart).replace(apart, f"(?:{apart}|{joined})")
    return pattern


#: A form of a name: its first piece as it is (folded), then a pattern for the rest.
Shape = tuple[str, str]


def _shape(pieces: list[str]) -> Shape:
    """Pieces of a name written one after the other, whatever separates them."""
    return pieces[0], "".join(_SEPARATOR + _literal(p) for p in pieces[1:])


def name_forms(name: str) -> list[Shape]:
    """The forms of a full name: in order, reversed, as initials, and its compound words.

    "Jean-Marc Piquet" is found as "jean-marc piquet", "Piquet Jean-Marc",
    "J.-M. P." and "Jean Marc" (or "JeanMarc") alone.
    """
    pieces = _pieces(fold_name(name))
    if not pieces:
        return []
    forms = [_shape(pieces)]
    words = fold_name(name).split()
    forms += [_shape(_pieces(w)) for w in words if len(_pieces(w)) > 1]
    if len(words) > 1:
        forms.append(_shape([p for w in [*words[1:], words[0]] for p in _pieces(w)]))
        letters = [p[0] for p in pieces if p not in PARTICLES and p[0].isalpha()]
        if len(letters) > 1:
            rest = "".join(rf"[\s\-]*{re.escape(letter)}\." for letter in letters[1:])
            forms.append((letters[0], r"\." + rest))
    return list(dict.fromkeys(forms))


def part_forms(name: str) -> list[Shape]:
    """The parts of a name that are searched alone ("Damien", "Ferré")."""
    return [(part, "") for part in name_parts(name)]


def person_forms(name: str, target: T) -> list[Form[T]]:
    """Every form of a person's name, in full and in parts, each standing for ``target``."""
    return [Form(shape, target) for shape in [*name_forms(name), *part_forms(name)]]


def parts_within(names: Iterable[str]) -> re.Pattern[str] | None:
    """What finds a part of any of ``names`` inside a word ("perraud" in "jperraud@…")."""
    parts = [part for name in names for part in name_parts(name)]
    return re.compile("|".join(map(re.escape, parts))) if parts else None


def phrase_form(text: str) -> Shape | None:
    """A fixed phrase (a role, an organisation), whatever its case and spacing."""
    pieces = _pieces(fold_name(text))
    if not pieces or sum(len(p) for p in pieces) < SHORTEST_PART:
        return None
    return _shape(pieces)


# -- searching many forms at once --------------------------------------------------------


@dataclass(frozen=True)
class Found(Generic[T]):
    """One occurrence: where it is in the original text, what it says, and whose it is."""

    start: int
    end: int
    text: str
    form: Form[T]

    @property
    def target(self) -> T:
        return self.form.target


@dataclass(frozen=True)
class Form(Generic[T]):
    """A form of a name (or phrase) to search, and what a match of it stands for."""

    shape: Shape
    target: T
    #: Whether a title ("M.", "Mme") or initials just before belong to the match.
    person: bool = True


class Finder(Generic[T]):
    """Every form of every name, searched in one pass of one regular expression.

    The expression is shaped as a tree of the forms' first pieces, letter by
    letter, so that at each place of the text the engine follows one path
    instead of trying every form: searching stays fast with hundreds of
    people and megabytes of notes. Longer forms are tried first, so "Julie
    Martin" wins over "Julie" at the same place. Each form ends with an empty
    named group, whose name says which form matched.
    """

    def __init__(self, forms: Iterable[Form[T]]) -> None:
        self._forms: list[Form[T]] = []
        tree = _Node()
        for form in sorted(forms, key=lambda f: -len(f.shape[1])):
            first, rest = form.shape
            if not first:
                continue
            node = tree
            for letter in first:
                node = node.children.setdefault(letter, _Node())
            node.endings.append(f"{rest}(?P<f{len(self._forms)}>){_NOT_LETTER_AFTER}")
            self._forms.append(form)
        branches = [
            f"{re.escape(letter)}{_NOT_LETTER_BEFORE}{child.pattern()}"
            for letter, child in tree.children.items()
        ]
        self._pattern = re.compile("|".join(branches)) if branches else None

    def __bool__(self) -> bool:
        return self._pattern is not None

    def find(self, text: str) -> Iterator[Found[T]]:
        """Every occurrence in ``text``, left to right, none overlapping."""
        if self._pattern is None or not text:
            return
        folded = fold(text)
        for match in self._pattern.finditer(folded.text):
            form = self._forms[int(str(match.lastgroup)[1:])]
            start, end = match.start(), match.end()
            if form.person:
                start = _with_title(folded.text, start)
                after = _INITIAL_AFTER.match(folded.text, end)
                end = after.end() if after else end
            first, last = folded.span(start, end)
            yield Found(first, last, text[first:last], form)


@dataclass
class _Node:
    """A letter of the tree of first pieces: what may follow it, and the forms ending there."""

    children: dict[str, _Node] = field(default_factory=dict)
    endings: list[str] = field(default_factory=list)

    def pattern(self) -> str:
        """Longer continuations first, then the forms that end here."""
        options = [f"{re.escape(k)}{child.pattern()}" for k, child in self.children.items()]
        options += self.endings
        return options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"


def _with_title(folded: str, start: int) -> int:
    """Move ``start`` back over a title or initials just before a name ("M. ", "J.-M. ")."""
    before = folded[max(0, start - 16) : start]
    for pattern in (_INITIALS_BEFORE, _TITLE_BEFORE):
        found = pattern.search(before)
        if found:
            start -= len(before) - found.start()
            before = folded[max(0, start - 16) : start]
    return start


# -- e-mail addresses and phone numbers --------------------------------------------------

_EMAIL_LOCAL = re.compile(r"[\w.%+\-']{1,64}$")
_EMAIL_DOMAIN = re.compile(r"[\w\-]+(?:\.[\w\-]+)*\.[^\W\d_]{2,}")
_PHONE = re.compile(
    # +33 6 12 34 56 78, +33 (0)6…, +44 20 7946 0958: a "+" and 7 to 14 digits
    r"\+(?<![\w+]\+)\s?[1-9]\d{0,2}[\s.\-]?(?:\(0\)[\s.\-]?)?\d(?:[\s.\-]?\d){5,12}(?!\d)"
    # 0033 6…, 06 12 34 56 78, 06.12.34.56.78, 0612345678
    r"|0(?<![\w+]0)(?:0[1-9]\d{0,2}[\s.\-]?\d(?:[\s.\-]?\d){5,12}|[1-9](?:[\s.\-]?\d{2}){4})(?!\d)"
)


def emails(text: str) -> Iterator[tuple[int, int]]:
    """The spans of the e-mail addresses in ``text``."""
    position = text.find("@")
    while position != -1:
        local = _EMAIL_LOCAL.search(text, max(0, position - 64), position)
        domain = _EMAIL_DOMAIN.match(text, position + 1)
        end = position + 1
        if local and domain:
            start = local.start()
            while start < position and text[start] in ".'-":
                start += 1
            if start < position:
                end = domain.end()
                yield start, end
        position = text.find("@", end)


def phones(text: str) -> Iterator[tuple[int, int]]:
    """The spans of the phone numbers in ``text`` (French and international forms)."""
    for match in _PHONE.finditer(text):
        yield match.start(), match.end()


def phone_key(number: str) -> str:
    """A phone number reduced to what identifies it: "+33 (0)6 12…" and "06 12…" agree."""
    digits = re.sub(r"\D", "", number.replace("(0)", ""))
    if number.lstrip().startswith("00"):
        digits = digits[2:]
    elif not number.lstrip().startswith("+"):
        return digits
    if digits.startswith("33") and len(digits) == 11:
        return "0" + digits[2:]
    return "+" + digits


def email_key(address: str) -> str:
    return fold(address).text.strip()
