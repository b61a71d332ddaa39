"""The monograph's narratives are survey data: saved as changes, with history, search and merge.

Issue 13: the narrative of each section, the summary and each axis analysis
are initiative-level text fields stored as ordinary changes. Two laptops
writing two sections merge without a conflict; the same section on both is
a conflict.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from fieldkit.errors import FieldkitError
from fieldkit.exchange.merge import merge_files
from fieldkit.survey import Survey, dump_text, load_dump, read_dump
from fieldkit.survey.check import check_survey
from fieldkit.survey.device import Device

Laptop = Callable[[str], Device]
SUMMARY = "Un garage **associatif** qui répare à prix coûtant."


@pytest.fixture
def garage(survey: Survey) -> str:
    initiative = survey.add_initiative("Garage solidaire du Val", territory="Dijon métropole")
    survey.add_interview(initiative, "2026-11-14", "Dijon", ["Camille Roussel"])
    return initiative


def test_a_narrative_is_saved_with_its_author_and_read_back(survey: Survey, garage: str) -> None:
    survey.set_narrative(garage, "chapeau", SUMMARY + "\n\n")
    found = survey.narratives(garage)
    assert list(found) == ["chapeau"]
    narrative = found["chapeau"]
    assert narrative.text == SUMMARY
    assert narrative.author == survey.log.device.author
    assert narrative.authors == (survey.log.device.author,)
    assert narrative.conflict is None
    assert narrative.time.startswith("20")


def test_an_empty_text_clears_the_section(survey: Survey, garage: str) -> None:
    survey.set_narrative(garage, "besoins", "Du texte.")
    survey.set_narrative(garage, "besoins", "   ")
    assert survey.narratives(garage) == {}
    assert [r.value for r in survey.narrative_history(garage, "besoins")][-1] == ""


def test_every_saved_version_is_in_the_history(survey: Survey, garage: str) -> None:
    survey.set_narrative(garage, "axe2", "Premier jet.")
    survey.log.mark_sent()  # the first version left the file: the next one is a new revision
    survey.set_narrative(garage, "axe2", "Second jet.")
    history = survey.narrative_history(garage, "axe2")
    assert [r.value for r in history] == ["Premier jet.", "Second jet."]
    assert [r.current for r in history] == [False, True]


def test_narratives_are_found_by_search(survey: Survey, garage: str) -> None:
    survey.set_narrative(garage, "cooperation", "Une charte signée avec les garagistes privés.")
    hits = survey.search("garagistes")
    assert [(h.entity, h.entity_id, h.field) for h in hits] == [
        ("initiative", garage, "narrative:cooperation")
    ]
    assert check_survey(survey) == []


def test_only_sections_of_the_outline_take_a_narrative(survey: Survey, garage: str) -> None:
    with pytest.raises(FieldkitError, match="the monograph's outline has no section 'conclusion'"):
        survey.set_narrative(garage, "conclusion", "Fin.")
    with pytest.raises(FieldkitError, match="no initiative with id 'nope'"):
        survey.set_narrative("nope", "chapeau", "Fin.")
    with pytest.raises(FieldkitError, match="no initiative with id 'nope'"):
        survey.narratives("nope")


def test_the_outline_follows_the_guide_of_the_latest_visit(survey: Survey, garage: str) -> None:
    assert [s.id for s in survey.outline(garage).sections][:2] == ["chapeau", "initiative"]
    lonely = survey.add_initiative("Sans visite")
    assert survey.outline(lonely).sections == survey.outline(garage).sections


def test_a_dump_carries_the_narratives_and_loads_them_back(
    survey: Survey, garage: str, tmp_path: Path
) -> None:
    survey.set_narrative(garage, "chapeau", SUMMARY)
    dumped = tmp_path / "dump.json"
    dumped.write_text(dump_text(survey), encoding="utf-8")
    with Survey.create(tmp_path / "copie.fieldkit") as copy:
        load_dump(copy, read_dump(dumped))
        assert copy.narratives(garage)["chapeau"].text == SUMMARY


def _two_laptops(survey_path: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The survey as it is on Alice's laptop, and a copy of it on Bruno's."""
    copy = tmp_path / "bruno.fieldkit"
    shutil.copyfile(survey_path, copy)
    return survey_path, copy


def test_two_laptops_writing_two_sections_merge_without_a_conflict(
    survey_path: Path, survey: Survey, garage: str, tmp_path: Path, laptop: Laptop
) -> None:
    survey.close()
    alice_path, bruno_path = _two_laptops(survey_path, tmp_path)
    with Survey.open(alice_path, device=laptop("Alice")) as alice:
        alice.set_narrative(garage, "besoins", "Les besoins, par Alice.")
    with Survey.open(bruno_path, device=laptop("Bruno")) as bruno:
        bruno.set_narrative(garage, "axe6", "Le programme, par Bruno.")

    merge_files(alice_path, [bruno_path], device=laptop("Alice"))
    merge_files(bruno_path, [alice_path], device=laptop("Bruno"))

    for path in (alice_path, bruno_path):
        with Survey.open(path, readonly=True) as merged:
            found = merged.narratives(garage)
            assert {s: n.text for s, n in found.items()} == {
                "besoins": "Les besoins, par Alice.",
                "axe6": "Le programme, par Bruno.",
            }
            assert found["besoins"].author == "Alice" and found["axe6"].author == "Bruno"
            assert merged.conflicts() == []
    with Survey.open(alice_path, readonly=True) as a, Survey.open(bruno_path, readonly=True) as b:
        assert dump_text(a) == dump_text(b)


def test_the_same_section_written_on_two_laptops_is_a_conflict(
    survey_path: Path, survey: Survey, garage: str, tmp_path: Path, laptop: Laptop
) -> None:
    survey.close()
    alice_path, bruno_path = _two_laptops(survey_path, tmp_path)
    for path, name in ((alice_path, "Alice"), (bruno_path, "Bruno")):
        with Survey.open(path, device=laptop(name)) as opened:
            opened.set_narrative(garage, "chapeau", f"Le chapeau de {name}.")

    merge_files(alice_path, [bruno_path], device=laptop("Alice"))

    with Survey.open(alice_path, device=laptop("Alice")) as merged:
        (conflict,) = merged.conflicts()
        assert conflict.id == f"initiative/{garage}/narrative:chapeau"
        assert sorted(v.value for v in conflict.values) == [
            "Le chapeau de Alice.",
            "Le chapeau de Bruno.",
        ]
        assert merged.narratives(garage)["chapeau"].conflict == conflict.id
        merged.resolve(conflict.id, "Le chapeau, écrit à deux.")
        assert merged.conflicts() == []
        assert merged.narratives(garage)["chapeau"].text == "Le chapeau, écrit à deux."
