"""Folder sync: laptops meet in a folder (USB key, Nextcloud, Syncthing) and converge.

DESIGN.md §5, issues 4 and 15: each laptop merges every file of its survey
found in the folder, then writes what the folder lacks into its own file,
named after the survey and the device, atomically. A second run with nothing
new changes nothing; files that cannot be read yet are skipped with a warning
naming them, and the rest still syncs. (Team-wide properties, other surveys
in the folder and other routes: ``test_team_sync.py``.)
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from fieldkit.errors import FieldkitError
from fieldkit.exchange.folder import files_of_survey, legacy_file_name, own_file_name
from fieldkit.exchange.sync import sync_folder
from fieldkit.survey import Survey
from fieldkit.survey.check import check_survey
from fieldkit.survey.device import Device, current_device
from fieldkit.survey.dump import dump_text
from tests.conftest import Cli
from tests.survey.test_survey_ids import made_before_identities

Laptop = Callable[[str], Device]


def fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "Nextcloud" / "visites"
    path.mkdir(parents=True)
    return path


@pytest.fixture
def laptops(tmp_path: Path, laptop: Laptop) -> dict[str, Path]:
    """Three laptops, each with its own copy of one survey."""
    base = tmp_path / "modèle.fieldkit"
    with Survey.create(base, device=laptop("base")) as survey:
        initiative = survey.add_initiative("Garage solidaire du Val")
        survey.add_interview(initiative, "2026-11-14", "Dijon", id="visite-1")
    paths = {}
    for name in ("alice", "bruno", "chloé"):
        paths[name] = tmp_path / name / "visites.fieldkit"
        paths[name].parent.mkdir()
        shutil.copyfile(base, paths[name])
    return paths


def sync(path: Path, folder: Path, device: Device) -> list[str]:
    """Sync one laptop; return the warnings."""
    with Survey.open(path, device=device) as survey:
        return sync_folder(survey.log, folder).warnings


def dump_of(path: Path) -> str:
    with Survey.open(path, readonly=True) as survey:
        return dump_text(survey)


def own_file(folder: Path, survey: Path, device: Device) -> Path:
    """Where a laptop's own file of ``survey`` goes in ``folder``."""
    with Survey.open(survey, readonly=True) as opened:
        identity = opened.identity
    assert identity is not None
    return folder / own_file_name(identity, device.id)


def test_laptops_meeting_in_a_folder_end_with_the_same_survey(
    laptops: dict[str, Path], folder: Path, laptop: Laptop
) -> None:
    with Survey.open(laptops["alice"], device=laptop("alice")) as alice:
        alice.set_answer("visite-1", "description_initiative", "Atelier de réparation")
    with Survey.open(laptops["bruno"], device=laptop("bruno")) as bruno:
        other = bruno.add_interview(bruno.initiatives()[0].id, "2026-11-21", "Dijon")
        bruno.add_quote(other, "On répare ensemble.", speaker="Nadia")

    for name in ("alice", "bruno", "chloé", "alice", "bruno"):
        assert sync(laptops[name], folder, laptop(name)) == []

    dumps = {name: dump_of(path) for name, path in laptops.items()}
    assert dumps["alice"] == dumps["bruno"] == dumps["chloé"]
    assert "On répare ensemble." in dumps["chloé"]


def test_the_first_laptop_writes_the_whole_survey_into_one_complete_file_named_after_it(
    laptops: dict[str, Path], folder: Path, laptop: Laptop
) -> None:
    with Survey.open(laptops["alice"], device=laptop("alice")) as alice:
        alice.set_answer("visite-1", "description_initiative", "Atelier de réparation")
        alice.log.write("survey", "survey", "title", "Visites 2026 — Bourgogne")
    sync(laptops["alice"], folder, laptop("alice"))

    own = own_file(folder, laptops["alice"], laptop("alice"))
    assert [p.name for p in folder.iterdir()] == [own.name]
    assert re.fullmatch(r"Visites-2026-Bourgogne\.[0-9a-f]{12}\.[0-9a-f]{12}\.fieldkit", own.name)
    assert dump_of(own) == dump_of(laptops["alice"])  # what the folder lacked: everything
    with Survey.open(own, readonly=True) as written:
        assert check_survey(written) == []


def test_a_second_sync_with_nothing_new_changes_nothing(
    laptops: dict[str, Path], folder: Path, laptop: Laptop
) -> None:
    for name in ("alice", "bruno"):
        with Survey.open(laptops[name], device=laptop(name)) as survey:
            survey.set_answer("visite-1", "origine_details", f"Vu par {name}")
    for name in ("alice", "bruno", "alice", "bruno"):
        sync(laptops[name], folder, laptop(name))
    files = [laptops["alice"], laptops["bruno"], *sorted(folder.iterdir())]
    before = [fingerprint(path) for path in files]

    for name in ("alice", "bruno"):
        with Survey.open(laptops[name], device=laptop(name)) as survey:
            report = sync_folder(survey.log, folder)
            assert report.written is None
            assert not report.merged.brought_anything

    assert [fingerprint(path) for path in files] == before


def test_files_that_cannot_be_read_yet_are_skipped_and_picked_up_later(
    laptops: dict[str, Path], folder: Path, laptop: Laptop
) -> None:
    with Survey.open(laptops["bruno"], device=laptop("bruno")) as bruno:
        bruno.set_answer("visite-1", "description_initiative", "Version de Bruno")
    sync(laptops["bruno"], folder, laptop("bruno"))
    bruno_file = own_file(folder, laptops["bruno"], laptop("bruno"))
    complete = bruno_file.read_bytes()
    bruno_file.write_bytes(complete[: len(complete) // 3])  # still being copied
    (folder / "notes de réunion.fieldkit").write_text("pas une enquête", encoding="utf-8")

    warnings = sync(laptops["alice"], folder, laptop("alice"))

    assert len(warnings) == 2
    assert any(str(bruno_file) in w and "truncated" in w for w in warnings)
    assert any("notes de réunion.fieldkit" in w for w in warnings)
    bruno_file.write_bytes(complete)
    (folder / "notes de réunion.fieldkit").unlink()
    assert sync(laptops["alice"], folder, laptop("alice")) == []
    with Survey.open(laptops["alice"], readonly=True) as alice:
        assert alice.answers("visite-1")["description_initiative"] == "Version de Bruno"


def test_hidden_and_temporary_names_are_left_alone(
    laptops: dict[str, Path], folder: Path, laptop: Laptop
) -> None:
    for name in (".fieldkit-abc.fieldkit.x1y2.part", ".syncthing.x.fieldkit", "._x.fieldkit"):
        (folder / name).write_bytes(b"en cours de copie")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8")

    assert sync(laptops["alice"], folder, laptop("alice")) == []
    with Survey.open(laptops["alice"], readonly=True) as alice:
        assert alice.identity is not None
        files = files_of_survey(folder, alice.identity)
    assert [f.path for f in files] == [own_file(folder, laptops["alice"], laptop("alice"))]


def test_after_a_sync_typing_makes_a_new_revision_instead_of_amending(
    laptops: dict[str, Path], folder: Path, laptop: Laptop
) -> None:
    with Survey.open(laptops["alice"], device=laptop("alice")) as alice:
        alice.set_answer("visite-1", "description_initiative", "Avant la synchro")
        sync_folder(alice.log, folder)
        alice.set_answer("visite-1", "description_initiative", "Après la synchro")
        history = alice.answer_history("visite-1", "description_initiative")
    assert [r.value for r in history] == ["Avant la synchro", "Après la synchro"]


def test_a_laptop_restored_from_a_backup_gets_its_changes_back_and_a_fresh_device_id(
    laptops: dict[str, Path], folder: Path, laptop: Laptop
) -> None:
    """Its own file holds changes signed by it that its survey lacks: as for a cloned profile."""
    backup = laptops["alice"].with_name("sauvegarde.fieldkit")
    shutil.copyfile(laptops["alice"], backup)
    with Survey.open(laptops["alice"], device=laptop("alice")) as alice:
        alice.set_answer("visite-1", "description_initiative", "Écrit après la sauvegarde")
    sync(laptops["alice"], folder, laptop("alice"))
    shutil.copyfile(backup, laptops["alice"])  # the disk died; the backup comes back

    with Survey.open(laptops["alice"], device=laptop("alice")) as alice:
        report = sync_folder(alice.log, folder)
        assert report.renewed is not None and alice.log.device == report.renewed
        assert report.renewed.author == "alice" and report.renewed.id != "device-alice"
        assert alice.answers("visite-1")["description_initiative"] == "Écrit après la sauvegarde"
    (warning,) = report.warnings
    assert "signed with this computer's device id" in warning
    assert own_file(folder, laptops["alice"], report.renewed).exists()


def test_attachments_travel_through_the_folder(
    laptops: dict[str, Path], folder: Path, laptop: Laptop, tmp_path: Path
) -> None:
    photo = tmp_path / "façade.jpg"
    photo.write_bytes(b"\xff\xd8 la fa\xc3\xa7ade \xff\xd9")
    with Survey.open(laptops["bruno"], device=laptop("bruno")) as bruno:
        attachment = bruno.attach("visite-1", photo)
    sync(laptops["bruno"], folder, laptop("bruno"))
    sync(laptops["alice"], folder, laptop("alice"))

    with Survey.open(laptops["alice"], readonly=True) as alice:
        assert alice.attachment_data(attachment) == photo.read_bytes()


def test_a_missing_folder_is_named(
    laptops: dict[str, Path], tmp_path: Path, laptop: Laptop
) -> None:
    missing = tmp_path / "clé USB absente"
    with pytest.raises(FieldkitError, match=re.escape(f"{missing}: no such folder")):
        sync(laptops["alice"], missing, laptop("alice"))


def test_the_command_line_reports_what_came_in_and_warns_about_skipped_files(
    run: Cli, tmp_path: Path, folder: Path, laptop: Laptop
) -> None:
    survey = tmp_path / "mon enquête.fieldkit"
    assert run("new", survey).exit_code == 0
    (folder / "abîmé.fieldkit").write_bytes(b"SQLite format 3\x00")
    other = folder / "fieldkit-collegue.fieldkit"
    shutil.copyfile(survey, other)
    with Survey.open(other, device=laptop("collègue")) as colleague:
        colleague.add_initiative("Tiers-lieu de la Bresse")

    result = run("sync", survey, folder)

    assert result.exit_code == 0
    own = own_file(folder, survey, current_device())
    assert f"wrote {own}" in result.stdout
    assert "fieldkit-collegue.fieldkit: 1 new initiative" in result.stdout
    assert re.search(r"warning: .*abîmé\.fieldkit: the file is truncated", result.stderr)
    again = run("sync", survey, folder)
    assert f"{own}: up to date" in again.stdout
    assert "fieldkit-collegue.fieldkit: nothing new" in again.stdout


def test_an_earlier_fieldkits_files_in_the_folder_are_explained_and_ones_own_replaced(
    laptops: dict[str, Path], folder: Path, laptop: Laptop
) -> None:
    """Before surveys had an identity, a laptop's file was ``fieldkit-<device>.fieldkit``."""
    for name in ("alice", "bruno"):
        old = folder / legacy_file_name(f"device-{name}")
        shutil.copyfile(laptops[name], old)
        made_before_identities(old)

    warnings = sync(laptops["alice"], folder, laptop("alice"))

    bruno_old = folder / legacy_file_name("device-bruno")
    assert warnings == [
        f"{bruno_old}: written by an earlier fieldkit, before surveys had an identity; "
        "its laptop replaces it at its next sync with this version"
    ]
    assert not (folder / legacy_file_name("device-alice")).exists()
    assert own_file(folder, laptops["alice"], laptop("alice")).exists()
