"""The synthesis, read back: every initiative side by side, axis by axis."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from fieldkit.export import write_synthesis
from fieldkit.export.content import gather_all
from fieldkit.export.typography import NARROW_NBSP, NBSP, typeset
from fieldkit.guide import outline_of
from fieldkit.survey import Survey, build_demo
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


def test_every_theme_and_every_axis_of_the_guide_has_its_chapter(
    survey: Survey, two: tuple[Garage, str], tmp_path: Path
) -> None:
    document = docx.Document(str(_export(survey, tmp_path)))
    chapters = [p.text for p in document.paragraphs if p.style.name.casefold() == "heading 1"]
    sections = outline_of(survey.guide).sections
    expected = [s.title.get("fr") for s in sections if s.kind != "summary"]  # no summary yet
    assert chapters == ["Les initiatives", *(typeset(t, "fr") for t in expected)]
    overview = [[c.text for c in r.cells] for r in document.tables[0].rows]
    assert [row[0] for row in overview[1:]] == ["Garage solidaire du Val", "Tiers-lieu La Halte"]


def _tables_with_captions(path: Path) -> list[tuple[str, list[list[str]]]]:
    """Each table of the document with the paragraph just before it."""
    document = docx.Document(str(path))
    found, caption = [], ""
    for element in document.element.body:
        if element.tag == qn("w:p"):
            caption = Paragraph(element, document).text or caption
        elif element.tag == qn("w:tbl"):
            table = Table(element, document)
            found.append((caption, [[c.text for c in row.cells] for row in table.rows]))
    return found


def test_closed_questions_are_cross_tables_whose_totals_count_the_initiatives(
    survey: Survey, two: tuple[Garage, str], tmp_path: Path
) -> None:
    survey.set_answer(two[1], "origine_projet", "commande_publique")
    tables = dict(_tables_with_captions(_export(survey, tmp_path)))
    origin = tables["Origine du projet"]
    assert origin[0] == ["Réponse", "Garage solidaire du Val", "Tiers-lieu La Halte", "Total"]
    rows = {row[0]: row[1:] for row in origin[1:]}
    assert rows["Mobilisation citoyenne"] == ["✓", "", "1"]
    assert rows["Commande publique (sollicitation d’une collectivité)"] == ["", "✓", "1"]
    assert rows["Initiatives ayant répondu"] == ["✓", "✓", "2"]
    domains = {row[0]: row[1:] for row in tables["Domaines de ces besoins"][1:]}
    assert domains["Initiatives ayant répondu"] == ["✓", "—", "1"]
    scale = tables[f"Au total, quelle était cette marge de manœuvre{NARROW_NBSP}?"]
    assert scale[4][0] == "4" and scale[4][1:] == ["✓", "", "1"]


def test_numbers_sit_side_by_side_with_their_unit(
    survey: Survey, two: tuple[Garage, str], tmp_path: Path
) -> None:
    tables = dict(_tables_with_captions(_export(survey, tmp_path)))
    share = tables["Part estimée des échanges réalisés avec des acteurs du territoire"]
    assert share[1:] == [
        ["Garage solidaire du Val", f"70{NARROW_NBSP}%"],
        ["Tiers-lieu La Halte", f"40{NARROW_NBSP}%"],
    ]


def test_open_answers_are_told_initiative_by_initiative(
    survey: Survey, two: tuple[Garage, str], tmp_path: Path
) -> None:
    survey.set_answer(two[0].first, "axe5_pistes", "Une piste longue. " * 40)
    document = docx.Document(str(_export(survey, tmp_path)))
    texts = [(p.style.name, p.text) for p in document.paragraphs]
    index = texts.index(
        (
            "Heading 1",
            f"Axe 5{NBSP}: recenser des besoins non couverts pour voir comment les travailler",
        )
    )
    assert texts[index + 1] == ("Heading 2", "Garage solidaire du Val")
    led = f"Comment ces besoins pourraient-ils être travaillés, et avec qui{NARROW_NBSP}? "
    led += f"(1er{NBSP}mars{NBSP}2026) "  # the garage was visited twice
    assert ("Normal", led + "Une piste longue. " * 39 + "Une piste longue.") in texts
    assert any(t.startswith("Rien encore pour") and "Tiers-lieu La Halte" in t for _, t in texts)


def test_the_title_page_says_what_the_synthesis_rests_on_and_what_it_leaves_out(
    survey: Survey, two: tuple[Garage, str], tmp_path: Path
) -> None:
    survey.set_status(two[1], "complete")
    left_out = [
        p.text
        for p in docx.Document(str(_export(survey, tmp_path, include_drafts=False))).paragraphs
    ]
    assert left_out[0] == "Synthèse des initiatives"
    assert left_out[1] == "une initiative et une visite, 2 mai 2026"
    assert "Monographie d’initiative" not in left_out[1]
    assert left_out[3] == (
        "2 visites encore en brouillon n’y figurent pas, faute d’avoir été marquées "
        f"terminées{NBSP}: Garage solidaire du Val (1er mars 2026) et "
        "Garage solidaire du Val (14 novembre 2026)."
    )
    everything = [p.text for p in docx.Document(str(_export(survey, tmp_path))).paragraphs]
    assert everything[1] == "2 initiatives et 3 visites, du 1er mars 2026 au 14 novembre 2026"
    assert everything[3] == "Les visites encore en brouillon y figurent."


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
    assert chapters[0] == "The initiatives" and "Meeting unmet needs" in chapters


def test_the_demo_synthesis_sets_narratives_side_by_side_and_gathers_axis_6(
    tmp_path: Path,
) -> None:
    demo = tmp_path / "démo.fieldkit"
    build_demo(demo)
    with Survey.open(demo, readonly=True) as survey:
        path = write_synthesis(survey, tmp_path / "synthèse.docx")
    body = [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]
    texts = [t for _, t in body]

    def chapter(title: str) -> list[tuple[str, str]]:
        start = body.index(("Heading 1", title))
        end = next((i for i in range(start + 1, len(body)) if body[i][0] == "Heading 1"), len(body))
        return body[start:end]

    needs = chapter("Satisfaction de besoins non couverts")
    escale = needs.index(("Heading 2", "L’Escale, relais local de l’économie solidaire"))
    assert needs[escale + 1][1].startswith("Tout commence par deux fermetures")  # its narrative
    paysan = needs.index(("Heading 2", "Devenir paysan"))
    assert needs[paysan + 1][1].startswith("Récit des débuts du projet. ")  # its answers
    programme = chapter(f"Axe 6{NBSP}: déterminer un programme d’action")
    words = "\n".join(t for _, t in programme)
    # Axis 6 gathers what is tagged with it wherever the monographs print it.
    assert "Collectivités impliquées" in words and "Partenariats financiers à mobiliser." in words
    assert "Prochaines étapes" not in "\n".join(texts)  # internal, even when tagged axe:6
    summaries = chapter("En bref")
    assert [t for s, t in summaries if s == "Heading 2"] == [
        "Générateur Bourgogne-Franche-Comté",
        "L’Escale, relais local de l’économie solidaire",
    ]


def test_the_demo_synthesis_has_every_theme_and_counts_the_initiatives_that_answered(
    tmp_path: Path,
) -> None:
    demo = tmp_path / "démo.fieldkit"
    build_demo(demo)
    with Survey.open(demo, readonly=True) as survey:
        path = write_synthesis(survey, tmp_path / "synthèse.docx")
        guide = survey.guide
        dossiers = gather_all(survey)
    chapters = {p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "Heading 1"}
    outline = outline_of(guide)
    for tag, label in guide.tags:
        if tag == "theme:axes":
            continue  # the guide's section of axis questions: read axis by axis
        section = next(s for s in outline.sections if s.tag == tag)
        assert typeset(section.title.get("fr"), "fr") in chapters, tag
        if tag.startswith("axe:"):
            assert typeset(label.get("fr"), "fr") in chapters
    labels = {typeset(q.label.get("fr"), "fr"): q for q in guide.questions}
    crosstabs = [(c, rows) for c, rows in _tables_with_captions(path) if rows[0][-1] == "Total"]
    assert len(crosstabs) >= 10
    for caption, rows in crosstabs:
        question = labels[caption]
        answering = sum(1 for d in dossiers if any(v.answered(question) for v in d.visits))
        assert rows[-1][0] == "Initiatives ayant répondu"
        assert rows[-1][-1] == str(answering), caption
        for row in rows[1:]:
            assert row[-1] == str(row[1:-1].count("✓")), caption


def test_with_many_initiatives_the_cross_table_has_a_row_per_initiative(
    survey: Survey, tmp_path: Path
) -> None:
    origins = ["mobilisation_citoyenne", "commande_publique", "acteurs_ess"] * 3 + [None]
    for index, origin in enumerate(origins):
        initiative = survey.add_initiative(f"Initiative {index:02d}")
        visit = survey.add_interview(initiative, "2026-05-02")
        if origin:
            survey.set_answer(visit, "origine_projet", origin)
        else:
            survey.set_answer(visit, "annee_creation", 2020)
    tables = dict(_tables_with_captions(_export(survey, tmp_path)))
    origin = tables["Origine du projet"]
    assert origin[0][0] == "Initiative" and origin[0][-1] == "Initiatives ayant répondu"
    assert [row[0] for row in origin[1:-1]] == [f"Initiative {i:02d}" for i in range(10)]
    assert origin[1][1:] == ["", "✓", "", "", "", "✓"]
    assert origin[10][-1] == "—"  # the one that did not say
    assert origin[-1] == ["Total", "3", "3", "3", "0", "0", "9"]
