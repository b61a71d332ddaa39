"""Checking a survey file: SQLite's integrity, and derived state against the log.

The readable tables are a view of the change log; ``check`` recomputes every
field from the log and compares, verifies the search index, the content hashes
of attachments and guide snapshots, that interviews point at initiatives that
exist, and that the progress the file remembers is what counting says. It
reads only.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import defaultdict

from fieldkit.guide import guide_hash
from fieldkit.survey import progress
from fieldkit.survey.changes import COLUMNS, Change, FieldKey, heads
from fieldkit.survey.completion import interview_completions
from fieldkit.survey.file import Survey
from fieldkit.survey.store import ChangeLog


def check_survey(survey: Survey) -> list[str]:
    """Return every problem found (an empty list means the file is sound)."""
    log = survey.log
    problems = _integrity(log)
    if problems:
        return problems
    problems += _state_matches_log(log)
    problems += _search_index(log)
    problems += _content_hashes(log)
    problems += _references(log)
    problems += _remembered_progress(survey)
    return problems


def _integrity(log: ChangeLog) -> list[str]:
    rows = log.connection.execute("PRAGMA integrity_check").fetchall()
    return [f"SQLite integrity: {r[0]}" for r in rows if r[0] != "ok"]


def _expected_state(log: ChangeLog) -> dict[FieldKey, tuple[str, list[str]]]:
    groups: dict[FieldKey, list[Change]] = defaultdict(list)
    cursor = log.connection.execute(f"SELECT {', '.join(COLUMNS)} FROM changes")
    for row in cursor:
        change = Change(*row)
        groups[change.key].append(change)
    expected = {}
    for key, changes in groups.items():
        current = heads(changes)
        expected[key] = (current[0].value, [c.id for c in current])
    return expected


def _state_matches_log(log: ChangeLog) -> list[str]:
    expected = _expected_state(log)
    actual = {
        (e, i, f): (v, json.loads(h))
        for e, i, f, v, h in log.connection.execute(
            "SELECT entity, entity_id, field, value, heads FROM state"
        )
    }
    problems = []
    for key in sorted(expected.keys() | actual.keys()):
        if expected.get(key) != actual.get(key):
            problems.append(f"derived state of {'/'.join(key)} disagrees with the change log")
    return problems[:50]


def _search_index(log: ChangeLog) -> list[str]:
    if log.readonly:
        return []
    log.connection.execute("BEGIN")
    try:
        log.connection.execute("INSERT INTO search (search, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError as error:
        return [f"search index: {error}"]
    finally:
        log.connection.execute("ROLLBACK")
    return []


def _content_hashes(log: ChangeLog) -> list[str]:
    problems = []
    for digest, size, data in log.connection.execute("SELECT sha256, size, data FROM blobs"):
        if hashlib.sha256(data).hexdigest() != digest or len(data) != size:
            problems.append(f"attachment content {digest[:12]} does not match its hash")
    for digest, source in log.connection.execute("SELECT hash, source FROM guides"):
        if guide_hash(source) != digest:
            problems.append(f"guide snapshot {digest[:12]} does not match its hash")
    return problems


def _references(log: ChangeLog) -> list[str]:
    problems = []
    initiatives = log.entities("initiative")
    guides = {row[0] for row in log.connection.execute("SELECT hash FROM guides")}
    for interview_id, fields in log.entities("interview").items():
        if fields.get("initiative") not in initiatives:
            problems.append(f"interview {interview_id} refers to a missing initiative")
        if fields.get("guide") not in guides:
            problems.append(f"interview {interview_id} refers to a missing guide snapshot")
    blobs = {row[0] for row in log.connection.execute("SELECT sha256 FROM blobs")}
    for attachment_id, fields in log.entities("attachment").items():
        if fields.get("sha256") not in blobs:
            problems.append(f"attachment {attachment_id} has no content in the file")
    return problems


def _remembered_progress(survey: Survey) -> list[str]:
    """Progress remembered for the file as it is must be what counting says now."""
    interviews = survey.log.entities("interview")
    kept = progress.remembered(survey.log, interviews)
    if not kept:
        return []
    initiatives = {i.id: i for i in survey.initiatives(include_deleted=True)}
    counted = interview_completions(survey, interviews, initiatives)
    problems = []
    for interview in sorted(kept):
        if kept[interview] != counted[interview]:
            problems.append(
                f"the progress remembered for interview {interview} disagrees with its answers"
            )
    return problems
