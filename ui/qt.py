"""The one way into Qt: every ui module imports Qt names from here.

Keeping the binding behind one module (as Anki's ``aqt.qt`` does) means a
binding change, a compatibility shim or a patch for tests happens in one place.

Names are looked up on first use rather than star-imported: a star import
makes PySide6 build every one of its thousands of types up front, which alone
would double the app's start-up time. QtNetwork (the single-instance handover)
and QtTest (typing in tests) are only loaded when a name from them is asked for.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets

if TYPE_CHECKING:  # what editors and type checkers see
    from PySide6.QtCore import *  # noqa: F403
    from PySide6.QtGui import *  # noqa: F403
    from PySide6.QtNetwork import *  # noqa: F403
    from PySide6.QtTest import *  # noqa: F403
    from PySide6.QtWidgets import *  # noqa: F403

_EAGER: tuple[ModuleType, ...] = (QtCore, QtGui, QtWidgets)
_ON_DEMAND = ("PySide6.QtNetwork", "PySide6.QtTest")


def __getattr__(name: str) -> object:
    """Find a Qt name in the modules above, and keep it for the next import."""
    for module in _EAGER:
        if hasattr(module, name):
            return _keep(name, getattr(module, name))
    if name.startswith("Q"):
        for module_name in _ON_DEMAND:
            module = importlib.import_module(module_name)
            if hasattr(module, name):
                return _keep(name, getattr(module, name))
    raise AttributeError(f"module 'ui.qt' has no attribute {name!r}")


def _keep(name: str, value: object) -> object:
    globals()[name] = value
    return value
