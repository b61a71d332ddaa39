"""What every command shares: the ``fieldkit`` group, clean errors, opening a survey."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from fieldkit import __version__
from fieldkit.errors import FieldkitError
from fieldkit.files import DiskFull, is_disk_full
from fieldkit.messages import LANGUAGES, language_of, translate
from fieldkit.survey import Survey, sqlite_failure


class Messages:
    """The language of this run's messages: ``--lang``, else the system's locale."""

    language = "en"


def translated(text: str) -> str:
    """``text`` in the run's language: a word for a person inside a line of data."""
    return translate(text, Messages.language)


def say(text: str, err: bool = False) -> None:
    """Print a message for a person, in the run's language (data is echoed as it is)."""
    click.echo(translated(text), err=err)


class UserError(click.ClickException):
    """A FieldkitError on its way out: printed as one sentence, exit status 1."""

    def show(self, file: Any = None) -> None:
        click.echo(f"fieldkit: {translated(self.message)}", err=True)


class FieldkitGroup(click.Group):
    """A command group that turns core errors into clean messages."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as error:
            # Click prints it with the usage; a sentence of ours in it is translated.
            message = translated(error.message)
            if message == error.message:
                raise
            raise click.UsageError(message, error.ctx) from None
        except FieldkitError as error:
            raise UserError(str(error)) from None
        except sqlite3.Error as error:
            raise UserError(f"the survey file could not be read or written ({error})") from None
        except BrokenPipeError:
            raise  # the reader left (``fieldkit list … | head``): click ends quietly, status 1
        except OSError as error:
            if error.filename and is_disk_full(error):
                raise UserError(str(DiskFull(Path(error.filename)))) from None
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
    except sqlite3.Error as error:
        # Opening checks only the header and schema; damage deeper in the file
        # shows up when a command reads or writes the damaged pages. A full
        # disk shows up the same way, and is told as such.
        raise sqlite_failure(path, error) from None
    finally:
        survey.close()


def echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group(
    name="fieldkit", cls=FieldkitGroup, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(__version__, prog_name="fieldkit")
@click.option(
    "--lang",
    "language",
    type=click.Choice(LANGUAGES),
    help="Language of the messages: fr or en (by default the system's, from LANG).",
)
def cli(language: str | None) -> None:
    """fieldkit: run interview guides offline, merge survey files, write monographs."""
    Messages.language = language or language_of(os.environ)
