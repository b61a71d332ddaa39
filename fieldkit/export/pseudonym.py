"""Who may be named in an export, and what it says instead of a name (RGPD).

A document that leaves the network must not name the people met; and someone
who did not agree to be named is never named, pseudonymized export or not.
Every text an export holds — answers, quotes and their speakers, captions,
file names, tables, annexes, properties — passes through
:meth:`Pseudonyms.scrub`, which replaces every form of a hidden person's
name (any case, accents, initials, hyphenation: :mod:`fieldkit.export.names`)
by their pseudonym, and their role and organisation by the general terms the
facilitator gave. A pseudonymized export also loses every e-mail address and
phone number; otherwise only an address that carries a hidden name goes.

The same object says which quotes and photos may be shown at all: the words
of someone who did not agree to be quoted, and a photo whose caption names
someone who did not agree to be photographed, are left out.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from fieldkit.export.content import Attachment, Dossier, Quote, Visit
from fieldkit.export.names import (
    Finder,
    Form,
    Found,
    emails,
    name_forms,
    name_parts,
    person_forms,
    phones,
    phrase_form,
)
from fieldkit.export.people import Consent, Person, everyone_met, letters
from fieldkit.export.privacy import Contacts, LeakCheck
from fieldkit.export.wording import word
from fieldkit.survey import Survey

__all__ = ["Pseudonyms", "name_parts"]


class Pseudonyms:
    """The people of one survey, what each may be shown as, and the text that hides them."""

    def __init__(
        self,
        people: Sequence[Person],
        everyone: bool,
        language: str = "fr",
        contacts: Contacts | None = None,
    ) -> None:
        self.people = list(people)
        #: Whether nobody is named (a pseudonymized export), not only those who refused.
        self.everyone = everyone
        self.language = language
        self.leak_check = LeakCheck(self.people, everyone, contacts or Contacts())
        forms: list[Form[str | None]] = []
        for person in self.people:
            if self.hidden(person):
                forms += person_forms(person.name, self.pseudonym(person))
                forms += _general_forms(person)
            else:  # their full name stays, and protects them from a namesake's pseudonym
                forms += [Form(shape, None) for shape in name_forms(person.name)]
        self._names = Finder(forms)
        self._who = Finder(f for p in self.people for f in person_forms(p.name, p))

    @classmethod
    def of_survey(cls, survey: Survey, everyone: bool, language: str = "fr") -> Pseudonyms:
        """Know every person met anywhere in the survey (see :func:`everyone_met`).

        A pseudonymized export also knows the survey's e-mail addresses and
        phone numbers, which its leak check looks for in any format.
        """
        contacts = Contacts.of_survey(survey) if everyone else None
        return cls(everyone_met(survey), everyone, language, contacts)

    def refuse_leaks(self, written: Path, target: Path) -> None:
        """The export's last step: raise if the file written for ``target`` leaks anything."""
        self.leak_check.refuse(written, target)

    # -- who is named, and how ----------------------------------------------------------

    def hidden(self, person: Person) -> bool:
        """Whether ``person`` is not named in this export."""
        return self.everyone or not person.consent.named

    def pseudonym(self, person: Person) -> str:
        """The name a hidden person goes by: the facilitator's choice, else "Personne A"."""
        return person.pseudonym or word("pseudonym", self.language, letter=letters(person.order))

    def consent_of(self, text: str) -> Consent:
        """What everyone named in ``text`` (a speaker, a caption) agreed to, together."""
        consent = Consent(True, True, True)
        for found in self._who.find(text):
            consent = consent & found.target.consent
        return consent

    def may_quote(self, quote: Quote) -> bool:
        return self.consent_of(quote.speaker).quoted

    def may_show(self, attachment: Attachment) -> bool:
        """Whether a photo may be shown: nobody its caption or file name names refused it."""
        text = f"{attachment.caption}\n{attachment.filename}"
        return not attachment.is_image or self.consent_of(text).photographed

    def shareable(self, dossier: Dossier) -> Dossier:
        """The dossier without the quotes and photos their people did not agree to show."""
        return dataclasses.replace(dossier, visits=tuple(self._visit(v) for v in dossier.visits))

    def _visit(self, visit: Visit) -> Visit:
        return dataclasses.replace(
            visit,
            quotes=tuple(q for q in visit.quotes if self.may_quote(q)),
            attachments=tuple(a for a in visit.attachments if self.may_show(a)),
        )

    # -- text -------------------------------------------------------------------------------

    def scrub(self, text: str) -> str:
        """Return ``text`` with every hidden name (and contact) replaced."""
        if not text:
            return text
        pieces: list[str] = []
        position = 0
        for start, end, replacement in self._contacts(text):
            if start < position:
                continue
            pieces += [self._scrub_names(text[position:start]), replacement]
            position = end
        pieces.append(self._scrub_names(text[position:]))
        return "".join(pieces)

    def _contacts(self, text: str) -> list[tuple[int, int, str]]:
        """The e-mail addresses and phone numbers to replace, in order."""
        found = [
            (start, end, word("email_hidden", self.language))
            for start, end in emails(text)
            if self.everyone or self.leak_check.names_someone(text[start:end])
        ]
        if self.everyone:
            found += [(s, e, word("phone_hidden", self.language)) for s, e in phones(text)]
        return sorted(found)

    def _scrub_names(self, text: str) -> str:
        pieces: list[str] = []
        position = 0
        for found in self._names.find(text):
            if found.target is not None:
                pieces += [text[position : found.start], _same_case(found, found.target)]
                position = found.end
        if not pieces:
            return text
        pieces.append(text[position:])
        return "".join(pieces)


def _same_case(found: Found[str | None], replacement: str) -> str:
    """A general term takes the case of what it replaces ("maire" → "élu", "Maire" → "Élu")."""
    if found.form.person or not replacement or not found.text[:1].isalpha():
        return replacement
    first = replacement[0].upper() if found.text[0].isupper() else replacement[0].lower()
    return first + replacement[1:]


def _general_forms(person: Person) -> list[Form[str | None]]:
    """A role and an organisation written in general terms, where the facilitator gave them."""
    forms: list[Form[str | None]] = []
    for specific, general in (
        (person.role, person.general_role),
        (person.organisation, person.general_organisation),
    ):
        shape = phrase_form(specific) if general else None
        if shape is not None:
            forms.append(Form(shape, general, person=False))
    return forms
