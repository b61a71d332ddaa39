"""The interview guide: the built-in guide's content, and how guides are read."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldkit.errors import GuideError
from fieldkit.guide.loader import load_guide, parse_guide

BUILTIN = load_guide()


def test_the_builtin_guide_follows_the_workshop_report() -> None:
    titles = [s.title.get("fr") for s in BUILTIN.sections]
    assert titles[0].startswith("Identité")
    assert "Satisfaction de besoins non couverts" in titles
    assert "L’innovation sociale" in titles
    assert "Renforcement de la coopération entre acteurs" in titles
    assert any("axes" in t for t in titles)
    assert BUILTIN.title.get("fr") == "Monographie d’initiative"
    assert BUILTIN.title.get("en") == "Initiative monograph"


def test_every_question_has_french_and_english_labels() -> None:
    for question in BUILTIN.all_questions():
        assert question.label.get("fr").strip(), question.id
        assert dict(question.label.translations).get("en", "").strip(), question.id


def test_every_question_is_tagged_with_its_theme() -> None:
    for question in BUILTIN.questions:
        assert any(tag.startswith("theme:") for tag in question.tags), question.id


@pytest.mark.parametrize("axis", range(1, 7))
def test_each_research_axis_has_its_own_questions(axis: int) -> None:
    tag = f"axe:{axis}"
    assert len(BUILTIN.questions_tagged(tag)) >= 2
    assert BUILTIN.tag_label(tag).startswith(f"Axe {axis}")


def test_the_visit_identity_binds_to_the_initiative_and_the_visit() -> None:
    binds = {q.bind for q in BUILTIN.questions if q.bind}
    assert {"initiative.name", "initiative.territory", "initiative.kind"} <= binds
    assert {"interview.date", "interview.interviewers"} <= binds


def test_people_met_are_a_repeat_group_with_consent() -> None:
    repeat = next(q for q in BUILTIN.questions if q.type == "repeat")
    columns = {c.id: c for c in repeat.columns}
    consent = next(c for c in columns.values() if "consentement" in c.id)
    assert consent.required
    assert {c.value for c in consent.choices} >= {"oui", "non"}


@pytest.mark.parametrize(
    ("answers", "shown"),
    [
        ({}, False),
        ({"type_initiative": "tiers_lieu"}, False),
        ({"type_initiative": "autre"}, True),
    ],
)
def test_other_specify_appears_only_for_other(answers: dict[str, object], shown: bool) -> None:
    assert BUILTIN.is_relevant("type_initiative_autre", answers) is shown


def test_completion_counts_only_questions_skip_logic_shows() -> None:
    answered, applicable = BUILTIN.completion({})
    shown_when_other = BUILTIN.completion({"type_initiative": "autre"})[1]
    assert answered == 0
    assert shown_when_other == applicable + 1
    assert BUILTIN.completion({"initiative_nom": "Le Relais"})[0] == 1


def test_missing_required_lists_shown_required_questions_in_order() -> None:
    missing = [q.id for q in BUILTIN.missing_required({"type_initiative": "autre"})]
    assert "type_initiative_autre" in missing
    assert missing.index("initiative_nom") < missing.index("type_initiative_autre")
    assert "type_initiative_autre" not in [q.id for q in BUILTIN.missing_required({})]


MINIMAL = """
format: fieldkit-guide/1
id: mini
title: {fr: Mini, en: Mini}
sections:
  - id: s
    title: Section
    questions:
      - {id: a, type: text, label: A}
"""


def test_a_plain_string_label_is_french() -> None:
    guide = parse_guide(MINIMAL)
    assert guide.question("a") is not None
    assert guide.sections[0].title.get("fr") == "Section"


def test_every_problem_is_reported_at_once_with_lines(tmp_path: Path) -> None:
    path = tmp_path / "guide cassé.yaml"
    path.write_text(
        MINIMAL
        + "      - {id: a, type: txt, label: B}\n"
        + "      - {id: c, type: select_one, label: C}\n"
        + '      - {id: d, type: text, label: {en: D}, relevant: "${zz} = 1"}\n'
        + "      - {id: e, type: text, label: E, constraint: '. > (3'}\n",
        encoding="utf-8",
    )
    with pytest.raises(GuideError) as raised:
        load_guide(path)
    message = str(raised.value)
    assert str(path) in message
    for expected in (
        "duplicate id 'a'",
        "unknown type 'txt'",
        "needs 'choices'",
        "no French text",
        "unknown question 'zz'",
        "'constraint'",
    ):
        assert expected in message
    assert len(raised.value.problems) == 6
    assert all(p.startswith("line ") for p in raised.value.problems)
