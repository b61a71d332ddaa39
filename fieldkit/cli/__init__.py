"""The ``fieldkit`` command line: a thin layer over the core.

Each command parses its arguments, calls one library function and prints.
A problem the user caused prints one sentence on stderr and exits 1; a usage
mistake exits 2 (click's convention). No traceback reaches the user.

One module per group of commands, each adding its commands to the one
:data:`~fieldkit.cli.base.cli` group: :mod:`.surveys`, :mod:`.records`,
:mod:`.exchange`, :mod:`.guides`, :mod:`.exports`, :mod:`.writing`, :mod:`.privacy`.
"""

from __future__ import annotations

import os
import sys

from fieldkit.cli import exchange, exports, guides, privacy, records, surveys, writing
from fieldkit.cli.base import cli

__all__ = ["cli", "main"]
#: Imported for the commands they add to :data:`cli`.
COMMAND_MODULES = (surveys, records, exchange, guides, exports, writing, privacy)


def main() -> None:
    """Entry point of the ``fieldkit`` console script."""
    try:
        cli(prog_name="fieldkit")
    except BrokenPipeError:
        # The reader went away (``fieldkit dump … | head``): not an error of ours.
        # Point stdout at nothing so the interpreter's final flush stays quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
