"""Identities: a survey's, kept in its first change; and the ids a caller gives rows.

DESIGN.md §5: ``new`` gives a survey a random id, kept in the change log's
first change, which every file of the survey carries; it is written once and
never changed. A file made before surveys had an identity is adopted once,
by ``fieldkit adopt``, and every copy of one old survey adopted apart gets the
same identity.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from fieldkit.errors import FieldkitError
from fieldkit.exchange.merge import merge_files
from fieldkit.exchange.sync import sync_folder
from fieldkit.survey import SURVEY_ID, Survey
from fieldkit.survey.device import Device
from fieldkit.survey.dump import dump_text
from fieldkit.survey.store import ChangeLog
from tests.conftest import Cli

ANNE = Device("device-anne", "Anne")


def made_before_identities(path: Path) -> None:
    """Make ``path`` a file of an earlier fieldkit: the same, without the identity change."""
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as connection:
        connection.execute("DELETE FROM changes WHERE entity = 'survey' AND field = 'id'")
    log = ChangeLog.open(path, ANNE)
    log.rebuild()
    log.close()


def test_a_new_survey_gets_a_random_identity_in_its_first_change(tmp_path: Path) -> None:
    first, second = tmp_path / "a.fieldkit", tmp_path / "b.fieldkit"
    for path in (first, second):
        Survey.create(path, device=ANNE).close()
    with Survey.open(first, readonly=True) as a, Survey.open(second, readonly=True) as b:
        assert a.identity is not None and b.identity is not None
        assert a.identity.id != b.identity.id
        assert next(a.log.all_changes()).key == SURVEY_ID
        assert a.identity.title == "Monographie d’initiative"
        assert f'"id": "{a.identity.id}"' in dump_text(a)


def test_a_surveys_identity_is_written_once(survey: Survey) -> None:
    with pytest.raises(FieldkitError, match="a survey's identity is written once only"):
        survey.log.write(*SURVEY_ID, "une-autre-enquete")


def test_a_file_claiming_two_identities_is_refused(survey_path: Path, tmp_path: Path) -> None:
    forged = tmp_path / "forgé.fieldkit"
    shutil.copyfile(survey_path, forged)
    with contextlib.closing(sqlite3.connect(forged, isolation_level=None)) as connection:
        connection.execute(
            "INSERT INTO changes SELECT 'deuxieme', entity, entity_id, field, '\"autre\"', hlc, "
            "device, author, supersedes FROM changes WHERE field = 'id'"
        )
    with pytest.raises(FieldkitError, match="claims two survey identities"):
        merge_files(survey_path, [forged], device=ANNE)


def test_copies_of_an_old_survey_adopted_apart_get_one_identity_and_merge(
    run: Cli, tmp_path: Path
) -> None:
    old = tmp_path / "ancienne.fieldkit"
    with Survey.create(old, device=ANNE) as survey:
        survey.add_initiative("Garage solidaire du Val")
    made_before_identities(old)
    copy = tmp_path / "copie.fieldkit"
    shutil.copyfile(old, copy)

    refused = run("merge", old, copy)
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"fieldkit: {old}: made by an earlier fieldkit, before surveys had an identity; "
        f"give it its identity once with « fieldkit adopt {old} »\n"
    )
    for path in (old, copy):
        adopted = run("adopt", path)
        assert adopted.exit_code == 0
        assert adopted.stdout.startswith(
            f"{path}: belongs to the survey « Monographie d’initiative »"
        )
    with Survey.open(old, readonly=True) as a, Survey.open(copy, readonly=True) as b:
        assert a.identity == b.identity
    assert run("merge", old, copy).exit_code == 0
    again = run("adopt", old)
    assert again.exit_code == 1 and "already belongs to the survey" in again.stderr


def test_a_file_without_the_creation_takes_the_identity_of_another(
    run: Cli, tmp_path: Path
) -> None:
    """A sync folder's file of an earlier fieldkit holds only one laptop's changes."""
    old = tmp_path / "ancienne.fieldkit"
    with Survey.create(old, device=ANNE) as survey:
        survey.add_initiative("Garage solidaire du Val")
    made_before_identities(old)
    part = tmp_path / "fichier du dossier.fieldkit"
    with Survey.open(old, readonly=True) as survey:
        initiatives = [c for c in survey.log.all_changes() if c.entity == "initiative"]
    with contextlib.closing(ChangeLog.create(part, ANNE)) as log:
        log.add_changes(initiatives)
    other = tmp_path / "autre.fieldkit"
    Survey.create(other, device=ANNE).close()

    alone = run("adopt", part)
    assert alone.exit_code == 1 and f"fieldkit adopt {part} --from FILE" in alone.stderr
    assert run("adopt", old).exit_code == 0
    assert run("adopt", part, "--from", old).exit_code == 0
    mixed = run("adopt", old, "--from", other)
    assert mixed.exit_code == 1
    assert run("merge", old, part).exit_code == 0


def test_a_survey_made_before_identities_is_told_how_to_sync(
    survey_path: Path, tmp_path: Path
) -> None:
    made_before_identities(survey_path)
    folder = tmp_path / "partage"
    folder.mkdir()
    with Survey.open(survey_path, device=ANNE) as survey:
        with pytest.raises(FieldkitError, match="fieldkit adopt"):
            sync_folder(survey.log, folder)
        survey.add_initiative("On peut toujours y écrire")


# -- ids a caller gives ------------------------------------------------------------------


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
