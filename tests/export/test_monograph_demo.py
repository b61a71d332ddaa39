"""The demo's monographs read back: what issue 13 measured on them, measured again.

L'Escale's monograph is entirely written, the Générateur's half written, the
others not at all: between them they show narratives, condensed answers and
the reading along the axes as a reader gets them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from fieldkit.export import write_monograph
from fieldkit.guide import outline_of
from fieldkit.survey import Survey, build_demo
from fieldkit.survey.device import Device
from tests.export.helpers import package_text

#: Reading the demo needs a device, not this machine's configuration.
READER = Device(id="device-reader", author="Lecteur")
KEYS = {"escale": "L’Escale", "generateur": "Générateur", "bethune": "Territoire coopératif"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Survey]:
    path = tmp_path_factory.mktemp("demo") / "démo.fieldkit"
    build_demo(path)
    with Survey.open(path, readonly=True, device=READER) as survey:
        yield survey


@pytest.fixture(scope="module")
def monographs(demo: Survey, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("monographies")
    found = {}
    for key, start in KEYS.items():
        initiative = next(i for i in demo.initiatives() if i.name.startswith(start))
        drafts = key == "bethune"  # its draft visit specified an "Autre"
        found[key] = write_monograph(
            demo, initiative.id, folder / f"{key}.docx", include_drafts=drafts
        )
    return found


def _body(path: Path) -> list[tuple[str, str]]:
    """(style, text) of every paragraph outside the table of contents."""
    document = docx.Document(str(path))
    return [
        (p.style.name, p.text) for p in document.paragraphs if not p.style.name.startswith("toc")
    ]


def _squeezed(text: str) -> str:
    """A text without any kind of space: typography changes spaces, not words."""
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("key", list(KEYS))
def test_no_paragraph_is_printed_twice(monographs: dict[str, Path], key: str) -> None:
    texts = [text for _, text in _body(monographs[key]) if text.strip()]
    repeated = {text: n for text, n in Counter(texts).items() if n > 1}
    # Two axes may refer to the same section, or both have nothing yet.
    assert [t for t in repeated if not t.startswith(("Voir aussi", "Aucune réponse"))] == []
    assert repeated.get("Aucune réponse ne se rapporte encore à cet axe.", 0) <= 6


@pytest.mark.parametrize("key", list(KEYS))
def test_every_answer_is_printed_at_most_once(
    demo: Survey, monographs: dict[str, Path], key: str
) -> None:
    whole = _squeezed("".join(text for _, text in _body(monographs[key])))
    initiative = next(i for i in demo.initiatives() if i.name.startswith(KEYS[key]))
    for visit in demo.interviews(initiative.id):
        for question_id, value in demo.answers(visit.id).items():
            if isinstance(value, str) and len(value) > 40:
                assert whole.count(_squeezed(value[:60])) <= 1, question_id


@pytest.mark.parametrize("key", list(KEYS))
def test_whom_the_answers_come_from_is_said_once_not_on_every_section(
    monographs: dict[str, Path], key: str
) -> None:
    path = monographs[key]
    texts = [text for _, text in _body(path)]
    assert not any(t.startswith(("D’après", "Visite du")) for t in texts)
    card = {r.cells[0].text: r.cells[1].text for r in docx.Document(str(path)).tables[0].rows}
    assert card["Visites"] and card["Personnes rencontrées"]


@pytest.mark.parametrize("key", list(KEYS))
def test_no_working_material_is_printed(
    demo: Survey, monographs: dict[str, Path], key: str
) -> None:
    xml = package_text(monographs[key])
    whole = _squeezed("".join(text for _, text in _body(monographs[key])))
    guide = demo.guide
    for question in guide.all_questions():
        if question.internal:
            assert question.label.get("fr") not in xml, question.id
    for visit in demo.interviews():
        for question_id, value in demo.answers(visit.id).items():
            question = guide.question(question_id)
            if question is not None and question.internal and isinstance(value, str):
                assert _squeezed(value[:50]) not in whole, question_id
        for note in demo.items("note", visit.id):
            assert _squeezed(str(note["text"])[:50]) not in whole
    for working in (demo.guide_hash[:12], "empreinte", "Réponses", "/56", "relire", "Note libre"):
        assert working not in xml


def test_a_written_section_prints_its_narrative_not_the_answers(
    demo: Survey, monographs: dict[str, Path]
) -> None:
    texts = [text for _, text in _body(monographs["escale"])]
    whole = "\n".join(texts)
    assert "Tout commence par deux fermetures" in whole
    assert not any(t.startswith("Récit des débuts du projet.") for t in texts)
    # The quote the narrative sets is not printed a second time after it.
    assert sum(1 for t in texts if "on a juste refusé que le village meure" in t) == 1
    # Bold, italic and bulleted lists come through as Word formatting.
    document = docx.Document(str(monographs["escale"]))
    runs = [r for p in document.paragraphs for r in p.runs]
    assert any(r.bold and r.text == "au consentement" for r in runs)
    assert any(r.italic and r.text == "Terres solidaires" for r in runs)
    bullets = [t for style, t in _body(monographs["escale"]) if style == "List Bullet"]
    assert any(t.startswith("un lieu ouvert toute l’année") for t in bullets)


def test_a_half_written_monograph_mixes_narratives_and_condensed_answers(
    monographs: dict[str, Path],
) -> None:
    body = _body(monographs["generateur"])
    texts = [text for _, text in body]
    assert any(t.startswith("Le Générateur Bourgogne-Franche-Comté réunit") for t in texts)
    # Axis 1 is not written yet: its answers, dated by visit, a number with its unit.
    assert any(
        t.startswith("Part estimée des échanges réalisés avec des acteurs du territoire. (12")
        and "70\u202f%" in t
        and "55\u202f%." in t
        for t in texts
    )


def test_choices_read_as_words_and_other_as_what_was_specified(
    monographs: dict[str, Path],
) -> None:
    texts = [text for _, text in _body(monographs["bethune"])]
    told = next(t for t in texts if t.startswith("D’où vient l’innovation dans le projet"))
    assert told.endswith(
        "Reconfiguration des parties prenantes et la commande publique utilisée comme levier "
        "de coopération."
    )
    assert "Autre" not in told
    assert not any(t.startswith("Autre source d’innovation") for t in texts)


def test_the_axes_refer_to_the_sections_holding_their_evidence(
    monographs: dict[str, Path],
) -> None:
    document = docx.Document(str(monographs["bethune"]))
    body = document.element.body
    bookmarks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    links = [link.get(qn("w:anchor")) for link in body.iter(qn("w:hyperlink"))]
    assert links and set(links) <= bookmarks
    references = [p.text for p in document.paragraphs if p.text.startswith("Voir aussi")]
    assert "Voir aussi «\u00a0Satisfaction de besoins non couverts\u00a0»" in "\n".join(references)


def test_identity_people_visits_and_method_are_there_as_consent_allows(
    demo: Survey, monographs: dict[str, Path]
) -> None:
    path = monographs["escale"]
    document = docx.Document(str(path))
    card = {r.cells[0].text: r.cells[1].text for r in document.tables[0].rows}
    assert card["Territoire"] == "Haut-Couserans (Ariège)"
    assert card["Effectif salarié"] == "2,2\u00a0équivalents temps plein"
    assert card["Visites"] == "21 mai 2026"
    assert card["Personnes rencontrées"].startswith(
        "Mathilde Soulé (cofondatrice et coordinatrice)"
    )
    assert re.search(r"Personne [A-Z] \(artisan menuisier hébergé\)", card["Personnes rencontrées"])
    assert "Damien" not in package_text(path) and "Ferré" not in package_text(path)
    headings = [text for style, text in _body(path) if style == "Heading 2"]
    assert headings[-3:] == ["Personnes rencontrées", "Visites", "Méthode"]
    method = next(t for _, t in _body(path) if t.startswith("Cette monographie"))
    assert "une visite (21 mai 2026)" in method and "version 2026.2" in method
    assert document.core_properties.author == "Camille Roussel, Nadia Kherbouche"


def test_the_outline_has_a_section_for_every_theme_of_the_guide(demo: Survey) -> None:
    outline = outline_of(demo.guide)
    themes = [t for t, _ in demo.guide.tags if t.startswith("theme:")]
    homes = {s.tag for s in outline.sections}
    assert set(themes) - homes == {"theme:axes"}  # the six axes have a section each
