"""Conflicts shown to a person, and resolved: ``fieldkit conflicts`` and ``fieldkit resolve``.

Issue 4: each open conflict is listed with all its values, authors, devices
and times, and the common earlier version when there is one; resolving keeps
one value (``--keep CHANGE``) or writes a new one (``--value VALUE…``, a
combined text), as a change that merges like any other.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from fieldkit.exchange.conflicts import common_earlier, open_conflicts
from fieldkit.exchange.merge import merge_files
from fieldkit.survey import Survey, conflicted_questions
from fieldkit.survey.changes import Change, encode
from fieldkit.survey.device import Device
from tests.conftest import Cli

Laptop = Callable[[str], Device]
CONFLICT = "answer/visite-1/description_initiative"


@pytest.fixture
def files(tmp_path: Path, laptop: Laptop) -> dict[str, Path]:
    """Alice's file holding a conflict with Bruno over one answer they both revised."""
    base = tmp_path / "modèle.fieldkit"
    with Survey.create(base, device=laptop("base")) as survey:
        initiative = survey.add_initiative("Garage solidaire du Val")
        survey.add_interview(initiative, "2026-11-14", "Dijon", id="visite-1")
        survey.set_answer("visite-1", "description_initiative", "Version commune")
    paths = {}
    for name, text in (("alice", "Version d’Alice"), ("bruno", "Version de Bruno")):
        paths[name] = tmp_path / f"{name}.fieldkit"
        shutil.copyfile(base, paths[name])
        with Survey.open(paths[name], device=laptop(name)) as survey:
            survey.set_answer("visite-1", "description_initiative", text)
    merge_files(paths["alice"], [paths["bruno"]], device=laptop("alice"))
    return paths


def test_each_conflict_is_listed_with_its_values_their_authors_and_the_common_past(
    run: Cli, files: dict[str, Path]
) -> None:
    result = run("conflicts", files["alice"])

    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{CONFLICT}  answer to « ")
    assert "the visit of 2026-11-14 to Garage solidaire du Val" in lines[0]
    assert re.match(r'  earlier  "Version commune"  — base \(device-base\), 20\d\d-', lines[1])
    values = lines[2:]
    assert len(values) == 2
    alice = next(line for line in values if "Alice" in line)
    bruno = next(line for line in values if "Bruno" in line)
    assert re.match(r'  value \d  "Version d’Alice"  — alice \(device-alice\), .*Z  \[\w+\]', alice)
    assert re.match(r'  value \d  "Version de Bruno"  — bruno \(device-bruno\), ', bruno)


def test_keeping_a_value_by_the_start_of_its_change_id_ends_the_conflict_everywhere(
    run: Cli, files: dict[str, Path], laptop: Laptop
) -> None:
    with Survey.open(files["alice"], readonly=True) as alice:
        (conflict,) = alice.conflicts()
    bruno_value = next(v for v in conflict.values if v.author == "bruno")

    result = run("resolve", files["alice"], CONFLICT, "--keep", bruno_value.change[:8])

    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{CONFLICT}: resolved\n"
    merge_files(files["bruno"], [files["alice"]], device=laptop("bruno"))
    for path in files.values():
        with Survey.open(path, readonly=True) as survey:
            assert survey.conflicts() == []
            assert survey.answers("visite-1")["description_initiative"] == "Version de Bruno"
    assert run("conflicts", files["bruno"]).stderr == "no open conflict\n"


def test_writing_a_combined_text_ends_the_conflict_and_keeps_both_in_history(
    run: Cli, files: dict[str, Path]
) -> None:
    combined = "Version d’Alice, complétée par Bruno"

    assert run("resolve", files["alice"], CONFLICT, "--value", combined).exit_code == 0

    with Survey.open(files["alice"], readonly=True) as alice:
        assert alice.conflicts() == []
        assert alice.answers("visite-1")["description_initiative"] == combined
        history = [r.value for r in alice.answer_history("visite-1", "description_initiative")]
        assert {"Version d’Alice", "Version de Bruno", combined} <= set(history)


def test_a_typed_answer_is_checked_as_its_question_wants(
    run: Cli, tmp_path: Path, laptop: Laptop
) -> None:
    paths = {}
    for name, year in (("alice", 2010), ("bruno", 2011)):
        paths[name] = tmp_path / f"{name}.fieldkit"
        if name == "alice":
            with Survey.create(paths[name], device=laptop("base")) as survey:
                initiative = survey.add_initiative("Ressourcerie")
                survey.add_interview(initiative, "2026-11-14", id="visite-1")
            shutil.copyfile(paths["alice"], tmp_path / "modèle.fieldkit")
        else:
            shutil.copyfile(tmp_path / "modèle.fieldkit", paths[name])
        with Survey.open(paths[name], device=laptop(name)) as survey:
            survey.set_answer("visite-1", "annee_creation", year)
    merge_files(paths["alice"], [paths["bruno"]], device=laptop("alice"))
    conflict = "answer/visite-1/annee_creation"

    refused = run("resolve", paths["alice"], conflict, "--value", "vers 2010")
    assert refused.exit_code == 1 and "annee_creation" in refused.stderr
    assert run("resolve", paths["alice"], conflict, "--value", "2012").exit_code == 0
    with Survey.open(paths["alice"], readonly=True) as alice:
        assert alice.answers("visite-1")["annee_creation"] == 2012


@pytest.mark.parametrize(
    ("arguments", "status", "message"),
    [
        (("answer/visite-1/origine_details", "--value", "x"), 1, "no open conflict"),
        ((CONFLICT, "--keep", "0123456789"), 1, "is not one of the values of conflict"),
        ((CONFLICT,), 2, "give either --keep CHANGE or --value VALUE"),
        ((CONFLICT, "--keep", "abc", "--value", "x"), 2, "give either"),
        ((CONFLICT, "--value"), 2, "--value needs the value to write"),
        (("pas-un-conflit", "--value", "x"), 1, "no open conflict 'pas-un-conflit'"),
    ],
)
def test_resolving_what_is_not_there_is_refused_and_changes_nothing(
    run: Cli, files: dict[str, Path], arguments: tuple[str, ...], status: int, message: str
) -> None:
    before = files["alice"].read_bytes()
    result = run("resolve", files["alice"], *arguments)
    assert result.exit_code == status
    assert message in result.stderr
    assert files["alice"].read_bytes() == before


def change(change_id: str, *superseded: str, hlc: int = 1) -> Change:
    return Change(
        change_id, "answer", "v", "q", encode(change_id), hlc, "d", "a", encode(list(superseded))
    )


def test_the_common_earlier_version_is_the_latest_change_every_head_was_written_over() -> None:
    history = [
        change("origine", hlc=1),
        change("commune", "origine", hlc=2),
        change("alice", "commune", hlc=3),
        change("alice-2", "alice", "disparue", hlc=4),  # amended in place: one id is gone
        change("bruno", "commune", hlc=5),
    ]
    found = common_earlier(history, ["alice-2", "bruno"])
    assert found is not None and found.id == "commune"
    assert common_earlier([*history[:1], change("x"), change("y")], ["x", "y"]) is None


def test_open_conflicts_say_what_the_field_is(files: dict[str, Path]) -> None:
    with Survey.open(files["alice"], readonly=True) as alice:
        (found,) = open_conflicts(alice)
    assert found.id == CONFLICT
    assert found.earlier is not None and found.earlier.value == "Version commune"


def test_an_interview_knows_which_of_its_questions_hold_two_versions(
    tmp_path: Path, laptop: Laptop
) -> None:
    """An answer, a field of the visit and a cell of a person met: each names its question."""
    base = tmp_path / "modèle.fieldkit"
    with Survey.create(base, device=laptop("base")) as survey:
        garage = survey.add_initiative("Garage solidaire du Val")
        survey.add_interview(garage, "2026-11-14", "Dijon", id="visite-1")
        survey.add_interview(garage, "2026-11-20", "Dijon", id="visite-2")
        survey.add_row("visite-1", "personnes_rencontrees", {"personne_nom": "Agnès"}, id="agnes")
    paths = []
    for name in ("alice", "bruno"):
        path = tmp_path / f"{name}.fieldkit"
        shutil.copyfile(base, path)
        with Survey.open(path, device=laptop(name)) as survey:
            survey.set_answer("visite-1", "besoins_non_couverts", f"Selon {name}")
            survey.set_answer("visite-1", "visite_lieu", f"Chez {name}")
            survey.set_row_answer("agnes", "personne_role", f"Vue par {name}")
            survey.set_answer("visite-2", "besoins_non_couverts", f"Selon {name}")
        paths.append(path)
    merge_files(paths[0], paths[1:], device=laptop("alice"))

    with Survey.open(paths[0], readonly=True) as survey:
        first = conflicted_questions(survey, "visite-1")
        second = conflicted_questions(survey, "visite-2")

    assert first == {
        "besoins_non_couverts": "answer/visite-1/besoins_non_couverts",
        "visite_lieu": "interview/visite-1/place",
        "personnes_rencontrees": "row_answer/agnes/personne_role",
    }
    assert second == {"besoins_non_couverts": "answer/visite-2/besoins_non_couverts"}
