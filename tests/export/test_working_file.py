"""The working file: everything about one initiative, internal material included, marked as such."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from fieldkit.export import write_working_file
from fieldkit.export.typography import NBSP
from fieldkit.survey import Survey
from tests.export.helpers import Garage, package_text, populate

MARK = "Document de travail — ne pas diffuser"


@pytest.fixture
def garage(survey: Survey, tmp_path: Path) -> Garage:
    garage = populate(survey, tmp_path)
    survey.set_answer(garage.first, "prochaines_etapes", "Rappeler Sandrine en janvier.")
    survey.add_note(garage.first, "Demander le bilan 2025.", "effets_constates")
    survey.add_note(garage.second, "Ambiance très chaleureuse.")
    return garage


@pytest.fixture
def working_file(survey: Survey, garage: Garage, tmp_path: Path) -> Path:
    return write_working_file(survey, garage.initiative, tmp_path / "dossier de travail.docx")


def test_every_page_says_it_is_a_working_document(working_file: Path) -> None:
    document = docx.Document(str(working_file))
    for section in document.sections:
        for header in (section.header, section.first_page_header, section.even_page_header):
            first = header.paragraphs[0]
            assert first.runs[0].text.startswith(MARK) and first.runs[0].bold


def test_every_answer_of_every_visit_is_there_internal_ones_marked(
    working_file: Path,
) -> None:
    texts = [p.text for p in docx.Document(str(working_file)).paragraphs]
    assert any(t.startswith("Visite du 1er mars 2026") for t in texts)
    assert any(t.startswith("Visite du 14 novembre 2026") for t in texts)  # a draft, included
    assert "Prochaines étapes convenues (interne). Rappeler Sandrine en janvier." in texts
    assert any(t.startswith("Note libre (interne). Personne B") for t in texts)  # refused
    assert f"Note{NBSP}: Demander le bilan 2025." in texts
    assert f"Note{NBSP}: Ambiance très chaleureuse." in texts
    assert "Questions sans réponse" in texts


def test_each_visit_says_its_status_completion_guide_and_who_consented(
    working_file: Path, survey: Survey
) -> None:
    document = docx.Document(str(working_file))
    facts = {r.cells[0].text: r.cells[1].text for r in document.tables[0].rows}
    assert facts["Statut"] == "brouillon"
    assert facts["Réponses"].count("/") == 1
    assert survey.guide_hash[:12] in facts["Guide d’entretien"]
    people = [[c.text for c in row.cells] for row in document.tables[1].rows]
    assert people[0][-1] == "Accepte d’être nommé·e"
    assert ["Sandrine Mercadier", "Coordinatrice", "PESAD 21", "oui"] in people


def test_someone_who_refused_is_still_never_named(working_file: Path) -> None:
    xml = package_text(working_file)
    assert "Julie" not in xml and "Perraud" not in xml


def test_where_the_writing_stands_is_said_section_by_section(
    survey: Survey, garage: Garage, tmp_path: Path
) -> None:
    survey.set_narrative(garage.initiative, "besoins", "Les besoins, **écrits**.")
    path = write_working_file(survey, garage.initiative, tmp_path / "d.docx", lang="en")
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    start = texts.index("Meeting unmet needs")
    assert texts[start + 1].startswith(f"Written by {survey.log.device.author}; last changed on ")
    assert texts[start + 2] == "Les besoins, écrits."
    assert texts[texts.index("In brief") + 1] == "To be written."
    assert texts[texts.index("Social innovation") + 1] == "To be written."
    assert texts[texts.index("The initiative") + 1] == "To be written: the visits gave material."
