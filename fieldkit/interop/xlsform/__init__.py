"""XLSForm questionnaires (ODK, KoboToolbox) turned into fieldkit guides, and guides back out.

Many organisations already write their questionnaires as XLSForm
spreadsheets. Rather than a second guide model, an XLSForm is converted to
the text of a native guide (``fieldkit-guide/1``), which the ordinary loader
then validates: one model, one validator, and the result can be read, edited
and snapshotted into survey files like any hand-written guide.

The conversion reports everything at once: problems that stop it (each
naming the sheet, the row and the column) in one
:class:`~fieldkit.errors.GuideError`, and warnings for whatever it had to
approximate, which the caller shows before the guide is used.

:func:`export_xlsform` writes a guide as an XLSForm (:mod:`.export`), for a
team that also runs it on phones; importing that workbook gives the guide
back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from fieldkit.errors import GuideError
from fieldkit.guide import Guide, parse_guide
from fieldkit.interop.xlsform.convert import GuideBuilder
from fieldkit.interop.xlsform.export import export_xlsform
from fieldkit.interop.xlsform.form import Form
from fieldkit.interop.xlsform.sheets import Report, read_workbook

__all__ = ["export_xlsform", "import_xlsform", "read_xlsform"]


def import_xlsform(path: str | Path) -> tuple[str, list[str]]:
    """Convert an XLSForm workbook to the text of a guide; return it with the warnings."""
    _, text, warnings = _convert(Path(path))
    return text, warnings


def read_xlsform(path: str | Path) -> tuple[Guide, list[str]]:
    """Load an XLSForm workbook as a guide; return it with the warnings."""
    guide, _, warnings = _convert(Path(path))
    return guide, warnings


def _convert(path: Path) -> tuple[Guide, str, list[str]]:
    report = Report(str(path))
    book = read_workbook(path, report)
    report.stop_if_wrong()
    form = Form(book, report)
    document = GuideBuilder(form, report, path).build()
    report.stop_if_wrong()
    text = render(document, path.name)
    try:
        guide = parse_guide(text, str(path))
    except GuideError as error:
        # The conversion checks what the loader checks; reaching here is a gap
        # in the conversion, so say so rather than point at lines of a text
        # the user never saw.
        raise GuideError(
            str(path),
            [
                "the converted guide is not valid (a fieldkit bug; please report it):",
                *error.problems,
            ],
        ) from None
    return guide, text, report.warnings


def render(document: dict[str, Any], source_name: str) -> str:
    """The guide document as YAML text, with a heading that says where it came from."""
    shown = "".join(ch if ch.isprintable() else "?" for ch in source_name)
    heading = (
        f"# Interview guide converted by fieldkit from the XLSForm {shown}.\n"
        "# Question ids are the form's names: answers are stored under them, so keep them.\n\n"
    )
    body = yaml.dump(document, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False, width=100)
    return heading + body


class _PlainDumper(yaml.SafeDumper):
    """A safe dumper that writes repeated texts out again instead of as YAML aliases.

    Section titles double as tag labels; ``&id001`` anchors would puzzle a
    person editing the guide.
    """

    def ignore_aliases(self, data: Any) -> bool:
        return True
