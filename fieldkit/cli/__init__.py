"""The ``fieldkit`` command line: a thin layer over the core.

Each command parses its arguments, calls one library function and prints.
A problem the user caused prints one sentence on stderr and exits 1; a usage
mistake exits 2 (click's convention). No traceback reaches the user.

One module per group of commands, each adding its commands to the one
:data:`~fieldkit.cli.base.cli` group: :mod:`.surveys`, :mod:`.records`,
:mod:`.exchange`, :mod:`.guides`, :mod:`.exports`, :mod:`.writing`, :mod:`.privacy`.
"""

from __future__ import annotations

from fieldkit.cli import exchange, exports, guides, privacy, records, surveys, writing
from fieldkit.cli.base import cli

__all__ = ["cli", "main"]
#: Imported for the commands they add to :data:`cli`.
COMMAND_MODULES = (surveys, records, exchange, guides, exports, writing, privacy)


def main() -> None:
    """Entry point of the ``fieldkit`` console script."""
    cli(prog_name="fieldkit")
