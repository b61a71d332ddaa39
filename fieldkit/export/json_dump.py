"""The JSON dump as a file: the same text as ``fieldkit dump``, written atomically."""

from __future__ import annotations

from pathlib import Path

from fieldkit.export.output import export_file
from fieldkit.survey import Survey, dump_text


def write_json(survey: Survey, out: str | Path) -> Path:
    """Write the survey's deterministic JSON dump to ``out``."""
    out = Path(out)
    text = dump_text(survey)
    with export_file(out) as temporary:
        temporary.write_text(text, encoding="utf-8")
    return out
