"""An open survey as the window holds it: one writer thread, one reader, one autosaver.

Reads happen on the GUI thread through a read-only connection (cheap, never
blocked by a write in WAL mode); writes go to the writer thread. After
``flush_and_wait()`` the reader sees everything typed so far.
"""

from __future__ import annotations

from pathlib import Path

from fieldkit.survey import Device, Survey, current_device
from ui.session.autosave import AutoSaver
from ui.session.operations import SurveyExecutor


class SurveySession:
    """Everything the window needs to read and write one survey file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        device = current_device()
        self.executor = SurveyExecutor(lambda: Survey.open(self.path, device=device))
        try:
            self.reader = Survey.open(self.path, readonly=True, device=device)
        except BaseException:
            self.executor.close()
            raise
        self.saver = AutoSaver(self.executor)

    def flush_and_wait(self) -> None:
        self.saver.flush_and_wait()

    def sign_as(self, device: Device) -> None:
        """Sign the next changes with a new author name (set in the settings)."""

        def update(survey: Survey) -> None:
            survey.log.device = device

        self.executor.submit(update)

    def close(self) -> None:
        """Save what is pending, then close both connections: nothing typed is lost."""
        self.saver.flush_and_wait()
        self.reader.close()
        self.executor.close()
