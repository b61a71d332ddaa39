"""Exports: the Word monograph, working file and synthesis, CSV and XLSX tables, JSON.

Every export is built in memory, written to a temporary file beside its
target, checked for leaks (:mod:`fieldkit.export.privacy`) and renamed over
it (:mod:`fieldkit.export.output`). ``progress`` callbacks let the window
show progress and cancel (by raising). The French typography, the words of
the documents, pseudonyms, the leak check and answers as text are offered to
the other exports (REFI-QDA) too.

For a writing view: :func:`section_states` says where each section of an
initiative's monograph stands, and :func:`section_material` lists what the
visits gave a section (answers in words, quotes with their speaker's
consent, photos), each with its visit; the narratives themselves are saved
with ``Survey.set_narrative`` (:mod:`fieldkit.survey`).
"""

from fieldkit.export.answers import answer_text
from fieldkit.export.document import check_language
from fieldkit.export.json_dump import write_json
from fieldkit.export.material import MaterialItem, SectionState, section_material, section_states
from fieldkit.export.monograph import write_monograph
from fieldkit.export.output import export_files
from fieldkit.export.privacy import Leak, LeakCheck, check_files
from fieldkit.export.pseudonym import Pseudonyms
from fieldkit.export.synthesis import write_synthesis
from fieldkit.export.tables import Written, write_csv
from fieldkit.export.typography import clean, french, long_date
from fieldkit.export.wording import WORDS, word
from fieldkit.export.working_file import write_working_file
from fieldkit.export.xlsx import write_xlsx

__all__ = [
    "WORDS",
    "Leak",
    "LeakCheck",
    "MaterialItem",
    "Pseudonyms",
    "SectionState",
    "Written",
    "answer_text",
    "check_files",
    "check_language",
    "clean",
    "export_files",
    "french",
    "long_date",
    "section_material",
    "section_states",
    "word",
    "write_csv",
    "write_json",
    "write_monograph",
    "write_synthesis",
    "write_working_file",
    "write_xlsx",
]
