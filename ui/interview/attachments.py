"""Attachments as the window handles them: thumbnails made off-thread, files opened."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fieldkit.survey import Survey
from ui.interview.side_panel import THUMBNAIL
from ui.qt import QDesktopServices, QImage, QUrl
from ui.widgets import fit_picture


def make_thumbnail(survey: Survey, attachment_id: str, size: int = THUMBNAIL * 2) -> QImage | None:
    """A picture attachment shrunk for the side panel (runs on the writer thread)."""
    return fit_picture(survey.attachment_data(attachment_id), size, size)


def is_picture(attachment: dict[str, object]) -> bool:
    return str(attachment.get("media_type", "")).startswith("image/")


class AttachmentOpener:
    """Copies an attachment to a private temporary folder and opens it with its app."""

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="fieldkit-")

    def open(self, filename: str, data: bytes) -> Path:
        name = Path(filename).name or "piece-jointe"
        target = Path(self._folder.name) / name
        target.write_bytes(data)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
        return target

    def cleanup(self) -> None:
        self._folder.cleanup()
