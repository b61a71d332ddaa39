"""Where fieldkit keeps its per-user files: the settings and the device identity
in one folder, caches in another, each where the platform expects it.

``FIELDKIT_CONFIG_DIR`` moves the first, and the cache with it, so that a test
or a script that plays another laptop on the same machine brings everything
of its own; ``FIELDKIT_CACHE_DIR`` moves the cache alone.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

CONFIG_ENV = "FIELDKIT_CONFIG_DIR"
CACHE_ENV = "FIELDKIT_CACHE_DIR"


def config_dir() -> Path:
    """The folder of fieldkit's per-user settings, by platform convention."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "fieldkit"


def cache_dir() -> Path:
    """The folder of what fieldkit can always make again (prepared photos, parsed guides)."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    config = os.environ.get(CONFIG_ENV)
    if config:
        return Path(config) / "cache"
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "fieldkit" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "fieldkit"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "fieldkit"
