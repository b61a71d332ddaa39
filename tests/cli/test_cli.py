"""The command line, command by command, as a user types it.

Each test runs ``fieldkit`` in-process through the ``run`` fixture and reads
the result back through the command line itself (``dump``, ``list``,
``history``…), so this file is also a specification of what each command
prints. Exit statuses: 0 when it worked, 1 for a problem with the user's
input (one line on stderr starting ``fieldkit: ``, never a traceback), 2 for
a mistake in the command itself.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import Result

from fieldkit import __version__
from fieldkit.cli import cli
from fieldkit.guide.loader import load_guide
from fieldkit.guide.model import Question
from fieldkit.resources import builtin_guide_path, resource_path
from tests.conftest import Cli

ROOT = Path(__file__).resolve().parents[2]
DEMO_CONTENT = resource_path("demo", "demo-survey.yaml")

SMALL_GUIDE = """\
format: fieldkit-guide/1
id: petit-guide
version: "3"
title: {fr: "Petit guide de visite", en: "Small visit guide"}
sections:
  - id: accueil
    title: {fr: "Accueil", en: "Welcome"}
    questions:
      - id: impression
        type: long_text
        required: true
        label: {fr: "Première impression", en: "First impression"}
      - id: ambiance
        type: select_one
        choices:
          - {value: calme, label: {fr: "Calme", en: "Quiet"}}
          - {value: animee, label: {fr: "Animée", en: "Lively"}}
        label: {fr: "Ambiance", en: "Atmosphere"}
"""


# -- helpers --------------------------------------------------------------------


def ok(result: Result) -> str:
    """Assert a command worked; return what it printed on stdout."""
    assert result.exit_code == 0, f"exit {result.exit_code}: {result.output}"
    return result.stdout


def refused(result: Result, *fragments: str, details: bool = False) -> str:
    """Assert a user error: exit 1, one ``fieldkit: …`` line on stderr holding each fragment.

    With ``details``, lines listing the problems may come before it.
    """
    assert result.exit_code == 1, f"exit {result.exit_code}: {result.output}"
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert details or len(lines) == 1, result.stderr
    message = lines[-1]
    assert message.startswith("fieldkit: "), result.stderr
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"
    return message


def the_id(result: Result) -> str:
    """The id a command printed (``initiative add``, ``quote add``…)."""
    printed = ok(result).strip()
    assert re.fullmatch(r"[0-9a-f]{32}", printed), printed
    return printed


def dumped(run: Cli, path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ok(run("dump", path)))
    return data


def the_interview(run: Cli, path: Path, interview_id: str) -> dict[str, Any]:
    found = [i for i in dumped(run, path)["interviews"] if i["id"] == interview_id]
    assert len(found) == 1
    return found[0]


def the_initiative(run: Cli, path: Path, initiative_id: str) -> dict[str, Any]:
    found = [i for i in dumped(run, path)["initiatives"] if i["id"] == initiative_id]
    assert len(found) == 1
    return found[0]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def path(tmp_path: Path, run: Cli) -> Path:
    """A survey file made with ``fieldkit new``."""
    survey = tmp_path / "visites.fieldkit"
    ok(run("new", survey))
    return survey


@pytest.fixture
def initiative(run: Cli, path: Path) -> str:
    return the_id(
        run(
            "initiative",
            "add",
            path,
            "Garage solidaire du Val",
            "--territory",
            "Dijon métropole",
            "--kind",
            "garage_solidaire",
        )
    )


@pytest.fixture
def visit(run: Cli, path: Path, initiative: str) -> str:
    """An interview of ``initiative``, nothing answered yet."""
    return the_id(
        run(
            "interview",
            "add",
            path,
            "--initiative",
            initiative,
            "--date",
            "2026-11-14",
            "--place",
            "Dijon",
            "--interviewer",
            "Camille Roussel",
            "--interviewer",
            "Yanis Belkacem",
        )
    )


# -- new ------------------------------------------------------------------------


def test_new_creates_a_survey_answered_with_the_builtin_guide(tmp_path: Path, run: Cli) -> None:
    survey = tmp_path / "visites.fieldkit"
    printed = ok(run("new", survey))
    assert "Monographie d’initiative" in printed
    data = dumped(run, survey)
    assert data["survey"]["title"] == "Monographie d’initiative"
    assert [g["source"] for g in data["guides"]] == [builtin_guide_path().read_text("utf-8")]
    assert data["initiatives"] == [] and data["interviews"] == []


def test_new_with_a_guide_file_answers_with_that_guide(tmp_path: Path, run: Cli) -> None:
    guide = tmp_path / "petit-guide.yaml"
    guide.write_text(SMALL_GUIDE, encoding="utf-8")
    survey = tmp_path / "petit.fieldkit"
    assert "Petit guide de visite" in ok(run("new", survey, "--guide", guide))
    initiative = the_id(run("initiative", "add", survey, "Tiers-lieu des Granges"))
    visit = the_id(run("interview", "add", survey, "--initiative", initiative))
    ok(run("answer", survey, visit, "ambiance", "animee"))
    assert the_interview(run, survey, visit)["answers"] == {"ambiance": "animee"}
    # A question of the built-in guide is unknown to this one.
    refused(run("answer", survey, visit, "besoins_non_couverts", "x"), "besoins_non_couverts")


# -- guides -----------------------------------------------------------------------


def test_guide_check_accepts_the_builtin_guide_and_counts_it(run: Cli) -> None:
    guide = load_guide()
    questions = sum(1 for _ in guide.all_questions())
    printed = ok(run("guide", "check", builtin_guide_path()))
    assert f"ok ({len(guide.sections)} sections, {questions} questions)" in printed


def test_guide_check_accepts_a_guide_of_ones_own(tmp_path: Path, run: Cli) -> None:
    guide = tmp_path / "petit-guide.yaml"
    guide.write_text(SMALL_GUIDE, encoding="utf-8")
    assert "ok (1 sections, 2 questions)" in ok(run("guide", "check", guide))


def test_guide_show_prints_the_builtin_outline_in_french(run: Cli) -> None:
    printed = ok(run("guide", "show"))
    guide = load_guide()
    assert printed.startswith(f"{guide.title.get('fr')} — {guide.id} {guide.version}")
    for section in guide.sections:
        assert f"{section.title.get('fr')}  [{section.id}]" in printed
    for question in guide.questions:
        assert f"[{question.id}: {question.type}]" in printed
    # Required questions are starred, skip logic is shown.
    assert "Nom de l’initiative *  [initiative_nom: text]" in printed
    assert "(si ${type_initiative} = 'autre')" in printed


def test_guide_show_in_english(run: Cli) -> None:
    printed = ok(run("guide", "show", "--lang", "en"))
    assert printed.startswith("Initiative monograph — ")
    assert "Name of the initiative *  [initiative_nom: text]" in printed
    assert "Monographie d’initiative" not in printed


def test_guide_show_of_a_guide_file(tmp_path: Path, run: Cli) -> None:
    guide = tmp_path / "petit-guide.yaml"
    guide.write_text(SMALL_GUIDE, encoding="utf-8")
    printed = ok(run("guide", "show", guide))
    assert printed.splitlines()[0] == "Petit guide de visite — petit-guide 3"
    assert "Première impression *  [impression: long_text]" in printed


def test_guide_show_json_gives_sections_then_questions(run: Cli) -> None:
    data = json.loads(ok(run("guide", "show", "--json")))
    guide = load_guide()
    assert data["id"] == guide.id and data["version"] == guide.version
    assert data["title"] == {"fr": "Monographie d’initiative", "en": "Initiative monograph"}
    assert [s["id"] for s in data["sections"]] == [s.id for s in guide.sections]
    assert [q["id"] for q in data["questions"]] == [q.id for q in guide.questions]
    for question in data["questions"]:
        assert {"id", "type", "label", "choices", "required", "relevant", "tags"} <= set(question)
        assert question["label"]["fr"] and question["label"]["en"]
    kinds = {q["id"]: q for q in data["questions"]}
    assert kinds["type_initiative"]["choices"][1] == {
        "value": "garage_solidaire",
        "label": {"fr": "Garage solidaire", "en": "Solidarity garage"},
    }
    assert kinds["type_initiative_autre"]["relevant"] == "${type_initiative} = 'autre'"
    assert kinds["initiative_nom"]["required"] is True
    people = kinds["personnes_rencontrees"]
    assert [c["id"] for c in people["questions"]][:2] == ["personne_nom", "personne_role"]


# -- initiatives ------------------------------------------------------------------


def test_initiative_add_prints_its_id_and_stores_every_field(run: Cli, path: Path) -> None:
    initiative = the_id(
        run(
            "initiative",
            "add",
            path,
            "Relais local du Haut-Languedoc",
            "--territory",
            "Saint-Pons-de-Thomières",
            "--network",
            "Réseau des relais locaux",
            "--kind",
            "relais_local",
        )
    )
    assert the_initiative(run, path, initiative) == {
        "id": initiative,
        "name": "Relais local du Haut-Languedoc",
        "territory": "Saint-Pons-de-Thomières",
        "network": "Réseau des relais locaux",
        "kind": "relais_local",
    }


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "Garage solidaire du Val de Saône"),
        ("territory", "Chalon-sur-Saône"),
        ("network", "Mobilités solidaires"),
        ("kind", "ptce"),
    ],
)
def test_initiative_set_changes_one_field(
    run: Cli, path: Path, initiative: str, field: str, value: str
) -> None:
    before = the_initiative(run, path, initiative)
    ok(run("initiative", "set", path, initiative, field, value))
    assert the_initiative(run, path, initiative) == {**before, field: value}


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("add", "{path}", "Garage", "--kind", "garage"), "unknown kind of initiative 'garage'"),
        (("add", "{path}", "   "), "an initiative needs a name"),
        (("set", "{path}", "{initiative}", "kind", "banque"), "unknown kind of initiative"),
        (("set", "{path}", "{initiative}", "name", ""), "an initiative needs a name"),
        (("set", "{path}", "0" * 32, "name", "X"), "no initiative with id"),
    ],
)
def test_initiative_mistakes_are_refused(
    run: Cli, path: Path, initiative: str, args: tuple[str, ...], fragment: str
) -> None:
    before = sha256(path)
    words = [a.format(path=path, initiative=initiative) for a in args]
    refused(run("initiative", *words), fragment)
    assert sha256(path) == before


# -- interviews -----------------------------------------------------------------


def test_interview_add_prints_its_id_and_stores_the_visit(
    run: Cli, path: Path, initiative: str, visit: str
) -> None:
    found = the_interview(run, path, visit)
    assert found["initiative"] == initiative
    assert found["date"] == "2026-11-14"
    assert found["place"] == "Dijon"
    assert found["interviewers"] == ["Camille Roussel", "Yanis Belkacem"]
    assert found["status"] == "draft"
    assert found["answers"] == {}


def test_interview_add_dates_the_visit_today_by_default(
    run: Cli, path: Path, initiative: str
) -> None:
    visit = the_id(run("interview", "add", path, "--initiative", initiative))
    assert the_interview(run, path, visit)["date"] == date.today().isoformat()


@pytest.mark.parametrize(
    ("initiative_id", "when", "fragment"),
    [
        ("0" * 32, "2026-11-14", "no initiative with id"),
        (None, "14/11/2026", "not a date: '14/11/2026'"),
        (None, "2026-02-30", "not a date"),
    ],
)
def test_interview_add_mistakes_are_refused(
    run: Cli, path: Path, initiative: str, initiative_id: str | None, when: str, fragment: str
) -> None:
    before = sha256(path)
    refused(
        run("interview", "add", path, "--initiative", initiative_id or initiative, "--date", when),
        fragment,
    )
    assert sha256(path) == before


def _a_valid_value(question: Question) -> list[str]:
    """Words that answer a question of the built-in guide acceptably."""
    if question.choices:
        return [question.choices[0].value]
    if question.type == "date":
        return ["2026-11-14"]
    if question.type in {"integer", "scale"}:
        return [str(question.minimum or 1)]
    return [f"réponse à {question.id}"]


def test_interview_complete_lists_missing_answers_then_completes(
    run: Cli, path: Path, visit: str
) -> None:
    result = run("interview", "complete", path, visit)
    message = refused(
        result, "required answer(s) missing; the interview stays a draft", details=True
    )
    missing = [line.split()[1] for line in result.stderr.splitlines() if line.startswith("missing")]
    assert "besoins_non_couverts" in missing and "initiative_nom" not in missing
    assert message.startswith(f"fieldkit: {len(missing)} required")
    assert the_interview(run, path, visit)["status"] == "draft"

    guide = load_guide()
    for question_id in missing:
        question = guide.question(question_id)
        assert question is not None
        ok(run("answer", path, visit, question_id, *_a_valid_value(question)))
    assert ok(run("interview", "complete", path, visit)).strip() == "complete"
    assert the_interview(run, path, visit)["status"] == "complete"
    assert f"{visit}  2026-11-14  complete " in ok(run("list", path))


# -- answers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "words", "stored"),
    [
        (
            "besoins_non_couverts",
            ["Pas de garage à moins de 40 km."],
            "Pas de garage à moins de 40 km.",
        ),
        ("type_initiative_autre", ["Épicerie « mobile »\u00a0!"], "Épicerie « mobile »\u00a0!"),
        ("origine_projet", ["mobilisation_citoyenne"], "mobilisation_citoyenne"),
        # Several values for a multiple choice, kept in the guide's order.
        ("formes_juridiques", ["scic", "association"], ["association", "scic"]),
        ("outils_cooperation", ["outils_numeriques"], ["outils_numeriques"]),
        ("annee_creation", ["2014"], 2014),
        ("axe1_part_locale", ["0"], 0),
        ("effectif_salarie", ["3,5"], 3.5),
        ("effectif_salarie", ["12"], 12.0),
        ("marge_manoeuvre_echelle", ["5"], 5),
        ("place_habitants", ["1"], 1),
    ],
)
def test_answer_stores_a_value_of_each_type(
    run: Cli, path: Path, visit: str, question: str, words: list[str], stored: object
) -> None:
    ok(run("answer", path, visit, question, *words))
    answers = the_interview(run, path, visit)["answers"]
    assert answers == {question: stored}
    assert type(answers[question]) is type(stored)


def test_answer_to_a_date_question_bound_to_the_visit(run: Cli, path: Path, visit: str) -> None:
    ok(run("answer", path, visit, "visite_date", "2026-10-03"))
    found = the_interview(run, path, visit)
    assert found["date"] == "2026-10-03"
    assert found["answers"] == {}
    assert f"{visit}  2026-10-03" in ok(run("list", path))


def test_answer_to_the_interviewers_question_splits_the_names(
    run: Cli, path: Path, visit: str
) -> None:
    ok(run("answer", path, visit, "visite_enqueteurs", "Camille Roussel, Inès Garnier"))
    assert the_interview(run, path, visit)["interviewers"] == ["Camille Roussel", "Inès Garnier"]


@pytest.mark.parametrize(
    ("question", "field", "value"),
    [
        ("initiative_nom", "name", "Garage solidaire Val-de-Saône"),
        ("initiative_territoire", "territory", "Beaune Côte et Sud"),
        ("initiative_reseau", "network", "Garages solidaires de France"),
        ("type_initiative", "kind", "tzcld"),
    ],
)
def test_answer_to_a_bound_question_writes_to_the_initiative(
    run: Cli, path: Path, initiative: str, visit: str, question: str, field: str, value: str
) -> None:
    second_visit = the_id(run("interview", "add", path, "--initiative", initiative))
    ok(run("answer", path, visit, question, value))
    assert the_initiative(run, path, initiative)[field] == value
    assert the_interview(run, path, visit)["answers"] == {}
    # Every visit of the initiative sees the one value: it is the initiative's.
    history = ok(run("history", path, second_visit, question))
    assert history.splitlines()[-1].startswith("* ")
    assert history.splitlines()[-1].endswith(json.dumps(value, ensure_ascii=False))


def test_answer_the_territory_then_list_shows_it(run: Cli, path: Path, visit: str) -> None:
    ok(run("answer", path, visit, "initiative_territoire", "Auxois-Morvan"))
    assert "Garage solidaire du Val — Auxois-Morvan" in ok(run("list", path))


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("besoins_non_couverts", ["Du transport à la demande."]),
        ("origine_projet", ["mixte"]),
        ("formes_juridiques", ["scop", "cae"]),
        ("annee_creation", ["1999"]),
        ("marge_manoeuvre_echelle", ["2"]),
    ],
)
def test_an_empty_value_clears_the_answer(
    run: Cli, path: Path, visit: str, question: str, words: list[str]
) -> None:
    ok(run("answer", path, visit, question, *words))
    assert question in the_interview(run, path, visit)["answers"]
    ok(run("answer", path, visit, question, ""))
    assert the_interview(run, path, visit)["answers"].get(question) is None
    # Clearing is a revision too: the cleared value stays in the history.
    lines = ok(run("history", path, visit, question)).splitlines()
    assert len(lines) == 2 and lines[-1].endswith("  null")


def test_clearing_a_bound_question_clears_the_initiative_field(
    run: Cli, path: Path, initiative: str, visit: str
) -> None:
    ok(run("answer", path, visit, "initiative_territoire", ""))
    assert the_initiative(run, path, initiative)["territory"] == ""
    # The name is what identifies an initiative: it cannot be cleared.
    refused(run("answer", path, visit, "initiative_nom", ""), "an initiative needs a name")


def test_answer_changes_the_completion_shown_by_list(run: Cli, path: Path, visit: str) -> None:
    def completion() -> tuple[int, int]:
        line = next(x for x in ok(run("list", path)).splitlines() if visit in x)
        found = re.search(r"\((\d+)/(\d+)\)", line)
        assert found is not None
        return int(found[1]), int(found[2])

    answered, applicable = completion()
    ok(run("answer", path, visit, "besoins_non_couverts", "Se déplacer pour travailler."))
    assert completion() == (answered + 1, applicable)
    # "Autre" opens its "préciser" question: one more applicable question.
    ok(run("answer", path, visit, "origine_projet", "autre"))
    assert completion() == (answered + 2, applicable + 1)


# -- list -------------------------------------------------------------------------


def test_list_shows_initiatives_with_their_interviews(
    run: Cli, path: Path, initiative: str, visit: str
) -> None:
    other = the_id(run("initiative", "add", path, "Atelier vélo de Bruay"))
    lines = ok(run("list", path)).splitlines()
    assert lines[0] == f"{other}  Atelier vélo de Bruay"
    assert lines[1] == f"{initiative}  Garage solidaire du Val — Dijon métropole"
    assert re.fullmatch(
        rf"  {visit}  2026-11-14  draft\s+\d+ %  \(\d+/\d+\)  Camille Roussel, Yanis Belkacem",
        lines[2],
    )
    assert len(lines) == 3


def test_list_of_an_empty_survey_prints_nothing(run: Cli, path: Path) -> None:
    assert ok(run("list", path)) == ""


# -- dump and load ----------------------------------------------------------------


@pytest.fixture
def populated(run: Cli, path: Path, initiative: str, visit: str) -> Path:
    """A survey filled through the command line: answers, a quote, a note."""
    other = the_id(run("initiative", "add", path, "Devenir paysan", "--territory", "Île-de-France"))
    second = the_id(run("interview", "add", path, "--initiative", other, "--date", "2026-09-02"))
    for interview, question, words in [
        (visit, "besoins_non_couverts", ["Réparer sa voiture pour garder son emploi."]),
        (visit, "formes_juridiques", ["association", "scic"]),
        (visit, "annee_creation", ["2011"]),
        (visit, "initiative_reseau", ["Garages solidaires"]),
        (second, "origine_projet", ["acteurs_ess"]),
        (second, "definition_innovation", ["La coopération entre paysans et collectivités."]),
    ]:
        ok(run("answer", path, interview, question, *words))
    ok(run("quote", "add", path, visit, "Ici, on répare aussi les gens.", "--speaker", "Mme L."))
    ok(run("note", "add", path, second, "Rappeler la couveuse.", "--question", "prochaines_etapes"))
    return path


def test_dump_is_deterministic(run: Cli, populated: Path) -> None:
    first = ok(run("dump", populated))
    assert ok(run("dump", populated)) == first
    # Reading leaves the file as it was, so dumping again still agrees.
    assert ok(run("list", populated))
    assert ok(run("dump", populated)) == first


def test_dump_holds_the_whole_state(run: Cli, populated: Path, initiative: str, visit: str) -> None:
    data = dumped(run, populated)
    assert data["format"] == "fieldkit-dump/1"
    assert {i["name"] for i in data["initiatives"]} == {"Garage solidaire du Val", "Devenir paysan"}
    # Every list is sorted by id, so the order never depends on how the file was written.
    assert [i["id"] for i in data["initiatives"]] == sorted(i["id"] for i in data["initiatives"])
    assert [i["id"] for i in data["interviews"]] == sorted(i["id"] for i in data["interviews"])
    found = the_interview(run, populated, visit)
    assert found["answers"] == {
        "annee_creation": 2011,
        "besoins_non_couverts": "Réparer sa voiture pour garder son emploi.",
        "formes_juridiques": ["association", "scic"],
    }
    assert [(q["text"], q["speaker"]) for q in found["quotes"]] == [
        ("Ici, on répare aussi les gens.", "Mme L.")
    ]
    assert the_initiative(run, populated, initiative)["network"] == "Garages solidaires"
    assert data["conflicts"] == []
    assert list(data) == sorted(data)


def test_load_of_a_dump_into_a_new_file_gives_the_same_state(
    tmp_path: Path, run: Cli, populated: Path
) -> None:
    dump_file = tmp_path / "visites.json"
    dump_file.write_text(ok(run("dump", populated)), encoding="utf-8")
    copy = tmp_path / "copie.fieldkit"
    ok(run("new", copy))
    printed = ok(run("load", copy, dump_file))
    assert printed.strip() == "loaded 2 initiatives, 2 interviews, 5 answers"
    original, loaded = dumped(run, populated), dumped(run, copy)
    for part in ("initiatives", "interviews", "guides", "conflicts"):
        assert loaded[part] == original[part], part
    assert ok(run("check", copy)).strip() == f"{copy}: ok"


def test_loading_the_same_dump_twice_changes_nothing(
    tmp_path: Path, run: Cli, populated: Path
) -> None:
    dump_file = tmp_path / "visites.json"
    dump_file.write_text(ok(run("dump", populated)), encoding="utf-8")
    copy = tmp_path / "copie.fieldkit"
    ok(run("new", copy))
    ok(run("load", copy, dump_file))
    once = ok(run("dump", copy))
    ok(run("load", copy, dump_file))
    assert ok(run("dump", copy)) == once


def test_load_skips_attachment_contents_a_dump_does_not_hold(
    tmp_path: Path, run: Cli, path: Path, visit: str
) -> None:
    photo = tmp_path / "atelier.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 une photo")
    ok(run("attach", path, visit, photo))
    dump_file = tmp_path / "visites.json"
    dump_file.write_text(ok(run("dump", path)), encoding="utf-8")
    copy = tmp_path / "copie.fieldkit"
    ok(run("new", copy))
    result = run("load", copy, dump_file)
    assert "loaded 1 initiatives, 1 interviews, 0 answers" in ok(result)
    assert "1 attachments skipped" in result.stderr
    assert the_interview(run, copy, visit)["attachments"] == []


# -- history ------------------------------------------------------------------------


def test_history_has_one_revision_per_answer_command(run: Cli, path: Path, visit: str) -> None:
    texts = ["Le garage", "Le garage répare", "Le garage répare à prix solidaire"]
    for text in texts:
        ok(run("answer", path, visit, "besoins_non_couverts", text))
    lines = ok(run("history", path, visit, "besoins_non_couverts")).splitlines()
    assert len(lines) == 3
    assert [line.startswith("* ") for line in lines] == [False, False, True]
    assert [line.split("  ")[-1] for line in lines] == [
        json.dumps(t, ensure_ascii=False) for t in texts
    ]
    times = [line[2:].split("  ")[0] for line in lines]
    assert times == sorted(times)


def test_history_names_the_author(run: Cli, path: Path, visit: str) -> None:
    ok(run("author", "Inès Garnier"))
    ok(run("answer", path, visit, "besoins_non_couverts", "Trouver un mécanicien."))
    line = ok(run("history", path, visit, "besoins_non_couverts")).strip()
    assert "  Inès Garnier  (" in line


def test_history_of_an_unanswered_question(run: Cli, path: Path, visit: str) -> None:
    result = run("history", path, visit, "besoins_non_couverts")
    assert ok(result) == ""
    assert result.stderr.strip() == "never answered"


# -- search ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["cooperation", "coopération", "COOPERATION", "coop", "paysans coop", "coopération!"],
)
def test_search_ignores_accents_and_case(run: Cli, populated: Path, typed: str) -> None:
    printed = ok(run("search", populated, typed))
    assert "answer.definition_innovation" in printed
    assert "[coopération]" in printed


def test_search_finds_quotes_notes_and_names(run: Cli, populated: Path, visit: str) -> None:
    assert f"{visit}  quote.text" in ok(run("search", populated, "repare les gens"))
    assert "note.text" in ok(run("search", populated, "couveuse"))
    assert "initiative.name" in ok(run("search", populated, "paysan"))


def test_search_without_a_match(run: Cli, populated: Path) -> None:
    result = run("search", populated, "boulangerie")
    assert ok(result) == ""
    assert result.stderr.strip() == "no match"


# -- check and rebuild ---------------------------------------------------------------


def test_check_passes_on_a_new_and_on_a_populated_survey(
    run: Cli, path: Path, populated: Path
) -> None:
    assert ok(run("check", populated)).strip() == f"{populated}: ok"


def test_check_finds_derived_state_that_disagrees_with_the_log_and_rebuild_repairs_it(
    run: Cli, populated: Path, visit: str
) -> None:
    with sqlite3.connect(populated) as connection:
        connection.execute(
            "UPDATE state SET value = '\"falsifié\"' WHERE entity = 'answer' AND entity_id = ? "
            "AND field = 'besoins_non_couverts'",
            (visit,),
        )
    connection.close()
    result = run("check", populated)
    refused(result, f"{populated}: 1 problem(s) found", details=True)
    assert f"answer/{visit}/besoins_non_couverts disagrees with the change log" in result.stderr

    assert "rebuilt from its change log" in ok(run("rebuild", populated))
    assert ok(run("check", populated)).strip() == f"{populated}: ok"
    answers = the_interview(run, populated, visit)["answers"]
    assert answers["besoins_non_couverts"] == "Réparer sa voiture pour garder son emploi."


def test_rebuild_gives_the_same_dump(run: Cli, populated: Path) -> None:
    before = ok(run("dump", populated))
    ok(run("rebuild", populated))
    assert ok(run("dump", populated)) == before
    assert "[coopération]" in ok(run("search", populated, "cooperation"))


# -- trash ------------------------------------------------------------------------------


def test_delete_and_restore_an_initiative(
    run: Cli, path: Path, initiative: str, visit: str
) -> None:
    ok(run("delete", path, initiative))
    assert ok(run("list", path)) == ""
    trash = ok(run("list", path, "--deleted"))
    assert f"{initiative}  Garage solidaire du Val — Dijon métropole [trash]" in trash
    assert visit in trash
    ok(run("restore", path, initiative))
    assert "[trash]" not in ok(run("list", path, "--deleted"))
    assert visit in ok(run("list", path))


def test_delete_an_interview_only(run: Cli, path: Path, initiative: str, visit: str) -> None:
    ok(run("delete", path, visit))
    listed = ok(run("list", path))
    assert initiative in listed and visit not in listed
    assert re.search(rf"{visit} .*\[trash\]", ok(run("list", path, "--deleted")))
    ok(run("restore", path, visit))
    assert visit in ok(run("list", path))


@pytest.mark.parametrize("kind", ["quote", "note"])
def test_delete_and_restore_a_quote_or_a_note(run: Cli, path: Path, visit: str, kind: str) -> None:
    item = the_id(run(kind, "add", path, visit, "À garder pour la monographie."))
    ok(run("delete", path, item))
    assert the_interview(run, path, visit)[kind + "s"][0]["deleted"] is True
    ok(run("restore", path, item))
    assert the_interview(run, path, visit)[kind + "s"][0]["deleted"] is False


def test_delete_of_an_unknown_id_is_refused(run: Cli, path: Path, visit: str) -> None:
    before = sha256(path)
    refused(run("delete", path, "f" * 32), str(path), "nothing with id 'ffff")
    refused(run("restore", path, "f" * 32), "nothing with id")
    assert sha256(path) == before


# -- quotes, notes, attachments ----------------------------------------------------------


def test_quote_add(run: Cli, path: Path, visit: str) -> None:
    quote = the_id(
        run(
            "quote",
            "add",
            path,
            visit,
            "On a appris à se parler avant de parler d’argent.",
            "--speaker",
            "A. R., cofondatrice",
            "--question",
            "processus_participation",
        )
    )
    assert the_interview(run, path, visit)["quotes"] == [
        {
            "id": quote,
            "interview": visit,
            "question": "processus_participation",
            "speaker": "A. R., cofondatrice",
            "text": "On a appris à se parler avant de parler d’argent.",
        }
    ]


def test_note_add(run: Cli, path: Path, visit: str) -> None:
    note = the_id(run("note", "add", path, visit, "Revenir au printemps\nvoir l’atelier."))
    assert the_interview(run, path, visit)["notes"] == [
        {"id": note, "interview": visit, "text": "Revenir au printemps\nvoir l’atelier."}
    ]


@pytest.mark.parametrize("kind", ["quote", "note"])
@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        (("   ",), "needs a text"),
        (("Un texte", "--question", "pas_de_question"), "has no question 'pas_de_question'"),
    ],
)
def test_quote_or_note_mistakes_are_refused(
    run: Cli, path: Path, visit: str, kind: str, extra: tuple[str, ...], fragment: str
) -> None:
    refused(run(kind, "add", path, visit, *extra), fragment)
    refused(run(kind, "add", path, "0" * 32, "Un texte"), "no interview with id")
    assert the_interview(run, path, visit)[kind + "s"] == []


def test_attach_stores_the_file_inside_the_survey(
    tmp_path: Path, run: Cli, path: Path, visit: str
) -> None:
    photo = tmp_path / "atelier mécanique.png"
    content = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    photo.write_bytes(content)
    attachment = the_id(
        run(
            "attach", path, visit, photo, "--caption", "L’atelier", "--question", "effets_constates"
        )
    )
    photo.unlink()  # the survey file is self-contained
    assert the_interview(run, path, visit)["attachments"] == [
        {
            "caption": "L’atelier",
            "filename": "atelier mécanique.png",
            "id": attachment,
            "interview": visit,
            "media_type": "image/png",
            "question": "effets_constates",
            "sha256": hashlib.sha256(content).hexdigest(),
            "size": len(content),
        }
    ]
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as connection:
        stored = connection.execute("SELECT data FROM blobs").fetchone()[0]
    connection.close()
    assert stored == content
    assert ok(run("check", path)).strip() == f"{path}: ok"


def test_attach_of_a_missing_file_is_refused(
    tmp_path: Path, run: Cli, path: Path, visit: str
) -> None:
    before = sha256(path)
    refused(run("attach", path, visit, tmp_path / "absente.jpg"), "absente.jpg: no such file")
    refused(run("attach", path, visit, tmp_path), "is a folder")
    assert sha256(path) == before


# -- author ---------------------------------------------------------------------------


def test_author_shows_then_sets_the_name(run: Cli) -> None:
    shown = ok(run("author")).strip()
    device = re.fullmatch(r".+ \(device ([0-9a-f]{32})\)", shown)
    assert device is not None
    assert ok(run("author", "  Camille   Roussel ")).strip() == (
        f"Camille Roussel (device {device[1]})"
    )
    assert ok(run("author")).strip() == f"Camille Roussel (device {device[1]})"


def test_author_cannot_be_empty(run: Cli) -> None:
    refused(run("author", "   "), "the author name cannot be empty")


# -- demo -------------------------------------------------------------------------------


@pytest.mark.skipif(
    not DEMO_CONTENT.is_file(), reason="resources/demo/demo-survey.yaml is not written yet"
)
def test_demo_builds_the_five_initiatives_of_the_workshop(tmp_path: Path, run: Cli) -> None:
    survey = tmp_path / "démo.fieldkit"
    printed = ok(run("demo", survey))
    counts = re.fullmatch(
        rf"created {re.escape(str(survey))}: 5 initiatives, (\d+) visits\n", printed
    )
    assert counts is not None
    data = dumped(run, survey)
    assert len(data["initiatives"]) == 5
    assert len(data["interviews"]) == int(counts[1])
    for initiative in data["initiatives"]:
        visits = [i for i in data["interviews"] if i["initiative"] == initiative["id"]]
        assert 1 <= len(visits) <= 3, initiative["name"]
        assert all(v["answers"] for v in visits), initiative["name"]
    assert any(v["quotes"] for v in data["interviews"])
    assert ok(run("check", survey)).strip() == f"{survey}: ok"
    assert ok(run("search", survey, "cooperation"))


@pytest.mark.skipif(
    not DEMO_CONTENT.is_file(), reason="resources/demo/demo-survey.yaml is not written yet"
)
def test_demo_is_the_same_every_time(tmp_path: Path, run: Cli) -> None:
    ok(run("demo", tmp_path / "un.fieldkit"))
    ok(run("demo", tmp_path / "deux.fieldkit"))
    first, second = dumped(run, tmp_path / "un.fieldkit"), dumped(run, tmp_path / "deux.fieldkit")
    assert first["initiatives"] == second["initiatives"]
    assert [i["id"] for i in first["interviews"]] == [i["id"] for i in second["interviews"]]
    assert [i["answers"] for i in first["interviews"]] == [
        i["answers"] for i in second["interviews"]
    ]


def test_demo_over_an_existing_file_is_refused(run: Cli, path: Path) -> None:
    before = sha256(path)
    refused(run("demo", path), str(path), "already exists")
    assert sha256(path) == before


# -- version, usage errors, help --------------------------------------------------------


def test_version(run: Cli) -> None:
    assert ok(run("--version")).strip() == f"fieldkit, version {__version__}"


@pytest.mark.parametrize(
    "args",
    [
        ("frobnicate",),
        ("new",),
        ("answer", "{path}", "{visit}", "besoins_non_couverts"),
        ("guide", "show", "--lang", "de"),
        ("initiative", "set", "{path}", "{visit}", "couleur", "bleu"),
        ("interview", "add", "{path}"),
        ("search", "{path}", "x", "--limit", "beaucoup"),
        ("list", "{path}", "--bavard"),
    ],
)
def test_usage_mistakes_exit_with_status_2(
    run: Cli, path: Path, visit: str, args: tuple[str, ...]
) -> None:
    before = sha256(path)
    result = run(*[a.format(path=path, visit=visit) for a in args])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "Usage: fieldkit" in result.stderr
    assert sha256(path) == before


def _commands(group: click.Group, prefix: str = "") -> Iterator[tuple[str, click.Command]]:
    for name, command in sorted(group.commands.items()):
        path = f"{prefix}{name}"
        yield path, command
        if isinstance(command, click.Group):
            yield from _commands(command, path + " ")


COMMANDS = list(_commands(cli))
LEAF_COMMANDS = [(p, c) for p, c in COMMANDS if not isinstance(c, click.Group)]


def test_the_command_catalogue_is_complete() -> None:
    """Guards the parametrized tests below against an empty or shrunken walk."""
    assert {p for p, _ in LEAF_COMMANDS} >= {
        "new",
        "demo",
        "guide check",
        "guide show",
        "initiative add",
        "initiative set",
        "interview add",
        "interview complete",
        "answer",
        "list",
        "dump",
        "load",
        "history",
        "search",
        "check",
        "rebuild",
        "delete",
        "restore",
        "quote add",
        "note add",
        "attach",
        "author",
    }


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[p for p, _ in COMMANDS])
def test_every_command_has_help_text(run: Cli, name: str, command: click.Command) -> None:
    assert (command.help or "").strip(), f"fieldkit {name} has no docstring"
    printed = ok(run(*name.split(), "--help"))
    assert printed.startswith(f"Usage: fieldkit {name}")
    assert command.help.strip().splitlines()[0] in printed  # type: ignore[union-attr]


def _readme_command_line_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"^## Command line\n(.*?)(?=^## |\Z)", readme, re.M | re.S)
    assert found is not None, "README.md has no '## Command line' section"
    return found[1]


@pytest.mark.parametrize(("name", "command"), LEAF_COMMANDS, ids=[p for p, _ in LEAF_COMMANDS])
def test_every_command_is_in_the_readme(name: str, command: click.Command) -> None:
    assert f"fieldkit {name}" in _readme_command_line_section()
