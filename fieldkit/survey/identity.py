"""A survey's identity: the random id ``new`` gives it, carried by every file of the survey.

DESIGN.md §5. The id is the value of the survey's first change, the field
``survey/survey/id``, written by :meth:`Survey.create` before anything else.
Every file of one survey holds that very change (its copies, merge targets
made from it, the files of a sync folder), so two files belong to one survey
exactly when they hold the same identity change; a merge or a sync refuses a
file of another survey, naming both. The field is written once and never
again: no file can be moved from one survey to another.

Files made before surveys had an identity hold no such change. They are
*adopted* once, by an explicit command (``fieldkit adopt``), and the identity
is then :func:`derived <derived_identity_change>` from the survey's creation
(the first change of its guide, which every copy of the survey holds): every
copy of one old survey, adopted apart, gets the very same identity change,
so they still merge.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from fieldkit.errors import FieldkitError
from fieldkit.ids import new_id
from fieldkit.survey.changes import COLUMNS, Change, FieldKey, encode

#: Where the identity lives in the change log.
SURVEY_ID: FieldKey = ("survey", "survey", "id")
#: What an identity looks like (a UUID in hex for every survey ``new`` makes).
_WELL_FORMED = re.compile(r"[0-9A-Za-z_-]{1,64}")
_HEX = re.compile(r"[0-9a-f]{12,}")
#: Titles are shown in one-line messages: longer ones are cut.
_LONGEST_TITLE = 80


def new_survey_id() -> str:
    return new_id()


def short_tag(text: str) -> str:
    """Twelve hex digits that stand for an id in a file name: its own, or a hash of it."""
    if _HEX.fullmatch(text):
        return text[:12]
    import hashlib  # loads OpenSSL: not on the way to the window's first screen

    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class SurveyIdentity:
    """Which survey a file belongs to: the id, the change carrying it, and its title."""

    id: str
    change: Change
    title: str = ""

    @property
    def tag(self) -> str:
        return short_tag(self.id)

    def named(self, beside: SurveyIdentity | None = None) -> str:
        """« Title » for a person; with the id too when the title cannot tell it from ``beside``."""
        if not self.title or (beside is not None and beside.title == self.title):
            return f"« {self.title or 'sans titre'} » (id {self.tag})"
        return f"« {self.title} »"

    def same_survey(self, other: SurveyIdentity) -> bool:
        return self.change.id == other.change.id and self.id == other.id


def _rows(connection: sqlite3.Connection, where: str, limit: int) -> list[Change]:
    rows = connection.execute(
        f"SELECT {', '.join(COLUMNS)} FROM changes WHERE entity = 'survey' "
        f"AND entity_id = 'survey' AND {where} ORDER BY hlc, device, id LIMIT {limit}"
    ).fetchall()
    return [Change(*row) for row in rows]


def read_identity(connection: sqlite3.Connection, path: Path) -> SurveyIdentity | None:
    """The identity a survey file carries, or None for a file made before identities.

    ``connection`` may be a file from elsewhere: two identities, or one that
    is not a well-formed id, are refused as a damaged or forged file.
    """
    found = _rows(connection, "field = 'id'", 2)
    if not found:
        return None
    if len(found) > 1:
        raise FieldkitError(f"{path}: the file claims two survey identities: damaged or forged")
    (change,) = found
    try:
        value = json.loads(change.value)
    except ValueError:
        value = None
    if not isinstance(value, str) or not _WELL_FORMED.fullmatch(value) or change.supersedes != "[]":
        raise FieldkitError(f"{path}: the file's survey identity is malformed: damaged or forged")
    return SurveyIdentity(value, change, _title(connection))


def _title(connection: sqlite3.Connection) -> str:
    """The survey's title as the file shows it (only ever printed, never trusted)."""
    row = connection.execute(
        "SELECT substr(value, 1, 400) FROM state "
        "WHERE entity = 'survey' AND entity_id = 'survey' AND field = 'title'"
    ).fetchone()
    try:
        title = json.loads(row[0]) if row else ""
    except ValueError:
        return ""
    if not isinstance(title, str):
        return ""
    printable = "".join(c if c.isprintable() else " " for c in title)
    return " ".join(printable.split())[:_LONGEST_TITLE]


def derived_identity_change(connection: sqlite3.Connection) -> Change | None:
    """The identity change an old survey file adopts, the same for every copy of it.

    It is derived from the survey's creation (the first change of its guide)
    and carries that change's stamp, device and author: two laptops adopting
    copies of one survey apart write byte-identical changes. None when the
    file does not hold the creation (a sync folder's file of an earlier fieldkit).
    """
    found = _rows(connection, "field = 'guide' AND supersedes = '[]'", 1)
    if not found:
        return None
    creation = found[0]
    import hashlib

    digest = hashlib.sha256(f"fieldkit survey created by {creation.id}".encode()).hexdigest()
    entity, entity_id, field = SURVEY_ID
    return Change(
        id=digest[:32],
        entity=entity,
        entity_id=entity_id,
        field=field,
        value=encode(digest[32:]),
        hlc=creation.hlc,
        device=creation.device,
        author=creation.author,
        supersedes="[]",
    )


def adopt_hint(path: Path) -> str:
    """What to do with a file made before surveys had an identity."""
    return (
        f"{path}: made by an earlier fieldkit, before surveys had an identity; "
        f"give it its identity once with « fieldkit adopt {path} »"
    )
