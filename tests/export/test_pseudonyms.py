"""Pseudonyms that hold: every spelling of a name, e-mails and phones, namesakes kept apart."""

from __future__ import annotations

import pytest

from fieldkit.export.people import Consent, Person, letters
from fieldkit.export.pseudonym import Pseudonyms
from fieldkit.export.typography import typeset

DAMIEN = Person(
    "Damien Ferré",
    role="Maire de Vernay",
    organisation="Commune de Vernay-en-Auxois",
    consent=Consent(named=False, quoted=True, photographed=False),
    general_role="élu municipal",
    general_organisation="une commune rurale",
    order=0,
)
JEAN_MARC = Person("Jean-Marc Piquet", consent=Consent(named=False), order=1)
NAMESAKE = Person("Damien Roux", consent=Consent(named=True, quoted=True), order=2)
MATHILDE = Person("Mathilde Roux-Lambert", consent=Consent(True, True, True), order=3)
PEOPLE = [DAMIEN, JEAN_MARC, NAMESAKE, MATHILDE]


def scrub(text: str, everyone: bool = False) -> str:
    return Pseudonyms(PEOPLE, everyone).scrub(text)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Damien Ferré est venu.", "Personne A est venu."),
        ("M. FERRÉ est venu.", "Personne A est venu."),  # a title and capitals
        ("Mme ferre", "Personne A"),
        ("DAMIEN, puis damien", "Personne A, puis Personne A"),
        ("Ferré Damien", "Personne A"),  # surname first
        ("FERRE DAMIEN", "Personne A"),
        ("D. Ferré et Damien F. et D. F.", "Personne A et Personne A et Personne A"),
        ("Fe\u0301rre\u0301 (accents typed apart)", "Personne A (accents typed apart)"),
        ("Fer\u00adré (a soft hyphen)", "Personne A (a soft hyphen)"),
        (
            "Jean-Marc, Jean Marc, JEAN‑MARC, jeanmarc",
            "Personne B, Personne B, Personne B, Personne B",
        ),
        ("J.-M. P. et J.M. Piquet", "Personne B et Personne B"),
        ("le fichier cv_damien_ferre.pdf", "le fichier cv_Personne A.pdf"),
        ("Adamien et Ferréol restent.", "Adamien et Ferréol restent."),  # other words
        ("Damien Roux est nommé ; Damien non.", "Damien Roux est nommé ; Personne A non."),
        ("Mathilde Roux-Lambert", "Mathilde Roux-Lambert"),  # she agreed
    ],
)
def test_every_spelling_of_a_hidden_name_goes(typed: str, expected: str) -> None:
    assert scrub(typed) == expected


def test_role_and_organisation_take_the_general_terms_given() -> None:
    text = "Le Maire de Vernay et la commune de Vernay-en-Auxois ; le maire de vernay."
    assert scrub(text) == ("Le Élu municipal et la une commune rurale ; le élu municipal.")


def test_a_pseudonymized_text_names_nobody_and_holds_no_contact() -> None:
    text = (
        "Mathilde, Damien Roux et mathilde.roux@atelier.fr ; 06 12 34 56 78, "
        "+33 6 12 34 56 78, +33 (0)6 12 34 56 78, 0033612345678, 06.12.34.56.78, 0612345678."
    )
    assert scrub(text, everyone=True) == (
        "Personne D, Personne C et [adresse électronique] ; [numéro de téléphone], "
        "[numéro de téléphone], [numéro de téléphone], [numéro de téléphone], "
        "[numéro de téléphone], [numéro de téléphone]."
    )


def test_without_pseudonyms_only_an_address_holding_a_hidden_name_goes() -> None:
    text = "damien.ferre@vernay.fr, dferre@vernay.fr, contact@vernay.fr, 06 12 34 56 78"
    assert scrub(text) == (
        "[adresse électronique], [adresse électronique], contact@vernay.fr, 06 12 34 56 78"
    )


def test_numbers_that_are_not_phones_stay() -> None:
    text = "12 500 € en 2015, le 01.02.2026, 4,5 salariés, SIRET 123 456 789 00012"
    assert scrub(text, everyone=True) == text


def test_a_chosen_pseudonym_is_used_and_the_letters_follow_the_order_met() -> None:
    chosen = Person("Damien Ferré", pseudonym="un élu municipal", order=0)
    names = Pseudonyms([chosen, JEAN_MARC], everyone=False)
    assert names.scrub("Damien et Jean-Marc") == "un élu municipal et Personne B"
    assert Pseudonyms(PEOPLE, everyone=False, language="en").scrub("Damien") == "Person A"
    assert [letters(i) for i in (0, 1, 25, 26, 27, 701, 702)] == [
        "A",
        "B",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]


def test_consent_decides_quotes_and_photos() -> None:
    names = Pseudonyms(PEOPLE, everyone=False)
    assert names.consent_of("M. Ferré").quoted
    assert not names.consent_of("Jean-Marc").quoted  # no "yes" recorded
    assert not names.consent_of("Le plan, avec Damien Ferré").photographed
    assert names.consent_of("Le plan, avec Mathilde").photographed
    assert names.consent_of("Un usager").quoted  # nobody of the survey


def test_french_typography_follows_the_pseudonym() -> None:
    assert typeset(scrub("Pour Damien : oui !"), "fr") == "Pour Personne A\u00a0: oui\u202f!"


def test_ten_megabytes_of_notes_are_scrubbed_whole() -> None:
    text = "Une note sans nom, encore et encore. " * 280_000
    assert len(text) > 10_000_000
    assert scrub(text + " Damien", everyone=True).endswith(" Personne A")
