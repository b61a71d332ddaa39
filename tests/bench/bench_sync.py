"""Syncing with a shared folder in which nothing is new: what a person waits for each time.

The folder holds the files of 50 laptops, each with its own 20 interviews ×
80 answers; the laptop that syncs already holds all of them (it synced
before). The figure is ``fieldkit sync`` as the command runs it — open the
survey, compare this laptop's file and every other file with it, close — and
it must find nothing to write.

The baseline is the least such a check can cost with raw SQLite: attach each
file read-only and count, with one anti-join, the changes the survey lacks.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import time
from pathlib import Path

from fieldkit.exchange.sync import device_file_name, sync_folder, write_device_file
from fieldkit.survey import Survey
from fieldkit.survey.device import Device
from fieldkit.survey.store import ChangeLog
from tests.bench import bench_folder, median, report
from tests.bench.bench_merge import _changes

TARGET = "1s"


def build_folder(folder: Path, devices: int, interviews: int, answers: int) -> Path:
    """Write every laptop's own file into ``folder``; return the survey of the one that syncs."""
    base = folder / "modèle.fieldkit"
    with Survey.create(base, device=Device("device-base", "Base")) as survey:
        questions = [q.id for q in survey.guide.questions if q.answerable and not q.bind]
    names = [questions[n % len(questions)] + f"_{n}" for n in range(answers)]
    shared = folder / "partage"
    shared.mkdir()
    for number in range(devices):
        device = Device(f"{number:04x}" + "0" * 28, f"Enquêteur {number}")
        laptop = folder / f"laptop-{number:03d}.fieldkit"
        shutil.copyfile(base, laptop)
        log = ChangeLog.open(laptop, device)
        log.add_changes(_changes(device, number, interviews, names))
        write_device_file(log, shared / device_file_name(device.id))
        log.close()
    mine = folder / "laptop-000.fieldkit"
    with Survey.open(mine, device=Device("0000" + "0" * 28, "Enquêteur 0")) as survey:
        sync_folder(survey.log, shared)  # the first sync brings everything in
    return mine


def timed_sync(survey: Path, folder: Path) -> float:
    started = time.perf_counter()
    with Survey.open(survey, device=Device("0000" + "0" * 28, "Enquêteur 0")) as opened:
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


def run(devices: int = 50, interviews: int = 20, answers: int = 80, repeats: int = 5) -> None:
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
