"""A guide read once is read from the cache afterwards, and the cache can never make a
guide wrong: anything odd in it is ignored, and its data is checked like YAML's."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fieldkit.errors import GuideError
from fieldkit.guide import parse_guide, yaml_text
from fieldkit.guide.parsed import guide_data, kept_path
from fieldkit.resources import builtin_guide_path
from fieldkit.survey import build_demo

SMALL_GUIDE = """\
format: fieldkit-guide/1
id: petit-guide
version: "1"
title: Petit guide
sections:
  - id: accueil
    title: Accueil
    questions:
      - id: nom
        type: text
        label: Nom de l’initiative
"""


def refuse_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any YAML parsing fail loudly: what passes afterwards did not parse YAML."""

    def refuse(text: str, source: str) -> object:
        raise AssertionError("the YAML parser was used")

    monkeypatch.setattr(yaml_text, "load_yaml", refuse)


def test_a_guide_read_once_is_read_again_without_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    first = parse_guide(SMALL_GUIDE)
    assert kept_path(SMALL_GUIDE).is_file()
    refuse_yaml(monkeypatch)
    assert parse_guide(SMALL_GUIDE) == first


def test_the_kept_data_is_checked_like_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """A kept file edited by hand (or by anyone) cannot slip a bad guide in."""
    refuse_yaml(monkeypatch)
    kept = kept_path(SMALL_GUIDE)
    kept.parent.mkdir(parents=True, exist_ok=True)
    data = {"title": "Petit guide", "sections": [{"id": "accueil", "questions": "oops"}]}
    kept.write_text(json.dumps({"format": 1, "data": data}), encoding="utf-8")
    with pytest.raises(GuideError):
        parse_guide(SMALL_GUIDE)


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{not json",
        b"\xff\xfe\x00garbage",
        b'{"format": 999, "data": {}}',
        b'{"format": 1, "data": [1, 2]}',
        b"[" * 100_000,
    ],
    ids=["empty", "truncated", "binary", "other-format", "not-a-mapping", "deep"],
)
def test_a_damaged_kept_file_is_ignored_and_made_again(damage: bytes) -> None:
    kept = kept_path(SMALL_GUIDE)
    kept.parent.mkdir(parents=True, exist_ok=True)
    kept.write_bytes(damage)
    guide = parse_guide(SMALL_GUIDE)
    assert guide.id == "petit-guide"
    assert json.loads(kept.read_text(encoding="utf-8"))["data"]["title"] == "Petit guide"


def test_data_json_cannot_hold_exactly_is_not_kept() -> None:
    """A YAML date, or a number as a key, would come back from JSON as something else."""
    for text in ("when: 2026-12-04\n", "1: un\n", "value: .nan\n"):
        assert guide_data(text, lambda whole: yaml_text.load_yaml(whole, "<test>"))
        assert not kept_path(text).exists(), text


def test_a_cache_that_cannot_be_written_changes_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("FIELDKIT_CACHE_DIR", str(blocked))
    assert parse_guide(SMALL_GUIDE).id == "petit-guide"
    assert parse_guide(SMALL_GUIDE).id == "petit-guide"


def test_a_guide_too_large_is_refused_before_any_hash_or_cache() -> None:
    huge = "#" * (yaml_text.MAX_GUIDE_BYTES + 1)
    with pytest.raises(GuideError, match="larger than"):
        parse_guide(huge, "énorme.yaml")
    assert not kept_path(huge).exists()


def test_opening_a_survey_again_loads_no_yaml(tmp_path: Path, config_dir: Path) -> None:
    """Opening an interview: once the guide is kept, reading a survey's guide never imports YAML."""
    survey_path = tmp_path / "démo.fieldkit"
    build_demo(survey_path)
    shutil.rmtree(config_dir / "cache")  # kept when the survey was made: start afresh
    script = (
        "import sys\n"
        "from fieldkit.survey import ChangeLog, Survey, current_device\n"
        f"survey = Survey(ChangeLog.open({str(survey_path)!r}, current_device(), readonly=True))\n"
        "survey.guide\n"
        "print('yaml' in sys.modules)\n"
    )
    env = dict(os.environ, FIELDKIT_CONFIG_DIR=str(config_dir))
    runs = [
        subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
        ).stdout.strip()
        for _ in range(2)
    ]
    assert runs == ["True", "False"]


def test_the_built_in_guide_is_kept_whole() -> None:
    text = builtin_guide_path().read_text(encoding="utf-8")
    parsed = parse_guide(text)
    kept = json.loads(kept_path(text).read_text(encoding="utf-8"))["data"]
    assert kept == yaml_text.load_yaml(text, "<built-in>")
    assert parse_guide(text) == parsed
