"""Killing the app while someone types loses at most the last half second of typing.

The child process (``typing_process.py``) is the real window typing into a
long answer; it says what it has typed and when. The test kills it with
SIGKILL mid-sentence, then opens the file as the next person would.
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

from fieldkit.survey import Survey
from fieldkit.survey.check import check_survey
from tests.ui.typing_process import TEXT

CHILD = Path(__file__).with_name("typing_process.py")
#: Everything typed this long before the kill must be in the file.
LOSS_BOUND = 0.5
START_TIMEOUT = 60.0
QUESTIONS = ["description_initiative", "besoins_non_couverts", "definition_innovation"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is a POSIX signal"),
]


class Typist:
    """The child window and the progress lines it printed."""

    def __init__(self, path: Path, interview: str, question: str, home: Path) -> None:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(home))
        self.process = subprocess.Popen(
            [sys.executable, str(CHILD), str(path), interview, question],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.progress: list[tuple[int, float]] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("typed "):
                _word, count, moment = line.split()
                self.progress.append((int(count), float(moment)))

    def wait_for(self, characters: int) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while not self.progress or self.progress[-1][0] < characters:
            if self.process.poll() is not None:
                assert self.process.stderr is not None
                pytest.fail(f"the window exited early: {self.process.stderr.read()}")
            if time.monotonic() > deadline:
                pytest.fail("the window did not start typing in time")
            time.sleep(0.01)

    def kill(self) -> float:
        killed_at = time.monotonic()
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        self._reader.join(timeout=10)
        return killed_at

    def typed_before(self, moment: float) -> int:
        return max((count for count, at in self.progress if at <= moment), default=0)


def test_a_killed_window_loses_at_most_the_last_half_second(
    tmp_path: Path, fresh_interview: tuple[Path, str]
) -> None:
    path, interview = fresh_interview
    chance = random.Random(2026)
    for question in QUESTIONS:
        typist = Typist(path, interview, question, tmp_path / "home")
        typist.wait_for(120 + chance.randrange(200))
        time.sleep(chance.uniform(0.0, 0.4))
        killed_at = typist.kill()
        must_have = typist.typed_before(killed_at - LOSS_BOUND)
        typed = typist.typed_before(killed_at + 1)
        with Survey.open(path, readonly=True) as survey:
            saved = str(survey.answers(interview).get(question) or "")
        assert TEXT.startswith(saved), "the saved text is not what was typed"
        assert must_have <= len(saved) <= typed, (
            f"{question}: {len(saved)} characters saved, {must_have} typed "
            f"more than {LOSS_BOUND} s before the kill, {typed} typed in all"
        )
    with Survey.open(path) as survey:
        assert check_survey(survey) == []
