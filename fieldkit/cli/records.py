"""Commands that add to a survey: initiatives, interviews, quotes, notes, attachments,
and the trash (delete, restore)."""

from __future__ import annotations

from pathlib import Path

import click

from fieldkit.cli.base import UserError, cli, opened, say, survey_argument
from fieldkit.errors import FieldkitError
from fieldkit.guide import Guide
from fieldkit.survey import (
    Survey,
)


@cli.group()
def initiative() -> None:
    """Initiatives: the places and projects visited."""


@initiative.command(name="add")
@survey_argument
@click.argument("name")
@click.option("--territory", default="", help="Territory (town, EPCI, region).")
@click.option("--network", default="", help="Network or supporting structure.")
@click.option("--kind", default="", help="Kind of initiative (a choice value of the guide).")
def initiative_add(survey: Path, name: str, territory: str, network: str, kind: str) -> None:
    """Add an initiative; print its id."""
    with opened(survey) as opened_survey:
        _check_kind(opened_survey.guide, kind)
        click.echo(opened_survey.add_initiative(name, territory, network, kind))


def _check_kind(guide: Guide, kind: str) -> None:
    if not kind:
        return
    bound = next((q for q in guide.questions if q.bind == "initiative.kind"), None)
    if bound is not None and bound.choices and bound.choice(kind) is None:
        known = ", ".join(c.value for c in bound.choices)
        raise FieldkitError(f"unknown kind of initiative {kind!r} (known: {known})")


@initiative.command(name="set")
@survey_argument
@click.argument("initiative_id")
@click.argument("field", type=click.Choice(["name", "territory", "network", "kind"]))
@click.argument("value")
def initiative_set(survey: Path, initiative_id: str, field: str, value: str) -> None:
    """Change one field of an initiative (e.g. rename it)."""
    with opened(survey) as opened_survey:
        if field == "kind":
            _check_kind(opened_survey.guide, value)
        opened_survey.set_initiative(initiative_id, field, value)


@cli.group()
def interview() -> None:
    """Interviews: one visit, one conversation, one set of answers."""


@interview.command(name="add")
@survey_argument
@click.option("--initiative", "initiative_id", required=True, help="Id of the initiative visited.")
@click.option("--date", "when", help="Visit date, YYYY-MM-DD (today by default).")
@click.option("--place", default="", help="Where the interview took place.")
@click.option(
    "--interviewer", "interviewers", multiple=True, help="An interviewer (repeat for several)."
)
def interview_add(
    survey: Path, initiative_id: str, when: str | None, place: str, interviewers: tuple[str, ...]
) -> None:
    """Start an interview of an initiative; print its id."""
    with opened(survey) as opened_survey:
        click.echo(opened_survey.add_interview(initiative_id, when, place, interviewers))


@interview.command(name="complete")
@survey_argument
@click.argument("interview_id")
def interview_complete(survey: Path, interview_id: str) -> None:
    """Mark an interview complete, or list the required answers still missing."""
    with opened(survey) as opened_survey:
        missing = opened_survey.complete(interview_id)
    if missing:
        for answer in missing:
            label = answer.label.get()
            if answer.row:
                say(f"missing: {answer.id} (row {answer.position})  {label}", err=True)
            else:
                say(f"missing: {answer.id}  {label}", err=True)
        raise UserError(f"{len(missing)} required answer(s) missing; the interview stays a draft")
    say("complete")


@cli.command()
@survey_argument
@click.argument("item_id")
def delete(survey: Path, item_id: str) -> None:
    """Move an initiative, interview, quote, note or attachment to the trash."""
    with opened(survey) as opened_survey:
        opened_survey.delete(_entity_of(opened_survey, item_id), item_id)


@cli.command()
@survey_argument
@click.argument("item_id")
def restore(survey: Path, item_id: str) -> None:
    """Take an item out of the trash."""
    with opened(survey) as opened_survey:
        opened_survey.restore(_entity_of(opened_survey, item_id), item_id)


def _entity_of(survey: Survey, item_id: str) -> str:
    for entity in ("initiative", "interview", "row", "quote", "note", "attachment"):
        if survey.log.fields(entity, item_id):
            return entity
    raise FieldkitError(f"{survey.path}: nothing with id {item_id!r}")


@cli.group()
def quote() -> None:
    """Verbatim quotes of the people met."""


@quote.command(name="add")
@survey_argument
@click.argument("interview_id")
@click.argument("text")
@click.option("--speaker", default="", help="Who said it.")
@click.option("--question", default=None, help="The question it answers.")
def quote_add(
    survey: Path, interview_id: str, text: str, speaker: str, question: str | None
) -> None:
    """Add a quote to an interview; print its id."""
    with opened(survey) as opened_survey:
        click.echo(opened_survey.add_quote(interview_id, text, speaker, question))


@cli.group()
def note() -> None:
    """The facilitator's own notes."""


@note.command(name="add")
@survey_argument
@click.argument("interview_id")
@click.argument("text")
@click.option("--question", default=None, help="The question it is about.")
def note_add(survey: Path, interview_id: str, text: str, question: str | None) -> None:
    """Add a note to an interview; print its id."""
    with opened(survey) as opened_survey:
        click.echo(opened_survey.add_note(interview_id, text, question))


@cli.command()
@survey_argument
@click.argument("interview_id")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--question", default=None, help="The question it illustrates.")
@click.option("--caption", default="", help="A caption for the monograph.")
def attach(survey: Path, interview_id: str, file: Path, question: str | None, caption: str) -> None:
    """Attach a photo or document to an interview; print its id."""
    with opened(survey) as opened_survey:
        click.echo(opened_survey.attach(interview_id, file, question, caption))
