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
uses (``synchronous=NORMAL``), measured in the same run. The three kinds of
save are timed in interleaved rounds, so that all see the same machine load.
"""

from __future__ import annotations

import math
import sqlite3
import time
from collections.abc import Callable

from fieldkit.survey import Survey
from tests.bench import bench_folder, median, percentile, report

TYPED_QUESTION = "description_initiative"
TARGET = "2ms,ratio<=3"
#: A typed answer grows by a word per save up to this many words, then starts over.
LONGEST_ANSWER_WORDS = 400
WARM_UP_SAVES = 20
ROUNDS = 10

#: One save, given its step number (each kind of save counts its own steps) and
#: the text typed so far, which is made before the clock starts.
Save = Callable[[int, str], None]


def typed_text(step: int) -> str:
    """What the answer box holds at the ``step``-th save of a person typing."""
    words = step % LONGEST_ANSWER_WORDS + 1
    return " ".join(f"coopération{n}" for n in range(words))


def sqlite_insert_commit(connection: sqlite3.Connection) -> Save:
    """A raw single-row insert in its own transaction, into a WAL database."""
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("CREATE TABLE edits (id INTEGER PRIMARY KEY, value TEXT NOT NULL)")

    def save(step: int, text: str) -> None:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO edits (value) VALUES (?)", (text,))
        connection.execute("COMMIT")

    return save


def _new_interviews(survey: Survey, count: int) -> list[str]:
    initiative = survey.add_initiative("Ressourcerie des Monts du Lyonnais")
    return [survey.add_interview(initiative, "2026-06-01") for _ in range(count)]


def save_typing(survey: Survey) -> Save:
    """Saves of one answer being typed (after the first, the amend-in-place path)."""
    (interview,) = _new_interviews(survey, 1)

    def save(step: int, text: str) -> None:
        survey.set_answer(interview, TYPED_QUESTION, text)

    return save


def save_fresh(survey: Survey, saves: int) -> Save:
    """First answers to long-text questions of interviews that had none."""
    questions = [q.id for q in survey.guide.questions if q.type == "long_text" and not q.bind]
    interviews = _new_interviews(survey, saves // len(questions) + 1)
    fields = [
        (interview, question, f"Première phrase de la réponse {n}.")
        for n, (interview, question) in enumerate((i, q) for i in interviews for q in questions)
    ]

    def save(step: int, text: str) -> None:
        survey.set_answer(*fields[step])

    return save


def timed(saves: dict[str, Save], count: int) -> dict[str, list[float]]:
    """Time ``count`` calls of each save in milliseconds, in interleaved rounds, after a warm-up."""
    per_round = math.ceil((WARM_UP_SAVES + count) / ROUNDS)
    samples: dict[str, list[float]] = {name: [] for name in saves}
    for first in range(0, per_round * ROUNDS, per_round):
        for name, save in saves.items():
            for step in range(first, first + per_round):
                text = typed_text(step)
                started = time.perf_counter_ns()
                save(step, text)
                samples[name].append((time.perf_counter_ns() - started) / 1e6)
    return {name: found[WARM_UP_SAVES : WARM_UP_SAVES + count] for name, found in samples.items()}


def run(saves: int = 2000) -> None:
    with bench_folder() as folder:
        path = folder / "saisie.fieldkit"
        Survey.create(path).close()
        raw = sqlite3.connect(folder / "baseline.sqlite", isolation_level=None)
        with Survey.open(path) as survey:
            samples = timed(
                {
                    "sqlite_insert_commit": sqlite_insert_commit(raw),
                    "save_answer_typing": save_typing(survey),
                    "save_answer_fresh": save_fresh(survey, WARM_UP_SAVES + saves + ROUNDS),
                },
                saves,
            )
        raw.close()
        baseline = samples.pop("sqlite_insert_commit")
        base_median, base_p99 = median(baseline), percentile(baseline, 0.99)
        report(
            "sqlite_insert_commit_median",
            base_median,
            "ms",
            "sqlite_insert_commit_median",
            base_median,
        )
        report("sqlite_insert_commit_p99", base_p99, "ms", "sqlite_insert_commit_p99", base_p99)
        for name, found in samples.items():
            report(
                f"{name}_median",
                median(found),
                "ms",
                "sqlite_insert_commit_median",
                base_median,
                TARGET,
            )
            report(
                f"{name}_p99", percentile(found, 0.99), "ms", "sqlite_insert_commit_p99", base_p99
            )
