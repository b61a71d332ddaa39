"""Changes, the single source of truth of a survey file, and how fields resolve.

Every edit is a :class:`Change`. For one field, the *heads* are the changes no
other change supersedes; one head is the value, several heads are a conflict.
The winner shown for a conflict is the head with the greatest
``(hlc, device, id)``, so every file holding the same changes shows the same
value. All of this is pure: state is a function of the set of changes.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass

from fieldkit.errors import FieldkitError

#: The entities a change may touch, with the fields each one has. Answers are
#: keyed by question id, so their fields are open (``None``).
ENTITY_FIELDS: dict[str, frozenset[str] | None] = {
    "survey": frozenset({"id", "title", "guide"}),
    "initiative": frozenset({"name", "territory", "network", "kind", "deleted"}),
    "interview": frozenset(
        {"initiative", "date", "place", "interviewers", "status", "guide", "deleted"}
    ),
    "answer": None,
    "row": frozenset({"interview", "repeat", "position", "deleted"}),
    "row_answer": None,
    "note": frozenset({"interview", "question", "text", "deleted"}),
    "quote": frozenset({"interview", "question", "text", "speaker", "deleted"}),
    "attachment": frozenset(
        {"interview", "question", "sha256", "filename", "media_type", "size", "caption", "deleted"}
    ),
}

#: The narratives of an initiative's monograph are initiative fields named
#: ``narrative:SECTION`` (a section of the guide's outline), so that history,
#: search, merge and conflicts treat them as they treat answers.
NARRATIVE_PREFIX = "narrative:"

#: Fields an entity may have beyond its fixed ones, by prefix.
OPEN_FIELDS = {"initiative": NARRATIVE_PREFIX}

FieldKey = tuple[str, str, str]


def check_field(entity: str, field: str) -> None:
    """Refuse a change to an entity or field the survey format does not have."""
    if entity not in ENTITY_FIELDS:
        raise FieldkitError(f"unknown entity {entity!r} in a change")
    allowed = ENTITY_FIELDS[entity]
    prefix = OPEN_FIELDS.get(entity)
    if prefix and field.startswith(prefix) and len(field) > len(prefix):
        allowed = None
    if allowed is not None and field not in allowed:
        raise FieldkitError(f"unknown field {field!r} of {entity!r} in a change")
    if not field or len(field) > 200:
        raise FieldkitError(f"malformed field name {field[:40]!r} of {entity!r} in a change")


#: Values are text, numbers, or lists of a few levels at most (choices, the
#: people met). Deeper nesting is no value fieldkit writes, and it would
#: exhaust the stack of every piece of code that walks it.
MAX_VALUE_DEPTH = 32


class UnfitJSON(json.JSONDecodeError):
    """JSON text that Python reads but a survey must not hold: NaN, infinities, deep nesting."""


def value_problem(value: object, deepest: int = MAX_VALUE_DEPTH) -> str | None:
    """Say why a value cannot be stored, if it cannot.

    NaN and the infinities are not JSON: Python writes and reads them, but
    SQLite's JSON functions then call the whole value malformed, and every
    listing and export of the survey fails long after the value came in.
    """
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, float) and not math.isfinite(item):
            return f"{item} is not a number a survey can hold"
        if isinstance(item, dict | list):
            if depth > deepest:
                return f"nested more than {deepest} levels deep"
            children = item.values() if isinstance(item, dict) else item
            pending.extend((child, depth + 1) for child in children)
    return None


def encode(value: object) -> str:
    """Return the canonical JSON text of a value, so equal values store equal text."""
    return json.dumps(
        value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    )


class _Constant(Exception):
    pass


def _refuse_constant(name: str) -> object:
    raise _Constant(name)


def decode(text: str, deepest: int = MAX_VALUE_DEPTH) -> object:
    """Read JSON text as a survey holds it, refusing what :func:`value_problem` refuses.

    Raises :class:`json.JSONDecodeError` (:class:`UnfitJSON` for a value
    Python would have read), like :func:`json.loads`.
    """
    try:
        value = json.loads(text, parse_constant=_refuse_constant)
    except _Constant as constant:
        name = str(constant)
        raise UnfitJSON(f"{name} is not a number JSON allows", text, text.find(name)) from None
    except RecursionError:
        raise UnfitJSON(f"nested more than {deepest} levels deep", text, 0) from None
    problem = value_problem(value, deepest)
    if problem is not None:
        raise UnfitJSON(problem, text, 0)
    return value


@dataclass(frozen=True)
class Change:
    """One edit of one field. ``value`` and ``supersedes`` are canonical JSON text."""

    id: str
    entity: str
    entity_id: str
    field: str
    value: str
    hlc: int
    device: str
    author: str
    supersedes: str

    @property
    def key(self) -> FieldKey:
        return (self.entity, self.entity_id, self.field)

    @property
    def superseded_ids(self) -> list[str]:
        ids = json.loads(self.supersedes)
        return [str(i) for i in ids]

    @property
    def order(self) -> tuple[int, str, str]:
        """The winner order among concurrent heads."""
        return (self.hlc, self.device, self.id)

    def as_row(self) -> tuple[str, str, str, str, str, int, str, str, str]:
        return (
            self.id,
            self.entity,
            self.entity_id,
            self.field,
            self.value,
            self.hlc,
            self.device,
            self.author,
            self.supersedes,
        )


COLUMNS = ("id", "entity", "entity_id", "field", "value", "hlc", "device", "author", "supersedes")
INSERT_CHANGE = (
    f"INSERT INTO changes ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
)


def heads(changes: Iterable[Change]) -> list[Change]:
    """Return the changes of one field that nothing supersedes, winner first."""
    pool = list(changes)
    superseded = {old for change in pool for old in change.superseded_ids}
    current = [c for c in pool if c.id not in superseded]
    return sorted(current, key=lambda c: c.order, reverse=True)


def supersedes_text(ids: Iterable[str]) -> str:
    return encode(sorted(set(ids)))
