"""``fieldkit export``: monographs, working files, the synthesis, tables, JSON, REFI-QDA."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from fieldkit.cli.base import cli, opened, say, survey_argument

# The export modules (python-docx, openpyxl) are imported by their commands
# only, so that every other command starts as fast as before.


@cli.group()
def export() -> None:
    """Write monographs, working files, the synthesis, tables and other exports."""


output_option = click.option(
    "-o",
    "--output",
    "out",
    required=True,
    type=click.Path(path_type=Path),
    help="File to write (replaced only once the export has succeeded).",
)
language_option = click.option(
    "--lang",
    default="fr",
    type=click.Choice(["fr", "en"]),
    show_default=True,
    help="Language of the document.",
)
pseudonymize_option = click.option(
    "--pseudonymize",
    is_flag=True,
    help="Name nobody met (each goes by their pseudonym) and leave out e-mail addresses "
    "and phone numbers. People who did not agree to be named never are, with or without it.",
)
template_option = click.option(
    "--template",
    type=click.Path(path_type=Path),
    help="Word template (.docx or .dotx) whose styles the document takes.",
)


F = TypeVar("F", bound=Callable[..., Any])


def document_options(command: F) -> F:
    """The options every Word export takes."""
    for option in reversed(
        [
            output_option,
            template_option,
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
    say(f"wrote {written}")


@export.command(name="working-file")
@survey_argument
@click.option("--initiative", "initiative_id", required=True, help="Id of the initiative.")
@output_option
@template_option
@language_option
@pseudonymize_option
def export_working_file(
    survey: Path,
    initiative_id: str,
    out: Path,
    template: Path | None,
    lang: str,
    pseudonymize: bool,
) -> None:
    """Write the working file of one initiative (.docx): every answer of every visit."""
    from fieldkit.export import write_working_file

    with opened(survey, readonly=True) as opened_survey:
        written = write_working_file(
            opened_survey, initiative_id, out, template, lang, pseudonymize
        )
    say(f"wrote {written}")


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
    say(f"wrote {written}")


@export.command(name="csv")
@survey_argument
@output_option
@language_option
@pseudonymize_option
@click.option(
    "--excel",
    is_flag=True,
    help="For a French Excel or LibreOffice: semicolons, decimal comma, UTF-8 mark, "
    "labels as header (without it: commas, decimal point, question ids as header).",
)
def export_csv(survey: Path, out: Path, lang: str, pseudonymize: bool, excel: bool) -> None:
    """Write one row per interview (.csv); other lists go in files beside it.

    A text cell that starts with = + - @ or ' gets one more ' in front, so
    that no spreadsheet runs it as a formula.
    """
    from fieldkit.export import write_csv

    with opened(survey, readonly=True) as opened_survey:
        report_written(write_csv(opened_survey, out, lang, pseudonymize, excel))


@export.command(name="xlsx")
@survey_argument
@output_option
@language_option
@pseudonymize_option
def export_xlsx(survey: Path, out: Path, lang: str, pseudonymize: bool) -> None:
    """Write an Excel workbook: one row per interview, other lists as sheets."""
    from fieldkit.export import write_xlsx

    with opened(survey, readonly=True) as opened_survey:
        report_written(write_xlsx(opened_survey, out, lang, pseudonymize))


@export.command(name="json")
@survey_argument
@output_option
@pseudonymize_option
def export_json(survey: Path, out: Path, pseudonymize: bool) -> None:
    """Write the survey's content as JSON, as its people allow.

    The form of `fieldkit dump`, without the names of people who did not agree
    to be named (with --pseudonymize, of anyone met) and the quotes and photos
    they did not agree to.
    """
    from fieldkit.export import write_json

    with opened(survey, readonly=True) as opened_survey:
        say(f"wrote {write_json(opened_survey, out, pseudonymize)}")


@export.command(name="qdpx")
@survey_argument
@output_option
@language_option
@pseudonymize_option
def export_qdpx(survey: Path, out: Path, lang: str, pseudonymize: bool) -> None:
    """Write a REFI-QDA project (.qdpx) for NVivo, ATLAS.ti, MAXQDA or QualCoder."""
    from fieldkit.interop.qdpx import write_qdpx

    with opened(survey, readonly=True) as opened_survey:
        report_written(write_qdpx(opened_survey, out, lang, pseudonymize))


def report_written(written: Any) -> None:
    """Name every file an export wrote; its warnings go to stderr."""
    for path in written.paths:
        say(f"wrote {path}")
    for warning in written.warnings:
        say(f"warning: {warning}", err=True)
