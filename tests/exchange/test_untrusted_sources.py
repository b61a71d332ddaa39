"""Files from elsewhere are untrusted: every bad source is refused, by name, harmlessly.

DESIGN.md §4 and issue 4: a merge source is read from a private snapshot,
read-only, and checked (identity, schema version, integrity, the exact schema
with no trigger or view of its own, every row) before anything is taken. Each
rejection leaves the target byte for byte as it was, and its message names
the file and the reason.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from fieldkit.errors import FieldkitError
from fieldkit.exchange.merge import merge_files
from fieldkit.survey import Survey
from fieldkit.survey.device import Device
from tests.conftest import Cli

Laptop = Callable[[str], Device]
NEW_ANSWER = "Un ancien moulin transformé en atelier"


def fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


@pytest.fixture
def target(tmp_path: Path, laptop: Laptop) -> Path:
    path = tmp_path / "cible.fieldkit"
    with Survey.create(path, device=laptop("base")) as survey:
        initiative = survey.add_initiative("Garage solidaire du Val")
        survey.add_interview(initiative, "2026-11-14", "Dijon", id="visite-1")
    return path


@pytest.fixture
def source(target: Path, laptop: Laptop, tmp_path: Path) -> Path:
    """A colleague's copy of the target, with one new answer and one new photo."""
    path = tmp_path / "reçus" / "copie de Bruno.fieldkit"
    path.parent.mkdir()
    shutil.copyfile(target, path)
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8" + b"atelier" * 100 + b"\xff\xd9")
    with Survey.open(path, device=laptop("bruno")) as bruno:
        bruno.set_answer("visite-1", "description_initiative", NEW_ANSWER)
        bruno.attach("visite-1", photo)
    return path


def sql(path: Path, *statements: str) -> None:
    """Alter a file behind fieldkit's back, as a damaged or forged copy would be."""
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as connection:
        for statement in statements:
            connection.execute(statement)


NEW_CHANGE = "(SELECT id FROM changes WHERE value = '\"" + NEW_ANSWER + "\"')"


def not_sqlite(path: Path) -> None:
    path.write_text("Compte rendu de la visite du 14 novembre\n", encoding="utf-8")


def other_application(path: Path) -> None:
    path.unlink()
    sql(path, "CREATE TABLE contacts (name TEXT)", "INSERT INTO contacts VALUES ('Camille')")


def truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def hot_journal(path: Path) -> None:
    path.with_name(path.name + "-journal").write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" * 64)


#: name: (how the file is spoiled, what the message must say)
SPOILED: dict[str, tuple[Callable[[Path], None], str]] = {
    "not SQLite": (not_sqlite, "not a fieldkit survey file: this file holds something else"),
    "another application's SQLite": (
        other_application,
        "not a fieldkit survey file: a database of another program",
    ),
    "truncated": (truncated, "the file is truncated"),
    "newer schema": (
        lambda p: sql(p, "PRAGMA user_version = 2"),
        "made by a newer fieldkit",
    ),
    "added trigger": (
        lambda p: sql(
            p,
            "CREATE TRIGGER espion AFTER INSERT ON changes BEGIN DELETE FROM blobs; END",
        ),
        r"carries a trigger of its own \(espion\)",
    ),
    "added view": (
        lambda p: sql(p, "CREATE VIEW carnet AS SELECT * FROM local"),
        r"carries a view of its own \(carnet\)",
    ),
    "a view of fieldkit's name redefined": (
        lambda p: sql(p, "DROP VIEW answers", "CREATE VIEW answers AS SELECT 1"),
        "view answers is not the one fieldkit makes",
    ),
    "an added column": (
        lambda p: sql(p, "ALTER TABLE changes ADD COLUMN remarque TEXT"),
        "table changes is not the one fieldkit makes",
    ),
    "unknown entity": (
        lambda p: sql(p, f"UPDATE changes SET entity = 'espion' WHERE id = {NEW_CHANGE}"),
        "unknown entity 'espion' in a change",
    ),
    "unknown field": (
        lambda p: sql(
            p,
            "UPDATE changes SET entity = 'initiative', field = 'mot_de_passe' "
            f"WHERE id = {NEW_CHANGE}",
        ),
        "unknown field 'mot_de_passe' of 'initiative'",
    ),
    "malformed value": (
        lambda p: sql(p, f"UPDATE changes SET value = '{{pas du JSON' WHERE id = {NEW_CHANGE}"),
        "has a malformed value",
    ),
    "text that is not UTF-8": (
        lambda p: sql(
            p, f"UPDATE changes SET value = CAST(X'22ff22' AS TEXT) WHERE id = {NEW_CHANGE}"
        ),
        "damaged or unreadable",
    ),
    "a value stored as bytes": (
        lambda p: sql(p, f"UPDATE changes SET value = X'2222' WHERE id = {NEW_CHANGE}"),
        "has a malformed value",
    ),
    "impossible time stamp": (
        lambda p: sql(p, f"UPDATE changes SET hlc = -42 WHERE id = {NEW_CHANGE}"),
        "has an impossible time stamp",
    ),
    "malformed superseded list": (
        lambda p: sql(p, f"UPDATE changes SET supersedes = '[1, 2]' WHERE id = {NEW_CHANGE}"),
        "has a malformed list of superseded changes",
    ),
    "a change superseding itself": (
        lambda p: sql(p, f"UPDATE changes SET supersedes = json_array(id) WHERE id = {NEW_CHANGE}"),
        "supersedes itself",
    ),
    "a malformed change id": (
        lambda p: sql(
            p, f"UPDATE changes SET id = 'un id; avec des espaces' WHERE id = {NEW_CHANGE}"
        ),
        "has a malformed id",
    ),
    "attachment bytes not matching their hash": (
        lambda p: sql(p, "UPDATE blobs SET data = zeroblob(size)"),
        "does not match its hash",
    ),
    "attachment claiming 2 GB": (
        lambda p: sql(p, "UPDATE blobs SET size = 2147483648"),
        "claims 2147483648 bytes, more than the 200 MB an attachment may have",
    ),
    "attachment shorter than it claims": (
        lambda p: sql(p, "UPDATE blobs SET size = size + 1"),
        "is not the size it claims",
    ),
    "guide snapshot not matching its hash": (
        lambda p: sql(p, "INSERT INTO guides VALUES ('" + "a" * 64 + "', 'sections: []')"),
        "guide snapshot aaaaaaaaaaaa does not match its hash",
    ),
    "a write interrupted half-way": (hot_journal, "a write to the file was interrupted"),
}


@pytest.mark.parametrize("spoil", list(SPOILED), ids=list(SPOILED))
def test_a_bad_source_is_refused_by_name_and_the_target_is_untouched(
    target: Path, source: Path, laptop: Laptop, spoil: str
) -> None:
    alter, reason = SPOILED[spoil]
    alter(source)
    before = fingerprint(target)

    with pytest.raises(FieldkitError, match=f"^{re.escape(str(source))}: .*{reason}"):
        merge_files(target, [source], device=laptop("alice"))

    assert fingerprint(target) == before
    assert not target.with_name(target.name + "-wal").exists()


@pytest.mark.parametrize("spoil", ["added trigger", "attachment claiming 2 GB", "truncated"])
def test_the_command_line_names_the_file_and_the_reason_and_exits_1(
    run: Cli, target: Path, source: Path, spoil: str
) -> None:
    alter, reason = SPOILED[spoil]
    alter(source)
    before = fingerprint(target)

    result = run("merge", target, source)

    assert result.exit_code == 1
    assert re.match(f"fieldkit: {re.escape(str(source))}: .*{reason}", result.stderr)
    assert result.stderr.count("\n") == 1
    assert fingerprint(target) == before


def test_a_trigger_in_a_source_never_runs(target: Path, source: Path, laptop: Laptop) -> None:
    sql(source, "CREATE TRIGGER vandale AFTER INSERT ON changes BEGIN DELETE FROM changes; END")
    with pytest.raises(FieldkitError):
        merge_files(target, [source], device=laptop("alice"))
    with contextlib.closing(sqlite3.connect(source)) as raw:
        assert raw.execute("SELECT count(*) FROM changes").fetchone()[0] > 0


def test_a_missing_source_or_a_folder_is_refused_by_name(
    target: Path, tmp_path: Path, laptop: Laptop
) -> None:
    for bad, reason in ((tmp_path / "absent.fieldkit", "no such file"), (tmp_path, "is a folder")):
        with pytest.raises(FieldkitError, match=f"^{re.escape(str(bad))}: {reason}"):
            merge_files(target, [bad], device=laptop("alice"))


def test_the_source_is_read_from_a_snapshot_and_never_written(
    target: Path, source: Path, laptop: Laptop
) -> None:
    source.chmod(0o444)
    source.parent.chmod(0o555)
    try:
        before = fingerprint(source)
        merge_files(target, [source], device=laptop("alice"))
        assert fingerprint(source) == before
        assert sorted(p.name for p in source.parent.glob(source.name + "*")) == [source.name]
    finally:
        source.parent.chmod(0o755)
        source.chmod(0o644)
