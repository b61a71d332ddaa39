"""Writing an initiative's monograph in the window: the outline with each section's
state and authors, a text editor for each section's narrative (saved like
answers), and beside it every visit's material for that section, to quote or
place as a figure in one gesture; a preview in the word processor.

:func:`install_writing` plugs *Rédiger la monographie* into a main window; the
view itself is made (and imported) when first opened.
"""

from ui.writing.commands import WritingCommands, install_writing

__all__ = ["WritingCommands", "install_writing"]
