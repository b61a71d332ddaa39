"""Identifiers for what a survey holds: initiatives, interviews, rows, changes, devices.

A new id is 128 random bits written as 32 hexadecimal digits, the shape of
every id in a survey file (the first files held version-4 UUIDs, which read
the same and stay valid). The bits come straight from the system's random
source: the ``uuid`` module would bring ``platform`` along, a millisecond of
every start of the window for nothing it uses.
"""

from __future__ import annotations

import os


def new_id() -> str:
    """A fresh random id: 32 hexadecimal digits."""
    return os.urandom(16).hex()
