"""Exports: the Word monograph and synthesis, CSV and XLSX tables, the JSON dump.

Every export is built in memory, written to a temporary file beside its
target and renamed over it (:mod:`fieldkit.export.output`). ``progress``
callbacks let the window show progress and cancel (by raising).
"""

from fieldkit.export.json_dump import write_json
from fieldkit.export.monograph import write_monograph
from fieldkit.export.synthesis import write_synthesis
from fieldkit.export.tables import Written, write_csv
from fieldkit.export.xlsx import write_xlsx

__all__ = ["Written", "write_csv", "write_json", "write_monograph", "write_synthesis", "write_xlsx"]
