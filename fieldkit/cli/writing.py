"""``fieldkit write`` and ``fieldkit outline``: an initiative's monograph, section by section."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from fieldkit.cli.base import cli, opened, survey_argument, translated
from fieldkit.errors import FieldkitError

if TYPE_CHECKING:
    from fieldkit.survey import Narrative

initiative_option = click.option(
    "--initiative", "initiative_id", required=True, help="Id of the initiative."
)


@cli.command(name="write")
@survey_argument
@initiative_option
@click.option(
    "--section",
    "section_id",
    required=True,
    help="Id of the section of the monograph's outline (`fieldkit outline` lists them).",
)
@click.option("--text", help='The section\'s text (Markdown: **bold**, *italic*, "- " lists).')
@click.option(
    "--file",
    "source",
    type=click.Path(path_type=Path, allow_dash=True),
    help="Read the text from a UTF-8 file ('-': standard input).",
)
def write(
    survey: Path, initiative_id: str, section_id: str, text: str | None, source: Path | None
) -> None:
    """Write the text of one section of an initiative's monograph ("" clears it)."""
    if (text is None) == (source is None):
        raise click.UsageError("give the section's text with --text or with --file (one of them)")
    if source is not None:
        text = read_text(source)
    with opened(survey) as opened_survey:
        opened_survey.set_narrative(initiative_id, section_id, text or "")


def read_text(source: Path) -> str:
    """A text file's content, or standard input's for ``-``; a clear sentence otherwise."""
    try:
        if str(source) == "-":
            return sys.stdin.read()
        return source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FieldkitError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise FieldkitError(f"{source}: is a folder, not a text file") from None
    except UnicodeDecodeError:
        raise FieldkitError(f"{source}: not a UTF-8 text file") from None
    except OSError as error:
        raise FieldkitError(f"{source}: cannot read the file ({error.strerror})") from None


@cli.command(name="outline")
@survey_argument
@initiative_option
@click.option(
    "--lang",
    default="fr",
    type=click.Choice(["fr", "en"]),
    show_default=True,
    help="Language of the outline.",
)
def outline(survey: Path, initiative_id: str, lang: str) -> None:
    """Print the outline of an initiative's monograph with the state of each section."""
    from fieldkit.export import section_states

    with opened(survey, readonly=True) as opened_survey:
        states = section_states(opened_survey, initiative_id)
    said = [state_words(s.state) for s in states]
    ids = max((len(s.section.id) for s in states), default=0)
    width = max(map(len, said), default=0)
    for state, words in zip(states, said, strict=True):
        title = state.section.title.get(lang)
        click.echo(
            f"{state.section.id:<{ids}}  {words:<{width}}  {title}{by_whom(state.narrative)}"
        )


def state_words(state: str) -> str:
    """A section's state as ``fieldkit outline`` says it, in the run's language
    (the section titles are in the outline's own ``--lang``, as the guide has them)."""
    if state == "written":
        return translated("written")
    return translated("material only" if state == "material" else "empty")


def by_whom(narrative: Narrative | None) -> str:
    """Who wrote a section's text, and the conflict it is in, in the run's language."""
    if narrative is None:
        return ""
    said = "  " + translated(f"(text by {', '.join(narrative.authors)})")
    if narrative.conflict:
        said += "  " + translated(f"[conflict {narrative.conflict}]")
    return said
