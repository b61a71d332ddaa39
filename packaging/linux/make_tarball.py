"""Pack the Linux one-folder build into the tarball a facilitator downloads.

An AppImage would need appimagetool, a binary fetched from outside the package
registries this project builds with; a tarball with an install script does the
same job honestly: unpack, run ``./install.sh``, and the menu entry, the icons
and the ``.fieldkit`` file type are registered for the user. Layout::

    fieldkit-<version>-linux-<arch>/
        install.sh                    installs into ~/.local (or --prefix)
        fieldkit/                     the PyInstaller one-folder app
        share/applications/fieldkit.desktop
        share/mime/packages/fieldkit.xml
        share/icons/hicolor/<size>/apps/fieldkit.{png,svg}

Usage: ``python packaging/linux/make_tarball.py dist/fieldkit`` (``make package``
runs it). The tarball is written beside the app folder.
"""

from __future__ import annotations

import argparse
import platform
import re
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
ICONS = ROOT / "resources" / "icons"


def version() -> str:
    """Read the version from fieldkit/__init__.py, the one source of truth."""
    text = (ROOT / "fieldkit" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if not found:
        raise SystemExit("fieldkit/__init__.py has no __version__")
    return found.group(1)


def tarball_name(arch: str | None = None) -> str:
    """Name the tarball after the version and the processor it runs on."""
    return f"fieldkit-{version()}-linux-{arch or platform.machine()}"


def members(app: Path) -> list[tuple[Path, str]]:
    """List (file on disk, name in the tarball) for everything the tarball holds."""
    files = [(LINUX / "install.sh", "install.sh")]
    files += [(LINUX / "fieldkit.desktop", "share/applications/fieldkit.desktop")]
    files += [(LINUX / "fieldkit-mime.xml", "share/mime/packages/fieldkit.xml")]
    files += [(ICONS / "fieldkit.svg", "share/icons/hicolor/scalable/apps/fieldkit.svg")]
    for png in sorted((ICONS / "hicolor").rglob("*.png")):
        files.append((png, f"share/icons/{png.relative_to(ICONS).as_posix()}"))
    files += [(path, f"fieldkit/{path.relative_to(app).as_posix()}") for path in _tree(app)]
    return files


def _tree(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def make_tarball(app: Path, out_dir: Path | None = None, arch: str | None = None) -> Path:
    """Write ``fieldkit-<version>-linux-<arch>.tar.gz`` from the one-folder ``app``."""
    if not (app / "fieldkit").is_file():
        raise SystemExit(f"{app}: no fieldkit executable here; build it with `make package`")
    name = tarball_name(arch)
    target = (out_dir or app.parent) / f"{name}.tar.gz"
    partial = target.with_name(target.name + ".part")
    with tarfile.open(partial, "w:gz") as tar:
        for source, inside in members(app):
            info = tar.gettarinfo(str(source), arcname=f"{name}/{inside}")
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            if info.isreg():
                with source.open("rb") as data:
                    tar.addfile(info, data)
            else:
                tar.addfile(info)
    # Renamed only once complete, like every file fieldkit writes.
    partial.replace(target)
    return target


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Pack the Linux build into a tarball.")
    parser.add_argument("app", type=Path, help="the one-folder build, e.g. dist/fieldkit")
    parser.add_argument("--out", type=Path, help="folder for the tarball (default: beside APP)")
    options = parser.parse_args(argv)
    print(make_tarball(options.app, options.out))


if __name__ == "__main__":
    main(sys.argv[1:])
