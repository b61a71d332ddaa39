"""Joining a team's survey, and giving a file of an earlier fieldkit its survey identity.

Joining a team means making one's own file of the team's survey, never
creating a second survey with the same title (DESIGN.md §5): ``fieldkit join``
builds it from a colleague's file, or from the team's sync folder, where it
takes every file of the survey (a folder may hold several surveys: one is
chosen). The new file holds the whole survey and merges with the team's.

A file made before surveys had an identity is *adopted* once, by an explicit
command (``fieldkit adopt``): its identity is derived from the survey's
creation, the same for every copy of the survey; a file that does not hold
the creation (a sync folder's file of an earlier fieldkit) takes the identity
of another file of its survey.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from fieldkit.errors import FieldkitError
from fieldkit.exchange.folder import FolderFile, folder_files
from fieldkit.exchange.merge import MergeReport, Progress, merge_into
from fieldkit.exchange.untrusted import received
from fieldkit.survey import (
    ChangeLog,
    Device,
    SurveyIdentity,
    adopt_hint,
    current_device,
    derived_identity_change,
    read_identity,
)


@dataclass
class FolderSurvey:
    """A survey whose files a folder holds."""

    identity: SurveyIdentity
    files: list[Path] = field(default_factory=list)


def _identity_of(path: Path) -> SurveyIdentity | None:
    """The survey a file belongs to; None when it cannot be read or has no identity."""
    try:
        with received(path) as source:
            return source.identity()
    except FieldkitError:
        return None


def surveys_in(folder: Path) -> list[FolderSurvey]:
    """The surveys a folder holds files of, by title.

    Files named after a survey are taken by their name (one of them is read
    to learn the survey's title); any other fieldkit file is read.
    """
    found: dict[str, FolderSurvey] = {}
    by_tag: dict[str, list[FolderFile]] = {}
    for file in folder_files(folder):
        by_tag.setdefault(file.survey or "", []).append(file)
    for tag, files in sorted(by_tag.items()):
        if tag:
            identity = next(filter(None, (_identity_of(f.path) for f in files)), None)
            if identity is not None and identity.tag == tag:
                found.setdefault(identity.id, FolderSurvey(identity)).files.extend(
                    f.path for f in files
                )
            continue
        for file in files:
            identity = _identity_of(file.path)
            if identity is not None:
                found.setdefault(identity.id, FolderSurvey(identity)).files.append(file.path)
    return sorted(found.values(), key=lambda s: (s.identity.title.casefold(), s.identity.id))


def choose_survey(folder: Path, wanted: str | None = None) -> FolderSurvey:
    """The survey of a folder to join: the only one, or the one ``wanted`` names (title or id)."""
    surveys = surveys_in(folder)
    if not surveys:
        raise FieldkitError(f"{folder}: the folder holds no file of a survey")
    if wanted is not None:
        needle = _plain(wanted)
        surveys = [
            s
            for s in surveys
            if needle in (_plain(s.identity.title), s.identity.id)
            or (len(needle) >= 6 and s.identity.id.startswith(needle))
        ]
        if not surveys:
            raise FieldkitError(f"{folder}: the folder holds no file of the survey « {wanted} »")
    if len(surveys) > 1:
        named = ", ".join(s.identity.named(beside=s.identity) for s in surveys)
        raise FieldkitError(
            f"{folder}: the folder holds several surveys ({named}); say which one to join, "
            "by its title or id"
        )
    return surveys[0]


def _plain(text: str) -> str:
    """A title as typed on any keyboard: case, spacing and apostrophes do not count."""
    return " ".join(text.replace("’", "'").casefold().split())


def join_into(
    log: ChangeLog, source: Path, survey: str | None = None, progress: Progress | None = None
) -> MergeReport:
    """Bring a survey into an empty file: from a colleague's file, or from a sync folder.

    From a folder, unreadable files are skipped (and reported), as a sync
    skips them; at least one file of the survey must come in.
    """
    source = Path(source)
    if not source.is_dir():
        return merge_into(log, [source], progress=progress)
    chosen = choose_survey(source, survey)
    report = merge_into(log, chosen.files, skip_bad=True, progress=progress, survey=chosen.identity)
    if not report.brought_anything:
        reasons = "; ".join(s.skipped or "" for s in report.skipped)
        raise FieldkitError(
            f"{source}: no file of the survey {chosen.identity.named()} could be read ({reasons})"
        )
    return report


def join_survey(
    source: Path,
    target: Path,
    survey: str | None = None,
    device: Device | None = None,
    progress: Progress | None = None,
) -> MergeReport:
    """Make ``target``, a new file of the survey ``source`` holds (a file or a sync folder).

    A join that fails leaves no file behind.
    """
    target = Path(target)
    log = ChangeLog.create(target, device or current_device())
    try:
        with contextlib.closing(log):
            return join_into(log, source, survey, progress)
    except BaseException:
        remove_survey_file(target)
        raise


def remove_survey_file(path: Path) -> None:
    """Remove a survey file made for nothing, with what SQLite keeps beside it."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def adopt(log: ChangeLog, like: Path | None = None) -> SurveyIdentity:
    """Give a file made before surveys had an identity its identity, once.

    Without ``like``, the identity is derived from the survey's creation,
    which every copy of the survey holds; with it, it is ``like``'s, a file
    of the same survey (for a file that does not hold the creation).
    """
    found = read_identity(log.connection, log.path)
    if found is not None:
        raise FieldkitError(f"{log.path}: already belongs to the survey {found.named()}")
    derived = derived_identity_change(log.connection)
    if like is None:
        if derived is None:
            raise FieldkitError(
                f"{log.path}: the file does not hold its survey's creation, from which its "
                "identity is made; take it from another file of the survey with "
                f"« fieldkit adopt {log.path} --from FILE »"
            )
        change = derived
    else:
        theirs = _identity_of_file(like)
        if derived is not None and theirs.change != derived:
            raise FieldkitError(
                f"{like}: belongs to the survey {theirs.named()}, which {log.path} is not part of"
            )
        change = theirs.change
    log.add_changes([change])
    adopted = read_identity(log.connection, log.path)
    assert adopted is not None
    return adopted


def _identity_of_file(path: Path) -> SurveyIdentity:
    with received(path) as source:
        identity = source.identity()
    if identity is None:
        raise FieldkitError(adopt_hint(path))
    return identity
