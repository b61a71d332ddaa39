"""Full-text search over a survey's answers, notes, quotes and names.

The index is SQLite's FTS5 over the derived ``state`` table, with accents
folded so that "cooperation" finds "coopération". What a person types is
turned into a query of quoted words (each a prefix), so punctuation and FTS
operators in the search box never cause a syntax error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fieldkit.survey.store import ChangeLog

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class SearchHit:
    entity: str
    entity_id: str
    field: str
    interview: str | None
    snippet: str


def fts_query(text: str) -> str | None:
    """Turn typed words into an FTS5 query matching all of them, as prefixes."""
    words = _WORD.findall(text)
    return " ".join(f'"{w}"*' for w in words) or None


def search_log(log: ChangeLog, text: str, limit: int = 50) -> list[SearchHit]:
    query = fts_query(text)
    if query is None:
        return []
    rows = log.connection.execute(
        "SELECT s.entity, s.entity_id, s.field, "
        "snippet(search, 0, '[', ']', '…', 12) FROM search "
        "JOIN state s ON s.rid = search.rowid WHERE search MATCH ? ORDER BY rank LIMIT ?",
        (query, limit),
    ).fetchall()
    return [SearchHit(e, i, f, _interview_of(log, e, i), snip) for e, i, f, snip in rows]


def _interview_of(log: ChangeLog, entity: str, entity_id: str) -> str | None:
    """Return the interview a hit belongs to, so the window can jump there."""
    if entity in {"answer", "interview"}:
        return entity_id
    owner_id = entity_id
    if entity == "row_answer":
        entity, owner_id = "row", entity_id
    state = log.get(entity, owner_id, "interview")
    return state.value if state is not None and isinstance(state.value, str) else None
