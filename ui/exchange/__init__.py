"""Merging, syncing and conflicts in the window: *Fusionner…*, *Synchroniser*, *Conflits…*.

:func:`install_exchange` plugs the three commands into a main window.
"""

from ui.exchange.commands import install_exchange

__all__ = ["install_exchange"]
