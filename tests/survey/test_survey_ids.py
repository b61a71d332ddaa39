"""A caller may name a new row before it is saved (the window does, to save it off-thread)."""

from __future__ import annotations

import pytest

from fieldkit.errors import FieldkitError
from fieldkit.survey import Survey


def test_a_row_can_be_named_by_its_caller(survey: Survey, interview: str) -> None:
    row = survey.add_row(interview, "personnes_rencontrees", {"personne_nom": "Agnès R."}, id="r1")
    assert row == "r1"
    survey.set_row_answer("r1", "personne_role", "coordinatrice")
    rows = survey.rows(interview, "personnes_rencontrees")
    assert [(r.id, r.values) for r in rows] == [
        ("r1", {"personne_nom": "Agnès R.", "personne_role": "coordinatrice"})
    ]


def test_a_named_row_still_needs_a_repeat_group(survey: Survey, interview: str) -> None:
    with pytest.raises(FieldkitError, match="not a repeat group"):
        survey.add_row(interview, "note_libre", id="r2")
