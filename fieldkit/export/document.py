"""The frame every Word export shares: the template, the writer, the leak check, the save.

The monograph, the working file and the synthesis differ only in what they lay
out; opening the template, passing every text through the pseudonyms, checking
the written file for leaks and renaming it into place are done once, here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fieldkit.errors import FieldkitError
from fieldkit.export.output import export_file
from fieldkit.export.pseudonym import Pseudonyms
from fieldkit.export.template import open_template
from fieldkit.export.writer import DocumentWriter

LANGUAGES = ("fr", "en")


def check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise FieldkitError(f"unknown language {language!r} (fr or en)")


def write_document(
    out: str | Path,
    template: str | Path | None,
    language: str,
    names: Pseudonyms,
    lay_out: Callable[[DocumentWriter], None],
) -> Path:
    """Lay a document out on ``template`` and write it to ``out``, leak-checked; return it.

    The template is opened first: a mistake in the command is named before any
    survey data is read.
    """
    document = open_template(Path(template) if template else None)
    writer = DocumentWriter(document, language, names.scrub)
    lay_out(writer)
    with export_file(Path(out), names.refuse_leaks) as temporary:
        writer.document.save(str(temporary))
    return Path(out)
