"""The survey at a glance: initiatives and their visits as a tree, and search."""

from ui.overview.page import OverviewPage
from ui.overview.search import SearchBox, describe, found_words

__all__ = [
    "OverviewPage",
    "SearchBox",
    "describe",
    "found_words",
]
