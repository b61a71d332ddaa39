"""Connecting to a survey file: where SQLite reads it from, and how its failures are told
(SQLite's own, and an id asked for that the file does not hold).

A survey on read-only media (a CD, a locked share, another user's folder)
must still be listed, dumped, checked and exported. SQLite reads a file in
WAL mode by keeping a ``-shm`` index (and a ``-wal``) beside it, which it
cannot make there; :func:`read_only_source` says how to read such a file
without writing a byte beside it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from fieldkit.errors import FieldkitError
from fieldkit.files import DiskFull, is_disk_full


def is_writable(path: Path) -> bool:
    """Whether fieldkit may write to a file or folder.

    The write bits count as well as ``os.access``: root (or an administrator)
    may write anything, but a file or folder its owner marked read-only must
    still be left as it is.
    """
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & 0o222)


def sqlite_failure(path: Path, error: sqlite3.Error) -> FieldkitError:
    """Word an SQLite error about a survey file: a full disk, or a damaged file."""
    if is_disk_full(error, path.parent):
        return DiskFull(path)
    return FieldkitError(f"{path}: the file is damaged or unreadable ({error})")


def missing_item(path: Path, entity: str, entity_id: str) -> FieldkitError:
    """Word an id a survey does not hold, naming the thing asked for as a facilitator does.

    One sentence per kind of item, never its internal word ("row"): French
    gives each its own article ("aucun entretien", "aucune citation").
    """
    match entity:
        case "initiative":
            return FieldkitError(f"{path}: no initiative with id {entity_id!r}")
        case "interview":
            return FieldkitError(f"{path}: no interview with id {entity_id!r}")
        case "row":  # an entry of a list of the guide (a person met…)
            return FieldkitError(f"{path}: no entry with id {entity_id!r}")
        case "quote":
            return FieldkitError(f"{path}: no quote with id {entity_id!r}")
        case "note":
            return FieldkitError(f"{path}: no note with id {entity_id!r}")
        case "attachment":
            return FieldkitError(f"{path}: no attachment with id {entity_id!r}")
    return FieldkitError(f"{path}: nothing with id {entity_id!r}")


def connect(where: str, uri: bool) -> sqlite3.Connection:
    """Open SQLite's connection to a survey file (a path, or a ``file:`` URI)."""
    connection = sqlite3.connect(where, uri=uri, isolation_level=None, check_same_thread=False)
    try:
        connection.execute("PRAGMA busy_timeout = 5000")
        connection.execute("PRAGMA trusted_schema = OFF")
        # A process kill loses nothing in WAL mode with NORMAL: commits are in the
        # OS's hands at once; only a power cut may lose the very last ones.
        connection.execute("PRAGMA synchronous = NORMAL")
    except BaseException:
        connection.close()
        raise
    return connection


def read_only_source(path: Path, completed_by_wal: bool) -> tuple[str, Path | None]:
    """The URI to read a survey from, read-only, and the private copy made for it, if any.

    In a folder fieldkit may not write to, a file whose ``-wal`` is empty is
    complete and nobody is writing to it, so SQLite is told it is immutable
    and creates nothing beside it; a file whose last saves are still in its
    ``-wal`` is read from a private copy of both, where SQLite may keep its
    index. The copy is for :func:`remove_private` once the file is closed.
    """
    if is_writable(path.parent):
        return f"{path.resolve().as_uri()}?mode=ro", None
    if not completed_by_wal:
        return f"{path.resolve().as_uri()}?mode=ro&immutable=1", None
    copy = _private_copy(path)
    return f"{copy.resolve().as_uri()}?mode=ro", copy


def _private_copy(path: Path) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="fieldkit-read-only-"))
    copy = folder / path.name
    try:
        # The -wal first: a checkpoint running meanwhile only moves its pages
        # into the main file, which is copied after.
        shutil.copyfile(path.with_name(path.name + "-wal"), copy.with_name(copy.name + "-wal"))
        shutil.copyfile(path, copy)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return copy


def remove_private(copy: Path | None) -> None:
    """Remove a private copy made by :func:`read_only_source` (nothing for ``None``)."""
    if copy is not None:
        shutil.rmtree(copy.parent, ignore_errors=True)
