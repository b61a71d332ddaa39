"""The merge laws of DESIGN.md §4–§5, checked on files made by random edits on several laptops.

Files are made by random sequences of edits on three devices — answers,
quotes, deletions and restorations, attachments, guide changes — in several
editing sessions, with copies of a file edited apart, merges between them and
syncs (changes marked sent).
Then, through ``merge_files`` exactly as ``fieldkit merge`` runs it:

- merge is commutative, associative and idempotent: any order, any grouping,
  any repetition gives a byte-identical ``fieldkit dump``;
- it is lossless: every change that ever left a file (copied or merged
  elsewhere) and every change of every final file is in the result;
- a field is in conflict exactly when two of its changes with different values
  were written without either having seen the other — an oracle that knows
  what each laptop's file held at each write, independent of ``supersedes`` —
  and never otherwise;
- resolving every conflict on one laptop, then merging that file anywhere,
  ends them everywhere.

A SIGKILL test checks that a merge killed at any moment leaves the target as
it was before or as it is after, and the issue's "done when" scenario runs
three laptops through every merge order and a shared folder.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from fieldkit.exchange.conflicts import keep
from fieldkit.exchange.merge import merge_files
from fieldkit.exchange.sync import sync_folder
from fieldkit.guide.loader import load_guide, parse_guide
from fieldkit.guide.model import Guide
from fieldkit.survey import Survey
from fieldkit.survey.changes import FieldKey
from fieldkit.survey.check import check_survey
from fieldkit.survey.device import Device
from fieldkit.survey.dump import dump_text

DEVICES = ("A", "B", "C")
QUESTIONS = ("description_initiative", "origine_details")
MOST_FILES = 5
HUB = Device("device-hub", "Hub")

law_settings = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def device(name: str) -> Device:
    return Device(id=f"device-{name}", author=name)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "modèle.fieldkit"
    with Survey.create(path, device=device("base")) as survey:
        initiative = survey.add_initiative("Tiers-lieu de la Bresse")
        survey.add_interview(initiative, "2026-09-01", "Louhans", id="visite-1")
        survey.add_interview(initiative, "2026-09-15", "Cuiseaux", id="visite-2")
    return path


@contextlib.contextmanager
def opened(path: Path, readonly: bool = True) -> Iterator[Survey]:
    with Survey.open(path, readonly=readonly, device=HUB) as survey:
        yield survey


def dump_of(path: Path) -> str:
    with opened(path) as survey:
        return dump_text(survey)


def change_ids(path: Path) -> set[str]:
    with opened(path) as survey:
        return {c.id for c in survey.log.all_changes()}


def changes_by_field(survey: Survey) -> dict[FieldKey, set[str]]:
    found: dict[FieldKey, set[str]] = defaultdict(set)
    for change in survey.log.all_changes():
        found[change.key].add(change.id)
    return found


# -- the world: laptops' files, and what each write had seen ---------------------------

Edit = Callable[[Survey], None]


@dataclass
class World:
    """Files on laptops, edited by random steps, with the oracle's records."""

    folder: Path
    files: list[Path] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)
    open: dict[int, Survey] = field(default_factory=dict)
    #: For every change ever written: the changes of its field its file held then.
    seen: dict[str, set[str]] = field(default_factory=dict)
    #: Every change that left a file (copied, or merged into another).
    left: set[str] = field(default_factory=set)

    def survey(self, index: int) -> Survey:
        if index not in self.open:
            self.open[index] = Survey.open(self.files[index], device=device(self.owners[index]))
        return self.open[index]

    def close(self, index: int) -> None:
        survey = self.open.pop(index, None)
        if survey is not None:
            survey.close()

    def close_all(self) -> None:
        for index in list(self.open):
            self.close(index)

    def write(self, index: int, edit: Edit) -> None:
        """Make one edit on a laptop and record what each new change had seen."""
        survey = self.survey(index)
        before = changes_by_field(survey)
        edit(survey)
        for key, ids in changes_by_field(survey).items():
            for new in ids - before.get(key, set()):
                self.seen[new] = set(before.get(key, set()))


def pick(survey: Survey, entity: str, n: int) -> str | None:
    ids = sorted(survey.log.entities(entity))
    return ids[n % len(ids)] if ids else None


PHOTOS = [bytes([n]) * (100 + n) for n in range(3)]


def guide_variant(n: int) -> Guide:
    """The built-in guide with a comment added: another snapshot, another hash."""
    base = load_guide()
    return parse_guide(base.source_text + f"\n# variante {n}\n", f"variante {n}")


def apply(world: World, step: tuple[object, ...]) -> None:
    kind = step[0]
    index = int(str(step[1])) % len(world.files)
    if kind == "answer":
        _, _, n, question, text = step
        world.write(
            index,
            lambda s: s.set_answer(f"visite-{int(str(n)) % 2 + 1}", str(question), str(text)),
        )
    elif kind == "quote":
        _, _, n, text = step
        world.write(index, lambda s: s.add_quote(f"visite-{int(str(n)) % 2 + 1}", str(text)))
    elif kind in {"delete", "restore"}:
        _, _, entity, n = step

        def toggle(survey: Survey) -> None:
            target = pick(survey, str(entity), int(str(n)))
            if target is not None:
                (survey.delete if kind == "delete" else survey.restore)(str(entity), target)

        world.write(index, toggle)
    elif kind == "attach":
        _, _, n, photo = step
        path = world.folder / f"photo-{photo}.jpg"
        path.write_bytes(PHOTOS[int(str(photo))])
        world.write(index, lambda s: s.attach(f"visite-{int(str(n)) % 2 + 1}", path))
    elif kind == "guide":
        _, _, variant = step

        def change_guide(survey: Survey) -> None:
            digest = survey.add_guide(guide_variant(int(str(variant))))
            survey.log.write("survey", "survey", "guide", digest)

        world.write(index, change_guide)
    elif kind == "sent":
        world.survey(index).log.mark_sent()
    elif kind == "reopen":
        world.close(index)  # a new editing session: the next edit is a new revision
    elif kind == "revise":
        _, _, question, text = step
        world.close(index)
        world.write(index, lambda s: s.set_answer("visite-1", str(question), str(text)))
    elif kind == "copy":
        _, _, owner = step
        if len(world.files) >= MOST_FILES:
            return
        world.close(index)  # a plain copy of a closed file, as on a USB key
        world.left |= change_ids(world.files[index])
        copy = world.folder / f"copie-{len(world.files)}.fieldkit"
        shutil.copyfile(world.files[index], copy)
        world.files.append(copy)
        world.owners.append(str(owner))
    elif kind == "merge":
        _, _, source = step
        source_index = int(str(source)) % len(world.files)
        world.left |= change_ids(world.files[source_index])
        merge_files(world.files[index], [world.files[source_index]], device=HUB)
        # An open window would reopen the file to see what came in.
        world.close(index)
    else:
        raise AssertionError(f"unknown step {step!r}")


file_index = st.integers(0, MOST_FILES - 1)
answers = st.tuples(
    st.just("answer"),
    file_index,
    st.integers(0, 1),
    st.sampled_from(QUESTIONS),
    st.text(alphabet="aé ", max_size=4),
)
# Answers weigh three times as much: concurrent edits of one field are what
# conflicts are made of, and they need a few answers to be likely.
steps = st.one_of(
    answers,
    answers,
    answers,
    st.tuples(st.just("quote"), file_index, st.integers(0, 1), st.text(alphabet="xé", min_size=1)),
    st.tuples(
        st.sampled_from(["delete", "restore"]),
        file_index,
        st.sampled_from(["interview", "quote"]),
        st.integers(0, 3),
    ),
    st.tuples(st.just("attach"), file_index, st.integers(0, 1), st.integers(0, 2)),
    st.tuples(st.just("guide"), file_index, st.integers(0, 1)),
    st.tuples(st.just("sent"), file_index),
    st.tuples(st.just("reopen"), file_index),
    st.tuples(st.just("revise"), file_index, st.sampled_from(QUESTIONS), st.text("ré", max_size=3)),
    st.tuples(st.just("copy"), file_index, st.sampled_from(DEVICES)),
    st.tuples(st.just("merge"), file_index, file_index),
)  # fmt: skip


@contextlib.contextmanager
def world_of(template: Path, program: list[tuple[object, ...]]) -> Iterator[World]:
    with tempfile.TemporaryDirectory(prefix="fieldkit-laws-") as name:
        world = World(Path(name))
        with opened(template) as base:
            world.seen = {c.id: set() for c in base.log.all_changes()}
        for owner in DEVICES:
            path = world.folder / f"{owner}.fieldkit"
            shutil.copyfile(template, path)
            world.files.append(path)
            world.owners.append(owner)
        try:
            for step in program:
                apply(world, step)
        finally:
            world.close_all()
        yield world


def merged(folder: Path, name: str, sources: list[Path]) -> Path:
    target = folder / f"{name}.fieldkit"
    merge_files(target, sources, device=HUB)
    return target


# -- the laws ---------------------------------------------------------------------------


@law_settings
@given(program=st.lists(steps, min_size=3, max_size=18), shuffler=st.randoms(use_true_random=False))
def test_merge_is_commutative_associative_idempotent_and_lossless(
    template: Path, program: list[tuple[object, ...]], shuffler: random.Random
) -> None:
    with world_of(template, program) as world:
        files, folder = world.files, world.folder
        shuffled = list(files)
        shuffler.shuffle(shuffled)
        union = merged(folder, "union", files)
        reversed_order = merged(folder, "à-rebours", files[::-1])
        grouped = merged(folder, "groupé", [shuffled[0], merged(folder, "reste", shuffled[1:])])
        into_a_laptop = shuffled[-1]
        merge_files(into_a_laptop, shuffled[:-1], device=HUB)

        expected = dump_of(union)
        with opened(union) as survey:
            assert check_survey(survey) == []
        for other in (reversed_order, grouped, into_a_laptop):
            assert dump_of(other) == expected

        before = union.read_bytes()
        merge_files(union, [*files, reversed_order, union], device=HUB)
        assert union.read_bytes() == before

        held = change_ids(union)
        assert world.left <= held
        for path in files:
            assert change_ids(path) <= held


def oracle_heads(world: World, survey: Survey) -> dict[FieldKey, set[str]]:
    """The changes of each field that no other change of it was written having seen."""
    heads = {}
    for key, ids in changes_by_field(survey).items():
        seen_by_others = set().union(*(world.seen[i] for i in ids))
        heads[key] = ids - seen_by_others
    return heads


@law_settings
@given(program=st.lists(steps, min_size=3, max_size=18))
def test_a_conflict_is_exactly_two_writes_that_had_not_seen_each_other(
    template: Path, program: list[tuple[object, ...]]
) -> None:
    with world_of(template, program) as world:
        union = merged(world.folder, "union", world.files)
        with opened(union) as survey:
            expected = oracle_heads(world, survey)
            for key, heads in expected.items():
                state = survey.field_state(*key)
                assert state is not None
                assert set(state.heads) == heads, key
            conflicts = {c.id for c in survey.conflicts()}
            # Two people who wrote the same value did not disagree (DESIGN.md §5).
            values = {
                key: {change.value for change in survey.log.changes_of(key) if change.id in heads}
                for key, heads in expected.items()
            }
        assert conflicts == {"/".join(k) for k in expected if len(values[k]) > 1}
        event(f"conflicts: {min(len(conflicts), 3)}{'+' if len(conflicts) > 3 else ''}")


@law_settings
@given(program=st.lists(steps, min_size=3, max_size=18))
def test_resolving_on_one_laptop_then_merging_ends_the_conflict_everywhere(
    template: Path, program: list[tuple[object, ...]]
) -> None:
    with world_of(template, program) as world:
        resolver = world.folder / "résolution.fieldkit"
        shutil.copyfile(world.files[0], resolver)
        merge_files(resolver, world.files[1:], device=HUB)
        with Survey.open(resolver, device=device("A")) as survey:
            for conflict in survey.conflicts():
                keep(survey, conflict.id, conflict.values[-1].change)
            assert survey.conflicts() == []

        for path in world.files:
            merge_files(path, [resolver], device=HUB)
            with opened(path) as survey:
                assert survey.conflicts() == []
        assert len({dump_of(path) for path in world.files}) == 1


# -- the "done when" --------------------------------------------------------------


def test_three_laptops_merged_in_every_order_and_synced_end_identical_with_the_real_conflicts(
    template: Path, tmp_path: Path
) -> None:
    laptops = {}
    for name in DEVICES:
        laptops[name] = tmp_path / name / "visites.fieldkit"
        laptops[name].parent.mkdir()
        shutil.copyfile(template, laptops[name])
    with Survey.open(laptops["A"], device=device("A")) as a:
        a.set_answer("visite-1", "description_initiative", "Version d’Anne")
        a.set_answer("visite-2", "origine_details", "Seule Anne y a répondu")
    with Survey.open(laptops["B"], device=device("B")) as b:
        b.set_answer("visite-1", "description_initiative", "Version de Basile")
        b.add_quote("visite-2", "On a commencé à trois.", speaker="Nadia")
    # Chloé merges Basile's file first, then edits after having seen it: no conflict.
    merge_files(laptops["C"], [laptops["B"]], device=device("C"))
    with Survey.open(laptops["C"], device=device("C")) as c:
        c.set_answer("visite-2", "origine_details", "Précisé par Chloé")
        c.set_answer("visite-1", "origine_details", "Chloé seule")
    expected_conflicts = {
        "answer/visite-1/description_initiative",  # Anne and Basile, unaware of each other
        "answer/visite-2/origine_details",  # Anne and Chloé, unaware of each other
    }

    dumps = set()
    for order in itertools.permutations(DEVICES):
        target = tmp_path / f"fusion-{''.join(order)}.fieldkit"
        merge_files(target, [laptops[name] for name in order], device=HUB)
        with opened(target) as survey:
            assert {c.id for c in survey.conflicts()} == expected_conflicts
        dumps.add(dump_of(target))
    assert len(dumps) == 1

    folder = tmp_path / "clé USB"
    folder.mkdir()
    for name in (*DEVICES, *DEVICES):
        with Survey.open(laptops[name], device=device(name)) as survey:
            assert sync_folder(survey.log, folder).warnings == []
    assert {dump_of(path) for path in laptops.values()} == dumps

    with Survey.open(laptops["B"], device=device("B")) as b:
        for conflict in b.conflicts():
            keep(b, conflict.id, conflict.values[0].change)
    for name in ("B", *DEVICES):
        with Survey.open(laptops[name], device=device(name)) as survey:
            sync_folder(survey.log, folder)
    final = {dump_of(path) for path in laptops.values()}
    assert len(final) == 1
    with opened(laptops["A"]) as survey:
        assert survey.conflicts() == []
        history = survey.answer_history("visite-1", "description_initiative")
        assert {"Version d’Anne", "Version de Basile"} <= {r.value for r in history}


# -- a merge killed at any moment --------------------------------------------------------

KILLER = """
import sys
from pathlib import Path
from fieldkit.survey.device import Device
from fieldkit.exchange.merge import merge_files
print("started", flush=True)
merge_files(Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]], device=Device("device-hub", "Hub"))
print("done", flush=True)
"""


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is a POSIX signal")
def test_a_merge_killed_at_any_moment_leaves_the_target_before_or_after(
    template: Path, tmp_path: Path
) -> None:
    sources = []
    for n in range(6):
        path = tmp_path / f"portable-{n}.fieldkit"
        shutil.copyfile(template, path)
        with Survey.open(path, device=device(f"P{n}")) as survey:
            initiative = survey.add_initiative(f"Initiative {n}")
            with survey.log.transaction():
                for k in range(25):
                    visit = survey.add_interview(initiative, "2026-10-01", f"Lieu {k}")
                    for question in QUESTIONS:
                        survey.set_answer(visit, question, f"Réponse {n}.{k} à {question}")
        sources.append(path)
    target = tmp_path / "cible.fieldkit"
    shutil.copyfile(template, target)
    before_dump = dump_of(target)
    after = tmp_path / "attendu.fieldkit"
    shutil.copyfile(template, after)
    started = time.perf_counter()
    merge_files(after, sources, device=HUB)
    elapsed = time.perf_counter() - started
    after_dump = dump_of(after)

    private_temp = {**os.environ, "TMPDIR": str(tmp_path / "tmp")}
    (tmp_path / "tmp").mkdir()
    timings = random.Random(4)
    outcomes = set()
    interrupted = 0
    for _ in range(8):
        pristine = tmp_path / "essai.fieldkit"
        shutil.copyfile(target, pristine)
        process = subprocess.Popen(
            [sys.executable, "-c", KILLER, str(pristine), *map(str, sources)],
            stdout=subprocess.PIPE,
            text=True,
            env=private_temp,  # a killed merge cannot remove its snapshots
        )
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "started"
        # From the first source's snapshot to a little after the commit.
        time.sleep(timings.uniform(0.0, 1.5 * elapsed))
        process.send_signal(signal.SIGKILL)
        process.wait()
        interrupted += "done" not in process.stdout.read()
        with Survey.open(pristine, device=HUB) as survey:
            found = dump_text(survey)
        assert found in (before_dump, after_dump)
        outcomes.add("after" if found == after_dump else "before")
        for suffix in ("", "-wal", "-shm"):
            pristine.with_name(pristine.name + suffix).unlink(missing_ok=True)
    assert interrupted, "every merge finished before its kill: the test proved nothing"
