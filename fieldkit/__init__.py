"""fieldkit: offline-first field interviews, mergeable survey files, Word monographs.

This package is the core. It never imports Qt, so the command line, the tests
and the desktop client (``ui``) all share one engine.
"""

__version__ = "0.1.0"
