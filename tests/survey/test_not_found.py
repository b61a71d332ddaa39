"""An id the survey does not hold: the thing asked for is named as a facilitator names it.

The window and the command line show the same core message, in French or in
English; neither may name an item by its internal word ("row", "élément").
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from fieldkit.errors import FieldkitError
from fieldkit.messages import translate
from fieldkit.survey import Survey

NBSP = "\u00a0"
MISSING = "nulle-part"

#: What asks for a missing thing, what English says of it, what French says.
ASKED: list[tuple[str, Callable[[Survey], object], str, str]] = [
    (
        "initiative",
        lambda s: s.add_interview(MISSING, "2026-11-14"),
        "no initiative with id",
        "aucune initiative n’a l’identifiant",
    ),
    (
        "interview",
        lambda s: s.add_quote(MISSING, "On répare aussi les gens."),
        "no interview with id",
        "aucun entretien n’a l’identifiant",
    ),
    (
        "row",
        lambda s: s.set_row_answer(MISSING, "personne_role", "Bénévole"),
        "no entry with id",
        "aucune fiche n’a l’identifiant",
    ),
    (
        "quote",
        lambda s: s.set_item_field("quote", MISSING, "speaker", "Agnès"),
        "no quote with id",
        "aucune citation n’a l’identifiant",
    ),
    (
        "note",
        lambda s: s.delete("note", MISSING),
        "no note with id",
        "aucune note n’a l’identifiant",
    ),
    (
        "attachment",
        lambda s: s.attachment_data(MISSING),
        "no attachment with id",
        "aucune pièce jointe n’a l’identifiant",
    ),
]


@pytest.mark.parametrize(
    ("asking", "english", "french"),
    [(ask, english, french) for _, ask, english, french in ASKED],
    ids=[kind for kind, *_ in ASKED],
)
def test_a_missing_thing_is_named_in_words_in_english_and_in_french(
    survey: Survey,
    survey_path: Path,
    asking: Callable[[Survey], object],
    english: str,
    french: str,
) -> None:
    with pytest.raises(FieldkitError) as raised:
        asking(survey)
    message = str(raised.value)
    assert message == f"{survey_path}: {english} '{MISSING}'"
    assert translate(message, "fr") == f"{survey_path}{NBSP}: {french} '{MISSING}'"


def test_a_kind_of_thing_without_words_of_its_own_is_still_said_plainly(
    survey: Survey, survey_path: Path
) -> None:
    with pytest.raises(FieldkitError) as raised:
        survey.restore("survey", MISSING)
    message = str(raised.value)
    assert message == f"{survey_path}: nothing with id '{MISSING}'"
    assert translate(message, "fr") == f"{survey_path}{NBSP}: rien n’a l’identifiant '{MISSING}'"
