"""The ``fieldkit`` command line: a thin layer over the core.

Each command parses its arguments, calls one library function and prints.
A problem the user caused prints one sentence on stderr and exits 1; a usage
mistake exits 2 (click's convention). No traceback reaches the user.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from fieldkit import __version__
from fieldkit.check import check_survey
from fieldkit.conflicts import keep, open_conflicts, resolve_with
from fieldkit.demo import build_demo
from fieldkit.device import current_device, set_author
from fieldkit.dump import dump_text, load_dump, read_dump
from fieldkit.errors import FieldkitError
from fieldkit.files import atomic_write_text
from fieldkit.guide import Guide
from fieldkit.guide_json import guide_to_json
from fieldkit.guide_loader import XLSFORM_SUFFIXES, load_guide, load_guide_with_warnings
from fieldkit.merge import merge_files
from fieldkit.store import is_writable
from fieldkit.survey import Revision, Survey
from fieldkit.sync import sync_folder
from fieldkit.values import from_strings

F = TypeVar("F", bound=Callable[..., Any])


class UserError(click.ClickException):
    """A FieldkitError on its way out: printed as one sentence, exit status 1."""

    def show(self, file: Any = None) -> None:
        click.echo(f"fieldkit: {self.message}", err=True)


class FieldkitGroup(click.Group):
    """A command group that turns core errors into clean messages."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FieldkitError as error:
            raise UserError(str(error)) from None
        except sqlite3.Error as error:
            raise UserError(f"the survey file could not be read or written ({error})") from None
        except OSError as error:
            where = f"{error.filename}: " if error.filename else ""
            raise UserError(f"{where}{error.strerror or error}") from None


# A folder is accepted here so that the core can say what is wrong with it in
# its own words (exit 1), like any other file that is not a survey.
survey_argument = click.argument("survey", type=click.Path(path_type=Path))


@contextlib.contextmanager
def opened(path: Path, readonly: bool = False) -> Iterator[Survey]:
    """Open a survey for one command; SQLite's complaints name the file."""
    survey = Survey.open(path, readonly=readonly)
    try:
        yield survey
    except sqlite3.DatabaseError as error:
        # Opening checks only the header and schema; damage deeper in the file
        # shows up when a command reads or writes the damaged pages.
        raise FieldkitError(f"{path}: the file is damaged or unreadable ({error})") from None
    finally:
        survey.close()


def _echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group(
    name="fieldkit", cls=FieldkitGroup, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(__version__, prog_name="fieldkit")
def cli() -> None:
    """fieldkit: run interview guides offline, merge survey files, write monographs."""


# -- surveys ---------------------------------------------------------------------


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
    guide = _load_guide_warning(guide_path)
    Survey.create(survey, guide).close()
    click.echo(f"created {survey} with the guide « {guide.title.get()} » ({guide.version})")


@cli.command()
@survey_argument
def demo(survey: Path) -> None:
    """Create a demo survey: five initiatives of the workshop report, with visits."""
    counts = build_demo(survey)
    click.echo(
        f"created {survey}: {counts['initiatives']} initiatives, {counts['interviews']} visits"
    )


@cli.command(name="list")
@survey_argument
@click.option("--deleted", is_flag=True, help="Include what is in the trash.")
def list_command(survey: Path, deleted: bool) -> None:
    """List initiatives and their interviews with completion."""
    with opened(survey, readonly=True) as opened_survey:
        interviews = opened_survey.interviews(include_deleted=deleted)
        for initiative in opened_survey.initiatives(include_deleted=deleted):
            trash = " [corbeille]" if initiative.deleted else ""
            where = f" — {initiative.territory}" if initiative.territory else ""
            click.echo(f"{initiative.id}  {initiative.name}{where}{trash}")
            for item in (i for i in interviews if i.initiative == initiative.id):
                who = ", ".join(item.interviewers)
                mark = " [corbeille]" if item.deleted and not initiative.deleted else ""
                click.echo(
                    f"  {item.id}  {item.date}  {item.status:<8}  {item.completion:3d} %  "
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
    click.echo(
        f"loaded {counts['initiatives']} initiatives, {counts['interviews']} interviews, "
        f"{counts['answers']} answers"
    )
    if counts["skipped_attachments"]:
        click.echo(
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
            click.echo(f"problem: {problem}", err=True)
        raise UserError(f"{survey}: {len(problems)} problem(s) found")
    click.echo(f"{survey}: ok")


@cli.command()
@survey_argument
def rebuild(survey: Path) -> None:
    """Recompute the readable tables and the search index from the change log."""
    with opened(survey) as opened_survey:
        opened_survey.log.rebuild()
    click.echo(f"{survey}: rebuilt from its change log")


@cli.command()
@survey_argument
@click.argument("text")
@click.option("--limit", default=50, show_default=True, help="Most hits to show.")
def search(survey: Path, text: str, limit: int) -> None:
    """Search every answer, note and quote (accents ignored, words as prefixes)."""
    with opened(survey, readonly=True) as opened_survey:
        hits = opened_survey.search(text, limit)
    for hit in hits:
        click.echo(f"{hit.interview or '-'}  {hit.entity}.{hit.field}  {hit.snippet}")
    if not hits:
        click.echo("no match", err=True)


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
        click.echo("never answered", err=True)


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
    click.echo(f"{device.author} (device {device.id})")


# -- initiatives and interviews ---------------------------------------------------


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
        for question in missing:
            click.echo(f"missing: {question.id}  {question.label.get()}", err=True)
        raise UserError(f"{len(missing)} required answer(s) missing; the interview stays a draft")
    click.echo("complete")


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


# -- merging, syncing and conflicts ---------------------------------------------------


@cli.command()
@click.argument("target", type=click.Path(path_type=Path))
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show what would come in; write nothing.")
def merge(target: Path, sources: tuple[Path, ...], dry_run: bool) -> None:
    """Merge survey files into TARGET (created when missing), all or nothing."""
    report = merge_files(target, list(sources), dry_run=dry_run)
    for source in report.sources:
        click.echo(f"{source.path}: {source.describe()}")
    if dry_run:
        click.echo(f"dry run: {target} was not changed")


@cli.command()
@survey_argument
@click.argument("folder", type=click.Path(path_type=Path))
def sync(survey: Path, folder: Path) -> None:
    """Write this laptop's changes into FOLDER, then merge the other files there."""
    with opened(survey) as opened_survey:
        report = sync_folder(opened_survey.log, folder)
    if report.written is None:
        click.echo(f"{report.own_file}: up to date")
    else:
        click.echo(f"wrote {report.own_file} ({report.written} changes made on this laptop)")
    for source in report.merged.sources:
        if source.skipped is None:
            click.echo(f"{source.path.name}: {source.describe()}")
    for warning in report.warnings:
        click.echo(f"warning: {warning} (skipped; it is read again next time)", err=True)


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
        click.echo(f"{item.id}  {item.what}")
        if item.earlier is not None:
            click.echo(f"  earlier  {_revision_line(item.earlier)}")
        for number, revision in enumerate(item.conflict.values, start=1):
            click.echo(f"  value {number}  {_revision_line(revision)}")
    if not found:
        click.echo("no open conflict", err=True)


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
    click.echo(f"{conflict}: resolved")


# -- guides ------------------------------------------------------------------------


@cli.group()
def guide() -> None:
    """Interview guides."""


def _load_guide_warning(guide_path: Path | None) -> Guide:
    """Load a guide; an XLSForm's conversion warnings go to stderr, one per line."""
    loaded, warnings = load_guide_with_warnings(guide_path)
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    return loaded


def _outline(guide: Guide) -> str:
    count = sum(1 for _ in guide.all_questions())
    return f"{len(guide.sections)} sections, {count} questions"


@guide.command(name="check")
@click.argument("guide_path", type=click.Path(path_type=Path))
def guide_check(guide_path: Path) -> None:
    """Validate a guide file or an XLSForm workbook and report every problem at once."""
    loaded = _load_guide_warning(guide_path)
    click.echo(f"{guide_path}: ok ({_outline(loaded)})")


@guide.command(name="import")
@click.argument("form", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the guide to this YAML file (printed on stdout without it).",
)
def guide_import(form: Path, output: Path | None) -> None:
    """Convert an XLSForm workbook (ODK, KoboToolbox) to a fieldkit guide."""
    if output is not None and output.suffix.lower() in XLSFORM_SUFFIXES:
        raise FieldkitError(f"{output}: write the guide to a .yaml file, not a spreadsheet")
    from fieldkit.xlsform import import_xlsform  # openpyxl loads only for this command

    text, warnings = import_xlsform(form)
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    if output is None:
        click.echo(text, nl=False)
        return
    atomic_write_text(output, text)
    click.echo(f"wrote {output} ({_outline(load_guide(output))})")


@guide.command(name="show")
@click.argument("guide_path", type=click.Path(path_type=Path), required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the guide as JSON.")
@click.option("--lang", default="fr", type=click.Choice(["fr", "en"]), show_default=True)
def guide_show(guide_path: Path | None, as_json: bool, lang: str) -> None:
    """Print a guide's outline (the built-in guide without GUIDE_PATH)."""
    loaded = load_guide(guide_path)
    if as_json:
        _echo_json(guide_to_json(loaded))
        return
    click.echo(f"{loaded.title.get(lang)} — {loaded.id} {loaded.version}")
    for section in loaded.sections:
        click.echo(f"\n{section.title.get(lang)}  [{section.id}]")
        for question in section.questions:
            _show_question(question, lang, "  ")


def _show_question(question: Any, lang: str, indent: str) -> None:
    mark = " *" if question.required else ""
    condition = f"  (si {question.relevant.source})" if question.relevant else ""
    click.echo(
        f"{indent}- {question.label.get(lang)}{mark}  [{question.id}: {question.type}]{condition}"
    )
    for column in question.columns:
        _show_question(column, lang, indent + "    ")


# -- exports ----------------------------------------------------------------------


# The export modules (python-docx, openpyxl) are imported by their commands
# only, so that every other command starts as fast as before.


@cli.group()
def export() -> None:
    """Write monographs, the synthesis, tables, the JSON dump and REFI-QDA projects."""


output_option = click.option(
    "-o",
    "--output",
    "out",
    required=True,
    type=click.Path(path_type=Path),
    help="File to write (replaced only once the export has succeeded).",
)
language_option = click.option(
    "--lang", default="fr", type=click.Choice(["fr", "en"]), show_default=True
)
pseudonymize_option = click.option(
    "--pseudonymize", is_flag=True, help="Name the people met by their role and initials."
)


def document_options(command: F) -> F:
    """The options every Word export takes."""
    for option in reversed(
        [
            output_option,
            click.option(
                "--template",
                type=click.Path(path_type=Path),
                help="Word template (.docx or .dotx) whose styles the document takes.",
            ),
            language_option,
            pseudonymize_option,
            click.option(
                "--include-drafts", is_flag=True, help="Include visits not yet marked complete."
            ),
        ]
    ):
        command = option(command)
    return command


@export.command(name="monograph")
@survey_argument
@click.option("--initiative", "initiative_id", required=True, help="Id of the initiative.")
@document_options
def export_monograph(
    survey: Path,
    initiative_id: str,
    out: Path,
    template: Path | None,
    lang: str,
    pseudonymize: bool,
    include_drafts: bool,
) -> None:
    """Write the monograph of one initiative (.docx)."""
    from fieldkit.export import write_monograph

    with opened(survey, readonly=True) as opened_survey:
        written = write_monograph(
            opened_survey, initiative_id, out, template, lang, pseudonymize, include_drafts
        )
    click.echo(f"wrote {written}")


@export.command(name="synthesis")
@survey_argument
@document_options
def export_synthesis(
    survey: Path,
    out: Path,
    template: Path | None,
    lang: str,
    pseudonymize: bool,
    include_drafts: bool,
) -> None:
    """Write the synthesis of all initiatives, axis by axis (.docx)."""
    from fieldkit.export import write_synthesis

    with opened(survey, readonly=True) as opened_survey:
        written = write_synthesis(opened_survey, out, template, lang, pseudonymize, include_drafts)
    click.echo(f"wrote {written}")


@export.command(name="csv")
@survey_argument
@output_option
@language_option
@pseudonymize_option
def export_csv(survey: Path, out: Path, lang: str, pseudonymize: bool) -> None:
    """Write one row per interview (.csv); other lists go in files beside it."""
    from fieldkit.export import write_csv

    with opened(survey, readonly=True) as opened_survey:
        _report(write_csv(opened_survey, out, lang, pseudonymize))


@export.command(name="xlsx")
@survey_argument
@output_option
@language_option
@pseudonymize_option
def export_xlsx(survey: Path, out: Path, lang: str, pseudonymize: bool) -> None:
    """Write an Excel workbook: one row per interview, other lists as sheets."""
    from fieldkit.export import write_xlsx

    with opened(survey, readonly=True) as opened_survey:
        _report(write_xlsx(opened_survey, out, lang, pseudonymize))


@export.command(name="json")
@survey_argument
@output_option
def export_json(survey: Path, out: Path) -> None:
    """Write the JSON dump (as `fieldkit dump` prints it) to a file."""
    from fieldkit.export import write_json

    with opened(survey, readonly=True) as opened_survey:
        click.echo(f"wrote {write_json(opened_survey, out)}")


@export.command(name="qdpx")
@survey_argument
@output_option
@language_option
@pseudonymize_option
def export_qdpx(survey: Path, out: Path, lang: str, pseudonymize: bool) -> None:
    """Write a REFI-QDA project (.qdpx) for NVivo, ATLAS.ti, MAXQDA or QualCoder."""
    from fieldkit.qdpx import write_qdpx

    with opened(survey, readonly=True) as opened_survey:
        _report(write_qdpx(opened_survey, out, lang, pseudonymize))


def _report(written: Any) -> None:
    """Name every file an export wrote; its warnings go to stderr."""
    for path in written.paths:
        click.echo(f"wrote {path}")
    for warning in written.warnings:
        click.echo(f"warning: {warning}", err=True)


def main() -> None:
    """Entry point of the ``fieldkit`` console script."""
    try:
        cli(prog_name="fieldkit")
    except BrokenPipeError:
        # The reader went away (``fieldkit dump … | head``): not an error of ours.
        # Point stdout at nothing so the interpreter's final flush stays quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
