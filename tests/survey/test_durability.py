"""Killing fieldkit at any instant never corrupts the survey file nor loses a saved answer.

A writer process (``tests/writer_process.py``) saves answers the way the window
does and announces each save once ``Survey.set_answer`` has returned. The test
kills it with SIGKILL at random moments, many times over on the same file, and
after each kill looks at the file as the next person to open it would.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from fieldkit.survey import Survey
from fieldkit.survey.check import check_survey
from tests.survey.writer_process import step_of

WRITER = Path(__file__).with_name("writer_process.py")
QUESTIONS = ["description_initiative", "origine_details", "besoins_non_couverts"]
KILLS = 24
#: How long a writer may take to start and save its first answer before the
#: test gives up on it (a generous bound for slow CI machines, not a timing check).
START_TIMEOUT = 30.0

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is a POSIX signal"),
]


class Writer:
    """A running writer process and the "saved" lines it has printed so far."""

    def __init__(self, path: Path, interview: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(WRITER), str(path), interview, *QUESTIONS],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    def wait_for_first_save(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while not self.lines and self.process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)

    def kill(self) -> list[str]:
        """Kill the writer with SIGKILL; return every line it printed before dying."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self._reader.join()
        assert self.process.stderr is not None
        errors = self.process.stderr.read()
        self.process.stderr.close()
        assert self.process.returncode == -signal.SIGKILL, f"the writer died by itself:\n{errors}"
        return list(self.lines)


def saved_steps(lines: list[str]) -> dict[str, int]:
    """The last step announced as saved, per question."""
    steps: dict[str, int] = {}
    for line in lines:
        word, question, step = line.split()
        assert word == "saved", f"unexpected line from the writer: {line!r}"
        steps[question] = max(steps.get(question, 0), int(step))
    return steps


def integrity(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("PRAGMA integrity_check")]
    finally:
        connection.close()


def new_interview(path: Path) -> str:
    with Survey.open(path) as survey:
        initiative = survey.add_initiative("Recyclerie du Haut-Doubs")
        return survey.add_interview(initiative, "2026-10-02", "Pontarlier")


def test_answers_survive_sigkill_at_random_moments(survey_path: Path) -> None:
    interview = new_interview(survey_path)
    seed = random.randrange(1 << 32)
    rng = random.Random(seed)
    saved: dict[str, int] = {}
    total_saves = 0
    for kill in range(KILLS):
        writer = Writer(survey_path, interview)
        if kill % 4 == 3:
            # Now and then, strike while the writer is still starting or opening the file.
            time.sleep(rng.uniform(0.0, 0.3))
        else:
            writer.wait_for_first_save()
            time.sleep(rng.uniform(0.0, 0.25))
        lines = writer.kill()
        total_saves += len(lines)
        for question, step in saved_steps(lines).items():
            saved[question] = max(saved.get(question, 0), step)

        where = f"after kill {kill + 1} of {KILLS} (random seed {seed})"
        assert integrity(survey_path) == ["ok"], where
        with Survey.open(survey_path) as survey:
            assert check_survey(survey) == [], where
            answers = survey.answers(interview)
            found = {question: step_of(answers.get(question)) for question in QUESTIONS}
        for question, step in saved.items():
            assert found[question] >= step, f"{question}: saved step {step} lost {where}"

    assert total_saves >= KILLS, "the writer hardly saved anything: the test proved little"
