"""The change-log rules of DESIGN.md §4, as properties checked on real survey files.

- The heads of a field are the changes nothing supersedes; the value shown is
  the head with the greatest ``(hlc, device, id)``, whatever the order the
  changes arrived in.
- Typing is amended in place: one revision per editing session, never
  amending a change that has left the file.
- A change id never names two contents.
- The derived tables are a pure function of the log: rebuilding them changes
  nothing, and files holding the same changes dump identically.
- The hybrid logical clock never runs backwards and jumps past what it has seen.
"""

from __future__ import annotations

import contextlib
import dataclasses
import random
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldkit.errors import FieldkitError
from fieldkit.survey import Survey
from fieldkit.survey.changes import Change, encode, heads
from fieldkit.survey.check import check_survey
from fieldkit.survey.device import Device
from fieldkit.survey.dump import dump_text
from fieldkit.survey.hlc import HybridClock, milliseconds, pack

#: Every example opens a few real files; ``config_dir`` (autouse) only points the
#: device identity at a temporary folder, which every example may share.
property_settings = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
#: Random sequences of edits explore the most ground: they get more examples.
sequence_settings = settings(property_settings, max_examples=50)

QUESTIONS = ("description_initiative", "origine_details", "besoins_non_couverts")
REPEAT = "personnes_rencontrees"
DEVICES = ("A", "B", "C")
words = st.text(alphabet="aé ", max_size=6)
some_words = st.text(alphabet="aé", min_size=1, max_size=6)


def device(name: str) -> Device:
    return Device(id=f"device-{name}", author=name)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A survey with one initiative and two interviews, copied for every example."""
    path = tmp_path_factory.mktemp("template") / "modèle.fieldkit"
    with Survey.create(path, device=device("base")) as survey:
        initiative = survey.add_initiative("Tiers-lieu de la Bresse")
        survey.add_interview(initiative, "2026-09-01", "Louhans")
        survey.add_interview(initiative, "2026-09-15", "Cuiseaux")
    assert not path.with_name(path.name + "-wal").exists(), "closing left a WAL behind"
    return path


@contextlib.contextmanager
def laptops(template: Path, *names: str) -> Iterator[dict[str, Survey]]:
    """Open one copy of the template per laptop, each signing as its own device."""
    with tempfile.TemporaryDirectory() as folder:
        surveys: dict[str, Survey] = {}
        try:
            for name in names:
                path = Path(folder) / f"{name}.fieldkit"
                shutil.copyfile(template, path)
                surveys[name] = Survey.open(path, device=device(name))
            yield surveys
        finally:
            for survey in surveys.values():
                survey.close()


def pull(target: Survey, source: Survey) -> None:
    """Bring every change of ``source`` into ``target``, as a merge does."""
    target.log.add_changes(list(source.log.all_changes()))


def interviews_of(survey: Survey) -> list[str]:
    return sorted(survey.log.entities("interview"))


def state_rows(survey: Survey) -> list[tuple[object, ...]]:
    """The derived state, every column but the row number SQLite assigns."""
    return survey.log.connection.execute(
        "SELECT entity, entity_id, field, value, heads, conflict, hlc, author, text "
        "FROM state ORDER BY entity, entity_id, field"
    ).fetchall()


def file_contents(survey: Survey) -> dict[str, list[tuple[object, ...]]]:
    connection = survey.log.connection
    return {
        table: connection.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
        for table in ("changes", "state", "unsent", "guides", "local")
    }


# -- heads and winner -------------------------------------------------------------


@st.composite
def field_histories(draw: st.DrawFn) -> list[Change]:
    """Changes of one answer, each superseding some earlier ones (and maybe unknown ones)."""
    count = draw(st.integers(1, 8))
    ids = draw(st.permutations([f"change-{n}" for n in range(count)]))
    changes: list[Change] = []
    for n, change_id in enumerate(ids):
        seen = [c.id for c in changes]
        superseded = draw(st.lists(st.sampled_from(seen), unique=True)) if seen else []
        if draw(st.booleans()):
            superseded.append(f"amended-away-{n}")  # a change this file never held
        changes.append(
            Change(
                id=change_id,
                entity="answer",
                entity_id="interview",
                field="note_libre",
                value=encode(f"valeur {n}"),
                hlc=pack(1_800_000_000_000 + draw(st.integers(0, 2))),
                device=draw(st.sampled_from(["device-A", "device-B"])),
                author="Camille",
                supersedes=encode(sorted(superseded)),
            )
        )
    return changes


def expected_heads(changes: list[Change]) -> set[str]:
    superseded = {old for change in changes for old in change.superseded_ids}
    return {change.id for change in changes if change.id not in superseded}


@property_settings
@given(changes=field_histories(), shuffler=st.randoms(use_true_random=False))
def test_heads_are_the_changes_nothing_supersedes_winner_first(
    changes: list[Change], shuffler: random.Random
) -> None:
    found = heads(changes)
    assert {c.id for c in found} == expected_heads(changes)
    assert found[0] == max(found, key=lambda c: (c.hlc, c.device, c.id))
    orders = [c.order for c in found]
    assert orders == sorted(orders, reverse=True)
    shuffled = list(changes)
    shuffler.shuffle(shuffled)
    assert heads(shuffled) == found


@property_settings
@given(
    changes=field_histories(),
    shuffler=st.randoms(use_true_random=False),
    batches=st.integers(1, 4),
)
def test_a_file_shows_the_heads_of_the_changes_it_holds_whatever_their_arrival_order(
    template: Path, changes: list[Change], shuffler: random.Random, batches: int
) -> None:
    arrival = list(changes)
    shuffler.shuffle(arrival)
    with laptops(template, "A") as surveys:
        survey = surveys["A"]
        interview = interviews_of(survey)[0]
        arrival = [dataclasses.replace(c, entity_id=interview) for c in arrival]
        held: list[Change] = []
        for batch in range(batches):
            chunk = arrival[batch * len(arrival) // batches : (batch + 1) * len(arrival) // batches]
            survey.log.add_changes(chunk)
            held += chunk
            if not held:
                continue
            state = survey.field_state("answer", interview, "note_libre")
            assert state is not None
            winner = heads(held)[0]
            assert state.heads == tuple(c.id for c in heads(held))
            assert encode(state.value) == winner.value
            assert state.in_conflict == (len(expected_heads(held)) > 1)
        assert check_survey(survey) == []


# -- amend in place -----------------------------------------------------------------

#: One editing session: for each edit, whether the file is synced right after it.
sessions_of_edits = st.lists(
    st.lists(st.booleans(), min_size=1, max_size=5), min_size=1, max_size=4
)


@property_settings
@given(sessions=sessions_of_edits)
def test_each_editing_session_leaves_one_revision_and_sent_changes_are_never_amended(
    template: Path, sessions: list[list[bool]]
) -> None:
    question = "note_libre"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "enquête.fieldkit"
        shutil.copyfile(template, path)
        groups: list[list[str]] = []  # the change ids each revision went through
        sent: list[str] = []
        for s, edits in enumerate(sessions):
            with Survey.open(path, device=device("A")) as survey:
                interview = interviews_of(survey)[0]
                groups.append([])
                for e, sync_after in enumerate(edits):
                    survey.set_answer(interview, question, f"version {s}.{e}")
                    state = survey.field_state("answer", interview, question)
                    assert state is not None and not state.in_conflict
                    groups[-1].append(state.heads[0])
                    if sync_after:
                        survey.log.mark_sent()
                        sent.append(state.heads[0])
                        groups.append([])
        groups = [group for group in groups if group]

        with Survey.open(path, device=device("A")) as survey:
            history = survey.answer_history(interview, question)
            assert [r.change for r in history] == [group[-1] for group in groups]
            assert [r.current for r in history] == [False] * (len(groups) - 1) + [True]
            assert all(survey.log.change(change_id) is not None for change_id in sent)
            previous: list[str] = []
            for group in groups:
                revision = survey.log.change(group[-1])
                assert revision is not None
                # X′ supersedes what X superseded plus X itself, and the previous revision.
                assert set(revision.superseded_ids) >= {*group[:-1], *previous}
                previous = [group[-1]]
            assert check_survey(survey) == []


@property_settings
@given(before_copy=st.integers(1, 4), after_copy=st.integers(1, 4))
def test_an_amended_change_that_left_by_a_plain_copy_comes_back_without_a_conflict(
    template: Path, before_copy: int, after_copy: int
) -> None:
    with laptops(template, "A") as surveys:
        alice = surveys["A"]
        interview = interviews_of(alice)[0]
        for n in range(before_copy):
            alice.set_answer(interview, "note_libre", f"avant la copie {n}")
        usb_key = alice.path.with_name("clé USB.fieldkit")
        with contextlib.closing(sqlite3.connect(usb_key)) as copy:
            alice.log.connection.backup(copy)  # the file as a plain copy would catch it
        for n in range(after_copy):
            alice.set_answer(interview, "note_libre", f"après la copie {n}")
        with Survey.open(usb_key, device=device("B")) as bruno:
            pull(bruno, alice)
            pull(alice, bruno)
            assert alice.conflicts() == [] and bruno.conflicts() == []
            assert alice.answers(interview)["note_libre"] == f"après la copie {after_copy - 1}"
            assert dump_text(alice) == dump_text(bruno)


# -- one id, one content ------------------------------------------------------------

ALTERATIONS: dict[str, Any] = {
    "value": encode("une autre valeur"),
    "hlc": 1,
    "device": "device-faussaire",
    "author": "Faussaire",
    "supersedes": encode(["inconnu"]),
    "field": "origine_details",
}


@property_settings
@given(altered=st.sampled_from(sorted(ALTERATIONS)), forged_first=st.booleans())
def test_a_change_id_naming_two_contents_is_refused_and_the_file_left_as_it_was(
    template: Path, altered: str, forged_first: bool
) -> None:
    with laptops(template, "A", "B") as surveys:
        alice, bruno = surveys["A"], surveys["B"]
        interview = interviews_of(alice)[0]
        alice.set_answer(interview, "note_libre", "Version d’Alice")
        bruno.set_answer(interview, "note_libre", "Version de Bruno")
        original = alice.log.get("answer", interview, "note_libre")
        assert original is not None
        known = alice.log.change(original.heads[0])
        assert known is not None
        forged = dataclasses.replace(known, **{altered: ALTERATIONS[altered]})
        genuine = list(bruno.log.all_changes())
        before = file_contents(alice), dump_text(alice)

        incoming = [forged, *genuine] if forged_first else [*genuine, forged]
        with pytest.raises(FieldkitError, match=known.id):
            alice.log.add_changes(incoming)

        assert (file_contents(alice), dump_text(alice)) == before
        assert check_survey(alice) == []


def test_changes_already_held_are_skipped(template: Path) -> None:
    with laptops(template, "A") as surveys:
        survey = surveys["A"]
        survey.set_answer(interviews_of(survey)[0], "note_libre", "Déjà là")
        before = file_contents(survey)
        assert survey.log.add_changes(list(survey.log.all_changes())) == set()
        assert file_contents(survey) == before


# -- random edits from several laptops: conflicts, rebuild, convergence ---------------

device_names = st.sampled_from(DEVICES)
index = st.integers(0, 5)
edits = st.one_of(
    st.tuples(st.just("answer"), device_names, index, st.sampled_from(QUESTIONS), words),
    st.tuples(st.just("quote"), device_names, index, some_words),
    st.tuples(st.just("edit quote"), device_names, index, some_words),
    st.tuples(st.just("row"), device_names, index, some_words),
    st.tuples(st.just("row answer"), device_names, index, words),
    st.tuples(
        st.just("delete"), device_names, st.sampled_from(["quote", "row", "interview"]), index
    ),
    st.tuples(
        st.just("restore"), device_names, st.sampled_from(["quote", "row", "interview"]), index
    ),
    st.tuples(st.just("pull"), device_names, device_names),
    st.tuples(st.just("reopen"), device_names),
    st.tuples(st.just("sync"), device_names),
)
Edit = tuple[object, ...]


def pick(survey: Survey, entity: str, n: int) -> str | None:
    ids = sorted(survey.log.entities(entity))
    return ids[n % len(ids)] if ids else None


def apply(surveys: dict[str, Survey], edit: Edit) -> None:
    """Make one edit through the survey API, as a person at that laptop would."""
    kind, name = edit[0], str(edit[1])
    survey = surveys[name]
    written: tuple[str, str, str] | None = None
    match edit:
        case ("answer", _, int(n), str(question), str(text)):
            interview = pick(survey, "interview", n)
            assert interview is not None
            survey.set_answer(interview, question, text)
            written = ("answer", interview, question)
        case ("quote", _, int(n), str(text)):
            interview = pick(survey, "interview", n)
            assert interview is not None
            survey.add_quote(interview, text, speaker=name)
        case ("edit quote", _, int(n), str(text)):
            quote = pick(survey, "quote", n)
            if quote is not None:
                survey.set_item_field("quote", quote, "text", text)
                written = ("quote", quote, "text")
        case ("row", _, int(n), str(text)):
            interview = pick(survey, "interview", n)
            assert interview is not None
            survey.add_row(interview, REPEAT, {"personne_nom": text})
        case ("row answer", _, int(n), str(text)):
            row = pick(survey, "row", n)
            if row is not None:
                survey.set_row_answer(row, "personne_role", text)
                written = ("row_answer", row, "personne_role")
        case ("delete" | "restore", _, str(entity), int(n)):
            target = pick(survey, entity, n)
            if target is not None:
                (survey.delete if kind == "delete" else survey.restore)(entity, target)
                written = (entity, target, "deleted")
        case ("pull", _, str(source)):
            pull(survey, surveys[source])
        case ("reopen", _):
            survey.close()
            surveys[name] = Survey.open(survey.path, device=device(name))
        case ("sync", _):
            survey.log.mark_sent()
        case _:
            raise AssertionError(f"unknown edit {edit!r}")
    if written is not None:
        # Writing a field supersedes every head it had: never a conflict on this laptop.
        state = survey.field_state(*written)
        assert state is not None and not state.in_conflict


@sequence_settings
@given(steps=st.lists(edits, min_size=1, max_size=30))
def test_rebuilding_the_derived_tables_from_the_log_changes_nothing(
    template: Path, steps: list[Edit]
) -> None:
    with laptops(template, *DEVICES) as surveys:
        for step in steps:
            apply(surveys, step)
        for survey in surveys.values():
            rows, dump = state_rows(survey), dump_text(survey)
            survey.log.rebuild()
            assert state_rows(survey) == rows
            assert dump_text(survey) == dump
            assert check_survey(survey) == []


@sequence_settings
@given(steps=st.lists(edits, min_size=1, max_size=30))
def test_laptops_that_exchanged_all_their_changes_show_the_same_survey(
    template: Path, steps: list[Edit]
) -> None:
    with laptops(template, *DEVICES) as surveys:
        for step in steps:
            apply(surveys, step)
        for target in DEVICES:
            for source in DEVICES:
                pull(surveys[target], surveys[source])
        dumps = {name: dump_text(survey) for name, survey in surveys.items()}
        assert dumps["A"] == dumps["B"] == dumps["C"]


CONFLICT_TARGETS = ("answer", "quote", "row answer")


def field_edit(target: str, name: str, text: str) -> Edit:
    """The edit of the first answer, quote text or row answer at laptop ``name``."""
    if target == "answer":
        return ("answer", name, 0, "note_libre", text)
    return ("edit quote" if target == "quote" else "row answer", name, 0, text)


@property_settings
@given(
    target=st.sampled_from(CONFLICT_TARGETS),
    values=st.lists(some_words, min_size=3, max_size=3, unique=True),
    resolver=st.sampled_from(["A", "B"]),
    alice_pulls_first=st.booleans(),
)
def test_concurrent_edits_conflict_until_one_laptop_writes_the_field_again(
    template: Path, target: str, values: list[str], resolver: str, alice_pulls_first: bool
) -> None:
    with laptops(template, "A", "B") as surveys:
        if target == "quote":
            apply(surveys, ("quote", "A", 0, "citation"))
        elif target == "row answer":
            apply(surveys, ("row", "A", 0, "Agnès"))
        pull(surveys["B"], surveys["A"])
        apply(surveys, field_edit(target, "A", values[0]))
        apply(surveys, field_edit(target, "B", values[1]))

        order = ("A", "B") if alice_pulls_first else ("B", "A")
        pull(surveys[order[0]], surveys[order[1]])
        pull(surveys[order[1]], surveys[order[0]])
        conflicts = {name: survey.conflicts() for name, survey in surveys.items()}
        assert conflicts["A"] == conflicts["B"]
        assert len(conflicts["A"]) == 1
        shown = max(conflicts["A"][0].values, key=lambda r: (r.time, r.device, r.change))
        assert sorted(str(r.value) for r in conflicts["A"][0].values) == sorted(values[:2])
        assert dump_text(surveys["A"]) == dump_text(surveys["B"])
        state = surveys["A"].field_state(*conflicts["A"][0].id.split("/"))
        assert state is not None and state.value == shown.value

        apply(surveys, field_edit(target, resolver, values[2]))
        other = "B" if resolver == "A" else "A"
        pull(surveys[other], surveys[resolver])
        assert surveys["A"].conflicts() == surveys["B"].conflicts() == []
        assert dump_text(surveys["A"]) == dump_text(surveys["B"])
        state = surveys[other].field_state(*conflicts["A"][0].id.split("/"))
        assert state is not None and state.value == values[2]


# -- the hybrid logical clock ----------------------------------------------------------


class WallClock:
    """A wall clock the test sets by hand, in milliseconds."""

    def __init__(self, now_ms: int) -> None:
        self.now_ms = now_ms

    def time_ns(self) -> int:
        return self.now_ms * 1_000_000


@pytest.fixture
def wall(monkeypatch: pytest.MonkeyPatch) -> WallClock:
    clock = WallClock(1_790_000_000_000)
    monkeypatch.setattr(time, "time_ns", clock.time_ns)
    return clock


def test_the_clock_follows_the_wall_clock_when_it_moves_forward(wall: WallClock) -> None:
    clock = HybridClock()
    first = clock.tick()
    wall.now_ms += 5_000
    assert milliseconds(first) == 1_790_000_000_000
    assert milliseconds(clock.tick()) == 1_790_000_005_000


def test_the_clock_never_runs_backwards_when_the_wall_clock_goes_back(wall: WallClock) -> None:
    clock = HybridClock()
    stamps = [clock.tick()]
    wall.now_ms -= 3_600_000  # the laptop's clock is set back an hour
    stamps += [clock.tick() for _ in range(3)]
    wall.now_ms += 60_000
    stamps.append(clock.tick())
    assert stamps == sorted(set(stamps))


def test_the_clock_jumps_past_a_stamp_observed_in_a_merge(wall: WallClock) -> None:
    clock = HybridClock()
    clock.tick()
    from_a_laptop_ahead = pack(wall.now_ms + 86_400_000, 7)
    clock.observe(from_a_laptop_ahead)
    assert clock.tick() > from_a_laptop_ahead
    clock.observe(pack(wall.now_ms - 86_400_000))  # an old stamp does not pull it back
    assert clock.tick() > from_a_laptop_ahead


def test_a_reopened_file_stamps_after_its_latest_change_even_if_the_wall_clock_went_back(
    wall: WallClock, survey_path: Path
) -> None:
    with Survey.open(survey_path, device=device("A")) as survey:
        interview = survey.add_interview(survey.add_initiative("Épicerie solidaire"))
        survey.set_answer(interview, "note_libre", "écrit à l’heure juste")
    wall.now_ms -= 86_400_000
    with Survey.open(survey_path, device=device("A")) as survey:
        survey.set_answer(interview, "note_libre", "écrit avec une horloge en retard")
        history = survey.answer_history(interview, "note_libre")
        stamps = [c.hlc for c in survey.log.changes_of(("answer", interview, "note_libre"))]
    assert [r.value for r in history] == [
        "écrit à l’heure juste",
        "écrit avec une horloge en retard",
    ]
    assert history[-1].current
    assert stamps[0] < stamps[1]


@settings(max_examples=100)
@given(
    moves=st.lists(
        st.tuples(st.integers(-(10**7), 10**7), st.one_of(st.none(), st.integers(0, 2**50))),
        max_size=30,
    )
)
def test_every_stamp_is_later_than_every_stamp_issued_or_observed_before(
    moves: list[tuple[int, int | None]],
) -> None:
    now = [1_790_000_000_000]

    def fake_time_ns() -> int:
        return now[0] * 1_000_000

    clock = HybridClock()
    latest = 0
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(time, "time_ns", fake_time_ns)
        for wall_step, observed in moves:
            now[0] += wall_step
            if observed is not None:
                clock.observe(observed)
                latest = max(latest, observed)
            stamp = clock.tick()
            assert stamp > latest
            latest = stamp
