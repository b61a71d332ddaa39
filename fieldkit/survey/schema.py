"""The survey file's SQLite schema, its version ladder and the checks on opening.

``PRAGMA application_id`` marks a fieldkit file and ``PRAGMA user_version``
its schema version. A newer version is refused; an older one is upgraded step
by step inside one transaction, after a backup copy is made beside it.
"""

from __future__ import annotations

import contextlib
import functools
import sqlite3
import struct
from collections.abc import Callable
from pathlib import Path

from fieldkit.errors import FieldkitError
from fieldkit.files import regular_file

APPLICATION_ID = 0x464B4954  # "FKIT"
SCHEMA_VERSION = 1
SQLITE_HEADER = b"SQLite format 3\x00"

#: Derived tables and views: a pure function of ``changes``, rebuilt at will.
DERIVED_SQL = """
CREATE TABLE state (
    rid INTEGER PRIMARY KEY,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    heads TEXT NOT NULL,
    conflict INTEGER NOT NULL,
    hlc INTEGER NOT NULL,
    author TEXT NOT NULL,
    text TEXT,
    UNIQUE (entity, entity_id, field)
);
CREATE INDEX state_conflicts ON state (entity, entity_id) WHERE conflict;
CREATE INDEX state_children ON state (entity, value) WHERE field = 'interview';
CREATE VIRTUAL TABLE search USING fts5(
    text, content='state', content_rowid='rid', tokenize='unicode61 remove_diacritics 2'
);
CREATE VIEW initiatives AS
SELECT entity_id AS id,
    json_extract(max(CASE field WHEN 'name' THEN value END), '$') AS name,
    json_extract(max(CASE field WHEN 'territory' THEN value END), '$') AS territory,
    json_extract(max(CASE field WHEN 'network' THEN value END), '$') AS network,
    json_extract(max(CASE field WHEN 'kind' THEN value END), '$') AS kind,
    coalesce(max(CASE field WHEN 'deleted' THEN value END), 'false') = 'true' AS deleted,
    max(hlc) AS hlc
FROM state WHERE entity = 'initiative' GROUP BY entity_id;
CREATE VIEW interviews AS
SELECT entity_id AS id,
    json_extract(max(CASE field WHEN 'initiative' THEN value END), '$') AS initiative,
    json_extract(max(CASE field WHEN 'date' THEN value END), '$') AS date,
    json_extract(max(CASE field WHEN 'place' THEN value END), '$') AS place,
    max(CASE field WHEN 'interviewers' THEN value END) AS interviewers,
    coalesce(json_extract(max(CASE field WHEN 'status' THEN value END), '$'), 'draft') AS status,
    json_extract(max(CASE field WHEN 'guide' THEN value END), '$') AS guide,
    coalesce(max(CASE field WHEN 'deleted' THEN value END), 'false') = 'true' AS deleted,
    max(hlc) AS hlc
FROM state WHERE entity = 'interview' GROUP BY entity_id;
CREATE VIEW answers AS
SELECT entity_id AS interview, field AS question, value, conflict, hlc, author
FROM state WHERE entity = 'answer';
"""

SCHEMA_SQL = (
    """
CREATE TABLE changes (
    id TEXT PRIMARY KEY,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    hlc INTEGER NOT NULL,
    device TEXT NOT NULL,
    author TEXT NOT NULL,
    supersedes TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX changes_by_field ON changes (entity, entity_id, field);
CREATE INDEX changes_by_device ON changes (device, hlc);
CREATE TABLE guides (hash TEXT PRIMARY KEY, source TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE blobs (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, data BLOB NOT NULL)
    WITHOUT ROWID;
CREATE TABLE local (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE unsent (change_id TEXT PRIMARY KEY, session TEXT NOT NULL) WITHOUT ROWID;
"""
    + DERIVED_SQL
)

#: The ``local`` key of the file's generation: a number raised whenever the
#: change log gains or loses a change, in the same transaction. What was
#: derived from the file at one generation holds while it stays the same
#: (see :mod:`fieldkit.survey.progress`).
GENERATION_KEY = "generation"


def raise_generation(connection: sqlite3.Connection) -> None:
    """Say that the change log is no longer what it was; call inside its transaction."""
    connection.execute(
        "INSERT INTO local (key, value) VALUES (?, '1') "
        "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
        (GENERATION_KEY,),
    )


DERIVED_OBJECTS = ("answers", "interviews", "initiatives", "search", "state")

#: Upgrade steps: ``MIGRATIONS[n]`` takes a file from version ``n`` to ``n + 1``.
#: Version 1 is the first published schema, so the ladder is empty for now;
#: each future schema change appends one step here and bumps SCHEMA_VERSION.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {}


def create(connection: sqlite3.Connection, file_id: str) -> None:
    """Lay out an empty survey file's schema in one transaction."""
    connection.executescript(
        "BEGIN IMMEDIATE;"
        + SCHEMA_SQL
        + f"PRAGMA application_id = {APPLICATION_ID};"
        + f"PRAGMA user_version = {SCHEMA_VERSION};"
        + f"INSERT INTO local (key, value) VALUES ('file_id', '{file_id}');"
        + "COMMIT;"
    )


def drop_derived(connection: sqlite3.Connection) -> None:
    """Remove the derived tables and views so they can be rebuilt from the log."""
    for name in DERIVED_OBJECTS:
        kind = "VIEW" if name in {"answers", "interviews", "initiatives"} else "TABLE"
        connection.execute(f"DROP {kind} IF EXISTS {name}")


def sniff(path: Path) -> None:
    """Refuse a path that is missing, a folder, a device or pipe, or not an SQLite database."""
    try:
        regular_file(path, "a survey")
    except FileNotFoundError:
        raise FieldkitError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise FieldkitError(f"{path}: is a folder, not a survey file") from None
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except PermissionError:
        raise FieldkitError(f"{path}: permission denied") from None
    if header != SQLITE_HEADER:
        if not header:
            raise FieldkitError(f"{path}: the file is empty, not a fieldkit survey file")
        raise FieldkitError(f"{path}: not a fieldkit survey file: this file holds something else")


def wal_may_complete(path: Path) -> bool:
    """Whether a write-ahead log beside ``path`` may hold pages the file lacks.

    A process killed during a checkpoint leaves a main file shorter than its
    header says until SQLite replays the ``-wal``: its bytes alone say nothing
    then, and only SQLite, opening it, can tell a sound file from a damaged one.
    """
    wal = path.with_name(path.name + "-wal")
    try:
        return wal.stat().st_size > 0
    except OSError:
        return False


def check_header(path: Path, shown: Path | None = None) -> None:
    """Refuse a file shorter than its own header says: a truncated copy.

    ``shown`` is the name to give in the message when ``path`` is a private
    copy of the file the user named (a merge source's snapshot). Callers skip
    this check while :func:`wal_may_complete` says a ``-wal`` may fill the gap.
    """
    shown = shown or path
    with path.open("rb") as handle:
        header = handle.read(100)
    if len(header) < 100:
        raise FieldkitError(f"{shown}: the file is truncated (only {len(header)} bytes)")
    (page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if page_size == 1 else page_size
    change_counter, pages = struct.unpack(">II", header[24:32])
    (valid_for,) = struct.unpack(">I", header[92:96])
    size = path.stat().st_size
    if valid_for == change_counter and pages and size < pages * page_size:
        raise FieldkitError(
            f"{shown}: the file is truncated ({size} bytes where its header announces "
            f"{pages * page_size})"
        )


def check_identity(connection: sqlite3.Connection, path: Path) -> int:
    """Return the file's schema version, refusing foreign or too-new files."""
    try:
        application_id = connection.execute("PRAGMA application_id").fetchone()[0]
        version = connection.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise FieldkitError(f"{path}: the file is damaged ({error})") from None
    if application_id != APPLICATION_ID:
        raise FieldkitError(f"{path}: not a fieldkit survey file: a database of another program")
    if version > SCHEMA_VERSION:
        raise FieldkitError(
            f"{path}: made by a newer fieldkit (schema version {version}, this one reads up to "
            f"{SCHEMA_VERSION}); update fieldkit to open it"
        )
    if version < 1:
        raise FieldkitError(f"{path}: the file is damaged (schema version {version})")
    return int(version)


def quick_check(connection: sqlite3.Connection, path: Path) -> None:
    """Refuse a file SQLite itself finds damaged."""
    try:
        rows = connection.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as error:
        raise FieldkitError(f"{path}: the file is damaged ({error})") from None
    problems = [str(r[0]) for r in rows if r[0] != "ok"]
    if problems:
        raise FieldkitError(f"{path}: the file is damaged ({problems[0]})")


#: Tables SQLite itself may add to any file (``ANALYZE`` statistics, counters).
SQLITE_INTERNAL = frozenset({"sqlite_stat1", "sqlite_stat2", "sqlite_stat3", "sqlite_stat4"})

Objects = dict[tuple[str, str], tuple[str, str | None]]


def _objects(connection: sqlite3.Connection) -> Objects:
    rows = connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return {(str(t), str(n)): (str(tbl), sql) for t, n, tbl, sql in rows}


@functools.cache
def _reference() -> Objects:
    """The schema this fieldkit creates, built in memory from ``SCHEMA_SQL``."""
    with contextlib.closing(sqlite3.connect(":memory:")) as connection:
        connection.executescript(SCHEMA_SQL)
        return _objects(connection)


@functools.cache
def _shadow_prefixes() -> tuple[str, ...]:
    """Name prefixes of the tables full-text search keeps for itself.

    Their definitions are written by SQLite's FTS5 module, not by fieldkit,
    and may vary between SQLite versions; only their presence is compared.
    """
    return tuple(
        f"{name}_"
        for (kind, name), (_, sql) in _reference().items()
        if kind == "table" and (sql or "").startswith("CREATE VIRTUAL TABLE")
    )


def check_objects(connection: sqlite3.Connection, path: Path) -> None:
    """Refuse a file whose schema is not exactly the one this fieldkit makes.

    A trigger, a view or an index of its own would run or be read the moment
    the file is written to or queried, whoever received it: every file is
    checked on opening, one's own included, not only merge sources.
    """
    found, reference = _objects(connection), _reference()
    missing = sorted(reference.keys() - found.keys())
    if missing:
        kinds = sorted({kind for kind, _ in missing}, key=["table", "index", "view"].index)
        names = ", ".join(name for kind, name in missing if kind == kinds[0])
        raise FieldkitError(f"{path}: the file is damaged (missing {kinds[0]}s: {names})")
    for kind, name in sorted(found.keys() - reference.keys()):
        if kind == "table" and name in SQLITE_INTERNAL:
            continue
        raise FieldkitError(f"{path}: {_foreign(kind, name)}")
    for (kind, name), definition in sorted(reference.items()):
        if name.startswith(_shadow_prefixes()):
            continue
        if found[(kind, name)] != definition:
            raise FieldkitError(
                f"{path}: the file's {kind} {name} is not the one fieldkit makes; it was altered"
            )


def _foreign(kind: str, name: str) -> str:
    if kind == "trigger":
        return f"the file carries a trigger of its own ({name}), which fieldkit refuses to run"
    if kind == "view":
        return f"the file carries a view of its own ({name}), which fieldkit refuses to read"
    return f"the file has a {kind} fieldkit does not know ({name})"


def upgrade(connection: sqlite3.Connection, path: Path, version: int) -> Path | None:
    """Bring an older file to SCHEMA_VERSION; return the backup made, if any."""
    if version == SCHEMA_VERSION:
        return None
    backup = path.with_name(f"{path.name}.v{version}.bak")
    with sqlite3.connect(backup) as copy:
        connection.backup(copy)
    copy.close()
    connection.execute("BEGIN IMMEDIATE")
    try:
        for step in range(version, SCHEMA_VERSION):
            MIGRATIONS[step](connection)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    return backup
