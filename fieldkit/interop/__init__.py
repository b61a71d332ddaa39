"""Other tools' formats: XLSForm guides in (:mod:`.xlsform`), REFI-QDA projects out (:mod:`.qdpx`).

Guides of either kind are read through :func:`read_guide_file`; the two
subpackages are imported by name where they are used, so that opening a
survey never loads a spreadsheet or XML library.
"""

from fieldkit.interop.guide_files import XLSFORM_SUFFIXES, read_guide_file

__all__ = ["XLSFORM_SUFFIXES", "read_guide_file"]
