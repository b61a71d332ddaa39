"""Putting widgets made late into the Tab order where they are read.

Qt adds a widget to the end of its window's Tab order when it is made; rows
and cards made for the data on screen would then come after the window's own
buttons. They are placed, in order, right before a widget that stays.
"""

from __future__ import annotations

from collections.abc import Iterable

from ui.qt import Qt, QWidget


def tab_before(fixed: QWidget, stops: Iterable[QWidget]) -> None:
    """Put ``stops``, in order, right before ``fixed`` (and after what comes before it)."""
    anchor = fixed.previousInFocusChain()
    # Qt orders only widgets that take the focus: skip labels and layouts' holders.
    while anchor is not fixed.window() and anchor.focusPolicy() == Qt.FocusPolicy.NoFocus:
        anchor = anchor.previousInFocusChain()
    if anchor is fixed.window():
        return
    for stop in stops:
        QWidget.setTabOrder(anchor, stop)
        anchor = stop
