"""The synthesis, read back: every initiative side by side, axis by axis."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest

from fieldkit.export import write_synthesis
from fieldkit.export.typography import NBSP
from fieldkit.survey import Survey
from tests.export.helpers import PEOPLE, Garage, package_text, populate


@pytest.fixture
def two(survey: Survey, tmp_path: Path) -> tuple[Garage, str]:
    """The garage of the helpers, and a tiers-lieu with one short visit."""
    garage = populate(survey, tmp_path)
    other = survey.add_initiative("Tiers-lieu La Halte", territory="Côte-d’Or")
    visit = survey.add_interview(other, "2026-05-02", "Vernay", ["Camille Roussel"])
    survey.set_answer(visit, "axe1_part_locale", 40)
    survey.set_answer(visit, "besoins_non_couverts", "Plus de café ni de guichet.")
    return garage, visit


def _export(survey: Survey, tmp_path: Path, **options: Any) -> Path:
    options.setdefault("include_drafts", True)
    return write_synthesis(survey, tmp_path / "synthèse finale.docx", **options)


def test_axes_come_after_the_overview_and_the_summary(
    survey: Survey, two: tuple[Garage, str], tmp_path: Path
) -> None:
    document = docx.Document(str(_export(survey, tmp_path)))
    chapters = [p.text for p in document.paragraphs if p.style.name.casefold() == "heading 1"]
    assert chapters[:2] == ["Les initiatives", "Qui a répondu à quoi"]
    assert chapters[2].startswith(f"Axe 1{NBSP}:") and chapters[-1].startswith(f"Axe 6{NBSP}:")
    overview = [[c.text for c in r.cells] for r in document.tables[0].rows]
    assert [row[0] for row in overview[1:]] == ["Garage solidaire du Val", "Tiers-lieu La Halte"]


def test_short_answers_sit_side_by_side_in_a_table(
    survey: Survey, two: tuple[Garage, str], tmp_path: Path
) -> None:
    document = docx.Document(str(_export(survey, tmp_path)))
    tables = [[[c.text for c in r.cells] for r in t.rows] for t in document.tables]
    share = next(t for t in tables if ["Tiers-lieu La Halte", "40"] in t)
    assert ["Garage solidaire du Val", "70"] in share
    summary = tables[1]
    assert summary[0][:2] == ["Initiative", "Axe 1"]
    assert summary[2][0] == "Tiers-lieu La Halte" and summary[2][1].startswith("1/")


def test_long_answers_get_a_section_per_initiative(
    survey: Survey, two: tuple[Garage, str], tmp_path: Path
) -> None:
    survey.set_answer(two[0].first, "axe5_pistes", "Une piste longue. " * 40)
    document = docx.Document(str(_export(survey, tmp_path)))
    texts = [(p.style.name, p.text) for p in document.paragraphs]
    index = texts.index(
        ("Heading 2", "Comment ces besoins pourraient-ils être travaillés, et avec qui\u202f?")
    )
    assert texts[index + 1] == ("Heading 3", "Garage solidaire du Val")
    assert any(t.startswith("Pas de réponse.") and "Tiers-lieu La Halte" in t for _, t in texts)
    assert ("Normal", "Une piste longue. " * 39 + "Une piste longue.") in texts


def test_a_pseudonymized_synthesis_names_nobody(
    survey: Survey, two: tuple[Garage, str], tmp_path: Path
) -> None:
    xml = package_text(_export(survey, tmp_path, pseudonymize=True))
    for person in PEOPLE:
        for name in (person, *person.split()):
            assert name not in xml


def test_the_command_line_writes_the_synthesis(
    run: Any, survey_path: Path, survey: Survey, two: tuple[Garage, str], tmp_path: Path
) -> None:
    survey.close()
    out = tmp_path / "Synthèse.docx"
    result = run("export", "synthesis", survey_path, "-o", out, "--include-drafts", "--lang", "en")
    assert result.exit_code == 0, result.output
    chapters = [
        p.text for p in docx.Document(str(out)).paragraphs if p.style.name.casefold() == "heading 1"
    ]
    assert chapters[0] == "The initiatives"
