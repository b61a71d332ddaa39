"""The leak check: does an exported file name someone it must not?

``fieldkit privacy check SURVEY FILE…`` and every export run the same check.
It reads every piece of text a file holds (:mod:`fieldkit.export.scan`) and
looks for the people of the survey with the same search the pseudonyms use
(:mod:`fieldkit.export.names`), so that what an export replaces and what the
check looks for can never differ. What it looks for depends on the file:

- for a **pseudonymized** file (the default of the command), the name of
  every person met, in any of its forms, and every e-mail address and phone
  number the survey holds, in any format ("06 12…", "+33 6 12…");
- for a file that may name people (``--named``), the names of those who did
  not agree to be named, and e-mail addresses that hold one.

Either way a photo's GPS position is a leak. An export runs the check on its
own file before renaming it into place and refuses to finish on a leak: the
file is not written, and the message says what was found and where.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fieldkit.errors import FieldkitError
from fieldkit.export.names import (
    Finder,
    Form,
    email_key,
    emails,
    fold,
    name_forms,
    parts_within,
    person_forms,
    phone_key,
    phones,
)
from fieldkit.export.people import Person, everyone_met
from fieldkit.export.scan import Piece, pieces
from fieldkit.survey import Survey, dump_text

#: How many leaks a message lists before it says "and N more".
SHOWN = 10


@dataclass(frozen=True)
class Contacts:
    """The e-mail addresses and phone numbers a survey holds, as comparable keys."""

    emails: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()

    @classmethod
    def of_survey(cls, survey: Survey) -> Contacts:
        """Every address and number typed anywhere in the survey (guides aside)."""
        data = json.loads(dump_text(survey))
        data.pop("guides", None)
        found_emails: set[str] = set()
        found_phones: set[str] = set()
        for text in _strings(data):
            found_emails |= {email_key(text[s:e]) for s, e in emails(text)}
            found_phones |= {phone_key(text[s:e]) for s, e in phones(text)}
        return cls(frozenset(found_emails), frozenset(found_phones))


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@dataclass(frozen=True)
class Leak:
    """Something found in a file that must not be there."""

    where: str
    what: str
    found: str = ""

    def describe(self) -> str:
        return f"{self.where}: {self.what}" + (f" ({self.found!r})" if self.found else "")


@dataclass
class LeakCheck:
    """What must not appear in a file, and the search for it."""

    people: Sequence[Person]
    #: True for a pseudonymized file: nobody may be named, no contact may appear.
    everyone: bool
    contacts: Contacts = field(default_factory=Contacts)

    def __post_init__(self) -> None:
        forms: list[Form[Person | None]] = []
        for person in self.people:
            if self._hidden(person):
                forms += person_forms(person.name, person)
            else:  # their full name is allowed, and no namesake's part is found in it
                forms += [Form(shape, None) for shape in name_forms(person.name)]
        self._finder = Finder(forms)
        self._parts = parts_within(p.name for p in self.people if self._hidden(p))

    @classmethod
    def of_survey(cls, survey: Survey, everyone: bool) -> LeakCheck:
        contacts = Contacts.of_survey(survey) if everyone else Contacts()
        return cls(everyone_met(survey), everyone, contacts)

    def _hidden(self, person: Person) -> bool:
        return self.everyone or not person.consent.named

    def file(self, path: Path, name: str | None = None) -> list[Leak]:
        """Every leak in one file (read as a file called ``name``, if given)."""
        return [leak for piece in pieces(path, name) for leak in self.piece(piece)]

    def piece(self, piece: Piece) -> Iterator[Leak]:
        if piece.gps:
            yield Leak(piece.where, "a GPS position in a picture's metadata")
            return
        text = piece.text
        for found in self._finder.find(text):
            if found.target is not None:
                yield Leak(piece.where, f"the name of {found.target.name}", found.text)
        if "@" in text:
            for start, end in emails(text):
                address = text[start:end]
                if email_key(address) in self.contacts.emails or self.names_someone(address):
                    yield Leak(piece.where, "an e-mail address", address)
        if self.contacts.phones:
            for start, end in phones(text):
                if phone_key(text[start:end]) in self.contacts.phones:
                    yield Leak(piece.where, "a phone number", text[start:end])

    def names_someone(self, address: str) -> bool:
        """Whether an e-mail address holds part of a hidden name ("jperraud@…")."""
        return self._parts is not None and bool(self._parts.search(fold(address).text))

    def refuse(self, written: Path, target: Path) -> None:
        """Raise, naming ``target``, if the file written for it leaks anything."""
        leaks = self.file(written, target.name)
        if leaks:
            raise FieldkitError(f"{target}: not written: {report(leaks)}")


def report(leaks: Sequence[Leak]) -> str:
    """What was found, in one message: the first leaks, then how many more."""
    lines = [leak.describe() for leak in leaks[:SHOWN]]
    more = f"; and {len(leaks) - SHOWN} more" if len(leaks) > SHOWN else ""
    return f"{len(leaks)} leak(s) found: {'; '.join(lines)}{more}"


def check_files(
    survey: Survey, paths: Iterable[Path], named: bool = False
) -> dict[Path, list[Leak]]:
    """The leaks of each file; ``named`` allows the names of people who agreed to be named."""
    check = LeakCheck.of_survey(survey, everyone=not named)
    return {Path(path): check.file(Path(path)) for path in paths}
