"""The change log of one survey file, and the derived state kept beside it.

This is the only module that writes survey rows. Every write appends a change
(or amends this session's own unsent change) and updates the derived ``state``
row of that field and its full-text index in the same transaction, so the
readable tables never disagree with the log.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from fieldkit.errors import FieldkitError
from fieldkit.files import DiskFull, atomic_path, is_disk_full
from fieldkit.ids import new_id
from fieldkit.survey import schema
from fieldkit.survey.changes import (
    COLUMNS,
    INSERT_CHANGE,
    Change,
    FieldKey,
    check_field,
    encode,
    heads,
    supersedes_text,
    value_problem,
)
from fieldkit.survey.device import Device
from fieldkit.survey.hlc import HybridClock, milliseconds
from fieldkit.survey.identity import SURVEY_ID
from fieldkit.survey.indexing import SEARCH_TEXT_FUNCTION, search_text_of_json, searchable_text
from fieldkit.survey.opening import (
    connect,
    is_writable,
    read_only_source,
    remove_private,
    sqlite_failure,
)

if TYPE_CHECKING:
    import sqlite_utils

    from fieldkit.survey.intake import Intake

#: A device's own unsent change is amended rather than superseded while the
#: same session keeps editing the field within this many milliseconds; history
#: then holds one revision per editing session, not one per keystroke.
AMEND_WINDOW_MS = 10 * 60 * 1000

#: An amended change supersedes every change it replaced (any of them may
#: have left in a plain copy of the file), so its ``supersedes`` grows with
#: each save. Past this many, the next save starts a new revision instead:
#: a change row stays small however long someone types into one answer.
AMEND_CHAIN_LIMIT = 64


@dataclass(frozen=True)
class FieldState:
    """The current value of one field, with its heads (winner first)."""

    entity: str
    entity_id: str
    field: str
    value: object
    heads: tuple[str, ...]
    hlc: int
    author: str
    #: Whether the heads hold different values: two people who typed the same
    #: value did not disagree (DESIGN.md §5), so identical heads are no conflict.
    conflict: bool = False

    @property
    def in_conflict(self) -> bool:
        return self.conflict


class ChangeLog:
    """An open survey file: its change log, guides, blobs and derived state."""

    def __init__(
        self,
        path: Path,
        connection: sqlite3.Connection,
        device: Device,
        readonly: bool,
        private_copy: Path | None = None,
    ):
        self.path = path
        self.connection = connection
        self.device = device
        self.readonly = readonly
        #: The copy read instead of ``path``, removed on closing (see :meth:`open`).
        self.private_copy = private_copy
        self.session = new_id()
        self.clock = HybridClock(self._max_hlc())
        self._depth = 0
        self._committed = False
        self._intake: Intake | None = None
        connection.create_function(SEARCH_TEXT_FUNCTION, 3, search_text_of_json, deterministic=True)

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils' view of the connection, made on first use.

        Importing sqlite-utils takes longer than opening a survey, so the
        window and the command line only pay for it when they use it.
        """
        import sqlite_utils

        return sqlite_utils.Database(self.connection)

    # -- opening ---------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, device: Device) -> ChangeLog:
        """Create a new, empty survey file; refuse to replace an existing one."""
        path = Path(path)
        if path.is_dir():
            raise FieldkitError(f"{path}: is a folder; give the name of a new survey file")
        if path.exists():
            raise FieldkitError(f"{path}: a file already exists there")
        if not path.parent.is_dir():
            raise FieldkitError(f"{path}: the folder {path.parent} does not exist")
        if not is_writable(path.parent):
            raise FieldkitError(f"{path}: the folder {path.parent} is read-only")
        try:
            connection = connect(str(path), uri=False)
            try:
                connection.execute("PRAGMA journal_mode = WAL")
                schema.create(connection, new_id())
            except BaseException:
                connection.close()
                raise
        except sqlite3.Error as error:
            for suffix in ("", "-wal", "-shm"):
                path.with_name(path.name + suffix).unlink(missing_ok=True)
            if is_disk_full(error, path.parent):
                raise DiskFull(path) from None
            raise FieldkitError(f"{path}: cannot create the survey file ({error})") from None
        return cls(path, connection, device, readonly=False)

    @classmethod
    def open(cls, path: Path, device: Device, readonly: bool = False) -> ChangeLog:
        """Open an existing survey file, upgrading an older schema when writing."""
        path = Path(path)
        schema.sniff(path)
        completed_by_wal = schema.wal_may_complete(path)
        if not completed_by_wal:
            schema.check_header(path)
        private_copy = None
        if readonly:
            where, private_copy = read_only_source(path, completed_by_wal)
        else:
            if not is_writable(path):
                raise FieldkitError(f"{path}: the file is read-only")
            if not is_writable(path.parent):
                raise FieldkitError(f"{path}: the folder {path.parent} is read-only")
            where = str(path)
        try:
            connection = connect(where, uri=readonly)
        except sqlite3.Error as error:
            remove_private(private_copy)
            raise sqlite_failure(path, error) from None
        try:
            version = schema.check_identity(connection, path)
            if version < schema.SCHEMA_VERSION and readonly:
                raise FieldkitError(
                    f"{path}: made by an older fieldkit; open it for writing once to upgrade it"
                )
            if completed_by_wal:
                schema.quick_check(connection, path)
            schema.check_objects(connection, path)
            if not readonly:
                if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    connection.execute("PRAGMA journal_mode = WAL")
                schema.upgrade(connection, path, version)
            return cls(path, connection, device, readonly, private_copy)
        except BaseException as error:
            connection.close()
            remove_private(private_copy)
            if isinstance(error, sqlite3.Error):
                raise sqlite_failure(path, error) from None
            raise

    def close(self) -> None:
        # Only after a write: optimize may store statistics, and a command
        # that was refused must leave the file byte for byte as it was.
        with contextlib.suppress(sqlite3.Error):
            if self._committed:
                self.connection.execute("PRAGMA optimize")
        self.connection.close()
        remove_private(self.private_copy)

    def copy_to(self, target: Path) -> None:
        """Write the whole file, as this connection sees it, to a new file at ``target``.

        SQLite's backup reads through this connection, so the copy holds every
        committed change even when the file on disk was deleted or moved while
        open; it is written under a temporary name and renamed.
        """
        target = Path(target)
        # A -wal left under that name by another file would be replayed into the copy.
        if target.exists() or target.with_name(target.name + "-wal").exists():
            raise FieldkitError(f"{target}: a file already exists there")
        try:
            with (
                atomic_path(target) as temporary,
                contextlib.closing(sqlite3.connect(temporary)) as copy,
            ):
                self.connection.backup(copy)
        except OSError as error:
            raise FieldkitError(f"{target}: cannot write the copy ({error.strerror})") from None

    # -- transactions ----------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the block in one write transaction; nested blocks join the outer one."""
        if self.readonly:
            raise FieldkitError(f"{self.path}: opened read-only")
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        with self._full_disk_named():
            self.connection.execute("BEGIN IMMEDIATE")
        self._depth = 1
        # A transaction rolled back (a dry run, a refused merge) leaves no
        # trace, not even in the clock, which may have observed what it brought.
        clock_before = self.clock.last
        try:
            with self._full_disk_named():
                yield
        except BaseException:
            self._depth = 0
            self._roll_back()
            self.clock.last = clock_before
            raise
        self._depth = 0
        try:
            with self._full_disk_named():
                self.connection.execute("COMMIT")
        except sqlite3.Error as error:
            self._roll_back()
            self.clock.last = clock_before
            raise FieldkitError(f"{self.path}: could not save ({error})") from None
        except DiskFull:
            self._roll_back()
            raise
        self._committed = True

    @contextlib.contextmanager
    def _full_disk_named(self) -> Iterator[None]:
        """Turn SQLite's "disk full" (or a disk I/O error on a full disk) into :class:`DiskFull`."""
        try:
            yield
        except sqlite3.Error as error:
            if is_disk_full(error, self.path.parent):
                raise DiskFull(self.path) from None
            raise

    def _roll_back(self) -> None:
        """End the failed transaction, if SQLite has not ended it already.

        On a full disk or an I/O error SQLite may roll the whole transaction
        back itself; a second ROLLBACK would then fail and hide the first error.
        """
        if self.connection.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self.connection.execute("ROLLBACK")

    # -- writing ---------------------------------------------------------------

    def write(
        self, entity: str, entity_id: str, field: str, value: object, amend: bool = True
    ) -> str | None:
        """Record a new value for one field; return the change id, or None if unchanged.

        ``amend=False`` always keeps the current value in history (a restore
        or a resolution must never swallow the version it replaces).
        """
        check_field(entity, field)
        problem = value_problem(value)
        if problem is not None:
            raise FieldkitError(f"{self.path}: {entity} {entity_id}, {field!r}: {problem}")
        encoded = encode(value)
        key = (entity, entity_id, field)
        with self.transaction():
            row = self.connection.execute(
                "SELECT value, heads, conflict FROM state "
                "WHERE entity = ? AND entity_id = ? AND field = ?",
                key,
            ).fetchone()
            superseded: list[str] = []
            if row is not None and key == SURVEY_ID:
                raise FieldkitError(f"{self.path}: a survey's identity is written once only")
            if row is not None:
                superseded = json.loads(row[1])
                if not row[2] and row[0] == encoded:
                    return None
                if amend:
                    superseded = self._amend(superseded)
            change = Change(
                id=new_id(),
                entity=entity,
                entity_id=entity_id,
                field=field,
                value=encoded,
                hlc=self.clock.tick(),
                device=self.device.id,
                author=self.device.author,
                supersedes=supersedes_text(superseded),
            )
            self.connection.execute(INSERT_CHANGE, change.as_row())
            schema.raise_generation(self.connection)
            self.connection.execute(
                "INSERT INTO unsent (change_id, session) VALUES (?, ?)", (change.id, self.session)
            )
            self._set_state(key, encoded, value, (change.id,), change.hlc, change.author, False)
        return change.id

    def _amend(self, current_heads: list[str]) -> list[str]:
        """Drop this session's own unsent head and return what the new change supersedes."""
        if len(current_heads) != 1:
            return current_heads
        found = self.connection.execute(
            "SELECT c.supersedes, c.device, c.author, c.hlc FROM unsent u "
            "JOIN changes c ON c.id = u.change_id WHERE u.change_id = ? AND u.session = ?",
            (current_heads[0], self.session),
        ).fetchone()
        if found is None:
            return current_heads
        old_supersedes, device, author, stamp = found
        recent = milliseconds(self.clock.last) - milliseconds(stamp) < AMEND_WINDOW_MS
        if device != self.device.id or author != self.device.author or not recent:
            return current_heads
        chain = json.loads(old_supersedes)
        if len(chain) >= AMEND_CHAIN_LIMIT:
            return current_heads
        amended = current_heads[0]
        self.connection.execute("DELETE FROM changes WHERE id = ?", (amended,))
        self.connection.execute("DELETE FROM unsent WHERE change_id = ?", (amended,))
        return [*chain, amended]

    def _set_state(
        self,
        key: FieldKey,
        encoded: str,
        value: object,
        head_ids: tuple[str, ...],
        stamp: int,
        author: str,
        conflict: bool,
    ) -> None:
        text = searchable_text(key[0], key[2], value)
        old = self.connection.execute(
            "SELECT rid, text FROM state WHERE entity = ? AND entity_id = ? AND field = ?", key
        ).fetchone()
        # Every state row has its entry in the index, even one without text:
        # FTS5's integrity check (``fieldkit check``) compares the index with
        # every row of its content table.
        if old is not None:
            self.connection.execute(
                "INSERT INTO search (search, rowid, text) VALUES ('delete', ?, ?)", old
            )
        rid = self.connection.execute(
            "INSERT INTO state "
            "(entity, entity_id, field, value, heads, conflict, hlc, author, text) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (entity, entity_id, field) DO UPDATE SET value = excluded.value, "
            "heads = excluded.heads, conflict = excluded.conflict, hlc = excluded.hlc, "
            "author = excluded.author, text = excluded.text RETURNING rid",
            (*key, encoded, json.dumps(list(head_ids)), conflict, stamp, author, text),
        ).fetchone()[0]
        self.connection.execute("INSERT INTO search (rowid, text) VALUES (?, ?)", (rid, text))

    @property
    def intake(self) -> Intake:
        """The staging area for changes from elsewhere (temporary tables, made on first use).

        Its module loads here too: opening a survey to read or type needs none of it.
        """
        if self._intake is None:
            from fieldkit.survey.intake import Intake

            self._intake = Intake(self)
        return self._intake

    def add_changes(self, changes: Iterable[Change]) -> set[FieldKey]:
        """Add changes made elsewhere (a merge, a load); return the fields they touch.

        A change already present is skipped. One id naming two different
        contents can only be a damaged or forged file, and is refused.
        The work is set-based (see :mod:`fieldkit.survey.intake`): a merge of many
        thousands of changes costs a few statements, not a few per change.
        """
        intake = self.intake
        batch = intake.new_batch()
        try:
            with self.transaction():
                intake.stage_changes(batch, changes)
                intake.absorb(batch)
                return intake.touched()
        finally:
            intake.discard(batch)

    def refresh(self, key: FieldKey) -> None:
        """Recompute one field's derived state from all its changes in the log."""
        current = heads(self.changes_of(key))
        if not current:
            # Only a forged file can make changes supersede one another in a
            # circle. Refusing it keeps one invariant the set-based intake
            # relies on: a field has a state row exactly when it has changes.
            raise FieldkitError(
                f"the changes of {'/'.join(key)} supersede one another in a circle: "
                "one of the files is damaged or forged"
            )
        winner = current[0]
        self._set_state(
            key,
            winner.value,
            json.loads(winner.value),
            tuple(c.id for c in current),
            winner.hlc,
            winner.author,
            len({c.value for c in current}) > 1,
        )

    def rebuild(self) -> None:
        """Throw the derived tables away and recompute them from the change log.

        What was derived elsewhere (the progress the file remembers) is
        forgotten too, by raising the generation: it is counted again.
        """
        with self.transaction():
            schema.raise_generation(self.connection)
            schema.drop_derived(self.connection)
            for statement in _statements(schema.DERIVED_SQL):
                self.connection.execute(statement)
            self.intake.refresh_all()

    # -- reading ---------------------------------------------------------------

    def _max_hlc(self) -> int:
        found = self.connection.execute("SELECT max(hlc) FROM changes").fetchone()[0]
        return int(found or 0)

    def changes_of(self, key: FieldKey) -> list[Change]:
        rows = self.connection.execute(
            f"SELECT {', '.join(COLUMNS)} FROM changes "
            "WHERE entity = ? AND entity_id = ? AND field = ? ORDER BY hlc, device, id",
            key,
        ).fetchall()
        return [Change(*row) for row in rows]

    def all_changes(self) -> Iterator[Change]:
        cursor = self.connection.execute(
            f"SELECT {', '.join(COLUMNS)} FROM changes ORDER BY hlc, device, id"
        )
        for row in cursor:
            yield Change(*row)

    def change(self, change_id: str) -> Change | None:
        row = self.connection.execute(
            f"SELECT {', '.join(COLUMNS)} FROM changes WHERE id = ?", (change_id,)
        ).fetchone()
        return Change(*row) if row else None

    def get(self, entity: str, entity_id: str, field: str) -> FieldState | None:
        row = self.connection.execute(
            "SELECT value, heads, hlc, author, conflict FROM state "
            "WHERE entity = ? AND entity_id = ? AND field = ?",
            (entity, entity_id, field),
        ).fetchone()
        if row is None:
            return None
        value, head_ids, stamp, author, conflict = row
        return FieldState(
            entity,
            entity_id,
            field,
            json.loads(value),
            tuple(json.loads(head_ids)),
            stamp,
            author,
            bool(conflict),
        )

    def fields(self, entity: str, entity_id: str) -> dict[str, object]:
        """Return every current field of one entity."""
        rows = self.connection.execute(
            "SELECT field, value FROM state WHERE entity = ? AND entity_id = ?",
            (entity, entity_id),
        )
        return {field: json.loads(value) for field, value in rows}

    def entities(self, entity: str) -> dict[str, dict[str, object]]:
        """Return every entity of one kind with its current fields, by id."""
        found: dict[str, dict[str, object]] = {}
        rows = self.connection.execute(
            "SELECT entity_id, field, value FROM state WHERE entity = ? ORDER BY entity_id, field",
            (entity,),
        )
        for entity_id, field, value in rows:
            found.setdefault(entity_id, {})[field] = json.loads(value)
        return found

    def children(self, entity: str, interview_id: str) -> list[str]:
        """Return the ids of the rows, quotes, notes or attachments of one interview."""
        rows = self.connection.execute(
            "SELECT entity_id FROM state WHERE entity = ? AND field = 'interview' AND value = ?",
            (entity, encode(interview_id)),
        )
        return [row[0] for row in rows]

    def conflicted(self) -> list[FieldState]:
        """The fields in conflict, sorted here: asked to, SQLite walks the whole table
        (90 ms in 2,000 interviews) rather than the conflicts' index."""
        rows = self.connection.execute(
            "SELECT entity, entity_id, field, value, heads, hlc, author FROM state WHERE conflict"
        ).fetchall()
        return [
            FieldState(e, i, f, json.loads(v), tuple(json.loads(h)), s, a, True)
            for e, i, f, v, h, s, a in sorted(rows)
        ]

    # -- guides and blobs --------------------------------------------------------

    def put_guide(self, digest: str, source: str) -> None:
        with self.transaction():
            self.connection.execute(
                "INSERT OR IGNORE INTO guides (hash, source) VALUES (?, ?)", (digest, source)
            )

    def guide_source(self, digest: str) -> str | None:
        row = self.connection.execute(
            "SELECT source FROM guides WHERE hash = ?", (digest,)
        ).fetchone()
        return str(row[0]) if row else None

    def put_blob(self, digest: str, data: bytes) -> None:
        with self.transaction():
            self.connection.execute(
                "INSERT OR IGNORE INTO blobs (sha256, size, data) VALUES (?, ?, ?)",
                (digest, len(data), data),
            )

    def has_guide(self, digest: str) -> bool:
        found = self.connection.execute("SELECT 1 FROM guides WHERE hash = ?", (digest,))
        return found.fetchone() is not None

    def has_blob(self, digest: str) -> bool:
        found = self.connection.execute("SELECT 1 FROM blobs WHERE sha256 = ?", (digest,))
        return found.fetchone() is not None

    def blob(self, digest: str) -> bytes | None:
        row = self.connection.execute(
            "SELECT data FROM blobs WHERE sha256 = ?", (digest,)
        ).fetchone()
        return bytes(row[0]) if row else None

    # -- local, per-file facts (never part of the shared state) -----------------

    def has_unsent(self) -> bool:
        return self.connection.execute("SELECT 1 FROM unsent LIMIT 1").fetchone() is not None

    def mark_sent(self) -> None:
        """Forget which changes are unsent: they have left the file, so never amend them."""
        with self.transaction():
            self.connection.execute("DELETE FROM unsent")

    def local(self, key: str) -> str | None:
        """A fact about this file only (what it last wrote to a sync folder, say)."""
        row = self.connection.execute("SELECT value FROM local WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def set_local(self, key: str, value: str) -> None:
        with self.transaction():
            self.connection.execute(
                "INSERT INTO local (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )


def _statements(script: str) -> Iterator[str]:
    """Split a schema script into statements (it holds no literal semicolons)."""
    for statement in script.split(";"):
        if statement.strip():
            yield statement
