"""Exports: the Word monograph and synthesis, CSV and XLSX tables, the JSON dump.

Every export is built in memory, written to a temporary file beside its
target, checked for leaks (:mod:`fieldkit.export.privacy`) and renamed over
it (:mod:`fieldkit.export.output`). ``progress`` callbacks let the window
show progress and cancel (by raising). The French typography, the words of
the documents, pseudonyms, the leak check and answers as text are offered to
the other exports (REFI-QDA) too.
"""

from fieldkit.export.answers import answer_text
from fieldkit.export.json_dump import write_json
from fieldkit.export.monograph import check_language, write_monograph
from fieldkit.export.output import export_files
from fieldkit.export.privacy import Leak, LeakCheck, check_files
from fieldkit.export.pseudonym import Pseudonyms
from fieldkit.export.synthesis import write_synthesis
from fieldkit.export.tables import Written, write_csv
from fieldkit.export.typography import clean, long_date
from fieldkit.export.wording import WORDS, word
from fieldkit.export.xlsx import write_xlsx

__all__ = [
    "WORDS",
    "Leak",
    "LeakCheck",
    "Pseudonyms",
    "Written",
    "answer_text",
    "check_files",
    "check_language",
    "clean",
    "export_files",
    "long_date",
    "word",
    "write_csv",
    "write_json",
    "write_monograph",
    "write_synthesis",
    "write_xlsx",
]
