"""Every message a person reads exists in French and in English.

The core writes its messages in English; ``resources/translations/messages_fr.yaml``
gives the French form of each template (``tools/messages.py`` collects the
templates from the code). The command line speaks the system's language
(``LANG``), or the one ``--lang`` asks for.
"""

from __future__ import annotations

import importlib.util
import re
import string
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import Result

from fieldkit.errors import GuideError
from fieldkit.messages import language_of, translate
from tests.conftest import Cli

ROOT = Path(__file__).resolve().parents[1]
NBSP = "\u00a0"


def load_tool() -> ModuleType:
    """``tools/messages.py``, which is a script, not a package module."""
    spec = importlib.util.spec_from_file_location("messages_tool", ROOT / "tools" / "messages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TOOL = load_tool()
CATALOGUE: dict[str, str] = TOOL.read_catalogue()


def fields(template: str) -> list[str]:
    """The names of a template's values, in order: "" for ``{}``, "0" for ``{0}``…"""
    return [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]


def stderr_of(result: Result, status: int = 1) -> str:
    assert result.exit_code == status, f"exit {result.exit_code}: {result.output}"
    assert "Traceback" not in result.output
    return result.stderr


# -- the catalogue -------------------------------------------------------------------


def test_every_template_of_the_code_has_a_french_form() -> None:
    missing = [template for template in TOOL.code_templates() if not CATALOGUE.get(template)]
    assert not missing, "write their French form in messages_fr.yaml:\n" + "\n".join(missing)


def test_the_catalogue_holds_only_templates_of_the_code() -> None:
    stale = sorted(set(CATALOGUE) - set(TOOL.code_templates()))
    assert not stale, "run tools/messages.py update to drop:\n" + "\n".join(stale)


@pytest.mark.parametrize("english", sorted(CATALOGUE))
def test_each_french_form_carries_the_values_of_its_template(english: str) -> None:
    french = CATALOGUE[english]
    count = len(fields(english))
    names = fields(french)
    assert len(names) == count, f"{french!r} has {len(names)} values, {english!r} has {count}"
    # Either in the English order ({}), or numbered, every one of them.
    assert names == [""] * count or sorted(names) == [str(i) for i in range(count)], french
    values = [f"<{i}>" for i in range(count)]
    shown = french.format(*values)
    assert all(value in shown for value in values)
    # Two values side by side cannot be told apart in a message: keep them so.
    for pair in re.findall(r"(?:\{\}){2,}", english):
        assert pair in french.replace("{0}", "{}").replace("{1}", "{}"), french


@pytest.mark.parametrize("english", sorted(CATALOGUE))
def test_each_message_of_the_code_comes_out_in_french(english: str) -> None:
    # One-word values, so that no value is taken for a message of its own.
    values = [f"v{i}" for i in range(len(fields(english)))]
    assert translate(english.format(*values), "fr") == CATALOGUE[english].format(*values)
    assert translate(english.format(*values), "en") == english.format(*values)


@pytest.mark.parametrize("english", sorted(CATALOGUE))
def test_french_forms_follow_french_typography(english: str) -> None:
    french = CATALOGUE[english]
    before_marks = re.findall(r"(.?)[:;!?»]", french)
    assert set(before_marks) <= {NBSP}, "a no-break space before : ; ! ? and »"
    assert re.findall(r"«(.?)", french) in ([], [NBSP] * french.count("«")), "and after «"
    assert "'" not in french, "typographic apostrophes (’), « guillemets » around names"


# -- the tool that collects the templates ----------------------------------------------


@pytest.mark.parametrize(
    ("source", "template"),
    [
        ('raise FieldkitError(f"{path}: no such file")', "{}: no such file"),
        ('problems.append(f"line {n} is empty")', "line {} is empty"),
        ('say("no open conflict", err=True)', "no open conflict"),
        ("click.echo(f\"  {translated('earlier')}  {line}\")", "earlier"),
        ('raise click.UsageError("give --keep or --value")', "give --keep or --value"),
        (
            "class GuideError(FieldkitError):\n"
            "    def __init__(self, source, count):\n"
            '        heading = f"{source}: {count} problems"\n',
            "{}: {} problems",
        ),
        (
            "class Builder:\n"
            "    @property\n"
            "    def problems(self):\n"
            '        return [f"line {line}: {text}" for line, text in self.found]\n',
            "line {}: {}",
        ),
        ('raise FieldkitError(f"refers to ${{{name}}}")', "refers to ${{{}}}"),
        (
            'warn(f"the {column} is left out" + " (the question is always shown)")',
            "(the question is always shown)",
        ),
    ],
)
def test_the_tool_finds_messages_where_the_code_hands_them_to_a_person(
    source: str, template: str
) -> None:
    assert template in set(TOOL.templates_in(source))


@pytest.mark.parametrize(
    "source",
    [
        'click.echo(f"{initiative.id}  {initiative.name}")',
        'connection.execute(f"DROP TABLE IF EXISTS {name}")',
        'say(f"{path}: ok")',
        'click.echo(f"fieldkit: {message}", err=True)',
    ],
)
def test_the_tool_leaves_data_and_short_texts_alone(source: str) -> None:
    assert list(TOOL.templates_in(source)) == []


COMMANDS_SOURCE = '''
@cli.command()
@click.option("--limit", default=50, help="Most hits "
    "to show.")
def search(survey, text, limit):
    """Search every answer, note and quote.

    Accents are ignored, and each word
    is the start of a word.
    \f
    What click never shows.
    """


@export.group()
def export():
    """Write monographs."""


def read_text(source):
    """A text file's content: said to nobody."""
'''


def test_the_tool_finds_the_help_as_the_command_line_shows_it() -> None:
    assert sorted(TOOL.help_in(COMMANDS_SOURCE)) == [
        "Accents are ignored, and each word is the start of a word.",
        "Most hits to show.",
        "Search every answer, note and quote.",
        "Write monographs.",
    ]


def test_the_help_of_the_command_line_is_in_the_catalogue() -> None:
    from fieldkit.cli.base import cli

    assert cli.help in TOOL.code_templates()
    assert CATALOGUE[str(cli.help)].startswith("fieldkit\u00a0: mener des entretiens")


# -- translating ----------------------------------------------------------------------


def test_a_value_that_is_itself_a_message_is_translated_too() -> None:
    assert translate(
        "warning: a.fieldkit: no such file (skipped; it is read again next time)", "fr"
    ) == (
        f"attention{NBSP}: a.fieldkit{NBSP}: fichier introuvable "
        f"(fichier ignoré{NBSP}; il sera relu la prochaine fois)"
    )


def test_a_place_in_front_of_a_message_is_kept_and_the_message_translated() -> None:
    message = "visites.fieldkit: question 'annee' expects a whole number, not 'abc'"
    assert translate(message, "fr") == (
        f"visites.fieldkit{NBSP}: la question «{NBSP}annee{NBSP}» attend un nombre entier, "
        "pas 'abc'"
    )


def test_a_one_word_value_is_a_name_and_stays_as_it_is() -> None:
    # "complete" alone is a message (the status); as a file name it is not.
    assert translate("complete", "fr") == "terminé"
    assert translate("wrote complete", "fr") == f"fichier écrit{NBSP}: complete"


def test_a_value_may_be_empty() -> None:
    assert translate("not valid YAML (found a tab)", "fr") == "YAML invalide (found a tab)"
    assert translate("line 3: not valid YAML (found a tab)", "fr") == (
        f"ligne 3{NBSP}: YAML invalide (found a tab)"
    )


@pytest.mark.parametrize(
    "message",
    [
        "Ceci n’est le message d’aucun modèle",
        "something went wrong: 42",
        "two lines\nof no template",
        "",
    ],
)
def test_a_message_of_no_template_passes_through_unchanged(message: str) -> None:
    assert translate(message, "fr") == message


def test_a_guide_error_is_translated_line_by_line() -> None:
    error = GuideError(
        "guide.yaml",
        ["line 4: the guide has no 'sections' list", "line 9: section 'accueil' has no questions"],
    )
    assert translate(str(error), "fr").splitlines() == [
        f"guide.yaml{NBSP}: 2 problèmes dans le guide",
        f"  - ligne 4{NBSP}: le guide n’a pas de liste «{NBSP}sections{NBSP}»",
        f"  - ligne 9{NBSP}: section 'accueil' ne contient aucune question",
    ]


@pytest.mark.parametrize(
    ("environment", "language"),
    [
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "fr_BE.UTF-8"}, "fr"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
        ({"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "fr_FR.UTF-8"}, "fr"),
    ],
)
def test_the_language_is_the_system_locales(environment: dict[str, str], language: str) -> None:
    assert language_of(environment) == language


# -- on the command line ---------------------------------------------------------------


def test_lang_fr_gives_a_french_one_line_error_naming_the_file(run: Cli, tmp_path: Path) -> None:
    missing = tmp_path / "absente.fieldkit"
    message = stderr_of(run("--lang", "fr", "list", missing))
    assert message == f"fieldkit: {missing}{NBSP}: fichier introuvable\n"


def test_the_system_language_is_followed_and_lang_overrides_it(
    run: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "absente.fieldkit"
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert stderr_of(run("list", missing)) == f"fieldkit: {missing}{NBSP}: fichier introuvable\n"
    assert stderr_of(run("--lang", "en", "list", missing)) == (
        f"fieldkit: {missing}: no such file\n"
    )
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert stderr_of(run("list", missing)) == f"fieldkit: {missing}: no such file\n"


def test_a_guide_with_several_problems_is_reported_in_french(run: Cli, tmp_path: Path) -> None:
    guide = tmp_path / "guide.yaml"
    guide.write_text(
        "format: fieldkit-guide/1\nid: g\ntitle: Guide\nsections:\n"
        "  - id: accueil\n    title: Accueil\n    questions:\n"
        "      - id: ambiance\n        type: texte\n        label: Ambiance\n        couleur: 1\n",
        encoding="utf-8",
    )
    message = stderr_of(run("--lang", "fr", "guide", "check", guide))
    assert message.splitlines() == [
        f"fieldkit: {guide}{NBSP}: 2 problèmes dans le guide",
        f"  - ligne 8{NBSP}: question 'ambiance' (section 'accueil'){NBSP}: clé inconnue 'couleur'",
        f"  - ligne 8{NBSP}: question 'ambiance' (section 'accueil'){NBSP}: type inconnu 'texte' "
        f"(types connus{NBSP}: date, datetime, decimal, integer, long_text, note, repeat, scale, "
        "select_multiple, select_one, text, time)",
    ]


def test_a_guide_that_is_not_yaml_is_one_problem_in_french(run: Cli, tmp_path: Path) -> None:
    guide = tmp_path / "guide.yaml"
    guide.write_text("sections: [\n", encoding="utf-8")
    lines = stderr_of(run("--lang", "fr", "guide", "check", guide)).splitlines()
    assert lines[0] == f"fieldkit: {guide}{NBSP}: 1 problème dans le guide"
    assert lines[1].startswith(f"  - ligne 2{NBSP}: YAML invalide (")


def test_a_refused_answer_names_the_survey_in_french(run: Cli, survey_path: Path) -> None:
    initiative = run("initiative", "add", survey_path, "Garage solidaire du Val").stdout.strip()
    visit = run("interview", "add", survey_path, "--initiative", initiative).stdout.strip()
    message = stderr_of(
        run("--lang", "fr", "answer", survey_path, visit, "annee_creation", "vers 2010")
    )
    assert message == (
        f"fieldkit: {survey_path}{NBSP}: la question «{NBSP}annee_creation{NBSP}» "
        "attend un nombre entier, pas 'vers 2010'\n"
    )


def test_a_skipped_file_is_explained_in_french_inside_the_warning(
    run: Cli, survey_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "clé USB"
    folder.mkdir()
    (folder / "autre.fieldkit").write_bytes(bytes(range(256)))
    result = run("--lang", "fr", "sync", survey_path, folder)
    assert stderr_of(result, 0) == (
        f"attention{NBSP}: {folder / 'autre.fieldkit'}{NBSP}: pas un fichier d’enquête fieldkit"
        f"{NBSP}: ce fichier contient autre chose (fichier ignoré{NBSP}; il sera relu la prochaine "
        "fois)\n"
    )


def test_the_list_says_draft_and_trash_in_the_readers_language(run: Cli, survey_path: Path) -> None:
    initiative = run("initiative", "add", survey_path, "Garage solidaire du Val").stdout.strip()
    run("interview", "add", survey_path, "--initiative", initiative)
    run("delete", survey_path, initiative)
    french = run("--lang", "fr", "list", "--deleted", survey_path).stdout
    assert "Garage solidaire du Val [corbeille]" in french and "  brouillon  " in french
    english = run("--lang", "en", "list", "--deleted", survey_path).stdout
    assert "Garage solidaire du Val [trash]" in english and "  draft  " in english


def test_a_mistake_in_the_command_is_explained_in_french(run: Cli, survey_path: Path) -> None:
    message = stderr_of(run("--lang", "fr", "resolve", survey_path, "answer/x/y"), status=2)
    assert "donnez soit --keep CHANGE, soit --value VALUE…" in message
