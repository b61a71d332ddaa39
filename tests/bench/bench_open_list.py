"""Opening a big survey and listing its interviews with their completion.

The survey holds 2,000 interviews of the built-in guide with 80 answers each
(every question of the guide answered, and people met as repeat rows for the
rest). The figure is ``Survey.open`` plus ``Survey.interviews()``, what the
window does before it shows its first screen. The baseline opens the same
file with raw ``sqlite3`` and counts the answers of each interview with one
``GROUP BY``: the least any listing with completion can cost.

The file is first listed as a merge or the command line leaves it, counting
every interview's progress; then as the window leaves it on closing, with
the progress remembered (``open_and_list_remembered``).
"""

from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path

from fieldkit.errors import FieldkitError
from fieldkit.guide.model import Question
from fieldkit.guide.values import check_constraint, normalize
from fieldkit.survey import Survey
from tests.bench import bench_folder, median, report

ANSWERS_PER_INTERVIEW = 80
INTERVIEWS_PER_INITIATIVE = 4
INTERVIEWS_PER_TRANSACTION = 100
REPEAT = "personnes_rencontrees"
TARGET = "300ms"

#: Values tried, in order, for each question type; the first the question accepts is used.
CANDIDATES: dict[str, list[object]] = {
    "text": ["Réponse courte"],
    "long_text": [
        "Les habitants se sont réunis dans l’ancienne école pour recenser les besoins "
        "que personne ne couvrait : mobilité des aînés, garde d’enfants aux horaires "
        "décalés, réparation d’objets du quotidien. Le collectif a d’abord testé une "
        "permanence mensuelle, puis la mairie a prêté un local et deux structures de "
        "l’insertion ont rejoint le projet, chacune avec ses propres contraintes."
    ],
    "integer": [2012, 40],
    "decimal": [3.5],
    "scale": [3, 2, 1],
    "date": ["2026-05-12"],
    "time": ["10:30"],
    "datetime": ["2026-05-12T10:30"],
}


def sample_value(question: Question, n: int) -> object | None:
    """A value ``question`` accepts, varying with ``n`` for choices; None if none fits."""
    if question.type in {"select_one", "select_multiple"}:
        values = [c.value for c in question.choices if c.value not in {"autre", "aucune"}]
        picked = values[n % len(values)]
        candidates: list[object] = [picked if question.type == "select_one" else [picked]]
    else:
        candidates = CANDIDATES.get(question.type, [])
    for candidate in candidates:
        try:
            stored = normalize(question, candidate)
            check_constraint(question, stored, {})
        except FieldkitError:
            continue
        return stored
    return None


def build_survey(path: Path, interviews: int, answers: int = ANSWERS_PER_INTERVIEW) -> None:
    """Write a survey of ``interviews`` visits with ``answers`` answers each, in big batches."""
    with Survey.create(path) as survey:
        guide = survey.guide
        plain = [q for q in guide.questions if q.answerable and not q.bind and q.type != "repeat"]
        columns = guide.question(REPEAT).columns  # type: ignore[union-attr]
        log = survey.log
        for first in range(0, interviews, INTERVIEWS_PER_TRANSACTION):
            with log.transaction():
                for n in range(first, min(interviews, first + INTERVIEWS_PER_TRANSACTION)):
                    if n % INTERVIEWS_PER_INITIATIVE == 0:
                        initiative = survey.add_initiative(f"Initiative {n:05d}", "Bourgogne")
                    interview = survey.add_interview(initiative, "2026-05-12", f"Lieu {n}")
                    written = 0
                    for question in plain[:answers]:
                        value = sample_value(question, n)
                        if value is not None:
                            log.write("answer", interview, question.id, value)
                            written += 1
                    position = 0.0
                    while written < answers:
                        position += 1.0
                        row = f"{interview}-row{int(position)}"
                        log.write("row", row, "interview", interview)
                        log.write("row", row, "repeat", REPEAT)
                        log.write("row", row, "position", position)
                        for column in columns[: answers - written]:
                            value = sample_value(column, n)
                            log.write("row_answer", row, column.id, value or "oui")
                            written += 1


def open_and_list(path: Path, expected: int) -> float:
    """Milliseconds to open the survey and list its interviews with completion."""
    started = time.perf_counter_ns()
    survey = Survey.open(path)
    listed = survey.interviews()
    elapsed = (time.perf_counter_ns() - started) / 1e6
    survey.close()
    if len(listed) != expected or not all(i.answered for i in listed):
        raise RuntimeError(f"{path}: listed {len(listed)} interviews, expected {expected}")
    return elapsed


def open_and_count(path: Path) -> float:
    """Milliseconds to open the file with raw sqlite3 and count answers per interview."""
    started = time.perf_counter_ns()
    connection = sqlite3.connect(path)
    connection.execute(
        "SELECT entity_id, count(*) FROM state WHERE entity = 'answer' GROUP BY entity_id"
    ).fetchall()
    elapsed = (time.perf_counter_ns() - started) / 1e6
    connection.close()
    return elapsed


def run(interviews: int = 2000, repeats: int = 9) -> None:
    with bench_folder() as folder:
        path = folder / "grande enquête.fieldkit"
        started = time.perf_counter()
        build_survey(path, interviews)
        built = time.perf_counter() - started
        print(
            f"built {interviews} interviews × {ANSWERS_PER_INTERVIEW} answers in {built:.1f} s",
            file=sys.stderr,
        )
        open_and_list(path, interviews)  # warm the OS cache, as a second opening would be
        # Interleaved, so that both see the same machine load.
        listings, baselines = [], []
        for _ in range(repeats):
            baselines.append(open_and_count(path))
            listings.append(open_and_list(path, interviews))
        listing, baseline = median(listings), median(baselines)
        report("sqlite_open_count_answers", baseline, "ms", "sqlite_open_count_answers", baseline)
        report(
            "open_and_list_interviews", listing, "ms", "sqlite_open_count_answers", baseline, TARGET
        )
        with Survey.open(path) as survey:
            survey.remember_progress()
        remembered = median([open_and_list(path, interviews) for _ in range(repeats)])
        report("open_and_list_remembered", remembered, "ms", "sqlite_open_count_answers", baseline)
