"""Reading files a person names, and writing files so that nothing is left half done.

**Reading.** Every file fieldkit is handed (a survey, a merge source, a guide,
a template, an attachment, a dump) goes through :func:`regular_file` first: a
named pipe would make the first ``open`` wait for a writer for ever, and a
device such as ``/dev/zero`` never ends. Only regular files of a bounded size
are read, and anything else is refused at once with a sentence naming it.

**Writing.** Everything fieldkit writes outside a survey file goes to a
temporary file in the same folder, is flushed to disk, then renamed over the
real name: readers (and file-sync engines) see the old file or the new one,
never a mix. A full disk is reported as such (:class:`DiskFull`), naming the
file that could not be written, never as a damaged file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import stat
import sys
import tempfile
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from fieldkit.errors import FieldkitError

MEGABYTE = 1024 * 1024

#: The errors the system gives when a disk (or a user's quota on it) is full.
_NO_SPACE = frozenset({errno.ENOSPC, errno.EDQUOT})
#: SQLite's primary result codes for "database or disk is full" and "disk I/O error".
_SQLITE_FULL = 13
_SQLITE_IOERR = 10
#: Below this much free space, a disk I/O error while writing is taken for a full disk:
#: SQLite reports some of a full disk's failures (growing its shared-memory index,
#: for one) as plain I/O errors.
_NEARLY_FULL = MEGABYTE


class DiskFull(FieldkitError):
    """A file could not be written because its disk is full; nothing was changed."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        folder = os.path.abspath(self.path.parent)
        super().__init__(
            f"{path}: disk full (no space left on the disk that holds {folder}); "
            "nothing was changed"
        )


def regular_file(path: Path, what: str, limit: int | None = None) -> int:
    """Refuse at once anything but a regular file (of at most ``limit`` bytes); return its size.

    A missing file or a folder raises the usual :class:`OSError`, for each
    caller to word in its own terms ("no such guide file", "is a folder").
    ``what`` names the file's use with its article ("a guide"), for messages.
    Symbolic links are followed: a link to a device is a device.
    """
    found = path.stat()
    if stat.S_ISDIR(found.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if not stat.S_ISREG(found.st_mode):
        raise FieldkitError(
            f"{path}: not a regular file (a device, a named pipe or a socket); "
            f"{what} must be a file"
        )
    if limit is not None and found.st_size > limit:
        raise FieldkitError(
            f"{path}: too large for {what} ({_megabytes(found.st_size)}; "
            f"the limit is {_megabytes(limit)})"
        )
    return found.st_size


def read_regular_file(path: Path, what: str, limit: int) -> bytes:
    """Read a whole regular file of at most ``limit`` bytes (see :func:`regular_file`).

    The file is opened without blocking and checked again once open, so that
    a pipe put in its place in the meantime cannot make the read wait, and at
    most ``limit`` bytes are read even if it grows.
    """
    regular_file(path, what, limit)
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(handle, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise FieldkitError(f"{path}: not a regular file; {what} must be a file")
        data = file.read(limit + 1)
    if len(data) > limit:
        raise FieldkitError(
            f"{path}: too large for {what} (more than {_megabytes(limit)}, the limit)"
        )
    return data


def _megabytes(size: int) -> str:
    if size < MEGABYTE:
        return f"{size} bytes"
    return f"{size / MEGABYTE:.0f} MB"


def is_disk_full(error: BaseException, folder: Path | None = None) -> bool:
    """Whether an error means the disk holding ``folder`` is full.

    ``ENOSPC`` and ``EDQUOT`` say so plainly, as does SQLite's ``SQLITE_FULL``;
    SQLite's disk I/O errors mean a full disk when ``folder``'s disk has
    (almost) no free space left.
    """
    if isinstance(error, DiskFull):
        return True
    if isinstance(error, OSError):
        return error.errno in _NO_SPACE
    if not isinstance(error, sqlite3.Error):
        return False
    code = error.sqlite_errorcode & 0xFF
    if code == _SQLITE_FULL:
        return True
    return code == _SQLITE_IOERR and folder is not None and _free_space(folder) < _NEARLY_FULL


def _free_space(folder: Path) -> int:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return _NEARLY_FULL


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it over ``target`` on success.

    When the disk fills up, :class:`DiskFull` names ``target``, not the
    hidden temporary file, and whatever was written is removed.
    """
    target = Path(target)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        with temporary.open("rb+") as written:
            os.fsync(written.fileno())
        os.replace(temporary, target)
    except (OSError, sqlite3.Error, DiskFull) as error:
        if not is_disk_full(error, target.parent):
            raise
        _drop_failed_writers(error.__traceback__)
        raise DiskFull(target) from None
    finally:
        _remove(temporary)


def _remove(temporary: Path) -> None:
    """Remove a temporary file, emptying it first.

    A writer that failed may still hold it open (a zip archive left to the
    garbage collector), and the space of a removed file comes back only when
    its last handle closes: emptied, it gives its space back at once.
    """
    with contextlib.suppress(OSError):
        os.truncate(temporary, 0)
    temporary.unlink(missing_ok=True)


def _drop_failed_writers(trace: TracebackType | None) -> None:
    """Let go of the objects a writer left behind when the disk filled up, quietly.

    Libraries that write zip archives (Word and Excel files) do not close
    them when a write fails; the archive then tries to finish itself when it
    is collected, fails again for the same full disk, and Python prints that
    second failure as a traceback. The failed frames are cleared here, so the
    archive goes now, while its cleanup error is known to repeat the first.
    """
    previous = sys.unraisablehook

    def quiet(unraisable: sys.UnraisableHookArgs) -> None:
        if unraisable.exc_value is None or not is_disk_full(unraisable.exc_value):
            previous(unraisable)

    sys.unraisablehook = quiet
    try:
        traceback.clear_frames(trace)
    finally:
        sys.unraisablehook = previous


def atomic_write_text(target: Path, text: str) -> None:
    """Replace ``target``'s content with ``text`` (UTF-8), all at once."""
    with atomic_path(target) as temporary:
        temporary.write_text(text, encoding="utf-8")


def atomic_write_bytes(target: Path, data: bytes) -> None:
    with atomic_path(target) as temporary:
        temporary.write_bytes(data)


@dataclass(frozen=True)
class KeptFile:
    """A file read to be kept in a survey: its bytes, their SHA-256, its kind of content."""

    data: bytes
    sha256: str
    media_type: str


def read_to_keep(path: Path, what: str, limit: int) -> KeptFile:
    """Read a file a person named, with what the survey stores beside its bytes."""
    import hashlib  # loads OpenSSL: not on the way to the window's first screen
    import mimetypes  # its tables load with the first file kept, not with every survey

    data = read_named_file(path, what, limit)
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return KeptFile(data, hashlib.sha256(data).hexdigest(), media_type)


def read_named_file(path: Path, what: str, limit: int) -> bytes:
    """Read a file a person named (``what``: "an attachment"), or say in one line why not."""
    try:
        return read_regular_file(path, what, limit)
    except FileNotFoundError:
        raise FieldkitError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise FieldkitError(f"{path}: is a folder, not a file") from None
    except OSError as error:
        raise FieldkitError(f"{path}: cannot read the file ({error.strerror})") from None
