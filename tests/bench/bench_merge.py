"""Merging many survey files into one: ``fieldkit merge`` at the scale of a network.

The sources are copies of one survey, each then filled by its own laptop with
20 interviews × 80 answers (about 1,700 changes a file). Figures:

- ``merge_first``: merging them all into an empty target (``merge_files``:
  snapshot, checks, one transaction, derived state and search index);
- ``merge_again``: merging the same sources again, which must find nothing
  new and write nothing;
- ``merge_peak_memory``: the merging process's peak resident memory, for the
  full run and for a quarter of the sources, to show it does not grow with
  their number.

The baseline is the least a merge can cost: for each source, a raw
``ATTACH … ; INSERT OR IGNORE INTO changes SELECT * FROM src.changes`` into a
table of the same shape (the ``changes`` table of ``schema.SCHEMA_SQL`` with
its indexes), in WAL mode with the pragmas a survey file uses. Each side runs
in a fresh process, so that peak memory is its own.
"""

from __future__ import annotations

import json
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

from fieldkit.exchange.merge import merge_files
from fieldkit.survey import Survey, schema
from fieldkit.survey.changes import Change, encode
from fieldkit.survey.device import Device
from fieldkit.survey.hlc import pack
from fieldkit.survey.store import ChangeLog
from tests.bench import bench_folder, report

INTERVIEWS_PER_INITIATIVE = 4
FIRST_STAMP_MS = 1_780_000_000_000
ANSWER = (
    "Réponse {q} à la visite {k} : les habitants du quartier se sont organisés en "
    "association pour ouvrir un lieu partagé, avec l’appui de la mairie ({device})."
)


def _changes(device: Device, number: int, interviews: int, answers: list[str]) -> list[Change]:
    """The changes a laptop makes while recording its own visits."""
    stamp = pack(FIRST_STAMP_MS + number * 100_000_000)
    made: list[Change] = []

    def write(entity: str, entity_id: str, field: str, value: object) -> None:
        nonlocal stamp
        stamp += 1
        made.append(
            Change(
                uuid.uuid4().hex,
                entity,
                entity_id,
                field,
                encode(value),
                stamp,
                device.id,
                device.author,
                "[]",
            )
        )

    initiative = ""
    for k in range(interviews):
        if k % INTERVIEWS_PER_INITIATIVE == 0:
            initiative = uuid.uuid4().hex
            write("initiative", initiative, "name", f"Initiative {number}-{k}")
        interview = uuid.uuid4().hex
        for field, value in (
            ("initiative", initiative),
            ("date", "2026-05-12"),
            ("place", "Dijon"),
            ("status", "draft"),
            ("interviewers", [device.author]),
        ):
            write("interview", interview, field, value)
        for question in answers:
            write("answer", interview, question, ANSWER.format(q=question, k=k, device=number))
    return made


def build_sources(folder: Path, sources: int, interviews: int, answers: int) -> list[Path]:
    """Copies of one survey, each filled by its own laptop."""
    base = folder / "modèle.fieldkit"
    with Survey.create(base, device=Device("device-base", "Base")) as survey:
        questions = [q.id for q in survey.guide.questions if q.answerable and not q.bind]
    names = [
        questions[n % len(questions)] + (f"_{n}" if n >= len(questions) else "")
        for n in range(answers)
    ]
    paths = []
    for number in range(sources):
        path = folder / "sources" / f"laptop-{number:03d}.fieldkit"
        path.parent.mkdir(exist_ok=True)
        shutil.copyfile(base, path)
        device = Device(f"device-{number:03d}", f"Enquêteur {number}")
        log = ChangeLog.open(path, device)
        log.add_changes(_changes(device, number, interviews, names))
        log.close()
        paths.append(path)
    return paths


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _measured(started: float, cpu: float) -> dict[str, float]:
    return {
        "seconds": time.perf_counter() - started,
        "cpu": _cpu_seconds() - cpu,
        "peak_mb": _peak_mb(),
    }


def _child_merge(target: str, sources: list[str]) -> dict[str, float]:
    started, cpu = time.perf_counter(), _cpu_seconds()
    merge_files(Path(target), [Path(s) for s in sources], device=Device("device-hub", "Hub"))
    return _measured(started, cpu)


def _raw_target(target: str) -> sqlite3.Connection:
    """A database with the ``changes`` table of a survey file, its indexes and pragmas."""
    connection = sqlite3.connect(target, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.executescript(schema.SCHEMA_SQL.split("CREATE TABLE guides")[0])
    return connection


def _attach(connection: sqlite3.Connection, source: str, name: str) -> None:
    connection.execute(f"ATTACH DATABASE ? AS {name}", (f"{Path(source).as_uri()}?mode=ro",))


def _child_baseline(target: str, sources: list[str]) -> dict[str, float]:
    """The raw merge of the issue: ATTACH, INSERT OR IGNORE, DETACH, source by source."""
    connection = _raw_target(target)
    started, cpu = time.perf_counter(), _cpu_seconds()
    for source in sources:
        _attach(connection, source, "src")
        connection.execute("INSERT OR IGNORE INTO changes SELECT * FROM src.changes")
        connection.execute("DETACH DATABASE src")
    measured = _measured(started, cpu)
    connection.close()
    return measured


def _child_batched(target: str, sources: list[str]) -> dict[str, float]:
    """The same, ten sources per transaction (SQLite attaches ten at most): fewer commits."""
    connection = _raw_target(target)
    started, cpu = time.perf_counter(), _cpu_seconds()
    for first in range(0, len(sources), 10):
        group = sources[first : first + 10]
        for n, source in enumerate(group):
            _attach(connection, source, f"src{n}")
        connection.execute("BEGIN")
        for n in range(len(group)):
            connection.execute(f"INSERT OR IGNORE INTO changes SELECT * FROM src{n}.changes")
        connection.execute("COMMIT")
        for n in range(len(group)):
            connection.execute(f"DETACH DATABASE src{n}")
    measured = _measured(started, cpu)
    connection.close()
    return measured


CHILDREN = {"merge": _child_merge, "baseline": _child_baseline, "batched": _child_batched}


def _in_child(kind: str, target: Path, sources: list[Path]) -> dict[str, float]:
    """Run one side in a fresh process; return its time and peak memory."""
    command = [sys.executable, "-m", "tests.bench.bench_merge", kind, str(target)]
    done = subprocess.run(
        [*command, *map(str, sources)], check=True, capture_output=True, text=True
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run(sources: int = 100, interviews: int = 20, answers: int = 80) -> None:
    with bench_folder() as folder:
        started = time.perf_counter()
        paths = build_sources(folder, sources, interviews, answers)
        print(
            f"built {sources} sources × {interviews} interviews × {answers} answers "
            f"in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
        baseline = _in_child("baseline", folder / "baseline.sqlite", paths)
        batched = _in_child("batched", folder / "batched.sqlite", paths)
        first = _in_child("merge", folder / "fusion.fieldkit", paths)
        again = _in_child("merge", folder / "fusion.fieldkit", paths)
        some = max(1, sources // 4)
        fewer = _in_child("merge", folder / "quart.fieldkit", paths[:some])
        for name, figures in (
            ("sqlite_attach_insert", baseline),
            ("sqlite_attach_insert_batched", batched),
            ("merge_first", first),
            ("merge_again", again),
        ):
            wall, cpu = figures["seconds"], figures["cpu"]
            print(f"{name}: {wall:.2f} s wall, {cpu:.2f} s CPU", file=sys.stderr)
        raw = "sqlite_attach_insert"
        report(raw, baseline["seconds"], "s", raw, baseline["seconds"])
        report(f"{raw}_batched", batched["seconds"], "s", raw, baseline["seconds"])
        report("merge_first", first["seconds"], "s", raw, baseline["seconds"], "ratio<=2")
        report(
            "merge_first_vs_batched", first["seconds"], "s", f"{raw}_batched", batched["seconds"]
        )
        report("merge_again", again["seconds"], "s", "merge_first", first["seconds"], "ratio<=0.2")
        memory = "sqlite_attach_insert_peak_memory"
        report(memory, baseline["peak_mb"], "MB", memory, baseline["peak_mb"])
        report("merge_peak_memory", first["peak_mb"], "MB", memory, baseline["peak_mb"], "200MB")
        report(
            f"merge_peak_memory_{some}_sources",
            fewer["peak_mb"],
            "MB",
            "merge_peak_memory",
            first["peak_mb"],
            "flat",
        )


if __name__ == "__main__":
    kind, target, *names = sys.argv[1:]
    print(json.dumps(CHILDREN[kind](target, names)))
