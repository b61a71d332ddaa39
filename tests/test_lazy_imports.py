"""Opening and listing a survey pays for no import it does not use (the window starts fast)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fieldkit.survey import Survey

ROOT = Path(__file__).resolve().parent.parent


def test_opening_a_survey_leaves_sqlite_utils_unimported(survey_path: Path) -> None:
    script = (
        "import sys\n"
        "from fieldkit.survey import Survey\n"
        f"survey = Survey.open({str(survey_path)!r}, readonly=True)\n"
        "survey.interviews()\n"
        "print('sqlite_utils' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.strip() == "False"


def test_the_sqlite_utils_view_is_still_there_when_asked(survey: Survey) -> None:
    assert "changes" in survey.log.db.table_names()
