"""REFI-QDA projects (.qdpx): a survey's interviews for qualitative analysis software.

Researchers code interviews in NVivo, ATLAS.ti, MAXQDA or QualCoder, which
exchange projects in the REFI-QDA format: a zip holding ``project.qde`` (the
XML of :mod:`fieldkit.interop.qdpx.project`) and the sources' files under
``sources/``. Exporting one lets a survey's answers, already coded with the
guide's themes and research axes, open there ready for analysis.

People who refused to be named are never named in the project (not in its
texts, users, sources or cases), and the words of people who did not agree
to be quoted are left out; with ``pseudonymize`` nobody met is named (see
:mod:`fieldkit.export.pseudonym`). The written project is checked for leaks
before it is renamed into place.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from fieldkit.export import Pseudonyms, Written, check_language, export_files
from fieldkit.interop.qdpx.project import Progress, ProjectBuilder
from fieldkit.survey import Survey

__all__ = ["write_qdpx"]

#: Zip entries carry this date rather than the clock's, so that exporting the
#: same survey twice writes the same bytes.
_ENTRY_DATE = (1980, 1, 1, 0, 0, 0)


def write_qdpx(
    survey: Survey,
    out: str | Path,
    language: str = "fr",
    pseudonymize: bool = False,
    progress: Progress | None = None,
) -> Written:
    """Write the survey's interviews as a REFI-QDA project; say what it leaves out."""
    check_language(language)
    target = Path(out)
    names = Pseudonyms.of_survey(survey, everyone=pseudonymize, language=language)
    project, sources = ProjectBuilder(survey, language, names).build(progress)
    with (
        export_files([target], names.refuse_leaks) as (temporary,),
        zipfile.ZipFile(temporary, "w") as archive,
    ):
        _store(archive, "project.qde", project)
        for name, text in sources.items():
            _store(archive, f"sources/{name}", text.encode("utf-8"))
    return Written([target], _warnings(survey))


def _store(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    entry = zipfile.ZipInfo(name, date_time=_ENTRY_DATE)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    archive.writestr(entry, data)


def _warnings(survey: Survey) -> list[str]:
    """What the project cannot carry, for the person exporting it to know."""
    warnings = []
    attachments = sum(len(survey.items("attachment", i.id)) for i in survey.interviews())
    if attachments:
        warnings.append(
            f"{attachments} attached file(s) are not part of the project; "
            "export them from fieldkit if the analysis needs them"
        )
    conflicts = len(survey.conflicts())
    if conflicts:
        warnings.append(
            f"{conflicts} conflict(s) are open: the project holds the value fieldkit shows"
        )
    return warnings
