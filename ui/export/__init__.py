"""Exporting from the window: monographs, working files, the synthesis, tables, JSON
and REFI-QDA.

:func:`install_exports` plugs *Exporter…* into a main window;
:func:`safe_file_name` makes a file name of an initiative's name.
"""

from typing import TYPE_CHECKING

from fieldkit.lazy import on_first_use
from ui.export.commands import install_exports

if TYPE_CHECKING:
    from ui.export.request import safe_file_name

__all__ = ["install_exports", "safe_file_name"]

# The request's module loads with the first export (or the first preview).
__getattr__ = on_first_use(__name__, {"safe_file_name": "ui.export.request"})
