"""Merging survey files of one survey: the union of their changes, guides and attachments.

State is a pure function of the set of changes (DESIGN.md §4), so a merge is a
set union followed by a recomputation of the touched fields: commutative,
associative, idempotent and lossless. This module does the union safely:

- every source goes through :func:`fieldkit.exchange.untrusted.received` (private
  snapshot, read-only, checked) before anything is taken from it, and must
  belong to the target's survey (DESIGN.md §5): a file of another survey is
  refused by name;
- a source whose every change, guide and attachment the target already holds
  is done with after one bulk comparison: merging the same files again, or a
  file the target contains, opens no write transaction and leaves the target's
  bytes as they were;
- everything new is staged first, then absorbed into the target in **one**
  transaction (:mod:`fieldkit.survey.intake`): a merge is all or nothing, and a dry run
  is the same transaction rolled back.

Memory stays flat in the number of sources: a source is read, checked and
staged (in SQLite's temporary storage, on disk when large) before the next is
opened.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from fieldkit.errors import FieldkitError
from fieldkit.exchange.report import Counts, SourceReport, counts_of
from fieldkit.exchange.untrusted import ReceivedFile, received
from fieldkit.survey import (
    ChangeLog,
    Device,
    SurveyIdentity,
    adopt_hint,
    current_device,
    forged_message,
    read_identity,
)

#: Called as ``progress(done, total)`` while a merge runs; raising from it
#: (e.g. a Cancelled exception when the person clicks Cancel) stops the merge
#: and rolls everything back.
Progress = Callable[[int, int], None]
#: Called with each source that belongs to the survey, while its checked
#: snapshot is open (a folder sync takes stock of what the folder holds).
Inspect = Callable[[ReceivedFile], None]

#: The target's page cache during a merge (KiB, negative as SQLite wants it):
#: inserting many changes in one transaction is several times faster when the
#: indexes they touch stay in memory, and it stays well within a laptop's means.
MERGE_CACHE_KIB = -64 * 1024


@dataclass(frozen=True)
class MergeReport:
    """What a merge brought, source by source, and whether it was written."""

    target: Path
    sources: tuple[SourceReport, ...]
    dry_run: bool = False
    #: The survey the target belongs to (after the merge, for an empty target).
    identity: SurveyIdentity | None = None

    @property
    def brought_anything(self) -> bool:
        return any(s.brought_anything for s in self.sources)

    @property
    def skipped(self) -> tuple[SourceReport, ...]:
        return tuple(s for s in self.sources if s.skipped is not None)

    @property
    def total(self) -> Counts:
        """Everything the sources brought, added up."""
        found = Counts()
        for source in self.sources:
            if source.skipped is None:
                found += source.counts
        return found


def survey_of(log: ChangeLog) -> SurveyIdentity | None:
    """The survey an open file belongs to; refuses a file made before identities.

    An empty file (a merge's new target) belongs to no survey yet: it takes
    the survey of the first file merged into it.
    """
    identity = read_identity(log.connection, log.path)
    if identity is None and log.connection.execute("SELECT 1 FROM changes").fetchone():
        raise FieldkitError(adopt_hint(log.path))
    return identity


class _DryRun(Exception):
    """Raised inside the merge transaction to roll it back after the report."""


class _Merge:
    """One merge into an open change log: stage every source, then absorb them all."""

    def __init__(
        self,
        log: ChangeLog,
        skip_bad: bool,
        progress: Progress | None,
        inspect: Inspect | None,
        survey: SurveyIdentity | None,
    ) -> None:
        self.log = log
        self.intake = log.intake
        self.skip_bad = skip_bad
        self.progress = progress
        self.inspect = inspect
        self.parsed_guides: set[str] = set()
        self.identity = survey_of(log) or survey

    def _step(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(done, total)

    def _refuse(self, report: SourceReport, message: str) -> SourceReport:
        """Skip a bad source (sync) or stop the whole merge (merge)."""
        if not self.skip_bad:
            raise FieldkitError(message)
        return replace(report, skipped=message)

    def stage(self, path: Path) -> tuple[SourceReport, int | None]:
        """Check one source and stage what it brings; return its batch, if any."""
        report = SourceReport(path)
        try:
            with received(path) as source:
                theirs = source.identity()
                if theirs is None:
                    return self._refuse(report, adopt_hint(path)), None
                if self.identity is not None and not self.identity.same_survey(theirs):
                    refused = self._refuse(report, self._other_survey(path, theirs))
                    return replace(refused, other_survey=True), None
                self.identity = self.identity or theirs
                if self.inspect is not None:
                    self.inspect(source)
                return report, self._stage_novelty(path, source)
        except FieldkitError as error:
            return self._refuse(report, str(error)), None

    def _stage_novelty(self, path: Path, source: ReceivedFile) -> int | None:
        novelty = self.intake.novelty(source.snapshot)
        if novelty.forged is not None:
            raise FieldkitError(f"{path}: {forged_message(novelty.forged)}")
        if not novelty.anything:
            return None
        source.check_rows(
            is_new_guide=lambda digest: not self.log.has_guide(digest),
            is_new_blob=lambda digest: not self.log.has_blob(digest),
            parsed_guides=self.parsed_guides,
        )
        source.check_references(self.log.has_guide, self.log.has_blob)
        batch = self.intake.new_batch()
        self.intake.stage_file(batch, source.snapshot)
        return batch

    def _other_survey(self, path: Path, theirs: SurveyIdentity) -> str:
        ours = self.identity
        assert ours is not None
        if theirs.id == ours.id:
            return f"{path}: the file's survey identity differs from this survey's: it is forged"
        return (
            f"{path}: this file belongs to the survey {theirs.named(ours)}, "
            f"not to {ours.named(theirs)}, the survey of {self.log.path.name}"
        )

    def absorb(self, report: SourceReport, batch: int) -> SourceReport:
        try:
            absorbed = self.intake.absorb(batch, counted=True)
        except FieldkitError as error:
            return self._refuse(report, f"{report.path}: {error}")
        return replace(report, counts=counts_of(absorbed))

    def run(self, sources: Sequence[Path], dry_run: bool) -> list[SourceReport]:
        total = 2 * len(sources)
        staged: list[tuple[SourceReport, int | None]] = []
        for done, path in enumerate(sources):
            self._step(done, total)
            staged.append(self.stage(Path(path)))
        if all(batch is None for _, batch in staged):
            self._step(total, total)
            return [report for report, _ in staged]
        reports: list[SourceReport] = []
        with contextlib.suppress(_DryRun), self.log.transaction():
            for done, (report, batch) in enumerate(staged, start=len(sources)):
                self._step(done, total)
                reports.append(report if batch is None else self.absorb(report, batch))
            self._step(total, total)
            if dry_run:
                raise _DryRun
        return reports


@contextlib.contextmanager
def _larger_cache(log: ChangeLog) -> Iterator[None]:
    connection = log.connection
    before = connection.execute("PRAGMA cache_size").fetchone()[0]
    connection.execute(f"PRAGMA cache_size = {MERGE_CACHE_KIB}")
    try:
        yield
    finally:
        connection.execute(f"PRAGMA cache_size = {int(before)}")


def merge_into(
    log: ChangeLog,
    sources: Sequence[Path],
    *,
    dry_run: bool = False,
    skip_bad: bool = False,
    progress: Progress | None = None,
    inspect: Inspect | None = None,
    survey: SurveyIdentity | None = None,
) -> MergeReport:
    """Union the changes, guides and attachments of ``sources`` into an open log.

    Every source must belong to the target's survey; an empty target takes
    ``survey``, or else the survey of its first source. With ``skip_bad`` (folder sync), a source
    that cannot be read or is refused is skipped and reported; otherwise
    (merge) it stops the merge, which then writes nothing. With ``dry_run``,
    the report is computed in a transaction that is rolled back: nothing
    changes, not even the target's clock.
    """
    merge = _Merge(log, skip_bad, progress, inspect, survey)
    log.intake.discard()
    try:
        with _larger_cache(log):
            reports = merge.run(sources, dry_run)
    finally:
        log.intake.discard()
    return MergeReport(log.path, tuple(reports), dry_run, merge.identity)


def merge_files(
    target: Path,
    sources: Sequence[Path],
    *,
    dry_run: bool = False,
    device: Device | None = None,
    progress: Progress | None = None,
) -> MergeReport:
    """Merge survey files into ``target``, created (empty) when it does not exist yet.

    A merge that fails leaves the target as it was; one that created it
    removes it again. A dry run against a missing target writes no file.
    """
    target = Path(target)
    device = device or current_device()
    if target.exists():
        log = ChangeLog.open(target, device)
        with contextlib.closing(log):
            return merge_into(log, sources, dry_run=dry_run, progress=progress)
    if dry_run:
        with tempfile.TemporaryDirectory(prefix="fieldkit-dry-run-") as folder:
            log = ChangeLog.create(Path(folder) / target.name, device)
            with contextlib.closing(log):
                report = merge_into(log, sources, dry_run=True, progress=progress)
            return replace(report, target=target)
    log = ChangeLog.create(target, device)
    try:
        with contextlib.closing(log):
            return merge_into(log, sources, progress=progress)
    except BaseException:
        for suffix in ("", "-wal", "-shm"):
            target.with_name(target.name + suffix).unlink(missing_ok=True)
        raise
