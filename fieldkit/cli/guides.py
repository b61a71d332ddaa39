"""``fieldkit guide``: check, import and export (XLSForm) and show interview guides."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from fieldkit.cli.base import cli, echo_json, say
from fieldkit.errors import FieldkitError
from fieldkit.files import atomic_write_text
from fieldkit.guide import Guide, guide_to_json, load_guide
from fieldkit.interop import XLSFORM_SUFFIXES, read_guide_file


@cli.group()
def guide() -> None:
    """Interview guides."""


def load_guide_warning(guide_path: Path | None) -> Guide:
    """Load a guide; an XLSForm's conversion warnings go to stderr, one per line."""
    loaded, warnings = read_guide_file(guide_path)
    for warning in warnings:
        say(f"warning: {warning}", err=True)
    return loaded


def _size(guide: Guide) -> tuple[int, int]:
    """How many sections and questions a guide has, for the line that reports on it."""
    return len(guide.sections), sum(1 for _ in guide.all_questions())


@guide.command(name="check")
@click.argument("guide_path", type=click.Path(path_type=Path))
def guide_check(guide_path: Path) -> None:
    """Validate a guide file or an XLSForm workbook and report every problem at once."""
    sections, questions = _size(load_guide_warning(guide_path))
    say(f"{guide_path}: ok ({sections} sections, {questions} questions)")


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
    from fieldkit.interop.xlsform import import_xlsform  # openpyxl loads only for this command

    text, warnings = import_xlsform(form)
    for warning in warnings:
        say(f"warning: {warning}", err=True)
    if output is None:
        click.echo(text, nl=False)
        return
    atomic_write_text(output, text)
    sections, questions = _size(load_guide(output))
    say(f"wrote {output} ({sections} sections, {questions} questions)")


@guide.command(name="export")
@click.argument("guide_path", type=click.Path(path_type=Path), required=False)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="The XLSForm workbook to write (.xlsx).",
)
def guide_export(guide_path: Path | None, output: Path) -> None:
    """Write a guide as an XLSForm for ODK Collect or KoboCollect.

    The built-in guide without GUIDE_PATH. Importing the workbook gives the
    same guide back.
    """
    if output.suffix.lower() != ".xlsx":
        raise FieldkitError(f"{output}: an XLSForm is written as an .xlsx workbook")
    loaded = load_guide_warning(guide_path)
    from fieldkit.interop.xlsform import export_xlsform  # openpyxl loads only for this command

    export_xlsform(loaded, output)
    sections, questions = _size(loaded)
    say(f"wrote {output} ({sections} sections, {questions} questions)")


@guide.command(name="show")
@click.argument("guide_path", type=click.Path(path_type=Path), required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the guide as JSON.")
@click.option(
    "--lang",
    default="fr",
    type=click.Choice(["fr", "en"]),
    show_default=True,
    help="Language of the guide's texts.",
)
def guide_show(guide_path: Path | None, as_json: bool, lang: str) -> None:
    """Print a guide's outline (the built-in guide without GUIDE_PATH)."""
    loaded = read_guide_file(guide_path)[0]
    if as_json:
        echo_json(guide_to_json(loaded))
        return
    click.echo(f"{loaded.title.get(lang)} — {loaded.id} {loaded.version}")
    for section in loaded.sections:
        click.echo(f"\n{section.title.get(lang)}  [{section.id}]")
        for question in section.questions:
            _show_question(question, lang, "  ")


def _show_question(question: Any, lang: str, indent: str) -> None:
    mark = " *" if question.required else ""
    # The outline is in the guide's language (--lang of the command), its words too.
    when = "si" if lang == "fr" else "if"
    condition = f"  ({when} {question.relevant.source})" if question.relevant else ""
    click.echo(
        f"{indent}- {question.label.get(lang)}{mark}  [{question.id}: {question.type}]{condition}"
    )
    for column in question.columns:
        _show_question(column, lang, indent + "    ")
