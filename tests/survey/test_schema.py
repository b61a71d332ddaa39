"""The schema ladder: old files are upgraded in one transaction, after a backup."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from fieldkit.errors import FieldkitError
from fieldkit.messages import translate
from fieldkit.survey import Survey, schema

NBSP = "\u00a0"


def _version(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return int(connection.execute("PRAGMA user_version").fetchone()[0])


def _add_column(connection: sqlite3.Connection) -> None:
    connection.execute("ALTER TABLE local ADD COLUMN note TEXT")


def _fail_halfway(connection: sqlite3.Connection) -> None:
    connection.execute("ALTER TABLE local ADD COLUMN note TEXT")
    raise FieldkitError("step 1 failed")


def test_a_new_file_carries_fieldkits_marks(survey_path: Path) -> None:
    with sqlite3.connect(survey_path) as connection:
        assert connection.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert _version(survey_path) == schema.SCHEMA_VERSION


def test_an_older_file_is_upgraded_after_a_backup(
    survey_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(schema, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    monkeypatch.setitem(schema.MIGRATIONS, schema.SCHEMA_VERSION - 1, _add_column)
    Survey.open(survey_path).close()
    assert _version(survey_path) == schema.SCHEMA_VERSION
    backup = survey_path.with_name(f"{survey_path.name}.v{schema.SCHEMA_VERSION - 1}.bak")
    assert _version(backup) == schema.SCHEMA_VERSION - 1
    with sqlite3.connect(survey_path) as connection:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(local)")]
    assert "note" in columns


def test_a_failed_upgrade_leaves_the_file_at_its_old_version(
    survey_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = schema.SCHEMA_VERSION
    monkeypatch.setattr(schema, "SCHEMA_VERSION", old + 1)
    monkeypatch.setitem(schema.MIGRATIONS, old, _fail_halfway)
    with pytest.raises(FieldkitError, match="step 1 failed"):
        Survey.open(survey_path)
    assert _version(survey_path) == old
    with sqlite3.connect(survey_path) as connection:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(local)")]
    assert "note" not in columns


def test_an_older_file_is_not_upgraded_by_a_read_only_open(
    survey_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(schema, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    before = survey_path.read_bytes()
    with pytest.raises(FieldkitError, match="older fieldkit"):
        Survey.open(survey_path, readonly=True)
    assert survey_path.read_bytes() == before


def _another_programs_database(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE contacts (name TEXT)")


def _text(path: Path) -> None:
    path.write_text("Compte rendu de la visite.\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("make", "english", "french"),
    [
        (_text, "this file holds something else", "ce fichier contient autre chose"),
        (
            _another_programs_database,
            "a database of another program",
            "une base de données d’un autre logiciel",
        ),
    ],
    ids=["text", "another-program"],
)
def test_a_file_that_is_no_survey_is_told_in_plain_words(
    tmp_path: Path, make: Callable[[Path], None], english: str, french: str
) -> None:
    path = tmp_path / "visite.fieldkit"
    make(path)
    with pytest.raises(FieldkitError) as raised:
        Survey.open(path)
    message = str(raised.value)
    assert message == f"{path}: not a fieldkit survey file: {english}"
    assert translate(message, "fr") == (
        f"{path}{NBSP}: pas un fichier d’enquête fieldkit{NBSP}: {french}"
    )
    assert "SQLite" not in message and "SQLite" not in translate(message, "fr")
