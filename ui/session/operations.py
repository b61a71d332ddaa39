"""Survey work off the GUI thread: one background thread owns the write connection.

Every write to the open survey (an autosave, a new interview, a restore, and
later a merge or an export) runs on a single background thread, one job at a
time and in the order submitted, on the one writable :class:`Survey`, which is
opened in that thread and never used from any other. The GUI thread never waits
for the disk while someone types; it reads through its own read-only connection.

Rule for background functions: they receive the survey (and, for long work, a
:class:`Progress`) and return a value. They must never touch a widget, a
QPixmap or anything else that belongs to the GUI thread: the result comes back
to the GUI thread by a queued signal, and the callbacks given to
:meth:`SurveyExecutor.submit` run there, where widgets may be changed.
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, TypeVar

from fieldkit.errors import FieldkitError
from fieldkit.survey import Survey
from ui.qt import (
    QCoreApplication,
    QEvent,
    QObject,
    Qt,
    QWidget,
    Signal,
    Slot,
)
from ui.widgets import show_error

if TYPE_CHECKING:
    from ui.qt import QProgressDialog

T = TypeVar("T")


class Cancelled(Exception):
    """Raised inside a background function when the person pressed *Annuler*."""


class Progress(QObject):
    """What a long background function reports, and how it learns it was cancelled.

    ``report`` may be called from the background thread: the signal is queued
    to the GUI thread. A cancelled function raises :class:`Cancelled` from
    ``check()`` before it commits, so cancelling never leaves half a change.
    """

    reported = Signal(int, int, str)

    def __init__(self) -> None:
        super().__init__()
        self._cancelled = threading.Event()

    def report(self, done: int, total: int, label: str = "") -> None:
        self.reported.emit(done, total, label)

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check(self) -> None:
        if self.cancelled:
            raise Cancelled


class SurveyExecutor(QObject):
    """The single background thread that owns the survey's write connection."""

    # Carries a callable to run on the GUI thread (a finished job's callback).
    _finished = Signal(object)

    def __init__(self, open_survey: Callable[[], Survey]) -> None:
        super().__init__()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fieldkit-writer")
        self._finished.connect(self._run_callback, Qt.ConnectionType.QueuedConnection)
        try:
            # Opened in the writer thread, so the connection lives there; the
            # caller waits because a file that cannot be opened must be reported now.
            self._survey: Survey | None = self._executor.submit(open_survey).result()
        except BaseException:
            self._executor.shutdown(wait=True)
            raise

    def submit(
        self,
        work: Callable[[Survey], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Future[T]:
        """Run ``work(survey)`` in the writer thread; call back on the GUI thread.

        Work a person would miss if it failed says how with ``on_error``. Without
        it, a failure still leaves its trace on the error output, never nowhere.
        """
        future = self._executor.submit(self._call, work)

        def finished(done: Future[T]) -> None:
            self._finished.emit(lambda: self._deliver(done, on_done, on_error))

        future.add_done_callback(finished)
        return future

    def _call(self, work: Callable[[Survey], T]) -> T:
        if self._survey is None:
            raise FieldkitError("the survey is closed")
        return work(self._survey)

    def _deliver(
        self,
        future: Future[T],
        on_done: Callable[[T], None] | None,
        on_error: Callable[[BaseException], None] | None,
    ) -> None:
        error = future.exception()
        if error is None:
            if on_done is not None:
                on_done(future.result())
        elif on_error is not None:
            on_error(error)
        else:
            traceback.print_exception(error)

    @Slot(object)
    def _run_callback(self, callback: Callable[[], None]) -> None:
        callback()

    def wait(self) -> None:
        """Block until every job submitted so far has run, then deliver their callbacks."""
        self._executor.submit(lambda: None).result()
        QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall.value)

    def close(self) -> None:
        """Finish pending work, close the survey in its own thread and stop the thread."""
        if self._survey is None:
            return

        def close_survey() -> None:
            if self._survey is not None:
                self._survey.close()
                self._survey = None

        self._executor.submit(close_survey).result()
        self._executor.shutdown(wait=True)
        QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall.value)


def report_error(parent: QWidget | None, headline: str, error: BaseException) -> None:
    """Show a failed job: the core's own message for a user error, a trace otherwise."""
    if isinstance(error, Cancelled):
        return
    if isinstance(error, FieldkitError):
        show_error(parent, headline, str(error))
        return
    trace = "".join(traceback.format_exception(error))
    print(trace, file=sys.stderr)
    show_error(parent, headline, f"{type(error).__name__}: {error}")


def run_operation(
    parent: QWidget,
    executor: SurveyExecutor,
    label: str,
    work: Callable[[Survey, Progress], T],
    on_done: Callable[[T], None],
    headline: str,
) -> Progress:
    """Run long work with a progress dialog that can cancel it and reports its error.

    The dialog appears only if the work lasts longer than a blink, says what
    is being done (``label``) and how far it got; ``headline`` titles the
    error message if the work fails.
    """
    from ui.qt import QProgressDialog  # made when first needed: not on the way to the first screen

    progress = Progress()
    dialog = QProgressDialog(label, QCoreApplication.translate("Operations", "Annuler"), 0, 0)
    dialog.setParent(parent, dialog.windowFlags())
    dialog.setWindowTitle(label.rstrip("…. "))  # a window named by what it waits for
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(progress.cancel)
    progress.reported.connect(lambda done, total, text: _show_progress(dialog, done, total, text))

    # The callbacks hold ``progress`` so that its last reference goes on the GUI
    # thread, where the QObject lives; were the writer thread to drop it last
    # (with the finished job), it would be deleted there, racing its signals.
    def finished(result: Any) -> None:
        dialog.close()
        dialog.deleteLater()
        progress.reported.disconnect()
        on_done(result)

    def failed(error: BaseException) -> None:
        dialog.close()
        dialog.deleteLater()
        progress.reported.disconnect()
        report_error(parent, headline, error)

    executor.submit(lambda survey: work(survey, progress), finished, failed)
    return progress


def _show_progress(dialog: QProgressDialog, done: int, total: int, text: str) -> None:
    dialog.setMaximum(total)
    dialog.setValue(done)
    if text:
        dialog.setLabelText(text)
