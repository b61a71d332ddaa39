"""Killing the desktop while it saves, again and again: the survey always opens, whole.

The child process (``saving_process.py``) is the window's save path (writer
thread, reader connection, autosaver) saving edit after edit; it says which
edits were confirmed written. The test kills it with SIGKILL, round after
round: while it starts, at a random moment while it saves, or the instant a
checkpoint starts copying the ``-wal`` into the file (which then looks
truncated until the ``-wal`` completes it). After each kill it opens the file
as the next session would: it must open, pass every check, and hold every
confirmed edit.

Each round starts a process, so CI runs a short loop; a maintainer runs the
long one before a release with ``FIELDKIT_KILL_ROUNDS=100`` (README.md).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from fieldkit.survey import Survey, check_survey
from tests.ui.saving_process import step_of

CHILD = Path(__file__).with_name("saving_process.py")
QUESTIONS = ["description_initiative", "origine_details", "besoins_non_couverts"]
#: Rounds of save-and-kill: 10 by default, as many as the variable says.
ROUNDS = int(os.environ.get("FIELDKIT_KILL_ROUNDS", "10"))
#: How long the child may take to start and confirm a first save (a bound for
#: slow CI machines, not a timing check).
START_TIMEOUT = 60.0

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is a POSIX signal"),
]


class Session:
    """A saving child process and the steps it confirmed, per question."""

    def __init__(self, path: Path, interview: str, home: Path) -> None:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(home))
        self.process = subprocess.Popen(
            [sys.executable, str(CHILD), str(path), interview, *QUESTIONS],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.confirmed: dict[str, int] = {}
        self.saves = 0
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            word, question, step = line.split()
            assert word == "saved", line
            self.confirmed[question] = max(self.confirmed.get(question, 0), int(step))
            self.saves += 1

    def wait_for_a_checkpoint(self, path: Path, longest: float) -> None:
        """Return the instant a checkpoint starts, or after ``longest`` seconds.

        A checkpoint writes the file's first page first, and with it the
        header's change counter (bytes 24-27), then the other pages in order.
        """
        deadline = time.monotonic() + longest
        handle = os.open(path, os.O_RDONLY)
        try:
            counter = os.pread(handle, 4, 24)
            while os.pread(handle, 4, 24) == counter and time.monotonic() < deadline:
                pass
        finally:
            os.close(handle)

    def wait_for_a_save(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while not self.saves and self.process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)

    def kill(self) -> dict[str, int]:
        """Kill it with SIGKILL; return what it confirmed before it died."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        self._reader.join(timeout=30)
        assert self.process.stderr is not None
        errors = self.process.stderr.read()
        self.process.stderr.close()
        assert self.process.returncode == -signal.SIGKILL, f"the session died by itself:\n{errors}"
        return dict(self.confirmed)


def test_the_survey_opens_whole_after_every_kill_while_saving(
    survey_path: Path, tmp_path: Path
) -> None:
    with Survey.open(survey_path) as survey:
        initiative = survey.add_initiative("Ressourcerie du Haut-Doubs")
        interview = survey.add_interview(initiative, "2026-10-02", "Pontarlier")
    seed = random.randrange(1 << 32)
    chance = random.Random(seed)
    confirmed: dict[str, int] = {}
    saves = 0
    for round_ in range(1, ROUNDS + 1):
        session = Session(survey_path, interview, tmp_path / "home")
        if round_ % 5 == 0:
            time.sleep(chance.uniform(0.0, 1.0))  # while it starts, opens, first saves
        elif round_ % 2:
            session.wait_for_a_save()
            time.sleep(chance.uniform(0.0, 0.5))
        else:
            session.wait_for_a_save()
            session.wait_for_a_checkpoint(survey_path, longest=chance.uniform(0.0, 1.0))
        for question, step in session.kill().items():
            confirmed[question] = max(confirmed.get(question, 0), step)
        saves += session.saves

        where = f"after kill {round_} of {ROUNDS} (random seed {seed})"
        with Survey.open(survey_path) as survey:
            assert check_survey(survey) == [], where
            answers = survey.answers(interview)
            found = {question: step_of(answers.get(question)) for question in QUESTIONS}
        for question, step in confirmed.items():
            assert found[question] >= step, f"{question}: confirmed step {step} lost {where}"

    assert saves >= ROUNDS, "the sessions hardly saved anything: the test proved little"
