"""Opening and listing a survey pays for no import it does not use (the window starts fast)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from fieldkit.survey import Survey, build_demo

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


def test_what_the_survey_package_loads_on_first_use_is_the_real_thing() -> None:
    import fieldkit.survey
    from fieldkit.survey import demo, intake, markup

    assert fieldkit.survey.build_demo is demo.build_demo
    assert fieldkit.survey.Absorbed is intake.Absorbed
    assert fieldkit.survey.markup is markup
    assert all(getattr(fieldkit.survey, name) is not None for name in fieldkit.survey.__all__)
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        fieldkit.survey.nothing_here  # noqa: B018


def test_what_the_guide_package_loads_on_first_use_is_the_real_thing() -> None:
    import fieldkit.guide
    from fieldkit.guide import loader, model, values

    assert fieldkit.guide.Guide is model.Guide
    assert fieldkit.guide.load_guide is loader.load_guide
    assert fieldkit.guide.clean_text is values.clean_text
    assert all(getattr(fieldkit.guide, name) is not None for name in fieldkit.guide.__all__)


def test_the_sqlite_utils_view_is_still_there_when_asked(survey: Survey) -> None:
    assert "changes" in survey.log.db.table_names()


#: What the window's first screen does not need, and must not load on its way.
NOT_ON_THE_FIRST_SCREEN = (
    "yaml",
    "re2",
    "hashlib",  # OpenSSL
    "PySide6.QtNetwork",
    "fieldkit.exchange",
    "fieldkit.export",
    "fieldkit.survey.markup",
    "fieldkit.survey.intake",
    "fieldkit.survey.check",
    "fieldkit.survey.demo",
    "fieldkit.survey.dump",
    "fieldkit.survey.search",
    "fieldkit.survey.completion",
    "fieldkit.guide.model",
    "fieldkit.guide.expressions",
    "ui.export.dialog",
    "ui.shell.start_page",
)

FIRST_SCREEN = """\
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

def report():
    print(sorted(name for name in {watched!r} if name in sys.modules), flush=True)
    QApplication.instance().exit(0)

real_exec = QApplication.exec
def exec_and_report(*_args):
    QTimer.singleShot(0, report)  # once the window shows the survey, before anything else
    return real_exec()
QApplication.exec = exec_and_report
sys.argv = ["fieldkit-desktop", {survey!r}]
from ui.app import main
main()
"""


def test_the_window_shows_a_survey_without_what_its_first_screen_does_not_use(
    tmp_path: Path,
) -> None:
    """Reading YAML (the guide is cached), regexes, hashing, the network (for later launches),
    merging and exporting all load when first used, after the window is up; so does
    the guide, since the file remembers each interview's progress."""
    demo = tmp_path / "démo.fieldkit"
    build_demo(demo)  # reads the guide once, as the first opening on a machine does
    script = FIRST_SCREEN.format(watched=NOT_ON_THE_FIRST_SCREEN, survey=str(demo))
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"
