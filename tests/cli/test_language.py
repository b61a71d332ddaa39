"""The command line in one language at a time, click's words and the help included.

Under a French ``LANG`` (or ``--lang fr``) everything a person reads is
French: the help of every command and option, its headings, the usage
mistakes click finds, what a conflict is about, the entries a search finds,
the things a message says are missing. Under ``--lang en`` it is English.
"""

from __future__ import annotations

import inspect
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import click
import pytest
from click.testing import Result

from fieldkit.cli import cli
from fieldkit.cli.french import CLICK
from fieldkit.exchange.merge import merge_files
from fieldkit.survey import Survey
from fieldkit.survey.device import Device
from tests.conftest import Cli
from tests.test_messages import CATALOGUE, TOOL

NBSP = "\u00a0"
Laptop = Callable[[str], Device]


def _commands(group: click.Group, prefix: str = "") -> Iterator[tuple[str, click.Command]]:
    yield prefix.strip(), group
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix}{name} ")
        else:
            yield f"{prefix}{name}", command


COMMANDS = list(_commands(cli))
CODE_TEMPLATES = set(TOOL.code_templates())


def help_texts(command: click.Command) -> list[str]:
    """A command's help paragraphs (on one line each) and its options' help (not click's)."""
    paragraphs = inspect.cleandoc(command.help or "").split("\n\n")
    texts = [" ".join(p.split()) for p in paragraphs if p.strip()]
    options = [p.help for p in command.params if isinstance(p, click.Option) and p.help]
    return texts + [text for text in options if text not in CLICK]


def flat(text: str) -> str:
    """Text without its breakable spaces, whatever the wrapping (help is rewrapped to the
    terminal's width, after a hyphen too). No-break spaces are kept: they are French."""
    return re.sub(r"[ \n]+", "", text)


def french(english: str) -> str:
    return CATALOGUE[english]


def mistake(result: Result) -> str:
    """A usage mistake: exit 2, no traceback; what it printed on stderr."""
    assert result.exit_code == 2, f"exit {result.exit_code}: {result.output}"
    assert "Traceback" not in result.output
    return result.stderr


@pytest.fixture
def french_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")


# -- help -------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n or "fieldkit" for n, _ in COMMANDS])
def test_every_help_text_is_a_template_with_a_french_form(
    name: str, command: click.Command
) -> None:
    unseen = set(help_texts(command)) - CODE_TEMPLATES
    assert not unseen, f"tools/messages.py does not find them: {unseen}"
    missing = [text for text in help_texts(command) if not CATALOGUE.get(text)]
    assert not missing, f"write their French form in messages_fr.yaml: {missing}"


def test_clicks_words_do_not_shadow_the_cores_catalogue() -> None:
    assert not set(CLICK) & set(CATALOGUE)


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n or "fieldkit" for n, _ in COMMANDS])
def test_every_help_is_wholly_french_under_a_french_locale(
    run: Cli, french_locale: None, name: str, command: click.Command
) -> None:
    printed = run(*name.split(), "--help")
    assert printed.exit_code == 0, printed.output
    shown = flat(printed.stdout)
    assert shown.startswith(flat(f"Utilisation{NBSP}: fieldkit {name}"))
    assert f"Options{NBSP}:" in shown
    assert flat("Affiche cette aide et s’arrête.") in shown
    for english in help_texts(command):
        assert flat(french(english)) in shown
        assert flat(english) not in shown
    for english in ("Usage:", "Options:", "Commands:", "Show this message", "[default:"):
        assert flat(english) not in shown


def test_a_group_lists_its_commands_in_french(run: Cli, french_locale: None) -> None:
    shown = run("--help").stdout
    assert f"\nCommandes{NBSP}:\n" in shown
    assert "  list        Liste les initiatives et leurs entretiens, avec leur avancement.\n" in (
        shown
    )
    assert "Most hits" not in run("search", "--help").stdout


def test_lang_en_gives_the_english_help_under_a_french_locale(
    run: Cli, french_locale: None
) -> None:
    shown = run("--lang", "en", "search", "--help").stdout
    assert shown.startswith("Usage: fieldkit search [OPTIONS] SURVEY TEXT\n")
    assert "Search every answer, note and quote" in shown
    assert "Most hits to show.  [default: 50]" in shown
    assert "-h, --help       Show this message and exit." in shown
    assert "Options:\n" in shown
    english = run("--lang", "en", "--help").stdout
    assert "\nCommands:\n" in english and "Liste les" not in english


def test_lang_is_read_before_help_asks_for_its_text(run: Cli, french_locale: None) -> None:
    assert run("--lang", "en", "--help").stdout.startswith("Usage: fieldkit")
    assert run("--lang", "fr", "--help").stdout.startswith(f"Utilisation{NBSP}: fieldkit")


# -- usage mistakes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "command", "french_words"),
    [
        (("list",), "fieldkit list", f"Argument manquant{NBSP}: 'SURVEY'."),
        (("list", "--bavard", "{path}"), "fieldkit list", f"Option inconnue{NBSP}: '--bavard'."),
        (("frobnicate",), "fieldkit", f"Commande inconnue{NBSP}: 'frobnicate'."),
        (("lsit", "{path}"), "fieldkit", f"Vouliez-vous dire 'list'{NBSP}?"),
        (
            ("initiative", "set", "{path}", "x", "couleur", "bleu"),
            "fieldkit initiative set",
            f"'couleur' ne fait pas partie des valeurs possibles{NBSP}: 'name', 'territory'",
        ),
        (
            ("search", "{path}", "x", "--limit", "beaucoup"),
            "fieldkit search",
            f"Valeur invalide pour '--limit'{NBSP}: 'beaucoup' n’est pas un nombre entier.",
        ),
        (
            ("load", "{path}", "{folder}"),
            "fieldkit load",
            "est un dossier, pas un fichier.",
        ),
        (("list", "{path}", "de trop"), "fieldkit list", f"Argument en trop{NBSP}: de trop"),
        (
            ("interview", "add", "{path}"),
            "fieldkit interview add",
            f"Option manquante{NBSP}: '--initiative'.",
        ),
    ],
)
def test_a_mistake_in_the_command_is_told_wholly_in_french(
    run: Cli,
    french_locale: None,
    survey_path: Path,
    tmp_path: Path,
    args: tuple[str, ...],
    command: str,
    french_words: str,
) -> None:
    typed = [a.format(path=survey_path, folder=tmp_path) for a in args]
    told = mistake(run(*typed))
    lines = told.splitlines()
    assert lines[0].startswith(f"Utilisation{NBSP}: {command} ")
    assert f"Essayez «{NBSP}{command} --help{NBSP}» pour obtenir de l’aide." in told
    assert lines[-1].startswith(f"Erreur{NBSP}: ")
    assert french_words in told
    for english in ("Usage", "Try ", "Error", "Missing", "No such", "Invalid", "is not"):
        assert english not in told


def test_an_option_without_its_value_is_told_in_french(
    run: Cli, french_locale: None, survey_path: Path
) -> None:
    told = mistake(run("search", survey_path, "x", "--limit"))
    assert told == f"Erreur{NBSP}: L’option '--limit' demande une valeur.\n"


def test_a_mistake_in_the_command_stays_as_click_writes_it_in_english(run: Cli) -> None:
    assert mistake(run("--lang", "en", "list")) == (
        "Usage: fieldkit list [OPTIONS] SURVEY\n"
        "Try 'fieldkit list --help' for help.\n"
        "\n"
        "Error: Missing argument 'SURVEY'.\n"
    )


def test_an_unknown_lang_is_told_in_the_systems_language(run: Cli, french_locale: None) -> None:
    told = mistake(run("--lang", "de", "list"))
    assert f"Valeur invalide pour '--lang'{NBSP}: 'de' ne fait pas partie" in told


# -- conflicts ---------------------------------------------------------------------------


@pytest.fixture
def conflicted(tmp_path: Path, laptop: Laptop) -> Path:
    """Alice's file, in conflict with Bruno's over an answer, a person met's cell, the place
    of the visit, a quote's speaker and the initiative's territory."""
    base = tmp_path / "modèle.fieldkit"
    with Survey.create(base, device=laptop("base")) as survey:
        garage = survey.add_initiative("Garage solidaire du Val", id="garage")
        survey.add_interview(garage, "2026-11-14", "Dijon", id="visite-1")
        for row in ("Agnès", "Bruno"):
            survey.add_row("visite-1", "personnes_rencontrees", {"personne_nom": row}, id=row)
        quote = survey.add_quote("visite-1", "On répare aussi les gens.", "Agnès")
    paths = []
    for name in ("alice", "bruno"):
        path = tmp_path / f"{name}.fieldkit"
        shutil.copyfile(base, path)
        with Survey.open(path, device=laptop(name)) as survey:
            survey.set_answer("visite-1", "description_initiative", f"Selon {name}")
            survey.set_row_answer("Bruno", "personne_role", f"Vu par {name}")
            survey.set_answer("visite-1", "visite_lieu", f"Chez {name}")
            survey.set_item_field("quote", quote, "speaker", f"Cité par {name}")
            survey.set_initiative(garage, "territory", f"Vu par {name}")
        paths.append(path)
    merge_files(paths[0], paths[1:], device=laptop("alice"))
    return paths[0]


def _subjects(result: Result) -> dict[str, str]:
    """What each conflict is about, by the kind of its id (``answer``, ``row_answer``…)."""
    assert result.exit_code == 0, result.output
    heads = [line for line in result.stdout.splitlines() if not line.startswith(" ")]
    return {line.split("/")[0]: line.split("  ", 1)[1] for line in heads}


def test_each_conflict_says_what_it_is_about_wholly_in_french(
    run: Cli, french_locale: None, conflicted: Path
) -> None:
    visit = "la visite du 2026-11-14 à Garage solidaire du Val"
    assert _subjects(run("conflicts", conflicted)) == {
        "answer": f"réponse à «{NBSP}Présentation de l’initiative en quelques phrases{NBSP}», "
        f"{visit}",
        "row_answer": f"«{NBSP}Rôle dans l’initiative{NBSP}» dans la fiche 2 (Bruno) de {visit}",
        "interview": f"lieu de {visit}",
        "quote": f"personne citée d’une citation de {visit}",
        "initiative": f"territoire de l’initiative «{NBSP}Garage solidaire du Val{NBSP}»",
    }


def test_each_conflict_says_what_it_is_about_wholly_in_english(
    run: Cli, french_locale: None, conflicted: Path
) -> None:
    visit = "the visit of 2026-11-14 to Garage solidaire du Val"
    assert _subjects(run("--lang", "en", "conflicts", conflicted)) == {
        "answer": f"answer to « The initiative in a few sentences », {visit}",
        "row_answer": f"« Role in the initiative » in entry 2 (Bruno) of {visit}",
        "interview": f"place of {visit}",
        "quote": f"person quoted of a quote of {visit}",
        "initiative": "territory of the initiative « Garage solidaire du Val »",
    }


def test_the_values_of_a_conflict_are_labelled_in_the_readers_language(
    run: Cli, french_locale: None, conflicted: Path
) -> None:
    french_labels = {line.split("  ")[1] for line in _value_lines(run("conflicts", conflicted))}
    english = _value_lines(run("--lang", "en", "conflicts", conflicted))
    assert french_labels <= {"avant", "valeur 1", "valeur 2"}
    assert {line.split("  ")[1] for line in english} <= {"earlier", "value 1", "value 2"}


def _value_lines(result: Result) -> list[str]:
    assert result.exit_code == 0, result.output
    return [line for line in result.stdout.splitlines() if line.startswith("  ")]


# -- search ------------------------------------------------------------------------------


@pytest.fixture
def two_people_alike(survey_path: Path) -> Path:
    """A visit where two people met have the same role, and a third is in the trash."""
    with Survey.open(survey_path) as survey:
        garage = survey.add_initiative("Garage solidaire du Val")
        visit = survey.add_interview(garage, "2026-11-14", id="visite-1")
        for name in ("Agnès Martin", "Bruno Petit", "Chloé Durand"):
            survey.add_row(
                visit, "personnes_rencontrees", {"personne_nom": name, "personne_role": "Bénévole"}
            )
        (*_, chloe) = survey.rows(visit, "personnes_rencontrees")
        survey.delete("row", chloe.id)
    return survey_path


def test_search_hits_in_a_list_say_which_entry_each_is(
    run: Cli, french_locale: None, two_people_alike: Path
) -> None:
    found = run("search", two_people_alike, "bénévole")
    assert found.exit_code == 0, found.output
    lines = found.stdout.splitlines()
    assert len(lines) == len(set(lines)) == 3
    assert sorted(lines) == [
        "visite-1  row_answer.personne_role  fiche 1 (Agnès Martin)  [Bénévole]",
        "visite-1  row_answer.personne_role  fiche 1 à la corbeille (Chloé Durand)  [Bénévole]",
        "visite-1  row_answer.personne_role  fiche 2 (Bruno Petit)  [Bénévole]",
    ]


def test_search_hits_in_a_list_say_which_entry_each_is_in_english(
    run: Cli, two_people_alike: Path
) -> None:
    lines = run("search", two_people_alike, "bénévole").stdout.splitlines()
    assert sorted(lines) == [
        "visite-1  row_answer.personne_role  entry 1 (Agnès Martin)  [Bénévole]",
        "visite-1  row_answer.personne_role  entry 1 in the trash (Chloé Durand)  [Bénévole]",
        "visite-1  row_answer.personne_role  entry 2 (Bruno Petit)  [Bénévole]",
    ]


# -- things not found --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "french_words", "english_words"),
    [
        (
            ("answer", "{path}", "nulle-part", "annee_creation", "2010"),
            "aucun entretien n’a l’identifiant 'nulle-part'",
            "no interview with id 'nulle-part'",
        ),
        (
            ("quote", "add", "{path}", "nulle-part", "On répare aussi les gens."),
            "aucun entretien n’a l’identifiant 'nulle-part'",
            "no interview with id 'nulle-part'",
        ),
        (
            ("interview", "add", "{path}", "--initiative", "nulle-part"),
            "aucune initiative n’a l’identifiant 'nulle-part'",
            "no initiative with id 'nulle-part'",
        ),
        (
            ("initiative", "set", "{path}", "nulle-part", "name", "Garage"),
            "aucune initiative n’a l’identifiant 'nulle-part'",
            "no initiative with id 'nulle-part'",
        ),
    ],
)
def test_a_thing_not_found_is_named_in_words(
    run: Cli,
    survey_path: Path,
    args: tuple[str, ...],
    french_words: str,
    english_words: str,
) -> None:
    typed = [a.format(path=survey_path) for a in args]
    in_french = run("--lang", "fr", *typed)
    assert in_french.exit_code == 1, in_french.output
    assert in_french.stderr == f"fieldkit: {survey_path}{NBSP}: {french_words}\n"
    in_english = run("--lang", "en", *typed)
    assert in_english.stderr == f"fieldkit: {survey_path}: {english_words}\n"


@pytest.mark.parametrize("english", sorted(t for t in CATALOGUE if " with id " in t))
def test_every_kind_of_thing_has_its_own_words_in_french(english: str) -> None:
    assert "élément" not in CATALOGUE[english] and "«" not in CATALOGUE[english]


# -- what commands print -------------------------------------------------------------------


@pytest.fixture
def visited(survey_path: Path) -> str:
    """An initiative with one visit that gave the "besoins" section its material."""
    with Survey.open(survey_path) as survey:
        garage = survey.add_initiative("Garage solidaire du Val", id="garage")
        survey.add_interview(garage, "2026-11-14", "Dijon", id="visite-1")
        survey.set_answer("visite-1", "besoins_non_couverts", "Plus de garage.")
    return garage


def test_an_export_says_what_it_wrote_in_the_readers_language(
    run: Cli, french_locale: None, survey_path: Path, visited: str, tmp_path: Path
) -> None:
    out = tmp_path / "dossier.docx"
    french = run("export", "working-file", survey_path, "--initiative", visited, "-o", out)
    assert french.stdout == f"fichier écrit{NBSP}: {out}\n"
    english = run("--lang", "en", "export", "working-file", survey_path, "--initiative", visited)
    assert mistake(english)  # -o is required: nothing written
    written = run(
        "--lang", "en", "export", "working-file", survey_path, "--initiative", visited, "-o", out
    )
    assert written.stdout == f"wrote {out}\n"


@pytest.fixture
def written_apart(tmp_path: Path, laptop: Laptop, survey_path: Path, visited: str) -> Path:
    """Alice's file, where she and Bruno wrote the "besoins" section apart, and she the summary."""
    bruno = tmp_path / "bruno.fieldkit"
    shutil.copyfile(survey_path, bruno)
    with Survey.open(survey_path, device=laptop("Alice")) as survey:
        survey.set_narrative(visited, "besoins", "Selon Alice.")
        survey.set_narrative(visited, "chapeau", "Un garage.")
    with Survey.open(bruno, device=laptop("Bruno")) as survey:
        survey.set_narrative(visited, "besoins", "Selon Bruno.")
    merge_files(survey_path, [bruno], device=laptop("Alice"))
    return survey_path


def _outline_lines(result: Result) -> dict[str, str]:
    assert result.exit_code == 0, result.output
    return {line.split()[0]: line for line in result.stdout.splitlines()}


def _state(line: str) -> str:
    """The second column of an outline's line: the section's state."""
    return re.split(" {2,}", line)[1]


def test_the_outline_says_each_state_wholly_in_french(
    run: Cli, french_locale: None, written_apart: Path, visited: str
) -> None:
    lines = _outline_lines(run("outline", written_apart, "--initiative", visited))
    assert _state(lines["chapeau"]) == "écrite"
    assert lines["chapeau"].endswith("(texte de Alice)")
    assert _state(lines["besoins"]) == "écrite"
    assert f"[conflit initiative/{visited}/narrative:besoins]" in lines["besoins"]
    assert _state(lines["axe5"]) == "matière seule"
    assert _state(lines["innovation"]) == "vide"
    shown = "\n".join(lines.values())
    for english in ("written", "material only", "empty", "(by ", "text by", "[conflict"):
        assert english not in shown


def test_the_outline_says_each_state_wholly_in_english(
    run: Cli, french_locale: None, written_apart: Path, visited: str
) -> None:
    lines = _outline_lines(run("--lang", "en", "outline", written_apart, "--initiative", visited))
    assert _state(lines["chapeau"]) == "written"
    assert lines["chapeau"].endswith("(text by Alice)")
    assert f"[conflict initiative/{visited}/narrative:besoins]" in lines["besoins"]
    assert _state(lines["axe5"]) == "material only"
    assert _state(lines["innovation"]) == "empty"


@pytest.fixture
def leaky_files(survey_path: Path, tmp_path: Path) -> dict[str, Path]:
    """A survey that met Agnès Martin (who did not agree to be named) and holds her address;
    files that name her, hold her address, or say nothing of her."""
    with Survey.open(survey_path) as survey:
        garage = survey.add_initiative("Garage solidaire du Val")
        visit = survey.add_interview(garage, "2026-11-14")
        survey.add_row(visit, "personnes_rencontrees", {"personne_nom": "Agnès Martin"})
        survey.set_answer(visit, "description_initiative", "Écrire à contact@garage.example")
    files = {
        "notes": ("notes.txt", "Rencontre avec Agnès Martin.\n"),
        "table": ("table.csv", "lieu,contact\nDijon,contact@garage.example\n"),
        "clean": ("propre.txt", "Un garage solidaire.\n"),
    }
    for name, text in files.values():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return {key: tmp_path / name for key, (name, _) in files.items()}


def test_privacy_check_tells_each_leak_wholly_in_french(
    run: Cli, french_locale: None, survey_path: Path, leaky_files: dict[str, Path]
) -> None:
    notes, table, clean = leaky_files["notes"], leaky_files["table"], leaky_files["clean"]
    result = run("privacy", "check", survey_path, notes, table, clean)
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines() == [
        f"{notes}{NBSP}: notes.txt, ligne 1{NBSP}: le nom de la personne Agnès Martin "
        "('Agnès Martin')",
        f"{table}{NBSP}: table.csv, ligne 2, colonne 2{NBSP}: une adresse électronique "
        "('contact@garage.example')",
        f"{clean}{NBSP}: aucune fuite",
    ]
    assert result.stderr == "fieldkit: 2 fuite(s) trouvée(s) dans 2 fichier(s)\n"


def test_privacy_check_tells_each_leak_wholly_in_english(
    run: Cli, french_locale: None, survey_path: Path, leaky_files: dict[str, Path]
) -> None:
    notes, table, clean = leaky_files["notes"], leaky_files["table"], leaky_files["clean"]
    result = run("--lang", "en", "privacy", "check", survey_path, notes, table, clean)
    assert result.stdout.splitlines() == [
        f"{notes}: notes.txt, line 1: the name of Agnès Martin ('Agnès Martin')",
        f"{table}: table.csv, row 2, column 2: an e-mail address ('contact@garage.example')",
        f"{clean}: no leak",
    ]


def test_a_file_named_before_what_is_said_of_it_is_spaced_as_french_is(
    run: Cli, french_locale: None, survey_path: Path, visited: str, tmp_path: Path
) -> None:
    assert run("check", survey_path).stdout == f"{survey_path}{NBSP}: ok\n"
    target = tmp_path / "fusion.fieldkit"
    merged = run("merge", target, survey_path)
    assert merged.stdout.startswith(f"{survey_path}{NBSP}: 1 nouvelle initiative, ")
    assert run("--lang", "en", "check", survey_path).stdout == f"{survey_path}: ok\n"


def test_a_sync_that_finds_this_computer_signing_elsewhere_says_so_in_french(
    run: Cli, french_locale: None, survey_path: Path, visited: str, tmp_path: Path
) -> None:
    folder = tmp_path / "partage"
    folder.mkdir()
    copy = tmp_path / "copie.fieldkit"
    shutil.copyfile(survey_path, copy)
    run("initiative", "add", copy, "Recyclerie du quartier")
    assert run("sync", copy, folder).exit_code == 0
    result = run("sync", survey_path, folder)
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"attention{NBSP}: {folder}")
    assert "modifications signées" in result.stderr
    assert "signed with" not in result.stderr
