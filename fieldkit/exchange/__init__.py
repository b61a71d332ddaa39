"""Files meeting files: merging survey files, syncing through a shared folder,
reading files from elsewhere as untrusted input, and listing and resolving
the conflicts that come out of it.
"""

from fieldkit.exchange.conflicts import keep, open_conflicts, resolve_with
from fieldkit.exchange.merge import MergeReport, SourceReport, merge_files, merge_into
from fieldkit.exchange.sync import SyncReport, sync_folder

__all__ = [
    "MergeReport",
    "SourceReport",
    "SyncReport",
    "keep",
    "merge_files",
    "merge_into",
    "open_conflicts",
    "resolve_with",
    "sync_folder",
]
