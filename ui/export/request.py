"""What an export is asked for, and the background work that writes it.

The request is what the person chose (what, for which initiative, with which
template, language and names). The export reads the survey through its own
read-only connection, opened in the background function: it never touches a
widget, and since it is queued behind the pending autosaves it holds every
word typed before *Exporter…*. Every export writes a temporary file beside the
target and renames it at the end, so a cancelled or failed export leaves
nothing under the real name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from fieldkit.survey import Survey
from ui.session import Progress

MONOGRAPH, WORKING, SYNTHESIS = "monograph", "working", "synthesis"
TABLE, JSON, QDPX = "table", "json", "qdpx"
KINDS = (MONOGRAPH, WORKING, SYNTHESIS, TABLE, JSON, QDPX)
WORD_KINDS = {MONOGRAPH, WORKING, SYNTHESIS}
# Exports of one initiative, chosen in the dialog's list.
INITIATIVE_KINDS = {MONOGRAPH, WORKING}
TEMPLATE_SUFFIXES = (".docx", ".dotx")
# Characters no file name may hold on Windows, macOS or Linux.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


@dataclass(frozen=True)
class ExportRequest:
    """What the person chose in the dialog: everything the background export needs."""

    kind: str
    initiative: str = ""
    table_format: str = "xlsx"
    template: Path | None = None
    language: str = "fr"
    pseudonymize: bool = False
    include_drafts: bool = False

    @property
    def suffix(self) -> str:
        if self.kind in WORD_KINDS:
            return ".docx"
        if self.kind == TABLE:
            return f".{self.table_format}"
        return f".{self.kind}"


@dataclass
class Exported:
    """The files an export wrote (the first is the one to open) and what it warns of."""

    paths: list[Path]
    warnings: list[str] = field(default_factory=list)


def run_export(
    request: ExportRequest, survey_path: Path, target: Path, progress: Progress
) -> Exported:
    """Write the export (background thread: no widget here); cancelling raises ``Cancelled``."""

    def step(done: int, total: int) -> None:
        progress.check()  # raising here stops the export before anything is written
        progress.report(done, total, "")

    progress.check()
    with Survey.open(survey_path, readonly=True) as survey:
        kind = request.kind
        if kind == MONOGRAPH:
            from fieldkit.export import write_monograph

            path = write_monograph(
                survey,
                request.initiative,
                target,
                request.template,
                request.language,
                request.pseudonymize,
                request.include_drafts,
                progress=step,
            )
            return Exported([path])
        if kind == WORKING:
            from fieldkit.export import write_working_file

            path = write_working_file(
                survey,
                request.initiative,
                target,
                request.template,
                request.language,
                request.pseudonymize,
                progress=step,
            )
            return Exported([path])
        if kind == SYNTHESIS:
            from fieldkit.export import write_synthesis

            path = write_synthesis(
                survey,
                target,
                request.template,
                request.language,
                request.pseudonymize,
                request.include_drafts,
                progress=step,
            )
            return Exported([path])
        if kind == TABLE:
            from fieldkit.export import write_csv, write_xlsx

            write = write_xlsx if request.table_format == "xlsx" else write_csv
            written = write(survey, target, request.language, request.pseudonymize)
            return Exported(list(written.paths), list(written.warnings))
        if kind == JSON:
            from fieldkit.export import write_json

            return Exported([write_json(survey, target)])
        from fieldkit.interop.qdpx import write_qdpx

        written = write_qdpx(survey, target, request.language, request.pseudonymize, step)
        return Exported(list(written.paths), list(written.warnings))


def safe_file_name(text: str) -> str:
    """A file name from an initiative's name: no slash, colon or other forbidden character."""
    cleaned = _UNSAFE.sub(" ", text).strip(" .")
    return re.sub(r"\s+", " ", cleaned) or "export"
