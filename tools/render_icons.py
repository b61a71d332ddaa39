"""Render fieldkit's icon set from its one drawing, resources/icons/fieldkit.svg.

The SVG is the source; the PNGs (the freedesktop ``hicolor`` sizes the Linux
menu and file manager pick from), the Windows ``.ico`` and the macOS ``.icns``
are generated from it and committed, so that a build needs no drawing tool.
Run it again after changing the SVG::

    .venv/bin/python tools/render_icons.py

Rendering uses Qt's own SVG renderer (QtSvg, part of PySide6-Essentials), the
same one that draws the icon in the running app. ICO and ICNS files are written
here by hand: both are simple containers of PNG images, and Qt cannot write
several sizes into one file.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SOURCE = ICONS / "fieldkit.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types holding PNG data, by pixel size (Apple's icon family).
ICNS_TYPES = ((b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256))
ICNS_TYPES += ((b"ic09", 512), (b"ic10", 1024), (b"ic11", 32), (b"ic12", 64), (b"ic13", 256))
ICNS_TYPES += ((b"ic14", 512),)


def png_path(folder: Path, size: int) -> Path:
    """Return where the PNG of one size goes, in the freedesktop theme layout."""
    return folder / "hicolor" / f"{size}x{size}" / "apps" / "fieldkit.png"


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    """Draw the SVG into a square transparent image and return it as PNG bytes."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """Pack PNG images into one .ico (PNG entries are read by Windows Vista and later)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 stands for 256 in an ICO entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """Pack PNG images into one .icns (each element: type, length, PNG data)."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def render_all(source: Path = SOURCE, folder: Path = ICONS) -> list[Path]:
    """Write every icon file made from ``source`` into ``folder`` and return their paths."""
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"{source}: not a valid SVG drawing")
    sizes = sorted({*PNG_SIZES, *ICO_SIZES, *(size for _, size in ICNS_TYPES)})
    pngs = {size: render_png(renderer, size) for size in sizes}
    written = []
    for size in PNG_SIZES:
        target = png_path(folder, size)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pngs[size])
        written.append(target)
    (folder / "fieldkit.ico").write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    (folder / "fieldkit.icns").write_bytes(icns_bytes(pngs))
    written += [folder / "fieldkit.ico", folder / "fieldkit.icns"]
    del app
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE, help="the SVG drawing")
    parser.add_argument("--out", type=Path, default=ICONS, help="folder to write into")
    options = parser.parse_args()
    for path in render_all(options.source, options.out):
        print(path)


if __name__ == "__main__":
    main()
