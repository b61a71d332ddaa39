"""Bringing changes made elsewhere into a change log, a whole set at a time.

A merge may bring in hundreds of thousands of changes. Looking each one up and
recomputing its field one at a time would take minutes, so changes, guide
snapshots and blobs from elsewhere are first *staged* in temporary tables
(SQLite's ``temp`` schema, which is never part of the survey file), tagged with
a batch number — one per source file — and each batch is then *absorbed* by a
handful of set-based statements: refuse an id that names two contents, insert
what is new, recompute the fields it touches.

The recomputation applies the rule of :func:`fieldkit.survey.changes.heads` in SQL for
the common case, a field with exactly one head. Fields left with several heads
(a conflict, which needs the winner order) or none (a forged circle, which is
refused) go through :meth:`ChangeLog.refresh` one at a time; they are rare.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from fieldkit.errors import FieldkitError
from fieldkit.survey import schema
from fieldkit.survey.changes import COLUMNS, Change, FieldKey
from fieldkit.survey.hlc import HybridClock
from fieldkit.survey.indexing import SEARCH_TEXT_FUNCTION


class Log(Protocol):
    """What intake needs of the change log it feeds (a :class:`ChangeLog`).

    A protocol rather than the class itself, because the change log hands its
    merges to intake: each side would otherwise import the other.
    """

    connection: sqlite3.Connection
    clock: HybridClock

    def transaction(self) -> AbstractContextManager[None]: ...

    def refresh(self, key: FieldKey) -> None: ...


# Temporary tables have no statistics, so SQLite may guess that scanning a
# whole survey table and probing the small temporary one is cheaper: every
# join below starts from the staged rows with CROSS JOIN, which SQLite reads
# as "this order", keeping each batch's cost in proportion to the batch.
_COLUMNS = ", ".join(COLUMNS)
_SAME_FIELD = "{a}.entity = {b}.entity AND {a}.entity_id = {b}.entity_id AND {a}.field = {b}.field"

_STAGING = (
    f"CREATE TEMP TABLE IF NOT EXISTS incoming_changes (batch INTEGER NOT NULL, {_COLUMNS})",
    "CREATE INDEX IF NOT EXISTS temp.incoming_changes_by_field "
    "ON incoming_changes (batch, entity, entity_id, field)",
    "CREATE TEMP TABLE IF NOT EXISTS incoming_guides (batch INTEGER NOT NULL, hash, source)",
    "CREATE TEMP TABLE IF NOT EXISTS incoming_blobs (batch INTEGER NOT NULL, sha256, size, data)",
    "CREATE TEMP TABLE IF NOT EXISTS touched_fields "
    "(entity, entity_id, field, PRIMARY KEY (entity, entity_id, field)) WITHOUT ROWID",
    "CREATE TEMP TABLE IF NOT EXISTS field_heads (entity, entity_id, field, id, value, hlc, "
    "author, PRIMARY KEY (entity, entity_id, field, id)) WITHOUT ROWID",
    "CREATE TEMP TABLE IF NOT EXISTS fresh_state (entity, entity_id, field, value, heads, hlc, "
    "author, text, known, PRIMARY KEY (entity, entity_id, field)) WITHOUT ROWID",
    "CREATE TEMP TABLE IF NOT EXISTS earlier_state (entity, entity_id, field, value, conflict, "
    "PRIMARY KEY (entity, entity_id, field)) WITHOUT ROWID",
    "CREATE TEMP TABLE IF NOT EXISTS batch_superseded "
    "(entity, entity_id, field, id, PRIMARY KEY (entity, entity_id, field, id)) WITHOUT ROWID",
    "CREATE TEMP TABLE IF NOT EXISTS new_entities "
    "(entity, entity_id, PRIMARY KEY (entity, entity_id)) WITHOUT ROWID",
)

_STAGED_TABLES = ("incoming_changes", "incoming_guides", "incoming_blobs")


@dataclass(frozen=True)
class Novelty:
    """What a file holds that the log lacks, counted before anything is taken."""

    changes: int
    guides: int
    blobs: int
    #: The id of a change the file holds with other contents than the log's.
    forged: str | None = None

    @property
    def anything(self) -> bool:
        return bool(self.changes or self.guides or self.blobs)


@dataclass(frozen=True)
class Transition:
    """How many fields one absorbed batch moved in one way (for the merge report).

    ``field`` is empty for answers (their fields are question ids); ``before``
    and ``after`` are the stored values of ``deleted`` fields only, the one
    field whose value says what happened (a deletion or a restoration).
    """

    entity: str
    field: str
    new_entity: bool
    was_absent: bool
    differs: bool
    newly_conflicted: bool
    count: int
    before: str | None = None
    after: str | None = None


@dataclass(frozen=True)
class Absorbed:
    """What one absorbed batch brought: rows added, new entities by kind, fields moved."""

    changes: int
    guides: int
    blobs: int
    new_entities: Mapping[str, int] = field(default_factory=dict)
    transitions: tuple[Transition, ...] = ()


class Intake:
    """The staging area of one open change log, and the set-based absorption."""

    def __init__(self, log: Log) -> None:
        self.log = log
        self.connection = log.connection
        self._batches = 0
        #: Batches staged from Python, which may repeat changes the log holds;
        #: a file's batch holds only what the log lacked when it was staged.
        self._may_repeat: set[int] = set()
        #: The latest stamp among a file batch's changes.
        self._latest: dict[int, int] = {}

    def _ensure_tables(self) -> None:
        """Make the temporary tables, again if a rolled-back transaction took them away."""
        for statement in _STAGING:
            self.connection.execute(statement)

    def new_batch(self) -> int:
        self._ensure_tables()
        self._batches += 1
        return self._batches

    # -- staging ------------------------------------------------------------------

    def stage_changes(self, batch: int, changes: Iterable[Change]) -> None:
        self._may_repeat.add(batch)
        self.connection.executemany(
            f"INSERT INTO incoming_changes (batch, {_COLUMNS}) "
            f"VALUES (?, {', '.join('?' * len(COLUMNS))})",
            ((batch, *change.as_row()) for change in changes),
        )

    @contextlib.contextmanager
    def _attached(self, path: Path) -> Iterator[None]:
        """Attach a checked survey file read-only, for the length of a block.

        SQLite attaches only outside a transaction: files are compared and
        staged before the merge's one transaction opens.
        """
        if self.connection.in_transaction:
            raise RuntimeError("files are staged before the transaction that absorbs them")
        self.connection.execute(
            "ATTACH DATABASE ? AS received", (f"{path.resolve().as_uri()}?mode=ro",)
        )
        try:
            yield
        finally:
            self.connection.execute("DETACH DATABASE received")

    def novelty(self, path: Path) -> Novelty:
        """Compare a checked survey file with the log, in bulk: what would it bring?"""
        with self._attached(path):
            return self._novelty()

    def stage_file(self, batch: int, path: Path) -> None:
        """Stage what a checked survey file holds that the log lacks."""
        with self._attached(path):
            self._copy_new(batch)

    def _count(self, sql: str) -> int:
        return int(self.connection.execute(sql).fetchall()[0][0])

    def _novelty(self) -> Novelty:
        differs = " OR ".join(f"r.{c} IS NOT c.{c}" for c in COLUMNS[1:])
        # One pass over the file's changes, each looked up once in the log.
        lacking, forged = self.connection.execute(
            "SELECT coalesce(sum(c.id IS NULL), 0), "
            f"max(CASE WHEN c.id IS NOT NULL AND ({differs}) THEN r.id END) "
            "FROM received.changes r LEFT JOIN main.changes c ON c.id = r.id"
        ).fetchall()[0]
        return Novelty(
            changes=int(lacking),
            guides=self._count(
                "SELECT count(*) FROM received.guides r "
                "WHERE NOT EXISTS (SELECT 1 FROM main.guides g WHERE g.hash = r.hash)"
            ),
            blobs=self._count(
                "SELECT count(*) FROM received.blobs r "
                "WHERE NOT EXISTS (SELECT 1 FROM main.blobs b WHERE b.sha256 = r.sha256)"
            ),
            forged=None if forged is None else str(forged),
        )

    def _copy_new(self, batch: int) -> None:
        columns = ", ".join(f"r.{c}" for c in COLUMNS)
        self.connection.execute(
            f"INSERT INTO incoming_changes (batch, {_COLUMNS}) SELECT ?, {columns} "
            "FROM received.changes r "
            "WHERE NOT EXISTS (SELECT 1 FROM main.changes c WHERE c.id = r.id)",
            (batch,),
        )
        latest = self.connection.execute("SELECT max(hlc) FROM received.changes").fetchall()
        if isinstance(latest[0][0], int):
            self._latest[batch] = latest[0][0]
        self.connection.execute(
            "INSERT INTO incoming_guides (batch, hash, source) SELECT ?, r.hash, r.source "
            "FROM received.guides r "
            "WHERE NOT EXISTS (SELECT 1 FROM main.guides g WHERE g.hash = r.hash)",
            (batch,),
        )
        self.connection.execute(
            "INSERT INTO incoming_blobs (batch, sha256, size, data) "
            "SELECT ?, r.sha256, r.size, r.data FROM received.blobs r "
            "WHERE NOT EXISTS (SELECT 1 FROM main.blobs b WHERE b.sha256 = r.sha256)",
            (batch,),
        )

    def discard(self, batch: int | None = None) -> None:
        """Forget staged rows (of one batch, or all of them)."""
        self._ensure_tables()
        batches = set(self._latest) | self._may_repeat if batch is None else {batch}
        for number in batches:
            self._latest.pop(number, None)
            self._may_repeat.discard(number)
        for table in _STAGED_TABLES:
            if batch is None:
                self.connection.execute(f"DELETE FROM {table}")
            else:
                self.connection.execute(f"DELETE FROM {table} WHERE batch = ?", (batch,))

    # -- absorbing ----------------------------------------------------------------

    def absorb(self, batch: int, counted: bool = False) -> Absorbed:
        """Add a staged batch to the log and recompute the fields it touches.

        Runs in the log's transaction, inside a savepoint: a refused batch
        leaves the transaction as it was, so a caller may skip it and go on.
        With ``counted``, also say what it did to the fields, by entity.
        """
        with self.log.transaction(), self._savepoint():
            if batch in self._may_repeat:
                self._drop_repeated(batch)
            self._touch(batch)
            if counted:
                self._remember_new_entities()
            added = self._insert_changes(batch)
            if added:
                schema.raise_generation(self.connection)
            self.refresh_touched(batch)
            self._observe_clock(batch)
            guides, blobs = self._insert_contents(batch)
            if not counted:
                return Absorbed(changes=added, guides=guides, blobs=blobs)
            return Absorbed(added, guides, blobs, self._new_entity_counts(), self._transitions())

    def touched(self) -> set[FieldKey]:
        """The fields the last absorbed batch brought new changes to."""
        rows = self.connection.execute("SELECT entity, entity_id, field FROM touched_fields")
        return {(str(e), str(i), str(f)) for e, i, f in rows}

    @contextlib.contextmanager
    def _savepoint(self) -> Iterator[None]:
        self.connection.execute("SAVEPOINT absorb")
        try:
            yield
        except BaseException:
            # A full disk may have made SQLite roll the whole transaction back.
            if self.connection.in_transaction:
                self.connection.execute("ROLLBACK TO absorb")
                self.connection.execute("RELEASE absorb")
            raise
        self.connection.execute("RELEASE absorb")

    def _drop_repeated(self, batch: int) -> None:
        """Set aside staged changes the log already holds, refusing any with other contents."""
        self._refuse_forgeries(batch)
        self.connection.execute(
            "DELETE FROM incoming_changes WHERE batch = ? "
            "AND id IN (SELECT c.id FROM main.changes c)",
            (batch,),
        )

    def _insert_changes(self, batch: int) -> int:
        """Insert the batch's changes; return how many were new.

        A staged change can still meet its id in the log: two sources of one
        merge held it, or a list repeated it. Equal contents are skipped. Other
        contents must be refused, and looking every change up to find out
        would cost as much as the insert itself; instead the upsert turns such
        a meeting into a NOT NULL violation, which aborts the statement, and
        only then is the culprit looked for.
        """
        differs = " OR ".join(f"excluded.{c} IS NOT {c}" for c in COLUMNS[1:])
        try:
            return int(
                self.connection.execute(
                    f"INSERT INTO main.changes ({_COLUMNS}) "
                    f"SELECT {_COLUMNS} FROM incoming_changes WHERE batch = ? ORDER BY id "
                    f"ON CONFLICT (id) DO UPDATE SET hlc = NULL WHERE {differs}",
                    (batch,),
                ).rowcount
            )
        except sqlite3.IntegrityError as error:
            self._refuse_forgeries(batch)
            self._refuse_twins(batch)
            raise FieldkitError(f"a change cannot be stored ({error}): damaged file") from None

    def _touch(self, batch: int) -> None:
        """List the fields the batch brings changes to, and keep their state before it.

        Every staged change is new to the log (a file's batch holds only what
        the log lacked; a Python batch had the rest set aside).
        """
        self.connection.execute("DELETE FROM touched_fields")
        self.connection.execute(
            "INSERT OR IGNORE INTO touched_fields SELECT entity, entity_id, field "
            "FROM incoming_changes WHERE batch = ? ORDER BY entity, entity_id, field",
            (batch,),
        )
        self._remember_earlier()

    def _refuse_forgeries(self, batch: int) -> None:
        """Refuse a change id that names two contents: one held, or two arriving together."""
        differs = " OR ".join(f"i.{c} IS NOT c.{c}" for c in COLUMNS[1:])
        found = self.connection.execute(
            "SELECT i.id FROM incoming_changes i CROSS JOIN main.changes c ON c.id = i.id "
            f"WHERE i.batch = ? AND ({differs}) LIMIT 1",
            (batch,),
        ).fetchall()
        if found:
            raise FieldkitError(forged_message(str(found[0][0])))

    def _refuse_twins(self, batch: int) -> None:
        """Refuse one change id given twice, with two contents, by the same batch."""
        differs = " OR ".join(f"a.{c} IS NOT b.{c}" for c in COLUMNS[1:])
        found = self.connection.execute(
            "SELECT a.id FROM incoming_changes a JOIN incoming_changes b "
            "ON a.id = b.id AND a.rowid < b.rowid "
            f"WHERE a.batch = ? AND b.batch = ? AND ({differs}) LIMIT 1",
            (batch, batch),
        ).fetchall()
        if found:
            raise FieldkitError(forged_message(str(found[0][0])))

    def _observe_clock(self, batch: int) -> None:
        latest = self._latest.get(batch)
        if latest is None:
            latest = self.connection.execute(
                "SELECT max(hlc) FROM incoming_changes WHERE batch = ?", (batch,)
            ).fetchall()[0][0]
        if isinstance(latest, int):
            self.log.clock.observe(latest)

    def _insert_contents(self, batch: int) -> tuple[int, int]:
        guides = self.connection.execute(
            "INSERT OR IGNORE INTO main.guides (hash, source) "
            "SELECT hash, source FROM incoming_guides WHERE batch = ?",
            (batch,),
        ).rowcount
        blobs = self.connection.execute(
            "INSERT OR IGNORE INTO main.blobs (sha256, size, data) "
            "SELECT sha256, size, data FROM incoming_blobs WHERE batch = ?",
            (batch,),
        ).rowcount
        return guides, blobs

    # -- recomputing fields ---------------------------------------------------------

    def refresh_all(self) -> None:
        """Recompute every field of the log (after its derived tables were rebuilt)."""
        self._ensure_tables()
        self.connection.execute("DELETE FROM touched_fields")
        self.connection.execute(
            "INSERT INTO touched_fields SELECT DISTINCT entity, entity_id, field FROM main.changes"
        )
        self._remember_earlier()
        self.refresh_touched()

    def refresh_touched(self, batch: int | None = None) -> None:
        """Recompute the derived state of every field listed in ``touched_fields``.

        ``earlier_state`` must hold those fields' state rows as they were.
        A field without one has no change in the log but the batch's (a field
        has a state row exactly when it has changes), so its heads are found
        among the staged rows, without reading the log at all: that is what
        keeps merging new interviews cheap.
        """
        for table in ("field_heads", "fresh_state"):
            self.connection.execute(f"DELETE FROM {table}")
        if batch is None:
            self._heads_from_log("touched_fields")
        else:
            self._heads_from_batch(batch)
            self._heads_from_log("earlier_state")
        self.connection.execute(
            "INSERT INTO fresh_state SELECT h.entity, h.entity_id, h.field, h.value, "
            f"json_array(h.id), h.hlc, h.author, {SEARCH_TEXT_FUNCTION}(h.entity, h.field, "
            "h.value), EXISTS (SELECT 1 FROM earlier_state e WHERE "
            + _SAME_FIELD.format(a="e", b="h")
            + ") FROM field_heads h GROUP BY h.entity, h.entity_id, h.field HAVING count(*) = 1"
        )
        self._write_fresh_state()
        leftovers = self.connection.execute(
            "SELECT entity, entity_id, field FROM touched_fields t WHERE NOT EXISTS "
            "(SELECT 1 FROM fresh_state f WHERE " + _SAME_FIELD.format(a="f", b="t") + ")"
        ).fetchall()
        for entity, entity_id, field_name in leftovers:
            self.log.refresh((entity, entity_id, field_name))

    def _heads_from_log(self, fields: str) -> None:
        """The heads of the listed fields: their changes no other change of theirs supersedes."""
        self.connection.execute(
            "INSERT INTO field_heads "
            "SELECT c.entity, c.entity_id, c.field, c.id, c.value, c.hlc, c.author "
            f"FROM {fields} t CROSS JOIN main.changes c ON "
            + _SAME_FIELD.format(a="c", b="t")
            + " WHERE NOT EXISTS (SELECT 1 FROM main.changes d, json_each(d.supersedes) j "
            "WHERE " + _SAME_FIELD.format(a="d", b="c") + " AND d.supersedes <> '[]' "
            "AND j.value = c.id)"
        )

    def _heads_from_batch(self, batch: int) -> None:
        """The heads of the fields new to the log, found among the batch's own changes."""
        self.connection.execute("DELETE FROM batch_superseded")
        self.connection.execute(
            "INSERT OR IGNORE INTO batch_superseded SELECT i.entity, i.entity_id, i.field, j.value "
            "FROM incoming_changes i, json_each(i.supersedes) j "
            "WHERE i.batch = ? AND i.supersedes <> '[]'",
            (batch,),
        )
        self.connection.execute(
            "INSERT OR IGNORE INTO field_heads "
            "SELECT i.entity, i.entity_id, i.field, i.id, i.value, i.hlc, i.author "
            "FROM touched_fields t CROSS JOIN incoming_changes i ON i.batch = ? AND "
            + _SAME_FIELD.format(a="i", b="t")
            + " WHERE NOT EXISTS (SELECT 1 FROM earlier_state e WHERE "
            + _SAME_FIELD.format(a="e", b="t")
            + ") AND NOT EXISTS (SELECT 1 FROM batch_superseded d WHERE "
            + _SAME_FIELD.format(a="d", b="i")
            + " AND d.id = i.id)",
            (batch,),
        )

    def _write_fresh_state(self) -> None:
        """Upsert single-head fields into ``state``, keeping the search index in step.

        Every state row has its entry in the index, even one without text, as
        ChangeLog._set_state keeps it: FTS5's integrity check wants them all.
        Rows new to ``state`` get row numbers past every earlier one, so they
        are indexed by one range scan rather than one look-up each.
        """
        known = (
            "FROM fresh_state f CROSS JOIN main.state s ON "
            + _SAME_FIELD.format(a="s", b="f")
            + " WHERE f.known"
        )
        self.connection.execute(
            f"INSERT INTO main.search (search, rowid, text) SELECT 'delete', s.rid, s.text {known}"
        )
        last = self.connection.execute("SELECT coalesce(max(rid), 0) FROM main.state").fetchall()
        self.connection.execute(
            "INSERT INTO main.state "
            "(entity, entity_id, field, value, heads, conflict, hlc, author, text) "
            "SELECT entity, entity_id, field, value, heads, 0, hlc, author, text "
            "FROM fresh_state WHERE true "
            "ON CONFLICT (entity, entity_id, field) DO UPDATE SET value = excluded.value, "
            "heads = excluded.heads, conflict = excluded.conflict, hlc = excluded.hlc, "
            "author = excluded.author, text = excluded.text"
        )
        self.connection.execute(
            f"INSERT INTO main.search (rowid, text) SELECT s.rid, s.text {known}"
        )
        self.connection.execute(
            "INSERT INTO main.search (rowid, text) SELECT rid, text FROM main.state WHERE rid > ?",
            (last[0][0],),
        )

    # -- counting -------------------------------------------------------------------

    def _remember_earlier(self) -> None:
        """Keep the touched fields' state rows as they are before the batch."""
        self.connection.execute("DELETE FROM earlier_state")
        self.connection.execute(
            "INSERT INTO earlier_state SELECT s.entity, s.entity_id, s.field, s.value, "
            "s.conflict FROM touched_fields t CROSS JOIN main.state s ON "
            + _SAME_FIELD.format(a="s", b="t")
        )

    def _remember_new_entities(self) -> None:
        """List the entities the batch brings that the log has never seen."""
        self.connection.execute("DELETE FROM new_entities")
        self.connection.execute(
            "INSERT OR IGNORE INTO new_entities SELECT t.entity, t.entity_id FROM touched_fields t "
            "WHERE NOT EXISTS (SELECT 1 FROM main.state s "
            "WHERE s.entity = t.entity AND s.entity_id = t.entity_id)"
        )

    def _new_entity_counts(self) -> dict[str, int]:
        rows = self.connection.execute(
            "SELECT entity, count(*) FROM new_entities GROUP BY entity"
        ).fetchall()
        return {str(entity): int(count) for entity, count in rows}

    def _transitions(self) -> tuple[Transition, ...]:
        """How the batch moved the fields it touched, grouped by the way they moved."""
        rows = self.connection.execute(
            "SELECT t.entity, CASE WHEN t.entity IN ('answer', 'row_answer') THEN '' "
            "ELSE t.field END, n.entity IS NOT NULL, e.entity IS NULL, s.value IS NOT e.value, "
            "coalesce(s.conflict, 0) AND NOT coalesce(e.conflict, 0), "
            "CASE WHEN t.field = 'deleted' THEN e.value END, "
            "CASE WHEN t.field = 'deleted' THEN s.value END, count(*) "
            "FROM touched_fields t "
            "LEFT JOIN new_entities n ON n.entity = t.entity AND n.entity_id = t.entity_id "
            "LEFT JOIN earlier_state e ON " + _SAME_FIELD.format(a="e", b="t") + " "
            "LEFT JOIN main.state s ON " + _SAME_FIELD.format(a="s", b="t") + " "
            "GROUP BY 1, 2, 3, 4, 5, 6, 7, 8"
        ).fetchall()
        return tuple(
            Transition(
                entity=str(entity),
                field=str(field_name),
                new_entity=bool(new),
                was_absent=bool(absent),
                differs=bool(differs),
                newly_conflicted=bool(conflicted),
                count=int(count),
                before=before,
                after=after,
            )
            for entity, field_name, new, absent, differs, conflicted, before, after, count in rows
        )


def forged_message(change_id: str) -> str:
    return (
        f"change {change_id} exists with two different contents: "
        "one of the files is damaged or forged"
    )
