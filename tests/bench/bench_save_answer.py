"""Saving one answer edit through ``Survey.set_answer``, the path the window's autosave takes.

Two paths are timed, each save on its own (one transaction per save, as the
window does):

- *typing*: the same long-text answer saved again and again with a growing
  text, as while a person types; after the first save every save amends the
  session's own change in place;
- *fresh*: the first answer to a field that had none (a new change and a new
  row of derived state).

The baseline is the least any save can cost: one raw ``sqlite3`` single-row
``INSERT`` and its commit, in a WAL database with the pragmas a survey file
uses (``synchronous=NORMAL``), measured in the same run.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from fieldkit.survey import Survey
from tests.bench import bench_folder, median, percentile, report

TYPED_QUESTION = "description_initiative"
TARGET = "2ms,ratio<=3"
#: A typed answer grows by a word per save up to this many words, then starts over.
LONGEST_ANSWER_WORDS = 400
WARM_UP_SAVES = 20


def typed_text(step: int) -> str:
    """What the answer box holds at the ``step``-th save of a person typing."""
    words = step % LONGEST_ANSWER_WORDS + 1
    return " ".join(f"coopération{n}" for n in range(words))


def _milliseconds(started: int) -> float:
    return (time.perf_counter_ns() - started) / 1e6


def sqlite_insert_commit(path: Path, saves: int) -> list[float]:
    """Time raw single-row inserts, each in its own transaction, into a WAL database."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute("CREATE TABLE edits (id INTEGER PRIMARY KEY, value TEXT NOT NULL)")
        samples = []
        for step in range(WARM_UP_SAVES + saves):
            text = typed_text(step)
            started = time.perf_counter_ns()
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("INSERT INTO edits (value) VALUES (?)", (text,))
            connection.execute("COMMIT")
            samples.append(_milliseconds(started))
        return samples[WARM_UP_SAVES:]
    finally:
        connection.close()


def _new_interviews(survey: Survey, count: int) -> list[str]:
    initiative = survey.add_initiative("Ressourcerie des Monts du Lyonnais")
    return [survey.add_interview(initiative, "2026-06-01") for _ in range(count)]


def save_typing(survey: Survey, interview: str, saves: int) -> list[float]:
    """Time saves of one answer being typed (the amend-in-place path)."""
    samples = []
    for step in range(WARM_UP_SAVES + saves):
        text = typed_text(step)
        started = time.perf_counter_ns()
        survey.set_answer(interview, TYPED_QUESTION, text)
        samples.append(_milliseconds(started))
    return samples[WARM_UP_SAVES:]


def save_fresh(survey: Survey, saves: int) -> list[float]:
    """Time first answers to long-text questions of interviews that had none."""
    questions = [q.id for q in survey.guide.questions if q.type == "long_text" and not q.bind]
    interviews = _new_interviews(survey, (WARM_UP_SAVES + saves) // len(questions) + 1)
    fields = [(i, q) for i in interviews for q in questions]
    samples = []
    for step, (interview, question) in enumerate(fields[: WARM_UP_SAVES + saves]):
        text = f"Première phrase de la réponse {step}."
        started = time.perf_counter_ns()
        survey.set_answer(interview, question, text)
        samples.append(_milliseconds(started))
    return samples[WARM_UP_SAVES:]


def run(saves: int = 2000) -> None:
    with bench_folder() as folder:
        baseline = sqlite_insert_commit(folder / "baseline.sqlite", saves)
        base_median, base_p99 = median(baseline), percentile(baseline, 0.99)
        report(
            "sqlite_insert_commit_median",
            base_median,
            "ms",
            "sqlite_insert_commit_median",
            base_median,
        )
        report("sqlite_insert_commit_p99", base_p99, "ms", "sqlite_insert_commit_p99", base_p99)

        path = folder / "saisie.fieldkit"
        Survey.create(path).close()
        with Survey.open(path) as survey:
            (interview,) = _new_interviews(survey, 1)
            for path_name, samples in (
                ("typing", save_typing(survey, interview, saves)),
                ("fresh", save_fresh(survey, saves)),
            ):
                name = f"save_answer_{path_name}"
                report(
                    f"{name}_median",
                    median(samples),
                    "ms",
                    "sqlite_insert_commit_median",
                    base_median,
                    TARGET,
                )
                report(
                    f"{name}_p99",
                    percentile(samples, 0.99),
                    "ms",
                    "sqlite_insert_commit_p99",
                    base_p99,
                )
