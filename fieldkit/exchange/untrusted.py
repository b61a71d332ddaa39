"""Survey files from elsewhere: copied, checked and read as untrusted input.

A file received by e-mail or found in a shared folder may be damaged, half
copied or made to do harm (DESIGN.md §4). Before a merge takes anything from
it, :func:`received`:

1. copies it to a private snapshot, so that a file a sync engine is still
   writing cannot change under us, and so that SQLite never creates its own
   ``-wal``/``-shm`` files in a shared folder (a sync engine would spread them);
2. opens the snapshot read-only, with SQLite's defences up;
3. checks its header, identity (``application_id``, ``user_version``),
   integrity (``quick_check``) and schema: every table, index, view and
   trigger must be exactly what this fieldkit creates, so a file with a
   trigger or a view of its own is refused before a single row is read.

Then :meth:`ReceivedFile.check_rows` reads ``changes``, ``guides`` and
``blobs`` by explicit column lists and checks every row; merges call it only
for files that hold something new.

**The write-ahead log.** A fieldkit file is in WAL mode while it is open, so
the last saved answers of a file copied from a running fieldkit may sit in its
``-wal`` beside it. The snapshot takes that ``-wal`` too, so the merge sees
every committed change: copying the main file alone would silently leave the
latest answers behind while the report says the file was merged. A file and
its ``-wal`` copied while another process checkpoints could disagree, so the
copy is taken again if either changed during it (size, time or inode), and
refused as "still being written" if they keep changing. A rollback journal
beside a file means a write was interrupted half-way: such a file is refused
until fieldkit has opened it once (which rolls the half write back). Device
files written by ``fieldkit sync`` never have either: they are written whole
under a temporary name, in rollback mode, then renamed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from fieldkit.errors import FieldkitError
from fieldkit.guide import guide_hash, parse_guide
from fieldkit.survey import (
    COLUMNS,
    MAX_ATTACHMENT_BYTES,
    SurveyIdentity,
    check_field,
    decode,
    read_identity,
    schema,
    within_bounds,
)

#: The longest text SQLite may hand us from a received file: an attachment at
#: the limit, with room to spare; anything longer is refused unread.
LONGEST_VALUE = MAX_ATTACHMENT_BYTES + 1024 * 1024
#: Change ids are UUIDs in hex; anything outside this shape is not fieldkit's.
CHANGE_ID = re.compile(r"[0-9A-Za-z_-]{1,64}")
SHA256 = re.compile(r"[0-9a-f]{64}")
#: The longest entity id, device id or author name accepted.
LONGEST_NAME = 200
SNAPSHOT_ATTEMPTS = 3

Signature = tuple[tuple[int, int, int] | None, ...]


def sibling(path: Path, suffix: str) -> Path:
    """The file SQLite keeps beside ``path`` (``-wal``, ``-journal``)."""
    return path.with_name(path.name + suffix)


def _stat(path: Path) -> tuple[int, int, int] | None:
    try:
        found = path.stat()
    except FileNotFoundError:
        return None
    return (found.st_size, found.st_mtime_ns, found.st_ino)


def _signature(path: Path) -> Signature:
    return (_stat(path), _stat(sibling(path, "-wal")))


def _take_snapshot(path: Path, folder: Path) -> Path:
    """Copy ``path`` and its ``-wal`` into ``folder`` while neither changes."""
    schema.sniff(path)
    journal = _stat(sibling(path, "-journal"))
    if journal is not None and journal[0] > 0:
        raise FieldkitError(
            f"{path}: a write to the file was interrupted (a rollback journal lies beside it); "
            "open it once in fieldkit to repair it"
        )
    snapshot = folder / "received.fieldkit"
    for attempt in range(SNAPSHOT_ATTEMPTS):
        before = _signature(path)
        wal = sibling(path, "-wal")
        sibling(snapshot, "-wal").unlink(missing_ok=True)
        if before[1] is not None and before[1][0] > 0:
            shutil.copyfile(wal, sibling(snapshot, "-wal"))
        shutil.copyfile(path, snapshot)
        if _signature(path) == before:
            if not schema.wal_may_complete(snapshot):
                schema.check_header(snapshot, shown=path)
            return snapshot
        time.sleep(0.2 * (attempt + 1))
    raise FieldkitError(
        f"{path}: the file kept changing while it was read (still being copied or written); "
        "try again once it is complete"
    )


def _open_defended(snapshot: Path) -> sqlite3.Connection:
    """Open a snapshot read-only, with every defence this Python's SQLite offers."""
    connection = sqlite3.connect(
        f"{snapshot.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None
    )
    # Connection.setconfig exists from Python 3.12 on; older builds rely on
    # the pragmas below and on the schema check refusing triggers and views.
    setconfig = getattr(connection, "setconfig", None)
    if setconfig is not None:
        for name, enabled in (
            ("SQLITE_DBCONFIG_DEFENSIVE", True),
            ("SQLITE_DBCONFIG_TRUSTED_SCHEMA", False),
            ("SQLITE_DBCONFIG_ENABLE_TRIGGER", False),
            ("SQLITE_DBCONFIG_ENABLE_VIEW", False),
        ):
            if hasattr(sqlite3, name):
                setconfig(getattr(sqlite3, name), enabled)
    for pragma in ("trusted_schema = OFF", "cell_size_check = ON", "mmap_size = 0"):
        connection.execute(f"PRAGMA {pragma}")
    connection.execute("PRAGMA query_only = ON")
    connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, LONGEST_VALUE)
    return connection


@contextlib.contextmanager
def received(path: Path) -> Iterator[ReceivedFile]:
    """Snapshot and check a survey file from elsewhere; remove the snapshot after."""
    path = Path(path)
    folder = Path(tempfile.mkdtemp(prefix="fieldkit-received-"))
    try:
        try:
            snapshot = _take_snapshot(path, folder)
            connection = _open_defended(snapshot)
        except OSError as error:
            raise FieldkitError(f"{path}: cannot read the file ({error.strerror})") from None
        except sqlite3.Error as error:
            raise _damaged(path, error) from None
        with contextlib.closing(connection):
            file = ReceivedFile(path, snapshot, connection)
            file.check_structure()
            yield file
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _damaged(path: Path, error: sqlite3.Error) -> FieldkitError:
    return FieldkitError(f"{path}: the file is damaged or unreadable ({error})")


@dataclass
class ReceivedFile:
    """A checked, read-only snapshot of a survey file from elsewhere."""

    path: Path
    snapshot: Path
    connection: sqlite3.Connection

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        """Word SQLite's complaints about the file as a damaged file, naming it."""
        try:
            yield
        except sqlite3.Error as error:
            raise _damaged(self.path, error) from None

    def check_structure(self) -> None:
        """Refuse anything but a sound fieldkit file of this schema version."""
        with self._reading():
            self._check_identity()
            schema.quick_check(self.connection, self.path)
            schema.check_objects(self.connection, self.path)

    def _check_identity(self) -> None:
        version = schema.check_identity(self.connection, self.path)
        if version != schema.SCHEMA_VERSION:
            raise FieldkitError(
                f"{self.path}: made by an older fieldkit (schema version {version}); "
                "open it once with this fieldkit to upgrade it, then merge it"
            )
        encoding = self.connection.execute("PRAGMA encoding").fetchone()[0]
        if encoding != "UTF-8":
            raise FieldkitError(f"{self.path}: not a fieldkit survey file (text in {encoding})")

    # -- rows -------------------------------------------------------------------------

    def check_rows(
        self,
        is_new_guide: Callable[[str], bool],
        is_new_blob: Callable[[str], bool],
        parsed_guides: set[str],
    ) -> None:
        """Check every change, and the guides and attachments the target lacks.

        ``parsed_guides`` holds the hashes of guide snapshots already parsed in
        this merge: a snapshot whose text hashes to one of them is that text.
        """
        with self._reading():
            self._check_changes()
            self._check_guides(is_new_guide, parsed_guides)
            self._check_blobs(is_new_blob)

    def _check_changes(self) -> None:
        known_fields: set[tuple[str, str]] = set()
        cursor = self.connection.execute(f"SELECT {', '.join(COLUMNS)} FROM changes")
        for row in cursor:
            problem = change_problem(row)
            if problem is not None:
                raise FieldkitError(f"{self.path}: change {str(row[0])[:64]!r} {problem}")
            fields = (row[1], row[3])
            if fields not in known_fields:
                try:
                    check_field(*fields)
                except FieldkitError as error:
                    raise FieldkitError(f"{self.path}: {error}") from None
                known_fields.add(fields)

    def _check_guides(self, is_new: Callable[[str], bool], parsed: set[str]) -> None:
        digests = [row[0] for row in self.connection.execute("SELECT hash FROM guides")]
        for digest in digests:
            if not isinstance(digest, str) or not SHA256.fullmatch(digest):
                raise FieldkitError(f"{self.path}: a guide snapshot has a malformed name")
            if not is_new(digest):
                continue
            (source,) = self.connection.execute(
                "SELECT source FROM guides WHERE hash = ?", (digest,)
            ).fetchone()
            if not isinstance(source, str) or guide_hash(source) != digest:
                raise FieldkitError(
                    f"{self.path}: guide snapshot {digest[:12]} does not match its hash"
                )
            if digest not in parsed:
                parse_guide(source, f"{self.path} (guide {digest[:12]})")
                parsed.add(digest)

    def _check_blobs(self, is_new: Callable[[str], bool]) -> None:
        # length() of a blob is read from its record header: the claimed and
        # actual sizes are checked before a single byte of content is loaded.
        rows = self.connection.execute(
            "SELECT sha256, size, typeof(data), length(data) FROM blobs"
        ).fetchall()
        for digest, size, kind, length in rows:
            problem = blob_problem(digest, size, kind, length)
            if problem is not None:
                raise FieldkitError(f"{self.path}: {problem}")
            if is_new(digest):
                (data,) = self.connection.execute(
                    "SELECT data FROM blobs WHERE sha256 = ?", (digest,)
                ).fetchone()
                if hashlib.sha256(data).hexdigest() != digest:
                    raise FieldkitError(
                        f"{self.path}: the content of attachment {digest[:12]} "
                        "does not match its hash"
                    )

    def identity(self) -> SurveyIdentity | None:
        """The survey the file belongs to (None: made before surveys had an identity)."""
        with self._reading():
            return read_identity(self.connection, self.path)

    def check_references(
        self, has_guide: Callable[[str], bool], has_blob: Callable[[str], bool]
    ) -> None:
        """Refuse a file whose visits or attachments name contents nobody holds.

        A visit answered with a guide snapshot that neither this file nor the
        target holds would make every list and export of the survey fail; an
        attachment without its content could never be opened.
        """
        with self._reading():
            for digest, kind in self.connection.execute(_UNHELD_CONTENTS):
                known = has_guide if kind == "guide" else has_blob
                if not isinstance(digest, str) or known(digest):
                    continue
                if kind == "guide":
                    raise FieldkitError(
                        f"{self.path}: a visit refers to a guide snapshot ({digest[:12]}) "
                        "the file does not hold"
                    )
                raise FieldkitError(
                    f"{self.path}: an attachment refers to a content ({digest[:12]}) "
                    "the file does not hold"
                )


#: The guide snapshots and attachment contents the file's changes name but
#: the file lacks (``json_valid`` first: malformed values are refused elsewhere).
_UNHELD_CONTENTS = (
    "SELECT DISTINCT json_extract(c.value, '$'), 'guide' FROM changes c "
    "WHERE c.field = 'guide' AND c.entity IN ('survey', 'interview') AND json_valid(c.value) "
    "AND NOT EXISTS (SELECT 1 FROM guides g WHERE g.hash = json_extract(c.value, '$')) "
    "UNION SELECT DISTINCT json_extract(c.value, '$'), 'blob' FROM changes c "
    "WHERE c.entity = 'attachment' AND c.field = 'sha256' AND json_valid(c.value) "
    "AND NOT EXISTS (SELECT 1 FROM blobs b WHERE b.sha256 = json_extract(c.value, '$'))"
)


def _is_name(value: object, shortest: int = 1) -> bool:
    return isinstance(value, str) and shortest <= len(value) <= LONGEST_NAME


def _is_change_id(value: object) -> bool:
    return isinstance(value, str) and CHANGE_ID.fullmatch(value) is not None


def _json(text: object) -> tuple[bool, object]:
    if not isinstance(text, str):
        return False, None
    try:
        return True, decode(text)
    except ValueError:
        return False, None


def _is_text(text: str, value: object) -> bool:
    """Whether a decoded value can be written as UTF-8: JSON may escape a lone surrogate."""
    if "\\u" not in text:
        return True
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def change_problem(row: tuple[object, ...]) -> str | None:
    """Say what is wrong with one row of a received ``changes`` table, if anything.

    Entity and field names are checked apart, once per pair, by
    :func:`fieldkit.survey.changes.check_field`.
    """
    change_id, entity, entity_id, field, value, hlc, device, author, supersedes = row
    if not _is_change_id(change_id):
        return "has a malformed id"
    if not isinstance(entity, str) or not isinstance(field, str):
        return "names no entity or field"
    if not _is_name(entity_id):
        return "has a malformed entity id"
    if not _is_name(device) or not _is_name(author, shortest=0):
        return "has a malformed device or author"
    if not within_bounds(hlc):
        return "has an impossible time stamp"
    valid, decoded = _json(value)
    if not valid:
        return "has a malformed value (not JSON)"
    if not _is_text(str(value), decoded):
        return "has a malformed value (a lone surrogate, not text)"
    valid, ids = _json(supersedes)
    if not valid or not isinstance(ids, list) or not all(_is_change_id(i) for i in ids):
        return "has a malformed list of superseded changes"
    if change_id in ids:
        return "supersedes itself"
    return None


def blob_problem(digest: object, size: object, kind: object, length: object) -> str | None:
    """Say what is wrong with one received attachment's name and size, if anything."""
    if not isinstance(digest, str) or not SHA256.fullmatch(digest):
        return "an attachment's content has a malformed name"
    if type(size) is not int or size < 0:
        return f"the content of attachment {digest[:12]} has a malformed size"
    if size > MAX_ATTACHMENT_BYTES:
        limit = MAX_ATTACHMENT_BYTES // (1024 * 1024)
        return (
            f"the content of attachment {digest[:12]} claims {size} bytes, "
            f"more than the {limit} MB an attachment may have"
        )
    if kind != "blob" or length != size:
        return f"the content of attachment {digest[:12]} is not the size it claims"
    return None
