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
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

import yaml

from fieldkit.resources import resource_path

LANGUAGES = ("fr", "en")
#: Where the command line reads the language from, most specific first.
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
#: How deep values are translated inside a message that carries another message.
NESTING = 3


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
    """A regular expression matching the messages ``template`` makes, one group per value."""
    pieces = []
    for literal, field, _, _ in string.Formatter().parse(template):
        pieces.append(re.escape(literal))
        if field is not None:
            pieces.append("(.+?)")
    return re.compile("".join(pieces), re.DOTALL)


def catalogue_path() -> str:
    return str(resource_path("translations", "messages_fr.yaml"))


@cache
def catalogue() -> tuple[Template, ...]:
    """The French catalogue, most specific templates first."""
    with open(catalogue_path(), encoding="utf-8") as handle:
        entries = yaml.load(handle, Loader=yaml.CSafeLoader) or {}
    templates = [
        Template(str(english), str(french), pattern_of(str(english)))
        for english, french in entries.items()
        if french
    ]
    return tuple(sorted(templates, key=lambda t: t.weight, reverse=True))


def translate(message: str, language: str) -> str:
    """``message`` in ``language`` (``fr`` or ``en``); unchanged when no template fits."""
    if language != "fr":
        return message
    return "\n".join(_translate_line(line, NESTING) for line in message.split("\n"))


def _translate_line(line: str, depth: int) -> str:
    indent = line[: len(line) - len(line.lstrip(" -"))]
    text = line[len(indent) :]
    for template in catalogue():
        found = template.pattern.fullmatch(text)
        if found is None:
            continue
        values = [_translate_value(value, depth - 1) for value in found.groups()]
        return indent + template.french.format(*values)
    return line


def _translate_value(value: str, depth: int) -> str:
    return _translate_line(value, depth) if depth > 0 else value


def language_of(environment: Mapping[str, str]) -> str:
    """The language of the system's locale: French for ``fr_*``, English otherwise."""
    for variable in LOCALE_VARIABLES:
        value = environment.get(variable, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"
