"""Exporting from the window: monographs, the synthesis, tables, JSON and REFI-QDA.

:func:`install_exports` plugs *Exporter…* into a main window.
"""

from ui.export.dialog import install_exports

__all__ = ["install_exports"]
