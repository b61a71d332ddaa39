"""A guide file of either kind: a native guide, or an XLSForm workbook to convert."""

from __future__ import annotations

from pathlib import Path

from fieldkit.guide import Guide, load_guide

#: File name endings read as XLSForm workbooks (.xls only to be refused clearly).
XLSFORM_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls"})


def read_guide_file(path: str | Path | None = None) -> tuple[Guide, list[str]]:
    """Load a guide file, or convert an XLSForm workbook, with what the conversion warns of.

    A native guide has no warnings; an XLSForm may hold things a guide can
    only approximate, which the person importing it should see. ``None`` is
    the built-in guide.
    """
    if path is None or Path(path).suffix.lower() not in XLSFORM_SUFFIXES:
        return load_guide(path), []
    # Imported here: openpyxl is only needed, and only loaded, for spreadsheets.
    from fieldkit.interop.xlsform import read_xlsform

    return read_xlsform(Path(path))
