"""A survey through its API: what a facilitator's edits become in the file."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from fieldkit.errors import FieldkitError
from fieldkit.survey import Survey
from fieldkit.survey.device import Device
from fieldkit.survey.store import AMEND_CHAIN_LIMIT


def test_bound_questions_write_to_the_initiative_and_the_visit(
    survey: Survey, interview: str
) -> None:
    survey.set_answer(interview, "initiative_territoire", "Pays de Caux")
    survey.set_answer(interview, "visite_enqueteurs", "Camille Roussel, Yanis Benali")
    initiative = survey.initiatives()[0]
    assert initiative.territory == "Pays de Caux"
    assert survey.interview_fields(interview)["interviewers"] == ["Camille Roussel", "Yanis Benali"]
    answers = survey.answers(interview)
    assert answers["initiative_nom"] == "Garage solidaire du Val"
    assert answers["visite_enqueteurs"] == "Camille Roussel, Yanis Benali"
    assert answers["visite_date"] == "2026-11-14"


def test_values_are_stored_in_their_type(survey: Survey, interview: str) -> None:
    survey.set_answer(interview, "annee_creation", 2017)
    survey.set_answer(
        interview, "sources_innovation", ["nouvelles_solutions", "nouvelles_methodes_animation"]
    )
    survey.set_answer(interview, "marge_manoeuvre_echelle", 4)
    answers = survey.answers(interview)
    assert answers["annee_creation"] == 2017
    # Choices are kept in the guide's order, whatever order they were ticked in.
    assert answers["sources_innovation"] == ["nouvelles_methodes_animation", "nouvelles_solutions"]
    assert answers["marge_manoeuvre_echelle"] == 4


def test_a_constraint_refuses_with_the_guides_words(survey: Survey, interview: str) -> None:
    with pytest.raises(FieldkitError, match="annee_creation"):
        survey.set_answer(interview, "annee_creation", 1492)
    assert "annee_creation" not in survey.answers(interview)


def test_clearing_an_answer_keeps_its_history(survey: Survey, interview: str) -> None:
    survey.set_answer(interview, "definition_innovation", "Faire ensemble.")
    survey.set_answer(interview, "definition_innovation", None)
    assert "definition_innovation" not in survey.answers(interview)
    values = [r.value for r in survey.answer_history(interview, "definition_innovation")]
    assert values == [None]  # one session: the edit was amended in place


def test_history_has_one_revision_per_editing_session(
    survey_path: Path, interview: str, survey: Survey
) -> None:
    for text in ("Pour", "Pour eux", "Pour eux, c’est faire ensemble."):
        survey.set_answer(interview, "definition_innovation", text)
    survey.close()
    with Survey.open(survey_path) as later:
        later.set_answer(interview, "definition_innovation", "Pour eux, c’est apprendre ensemble.")
        history = later.answer_history(interview, "definition_innovation")
    assert [r.value for r in history] == [
        "Pour eux, c’est faire ensemble.",
        "Pour eux, c’est apprendre ensemble.",
    ]
    assert [r.current for r in history] == [False, True]


def test_restoring_a_revision_is_a_new_change(
    survey_path: Path, interview: str, survey: Survey
) -> None:
    survey.set_answer(interview, "note_libre", "première version")
    survey.close()
    with Survey.open(survey_path) as later:
        later.set_answer(interview, "note_libre", "seconde version")
        first = later.answer_history(interview, "note_libre")[0]
        later.restore_revision(first.change)
        history = later.answer_history(interview, "note_libre")
        assert later.answers(interview)["note_libre"] == "première version"
    assert len(history) == 3


def test_people_met_are_rows_in_order(survey: Survey, interview: str) -> None:
    first = survey.add_row(
        interview,
        "personnes_rencontrees",
        {"personne_nom": "Agnès R.", "personne_consentement": "oui"},
    )
    survey.add_row(
        interview,
        "personnes_rencontrees",
        {"personne_nom": "Marc D.", "personne_consentement": "non"},
    )
    survey.delete("row", first)
    rows = survey.rows(interview, "personnes_rencontrees")
    assert [r.values["personne_nom"] for r in rows] == ["Marc D."]
    assert survey.answers(interview)["personnes_rencontrees"] == [rows[0].values]


def test_quotes_notes_and_attachments_hang_off_the_interview(
    survey: Survey, interview: str, tmp_path: Path
) -> None:
    photo = tmp_path / "atelier vélo.jpg"
    photo.write_bytes(b"\xff\xd8\xff fake jpeg")
    quote = survey.add_quote(
        interview, "On a appris à se parler.", "A. R.", "definition_innovation"
    )
    survey.add_note(interview, "Ambiance chaleureuse")
    attachment = survey.attach(interview, photo, caption="L’atelier")
    assert [q["text"] for q in survey.items("quote", interview)] == ["On a appris à se parler."]
    assert survey.items("quote", interview)[0]["id"] == quote
    assert survey.items("note", interview)[0]["text"] == "Ambiance chaleureuse"
    assert survey.attachment_data(attachment) == photo.read_bytes()
    assert survey.items("attachment", interview)[0]["media_type"] == "image/jpeg"


def test_the_same_photo_twice_is_stored_once(
    survey: Survey, interview: str, tmp_path: Path
) -> None:
    photo = tmp_path / "a.png"
    photo.write_bytes(b"\x89PNG same bytes")
    survey.attach(interview, photo)
    survey.attach(interview, photo)
    count = survey.log.connection.execute("SELECT count(*) FROM blobs").fetchone()[0]
    assert count == 1


def test_search_ignores_accents_and_finds_the_interview(survey: Survey, interview: str) -> None:
    survey.set_answer(
        interview, "processus_participation", "Une coopération entre élus et habitants"
    )
    survey.add_quote(interview, "Les habitants décident ensemble")
    hits = survey.search("cooperation elus")
    assert [(h.entity, h.field, h.interview) for h in hits] == [
        ("answer", "processus_participation", interview)
    ]
    assert {h.entity for h in survey.search("habitants")} == {"answer", "quote"}
    assert survey.search("((( ") == []


def test_deleted_interviews_go_to_the_trash_and_come_back(survey: Survey, interview: str) -> None:
    survey.delete("interview", interview)
    assert survey.interviews() == []
    assert [i.id for i in survey.interviews(include_deleted=True)] == [interview]
    survey.restore("interview", interview)
    assert [i.id for i in survey.interviews()] == [interview]


def test_listing_reports_completion_under_skip_logic(survey: Survey, interview: str) -> None:
    before = survey.interviews()[0]
    survey.set_answer(interview, "type_initiative", "autre")
    after = survey.interviews()[0]
    assert after.applicable == before.applicable + 1
    assert after.answered == before.answered + 1
    assert 0 < after.completion < 100
    assert after.last_change


def test_completing_requires_the_required_answers(survey: Survey, interview: str) -> None:
    missing = survey.complete(interview)
    assert "besoins_non_couverts" in [q.id for q in missing]
    assert survey.interviews()[0].status == "draft"


def _two_laptops(
    survey_path: Path, interview: str, laptop: Callable[[str], Device]
) -> tuple[Survey, Survey]:
    copy = survey_path.with_name("copie.fieldkit")
    shutil.copy(survey_path, copy)
    return Survey.open(survey_path, device=laptop("alice")), Survey.open(
        copy, device=laptop("bruno")
    )


def test_concurrent_edits_are_a_conflict_until_someone_resolves_it(
    survey_path: Path, interview: str, survey: Survey, laptop: Callable[[str], Device]
) -> None:
    survey.close()
    alice, bruno = _two_laptops(survey_path, interview, laptop)
    alice.set_answer(interview, "note_libre", "Version d’Alice")
    bruno.set_answer(interview, "note_libre", "Version de Bruno")
    alice.log.add_changes(list(bruno.log.all_changes()))
    conflicts = alice.conflicts()
    assert len(conflicts) == 1
    assert {str(v.value) for v in conflicts[0].values} == {"Version d’Alice", "Version de Bruno"}
    alice.resolve(conflicts[0].id, "Versions d’Alice et de Bruno")
    assert alice.conflicts() == []
    bruno.log.add_changes(list(alice.log.all_changes()))
    assert bruno.conflicts() == []
    assert bruno.answers(interview)["note_libre"] == "Versions d’Alice et de Bruno"
    alice.close()
    bruno.close()


def test_an_edit_made_after_seeing_the_other_is_no_conflict(
    survey_path: Path, interview: str, survey: Survey, laptop: Callable[[str], Device]
) -> None:
    survey.close()
    alice, bruno = _two_laptops(survey_path, interview, laptop)
    alice.set_answer(interview, "note_libre", "Version d’Alice")
    bruno.log.add_changes(list(alice.log.all_changes()))
    bruno.set_answer(interview, "note_libre", "Bruno complète Alice")
    alice.log.add_changes(list(bruno.log.all_changes()))
    assert alice.conflicts() == []
    assert alice.answers(interview)["note_libre"] == "Bruno complète Alice"
    alice.close()
    bruno.close()


def test_the_derived_tables_rebuild_from_the_log(survey: Survey, interview: str) -> None:
    survey.set_answer(interview, "description_initiative", "Un garage solidaire")
    survey.add_quote(interview, "Réparer ensemble")
    before = survey.log.connection.execute(
        "SELECT entity, entity_id, field, value, heads FROM state ORDER BY 1, 2, 3"
    ).fetchall()
    survey.log.rebuild()
    after = survey.log.connection.execute(
        "SELECT entity, entity_id, field, value, heads FROM state ORDER BY 1, 2, 3"
    ).fetchall()
    assert after == before
    assert [h.field for h in survey.search("reparer")] == ["text"]


def test_a_long_typing_session_starts_a_new_revision_now_and_then(
    survey: Survey, interview: str
) -> None:
    for n in range(AMEND_CHAIN_LIMIT * 2 + 5):
        survey.set_answer(interview, "note_libre", "x" * (n + 1))
    history = survey.answer_history(interview, "note_libre")
    assert 2 <= len(history) <= 4
    assert history[-1].value == "x" * (AMEND_CHAIN_LIMIT * 2 + 5)
    longest = max(
        len(c.superseded_ids)
        for c in survey.log.changes_of(survey.answer_key(interview, "note_libre"))
    )
    assert longest <= AMEND_CHAIN_LIMIT


def test_a_title_taken_from_the_guide_reads_in_the_readers_language(tmp_path: Path) -> None:
    with Survey.create(tmp_path / "visites.fieldkit") as survey:
        assert survey.title == "Monographie d’initiative"
        assert survey.title_in("en") == "Initiative monograph"
        assert survey.title_in("fr") == "Monographie d’initiative"
        # A title of someone's own stays in their words, whatever the language.
        survey.log.write("survey", "survey", "title", "Visites de l’automne 2026")
        assert survey.title_in("en") == "Visites de l’automne 2026"
