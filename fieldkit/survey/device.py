"""This installation's identity: a device id, and an author name.

Each laptop signs its changes with its device id, so the id must persist across
runs and differ between laptops. It lives in the user's configuration folder,
except on Windows, where that folder roams (a roaming profile copies it to
every computer the person logs on to): there it lives in the machine's own
application data. ``FIELDKIT_CONFIG_DIR`` points elsewhere so tests and
scripts can play several laptops on one machine.

Should two computers still sign as one (a configuration folder copied by
hand, a cloned disk), the first folder sync that notices it gives this one a
fresh id (:func:`renew_device`).
"""

from __future__ import annotations

import getpass
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from fieldkit.errors import FieldkitError
from fieldkit.files import atomic_write_text
from fieldkit.ids import new_id
from fieldkit.places import CONFIG_ENV, config_dir


@dataclass(frozen=True)
class Device:
    id: str
    author: str


def _default_author() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "anonyme"


def identity_dir() -> Path:
    """The machine-local folder of this installation's identity."""
    if os.environ.get(CONFIG_ENV) or sys.platform != "win32":
        return config_dir()
    return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "fieldkit"


def _identity_file() -> Path:
    return identity_dir() / "device.json"


def _read_identity() -> dict[str, str]:
    data = _read_json(_identity_file())
    roaming = config_dir() / "device.json"
    if not data and roaming != _identity_file():
        # Where an earlier fieldkit kept it on Windows: the author name is the
        # person's, and comes along; the device id may be another computer's.
        author = _read_json(roaming).get("author")
        return {"author": author} if author else {}
    return data


def _read_json(path: Path) -> dict[str, str]:
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
        data["device"] = new_id()
        _write_identity(data)
    return Device(id=data["device"], author=data.get("author") or _default_author())


def author_chosen() -> bool:
    """Whether someone chose the author name, rather than it being the login name."""
    return bool(_read_identity().get("author"))


def renew_device(device: Device) -> Device:
    """Sign from now on with a fresh device id, keeping the author name.

    For when another computer turns out to sign with this one's id. The
    installation's identity is renewed when ``device`` is the one it holds
    (a device made up by a script or a test is simply replaced).
    """
    fresh = Device(id=new_id(), author=device.author)
    data = _read_identity()
    if data.get("device") == device.id:
        data["device"] = fresh.id
        _write_identity(data)
    return fresh


def set_author(name: str) -> Device:
    """Remember the name this installation signs its changes with."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise FieldkitError("the author name cannot be empty")
    data = _read_identity()
    data.setdefault("device", new_id())
    data["author"] = cleaned
    _write_identity(data)
    return Device(id=data["device"], author=cleaned)
