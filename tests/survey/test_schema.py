"""The schema ladder: old files are upgraded in one transaction, after a backup."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fieldkit.errors import FieldkitError
from fieldkit.survey import Survey, schema


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
