"""A guide's parsed data, kept in the cache under its text's hash.

Every opening of a survey reads its guide again from the YAML that the survey
holds, and YAML is slow to read: libyaml parses in C, but every value is then
built in Python, and the YAML library alone takes longer to import than the
rest of the guide package. Together that was a sixth of the window's start-up.
The same text always gives the same data, so once read the data is kept as
JSON, which Python reads many times faster, in a file named after the SHA-256
of the text; the next opening, in any survey that holds that guide, reads the
JSON and never loads YAML at all.

The cache only spares the parsing: the data still goes through every check of
the loader. A cache file that is missing, unreadable or not what fieldkit
writes is ignored, and written again; data that JSON cannot hold exactly
(a date, a key that is not a string) is simply not kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from fieldkit.errors import FieldkitError
from fieldkit.files import MEGABYTE, atomic_write_text
from fieldkit.places import cache_dir

#: The key under which each mapping keeps the line it starts on.
LINE = "__line__"
#: A guide file larger than this is not a guide (the built-in one is 43 KB).
MAX_GUIDE_BYTES = 16 * MEGABYTE
#: The shape of the kept data: a new number when the loader's data changes.
FORMAT = 1
#: A kept file larger than this is not one fieldkit wrote.
_MAX_KEPT_BYTES = 8 * MAX_GUIDE_BYTES

_SCALARS = (str, int, float, bool, type(None))


def guide_data(text: str, parse: Callable[[str], object]) -> object:
    """The data of a guide's text: the kept copy, or ``parse(text)`` kept for next time."""
    if len(text) > MAX_GUIDE_BYTES:
        return parse(text)  # refused by the parser, with its own message
    path = kept_path(text)
    kept = _read(path)
    if kept is not None:
        return kept
    data = parse(text)
    if _json_exact(data):
        with contextlib.suppress(OSError, FieldkitError):  # a cache that cannot be written
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            document = {"format": FORMAT, "data": data}
            atomic_write_text(path, json.dumps(document, ensure_ascii=False, allow_nan=False))
    return data


def kept_path(text: str) -> Path:
    """Where the data of ``text`` is kept."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return cache_dir() / "guides" / f"{digest}-{FORMAT}.json"


def _read(path: Path) -> object | None:
    try:
        with path.open("rb") as handle:
            raw = handle.read(_MAX_KEPT_BYTES + 1)
        if len(raw) > _MAX_KEPT_BYTES:
            return None
        document = json.loads(raw)
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        return None
    data = document.get("data")
    return data if isinstance(data, dict) else None


def _json_exact(data: object) -> bool:
    """Whether JSON gives ``data`` back exactly: mappings with string keys, lists, and
    strings, numbers (finite), booleans and nulls."""
    pending = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            if not all(isinstance(key, str) for key in value):
                return False
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, float):
            if value != value or value in (float("inf"), float("-inf")):
                return False
        elif not isinstance(value, _SCALARS):
            return False
    return True
