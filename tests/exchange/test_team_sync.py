"""Team sync you can trust: each problem of issue 15 (and the sync items of issue 11), as a scene.

DESIGN.md §5: a survey has an identity, and a merge or a sync refuses a file
of another survey by name; a sync publishes every change the folder lacks,
however it arrived; clocks have a floor and a ceiling that agree with what a
file may carry, so no stamp can stop a laptop from writing; a dry run
changes nothing; a laptop's own file, altered, is written again; the merge
report says what came in by kind; identical values are no conflict; two
computers never sign as one. The team-wide laws over random routes are in
``test_team_laws.py``.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from fieldkit.errors import FieldkitError
from fieldkit.exchange.join import join_survey
from fieldkit.exchange.merge import merge_files, merge_into
from fieldkit.exchange.sync import sync_folder
from fieldkit.survey import Survey
from fieldkit.survey.changes import Change, encode
from fieldkit.survey.check import check_survey
from fieldkit.survey.device import CONFIG_ENV, Device, current_device
from fieldkit.survey.dump import dump_text
from fieldkit.survey.hlc import pack
from tests.conftest import Cli

Laptop = Callable[[str], Device]
#: 2100-01-01, the latest stamp a file may carry (written out, as a forger would).
LATEST = pack(4_102_444_800_000)


@pytest.fixture
def base(tmp_path: Path, laptop: Laptop) -> Path:
    path = tmp_path / "modèle.fieldkit"
    with Survey.create(path, device=laptop("base")) as survey:
        initiative = survey.add_initiative("Garage solidaire du Val")
        survey.add_interview(initiative, "2026-11-14", "Dijon", id="visite-1")
    return path


@pytest.fixture
def laptops(base: Path, tmp_path: Path) -> dict[str, Path]:
    """Four laptops holding copies of one survey."""
    paths = {}
    for name in ("alice", "bruno", "chloé", "driss"):
        paths[name] = tmp_path / name / "visites.fieldkit"
        paths[name].parent.mkdir()
        shutil.copyfile(base, paths[name])
    return paths


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "Nextcloud" / "visites"
    path.mkdir(parents=True)
    return path


def sync(path: Path, folder: Path, device: Device) -> list[str]:
    with Survey.open(path, device=device) as survey:
        return sync_folder(survey.log, folder).warnings


def dump_of(path: Path) -> str:
    with Survey.open(path, readonly=True) as survey:
        return dump_text(survey)


def sql(path: Path, *statements: str) -> None:
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as connection:
        for statement in statements:
            connection.execute(statement)


@contextlib.contextmanager
def wall_clock(milliseconds: int) -> Iterator[None]:
    """This laptop's wall clock says ``milliseconds`` since 1970 (and does not move)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(time, "time_ns", lambda: milliseconds * 1_000_000)
        yield


# -- 1. survey identity -----------------------------------------------------------------


def test_two_surveys_sharing_a_folder_never_mix(
    laptops: dict[str, Path], folder: Path, tmp_path: Path, laptop: Laptop
) -> None:
    other = tmp_path / "autre équipe.fieldkit"
    with Survey.create(other, device=laptop("yann")) as survey:
        survey.add_initiative("Tiers-lieu de la Bresse")
    with Survey.open(laptops["alice"], device=laptop("alice")) as alice:
        alice.set_answer("visite-1", "description_initiative", "Atelier de réparation")
    ours = {name: laptops[name] for name in ("alice", "bruno")}
    for _ in range(2):
        for name, path in ours.items():
            assert sync(path, folder, laptop(name)) == []
        assert sync(other, folder, laptop("yann")) == []

    assert dump_of(ours["alice"]) == dump_of(ours["bruno"])
    assert "Tiers-lieu de la Bresse" not in dump_of(ours["alice"])
    assert "Garage solidaire du Val" not in dump_of(other)
    assert len(list(folder.iterdir())) == 3


def test_merge_refuses_a_file_of_another_survey_naming_both(
    run: Cli, laptops: dict[str, Path], tmp_path: Path, laptop: Laptop
) -> None:
    other = tmp_path / "bretagne.fieldkit"
    assert run("new", other).exit_code == 0
    with Survey.open(other, device=laptop("yann")) as survey:
        survey.log.write("survey", "survey", "title", "Visites 2026 — Bretagne")
    before = dump_of(laptops["alice"])

    result = run("merge", laptops["alice"], other)

    assert result.exit_code == 1
    assert result.stderr == (
        f"fieldkit: {other}: this file belongs to the survey « Visites 2026 — Bretagne », "
        "not to « Monographie d’initiative », the survey of visites.fieldkit\n"
    )
    assert dump_of(laptops["alice"]) == before


def test_a_newcomer_joins_from_the_folder_and_syncs_without_a_second_survey(
    run: Cli, laptops: dict[str, Path], folder: Path, tmp_path: Path, laptop: Laptop
) -> None:
    with Survey.open(laptops["alice"], device=laptop("alice")) as alice:
        alice.set_answer("visite-1", "description_initiative", "Atelier de réparation")
    sync(laptops["alice"], folder, laptop("alice"))
    newcomer = tmp_path / "nouvelle" / "mes visites.fieldkit"
    newcomer.parent.mkdir()

    result = run("join", folder, newcomer)

    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"{newcomer}: joined the survey « Monographie d’initiative »")
    assert dump_of(newcomer) == dump_of(laptops["alice"])
    assert run("sync", newcomer, folder).exit_code == 0
    assert (
        run("join", folder, newcomer).stderr
        == f"fieldkit: {newcomer}: a file already exists there\n"
    )


# -- 2. changes that arrive by another route ------------------------------------------


def test_a_change_received_by_email_reaches_the_folder_and_a_newcomer_gets_it_whole(
    laptops: dict[str, Path], folder: Path, tmp_path: Path, laptop: Laptop
) -> None:
    # Driss is not in the folder: he e-mails his file to Bruno, who is.
    with Survey.open(laptops["driss"], device=laptop("driss")) as driss:
        initiative = driss.add_initiative("Recyclerie des Monts")
        visit = driss.add_interview(initiative, "2026-11-20", "Autun")
        driss.set_answer(visit, "description_initiative", "Un ancien garage")
    merge_files(laptops["bruno"], [laptops["driss"]], device=laptop("bruno"))
    sync(laptops["bruno"], folder, laptop("bruno"))
    sync(laptops["alice"], folder, laptop("alice"))

    assert dump_of(laptops["alice"]) == dump_of(laptops["driss"])
    newcomer = tmp_path / "arrivée.fieldkit"

    join_survey(folder, newcomer, device=laptop("chloé"))
    with Survey.open(newcomer, readonly=True) as joined:
        assert check_survey(joined) == []
        assert joined.answers(visit)["description_initiative"] == "Un ancien garage"


# -- 3 and 4. clocks ---------------------------------------------------------------------


def test_a_survey_made_on_a_laptop_whose_clock_says_1999_still_merges(
    tmp_path: Path, laptop: Laptop
) -> None:
    bruno, alice = tmp_path / "bruno.fieldkit", tmp_path / "alice.fieldkit"
    with wall_clock(928_195_200_000), Survey.create(bruno, device=laptop("bruno")) as survey:
        initiative = survey.add_initiative("Garage solidaire du Val")  # the BIOS battery is flat
        survey.add_interview(initiative, "2026-11-14", "Dijon", id="visite-1")

    merge_files(alice, [bruno], device=laptop("alice"))  # Alice makes her file from his

    assert dump_of(alice) == dump_of(bruno)
    with Survey.open(alice, device=laptop("alice")) as survey:
        survey.set_answer("visite-1", "description_initiative", "Écrit à l’heure juste")
    merge_files(bruno, [alice], device=laptop("bruno"))
    assert dump_of(alice) == dump_of(bruno)


def forged_change(hlc: int) -> Change:
    return Change(
        "forge-au-plafond", "answer", "visite-1", "origine_details", encode("Venu du futur"),
        hlc, "device-inconnu", "Inconnu", "[]",
    )  # fmt: skip


def test_a_change_stamped_at_the_limit_never_stops_a_laptop_from_writing(
    laptops: dict[str, Path], laptop: Laptop
) -> None:
    with Survey.open(laptops["bruno"], device=laptop("bruno")) as bruno:
        bruno.log.add_changes([forged_change(LATEST)])
    merge_files(laptops["alice"], [laptops["bruno"]], device=laptop("alice"))

    with Survey.open(laptops["alice"], device=laptop("alice")) as alice:
        for text in ("Après la fusion", "Et encore après"):
            alice.set_answer("visite-1", "description_initiative", text)
        stamps = [c.hlc for c in alice.log.all_changes()]
    assert max(stamps) <= LATEST
    merge_files(laptops["chloé"], [laptops["alice"]], device=laptop("chloé"))  # accepted
    assert dump_of(laptops["chloé"]) == dump_of(laptops["alice"])


def spoil_device_index(path: Path, change_id: str, stamp: int) -> None:
    """Make the file's device index claim ``stamp`` for a change, its table left as it was.

    ``quick_check`` does not compare an index with its table: only a forger's
    hand or a damaged disk makes them disagree, and SQLite reads ``max(hlc)``
    from that index.
    """
    sql(path, "PRAGMA journal_mode = DELETE")
    forged = path.with_name("forgé.fieldkit")
    shutil.copyfile(path, forged)
    sql(forged, f"UPDATE changes SET hlc = {stamp} WHERE id = '{change_id}'")
    with contextlib.closing(sqlite3.connect(path)) as connection:
        (root,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'changes_by_device'"
        ).fetchone()
        (size,) = connection.execute("PRAGMA page_size").fetchone()
    data = bytearray(path.read_bytes())
    data[(root - 1) * size : root * size] = forged.read_bytes()[(root - 1) * size : root * size]
    path.write_bytes(bytes(data))
    forged.unlink()
    with contextlib.closing(sqlite3.connect(path)) as connection:
        assert connection.execute("SELECT max(hlc) FROM changes").fetchone()[0] == stamp


def test_a_forged_index_stamp_of_2_63_never_stops_a_laptop_from_writing(
    laptops: dict[str, Path], laptop: Laptop
) -> None:
    with Survey.open(laptops["bruno"], device=laptop("bruno")) as bruno:
        bruno.set_answer("visite-1", "origine_details", "Réponse de Bruno")
        (answer,) = bruno.answer_history("visite-1", "origine_details")
    spoil_device_index(laptops["bruno"], answer.change, 2**63 - 1)

    # As a merge source, and as one's own survey, opened for a session.
    merge_files(laptops["alice"], [laptops["bruno"]], device=laptop("alice"))
    for name in ("alice", "bruno"):
        with Survey.open(laptops[name], device=laptop(name)) as survey:
            survey.set_answer("visite-1", "description_initiative", f"Écrit par {name}")
            assert max(c.hlc for c in survey.log.all_changes()) <= LATEST


# -- 5. a dry run --------------------------------------------------------------------------


def test_a_dry_run_does_not_even_move_the_clock(laptops: dict[str, Path], laptop: Laptop) -> None:
    future = pack(4_000_000_000_000)  # 2096
    with Survey.open(laptops["bruno"], device=laptop("bruno")) as bruno:
        bruno.log.add_changes([forged_change(future)])
    with Survey.open(laptops["alice"], device=laptop("alice")) as alice:
        merge_into(alice.log, [laptops["bruno"]], dry_run=True)  # the window's preview
        alice.set_answer("visite-1", "description_initiative", "Écrit après l’aperçu")
        state = alice.field_state("answer", "visite-1", "description_initiative")
    assert state is not None and state.hlc < future


# -- 6. a laptop's own file, altered ----------------------------------------------------


def test_an_own_file_altered_by_someone_else_is_written_again_and_the_team_stays_one(
    laptops: dict[str, Path], folder: Path, laptop: Laptop
) -> None:
    with Survey.open(laptops["alice"], device=laptop("alice")) as alice:
        alice.set_answer("visite-1", "description_initiative", "Version d’Alice")
    sync(laptops["alice"], folder, laptop("alice"))
    (own,) = folder.iterdir()
    sql(own, """UPDATE changes SET value = '"Version trafiquée"' WHERE device = 'device-alice'""")

    warnings = sync(laptops["alice"], folder, laptop("alice"))

    assert len(warnings) == 1 and str(own) in warnings[0]
    assert "written again" in warnings[0]
    assert sync(laptops["bruno"], folder, laptop("bruno")) == []
    assert dump_of(laptops["bruno"]) == dump_of(laptops["alice"])
    assert "Version trafiquée" not in dump_of(laptops["bruno"])


# -- 7. the merge report -------------------------------------------------------------------


def test_the_merge_report_names_every_kind_that_came_in(
    run: Cli, laptops: dict[str, Path], laptop: Laptop, tmp_path: Path
) -> None:
    with Survey.open(laptops["bruno"], device=laptop("bruno")) as bruno:
        initiative = bruno.initiatives()[0].id
        extra = bruno.add_interview(initiative, "2026-12-01", "Beaune")
        bruno.log.mark_sent()
    merge_files(laptops["alice"], [laptops["bruno"]], device=laptop("alice"))
    with Survey.open(laptops["bruno"], device=laptop("bruno")) as bruno:
        bruno.delete("interview", extra)
        bruno.log.mark_sent()
    merge_files(laptops["chloé"], [laptops["bruno"]], device=laptop("chloé"))
    with Survey.open(laptops["chloé"], device=laptop("chloé")) as chloé:
        chloé.restore("interview", extra)  # she had seen the deletion
    photo = tmp_path / "façade.jpg"
    photo.write_bytes(b"\xff\xd8 fa\xc3\xa7ade \xff\xd9")
    with Survey.open(laptops["bruno"], device=laptop("bruno")) as bruno:
        bruno.set_initiative(initiative, "name", "Garage solidaire de la Vallée")
        bruno.add_quote("visite-1", "On répare ensemble.")
        bruno.add_note("visite-1", "Rappeler la mairie.")
        bruno.attach("visite-1", photo)
        bruno.set_answer("visite-1", "origine_details", "Une idée de café")

    result = run("merge", "--dry-run", laptops["alice"], laptops["bruno"], laptops["chloé"])

    assert result.stdout.splitlines()[:3] == [
        f"{laptops['bruno']}: 1 new answer, 1 deletion, 1 rename, 1 new quote, 1 new note, "
        "1 new attachment (12 changes)",
        f"{laptops['chloé']}: 1 restoration (1 change)",
        "total: 1 new answer, 1 deletion, 1 restoration, 1 rename, 1 new quote, 1 new note, "
        "1 new attachment (13 changes)",
    ]


# -- 8. the same value typed twice ------------------------------------------------------------


def test_two_people_who_typed_the_same_value_are_shown_no_conflict(
    laptops: dict[str, Path], laptop: Laptop
) -> None:
    for name in ("alice", "bruno"):
        with Survey.open(laptops[name], device=laptop(name)) as survey:
            survey.set_answer("visite-1", "origine_details", "Mobilisation citoyenne")

    (source,) = merge_files(laptops["alice"], [laptops["bruno"]], device=laptop("alice")).sources

    assert source.counts.conflicts == 0
    with Survey.open(laptops["alice"], device=laptop("alice")) as alice:
        assert alice.conflicts() == []
        alice.set_answer("visite-1", "origine_details", "Mobilisation des habitants")
        assert alice.answers("visite-1")["origine_details"] == "Mobilisation des habitants"
        assert check_survey(alice) == []


# -- 9. one device id, two computers ------------------------------------------------------


def test_on_windows_the_device_identity_stays_on_the_machine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roaming, local = tmp_path / "Roaming", tmp_path / "Local"
    (roaming / "fieldkit").mkdir(parents=True)
    (roaming / "fieldkit" / "device.json").write_text(
        '{"device": "id-copied-by-the-roaming-profile", "author": "Camille Roussel"}',
        encoding="utf-8",
    )
    monkeypatch.delenv(CONFIG_ENV)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("APPDATA", str(roaming))
    monkeypatch.setenv("LOCALAPPDATA", str(local))

    device = current_device()

    assert device.author == "Camille Roussel"
    assert device.id != "id-copied-by-the-roaming-profile"
    assert (local / "fieldkit" / "device.json").exists()
    assert current_device() == device


def test_a_computer_signing_as_this_one_is_noticed_and_this_one_takes_a_fresh_id(
    run: Cli, base: Path, folder: Path, tmp_path: Path
) -> None:
    """Two computers with one configuration (copied by hand): their files meet in the folder."""
    first, second = tmp_path / "pc1.fieldkit", tmp_path / "pc2.fieldkit"
    for path in (first, second):
        shutil.copyfile(base, path)
    device = current_device()
    assert run("answer", first, "visite-1", "origine_details", "Sur le premier").exit_code == 0
    assert run("sync", first, folder).exit_code == 0
    assert run("answer", second, "visite-1", "besoins_non_couverts", "Sur le second").exit_code == 0

    result = run("sync", second, folder)

    assert result.exit_code == 0
    assert "another computer signs as this one" in result.stderr
    assert current_device().id != device.id and current_device().author == device.author
    assert run("sync", first, folder).exit_code == 0
    assert run("sync", second, folder).stderr == ""
    assert dump_of(first) == dump_of(second)


# -- issue 11: bad peers, a folder in the way, a visit without its guide ----------------------


def spoil_with_a_lone_surrogate(path: Path) -> None:
    sql(
        path,
        """UPDATE changes SET value = '"\\ud800"' WHERE field = 'description_initiative'""",
    )


def spoil_with_one_change_id_twice(path: Path) -> None:
    """Give a second change the id of the first, in every page that names it (table and indexes)."""
    with contextlib.closing(sqlite3.connect(path)) as connection:
        first, second = [
            row[0]
            for row in connection.execute(
                "SELECT id FROM changes WHERE entity = 'answer' ORDER BY hlc LIMIT 2"
            )
        ]
    path.write_bytes(path.read_bytes().replace(second.encode(), first.encode()))


@pytest.mark.parametrize("spoil", [spoil_with_a_lone_surrogate, spoil_with_one_change_id_twice])
def test_a_bad_peer_is_skipped_with_a_warning_naming_it_and_the_others_are_merged(
    laptops: dict[str, Path], folder: Path, laptop: Laptop, spoil: Callable[[Path], None]
) -> None:
    with Survey.open(laptops["bruno"], device=laptop("bruno")) as bruno:
        bruno.set_answer("visite-1", "description_initiative", "Texte de Bruno")
        bruno.set_answer("visite-1", "origine_details", "Origine selon Bruno")
    sync(laptops["bruno"], folder, laptop("bruno"))
    (bad,) = folder.iterdir()
    with Survey.open(laptops["chloé"], device=laptop("chloé")) as chloé:
        chloé.set_answer("visite-1", "besoins_non_couverts", "Texte de Chloé")
    sync(laptops["chloé"], folder, laptop("chloé"))
    spoil(bad)

    warnings = sync(laptops["alice"], folder, laptop("alice"))

    assert len(warnings) == 1 and warnings[0].startswith(f"{bad}: ")
    with Survey.open(laptops["alice"], readonly=True) as alice:
        assert alice.answers("visite-1")["besoins_non_couverts"] == "Texte de Chloé"


def test_a_folder_where_the_own_file_goes_is_named_and_the_peers_still_come_in(
    run: Cli, laptops: dict[str, Path], folder: Path, laptop: Laptop
) -> None:
    assert run("answer", laptops["alice"], "visite-1", "origine_details", "D’Alice").exit_code == 0
    first = run("sync", laptops["alice"], folder)
    (own,) = folder.iterdir()
    assert f"wrote {own}" in first.stdout
    own.unlink()
    own.mkdir()
    with Survey.open(laptops["bruno"], device=laptop("bruno")) as bruno:
        bruno.set_answer("visite-1", "description_initiative", "Texte de Bruno")
    sync(laptops["bruno"], folder, laptop("bruno"))

    result = run("sync", laptops["alice"], folder)

    assert result.exit_code == 0
    assert re.fullmatch(
        f"warning: {re.escape(str(own))}: a folder stands where this laptop's own file goes; "
        "[^\n]*\n",
        result.stderr,
    )
    with Survey.open(laptops["alice"], readonly=True) as alice:
        assert alice.answers("visite-1")["description_initiative"] == "Texte de Bruno"


def test_a_visit_naming_a_guide_snapshot_absent_from_the_file_is_refused(
    laptops: dict[str, Path], laptop: Laptop
) -> None:
    with Survey.open(laptops["bruno"], device=laptop("bruno")) as bruno:
        visit = bruno.add_interview(bruno.initiatives()[0].id, "2026-12-01", "Beaune")
    missing = "b" * 64
    sql(
        laptops["bruno"],
        f"""UPDATE changes SET value = '"{missing}"' """
        f"WHERE entity = 'interview' AND entity_id = '{visit}' AND field = 'guide'",
    )

    with pytest.raises(FieldkitError, match=r"refers to a guide snapshot \(bbbbbbbbbbbb\)"):
        merge_files(laptops["alice"], [laptops["bruno"]], device=laptop("alice"))
    with Survey.open(laptops["alice"], readonly=True) as alice:
        assert check_survey(alice) == []
