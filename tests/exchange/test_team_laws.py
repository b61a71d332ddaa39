"""The team laws of DESIGN.md §5, over teams of 3–5 laptops whose changes travel by random routes.

A survey is made on one laptop; the others join it mid-way, from the team's
folder, from a colleague's file, or by a plain copy of that file (a USB key).
Then, in a random order: people write (answers typed and corrected, new
visits, quotes, photos, deletions and restorations, a new version of the
guide); laptops sync with the team's
Nextcloud folder or with a USB key used as a second folder; files are
e-mailed and merged. Every laptop's clock is off in its own way: right,
years ahead or behind, in 1999, or past 2100. Another team syncs another
survey into the same folder all along.

After a final round of sync (every laptop syncs twice, in turn):

- every laptop of the team dumps the same survey, holding every change any
  of them wrote, and ``check`` finds nothing wrong;
- no laptop was ever unable to write, and every stamp lies within bounds;
- the two surveys never mixed.

A short run is part of every test run; ``FIELDKIT_LONG_TESTS=1`` runs many
more examples (the slow-marked test).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldkit.exchange.join import join_survey
from fieldkit.exchange.merge import merge_files
from fieldkit.exchange.sync import sync_folder
from fieldkit.guide import Guide, load_guide, parse_guide
from fieldkit.survey import Survey
from fieldkit.survey.check import check_survey
from fieldkit.survey.device import Device
from fieldkit.survey.dump import dump_text
from fieldkit.survey.hlc import EARLIEST_STAMP, LATEST_STAMP

LONG = os.environ.get("FIELDKIT_LONG_TESTS") == "1"
MOST_LAPTOPS = 5
QUESTIONS = ("description_initiative", "origine_details")
MINUTE_MS = 60_000
YEAR_MS = 365 * 24 * 60 * MINUTE_MS
NOW_MS = 1_793_491_200_000  # 2026-11-01
#: How each laptop's clock is off: a shift from the true time, or a fixed date.
CLOCKS = {
    "right": lambda now: now,
    "three years ahead": lambda now: now + 3 * YEAR_MS,
    "five years behind": lambda now: now - 5 * YEAR_MS,
    "in 1999": lambda now: 928_195_200_000 + (now - NOW_MS),
    "past 2100": lambda now: 5_700_000_000_000 + (now - NOW_MS),
}


def guide_variant(number: int) -> Guide:
    """The built-in guide with a comment added: another snapshot, another hash."""
    return parse_guide(load_guide().source_text + f"\n# variante {number}\n", f"variante {number}")


def device(number: int) -> Device:
    return Device(f"{number:02d}" + "ab" * 15, f"Enquêteur {number}")


@dataclass
class Team:
    """Laptops of two teams, their folders, and the true time."""

    root: Path
    clocks: list[str]
    survey_id: str = ""
    now: int = NOW_MS
    joined: dict[int, Path] = field(default_factory=dict)
    #: Every change that left a laptop (synced, e-mailed, copied).
    left: set[str] = field(default_factory=set)

    @property
    def tag(self) -> str:
        return f".{self.survey_id[:12]}."

    @property
    def nextcloud(self) -> Path:
        return self.root / "Nextcloud"

    @property
    def usb(self) -> Path:
        return self.root / "clé USB"

    @property
    def other(self) -> Path:
        return self.root / "autre équipe.fieldkit"

    @contextlib.contextmanager
    def on(self, laptop: int) -> Iterator[Device]:
        """Work on one laptop: its wall clock, its device; the true time moves on."""
        self.now += MINUTE_MS
        wall = CLOCKS[self.clocks[laptop]](self.now)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(time, "time_ns", lambda: wall * 1_000_000)
            yield device(laptop)

    def survey(self, laptop: int) -> contextlib.AbstractContextManager[Survey]:
        return Survey.open(self.joined[laptop], device=device(laptop))

    def ids(self, laptop: int) -> set[str]:
        with Survey.open(self.joined[laptop], readonly=True) as survey:
            return {c.id for c in survey.log.all_changes()}

    # -- routes ---------------------------------------------------------------------------

    def join(self, laptop: int, route: str, colleague: int) -> None:
        if laptop in self.joined:
            return
        path = self.root / f"portable-{laptop}.fieldkit"
        sources = sorted(self.joined)
        source = self.joined[sources[colleague % len(sources)]]
        with self.on(laptop) as me:
            if route == "folder" and any(self.tag in p.name for p in self.nextcloud.iterdir()):
                join_survey(self.nextcloud, path, survey=self.survey_id, device=me)
            elif route == "copy":  # a plain copy of a colleague's file, from a USB key
                self.left |= self.ids(sources[colleague % len(sources)])
                shutil.copyfile(source, path)
            else:  # the colleague e-mailed their file
                self.left |= self.ids(sources[colleague % len(sources)])
                join_survey(source, path, device=me)
        self.joined[laptop] = path

    def sync(self, laptop: int, usb: bool = False) -> None:
        if laptop not in self.joined:
            return
        with self.on(laptop), self.survey(laptop) as survey:
            report = sync_folder(survey.log, self.usb if usb else self.nextcloud)
        assert report.warnings == []
        self.left |= self.ids(laptop)

    def mail(self, sender: int, receiver: int) -> None:
        if sender not in self.joined or receiver not in self.joined or sender == receiver:
            return
        attachment = self.root / "pièce jointe.fieldkit"
        shutil.copyfile(self.joined[sender], attachment)
        self.left |= self.ids(sender)
        with self.on(receiver) as me:
            merge_files(self.joined[receiver], [attachment], device=me)
        attachment.unlink()

    def write(self, laptop: int, kind: str, number: int, text: str) -> None:
        """One edit; it must succeed, whatever the clocks and the stamps seen."""
        if laptop not in self.joined:
            return
        with self.on(laptop), self.survey(laptop) as survey:
            visits = sorted(i.id for i in survey.interviews(include_deleted=True))
            visit = visits[number % len(visits)]
            if kind == "answer":  # typed, then corrected in the same session
                question = QUESTIONS[number % len(QUESTIONS)]
                survey.set_answer(visit, question, text[:2])
                survey.set_answer(visit, question, text)
            elif kind == "visit":
                survey.add_interview(survey.initiatives()[0].id, "2026-11-20", text)
            elif kind == "quote":
                survey.add_quote(visit, text.strip() or "…")
            elif kind == "photo":
                photo = self.root / f"photo-{number}.jpg"
                photo.write_bytes(bytes([number]) * (50 + number))
                survey.attach(visit, photo)
            elif kind == "guide":  # the team moves to another version of the guide
                digest = survey.add_guide(guide_variant(number % 2))
                survey.log.write("survey", "survey", "guide", digest)
            elif number % 2:
                survey.delete("interview", visit)
            else:
                survey.restore("interview", visit)

    def other_team(self, text: str) -> None:
        """The other team's laptop writes and syncs its own survey into the same folder."""
        with self.on(0), Survey.open(self.other, device=device(90)) as survey:
            survey.add_initiative(f"Autre équipe {text}")
            sync_folder(survey.log, self.nextcloud)


laptop_number = st.integers(0, MOST_LAPTOPS - 1)
steps = st.one_of(
    st.tuples(st.just("write"), laptop_number, st.sampled_from(["answer", "answer", "visit",
              "quote", "trash", "photo", "guide"]), st.integers(0, 9), st.text("aéz ", max_size=5)),
    st.tuples(st.just("sync"), laptop_number, st.booleans()),
    st.tuples(st.just("join"), laptop_number, st.sampled_from(["folder", "file", "copy"]),
              st.integers(0, 4)),
    st.tuples(st.just("mail"), laptop_number, laptop_number),
    st.tuples(st.just("other"), st.text("xy", max_size=3)),
)  # fmt: skip


def play(team: Team, step: tuple[object, ...]) -> None:
    kind, *rest = step
    size = len(team.clocks)
    if kind == "write":
        laptop, what, number, text = rest
        team.write(int(str(laptop)) % size, str(what), int(str(number)), str(text))
    elif kind == "sync":
        team.sync(int(str(rest[0])) % size, usb=bool(rest[1]))
    elif kind == "join":
        team.join(int(str(rest[0])) % size, str(rest[1]), int(str(rest[2])))
    elif kind == "mail":
        team.mail(int(str(rest[0])) % size, int(str(rest[1])) % size)
    else:
        team.other_team(str(rest[0]))


def dump_of(path: Path) -> str:
    with Survey.open(path, readonly=True) as survey:
        return dump_text(survey)


def check_the_laws(clocks: list[str], program: list[tuple[object, ...]]) -> None:
    with tempfile.TemporaryDirectory(prefix="fieldkit-team-") as name:
        team = Team(Path(name), clocks)
        team.nextcloud.mkdir()
        team.usb.mkdir()
        first = team.root / "portable-0.fieldkit"
        with team.on(0) as me, Survey.create(first, device=me) as survey:
            initiative = survey.add_initiative("Garage solidaire du Val")
            survey.add_interview(initiative, "2026-11-14", "Dijon")
            assert survey.identity is not None
            team.survey_id = survey.identity.id
        team.joined[0] = first
        with team.on(0), Survey.create(team.other, device=device(90)) as survey:
            survey.log.write("survey", "survey", "title", "L’autre enquête")
        for step in program:
            play(team, step)

        for laptop in range(len(clocks)):  # the last newcomers arrive
            team.join(laptop, "folder", 0)
        written = set(team.left).union(*(team.ids(n) for n in team.joined))
        for _ in range(2):
            for laptop in sorted(team.joined):
                team.sync(laptop)
            team.other_team("fin")

        dumps = {dump_of(path) for path in team.joined.values()}
        assert len(dumps) == 1
        for laptop in team.joined:
            held = team.ids(laptop)
            assert written <= held
            with Survey.open(team.joined[laptop], readonly=True) as survey:
                assert all(
                    EARLIEST_STAMP <= c.hlc <= LATEST_STAMP for c in survey.log.all_changes()
                )
        with Survey.open(first, readonly=True) as survey:
            assert check_survey(survey) == []
        (ours,) = dumps
        assert "Autre équipe" not in ours
        assert "Garage solidaire du Val" not in dump_of(team.other)


team_clocks = st.lists(st.sampled_from(sorted(CLOCKS)), min_size=3, max_size=MOST_LAPTOPS)


def team_settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@team_settings(8)
@given(clocks=team_clocks, program=st.lists(steps, min_size=4, max_size=16))
def test_a_team_ends_with_one_survey_holding_every_change_whatever_the_routes(
    clocks: list[str], program: list[tuple[object, ...]]
) -> None:
    check_the_laws(clocks, program)


@pytest.mark.slow
@pytest.mark.skipif(not LONG, reason="the long run: FIELDKIT_LONG_TESTS=1")
@team_settings(300)
@given(clocks=team_clocks, program=st.lists(steps, min_size=10, max_size=60))
def test_a_team_ends_with_one_survey_holding_every_change_at_length(
    clocks: list[str], program: list[tuple[object, ...]]
) -> None:
    check_the_laws(clocks, program)
