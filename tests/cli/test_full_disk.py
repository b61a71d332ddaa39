"""A full disk or USB key: "disk full", naming the file, and nothing damaged or half written.

The disk is filled without root, by the folder: every SQLite connection to a
file there has its size pinned (``PRAGMA max_page_count``: SQLite then
reports ``SQLITE_FULL``, exactly as when ``write()`` fails with ``ENOSPC``),
and every Python write to a file there fails with ``ENOSPC``, as the system
call does on a full disk.
"""

from __future__ import annotations

import builtins
import errno
import gc
import io
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from fieldkit.files import DiskFull, is_disk_full
from fieldkit.survey import Device, Survey
from tests.cli.conftest import Good, snapshot
from tests.conftest import Cli

LONG_TEXT = "Une réponse qui ne tient plus sur le disque. " * 2000


class _NoSpaceLeft:
    """A file open for writing on a full disk: it opens, but no byte goes in."""

    def __init__(self, file: Any, name: str) -> None:
        self._file = file
        self._name = name

    def write(self, data: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), self._name)

    def writelines(self, lines: object) -> None:
        self.write(lines)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._file, name)

    def __enter__(self) -> _NoSpaceLeft:
        return self

    def __exit__(self, *exc: object) -> None:
        self._file.close()

    def __iter__(self) -> Iterator[Any]:
        return iter(self._file)


class FullDisks:
    """The folders whose disk is full, for the length of a test."""

    def __init__(self) -> None:
        self.folders: list[Path] = []

    def fill(self, folder: Path) -> None:
        self.folders.append(folder.resolve())

    def hold(self, path: object) -> bool:
        if not isinstance(path, str | os.PathLike) or str(path) in ("", ":memory:"):
            return False
        where = Path(os.fsdecode(path)).resolve()
        return any(folder == where or folder in where.parents for folder in self.folders)


@pytest.fixture
def full_disks(monkeypatch: pytest.MonkeyPatch) -> FullDisks:
    disks = FullDisks()
    real_connect, real_open = sqlite3.connect, io.open

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        connection = real_connect(*args, **kwargs)
        main = connection.execute("PRAGMA database_list").fetchone()[2]
        if disks.hold(main):
            # Not below its present size: the file may no longer grow.
            connection.execute("PRAGMA max_page_count = 1")
        return connection

    def open_(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        opened = real_open(file, mode, *args, **kwargs)
        if any(flag in mode for flag in "wax+") and disks.hold(file):
            return _NoSpaceLeft(opened, os.fsdecode(file))
        return opened

    monkeypatch.setattr(sqlite3, "connect", connect)
    monkeypatch.setattr(io, "open", open_)
    monkeypatch.setattr(builtins, "open", open_)
    return disks


@pytest.fixture
def unraisable(monkeypatch: pytest.MonkeyPatch) -> list[BaseException | None]:
    """Errors raised where nobody can catch them (a finalizer), which Python prints."""
    found: list[BaseException | None] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda args: found.append(args.exc_value))
    return found


def disk_full(result: Result, culprit: Path) -> None:
    """Exit 1, one line: ``fieldkit: CULPRIT: disk full (…)``."""
    assert result.exit_code == 1, f"exit {result.exit_code}: {result.output}"
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"fieldkit: {culprit}: disk full"), lines[0]
    assert "damaged" not in lines[0]


def a_peer(folder: Path, survey_path: Path, name: str = "fieldkit-yanis.fieldkit") -> Path:
    """Another laptop's file of the same survey, bringing a long answer."""
    peer = folder / name
    with Survey.open(survey_path) as original:
        original.save_copy(peer)
    with Survey.open(peer, device=Device("device-yanis", "Yanis")) as survey:
        initiative = survey.add_initiative("Tiers-lieu de la Vallée")
        interview = survey.add_interview(initiative, "2026-05-02")
        survey.set_answer(interview, "besoins_non_couverts", LONG_TEXT)
    return peer


# -- the survey's own disk ------------------------------------------------------------


def test_answer_on_a_full_disk(run: Cli, good: Good, full_disks: FullDisks) -> None:
    before = snapshot(good.path.parent)
    full_disks.fill(good.path.parent)
    disk_full(run("answer", good.path, good.interview, "note_libre", LONG_TEXT), good.path)
    assert snapshot(good.path.parent) == before
    full_disks.folders.clear()
    assert run("check", good.path).exit_code == 0


def test_merge_into_a_survey_on_a_full_disk(
    tmp_path: Path, run: Cli, good: Good, full_disks: FullDisks
) -> None:
    elsewhere = tmp_path / "reçu"
    elsewhere.mkdir()
    peer = a_peer(elsewhere, good.path)
    before = snapshot(good.path.parent)
    full_disks.fill(good.path.parent)
    disk_full(run("merge", good.path, peer), good.path)
    assert snapshot(good.path.parent) == before


def test_new_survey_on_a_full_disk(tmp_path: Path, run: Cli, full_disks: FullDisks) -> None:
    folder = tmp_path / "clé"
    folder.mkdir()
    full_disks.fill(folder)
    disk_full(run("new", folder / "visites.fieldkit"), folder / "visites.fieldkit")
    assert list(folder.iterdir()) == []


def test_sync_when_the_usb_key_is_full(
    tmp_path: Path, run: Cli, good: Good, full_disks: FullDisks
) -> None:
    key = tmp_path / "clé USB"
    key.mkdir()
    a_peer(key, good.path)
    key_before = snapshot(key)
    full_disks.fill(key)
    result = run("sync", good.path, key)
    assert result.exit_code == 1, result.output
    message = result.stderr.strip()
    assert message.startswith(f"fieldkit: {key}{os.sep}"), message
    assert ".fieldkit: disk full" in message, "the laptop's own file in the folder is named"
    # The laptop took its colleague's changes (its own disk has room); the
    # key holds no half-written file.
    assert snapshot(key) == key_before, "a half file was left on the key"
    full_disks.folders.clear()
    assert run("check", good.path).exit_code == 0


def test_sync_when_the_laptop_disk_is_full(
    tmp_path_factory: pytest.TempPathFactory, run: Cli, good: Good, full_disks: FullDisks
) -> None:
    """The survey is sound: it must not be called damaged, nor half merged."""
    key = tmp_path_factory.mktemp("clé USB")
    a_peer(key, good.path)
    dump_before = run("dump", good.path).stdout
    full_disks.fill(good.path.parent)
    disk_full(run("sync", good.path, key), good.path)
    full_disks.folders.clear()
    assert run("check", good.path).exit_code == 0
    assert run("dump", good.path).stdout == dump_before


# -- exports -------------------------------------------------------------------------------

EXPORTS: list[tuple[str, Callable[[Good], list[str]], str]] = [
    ("monograph", lambda good: ["--initiative", good.initiative, "--include-drafts"], "m.docx"),
    ("synthesis", lambda good: ["--include-drafts"], "synthese.docx"),
    ("xlsx", lambda good: [], "visites.xlsx"),
    ("csv", lambda good: [], "visites.csv"),
    ("json", lambda good: [], "visites.json"),
    ("qdpx", lambda good: [], "visites.qdpx"),
]


@pytest.mark.parametrize(("kind", "options", "name"), EXPORTS, ids=[kind for kind, _, _ in EXPORTS])
def test_an_export_to_a_full_disk(
    tmp_path: Path,
    run: Cli,
    good: Good,
    full_disks: FullDisks,
    unraisable: list[BaseException | None],
    kind: str,
    options: Callable[[Good], list[str]],
    name: str,
) -> None:
    key = tmp_path / "clé USB"
    key.mkdir()
    target = key / name
    full_disks.fill(key)
    disk_full(run("export", kind, good.path, *options(good), "-o", target), target)
    gc.collect()
    assert unraisable == [], "a half-written file complained as it was collected"
    assert list(key.iterdir()) == []


# -- what counts as a full disk --------------------------------------------------------------


def _sqlite_error(code: int, message: str) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError(message)
    error.sqlite_errorcode = code
    return error


@pytest.mark.parametrize("free", [0, 10**9], ids=["no space left", "space left"])
def test_a_disk_io_error_is_a_full_disk_only_when_the_disk_is_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, free: int
) -> None:
    """SQLite reports some of a full disk's failures (growing its -shm) as I/O errors."""
    usage = type("Usage", (), {"total": 10**10, "used": 10**10 - free, "free": free})
    monkeypatch.setattr("shutil.disk_usage", lambda path: usage)
    io_error = _sqlite_error(4874, "disk I/O error")  # SQLITE_IOERR_SHMSIZE
    assert is_disk_full(io_error, tmp_path) is (free == 0)
    assert is_disk_full(_sqlite_error(13, "database or disk is full"), tmp_path)
    assert is_disk_full(OSError(errno.ENOSPC, "No space left on device"))
    assert is_disk_full(DiskFull(tmp_path / "visites.fieldkit"))
    assert not is_disk_full(_sqlite_error(11, "database disk image is malformed"), tmp_path)
