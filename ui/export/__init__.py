"""Exporting from the window: monographs, working files, the synthesis, tables, JSON
and REFI-QDA.

:func:`install_exports` plugs *Exporter…* into a main window;
:func:`safe_file_name` makes a file name of an initiative's name.
"""

from ui.export.commands import install_exports
from ui.export.request import safe_file_name

__all__ = ["install_exports", "safe_file_name"]
