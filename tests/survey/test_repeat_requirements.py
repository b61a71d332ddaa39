"""Required answers inside repeat groups count: in every row, with skip logic read in the row.

An interview with a person met whose consent is missing is not complete:
``Survey.complete`` names the row, the listing's completion does not count
the group as answered, and ``fieldkit interview complete`` says which row.
"""

from __future__ import annotations

from pathlib import Path

from fieldkit.guide import parse_guide
from fieldkit.survey import Survey, interview_completion, missing_answers

GUIDE = """\
format: fieldkit-guide/1
id: essai-lignes
version: "1"
languages: [fr]
title: {fr: "Essai"}
sections:
  - id: visite
    title: {fr: "Visite"}
    questions:
      - id: photos_prevues
        type: select_one
        label: {fr: "Photos prévues ?"}
        choices: [{value: oui, label: {fr: "Oui"}}, {value: non, label: {fr: "Non"}}]
      - id: personnes
        type: repeat
        label: {fr: "Personnes rencontrées"}
        questions:
          - id: nom
            type: text
            label: {fr: "Nom"}
            required: true
          - id: mineur
            type: select_one
            label: {fr: "Mineur ?"}
            choices: [{value: oui, label: {fr: "Oui"}}, {value: non, label: {fr: "Non"}}]
          - id: consentement
            type: select_one
            label: {fr: "Consentement à être nommé·e"}
            required: true
            choices: [{value: oui, label: {fr: "Oui"}}, {value: non, label: {fr: "Non"}}]
          - id: accord_parents
            type: select_one
            label: {fr: "Accord des parents pour la photo"}
            required: true
            relevant: "${mineur} = 'oui' and ${photos_prevues} = 'oui'"
            choices: [{value: oui, label: {fr: "Oui"}}, {value: non, label: {fr: "Non"}}]
"""


def make_survey(tmp_path: Path) -> tuple[Survey, str]:
    survey = Survey.create(tmp_path / "lignes.fieldkit", parse_guide(GUIDE, "essai"))
    initiative = survey.add_initiative("Tiers-lieu La Halte")
    return survey, survey.add_interview(initiative, "2026-03-12")


def test_a_person_met_without_consent_keeps_the_interview_a_draft(tmp_path: Path) -> None:
    survey, interview = make_survey(tmp_path)
    with survey:
        survey.add_row(interview, "personnes", {"nom": "Agnès", "consentement": "oui"})
        second = survey.add_row(interview, "personnes", {"nom": "Bruno"})
        missing = survey.complete(interview)
        assert [(m.id, m.row, m.position) for m in missing] == [("consentement", second, 2)]
        assert survey.interviews()[0].status == "draft"
        survey.set_row_answer(second, "consentement", "non")
        assert survey.complete(interview) == []
        assert survey.interviews()[0].status == "complete"


def test_a_column_under_skip_logic_is_required_only_where_its_row_shows_it(
    tmp_path: Path,
) -> None:
    survey, interview = make_survey(tmp_path)
    with survey:
        adult = survey.add_row(interview, "personnes", {"nom": "A", "consentement": "oui"})
        child = survey.add_row(
            interview, "personnes", {"nom": "B", "consentement": "oui", "mineur": "oui"}
        )
        assert survey.complete(interview) == [], "no photo planned: no parents' agreement needed"
        survey.set_status(interview, "draft")
        survey.set_answer(interview, "photos_prevues", "oui")
        missing = survey.complete(interview)
        # The row's own answer (minor) and the interview's (photos) decide together.
        assert [(m.id, m.row) for m in missing] == [("accord_parents", child)]
        assert adult not in [m.row for m in missing]


def test_the_listing_counts_a_group_answered_once_its_rows_lack_nothing(tmp_path: Path) -> None:
    survey, interview = make_survey(tmp_path)
    with survey:
        row = survey.add_row(interview, "personnes", {"nom": "Bruno"})
        listed = survey.interviews()[0]
        assert (listed.answered, listed.applicable) == (0, 2)
        values = survey.answers(interview)
        assert interview_completion(survey.guide_for(interview), values) == (0, 2)
        survey.set_row_answer(row, "consentement", "oui")
        listed = survey.interviews()[0]
        assert (listed.answered, listed.applicable) == (1, 2)
        survey.delete("row", row)
        assert survey.interviews()[0].answered == 0


def test_missing_answers_follow_the_guide_order_row_by_row(tmp_path: Path) -> None:
    guide = parse_guide(GUIDE, "essai")
    rows = {"personnes": [("r1", {}), ("r2", {"nom": "B", "consentement": "oui"})]}
    values = {"personnes": [row for _id, row in rows["personnes"]]}
    missing = missing_answers(guide, values, rows)
    assert [(m.id, m.position) for m in missing] == [("nom", 1), ("consentement", 1)]


def test_the_command_line_names_the_row_still_missing_an_answer(
    tmp_path: Path, run: object
) -> None:
    survey, interview = make_survey(tmp_path)
    with survey:
        survey.add_row(interview, "personnes", {"nom": "Agnès", "consentement": "oui"})
        survey.add_row(interview, "personnes", {"nom": "Bruno"})
    result = run("interview", "complete", tmp_path / "lignes.fieldkit", interview)  # type: ignore[operator]
    assert result.exit_code == 1
    assert "missing: consentement (row 2)  Consentement à être nommé·e" in result.stderr
