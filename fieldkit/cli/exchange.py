"""Commands between files: merge, sync, join, adopt, and the conflicts they bring."""

from __future__ import annotations

import json
from pathlib import Path

import click

from fieldkit.cli.base import Messages, cli, opened, placed, say, survey_argument, translated
from fieldkit.cli.where import conflict_subject
from fieldkit.exchange import (
    MergeReport,
    adopt,
    join_survey,
    keep,
    merge_files,
    open_conflicts,
    resolve_with,
    sync_folder,
)
from fieldkit.survey import Revision


def _echo_sources(report: MergeReport, name_only: bool = False) -> None:
    """One line per file read: what came in; then the total, when several brought news."""
    read = [s for s in report.sources if not s.other_survey]
    for source in read:
        if name_only and source.skipped is not None:
            continue
        where = source.path.name if name_only else source.path
        click.echo(placed(where, source.describe(Messages.language)))
    if sum(s.brought_anything for s in read) > 1:
        say(f"total: {report.total.describe(Messages.language)}")


@cli.command()
@click.argument("target", type=click.Path(path_type=Path))
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show what would come in; write nothing.")
def merge(target: Path, sources: tuple[Path, ...], dry_run: bool) -> None:
    """Merge files of one survey into TARGET (created when missing), all or nothing.

    Says per file, and in total, what comes in: new initiatives, interviews,
    answers, quotes, notes, attachments and guides; revisions, deletions,
    restorations and renames; new conflicts. A file of another survey is
    refused, naming both surveys.
    """
    report = merge_files(target, list(sources), dry_run=dry_run)
    _echo_sources(report)
    if dry_run:
        say(f"dry run: {target} was not changed")


@cli.command()
@survey_argument
@click.argument("folder", type=click.Path(path_type=Path))
def sync(survey: Path, folder: Path) -> None:
    """Sync SURVEY with a FOLDER the team shares (USB key, Nextcloud, Syncthing).

    Merges the other laptops' files of the survey found there, then writes
    into this laptop's own file every change the folder lacks, whoever wrote
    it. Files of other surveys are left alone; unreadable files are skipped
    with a warning and read again next time.
    """
    with opened(survey) as opened_survey:
        report = sync_folder(opened_survey.log, folder)
    if report.written is None:
        say(f"{report.own_file}: up to date")
    else:
        say(f"wrote {report.own_file} ({report.written} changes)")
    _echo_sources(report.merged, name_only=True)
    for notice in report.notices:
        say(f"warning: {notice}", err=True)
    for source in report.merged.skipped:
        if source.skipped and not source.other_survey:
            say(f"warning: {source.skipped} (skipped; it is read again next time)", err=True)


@cli.command()
@click.argument("source", metavar="FOLDER|FILE", type=click.Path(path_type=Path))
@click.argument("target", type=click.Path(path_type=Path))
@click.option(
    "--survey", "wanted", metavar="TITLE|ID", help="The survey to join, when FOLDER holds several."
)
def join(source: Path, target: Path, wanted: str | None) -> None:
    """Make TARGET, your file of a team's survey, from its FOLDER or from a FILE.

    From a sync folder, every file of the survey there is merged (unreadable
    ones are skipped with a warning). Then sync TARGET with the folder, or
    merge it with your colleagues' files: it is the same survey.
    """
    report = join_survey(source, target, wanted)
    name = report.identity.named() if report.identity else ""
    say(f"{target}: joined the survey {name}: {report.total.describe(Messages.language)}")
    for warning in (s.skipped for s in report.skipped if not s.other_survey):
        say(f"warning: {warning}", err=True)


@cli.command(name="adopt")
@survey_argument
@click.option(
    "--from",
    "like",
    metavar="FILE",
    type=click.Path(path_type=Path),
    help="Take the identity of FILE, a file of the same survey.",
)
def adopt_command(survey: Path, like: Path | None) -> None:
    """Give SURVEY, made by an earlier fieldkit, its survey identity (once).

    Files of one survey merge only when they carry its identity. Every copy
    of one old survey adopted apart gets the same one; a file that does not
    hold the survey's creation (a sync folder's file) takes FILE's.
    """
    with opened(survey) as opened_survey:
        identity = adopt(opened_survey.log, like)
    say(f"{survey}: belongs to the survey {identity.named(beside=identity)} from now on")


def _revision_line(revision: Revision) -> str:
    value = json.dumps(revision.value, ensure_ascii=False)
    return f"{value}  — {revision.author} ({revision.device}), {revision.time}  [{revision.change}]"


@cli.command()
@survey_argument
def conflicts(survey: Path) -> None:
    """List open conflicts: every value with its author, device and time."""
    with opened(survey, readonly=True) as opened_survey:
        found = open_conflicts(opened_survey)
        subjects = [conflict_subject(opened_survey, i.conflict, Messages.language) for i in found]
    for item, subject in zip(found, subjects, strict=True):
        click.echo(f"{item.id}  {subject}")
        if item.earlier is not None:
            click.echo(f"  {translated('earlier')}  {_revision_line(item.earlier)}")
        for number, revision in enumerate(item.conflict.values, start=1):
            click.echo(f"  {translated('value')} {number}  {_revision_line(revision)}")
    if not found:
        say("no open conflict", err=True)


@cli.command()
@survey_argument
@click.argument("conflict")
@click.argument("values", nargs=-1)
@click.option("--keep", "kept", metavar="CHANGE", help="Keep this value (its change id).")
@click.option("--value", "typed", is_flag=True, help="Write the VALUES given instead.")
def resolve(
    survey: Path, conflict: str, values: tuple[str, ...], kept: str | None, typed: bool
) -> None:
    """End a conflict: --keep CHANGE, or --value VALUE… (a combined text, say)."""
    if (kept is None) == (not typed):
        raise click.UsageError("give either --keep CHANGE or --value VALUE…")
    if typed and not values:
        raise click.UsageError("--value needs the value to write")
    if kept is not None and values:
        raise click.UsageError("--keep takes the id of one of the values, and nothing more")
    with opened(survey) as opened_survey:
        if kept is not None:
            keep(opened_survey, conflict, kept)
        else:
            resolve_with(opened_survey, conflict, values)
    say(f"{conflict}: resolved")
