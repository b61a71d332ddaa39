"""What every command shares: the ``fieldkit`` group, its language, clean errors, opening a survey.

Everything a person reads is in the run's language: the core's messages, the
help of each command and option, and click's own words (usage, headings,
mistakes in the command), all read with one catalogue (:func:`words`).
"""

from __future__ import annotations

import contextlib
import inspect
import json
import os
import re
import sqlite3
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import IO, Any

import click

from fieldkit import __version__
from fieldkit.cli.french import CLICK, french_spacing
from fieldkit.errors import FieldkitError
from fieldkit.files import DiskFull, is_disk_full
from fieldkit.messages import LANGUAGES, PLACED, Catalogue, catalogue, language_of, translate
from fieldkit.survey import Survey, sqlite_failure


class Messages:
    """The language of this run's messages: ``--lang``, else the system's locale."""

    language = "en"


@cache
def words() -> Catalogue:
    """The catalogue of fieldkit's messages and help, with click's own sentences beside it."""
    return catalogue() + Catalogue.of(french_spacing(CLICK))


def translated(text: str) -> str:
    """``text`` in the run's language: a word for a person inside a line of data."""
    if Messages.language != "fr":
        return text  # the catalogue is read only by a run that needs it
    return translate(text, Messages.language, words())


def say(text: str, err: bool = False) -> None:
    """Print a message for a person, in the run's language (data is echoed as it is)."""
    click.echo(translated(text), err=err)


def placed(place: object, text: str) -> str:
    """``PLACE: text`` spaced as the run's language is printed (French: a no-break space
    before the colon), for a text already in that language, which no template recognises."""
    return (PLACED if Messages.language == "fr" else "{}: {}").format(place, text)


#: Where a line may break: not at the no-break spaces of French typography.
BREAKABLE = re.compile(r"[ \t\n]+")


def help_text(text: str) -> str:
    """A command's help in the run's language, paragraph by paragraph.

    The catalogue knows each paragraph on one line, the way click rewraps it.
    """
    paragraphs = inspect.cleandoc(text).partition("\f")[0].split("\n\n")
    return "\n\n".join(translated(" ".join(BREAKABLE.split(p.strip()))) for p in paragraphs)


def short_help(text: str, limit: int) -> str:
    """The first sentence of a help text within ``limit`` characters, for a list of commands."""
    found = BREAKABLE.split(text.partition("\n\n")[0].strip())
    for index, word in enumerate(found):
        # A period ends the sentence unless a lowercase word follows (as after "e.g.").
        if word.endswith(".") and (index == len(found) - 1 or not found[index + 1][0].islower()):
            found = found[: index + 1]
            break
    sentence = " ".join(found)
    if len(sentence) <= limit:
        return sentence
    return sentence[: max(limit - 3, 0) + 1].rsplit(" ", 1)[0] + "..."


class UserError(click.ClickException):
    """A FieldkitError on its way out: printed as one sentence, exit status 1."""

    def show(self, file: Any = None) -> None:
        click.echo(f"fieldkit: {translated(self.message)}", err=True)


class CommandMistake(click.ClickException):
    """A mistake click found in the command line, told in the run's language.

    Laid out as click lays it out: the usage, where to find help, what is wrong.
    """

    exit_code = 2

    def __init__(self, error: click.UsageError) -> None:
        super().__init__(error.message)
        self.error = error

    def show(self, file: IO[Any] | None = None) -> None:
        context = self.error.ctx
        if context is not None:
            where = f"{context.command_path} {max(context.help_option_names, key=len)}"
            hint = translated(f"Try '{where}' for help.")
            click.echo(f"{context.get_usage()}\n{hint}\n", file=file, err=True)
        message = translated(f"Error: {self.error.format_message()}")
        click.echo(message, file=file, err=True)


@contextlib.contextmanager
def told_in_the_run_language() -> Iterator[None]:
    """Let click's complaints out in the run's language: a mistake in the command as
    :class:`CommandMistake`, any other (a file click could not open) as a :class:`UserError`."""
    try:
        yield
    except (UserError, CommandMistake):
        raise
    except click.UsageError as error:
        raise CommandMistake(error) from None
    except click.ClickException as error:
        raise UserError(error.format_message()) from None


class ReadersFormatter(click.HelpFormatter):
    """Click's help layout, with its headings and "Usage:" in the run's language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, f"{translated('Usage:')} " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        # Written whole, colon included: French spaces it ("Options :").
        self.write(f"{'':>{self.current_indent}}{translated(f'{heading}:')}\n")


class ReadersContext(click.Context):
    formatter_class = ReadersFormatter


class FieldkitCommand(click.Command):
    """A command whose help (its text, its options') is shown in the run's language."""

    context_class = ReadersContext

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if self.help:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(help_text(self.help))

    def get_short_help_str(self, limit: int = 45) -> str:
        return short_help(help_text(self.help or ""), limit)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        records = [
            record
            for param in self.get_params(ctx)
            if not isinstance(param, click.Argument)
            and (record := param.get_help_record(ctx)) is not None
        ]
        if records:
            with formatter.section("Options"):
                formatter.write_dl([(term, translated(help)) for term, help in records])


class FieldkitGroup(click.Group, FieldkitCommand):
    """A command group that speaks the run's language and turns core errors into clean messages.

    Its commands and groups are of its kind, so that every one of them does too.
    """

    command_class = FieldkitCommand
    group_class = type

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        if parent is None:
            # A new run: the system's language, until ``--lang`` is read.
            Messages.language = language_of(os.environ)
        with told_in_the_run_language():
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: click.Context) -> Any:
        with told_in_the_run_language():
            return self._invoke(ctx)

    def _invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
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


def _choose_language(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """Take ``--lang`` as soon as it is read: before ``--help``, whose text is in its language."""
    if value is not None:
        Messages.language = value


@click.group(
    name="fieldkit", cls=FieldkitGroup, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(__version__, prog_name="fieldkit")
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    is_eager=True,
    expose_value=False,
    callback=_choose_language,
    help="Language of the messages: fr or en (by default the system's, from LANG).",
)
def cli() -> None:
    """fieldkit: run interview guides offline, merge survey files, write monographs."""
