"""What ``ui.qt`` mends in PySide6, each checked in a child process of its own.

- The window survives as many signals and model calls as a long day of
  interviews makes. PySide6 6.12's stable-ABI wheels drop a reference to
  ``True`` on each ``emit()`` and to ``None`` on each Python override that
  returns nothing; on CPython 3.11 that aborted the app after a few hundred
  signals. A regression shows as a failed test rather than a crashed test run.
- Modules imported once Qt is loaded are not read back as source text by
  PySide's import hook (which serves a feature fieldkit does not use), unless
  something else has taken over the import statement since.
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
    assert run_child(DAY_OF_CALLS) == "survived"


def run_child(script: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


WATCH_SOURCE_READS = """
import inspect
read = []
real_getsource = inspect.getsource
def getsource(obj):
    read.append(obj.__name__)
    return real_getsource(obj)
inspect.getsource = getsource
"""


def test_modules_imported_after_qt_are_not_read_back_as_source() -> None:
    script = (
        WATCH_SOURCE_READS
        + """
import ui.qt
already = len(read)
import csv, decimal, fieldkit.export
print(read[already:])
"""
    )
    assert run_child(script) == "[]"


def test_an_import_replaced_by_something_else_is_left_alone() -> None:
    script = """
import builtins
import PySide6.QtCore
pyside_hook = builtins.__import__
imported = []
def traced(name, *args, **kwargs):
    imported.append(name)
    return pyside_hook(name, *args, **kwargs)
builtins.__import__ = traced
import ui.qt
import csv
print(builtins.__import__ is traced, "csv" in imported)
"""
    assert run_child(script) == "True True"
