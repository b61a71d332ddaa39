"""Commands on a whole survey: new, demo, list, dump, load, check, rebuild, search,
history, answer, author."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from fieldkit.cli.base import (
    Messages,
    UserError,
    cli,
    opened,
    placed,
    say,
    survey_argument,
    translated,
)
from fieldkit.cli.guides import load_guide_warning
from fieldkit.cli.where import row_words
from fieldkit.errors import FieldkitError
from fieldkit.guide import from_strings
from fieldkit.survey import (
    Survey,
    build_demo,
    check_survey,
    current_device,
    dump_text,
    is_writable,
    load_dump,
    read_dump,
    set_author,
)

if TYPE_CHECKING:
    from fieldkit.survey import SearchHit


@cli.command()
@survey_argument
@click.option(
    "--guide",
    "guide_path",
    type=click.Path(path_type=Path),
    help="Guide file (YAML) or XLSForm workbook (.xlsx); the built-in guide by default.",
)
def new(survey: Path, guide_path: Path | None) -> None:
    """Create a new survey file answered with a guide."""
    guide = load_guide_warning(guide_path)
    Survey.create(survey, guide).close()
    say(f"created {survey} with the guide « {guide.title.get()} » ({guide.version})")


@cli.command()
@survey_argument
def demo(survey: Path) -> None:
    """Create a demo survey: five initiatives of the workshop report, with visits."""
    counts = build_demo(survey)
    say(f"created {survey}: {counts['initiatives']} initiatives, {counts['interviews']} visits")


@cli.command(name="list")
@survey_argument
@click.option("--deleted", is_flag=True, help="Include what is in the trash.")
def list_command(survey: Path, deleted: bool) -> None:
    """List initiatives and their interviews with completion."""
    with opened(survey, readonly=True) as opened_survey:
        interviews = opened_survey.interviews(include_deleted=deleted)
        trash = " " + translated("[trash]")
        for initiative in opened_survey.initiatives(include_deleted=deleted):
            where = f" — {initiative.territory}" if initiative.territory else ""
            click.echo(
                f"{initiative.id}  {initiative.name}{where}{trash if initiative.deleted else ''}"
            )
            for item in (i for i in interviews if i.initiative == initiative.id):
                who = ", ".join(item.interviewers)
                mark = trash if item.deleted and not initiative.deleted else ""
                status = translated("complete" if item.status == "complete" else "draft")
                click.echo(
                    f"  {item.id}  {item.date}  {status:<9}  {item.completion:3d} %  "
                    f"({item.answered}/{item.applicable})  {who}{mark}"
                )


@cli.command()
@survey_argument
def dump(survey: Path) -> None:
    """Print the whole current state as deterministic JSON."""
    with opened(survey, readonly=True) as opened_survey:
        sys.stdout.write(dump_text(opened_survey))


@cli.command()
@survey_argument
@click.argument("dump_file", type=click.Path(path_type=Path, dir_okay=False))
def load(survey: Path, dump_file: Path) -> None:
    """Import a JSON dump into a survey (ids kept), as one transaction."""
    data = read_dump(dump_file)
    with opened(survey) as opened_survey:
        counts = load_dump(opened_survey, data, str(dump_file))
    say(
        f"loaded {counts['initiatives']} initiatives, {counts['interviews']} interviews, "
        f"{counts['answers']} answers"
    )
    if counts["skipped_attachments"]:
        say(
            f"warning: {counts['skipped_attachments']} attachments skipped (their content is not "
            "in the survey file; a dump holds only their description)",
            err=True,
        )


@cli.command()
@survey_argument
def check(survey: Path) -> None:
    """Check the file's integrity and that its tables agree with its change log."""
    # The search index's own check needs a write transaction (rolled back),
    # so a writable file is opened for writing; a read-only one is still checked.
    readonly = survey.is_file() and not (is_writable(survey) and is_writable(survey.parent))
    with opened(survey, readonly=readonly) as opened_survey:
        problems = check_survey(opened_survey)
    if problems:
        for problem in problems:
            say(f"problem: {problem}", err=True)
        raise UserError(f"{survey}: {len(problems)} problem(s) found")
    click.echo(placed(survey, "ok"))


@cli.command()
@survey_argument
def rebuild(survey: Path) -> None:
    """Recompute the readable tables and the search index from the change log."""
    with opened(survey) as opened_survey:
        opened_survey.log.rebuild()
    say(f"{survey}: rebuilt from its change log")


@cli.command()
@survey_argument
@click.argument("text")
@click.option("--limit", default=50, show_default=True, help="Most hits to show.")
def search(survey: Path, text: str, limit: int) -> None:
    """Search every answer, note and quote (accents ignored, words as prefixes)."""
    with opened(survey, readonly=True) as opened_survey:
        hits = opened_survey.search(text, limit)
        lines = [_hit_line(opened_survey, hit) for hit in hits]
    for line in lines:
        click.echo(line)
    if not hits:
        say("no match", err=True)


def _hit_line(survey: Survey, hit: SearchHit) -> str:
    """One hit: its visit, its field, the entry of a list it is in (two never alike), the words."""
    where = f"{hit.interview or '-'}  {hit.entity}.{hit.field}"
    if hit.entity == "row_answer":
        where += f"  {row_words(survey, hit.entity_id, Messages.language)}"
    return f"{where}  {hit.snippet}"


@cli.command()
@survey_argument
@click.argument("interview")
@click.argument("question")
def history(survey: Path, interview: str, question: str) -> None:
    """Show every saved version of one answer, with author, device and time."""
    with opened(survey, readonly=True) as opened_survey:
        revisions = opened_survey.answer_history(interview, question)
    for revision in revisions:
        mark = "*" if revision.current else " "
        value = json.dumps(revision.value, ensure_ascii=False)
        click.echo(
            f"{mark} {revision.time}  {revision.author}  ({revision.device[:8]})  "
            f"{revision.change}  {value}"
        )
    if not revisions:
        say("never answered", err=True)


@cli.command()
@survey_argument
@click.argument("interview")
@click.argument("question")
@click.argument("values", nargs=-1, required=True)
def answer(survey: Path, interview: str, question: str, values: tuple[str, ...]) -> None:
    """Set an answer (several VALUES for a multiple choice; "" clears it)."""
    with opened(survey) as opened_survey:
        opened_survey.interview_fields(interview)
        found = opened_survey.guide_for(interview).question(question)
        if found is None:
            raise FieldkitError(f"{survey}: the interview's guide has no question {question!r}")
        try:
            opened_survey.set_answer(interview, question, from_strings(found, list(values)))
        except FieldkitError as error:
            # A refused value is about the question; say which survey it was for.
            message = str(error)
            if message.startswith(f"{survey}:"):
                raise
            raise FieldkitError(f"{survey}: {message}") from None


@cli.command()
@click.argument("name", required=False)
def author(name: str | None) -> None:
    """Show or set the name this installation signs its changes with."""
    device = set_author(name) if name else current_device()
    say(f"{device.author} (device {device.id})")
