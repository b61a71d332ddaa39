"""``fieldkit privacy``: check exported files for the people of a survey."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from fieldkit.cli.base import UserError, cli, opened, placed, say, survey_argument, translated

if TYPE_CHECKING:
    from fieldkit.export import Leak


@cli.group()
def privacy() -> None:
    """Check that exported files name nobody they must not."""


@privacy.command(name="check")
@survey_argument
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--named",
    is_flag=True,
    help="The files may name the people who agreed to be named "
    "(exports made without --pseudonymize).",
)
def privacy_check(survey: Path, files: tuple[Path, ...], named: bool) -> None:
    """Look in FILES (.docx, .xlsx, .csv, .json, .qdpx…) for the survey's people.

    Every part of a file is read: its text, XML parts, document properties,
    file names and the metadata of embedded pictures. Without --named, any
    name of a person met, e-mail address or phone number of the survey is a
    leak; with it, only the names of people who did not agree to be named.
    Each leak is printed with where it is; the exit status is 1 if any.
    """
    from fieldkit.export import check_files

    with opened(survey, readonly=True) as opened_survey:
        results = check_files(opened_survey, files, named)
    for path, leaks in results.items():
        for leak in leaks:
            click.echo(placed(path, leak_words(leak)))
        if not leaks:
            say(f"{path}: no leak")
    leaky = [path for path, leaks in results.items() if leaks]
    if leaky:
        count = sum(len(leaks) for leaks in results.values())
        raise UserError(f"{count} leak(s) found in {len(leaky)} file(s)")


def leak_words(leak: Leak) -> str:
    """Where a leak is and what it is, in the run's language; what was found, as it is."""
    found = f" ({leak.found!r})" if leak.found else ""
    return placed(translated(leak.where), translated(leak.what) + found)
