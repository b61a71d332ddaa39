"""What full-text search finds: the searchable fields of each entity, and their words.

Both ways into the derived state index the same words: ``ChangeLog.write``
calls :func:`searchable_text`, and a merge's set-based path calls it from SQL
through :func:`search_text_of_json`, registered on the connection.
"""

from __future__ import annotations

import json

from fieldkit.survey.changes import OPEN_FIELDS

#: The SQL function the store registers to compute a field's searchable text,
#: so that the set-based path and ChangeLog.write index exactly the same words.
SEARCH_TEXT_FUNCTION = "fieldkit_search_text"

#: Fields whose text the search box finds, by entity (``None``: every field).
SEARCHABLE: dict[str, frozenset[str] | None] = {
    "answer": None,
    "row_answer": None,
    "note": frozenset({"text"}),
    "quote": frozenset({"text", "speaker"}),
    "initiative": frozenset({"name", "territory", "network"}),
    "interview": frozenset({"place"}),
    "attachment": frozenset({"caption", "filename"}),
}


def searchable_text(entity: str, field: str, value: object) -> str | None:
    """Return the words a field contributes to full-text search, if any.

    An entity's open fields (an initiative's narratives) are all searchable.
    """
    fields = SEARCHABLE.get(entity, frozenset())
    prefix = OPEN_FIELDS.get(entity)
    opened = bool(prefix) and field.startswith(prefix or "")
    if fields is not None and field not in fields and not opened:
        return None
    if isinstance(value, str):
        return value or None
    if isinstance(value, list):
        words = " ".join(str(item) for item in value if isinstance(item, str | int | float))
        return words or None
    return None


def search_text_of_json(entity: str, field: str, value: str) -> str | None:
    """``searchable_text`` of a stored (JSON) value, as the set-based path calls it from SQL."""
    return searchable_text(entity, field, json.loads(value))
