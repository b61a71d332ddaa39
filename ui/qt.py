"""The one way into Qt: every ui module imports Qt names from here.

Keeping the binding behind one module (as Anki's ``aqt.qt`` does) means a
binding change, a compatibility shim or a patch for tests happens in one place.
"""

# ruff: noqa: F403
from PySide6.QtCore import *
from PySide6.QtGui import *

# The single-instance handover (ui/single_instance.py) talks over a local socket.
from PySide6.QtNetwork import QLocalServer, QLocalSocket  # noqa: F401

# QTest types keys for the tests and for the kill test's child process.
from PySide6.QtTest import QTest  # noqa: F401
from PySide6.QtWidgets import *
