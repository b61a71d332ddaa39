"""What a writing view shows beside a section: its state, and every visit's material for it."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from fieldkit.errors import FieldkitError
from fieldkit.export import section_material, section_states, write_monograph
from fieldkit.survey import Survey, markup
from tests.export.helpers import Garage, populate


@pytest.fixture
def garage(survey: Survey, tmp_path: Path) -> Garage:
    garage = populate(survey, tmp_path)
    survey.add_quote(
        garage.first, "Je préfère rester discrète.", "Julie Perraud", "besoins_non_couverts"
    )
    survey.set_answer(garage.second, "sources_innovation", ["nouvelles_solutions", "autre"])
    survey.set_answer(garage.second, "sources_innovation_autre", "Un atelier mobile")
    return garage


def test_each_section_says_whether_it_is_written_has_material_or_is_empty(
    survey: Survey, garage: Garage
) -> None:
    survey.set_narrative(garage.initiative, "chapeau", "Un garage.")
    states = {s.section.id: s for s in section_states(survey, garage.initiative)}
    assert states["chapeau"].state == "written"
    assert states["chapeau"].narrative is not None
    assert states["chapeau"].narrative.text == "Un garage."
    assert states["besoins"].state == "material"
    assert states["axe5"].state == "material"  # fed by the needs the besoins section prints
    assert states["axe3"].state == "empty"
    lonely = survey.add_initiative("Sans visite")
    assert {s.state for s in section_states(survey, lonely)} == {"empty"}


def test_a_sections_material_comes_with_its_visit_and_what_to_insert(
    survey: Survey, garage: Garage
) -> None:
    items = section_material(survey, garage.initiative, "besoins")
    answers = [i for i in items if i.kind == "answer"]
    assert [(i.question, i.visit_date) for i in answers][:3] == [
        ("origine_projet", "2026-03-01"),
        ("besoins_non_couverts", "2026-03-01"),
        ("besoins_non_couverts", "2026-11-14"),
    ]
    assert answers[0].text == "Mobilisation citoyenne"
    assert answers[0].people == ("Sandrine Mercadier", "Julie Perraud")
    quotes = {i.speaker: i for i in items if i.kind == "quote"}
    assert quotes["Sandrine Mercadier"].consent is True
    assert "Julie Perraud" not in quotes  # she refused to be quoted: nothing to insert
    assert markup.parse(quotes["Sandrine Mercadier"].markup) == [
        markup.Quotation(
            ("On répare des voitures, et du lien.",), "Sandrine Mercadier, 1er mars 2026"
        )
    ]


def test_choices_come_as_words_and_other_as_what_was_specified(
    survey: Survey, garage: Garage
) -> None:
    items = section_material(survey, garage.initiative, "innovation", "fr")
    (sources,) = [i for i in items if i.question == "sources_innovation"]
    assert sources.text == "Nouvelles solutions proposées et un atelier mobile"
    assert sources.label == "D’où vient l’innovation dans le projet ?"


def test_the_summary_offers_what_hangs_off_no_question(survey: Survey, garage: Garage) -> None:
    items = section_material(survey, garage.initiative, "chapeau")
    assert [(i.kind, i.text) for i in items] == [
        ("quote", "Ici, personne n’est de trop !"),
        ("photo", ""),  # no caption: never its file name, which may name someone
    ]
    assert items[1].markup == f"![](attachment:{items[1].attachment})"


def test_an_unknown_section_is_named(survey: Survey, garage: Garage) -> None:
    with pytest.raises(FieldkitError, match="has no section 'fin'"):
        section_material(survey, garage.initiative, "fin")


def test_a_photo_placed_in_a_narrative_is_a_figure_and_is_not_shown_again(
    survey: Survey, garage: Garage, tmp_path: Path
) -> None:
    (photo,) = [
        i for i in section_material(survey, garage.initiative, "initiative") if i.kind == "photo"
    ]
    survey.set_narrative(
        garage.initiative, "initiative", f"Le garage, vu du quai.\n\n{photo.markup}"
    )
    path = write_monograph(survey, garage.initiative, tmp_path / "m.docx", include_drafts=True)
    document = docx.Document(str(path))
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions == [
        "Figure 1\u00a0: Le quai, avec Sandrine",
        "Figure 2\u00a0: Visite du 14 novembre 2026",
    ]
    assert len(document.inline_shapes) == 2
