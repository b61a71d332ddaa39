"""An open survey as the window holds it: one writer thread, one reader, one autosaver.

Reads happen on the GUI thread through a read-only connection (cheap, never
blocked by a write in WAL mode); writes go to the writer thread. After
``flush_and_wait()`` the reader sees everything typed so far.

A file nobody may write (a colleague's file, a CD, a locked share) opens
read-only rather than not at all. A file deleted or moved while open keeps
taking edits through the open connection, but nobody would find them on
disk: :meth:`SurveySession.file_present` tells, so the window can say so and
offer a new place.
"""

from __future__ import annotations

import os
import sqlite3
import traceback
from pathlib import Path

from fieldkit.errors import FieldkitError
from fieldkit.survey import Device, Survey, current_device, is_writable
from ui.session.autosave import AutoSaver
from ui.session.operations import SurveyExecutor


def _identity(path: Path) -> tuple[int, int]:
    """What tells this file from another one put under the same name."""
    found = os.stat(path)
    return found.st_dev, found.st_ino


def _not_kept(error: BaseException) -> None:
    """A file that cannot keep its progress (full disk, locked) is counted when next opened.

    The person is closing the survey and has lost nothing, so no dialog: a
    fault in the code still leaves its trace on the error output.
    """
    if not isinstance(error, (FieldkitError, sqlite3.Error)):
        traceback.print_exception(error)


class SurveySession:
    """Everything the window needs to read and write one survey file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        # A missing file is not read-only: opening it says what is wrong, in the core's words.
        self.readonly = self.path.exists() and not (
            is_writable(self.path) and is_writable(self.path.parent)
        )
        self.lost = False
        device = current_device()
        readonly = self.readonly
        self.executor = SurveyExecutor(
            lambda: Survey.open(self.path, readonly=readonly, device=device)
        )
        try:
            self.reader = Survey.open(self.path, readonly=True, device=device)
            self._identity = _identity(self.path)
        except BaseException:
            self.executor.close()
            raise
        self.saver = AutoSaver(self.executor)

    def file_present(self) -> bool:
        """Whether the survey file is still where it was opened (not deleted, moved or replaced)."""
        try:
            return _identity(self.path) == self._identity
        except OSError:
            return False

    def flush_and_wait(self) -> None:
        self.saver.flush_and_wait()

    def sign_as(self, device: Device) -> None:
        """Sign the next changes with a new author name (set in the settings)."""

        def update(survey: Survey) -> None:
            survey.log.device = device

        self.executor.submit(update)

    def close(self) -> None:
        """Save what is pending, then close both connections: nothing typed is lost.

        The file then keeps each interview's progress, so that opening it next
        time lists the interviews without loading the guide. That is only a
        head start: if the file cannot take it, the next listing counts.
        """
        self.saver.flush_and_wait()
        if not self.readonly and not self.lost:
            self.executor.submit(Survey.remember_progress, on_error=_not_kept)
        self.reader.close()
        self.executor.close()
