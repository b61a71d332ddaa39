"""Merging survey files: what comes in, what is reported, and what is never written.

DESIGN.md §5 and issue 4: ``merge TARGET SOURCES…`` unions changes, guide
snapshots and attachments into the target in one transaction and reports, per
source and in total, what came in by kind (new initiatives, interviews,
answers…, revisions, deletions, restorations, renames) and new conflicts; a
dry run reports the same and writes nothing; a source equal to the target,
merged twice or already contained changes nothing, byte for byte.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from fieldkit.errors import FieldkitError
from fieldkit.exchange.merge import merge_files
from fieldkit.survey import Survey
from fieldkit.survey.changes import Change, encode
from fieldkit.survey.check import check_survey
from fieldkit.survey.device import Device
from fieldkit.survey.dump import dump_text
from tests.conftest import Cli

Laptop = Callable[[str], Device]


def fingerprint(path: Path) -> tuple[str, int]:
    """The file's bytes and modification time: what "unchanged" means."""
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def dump_of(path: Path) -> str:
    with Survey.open(path, readonly=True) as survey:
        return dump_text(survey)


@pytest.fixture
def base(tmp_path: Path, laptop: Laptop) -> Path:
    """A survey with one initiative and one visit, before it is copied to the laptops."""
    path = tmp_path / "modèle.fieldkit"
    with Survey.create(path, device=laptop("base")) as survey:
        initiative = survey.add_initiative("Garage solidaire du Val", territory="Dijon")
        survey.add_interview(initiative, "2026-11-14", "Dijon", ["Camille"], id="visite-1")
    return path


@pytest.fixture
def copies(base: Path, laptop: Laptop) -> Callable[..., dict[str, Path]]:
    def make(*names: str) -> dict[str, Path]:
        paths = {}
        for name in names:
            paths[name] = base.with_name(f"{name}.fieldkit")
            shutil.copyfile(base, paths[name])
        return paths

    return make


def test_a_merge_brings_the_other_laptops_visits_and_reports_them(
    copies: Callable[..., dict[str, Path]], laptop: Laptop
) -> None:
    files = copies("alice", "bruno")
    with Survey.open(files["bruno"], device=laptop("bruno")) as bruno:
        initiative = bruno.add_initiative("Tiers-lieu de la Bresse")
        visit = bruno.add_interview(initiative, "2026-11-20", "Louhans")
        bruno.set_answer(visit, "description_initiative", "Un ancien moulin")
        bruno.set_answer("visite-1", "description_initiative", "Atelier de réparation")

    report = merge_files(files["alice"], [files["bruno"]], device=laptop("alice"))

    (source,) = report.sources
    assert (source.counts.initiatives, source.counts.interviews) == (1, 1)
    assert (source.counts.answers, source.counts.revisions, source.counts.conflicts) == (2, 0, 0)
    assert "1 new initiative, 1 new interview, 2 new answers" in source.describe()
    with Survey.open(files["alice"], device=laptop("alice")) as alice:
        assert alice.answers(visit)["description_initiative"] == "Un ancien moulin"
        assert check_survey(alice) == []
    assert dump_of(files["alice"]) == dump_of(files["bruno"])


def test_an_answer_changed_elsewhere_is_reported_updated(
    copies: Callable[..., dict[str, Path]], laptop: Laptop
) -> None:
    files = copies("alice", "bruno")
    with Survey.open(files["alice"], device=laptop("alice")) as alice:
        alice.set_answer("visite-1", "description_initiative", "Première version")
        alice.log.mark_sent()
    shutil.copyfile(files["alice"], files["bruno"])
    with Survey.open(files["bruno"], device=laptop("bruno")) as bruno:
        bruno.set_answer("visite-1", "description_initiative", "Version revue par Bruno")

    (source,) = merge_files(files["alice"], [files["bruno"]], device=laptop("alice")).sources

    assert (source.counts.answers, source.counts.revisions, source.counts.conflicts) == (0, 1, 0)


def test_two_laptops_changing_one_answer_make_one_new_conflict(
    copies: Callable[..., dict[str, Path]], laptop: Laptop
) -> None:
    files = copies("alice", "bruno")
    for name, text in (("alice", "Version d’Alice"), ("bruno", "Version de Bruno")):
        with Survey.open(files[name], device=laptop(name)) as survey:
            survey.set_answer("visite-1", "description_initiative", text)

    (source,) = merge_files(files["alice"], [files["bruno"]], device=laptop("alice")).sources

    assert source.counts.conflicts == 1
    with Survey.open(files["alice"], readonly=True) as alice:
        (conflict,) = alice.conflicts()
        assert {v.value for v in conflict.values} == {"Version d’Alice", "Version de Bruno"}


def test_each_answers_history_comes_whole_and_its_latest_revision_is_the_value(
    copies: Callable[..., dict[str, Path]], laptop: Laptop, tmp_path: Path
) -> None:
    files = copies("bruno")
    for text in ("Première visite", "Deuxième visite"):
        with Survey.open(files["bruno"], device=laptop("bruno")) as bruno:  # one session each
            bruno.set_answer("visite-1", "origine_details", text)
    target = tmp_path / "hub.fieldkit"

    merge_files(target, [files["bruno"]], device=laptop("hub"))

    with Survey.open(target, readonly=True) as hub:
        history = hub.answer_history("visite-1", "origine_details")
        assert [(r.value, r.current) for r in history] == [
            ("Première visite", False),
            ("Deuxième visite", True),
        ]
        assert hub.conflicts() == []
        assert check_survey(hub) == []


def test_a_dry_run_reports_the_same_and_writes_nothing(
    copies: Callable[..., dict[str, Path]], laptop: Laptop
) -> None:
    files = copies("alice", "bruno", "chloé")
    for name in ("bruno", "chloé"):
        with Survey.open(files[name], device=laptop(name)) as survey:
            survey.set_answer("visite-1", "origine_details", f"Vu par {name}")
    before = fingerprint(files["alice"])

    dry = merge_files(
        files["alice"], [files["bruno"], files["chloé"]], dry_run=True, device=laptop("alice")
    )

    assert fingerprint(files["alice"]) == before
    assert not files["alice"].with_name("alice.fieldkit-wal").exists()
    real = merge_files(files["alice"], [files["bruno"], files["chloé"]], device=laptop("alice"))
    assert dry.dry_run and not real.dry_run
    assert dry.sources == real.sources
    assert [s.counts.conflicts for s in real.sources] == [0, 1]


@pytest.mark.parametrize("how", ["itself", "twice", "contained"])
def test_a_source_the_target_already_holds_changes_nothing(
    copies: Callable[..., dict[str, Path]], laptop: Laptop, how: str
) -> None:
    files = copies("alice", "bruno")
    with Survey.open(files["bruno"], device=laptop("bruno")) as bruno:
        bruno.set_answer("visite-1", "description_initiative", "Un ancien moulin")
    target = files["alice"]
    if how == "twice":
        merge_files(target, [files["bruno"]], device=laptop("alice"))
    if how == "contained":
        shutil.copyfile(files["bruno"], target)
        with Survey.open(target, device=laptop("alice")) as alice:
            alice.set_answer("visite-1", "origine_details", "Et plus encore")
    source = target if how == "itself" else files["bruno"]
    before = fingerprint(target)

    report = merge_files(target, [source, source], device=laptop("alice"))

    assert not report.brought_anything
    assert [s.describe() for s in report.sources] == ["nothing new", "nothing new"]
    assert fingerprint(target) == before


def test_attachments_and_guide_snapshots_come_with_the_changes_that_name_them(
    copies: Callable[..., dict[str, Path]], laptop: Laptop, tmp_path: Path
) -> None:
    files = copies("alice", "bruno")
    photo = tmp_path / "atelier.jpg"
    photo.write_bytes(b"\xff\xd8 une photo de l'atelier \xff\xd9")
    with Survey.open(files["bruno"], device=laptop("bruno")) as bruno:
        attachment = bruno.attach("visite-1", photo, caption="L’atelier")

    (source,) = merge_files(files["alice"], [files["bruno"]], device=laptop("alice")).sources

    assert source.counts.attachments == 1
    with Survey.open(files["alice"], readonly=True) as alice:
        assert alice.attachment_data(attachment) == photo.read_bytes()


def test_merging_into_a_missing_target_creates_it_holding_exactly_the_sources(
    copies: Callable[..., dict[str, Path]], laptop: Laptop, tmp_path: Path
) -> None:
    files = copies("alice")
    target = tmp_path / "hub.fieldkit"

    dry = merge_files(target, [files["alice"]], dry_run=True, device=laptop("hub"))
    assert not target.exists() and dry.sources[0].counts.interviews == 1
    merge_files(target, [files["alice"]], device=laptop("hub"))

    assert dump_of(target) == dump_of(files["alice"])


def test_a_refused_source_leaves_a_new_target_uncreated(
    copies: Callable[..., dict[str, Path]], laptop: Laptop, tmp_path: Path
) -> None:
    files = copies("alice")
    broken = tmp_path / "cassé.fieldkit"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 50)
    target = tmp_path / "hub.fieldkit"

    with pytest.raises(FieldkitError, match=r"cassé\.fieldkit"):
        merge_files(target, [files["alice"], broken], device=laptop("hub"))

    assert sorted(p.name for p in tmp_path.glob("hub*")) == []


def forged_copy(path: Path, laptop: Laptop) -> Path:
    """A copy of ``path`` whose latest answer keeps its id but carries another value."""
    forged = path.with_name("forgé.fieldkit")
    shutil.copyfile(path, forged)
    with Survey.open(forged, device=laptop("faussaire")) as survey:
        state = survey.field_state("answer", "visite-1", "description_initiative")
        assert state is not None
        survey.log.connection.execute(
            "UPDATE changes SET value = ? WHERE id = ?", (encode("Faux"), state.heads[0])
        )
    return forged


def test_one_change_id_with_two_contents_in_two_sources_is_refused(
    copies: Callable[..., dict[str, Path]], laptop: Laptop, tmp_path: Path
) -> None:
    files = copies("alice", "bruno")
    with Survey.open(files["bruno"], device=laptop("bruno")) as bruno:
        bruno.set_answer("visite-1", "description_initiative", "Vraie version")
    forged = forged_copy(files["bruno"], laptop)
    before = fingerprint(files["alice"])

    with pytest.raises(FieldkitError, match=r"forgé\.fieldkit: change \w+ exists with two"):
        merge_files(files["alice"], [files["bruno"], forged], device=laptop("alice"))
    assert fingerprint(files["alice"]) == before

    merge_files(files["alice"], [files["bruno"]], device=laptop("alice"))
    with pytest.raises(FieldkitError, match=r"forgé\.fieldkit: change .* two different contents"):
        merge_files(files["alice"], [forged], device=laptop("alice"))


def test_the_latest_answers_still_in_a_sources_write_ahead_log_come_too(
    copies: Callable[..., dict[str, Path]], laptop: Laptop
) -> None:
    files = copies("alice", "bruno")
    with Survey.open(files["bruno"], device=laptop("bruno")) as bruno:
        bruno.set_answer("visite-1", "description_initiative", "Tapé à l’instant")
        # Bruno's fieldkit is still open: the answer sits in the -wal beside the file.
        assert files["bruno"].with_name("bruno.fieldkit-wal").stat().st_size > 0

        (source,) = merge_files(files["alice"], [files["bruno"]], device=laptop("alice")).sources

    assert source.counts.answers == 1


def test_raising_from_progress_cancels_the_merge_and_writes_nothing(
    copies: Callable[..., dict[str, Path]], laptop: Laptop
) -> None:
    files = copies("alice", "bruno")
    with Survey.open(files["bruno"], device=laptop("bruno")) as bruno:
        bruno.set_answer("visite-1", "description_initiative", "Un ancien moulin")
    before = fingerprint(files["alice"])
    steps: list[tuple[int, int]] = []

    class Cancelled(Exception):
        pass

    def progress(done: int, total: int) -> None:
        steps.append((done, total))
        if done == total:
            raise Cancelled

    with pytest.raises(Cancelled):
        merge_files(files["alice"], [files["bruno"]], device=laptop("alice"), progress=progress)

    assert steps == [(0, 2), (1, 2), (2, 2)]
    assert fingerprint(files["alice"]) == before


def test_the_clock_of_the_target_jumps_past_the_stamps_it_merged(
    copies: Callable[..., dict[str, Path]], laptop: Laptop
) -> None:
    files = copies("alice", "bruno")
    future = 2**16 * 4_000_000_000_000  # a laptop whose clock runs in 2096
    with Survey.open(files["bruno"], device=laptop("bruno")) as bruno:
        change = Change(
            "bruno-futur", "answer", "visite-1", "origine_details", encode("Plus tard"),
            future, "device-bruno", "bruno", "[]",
        )  # fmt: skip
        bruno.log.add_changes([change])
    merge_files(files["alice"], [files["bruno"]], device=laptop("alice"))

    with Survey.open(files["alice"], device=laptop("alice")) as alice:
        alice.set_answer("visite-1", "origine_details", "Réponse d’Alice, après")
        state = alice.field_state("answer", "visite-1", "origine_details")
        assert state is not None and not state.in_conflict and state.hlc > future


def test_the_command_line_prints_one_line_per_source_and_a_dry_run_says_so(
    run: Cli, copies: Callable[..., dict[str, Path]], laptop: Laptop
) -> None:
    files = copies("alice", "bruno")
    with Survey.open(files["bruno"], device=laptop("bruno")) as bruno:
        bruno.set_answer("visite-1", "description_initiative", "Un ancien moulin")
    before = fingerprint(files["alice"])

    dry = run("merge", "--dry-run", files["alice"], files["bruno"], files["alice"])

    assert dry.exit_code == 0
    assert dry.stdout.splitlines() == [
        f"{files['bruno']}: 1 new answer (1 change)",
        f"{files['alice']}: nothing new",
        f"dry run: {files['alice']} was not changed",
    ]
    assert fingerprint(files["alice"]) == before
    done = run("merge", files["alice"], files["bruno"])
    assert done.stdout == f"{files['bruno']}: 1 new answer (1 change)\n"
    assert run("merge", files["alice"], files["bruno"]).stdout.endswith("nothing new\n")
