"""The survey file: its SQLite schema, the change log that is its truth (stamps,
heads, amends), the derived state, search, history, completion, the JSON dump,
the integrity check, the survey's and the device's identities and the demo survey.
"""

from fieldkit.survey import schema
from fieldkit.survey.changes import COLUMNS, Change, check_field, decode
from fieldkit.survey.check import check_survey
from fieldkit.survey.demo import build_demo
from fieldkit.survey.device import Device, config_dir, current_device, renew_device, set_author
from fieldkit.survey.dump import dump_text, load_dump, read_dump
from fieldkit.survey.file import MAX_ATTACHMENT_BYTES, Survey
from fieldkit.survey.hlc import EARLIEST_STAMP, LATEST_STAMP, pack, to_iso, within_bounds
from fieldkit.survey.identity import (
    SURVEY_ID,
    SurveyIdentity,
    adopt_hint,
    derived_identity_change,
    read_identity,
    short_tag,
)
from fieldkit.survey.intake import Absorbed, Transition, forged_message
from fieldkit.survey.records import Conflict, InitiativeInfo, InterviewInfo, Revision
from fieldkit.survey.search import SearchHit
from fieldkit.survey.store import ChangeLog, FieldState, is_writable

__all__ = [
    "COLUMNS",
    "EARLIEST_STAMP",
    "LATEST_STAMP",
    "MAX_ATTACHMENT_BYTES",
    "SURVEY_ID",
    "Absorbed",
    "Change",
    "ChangeLog",
    "Conflict",
    "Device",
    "FieldState",
    "InitiativeInfo",
    "InterviewInfo",
    "Revision",
    "SearchHit",
    "Survey",
    "SurveyIdentity",
    "Transition",
    "adopt_hint",
    "build_demo",
    "check_field",
    "check_survey",
    "config_dir",
    "current_device",
    "decode",
    "derived_identity_change",
    "dump_text",
    "forged_message",
    "is_writable",
    "load_dump",
    "pack",
    "read_dump",
    "read_identity",
    "renew_device",
    "schema",
    "set_author",
    "short_tag",
    "to_iso",
    "within_bounds",
]
