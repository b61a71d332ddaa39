"""Syncing with a shared folder: what a person waits for, and what the folder weighs.

Two figures:

- ``sync_nothing_new``: the folder holds the files of 50 laptops, each with
  its own 20 interviews × 80 answers; the laptop that syncs already holds all
  of them (it synced before). The figure is ``fieldkit sync`` as the command
  runs it — open the survey, read its own file and every other file, close —
  and it must find nothing to write. The baseline is the least such a check
  can cost with raw SQLite: attach each file read-only and count, with one
  anti-join, the changes the survey lacks.
- ``sync_folder_size``: five laptops work for ten rounds; each round every
  laptop records visits, one e-mails its file to another (so changes also
  travel outside the folder), and all sync in a shuffled order. The figure is
  the size of the survey's files in the folder after a last round; the
  baseline is the size of one survey file holding every change (the union),
  compacted. A folder of one full copy per laptop would weigh about five
  times the union; the target is 1.5.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import sys
import time
from pathlib import Path

from fieldkit.exchange.merge import merge_files
from fieldkit.exchange.sync import sync_folder
from fieldkit.survey import Survey
from fieldkit.survey.device import Device
from fieldkit.survey.store import ChangeLog
from tests.bench import bench_folder, median, report
from tests.bench.bench_merge import _changes

TARGET = "1s"
SIZE_TARGET = "1.5"
MB = 1_000_000


def laptop_device(number: int) -> Device:
    return Device(f"{number:04x}" + "0" * 28, f"Enquêteur {number}")


def answer_names(survey: Path, answers: int) -> list[str]:
    with Survey.open(survey, readonly=True) as opened:
        questions = [q.id for q in opened.guide.questions if q.answerable and not q.bind]
    return [questions[n % len(questions)] + f"_{n}" for n in range(answers)]


def record(path: Path, device: Device, number: int, interviews: int, names: list[str]) -> None:
    """A laptop records its visits (``number`` keeps every batch's stamps apart)."""
    log = ChangeLog.open(path, device)
    log.add_changes(_changes(device, number, interviews, names))
    log.close()


def sync(path: Path, device: Device, folder: Path) -> None:
    with Survey.open(path, device=device) as survey:
        result = sync_folder(survey.log, folder)
    if result.warnings:
        raise RuntimeError(f"the benchmark's folder gave warnings: {result.warnings}")


def build_folder(folder: Path, devices: int, interviews: int, answers: int) -> Path:
    """Every laptop's own file in ``folder / 'partage'``; return the survey of the one that syncs.

    Each laptop writes its file alone (in a folder of its own, then moved into
    the shared one), so that building the folder does not cost the merges of
    every laptop with every other.
    """
    base = folder / "modèle.fieldkit"
    Survey.create(base, device=Device("device-base", "Base")).close()
    names = answer_names(base, answers)
    shared = folder / "partage"
    shared.mkdir()
    for number in range(devices):
        device = laptop_device(number)
        laptop = folder / f"laptop-{number:03d}.fieldkit"
        shutil.copyfile(base, laptop)
        record(laptop, device, number, interviews, names)
        alone = folder / f"seul-{number:03d}"
        alone.mkdir()
        sync(laptop, device, alone)
        for written in alone.iterdir():
            written.rename(shared / written.name)
    mine = folder / "laptop-000.fieldkit"
    sync(mine, laptop_device(0), shared)  # the first sync brings everything in
    return mine


def timed_sync(survey: Path, folder: Path) -> float:
    started = time.perf_counter()
    with Survey.open(survey, device=laptop_device(0)) as opened:
        result = sync_folder(opened.log, folder)
    elapsed = time.perf_counter() - started
    if result.written is not None or result.merged.brought_anything or result.warnings:
        raise RuntimeError("the benchmark's folder was not in step with the survey")
    return elapsed


def timed_anti_join(survey: Path, folder: Path) -> float:
    started = time.perf_counter()
    connection = sqlite3.connect(f"{survey.as_uri()}?mode=ro", uri=True)
    for path in sorted(folder.glob("*.fieldkit")):
        connection.execute("ATTACH DATABASE ? AS src", (f"{path.as_uri()}?mode=ro",))
        connection.execute(
            "SELECT count(*) FROM src.changes s "
            "WHERE NOT EXISTS (SELECT 1 FROM main.changes c WHERE c.id = s.id)"
        ).fetchall()
        connection.execute("DETACH DATABASE src")
    connection.close()
    return time.perf_counter() - started


def team_folder_sizes(
    folder: Path, laptops: int, rounds: int, interviews: int, answers: int
) -> tuple[int, int]:
    """Play a team's rounds; return the folder's size and the union's, in bytes."""
    base = folder / "modèle.fieldkit"
    Survey.create(base, device=Device("device-base", "Base")).close()
    names = answer_names(base, answers)
    shared = folder / "équipe"
    shared.mkdir()
    paths = [folder / f"portable-{n}.fieldkit" for n in range(laptops)]
    for path in paths:
        shutil.copyfile(base, path)
    order = random.Random(15)
    for turn in range(rounds):
        for number, path in enumerate(paths):
            record(path, laptop_device(number), turn * laptops + number, interviews, names)
        sender, receiver = turn % laptops, (turn + 2) % laptops
        merge_files(paths[receiver], [paths[sender]], device=laptop_device(receiver))
        for number in order.sample(range(laptops), laptops):
            sync(paths[number], laptop_device(number), shared)
    for number in range(laptops):
        sync(paths[number], laptop_device(number), shared)
    union = folder / "union.fieldkit"
    with sqlite3.connect(paths[0]) as connection:
        connection.execute("VACUUM INTO ?", (str(union),))
    connection.close()
    folder_size = sum(p.stat().st_size for p in shared.glob("*.fieldkit"))
    return folder_size, union.stat().st_size


def run(
    devices: int = 50,
    interviews: int = 20,
    answers: int = 80,
    repeats: int = 5,
    laptops: int = 5,
    rounds: int = 10,
) -> None:
    with bench_folder() as folder:
        started = time.perf_counter()
        survey = build_folder(folder, devices, interviews, answers)
        print(
            f"built a folder of {devices} laptops × {interviews} interviews × {answers} answers "
            f"in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
        shared = folder / "partage"
        # Interleaved, so that both see the same machine load.
        baselines, syncs = [], []
        for _ in range(repeats):
            baselines.append(timed_anti_join(survey, shared))
            syncs.append(timed_sync(survey, shared))
        baseline, syncing = median(baselines), median(syncs)
        report("sqlite_attach_anti_join", baseline, "s", "sqlite_attach_anti_join", baseline)
        report("sync_nothing_new", syncing, "s", "sqlite_attach_anti_join", baseline, TARGET)
    with bench_folder() as folder:
        size, union = team_folder_sizes(folder, laptops, rounds, 2, answers // 4)
        report("union_file_size", union / MB, "mb", "union_file_size", union / MB)
        report("sync_folder_size", size / MB, "mb", "union_file_size", union / MB, SIZE_TARGET)
