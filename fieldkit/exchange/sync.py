"""Folder sync: a USB key or a shared folder as the hub between laptops.

Each laptop keeps one file of its own in the folder, holding the changes it
made (with the guide snapshots and attachments they name), and merges every
other fieldkit file found there (DESIGN.md §5). One writer per file means a
file-sync engine (Nextcloud, Syncthing, a network share) never sees two
laptops write the same file; writing it under a temporary name and renaming
it means nobody ever reads it half written.

A sync with nothing new writes nothing: the device file is rewritten only when
the set of this laptop's changes differs from the one it holds, and merging
files that bring nothing opens no transaction. Files that cannot be read yet
(a copy in progress) or are damaged are skipped with a warning and picked up
by a later sync.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from fieldkit.errors import FieldkitError
from fieldkit.exchange.merge import MergeReport, Progress, merge_into
from fieldkit.exchange.untrusted import received
from fieldkit.files import atomic_path
from fieldkit.survey import ChangeLog

SUFFIX = ".fieldkit"
_UUID_HEX = re.compile(r"[0-9a-f]{32}")


def device_file_name(device_id: str) -> str:
    """The name of a device's own file in a sync folder: stable, safe, short.

    Device ids are UUIDs, whose first twelve digits are unique enough;
    anything else is hashed so that the name is always a plain file name.
    """
    tag = device_id[:12] if _UUID_HEX.fullmatch(device_id) else _hash(device_id)
    return f"fieldkit-{tag}{SUFFIX}"


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class SyncReport:
    """What a folder sync did: this laptop's file, and what came in."""

    own_file: Path
    written: int | None
    merged: MergeReport
    own_file_problem: str | None = None

    @property
    def warnings(self) -> list[str]:
        found = [report.skipped for report in self.merged.skipped if report.skipped]
        if self.own_file_problem:
            found.insert(0, self.own_file_problem)
        return found


def peer_files(folder: Path, own: Path) -> list[Path]:
    """The other laptops' files in the folder, in a stable order.

    Hidden names are left alone: they are files still being written (ours are
    ``.NAME.….part``; Syncthing, Nextcloud and macOS use dot names too).
    """
    return sorted(
        path
        for path in folder.iterdir()
        if path.name.endswith(SUFFIX)
        and not path.name.startswith(".")
        and path.name != own.name
        and path.is_file()
    )


def _check_folder(folder: Path) -> None:
    if not folder.exists():
        raise FieldkitError(f"{folder}: no such folder")
    if not folder.is_dir():
        raise FieldkitError(f"{folder}: not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise FieldkitError(f"{folder}: the folder is read-only")


def _own_file_holds(own: Path, device_id: str) -> tuple[int, int] | None:
    """How many changes this laptop's file holds, and how many are this device's."""
    if not own.exists():
        return None
    try:
        with received(own) as file:
            return file.count_changes(device_id)
    except FieldkitError:
        return None


def write_device_file(log: ChangeLog, own: Path) -> int:
    """Write this device's changes, and the guides and blobs they name, to ``own``.

    The file is a complete survey file (so it merges like any other), built
    under a temporary name in the same folder, in rollback-journal mode so it
    is one self-contained file, synced to disk, then renamed over ``own``.
    """
    device = log.device.id
    guides, blobs = log.contents_referenced_by(device)
    with atomic_path(own) as temporary:
        temporary.unlink()
        out = ChangeLog.create(temporary, log.device)
        try:
            with out.transaction():
                out.add_changes(log.changes_by_device(device))
                for digest in guides:
                    source = log.guide_source(digest)
                    if source is not None:
                        out.put_guide(digest, source)
                for digest in blobs:
                    data = log.blob(digest)
                    if data is not None:
                        out.put_blob(digest, data)
            written = out.count_by_device(device)
            out.connection.execute("PRAGMA journal_mode = DELETE")
        finally:
            out.close()
    return written


def sync_folder(log: ChangeLog, folder: Path, progress: Progress | None = None) -> SyncReport:
    """Write this laptop's file into ``folder``, then merge every other file there.

    Before rewriting its own file, a laptop merges it if it holds changes the
    survey lacks (a survey restored from a backup, say): the rewrite must
    never drop a change that only that file still has.
    """
    folder = Path(folder)
    _check_folder(folder)
    device = log.device.id
    own = folder / device_file_name(device)
    problem = None
    if own.exists():
        recovered = merge_into(log, [own], skip_bad=True)
        problem = next((s.skipped for s in recovered.skipped), None)
    mine = log.count_by_device(device)
    written = None
    if mine and _own_file_holds(own, device) != (mine, mine):
        written = write_device_file(log, own)
    if log.has_unsent():
        # They have left the file now: never amend them in place again.
        log.mark_sent()
    merged = merge_into(log, peer_files(folder, own), skip_bad=True, progress=progress)
    return SyncReport(own, written, merged, problem)
