"""An open survey as the window holds it: one writer thread, background
operations with progress, and saving without a Save button.
"""

from ui.session.autosave import SaveKey
from ui.session.operations import (
    Cancelled,
    Progress,
    SurveyExecutor,
    report_error,
    run_operation,
)
from ui.session.survey_session import SurveySession

__all__ = [
    "Cancelled",
    "Progress",
    "SaveKey",
    "SurveyExecutor",
    "SurveySession",
    "report_error",
    "run_operation",
]
