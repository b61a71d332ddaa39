"""Opening a survey file: a crash never locks it, and a file's own code never runs.

A laptop whose battery dies during a WAL checkpoint leaves a main file shorter
than its header says, completed by the ``-wal`` beside it: SQLite opens it
intact, so fieldkit must too. A file received from elsewhere and opened as
one's own survey (or used as a merge target) may carry a trigger: it is
refused on opening, before anything could make it run.
"""

from __future__ import annotations

import shutil
import sqlite3
import struct
from collections.abc import Callable
from pathlib import Path

import pytest

from fieldkit.errors import FieldkitError
from fieldkit.exchange.merge import merge_files
from fieldkit.survey import Survey
from fieldkit.survey.device import Device
from tests.conftest import Cli

WAL_HEADER = 32
FRAME_HEADER = 24


def _wal_frames(wal: Path, page_size: int) -> list[tuple[int, bytes]]:
    """The (page number, page) of every frame of a write-ahead log, in order."""
    data = wal.read_bytes()
    frames = []
    for offset in range(
        WAL_HEADER, len(data) - FRAME_HEADER - page_size + 1, FRAME_HEADER + page_size
    ):
        (page,) = struct.unpack(">I", data[offset : offset + 4])
        frames.append((page, data[offset + FRAME_HEADER : offset + FRAME_HEADER + page_size]))
    return frames


def copy_with_wal(source: Path, copy: Path) -> None:
    """Copy a survey file as it lies on disk, its ``-wal`` included."""
    shutil.copyfile(source, copy)
    wal = source.with_name(source.name + "-wal")
    if wal.exists():
        shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))


def killed_mid_checkpoint(survey_path: Path, interview: str, into: Path) -> Path:
    """Leave in ``into`` the files a laptop killed half-way through a checkpoint leaves.

    Answers are saved while another connection keeps the WAL from being
    folded back; the files on disk are then copied as they are, and the
    first page of the copy receives its newest version from the log, as a
    checkpoint writes it first: the header now announces pages that only the
    ``-wal`` holds.
    """
    keeper = sqlite3.connect(survey_path)
    keeper.execute("PRAGMA wal_autocheckpoint = 0")
    keeper.execute("SELECT count(*) FROM changes").fetchone()
    with Survey.open(survey_path) as survey:
        survey.log.connection.execute("PRAGMA wal_autocheckpoint = 0")
        for number in range(40):
            survey.set_answer(interview, "description_initiative", f"Réponse {number} " * 400)
    into.mkdir(exist_ok=True)
    copy = into / survey_path.name
    copy_with_wal(survey_path, copy)
    keeper.close()
    page_size = struct.unpack(">H", copy.read_bytes()[16:18])[0]
    newest_first_page = [
        page
        for number, page in _wal_frames(copy.with_name(copy.name + "-wal"), page_size)
        if number == 1
    ][-1]
    with copy.open("r+b") as handle:
        handle.write(newest_first_page)
    announced = struct.unpack(">I", newest_first_page[28:32])[0] * page_size
    assert copy.stat().st_size < announced, "the copy must look truncated without its -wal"
    return copy


def test_a_survey_killed_during_a_checkpoint_opens_with_every_answer(
    survey_path: Path, interview: str, tmp_path: Path
) -> None:
    crashed = killed_mid_checkpoint(survey_path, interview, tmp_path / "crash")

    with Survey.open(crashed) as survey:
        assert survey.answers(interview)["description_initiative"] == "Réponse 39 " * 400


@pytest.fixture
def crash_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "crash"
    folder.mkdir()
    return folder


def test_every_command_reads_a_survey_killed_during_a_checkpoint(
    survey_path: Path, interview: str, crash_folder: Path, run: Cli
) -> None:
    crashed = killed_mid_checkpoint(survey_path, interview, crash_folder)

    for command in (["list"], ["check"], ["dump"]):
        result = run(*command, crashed)
        assert result.exit_code == 0, (command, result.output)


def test_a_survey_killed_during_a_checkpoint_merges_as_a_source(
    survey_path: Path, interview: str, crash_folder: Path, tmp_path: Path
) -> None:
    target = tmp_path / "target.fieldkit"
    copy_with_wal(survey_path, target)
    crashed = killed_mid_checkpoint(survey_path, interview, crash_folder)

    merge_files(target, [crashed])

    with Survey.open(target) as survey:
        assert survey.answers(interview)["description_initiative"] == "Réponse 39 " * 400


def test_a_file_truncated_without_a_wal_is_still_refused(survey_path: Path, tmp_path: Path) -> None:
    data = survey_path.read_bytes()
    cut = tmp_path / "cut.fieldkit"
    cut.write_bytes(data[: len(data) // 2])

    with pytest.raises(FieldkitError, match="truncated"):
        Survey.open(cut)


# -- foreign schema objects ----------------------------------------------------------


TRIGGER = (
    "CREATE TRIGGER eat AFTER INSERT ON changes BEGIN DELETE FROM changes WHERE id <> NEW.id; END"
)


def plant(path: Path, sql: str) -> None:
    """Add a schema object the way someone editing the file with SQLite would."""
    connection = sqlite3.connect(path)
    connection.execute(sql)
    connection.commit()
    connection.close()


def change_count(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("SELECT count(*) FROM changes").fetchone()[0])
    finally:
        connection.close()


FOREIGN_OBJECTS = {
    "trigger": (TRIGGER, "trigger of its own \\(eat\\)"),
    "view": ("CREATE VIEW peek AS SELECT * FROM changes", "view of its own \\(peek\\)"),
    "index": ("CREATE INDEX extra ON changes (value)", "index fieldkit does not know \\(extra\\)"),
    "virtual table": (
        "CREATE VIRTUAL TABLE more USING fts5(text)",
        "table fieldkit does not know \\(more\\)",
    ),
}


@pytest.mark.parametrize("kind", sorted(FOREIGN_OBJECTS))
def test_a_survey_carrying_a_foreign_object_is_refused_on_opening(
    survey_path: Path, interview: str, kind: str
) -> None:
    sql, message = FOREIGN_OBJECTS[kind]
    plant(survey_path, sql)

    with pytest.raises(FieldkitError, match=message):
        Survey.open(survey_path)


def test_a_trigger_never_runs_when_its_survey_is_written_to(
    survey_path: Path, interview: str, run: Cli
) -> None:
    plant(survey_path, TRIGGER)
    before = change_count(survey_path)

    result = run("answer", survey_path, interview, "description_initiative", "Un garage")

    assert result.exit_code == 1
    assert "trigger" in result.output
    assert change_count(survey_path) == before


def test_a_trigger_never_runs_in_a_merge_target(
    survey_path: Path,
    interview: str,
    tmp_path: Path,
    laptop: Callable[[str], Device],
) -> None:
    source = tmp_path / "source.fieldkit"
    copy_with_wal(survey_path, source)
    with Survey.open(source, device=laptop("bea")) as other:
        other.set_answer(interview, "description_initiative", "Écrit ailleurs")
    plant(survey_path, TRIGGER)
    before = change_count(survey_path)

    with pytest.raises(FieldkitError, match="trigger"):
        merge_files(survey_path, [source])
    assert change_count(survey_path) == before


def test_check_reports_a_foreign_trigger(survey_path: Path, run: Cli) -> None:
    plant(survey_path, TRIGGER)

    result = run("check", survey_path)

    assert result.exit_code == 1
    assert "trigger of its own (eat)" in result.output
