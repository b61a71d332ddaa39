"""Saving without a Save button: every edit reaches the file within half a second.

An edited field is marked pending with a function that reads its current
value. Pending values are written together, on the writer thread, when the
person pauses (``QUIET_MS`` after the last change), when a field has waited
``MAX_DELAY_MS`` (so continuous typing is still saved twice a second), on
every focus change, and before anything that must see the file up to date
(closing, switching interviews, history, search). The GUI thread only reads
the values and hands them over; it never waits for the disk.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from fieldkit.errors import FieldkitError
from fieldkit.survey import Survey
from ui import i18n
from ui.qt import QApplication, QObject, QTimer, QWidget, Signal
from ui.session.operations import SurveyExecutor

# Pause after the last keystroke before saving.
QUIET_MS = 300
# Longest time an edit waits while the person keeps typing.
MAX_DELAY_MS = 400


@dataclass(frozen=True)
class SaveKey:
    """Where a value goes: an interview's answer, one cell of a repeat row, or
    the text of one section of an initiative's monograph."""

    kind: str  # "answer", "row" or "narrative"
    owner: str  # interview id, row id, or initiative id
    question: str  # question id, column id, or section id

    @classmethod
    def answer(cls, interview: str, question: str) -> SaveKey:
        return cls("answer", interview, question)

    @classmethod
    def cell(cls, row: str, column: str) -> SaveKey:
        return cls("row", row, column)

    @classmethod
    def narrative(cls, initiative: str, section: str) -> SaveKey:
        return cls("narrative", initiative, section)


def write_values(survey: Survey, values: dict[SaveKey, object]) -> dict[SaveKey, str]:
    """Write each value in its own transaction; return the refusals, by key.

    Runs on the writer thread. A refused value (a broken constraint, a wrong
    type) does not stop the others from being saved.
    """
    refused: dict[SaveKey, str] = {}
    for key, value in values.items():
        try:
            if key.kind == "answer":
                survey.set_answer(key.owner, key.question, value)
            elif key.kind == "narrative":
                survey.set_narrative(key.owner, key.question, str(value or ""))
            else:
                survey.set_row_answer(key.owner, key.question, value)
        except FieldkitError as error:
            refused[key] = str(error)
    return refused


class AutoSaver(QObject):
    """Collects edits on the GUI thread and writes them on the writer thread."""

    # The save state changed: something is pending or being written, or all is saved.
    state_changed = Signal()
    # These keys were written (their errors, if shown, can go).
    saved = Signal(object)
    # The core refused a value: key, the core's message.
    refused = Signal(object, str)

    def __init__(self, executor: SurveyExecutor) -> None:
        super().__init__()
        self._executor = executor
        self._pending: dict[SaveKey, Callable[[], object]] = {}
        self._pending_since = 0.0
        self._in_flight = 0
        self.last_saved: float | None = None
        self.longest_flush_ms = 0.0
        self.quiet_timer = QTimer(self, singleShot=True, interval=QUIET_MS)
        self.quiet_timer.timeout.connect(self.flush)
        self._deadline = QTimer(self, singleShot=True, interval=MAX_DELAY_MS)
        self._deadline.timeout.connect(self.flush)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    @property
    def waiting(self) -> bool:
        """Whether some edit waits for a pause in typing before it is handed over."""
        return bool(self._pending)

    @property
    def busy(self) -> bool:
        """Whether some edit is not in the file yet."""
        return bool(self._pending) or self._in_flight > 0

    def edited(self, key: SaveKey, read_value: Callable[[], object]) -> None:
        """Note that ``key`` changed; ``read_value`` gives its value when it is saved."""
        was_idle = not self.busy
        self._pending[key] = read_value
        self.quiet_timer.start()
        if not self._deadline.isActive():
            self._deadline.start()
        if was_idle:
            self.state_changed.emit()

    def forget(self, owner: str) -> None:
        """Drop pending edits of a row or interview that was just removed."""
        self._pending = {k: v for k, v in self._pending.items() if k.owner != owner}

    def flush(self) -> None:
        """Hand every pending value to the writer thread now."""
        self.quiet_timer.stop()
        self._deadline.stop()
        if not self._pending:
            return
        started = time.perf_counter()
        values = {key: read() for key, read in self._pending.items()}
        self._pending.clear()
        self._in_flight += 1
        self._executor.submit(
            lambda survey: write_values(survey, values),
            lambda refused: self._written(values, refused),
            lambda error: self._failed(values, error),
        )
        elapsed = (time.perf_counter() - started) * 1000
        self.longest_flush_ms = max(self.longest_flush_ms, elapsed)

    def flush_and_wait(self) -> None:
        """Write everything pending and wait for it: before closing or reading back."""
        self.flush()
        self._executor.wait()

    def _written(self, values: dict[SaveKey, object], refused: dict[SaveKey, str]) -> None:
        self._in_flight -= 1
        self.last_saved = time.time()
        for key, message in refused.items():
            self.refused.emit(key, i18n.core_words(message))
        self.saved.emit([key for key in values if key not in refused])
        self.state_changed.emit()

    def _failed(self, values: dict[SaveKey, object], error: BaseException) -> None:
        self._in_flight -= 1
        for key in values:
            self.refused.emit(key, i18n.core_words(str(error)))
        self.state_changed.emit()

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if self._pending:
            self.flush()
