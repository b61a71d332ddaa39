"""What the command-line tests share: a good survey to spoil, and the checks on a refusal."""

from __future__ import annotations

import hashlib
import os
import signal
import struct
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result

from fieldkit.survey import Survey

#: Files SQLite keeps beside a survey while it is open; never content of their own
#: once the survey is closed (an empty ``-wal``, a shared-memory index).
SIDECARS = ("-shm", "-wal")


def snapshot(folder: Path) -> dict[str, str]:
    """Hash every file under ``folder``; the SQLite sidecars only when they hold data."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        if path.name.endswith("-shm"):
            continue
        if path.name.endswith("-wal") and path.stat().st_size == 0:
            continue
        found[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.fixture
def untouched(tmp_path: Path) -> Iterator[Callable[[], None]]:
    """Call it once the files are laid out; after the test every file must be as it was."""
    taken: list[dict[str, str]] = []

    def take() -> None:
        taken.append(snapshot(tmp_path))

    yield take
    assert taken, "the test never took its snapshot"
    assert snapshot(tmp_path) == taken[0]


def refused(result: Result, culprit: Path | str, *fragments: str) -> str:
    """Exit 1; stderr starts with ``fieldkit: CULPRIT:`` and holds each fragment."""
    assert result.exit_code == 1, f"exit {result.exit_code}: {result.output}"
    assert "Traceback" not in result.output
    message = result.stderr.strip()
    assert message.startswith(f"fieldkit: {culprit}: "), message
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"
    return message


# -- a good survey to spoil --------------------------------------------------------


class Good:
    """A closed survey file with content, and the ids a command needs."""

    def __init__(self, path: Path, initiative: str, interview: str) -> None:
        self.path = path
        self.initiative = initiative
        self.interview = interview


@pytest.fixture
def good(survey_path: Path) -> Good:
    """A survey with enough visits and text to span a few hundred pages."""
    with Survey.open(survey_path) as survey:
        first_initiative = first_interview = ""
        for number in range(4):
            initiative = survey.add_initiative(f"Initiative {number}", territory="Nièvre")
            for visit in range(3):
                interview = survey.add_interview(initiative, f"2026-0{visit + 1}-1{number}")
                for question in ("besoins_non_couverts", "definition_innovation", "axe5_pistes"):
                    text = f"Coopération {number}.{visit} " + "mot " * 400
                    survey.set_answer(interview, question, text)
                survey.set_answer(interview, "annee_creation", 2000 + number)
                survey.add_quote(interview, "On répare aussi les gens. " * 20, "Mme L.")
                first_initiative = first_initiative or initiative
                first_interview = first_interview or interview
    for sidecar in SIDECARS:
        assert not Path(f"{survey_path}{sidecar}").exists()
    return Good(survey_path, first_initiative, first_interview)


# -- files to hand fieldkit ---------------------------------------------------------


def a_png(size: int = 4) -> bytes:
    """A small but real PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + b"\xff\x80\x00" * size for _ in range(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


# -- inputs that must not make a command wait ----------------------------------------

#: Longer than any command takes to refuse a file, shorter than anyone waits.
PATIENCE_SECONDS = 20


class Hung(Exception):
    """A command waited on a file instead of refusing it at once."""


@pytest.fixture
def never_waits() -> Iterator[None]:
    """Fail the test, rather than hang it, if a command waits on a pipe for a writer."""

    def give_up(signum: int, frame: object) -> None:
        raise Hung(f"still waiting after {PATIENCE_SECONDS} s: the file was opened, not refused")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(PATIENCE_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def a_pipe(folder: Path, name: str) -> Path:
    """A named pipe (FIFO) with a file's name: opening it waits for a writer, for ever."""
    path = folder / name
    os.mkfifo(path)
    return path


def a_device(folder: Path, name: str) -> Path:
    """A file's name for a device.

    /dev/null rather than /dev/zero, which never ends: both are devices, and
    refused as such before a byte is read, but code that read /dev/zero would
    take every byte of memory of the machine running the tests.
    """
    path = folder / name
    path.symlink_to(os.devnull)
    return path


#: Named pipes and device files are POSIX things.
posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
