"""The one way into Qt: every ui module imports Qt names from here.

Keeping the binding behind one module (as Anki's ``aqt.qt`` does) means a
binding change, a compatibility shim or a patch for tests happens in one place.

Names are looked up on first use rather than star-imported: a star import
makes PySide6 build every one of its thousands of types up front, which alone
would double the app's start-up time. QtNetwork (the single-instance handover)
and QtTest (typing in tests) are only loaded when a name from them is asked for.

It also holds the two compatibility shims the window needs: see
:func:`_immortal_singletons` and :func:`_plain_imports`.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtGui, QtWidgets


def _immortal_singletons() -> None:
    """Keep PySide6 from freeing ``None``, ``True`` and ``False`` on CPython 3.11.

    PySide6's stable-ABI wheels (6.12 at least) return ``True`` from every
    ``Signal.emit()`` and hand ``None`` back from Python overrides (a model's
    ``data()`` with nothing to show, a timer's callback) without taking a
    reference, as if these objects were immortal. They are, from CPython 3.12
    on (PEP 683); on 3.11 each call costs one reference, and after a few
    hundred signals the interpreter aborts ("deallocating True or False").
    Raising their count far out of reach does what 3.12 does by design.
    """
    debug_build = hasattr(sys, "gettotalrefcount")  # refcount is not the first field there
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython" or debug_build:
        return
    import ctypes

    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40


def _plain_imports() -> None:
    """Give Python back the import statement PySide6 replaced.

    PySide6 swaps ``builtins.__import__`` for a hook that serves one thing,
    ``from __feature__ import snake_case, true_property``, which fieldkit never
    uses. Along the way the hook reads the whole source of every module imported
    after Qt (and of each module loaded before, the first time it is imported
    again) to see whether it mentions PySide6: some eighty files and about 7 ms
    of the window's start, and a lazy import on the writer thread runs through
    Shiboken's Python code. The hook keeps the import it replaced; that one goes
    back, unless something else has replaced the hook since (a debugger, say).
    """
    import builtins

    replaced = getattr(builtins, "__orig_import__", None)
    hook = getattr(builtins, "__feature_import__", None)
    if replaced is not None and hook is not None and builtins.__import__ is hook:
        builtins.__import__ = replaced


_plain_imports()
_immortal_singletons()

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
