"""The monograph's outline a guide defines: its sections, what feeds each, what stays internal."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldkit.errors import GuideError
from fieldkit.guide import guide_to_json, load_guide, outline_of, parse_guide
from fieldkit.interop import read_guide_file

BUILTIN = load_guide()
OUTLINE = outline_of(BUILTIN)
DATA = Path(__file__).resolve().parents[1] / "data"


def test_the_builtin_outline_has_a_summary_themes_six_axes_and_lessons() -> None:
    kinds = [(s.id, s.kind) for s in OUTLINE.sections]
    assert kinds[0] == ("chapeau", "summary")
    assert kinds[-1] == ("enseignements", "lessons")
    themes = [s.title.get("fr") for s in OUTLINE.sections if s.kind == "theme"]
    assert themes == [
        "L’initiative",
        "Satisfaction de besoins non couverts",
        "L’innovation sociale",
        "Renforcement de la coopération entre acteurs",
    ]
    assert [s.tag for s in OUTLINE.axes()] == [f"axe:{n}" for n in range(1, 7)]
    assert all(s.title.get("en") for s in OUTLINE.sections)


def test_each_question_feeds_the_section_of_its_theme_first_then_of_its_axis() -> None:
    assert OUTLINE.home_of("origine_projet") == "besoins"  # theme:besoins and axe:2
    assert OUTLINE.home_of("axe1_part_locale") == "axe1"  # the axes section has no theme section
    assert OUTLINE.home_of("partenariats_financiers") == "enseignements"
    related = [q.id for q in OUTLINE.related("axe2")]
    assert "origine_projet" in related and "axe2_synergies" not in related


def test_working_material_is_internal_and_fed_nowhere() -> None:
    internal = {q.id for q in BUILTIN.all_questions() if q.internal}
    assert internal >= {"note_libre", "auteurs_monographie", "prochaines_etapes"}
    for question_id in internal:
        assert OUTLINE.home_of(question_id) is None
        assert all(
            question_id not in {q.id for q in OUTLINE.feeding(s.id)} for s in OUTLINE.sections
        )


def test_every_printable_question_has_exactly_one_home() -> None:
    assert OUTLINE.unplaced == ()
    homed = [q.id for s in OUTLINE.sections for q in OUTLINE.material(s.id)]
    assert len(homed) == len(set(homed))


def test_the_identity_card_takes_the_short_questions_and_other_specify_questions_merge() -> None:
    assert [q.id for q in OUTLINE.card] == [
        "initiative_territoire",
        "initiative_reseau",
        "type_initiative",
        "annee_creation",
        "formes_juridiques",
        "effectif_salarie",
    ]
    assert OUTLINE.precisions["sources_innovation_autre"].question == "sources_innovation"
    assert OUTLINE.precisions["origine_projet_autre"].value == "autre"
    assert OUTLINE.home_of("sources_innovation_autre") is None
    assert "type_initiative_autre" not in [q.id for q in OUTLINE.card]


def test_numbers_carry_their_unit() -> None:
    staff, share = BUILTIN.question("effectif_salarie"), BUILTIN.question("axe1_part_locale")
    assert staff is not None and share is not None
    assert staff.unit is not None and staff.unit.get("fr") == "équivalents temps plein"
    assert share.unit is not None and share.unit.get("en") == "%"


def test_an_xlsform_guide_gets_one_section_per_group() -> None:
    guide, _ = read_guide_file(DATA / "visite-kobo.xlsx")
    outline = outline_of(guide)
    groups = [s.title.get() for s in guide.sections]
    themes = [s.title.get() for s in outline.sections if s.kind == "theme"]
    assert themes == groups
    assert outline.sections[0].kind == "summary" and outline.sections[-1].kind == "lessons"
    assert outline.unplaced == ()


def test_a_guide_without_tags_gets_a_section_per_guide_section() -> None:
    guide = parse_guide(GUIDE.format(outline="", extra=""))
    outline = outline_of(guide)
    assert [s.id for s in outline.sections] == ["summary", "lieu", "gens", "lessons"]
    assert [q.id for q in outline.material("gens")] == ["recit"]


def test_the_outline_is_in_the_guide_as_json() -> None:
    data = guide_to_json(BUILTIN)
    assert data["outline"][0]["id"] == "chapeau"
    besoins = next(s for s in data["outline"] if s["id"] == "besoins")
    assert "besoins_non_couverts" in besoins["questions"]
    note = next(q for q in data["questions"] if q["id"] == "note_libre")
    assert note["internal"] is True


GUIDE = """
format: fieldkit-guide/1
id: petit
title: Petit guide
{outline}
sections:
  - id: lieu
    title: Le lieu
    questions:
      - {{id: nom, type: text, label: Nom}}
      - {{id: taille, type: integer, label: Taille{extra}}}
  - id: gens
    title: Les gens
    questions:
      - {{id: recit, type: long_text, label: Récit}}
      - {{id: en_off, type: long_text, label: En off, internal: true}}
"""


@pytest.mark.parametrize(
    ("outline", "extra", "problem"),
    [
        (
            "outline:\n  - {id: tout, title: Tout}\n  - {id: tout, title: Encore}",
            "",
            "section 'tout' appears twice",
        ),
        ("outline:\n  - {id: a, kind: chapitre, title: A}", "", "unknown kind 'chapitre'"),
        ("outline:\n  - {id: a, tag: 'theme:rien'}", "", "unknown tag 'theme:rien'"),
        ("outline:\n  - {id: a, title: A}", "", "question 'nom' feeds no section of the outline"),
        ("", ", feeds: ailleurs", "'feeds' names no section of the outline ('ailleurs'"),
        ("", ", unit: cm", ""),
    ],
    ids=["twice", "kind", "tag", "unplaced", "feeds", "unit-ok"],
)
def test_outline_mistakes_are_named_with_the_others(outline: str, extra: str, problem: str) -> None:
    text = GUIDE.format(outline=outline, extra=extra)
    if not problem:
        parse_guide(text)
        return
    with pytest.raises(GuideError, match=problem.replace("(", r"\(")):
        parse_guide(text)


def test_a_unit_only_fits_a_number() -> None:
    text = GUIDE.format(outline="", extra="").replace(
        "{id: nom, type: text, label: Nom}", "{id: nom, type: text, label: Nom, unit: cm}"
    )
    with pytest.raises(GuideError, match="only integer and decimal questions have a 'unit'"):
        parse_guide(text)


def test_feeds_sends_a_question_to_a_section() -> None:
    text = (
        GUIDE.format(
            outline="outline:\n  - {id: tout, title: Tout}",
            extra=", feeds: tout",
        )
        .replace("label: Nom}", "label: Nom, feeds: tout}")
        .replace("label: Récit}", "label: Récit, feeds: tout}")
    )
    outline = outline_of(parse_guide(text))
    assert [q.id for q in outline.material("tout")] == ["nom", "taille", "recit"]
