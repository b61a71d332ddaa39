"""This installation's identity: a device id that never changes, and an author name.

Each laptop signs its changes with its device id, so the id must persist across
runs and differ between laptops. It lives in the user's configuration folder;
``FIELDKIT_CONFIG_DIR`` points elsewhere so tests and scripts can play several
laptops on one machine.
"""

from __future__ import annotations

import getpass
import json
import os
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

from fieldkit.errors import FieldkitError
from fieldkit.files import atomic_write_text

CONFIG_ENV = "FIELDKIT_CONFIG_DIR"


def config_dir() -> Path:
    """Return the folder of fieldkit's per-user settings, by platform convention."""
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


@dataclass(frozen=True)
class Device:
    id: str
    author: str


def _default_author() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "anonyme"


def _identity_file() -> Path:
    return config_dir() / "device.json"


def _read_identity() -> dict[str, str]:
    path = _identity_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        # A damaged identity file must not lock anyone out of their surveys;
        # a fresh id only means this laptop signs as a new device from now on.
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _write_identity(data: dict[str, str]) -> None:
    path = _identity_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    except OSError as error:
        raise FieldkitError(
            f"{path}: cannot save this device's identity ({error.strerror})"
        ) from None


def current_device() -> Device:
    """Return this installation's identity, creating it on first use."""
    data = _read_identity()
    if not data.get("device"):
        data["device"] = uuid.uuid4().hex
        _write_identity(data)
    return Device(id=data["device"], author=data.get("author") or _default_author())


def author_chosen() -> bool:
    """Whether someone chose the author name, rather than it being the login name."""
    return bool(_read_identity().get("author"))


def set_author(name: str) -> Device:
    """Remember the name this installation signs its changes with."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise FieldkitError("the author name cannot be empty")
    data = _read_identity()
    data.setdefault("device", uuid.uuid4().hex)
    data["author"] = cleaned
    _write_identity(data)
    return Device(id=data["device"], author=cleaned)
