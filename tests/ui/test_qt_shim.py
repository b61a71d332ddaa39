"""The window survives as many signals and model calls as a long day of interviews makes.

PySide6 6.12's stable-ABI wheels drop a reference to ``True`` on each
``emit()`` and to ``None`` on each Python override that returns nothing; on
CPython 3.11 that aborted the app after a few hundred signals. ``ui.qt``
works around it; this runs a day's worth of calls in a child process, so a
regression shows as a failed test rather than a crashed test run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

DAY_OF_CALLS = """
from ui.qt import QAbstractListModel, QCoreApplication, QModelIndex, QObject, Qt, QTimer, Signal

app = QCoreApplication([])

class Typist(QObject):
    edited = Signal()

class Empty(QAbstractListModel):
    def rowCount(self, parent=QModelIndex()):
        return 1
    def data(self, index, role=0):
        return None

typist, model = Typist(), Empty()
cell = model.index(0)
for _ in range(200_000):
    typist.edited.emit()
    cell.data(Qt.ItemDataRole.DecorationRole)
for _ in range(2_000):
    QTimer.singleShot(0, lambda: None)
    app.processEvents()
print("survived")
"""


def test_a_day_of_signals_and_model_calls_does_not_abort() -> None:
    done = subprocess.run(
        [sys.executable, "-c", DAY_OF_CALLS],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "survived"
