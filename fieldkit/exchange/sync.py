"""Folder sync: a USB key or a shared folder as the hub between laptops.

Each laptop keeps one file of its own in the folder, named after the survey
and the device (:mod:`fieldkit.exchange.folder`). It is the only writer of
that file, so a file-sync engine (Nextcloud, Syncthing, a network share) never
sees two laptops write one file, and it writes it under a temporary name then
renames it, so nobody reads it half written. A sync (DESIGN.md §5):

1. reads this laptop's own file and merges what it holds that the survey
   lacks. If it holds changes signed with this laptop's device id that the
   survey never had, another computer signs as this one (a copied
   configuration, a cloned disk): this laptop takes a fresh device id and
   leaves that file to the other computer, as a peer's. A file someone else
   altered, damaged or replaced is written again, with a warning.
2. merges every other file of the survey in the folder, taking stock of what
   each holds. Files of other surveys are left alone; files that cannot be
   read yet (a copy in progress) or are damaged are skipped with a warning
   and read again next time.
3. publishes every change the survey holds that the folder lacks, whoever
   wrote it and however it arrived (e-mail, USB key), with the guide
   snapshots and attachments it names. Of the changes several files hold,
   only one file keeps them (:meth:`FolderStock.plan`), so the folder stays
   about the size of the survey, not one copy per laptop. The own file is
   rewritten only when what it should hold differs from what it holds: a
   sync with nothing new writes nothing.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, replace
from pathlib import Path

from fieldkit.errors import FieldkitError
from fieldkit.exchange.folder import (
    FolderFile,
    FolderStock,
    files_of_survey,
    folder_files,
    legacy_file_name,
    own_file_name,
)
from fieldkit.exchange.merge import MergeReport, Progress, merge_into, survey_of
from fieldkit.exchange.report import SourceReport
from fieldkit.exchange.untrusted import ReceivedFile, received
from fieldkit.files import atomic_path
from fieldkit.survey import (
    ChangeLog,
    Device,
    SurveyIdentity,
    adopt_hint,
    renew_device,
    short_tag,
)


@dataclass(frozen=True)
class SyncReport:
    """What a folder sync did: this laptop's file, what came in, what went wrong."""

    own_file: Path
    written: int | None
    merged: MergeReport
    #: Problems with this laptop's own file, and a device id that had to change.
    notices: tuple[str, ...] = ()
    #: The fresh device this laptop signs with from now on, if it had to change.
    renewed: Device | None = None

    @property
    def warnings(self) -> list[str]:
        found = list(self.notices)
        found += [s.skipped for s in self.merged.skipped if s.skipped and not s.other_survey]
        return found


def _check_folder(folder: Path) -> None:
    if not folder.exists():
        raise FieldkitError(f"{folder}: no such folder")
    if not folder.is_dir():
        raise FieldkitError(f"{folder}: not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise FieldkitError(f"{folder}: the folder is read-only")


def _fingerprint(held: list[tuple[str, str]]) -> str:
    return hashlib.sha256("\n".join(f"{k} {v}" for k, v in held).encode()).hexdigest()


class _FolderSync:
    """One sync of an open survey with one folder."""

    def __init__(self, log: ChangeLog, folder: Path) -> None:
        identity = survey_of(log)
        if identity is None:
            raise FieldkitError(f"{log.path}: the survey file is empty")
        self.log = log
        self.folder = folder
        self.identity: SurveyIdentity = identity
        self.stock = FolderStock(log)
        self.notices: list[str] = []
        self.renewed: Device | None = None
        self.blocked = False
        #: Whether the own file was read and holds what this laptop last wrote there.
        self.own_sound = False

    @property
    def own(self) -> Path:
        return self.folder / own_file_name(self.identity, self.log.device.id)

    @property
    def _record(self) -> str:
        """Where the survey file remembers what it last wrote to its own file here."""
        return f"sync:{self.own.resolve()}"

    def _own_files(self) -> list[FolderFile]:
        """This laptop's files of the survey (another name than ``own``: the title changed)."""
        device = short_tag(self.log.device.id)
        return [
            f
            for f in folder_files(self.folder)
            if f.survey == self.identity.tag and f.device == device
        ]

    # -- 1. this laptop's own file -----------------------------------------------------

    def read_own(self) -> None:
        own = self.own
        if own.exists() and not own.is_file():
            self.blocked = True
            self.notices.append(
                f"{own}: a folder stands where this laptop's own file goes; this laptop's "
                "changes reach the folder once it is moved or renamed"
                if own.is_dir()
                else f"{own}: something that is not a file stands where this laptop's own "
                "file goes; this laptop's changes reach the folder once it is moved or renamed"
            )
        for file in self._own_files():
            if self._read_own_file(file.path):
                return

    def _read_own_file(self, path: Path) -> bool:
        """Merge one of this laptop's files; say whether it turned out to be another computer's."""
        device = self.log.device
        unknown = 0

        def inspect(source: ReceivedFile) -> None:
            nonlocal unknown
            unknown = self.stock.unknown_changes_by(source.snapshot, device.id)
            if path == self.own:
                self.stock.take(path, source.snapshot, ahead=False)

        report = merge_into(self.log, [path], skip_bad=True, inspect=inspect)
        if unknown:
            self.stock.forget(path)
            self.log.device = self.renewed = renew_device(device)
            self.notices.append(
                f"{path}: holds {unknown} changes signed with this computer's device id that "
                "this survey never had: another computer signs as this one. This computer "
                "signs as a new device from now on; that file is left to the other one"
            )
            return True
        if path != self.own:
            return False
        (source,) = report.sources
        if source.skipped is not None:
            self.stock.forget(path)
            self.notices.append(f"{source.skipped} (this laptop's own file: it is written again)")
            return False
        recorded = self.log.local(self._record)
        self.own_sound = recorded is None or recorded == _fingerprint(self.stock.held_by(path))
        if not self.own_sound:
            self.notices.append(
                f"{path}: this laptop's own file was changed by someone else since this laptop "
                "wrote it; it is written again"
            )
        return False

    # -- 2. the other files of the survey ----------------------------------------------

    def merge_peers(self, progress: Progress | None) -> MergeReport:
        own_rank = FolderFile.of(self.own).rank
        legacy = self.folder / legacy_file_name(self.log.device.id)
        mine = {f.path for f in self._own_files()} | {self.own, legacy}
        peers = {
            f.path: f for f in files_of_survey(self.folder, self.identity) if f.path not in mine
        }

        def inspect(source: ReceivedFile) -> None:
            ahead = peers[source.path].rank < own_rank
            self.stock.take(source.path, source.snapshot, ahead)

        merged = merge_into(
            self.log, list(peers), skip_bad=True, progress=progress, inspect=inspect
        )
        sources = [self._as_warned(s, peers[s.path]) for s in merged.sources]
        return replace(merged, sources=tuple(sources))

    def _as_warned(self, report: SourceReport, file: FolderFile) -> SourceReport:
        """Forget what a refused file holds; word the refusals a folder explains."""
        if report.skipped is None:
            return report
        self.stock.forget(report.path)
        if report.other_survey and file.survey is not None:
            return replace(report, other_survey=False)  # named after this survey, yet not of it
        if file.survey is None and report.skipped == adopt_hint(file.path):
            return replace(
                report,
                skipped=f"{file.path}: written by an earlier fieldkit, before surveys had an "
                "identity; its laptop replaces it at its next sync with this version",
            )
        return report

    # -- 3. what this laptop publishes ----------------------------------------------------

    def publish(self) -> int | None:
        if self.blocked:
            return None
        if self.log.has_unsent():
            # They leave the file now: never amend them in place again.
            self.log.mark_sent()
        title = self.log.get("survey", "survey", "title")
        always = [self.identity.change.id, *(title.heads if title else ())]
        planned = self.stock.plan(self.own, always)
        written = None
        if not (self.own_sound and planned == self.stock.held_by(self.own)):
            with atomic_path(self.own) as temporary:
                temporary.unlink()
                written = self.stock.write(temporary)
            self.log.set_local(self._record, _fingerprint(planned))
        self._remove_replaced()
        return written

    def _remove_replaced(self) -> None:
        """Remove this laptop's files the own file replaces, once the survey holds all they hold."""
        replaced = [f.path for f in self._own_files() if f.path != self.own]
        legacy = self.folder / legacy_file_name(self.log.device.id)
        if legacy.is_file():
            replaced.append(legacy)
        for path in replaced:
            try:
                with received(path) as source:
                    contained = self.stock.lacks_nothing_of(source.snapshot)
            except FieldkitError:
                continue
            if contained:
                path.unlink(missing_ok=True)


def sync_folder(log: ChangeLog, folder: Path, progress: Progress | None = None) -> SyncReport:
    """Sync an open survey with a folder: read this laptop's file, merge the others, publish.

    ``log.device`` is replaced by a fresh device when another computer turns
    out to sign as this one (see the module's description).
    """
    folder = Path(folder)
    _check_folder(folder)
    sync = _FolderSync(log, folder)
    sync.read_own()
    merged = sync.merge_peers(progress)
    written = sync.publish()
    return SyncReport(sync.own, written, merged, tuple(sync.notices), sync.renewed)
