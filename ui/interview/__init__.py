"""Running the guide: the interview view, its sections and editors, the people
met, quotes, attachments, an answer's history and what is still missing.
"""

from ui.interview.start_dialog import InitiativeDialog, InterviewDialog, start_interview
from ui.interview.view import InterviewView

__all__ = [
    "InitiativeDialog",
    "InterviewDialog",
    "InterviewView",
    "start_interview",
]
