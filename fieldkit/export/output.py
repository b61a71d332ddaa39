"""Where an export lands: checked first, written beside, renamed at the end.

Every export goes through :func:`export_files`, so that a failed or cancelled
export never leaves a half file under the real name, and a document someone
has open in Word or LibreOffice is not replaced under their feet.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from fieldkit.errors import FieldkitError
from fieldkit.files import atomic_path


def office_lock(target: Path) -> Path | None:
    """Return the lock file an office suite keeps beside ``target`` while it is open.

    LibreOffice writes ``.~lock.NAME#``; Word writes ``~$`` followed by the
    name, shortened by one or two letters when it is long.
    """
    name = target.name
    candidates = [f".~lock.{name}#", f"~${name}", f"~${name[1:]}", f"~${name[2:]}"]
    return next((target.parent / c for c in candidates if (target.parent / c).is_file()), None)


def check_target(target: Path) -> None:
    """Refuse, with a clear sentence, a target that cannot or must not be written."""
    if target.is_dir():
        raise FieldkitError(f"{target}: is a folder; give a file name to export to")
    if not target.parent.is_dir():
        raise FieldkitError(f"{target.parent}: no such folder")
    lock = office_lock(target)
    if lock is not None:
        raise FieldkitError(
            f"{target}: the file is open in another program (lock file {lock.name}); "
            "close it and export again"
        )


#: Called with each written file and its target before the renames; raising stops them.
Verify = Callable[[Path, Path], None]


@contextlib.contextmanager
def export_files(targets: Sequence[Path], verify: Verify | None = None) -> Iterator[list[Path]]:
    """Yield temporary paths beside ``targets``; rename them over the targets on success.

    Every target is checked before anything is written; the renames happen
    only once every file has been written and passed ``verify`` (the leak
    check of :mod:`fieldkit.export.privacy`).
    """
    targets = [Path(t) for t in targets]
    for target in targets:
        check_target(target)
    with contextlib.ExitStack() as stack:
        temporaries = [stack.enter_context(_beside(t)) for t in targets]
        yield temporaries
        for temporary, target in zip(temporaries, targets, strict=True):
            if verify is not None:
                verify(temporary, target)
            _give_usual_permissions(temporary, target)


@contextlib.contextmanager
def _beside(target: Path) -> Iterator[Path]:
    """:func:`atomic_path`, with its two permission failures told apart in words."""
    replacing = False
    try:
        with atomic_path(target) as temporary:
            yield temporary
            replacing = True
    except PermissionError:
        if replacing:
            # On Windows, replacing a file that Word holds open fails here.
            raise FieldkitError(
                f"{target}: cannot be replaced; if it is open in another program "
                "(Word, a spreadsheet), close it and export again"
            ) from None
        raise FieldkitError(f"{target.parent}: cannot write in this folder") from None


@contextlib.contextmanager
def export_file(target: Path, verify: Verify | None = None) -> Iterator[Path]:
    """The one-file case of :func:`export_files`."""
    with export_files([target], verify) as temporaries:
        yield temporaries[0]


def _give_usual_permissions(temporary: Path, target: Path) -> None:
    """Give the new file the permissions of the file it replaces, or the user's default.

    A temporary file is created readable by its owner only; a document meant
    for a shared folder must not keep that.
    """
    try:
        mode = target.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    os.chmod(temporary, mode)


def _umask() -> int:
    """Read the process's umask without changing it (Linux), else assume 022."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    return 0o022
