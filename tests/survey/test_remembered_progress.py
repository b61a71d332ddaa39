"""A survey file remembers each interview's progress until anything is written to it.

Listing a survey then needs neither the guide nor skip logic. Remembered
counts may be missing (the next listing counts), never out of date: every
transaction that writes raises the file's generation, and counts are used
only at the generation they were made at.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import fieldkit.survey.completion
from fieldkit.exchange.merge import merge_files
from fieldkit.survey import Survey, check_survey
from fieldkit.survey import progress as survey_progress
from fieldkit.survey.device import Device


def listing(survey: Survey) -> dict[str, tuple[int, int, str]]:
    return {i.id: (i.answered, i.applicable, i.last_change) for i in survey.interviews()}


@pytest.fixture
def counts_made(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times a listing counted progress instead of remembering it."""
    made: list[int] = []
    real = fieldkit.survey.completion.interview_completions

    def counting(*args: object) -> object:
        made.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(fieldkit.survey.completion, "interview_completions", counting)
    return made


@pytest.fixture
def visited(survey: Survey) -> tuple[Survey, str]:
    initiative = survey.add_initiative("Recyclerie du Val", territory="Doubs")
    interview = survey.add_interview(initiative, when="2026-03-04")
    survey.set_answer(interview, "description_initiative", "Une recyclerie")
    survey.add_interview(initiative, when="2026-03-05")
    return survey, interview


def test_a_remembered_listing_counts_nothing_and_says_what_counting_says(
    visited: tuple[Survey, str], counts_made: list[int]
) -> None:
    survey, _ = visited
    counted = listing(survey)
    survey.remember_progress()
    counts_made.clear()

    assert listing(survey) == counted
    assert counts_made == []


def test_an_answer_written_after_remembering_is_counted(
    visited: tuple[Survey, str], counts_made: list[int]
) -> None:
    survey, interview = visited
    survey.remember_progress()
    before = listing(survey)[interview]

    survey.set_answer(interview, "annee_creation", 2015)

    assert listing(survey)[interview][0] == before[0] + 1
    assert counts_made


def test_writing_an_unchanged_value_keeps_what_is_remembered(
    visited: tuple[Survey, str], counts_made: list[int]
) -> None:
    survey, interview = visited
    survey.remember_progress()
    counts_made.clear()

    survey.set_answer(interview, "description_initiative", "Une recyclerie")

    listing(survey)
    assert counts_made == []


def test_remembering_again_writes_nothing(visited: tuple[Survey, str]) -> None:
    survey, _ = visited
    survey.remember_progress()
    generation = survey.log.local("generation")
    kept = survey.log.local("progress")

    survey.remember_progress()

    assert (survey.log.local("generation"), survey.log.local("progress")) == (generation, kept)


def test_a_merge_makes_the_remembered_counts_stale(
    tmp_path: Path, visited: tuple[Survey, str], counts_made: list[int]
) -> None:
    survey, interview = visited
    survey.remember_progress()
    colleague = tmp_path / "collègue.fieldkit"
    survey.save_copy(colleague)
    with Survey.open(colleague, device=Device("laptop-b", "Bea")) as theirs:
        theirs.set_answer(interview, "annee_creation", 2015)
    before = listing(survey)[interview][0]
    counts_made.clear()

    merge_files(survey.path, [colleague])

    assert listing(survey)[interview][0] == before + 1
    assert counts_made


def test_a_copy_of_the_file_keeps_its_remembered_counts(
    tmp_path: Path, visited: tuple[Survey, str], counts_made: list[int]
) -> None:
    survey, _ = visited
    survey.remember_progress()
    expected = listing(survey)
    copy = survey.save_copy(tmp_path / "copie.fieldkit")
    counts_made.clear()

    with Survey.open(copy, readonly=True) as opened:
        assert listing(opened) == expected
    assert counts_made == []


@pytest.mark.parametrize(
    "kept",
    [
        "not json",
        "[]",
        '{"generation": "1"}',
        '{"generation": null, "version": "0", "interviews": {}}',
    ],
)
def test_remembered_counts_that_make_no_sense_are_counted_again(
    visited: tuple[Survey, str], counts_made: list[int], kept: str
) -> None:
    survey, _ = visited
    expected = listing(survey)
    survey.log.set_local("progress", kept)
    counts_made.clear()

    assert listing(survey) == expected
    assert counts_made


def test_counts_made_by_another_fieldkit_version_are_counted_again(
    visited: tuple[Survey, str], counts_made: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    survey, _ = visited
    survey.remember_progress()
    monkeypatch.setattr(survey_progress, "__version__", "99.0")
    counts_made.clear()

    listing(survey)

    assert counts_made


def test_a_transaction_rolled_back_leaves_the_generation(visited: tuple[Survey, str]) -> None:
    survey, interview = visited
    generation = survey.log.local("generation")

    with pytest.raises(RuntimeError), survey.log.transaction():
        survey.set_answer(interview, "annee_creation", 2015)
        raise RuntimeError("stop")

    assert survey.log.local("generation") == generation


def test_check_finds_remembered_counts_that_disagree_and_rebuild_forgets_them(
    visited: tuple[Survey, str],
) -> None:
    survey, interview = visited
    survey.remember_progress()
    assert check_survey(survey) == []
    kept = json.loads(survey.log.local("progress") or "")
    kept["interviews"][interview] = [99, 99, 0]
    with survey.log.transaction():  # a damaged file: the counts no longer say what it holds
        survey.log.connection.execute(
            "UPDATE local SET value = ? WHERE key = 'progress'", (json.dumps(kept),)
        )

    assert check_survey(survey) == [
        f"the progress remembered for interview {interview} disagrees with its answers"
    ]
    assert listing(survey)[interview][:2] == (99, 99)

    survey.log.rebuild()

    assert check_survey(survey) == []
    assert listing(survey)[interview][:2] != (99, 99)
