"""The window's own preferences, kept by Qt (QSettings) on this computer.

They live in ``fieldkit.ini`` in fieldkit's configuration folder, beside the
device identity (:func:`fieldkit.survey.config_dir`), so that
``FIELDKIT_CONFIG_DIR`` moves both: a test or a script that plays another
laptop never reads or writes the person's own settings.

The author name is not here: it belongs to the core (:mod:`fieldkit.survey.device`),
because the command line signs changes with it too.
"""

from __future__ import annotations

import json
from pathlib import Path

from fieldkit.survey import author_chosen, config_dir, current_device
from ui.qt import QByteArray, QSettings, QStandardPaths

LANGUAGES = ("fr", "en")
MAX_RECENT = 8
SETTINGS_FILE = "fieldkit.ini"


class Settings:
    """Typed access to the few things the window remembers between runs."""

    def __init__(self) -> None:
        # An INI file on every system (not the Windows registry): easy to inspect and move.
        self.path = config_dir() / SETTINGS_FILE
        self._store = QSettings(str(self.path), QSettings.Format.IniFormat)

    @property
    def language(self) -> str:
        value = str(self._store.value("language", "fr"))
        return value if value in LANGUAGES else "fr"

    @language.setter
    def language(self, value: str) -> None:
        self._store.setValue("language", value if value in LANGUAGES else "fr")

    @property
    def default_folder(self) -> Path:
        stored = self._store.value("default_folder", "")
        if stored:
            return Path(str(stored))
        # A fresh system may have no Documents folder (a minimal Linux, a new
        # account): the home folder, which always exists, rather than a dead end.
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        if documents and Path(documents).is_dir():
            return Path(documents)
        return Path.home()

    @default_folder.setter
    def default_folder(self, folder: Path) -> None:
        self._store.setValue("default_folder", str(folder))

    @property
    def recent_files(self) -> list[Path]:
        stored = self._store.value("recent_files", [])
        names = [stored] if isinstance(stored, str) else list(stored or [])
        return [Path(str(name)) for name in names if name]

    def remember_file(self, path: Path) -> None:
        """Put ``path`` first in the recent files, without duplicates."""
        resolved = path.resolve()
        others = [p for p in self.recent_files if p != resolved]
        self._store.setValue("recent_files", [str(p) for p in [resolved, *others][:MAX_RECENT]])

    def forget_file(self, path: Path) -> None:
        remaining = [p for p in self.recent_files if p != path]
        self._store.setValue("recent_files", [str(p) for p in remaining])

    @property
    def last_place(self) -> dict[str, object]:
        """Where the person last was: survey, interview, section, question, caret."""
        try:
            place = json.loads(str(self._store.value("last_place", "") or "{}"))
        except ValueError:
            return {}
        return place if isinstance(place, dict) else {}

    @last_place.setter
    def last_place(self, place: dict[str, object]) -> None:
        self._store.setValue("last_place", json.dumps(place, ensure_ascii=False))

    @property
    def facilitator_asked(self) -> bool:
        """Whether the first launch already asked the facilitator's name."""
        return str(self._store.value("facilitator_asked", "false")).lower() == "true"

    @facilitator_asked.setter
    def facilitator_asked(self, asked: bool) -> None:
        self._store.setValue("facilitator_asked", "true" if asked else "false")

    def sync_folder(self, survey: Path) -> Path | None:
        """The folder this survey was last synced with on this computer, if any."""
        stored = self._store.value(f"sync_folder/{_survey_key(survey)}", "")
        return Path(str(stored)) if stored else None

    def set_sync_folder(self, survey: Path, folder: Path) -> None:
        self._store.setValue(f"sync_folder/{_survey_key(survey)}", str(folder))

    def geometry(self, name: str) -> QByteArray | None:
        value = self._store.value(f"geometry/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, name: str, value: QByteArray) -> None:
        self._store.setValue(f"geometry/{name}", value)

    def sync(self) -> None:
        self._store.sync()


def _survey_key(survey: Path) -> str:
    """A settings key for a survey file: its resolved path, hashed (no slashes in keys)."""
    import hashlib

    return hashlib.sha256(str(Path(survey).resolve()).encode("utf-8")).hexdigest()[:20]


def known_author() -> str:
    """The name the person chose to sign with, or "" while they have not chosen one.

    Never the computer's login name ("root", "pc-accueil"), which the core
    falls back on: a field prefilled with it would put it on interviews.
    """
    return current_device().author if author_chosen() else ""
