"""Files meeting files: merging survey files of one survey, syncing through a shared
folder, joining a team's survey, reading files from elsewhere as untrusted input,
and listing and resolving the conflicts that come out of it.
"""

from fieldkit.exchange.conflicts import keep, open_conflicts, resolve_with
from fieldkit.exchange.folder import own_file_name
from fieldkit.exchange.join import (
    FolderSurvey,
    adopt,
    choose_survey,
    join_into,
    join_survey,
    remove_survey_file,
    surveys_in,
)
from fieldkit.exchange.merge import MergeReport, merge_files, merge_into
from fieldkit.exchange.report import KINDS, Counts, SourceReport
from fieldkit.exchange.sync import SyncReport, sync_folder

__all__ = [
    "KINDS",
    "Counts",
    "FolderSurvey",
    "MergeReport",
    "SourceReport",
    "SyncReport",
    "adopt",
    "choose_survey",
    "join_into",
    "join_survey",
    "keep",
    "merge_files",
    "merge_into",
    "open_conflicts",
    "own_file_name",
    "remove_survey_file",
    "resolve_with",
    "surveys_in",
    "sync_folder",
]
