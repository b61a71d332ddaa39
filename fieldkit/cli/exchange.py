"""Commands between files: merge, sync, and the conflicts they bring."""

from __future__ import annotations

import json
from pathlib import Path

import click

from fieldkit.cli.base import cli, opened, say, survey_argument, translated
from fieldkit.exchange import keep, merge_files, open_conflicts, resolve_with, sync_folder
from fieldkit.survey import (
    Revision,
)


@cli.command()
@click.argument("target", type=click.Path(path_type=Path))
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show what would come in; write nothing.")
def merge(target: Path, sources: tuple[Path, ...], dry_run: bool) -> None:
    """Merge survey files into TARGET (created when missing), all or nothing."""
    report = merge_files(target, list(sources), dry_run=dry_run)
    for source in report.sources:
        click.echo(f"{source.path}: {translated(source.describe())}")
    if dry_run:
        say(f"dry run: {target} was not changed")


@cli.command()
@survey_argument
@click.argument("folder", type=click.Path(path_type=Path))
def sync(survey: Path, folder: Path) -> None:
    """Write this laptop's changes into FOLDER, then merge the other files there."""
    with opened(survey) as opened_survey:
        report = sync_folder(opened_survey.log, folder)
    if report.written is None:
        say(f"{report.own_file}: up to date")
    else:
        say(f"wrote {report.own_file} ({report.written} changes made on this laptop)")
    for source in report.merged.sources:
        if source.skipped is None:
            click.echo(f"{source.path.name}: {translated(source.describe())}")
    for warning in report.warnings:
        say(f"warning: {warning} (skipped; it is read again next time)", err=True)


def _revision_line(revision: Revision) -> str:
    value = json.dumps(revision.value, ensure_ascii=False)
    return f"{value}  — {revision.author} ({revision.device}), {revision.time}  [{revision.change}]"


@cli.command()
@survey_argument
def conflicts(survey: Path) -> None:
    """List open conflicts: every value with its author, device and time."""
    with opened(survey, readonly=True) as opened_survey:
        found = open_conflicts(opened_survey)
    for item in found:
        click.echo(f"{item.id}  {translated(item.what)}")
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
