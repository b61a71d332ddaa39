"""Pictures shrunk for the window: thumbnails of attachments, made off the GUI thread."""

from __future__ import annotations

from ui.qt import QImage, QSize, Qt


def fit_picture(data: bytes, width: int, height: int) -> QImage | None:
    """The picture in ``data`` shrunk to fit a box (never enlarged); None if it is none.

    QImage, unlike QPixmap, may be made outside the GUI thread, so thumbnails
    are made on the writer thread, next to the attachment's bytes.
    """
    image = QImage.fromData(data)
    if image.isNull():
        return None
    if image.width() <= width and image.height() <= height:
        return image
    return image.scaled(
        QSize(width, height),
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
