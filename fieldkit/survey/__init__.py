"""The survey file: its SQLite schema, the change log that is its truth (stamps,
heads, amends), the derived state, search, history, completion, the JSON dump,
the integrity check, the survey's and the device's identities and the demo survey.

The monograph's narratives are survey data too: ``Survey.set_narrative``,
``Survey.narratives``, ``Survey.narrative_history`` and ``Survey.outline``
(:mod:`.narratives`); their text is the small Markdown of :mod:`.markup`.

What opening and reading need is imported with the package. The rest of
what it offers — completion and what it needs of the guide, the Markdown,
the check, the demo, the JSON dump, what a merge takes in, search hits —
loads on first use: the window shows a survey without paying for them.
"""

from typing import TYPE_CHECKING

from fieldkit.lazy import on_first_use
from fieldkit.places import config_dir
from fieldkit.survey import schema
from fieldkit.survey.changes import COLUMNS, NARRATIVE_PREFIX, Change, check_field, decode
from fieldkit.survey.device import (
    Device,
    author_chosen,
    current_device,
    renew_device,
    set_author,
)
from fieldkit.survey.file import Survey
from fieldkit.survey.hlc import EARLIEST_STAMP, LATEST_STAMP, pack, to_iso, within_bounds
from fieldkit.survey.identity import (
    SURVEY_ID,
    SurveyIdentity,
    adopt_hint,
    derived_identity_change,
    read_identity,
    short_tag,
)
from fieldkit.survey.narratives import Narrative, narrative_field
from fieldkit.survey.opening import is_writable, sqlite_failure
from fieldkit.survey.records import (
    MAX_ATTACHMENT_BYTES,
    Conflict,
    InitiativeInfo,
    InterviewInfo,
    Revision,
)
from fieldkit.survey.store import ChangeLog, FieldState

if TYPE_CHECKING:
    from fieldkit.survey import markup
    from fieldkit.survey.check import check_survey
    from fieldkit.survey.completion import (
        MissingAnswer,
        interview_completion,
        missing_answers,
        missing_in_row,
        question_answered,
    )
    from fieldkit.survey.conflicted import conflicted_interviews, conflicted_questions
    from fieldkit.survey.demo import build_demo
    from fieldkit.survey.dump import dump_text, load_dump, read_dump
    from fieldkit.survey.entries import RowPlace, row_place
    from fieldkit.survey.intake import Absorbed, Transition, forged_message
    from fieldkit.survey.search import SearchHit

#: Offered here, loaded on first use (see :mod:`fieldkit.lazy`).
__getattr__ = on_first_use(
    __name__,
    {
        "markup": "fieldkit.survey.markup",
        "check_survey": "fieldkit.survey.check",
        "conflicted_interviews": "fieldkit.survey.conflicted",
        "conflicted_questions": "fieldkit.survey.conflicted",
        "MissingAnswer": "fieldkit.survey.completion",
        "interview_completion": "fieldkit.survey.completion",
        "missing_answers": "fieldkit.survey.completion",
        "missing_in_row": "fieldkit.survey.completion",
        "question_answered": "fieldkit.survey.completion",
        "build_demo": "fieldkit.survey.demo",
        "dump_text": "fieldkit.survey.dump",
        "load_dump": "fieldkit.survey.dump",
        "read_dump": "fieldkit.survey.dump",
        "Absorbed": "fieldkit.survey.intake",
        "Transition": "fieldkit.survey.intake",
        "forged_message": "fieldkit.survey.intake",
        "SearchHit": "fieldkit.survey.search",
        "RowPlace": "fieldkit.survey.entries",
        "row_place": "fieldkit.survey.entries",
    },
)

__all__ = [
    "COLUMNS",
    "EARLIEST_STAMP",
    "LATEST_STAMP",
    "MAX_ATTACHMENT_BYTES",
    "NARRATIVE_PREFIX",
    "SURVEY_ID",
    "Absorbed",
    "Change",
    "ChangeLog",
    "Conflict",
    "Device",
    "FieldState",
    "InitiativeInfo",
    "InterviewInfo",
    "MissingAnswer",
    "Narrative",
    "Revision",
    "RowPlace",
    "SearchHit",
    "Survey",
    "SurveyIdentity",
    "Transition",
    "adopt_hint",
    "author_chosen",
    "build_demo",
    "check_field",
    "check_survey",
    "config_dir",
    "conflicted_interviews",
    "conflicted_questions",
    "current_device",
    "decode",
    "derived_identity_change",
    "dump_text",
    "forged_message",
    "interview_completion",
    "is_writable",
    "load_dump",
    "markup",
    "missing_answers",
    "missing_in_row",
    "narrative_field",
    "pack",
    "question_answered",
    "read_dump",
    "read_identity",
    "renew_device",
    "row_place",
    "schema",
    "set_author",
    "short_tag",
    "sqlite_failure",
    "to_iso",
    "within_bounds",
]
