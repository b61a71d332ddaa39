"""Every message a person reads, in French or in English.

The core writes its messages in English, as f-strings, where they arise. A
catalogue (``resources/translations/messages_fr.yaml``) gives the French form
of each, keyed by its *template*: the English text with ``{}`` wherever the
f-string puts a value (literal braces doubled, as ``str.format`` reads them).
A message is translated when it is shown, by finding the template it was made
from; the values it carries (a file name, SQLite's own words) are kept, and
translated in turn when they are messages themselves.

Translating at the edge keeps the core's messages plain strings that tests
and logs can read, and one catalogue serves the command line and the window.
``tools/messages.py`` lists the templates of the code, so that
``tests/test_messages.py`` fails while one has no French form.

The catalogue also holds the help of the command line's commands and
options (``tools/messages.py`` reads their docstrings and ``help=``). Click's
own sentences, which are not written in fieldkit's code, are a catalogue of
their own that the command line adds to this one (:class:`Catalogue`).
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

import yaml

from fieldkit.resources import resource_path

LANGUAGES = ("fr", "en")
#: Where the command line reads the language from, most specific first.
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
#: How deep values are translated inside a message that carries another message.
NESTING = 3
#: The French form of "PLACE: what is wrong there", for a message that names
#: its place (a file, a question) before a message of its own.
PLACED = "{}\u00a0: {}"


@dataclass(frozen=True)
class Template:
    """One message of the code: its English template, its French form, how to find it."""

    english: str
    french: str
    pattern: re.Pattern[str]

    @property
    def weight(self) -> int:
        """How much fixed text the template has: the more, the surer a match."""
        return sum(len(literal) for literal, *_ in string.Formatter().parse(self.english))


def pattern_of(template: str) -> re.Pattern[str]:
    """A regular expression matching the messages ``template`` makes, one group per value.

    A value may be empty: a plural's ``s``, a ``line 3: `` prefix the message
    goes without when it has no line.
    """
    pieces = []
    for literal, field, _, _ in string.Formatter().parse(template):
        pieces.append(re.escape(literal))
        if field is not None:
            pieces.append("(.*?)")
    return re.compile("".join(pieces), re.DOTALL)


def catalogue_path() -> str:
    return str(resource_path("translations", "messages_fr.yaml"))


@dataclass(frozen=True, eq=False)
class Catalogue:
    """French forms by English template, the most specific first.

    Told apart by identity rather than by content, so that the cache of
    readings is keyed by a catalogue at no cost.
    """

    templates: tuple[Template, ...]

    @classmethod
    def of(cls, entries: Mapping[str, str]) -> Catalogue:
        """The catalogue of ``{English template: French form}``; an empty form is left out."""
        templates = [
            Template(str(english), str(french), pattern_of(str(english)))
            for english, french in entries.items()
            if french
        ]
        return cls(_most_specific_first(templates))

    def __add__(self, other: Catalogue) -> Catalogue:
        """Both catalogues in one: words of a part of fieldkit beside the core's."""
        return Catalogue(_most_specific_first([*self.templates, *other.templates]))


def _most_specific_first(templates: list[Template]) -> tuple[Template, ...]:
    return tuple(sorted(templates, key=lambda t: t.weight, reverse=True))


@cache
def catalogue() -> Catalogue:
    """The French catalogue of the core's messages."""
    with open(catalogue_path(), encoding="utf-8") as handle:
        entries = yaml.load(handle, Loader=yaml.CSafeLoader) or {}
    return Catalogue.of(entries)


def translate(message: str, language: str, words: Catalogue | None = None) -> str:
    """``message`` in ``language`` (``fr`` or ``en``); unchanged when no template fits.

    ``words`` is the catalogue to read it with: the core's by default.
    """
    if language != "fr":
        return message
    known = catalogue() if words is None else words
    return "\n".join(_reading(line, NESTING, known)[1] for line in message.split("\n"))


#: A line's indent: spaces, and the dash of a list item (``  - problem``).
INDENT = re.compile(r" *(?:- )?")


@lru_cache(maxsize=4096)
def _reading(line: str, depth: int, words: Catalogue) -> tuple[int, str]:
    """The French of ``line`` that recognises the most of it, and how much it recognises.

    Several templates may fit one message ("{} has no {}" fits "line 4: the
    guide has no 'sections' list" as well as "line {}: {}" does): the reading
    that recognises the most fixed text, values included, is the one meant.
    """
    text = INDENT.sub("", line, count=1)
    best = _placed(text, depth, words)
    for template in words.templates:
        found = template.pattern.fullmatch(text)
        if found is None:
            continue
        values = [_value(value, depth - 1, words) for value in found.groups()]
        weight = template.weight + sum(known for known, _ in values)
        if weight > best[0]:
            best = (weight, template.french.format(*(shown for _, shown in values)))
    return best[0], line[: len(line) - len(text)] + best[1]


def _placed(text: str, depth: int, words: Catalogue) -> tuple[int, str]:
    """``text`` read as ``PLACE: message``, two parts translated on their own.

    The core names the place of a problem in front of another message
    (``f"{survey}: {message}"``), which no template holds whole; the best
    split is the one whose parts are recognised the most.
    """
    best = (0, text)
    start = text.find(": ") if depth > 0 else -1
    while start != -1:
        place = _value(text[:start], depth - 1, words)
        message = _reading(text[start + 2 :], depth - 1, words)
        if message[0] and place[0] + message[0] > best[0]:
            best = (place[0] + message[0], PLACED.format(place[1], message[1]))
        start = text.find(": ", start + 1)
    return best


def _value(value: str, depth: int, words: Catalogue) -> tuple[int, str]:
    # A message has words; a value of one word is a name (a file, a person, an
    # id), kept as it is even when it reads like a message ("complete", "draft").
    if depth > 0 and " " in value.strip():
        return _reading(value, depth, words)
    return 0, value


def language_of(environment: Mapping[str, str]) -> str:
    """The language of the system's locale: French for ``fr_*``, English otherwise."""
    for variable in LOCALE_VARIABLES:
        value = environment.get(variable, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"
