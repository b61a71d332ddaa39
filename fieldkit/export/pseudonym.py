"""Replacing the names of people met by their role and initials (RGPD).

A document that leaves the network must not name the people met; and someone
who refused to be named is never named, pseudonymized export or not. Names
are replaced in *every* text a document holds — answers, quotes and their
speakers, captions, tables, annexes — because the writers pass all their text
through :meth:`Pseudonyms.scrub`. A full name, or any part of it on its own
("Sandrine" in "Pour Sandrine, …"), becomes e.g. "S. M. (coordinatrice)".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from fieldkit.export.content import Person, people_of
from fieldkit.export.typography import NBSP
from fieldkit.export.wording import word
from fieldkit.survey import Survey

#: Name parts shorter than this are not replaced on their own ("Li", "Jo"):
#: too many ordinary words would go with them.
_SHORTEST_PART = 3


class Pseudonyms:
    """The names to hide in one document, and what to write instead."""

    def __init__(self, people: Iterable[Person], everyone: bool, language: str = "fr") -> None:
        self._replacements: dict[str, str] = {}
        patterns: list[tuple[int, str]] = []
        hidden = [p for p in people if everyone or not p.consent]
        kept = [p for p in people if not (everyone or not p.consent)]
        # A kept full name maps to itself, so that a hidden person's first
        # name does not eat the first name of someone who agreed to be named.
        for person, replacement in [(p, pseudonym(p, language)) for p in hidden] + [
            (p, p.name) for p in kept
        ]:
            key = _normalized(person.name)
            if key and key not in self._replacements:
                self._replacements[key] = replacement
                patterns.append((len(key), _full_name_pattern(person.name)))
        for person in hidden:
            for part in name_parts(person.name):
                if part not in self._replacements:
                    self._replacements[part] = pseudonym(person, language)
                    patterns.append((len(part), re.escape(part)))
        patterns.sort(key=lambda item: -item[0])
        alternatives = "|".join(p for _, p in patterns)
        self._pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if patterns else None

    @classmethod
    def of_survey(cls, survey: Survey, everyone: bool, language: str = "fr") -> Pseudonyms:
        """Know every person met anywhere in the survey, deleted rows included.

        A name met at one initiative can appear in another's notes; a row
        removed from the list may still be quoted somewhere.
        """
        people: list[Person] = []
        for info in survey.interviews(include_deleted=True):
            guide = survey.guide_for(info.id)
            people += people_of(survey, info.id, guide, include_deleted=True)
        return cls(people, everyone, language)

    def scrub(self, text: str) -> str:
        """Return ``text`` with every hidden name replaced by its pseudonym."""
        if self._pattern is None or not text:
            return text
        return self._pattern.sub(self._replace, text)

    def _replace(self, match: re.Match[str]) -> str:
        found = match.group(0)
        return self._replacements.get(found) or self._replacements.get(_normalized(found), found)


def pseudonym(person: Person, language: str = "fr") -> str:
    """Role and initials: "S. M. (coordinatrice du Générateur)"."""
    role = person.role or word("person_met", language)
    return f"{initials(person.name)} ({_lower_first(role)})"


def initials(name: str) -> str:
    """ "Jean-Marc Piquet" → "J.-M. P."; particles (de, van…) are left out."""
    letters = []
    for word_ in name.split():
        if not word_[:1].isupper():
            continue
        letters.append("-".join(f"{piece[0]}." for piece in word_.split("-") if piece))
    return NBSP.join(letters) or f"{name[:1].upper()}."


def name_parts(name: str) -> list[str]:
    """The parts of a name that could be written alone: words, and halves of compound ones."""
    parts = []
    for word_ in name.split():
        parts.append(word_)
        parts += word_.split("-")
    return [p for p in dict.fromkeys(parts) if len(p) >= _SHORTEST_PART and p[:1].isupper()]


def _lower_first(text: str) -> str:
    """ "Maire" → "maire", but "APES" and "DG" stay as they are."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _normalized(name: str) -> str:
    return " ".join(name.split()).casefold()


def _full_name_pattern(name: str) -> str:
    """A full name in any case, whatever spaces or line breaks separate its words."""
    return "(?i:" + r"\s+".join(re.escape(w) for w in name.split()) + ")"
