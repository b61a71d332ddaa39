"""Bringing changes made elsewhere into a change log, a whole set at a time.

A merge may bring in hundreds of thousands of changes. Looking each one up and
recomputing its field one at a time would take minutes, so changes, guide
snapshots and blobs from elsewhere are first *staged* in temporary tables
(SQLite's ``temp`` schema, which is never part of the survey file), tagged with
a batch number — one per source file — and each batch is then *absorbed* by a
handful of set-based statements: refuse an id that names two contents, insert
what is new, recompute the fields it touches.

The recomputation applies the rule of :func:`fieldkit.changes.heads` in SQL for
the common case, a field with exactly one head. Fields left with several heads
(a conflict, which needs the winner order) or none go through
:meth:`ChangeLog.refresh` one at a time; they are rare.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from fieldkit.changes import COLUMNS, Change, FieldKey
from fieldkit.errors import FieldkitError

if TYPE_CHECKING:
    from fieldkit.store import ChangeLog

#: The SQL function the store registers to compute a field's searchable text,
#: so that the set-based path and ChangeLog.write index exactly the same words.
SEARCH_TEXT_FUNCTION = "fieldkit_search_text"

_COLUMNS = ", ".join(COLUMNS)
_SAME_FIELD = "{a}.entity = {b}.entity AND {a}.entity_id = {b}.entity_id AND {a}.field = {b}.field"

_STAGING = (
    f"CREATE TEMP TABLE IF NOT EXISTS incoming_changes (batch INTEGER NOT NULL, {_COLUMNS})",
    "CREATE INDEX IF NOT EXISTS temp.incoming_changes_by_batch ON incoming_changes (batch)",
    "CREATE TEMP TABLE IF NOT EXISTS incoming_guides (batch INTEGER NOT NULL, hash, source)",
    "CREATE TEMP TABLE IF NOT EXISTS incoming_blobs (batch INTEGER NOT NULL, sha256, size, data)",
    "CREATE TEMP TABLE IF NOT EXISTS touched_fields "
    "(entity, entity_id, field, PRIMARY KEY (entity, entity_id, field)) WITHOUT ROWID",
    "CREATE TEMP TABLE IF NOT EXISTS field_heads (entity, entity_id, field, id, value, hlc, "
    "author, PRIMARY KEY (entity, entity_id, field, id)) WITHOUT ROWID",
    "CREATE TEMP TABLE IF NOT EXISTS fresh_state (entity, entity_id, field, value, heads, hlc, "
    "author, text, PRIMARY KEY (entity, entity_id, field)) WITHOUT ROWID",
    "CREATE TEMP TABLE IF NOT EXISTS earlier_state (entity, entity_id, field, value, conflict, "
    "PRIMARY KEY (entity, entity_id, field)) WITHOUT ROWID",
)

_STAGED_TABLES = ("incoming_changes", "incoming_guides", "incoming_blobs")
_SCRATCH_TABLES = ("touched_fields", "field_heads", "fresh_state", "earlier_state")


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
class FieldCounts:
    """What one absorbed batch did to the fields of one kind of entity."""

    new_entities: int = 0
    added: int = 0
    changed: int = 0
    conflicts: int = 0


@dataclass(frozen=True)
class Absorbed:
    """What one absorbed batch brought: rows added, and fields by entity."""

    changes: int
    guides: int
    blobs: int
    fields: Mapping[str, FieldCounts] = field(default_factory=dict)


class Intake:
    """The staging area of one open change log, and the set-based absorption."""

    def __init__(self, log: ChangeLog) -> None:
        self.log = log
        self.connection = log.connection
        self._batches = 0
        for statement in _STAGING:
            self.connection.execute(statement)

    def new_batch(self) -> int:
        self._batches += 1
        return self._batches

    # -- staging ------------------------------------------------------------------

    def stage_changes(self, batch: int, changes: Iterable[Change]) -> None:
        self.connection.executemany(
            f"INSERT INTO incoming_changes (batch, {_COLUMNS}) "
            f"VALUES (?, {', '.join('?' * len(COLUMNS))})",
            ((batch, *change.as_row()) for change in changes),
        )

    def stage_file(self, batch: int, path: Path) -> Novelty:
        """Stage what a checked survey file holds that the log lacks; say what that is.

        The file is attached read-only, which SQLite allows only outside a
        transaction: staging happens before the merge's one transaction opens.
        Nothing is staged from a file that holds a forged change.
        """
        if self.connection.in_transaction:
            raise RuntimeError("files are staged before the transaction that absorbs them")
        self.connection.execute(
            "ATTACH DATABASE ? AS received", (f"{path.resolve().as_uri()}?mode=ro",)
        )
        try:
            novelty = self._novelty()
            if novelty.anything and novelty.forged is None:
                self._copy_new(batch)
            return novelty
        finally:
            self.connection.execute("DETACH DATABASE received")

    def _count(self, sql: str) -> int:
        return int(self.connection.execute(sql).fetchall()[0][0])

    def _novelty(self) -> Novelty:
        differs = " OR ".join(f"r.{c} IS NOT c.{c}" for c in COLUMNS[1:])
        forged = self.connection.execute(
            "SELECT r.id FROM received.changes r JOIN main.changes c ON c.id = r.id "
            f"WHERE {differs} LIMIT 1"
        ).fetchall()
        return Novelty(
            changes=self._count(
                "SELECT count(*) FROM received.changes r "
                "WHERE NOT EXISTS (SELECT 1 FROM main.changes c WHERE c.id = r.id)"
            ),
            guides=self._count(
                "SELECT count(*) FROM received.guides r "
                "WHERE NOT EXISTS (SELECT 1 FROM main.guides g WHERE g.hash = r.hash)"
            ),
            blobs=self._count(
                "SELECT count(*) FROM received.blobs r "
                "WHERE NOT EXISTS (SELECT 1 FROM main.blobs b WHERE b.sha256 = r.sha256)"
            ),
            forged=str(forged[0][0]) if forged else None,
        )

    def _copy_new(self, batch: int) -> None:
        columns = ", ".join(f"r.{c}" for c in COLUMNS)
        self.connection.execute(
            f"INSERT INTO incoming_changes (batch, {_COLUMNS}) SELECT ?, {columns} "
            "FROM received.changes r "
            "WHERE NOT EXISTS (SELECT 1 FROM main.changes c WHERE c.id = r.id)",
            (batch,),
        )
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
            self._touch(batch)
            new_entities = self._remember_earlier() if counted else {}
            added = self.connection.execute(
                f"INSERT OR IGNORE INTO main.changes ({_COLUMNS}) "
                f"SELECT {_COLUMNS} FROM incoming_changes WHERE batch = ? ORDER BY id",
                (batch,),
            ).rowcount
            self._refuse_forgeries(batch)
            self.refresh_touched()
            self._observe_clock(batch)
            guides, blobs = self._insert_contents(batch)
            fields = self._field_counts(new_entities) if counted else {}
        return Absorbed(changes=added, guides=guides, blobs=blobs, fields=fields)

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
            self.connection.execute("ROLLBACK TO absorb")
            self.connection.execute("RELEASE absorb")
            raise
        self.connection.execute("RELEASE absorb")

    def _touch(self, batch: int) -> None:
        self.connection.execute("DELETE FROM touched_fields")
        self.connection.execute(
            "INSERT OR IGNORE INTO touched_fields SELECT entity, entity_id, field "
            "FROM incoming_changes i WHERE batch = ? "
            "AND NOT EXISTS (SELECT 1 FROM main.changes c WHERE c.id = i.id) "
            "ORDER BY entity, entity_id, field",
            (batch,),
        )

    def _refuse_forgeries(self, batch: int) -> None:
        """Refuse a change id that names two contents: one held, or two arriving together."""
        differs = " OR ".join(f"i.{c} IS NOT c.{c}" for c in COLUMNS[1:])
        found = self.connection.execute(
            "SELECT i.id FROM incoming_changes i JOIN main.changes c ON c.id = i.id "
            f"WHERE i.batch = ? AND ({differs}) LIMIT 1",
            (batch,),
        ).fetchall()
        if found:
            raise FieldkitError(forged_message(str(found[0][0])))

    def _observe_clock(self, batch: int) -> None:
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
        self.connection.execute("DELETE FROM touched_fields")
        self.connection.execute(
            "INSERT INTO touched_fields SELECT DISTINCT entity, entity_id, field FROM main.changes"
        )
        self.refresh_touched()

    def refresh_touched(self) -> None:
        """Recompute the derived state of every field listed in ``touched_fields``."""
        for table in ("field_heads", "fresh_state"):
            self.connection.execute(f"DELETE FROM {table}")
        # The heads: changes of the field that no change of the same field supersedes.
        self.connection.execute(
            "INSERT INTO field_heads "
            "SELECT c.entity, c.entity_id, c.field, c.id, c.value, c.hlc, c.author "
            "FROM touched_fields t JOIN main.changes c ON "
            + _SAME_FIELD.format(a="c", b="t")
            + " WHERE NOT EXISTS (SELECT 1 FROM main.changes d, json_each(d.supersedes) j "
            "WHERE " + _SAME_FIELD.format(a="d", b="c") + " AND d.supersedes <> '[]' "
            "AND j.value = c.id)"
        )
        self.connection.execute(
            "INSERT INTO fresh_state SELECT entity, entity_id, field, value, json_array(id), "
            f"hlc, author, {SEARCH_TEXT_FUNCTION}(entity, field, value) FROM field_heads "
            "GROUP BY entity, entity_id, field HAVING count(*) = 1"
        )
        self._write_fresh_state()
        leftovers = self.connection.execute(
            "SELECT entity, entity_id, field FROM touched_fields t WHERE NOT EXISTS "
            "(SELECT 1 FROM fresh_state f WHERE " + _SAME_FIELD.format(a="f", b="t") + ")"
        ).fetchall()
        for entity, entity_id, field_name in leftovers:
            self.log.refresh((entity, entity_id, field_name))

    def _write_fresh_state(self) -> None:
        """Upsert single-head fields into ``state``, keeping the search index in step.

        Every state row has its entry in the index, even one without text, as
        ChangeLog._set_state keeps it: FTS5's integrity check wants them all.
        """
        join = "FROM fresh_state f JOIN main.state s ON " + _SAME_FIELD.format(a="s", b="f")
        self.connection.execute(
            f"INSERT INTO main.search (search, rowid, text) SELECT 'delete', s.rid, s.text {join}"
        )
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
            f"INSERT INTO main.search (rowid, text) SELECT s.rid, s.text {join}"
        )

    # -- counting -------------------------------------------------------------------

    def _remember_earlier(self) -> dict[str, int]:
        """Keep the touched fields' state before the batch; count entities new to the log."""
        self.connection.execute("DELETE FROM earlier_state")
        self.connection.execute(
            "INSERT INTO earlier_state SELECT s.entity, s.entity_id, s.field, s.value, "
            "s.conflict FROM touched_fields t JOIN main.state s ON "
            + _SAME_FIELD.format(a="s", b="t")
        )
        rows = self.connection.execute(
            "SELECT t.entity, count(DISTINCT t.entity_id) FROM touched_fields t "
            "WHERE NOT EXISTS (SELECT 1 FROM main.state s "
            "WHERE s.entity = t.entity AND s.entity_id = t.entity_id) GROUP BY t.entity"
        )
        return {str(entity): int(count) for entity, count in rows}

    def _field_counts(self, new_entities: Mapping[str, int]) -> dict[str, FieldCounts]:
        rows = self.connection.execute(
            "SELECT t.entity, "
            "sum(e.entity IS NULL AND s.entity IS NOT NULL), "
            "sum(e.entity IS NOT NULL AND s.value IS NOT e.value), "
            "sum(coalesce(s.conflict, 0) AND NOT coalesce(e.conflict, 0)) "
            "FROM touched_fields t "
            "LEFT JOIN earlier_state e ON " + _SAME_FIELD.format(a="e", b="t") + " "
            "LEFT JOIN main.state s ON " + _SAME_FIELD.format(a="s", b="t") + " "
            "GROUP BY t.entity"
        ).fetchall()
        return {
            str(entity): FieldCounts(
                new_entities=new_entities.get(str(entity), 0),
                added=int(added),
                changed=int(changed),
                conflicts=int(conflicts),
            )
            for entity, added, changed, conflicts in rows
        }


def forged_message(change_id: str) -> str:
    return (
        f"change {change_id} exists with two different contents: "
        "one of the files is damaged or forged"
    )
