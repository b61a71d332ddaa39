"""The ``type`` column of an XLSForm, understood.

``select_one colours or_other``, ``select one colours``, ``begin_group``,
``begin group``: XLSForm tools accept several spellings of the same type, and
this module turns each into one :class:`RowType`, so the rest of the import
decides on a kind rather than on a spelling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Facts about the submission, not questions: fieldkit records the visit's
#: date, place, interviewers and every change's author and device itself.
METADATA = frozenset(
    {
        "start",
        "end",
        "today",
        "deviceid",
        "imei",
        "subscriberid",
        "simserial",
        "phonenumber",
        "username",
        "email",
        "uri:username",
        "uri:email",
        "uri:phonenumber",
        "uri:deviceid",
        "uri:subscriberid",
        "uri:simserial",
    }
)
#: Metadata a phone records and fieldkit does not (a warning names them).
UNRECORDED = frozenset({"audit", "start-geopoint", "background-audio"})
#: What a reference to a metadata row means inside an expression.
METADATA_VALUES = {"today": "today()", "start": "now()", "end": "now()"}
#: Declarations of data files for lookups, not questions.
DATA_FILES = frozenset({"xml-external", "csv-external"})

_SELECTS = (
    ("select all that apply", "select_multiple"),
    ("select multiple", "select_multiple"),
    ("select_multiple", "select_multiple"),
    ("select one", "select_one"),
    ("select_one", "select_one"),
    ("select1", "select_one"),
    ("rank", "rank"),
)
_CONTROL = re.compile(r"(begin|end)[ _](group|repeat)")
# KoboToolbox's own blocks (begin_kobomatrix, begin_score…) nest like groups.
_BLOCK = re.compile(r"(begin|end)[ _]([a-z][a-z_]*)")
_FROM_FILE = re.compile(r"(select[ _](?:one|multiple)(?:[ _]from[ _]file|_external))\b")
_LOOP = re.compile(r"(begin|end)[ _]loop(?:[ _]over[ _](\S+))?")


@dataclass(frozen=True)
class RowType:
    """A ``type`` cell, understood: ``select_one colours or_other`` and the like.

    ``block`` names a tool's own block type read as a group (``kobomatrix``).
    """

    kind: str
    list_name: str = ""
    or_other: bool = False
    block: str = ""


def read_type(text: str) -> RowType:
    words = text.split()
    joined = " ".join(w.lower() for w in words)
    if control := _CONTROL.fullmatch(joined):
        return RowType(f"{control[1]}_{control[2]}")
    if loop := _LOOP.fullmatch(joined):
        return RowType(f"{loop[1]}_loop", words[-1] if loop[2] else "")
    if block := _BLOCK.fullmatch(joined):
        return RowType(f"{block[1]}_group", block=block[2])
    if from_file := _FROM_FILE.match(joined):
        return RowType(from_file[1].replace(" ", "_"))
    for prefix, kind in _SELECTS:
        if joined == prefix or joined.startswith(prefix + " "):
            rest = words[len(prefix.split()) :]
            if rest[:1] and rest[0].lower() == "from":  # "select one from LIST"
                rest = rest[1:]
            or_other = len(rest) == 2 and rest[1].lower() == "or_other"
            if len(rest) <= 1 or or_other:
                return RowType(kind, rest[0] if rest else "", or_other)
            return RowType(joined)
    return RowType(joined)
