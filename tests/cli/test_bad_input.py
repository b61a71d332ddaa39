"""What bad input gets: a specific message, a non-zero exit, and every file as it was.

Each case below is something a facilitator can actually hand fieldkit: the
wrong file, a damaged copy from a USB key, a guide typed by hand, a value that
does not fit its question. For each, the command line must say in one
sentence which file is at fault and what is wrong with it, exit 1, and leave
every file in the folder byte for byte as it was — the survey included.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import struct
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result

from fieldkit.survey import Survey, schema
from tests.cli.conftest import Good, a_device, a_pipe, a_png, posix_only, refused, snapshot
from tests.conftest import Cli

# -- files that are not (good) survey files ----------------------------------------


def _missing(folder: Path, good: Good) -> Path:
    return folder / "absente.fieldkit"


def _folder(folder: Path, good: Good) -> Path:
    path = folder / "dossier.fieldkit"
    path.mkdir()
    return path


def _empty(folder: Path, good: Good) -> Path:
    path = folder / "vide.fieldkit"
    path.write_bytes(b"")
    return path


def _text(folder: Path, good: Good) -> Path:
    path = folder / "compte-rendu.fieldkit"
    path.write_text("Compte rendu de la visite du garage solidaire.\n", encoding="utf-8")
    return path


def _png(folder: Path, good: Good) -> Path:
    path = folder / "photo.fieldkit"
    path.write_bytes(a_png())
    return path


def _other_application(folder: Path, good: Good) -> Path:
    path = folder / "carnet.fieldkit"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
        connection.execute("INSERT INTO contacts VALUES ('Camille', '06 00 00 00 00')")
    connection.close()
    return path


def _marked_but_empty(folder: Path, good: Good) -> Path:
    """A file that says it is a fieldkit survey but holds none of its tables."""
    path = folder / "contrefait.fieldkit"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
        connection.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
        connection.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION}")
    connection.close()
    return path


def _newer(folder: Path, good: Good) -> Path:
    path = folder / "future.fieldkit"
    shutil.copyfile(good.path, path)
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA user_version = 99")
    connection.close()
    return path


def _truncated(folder: Path, good: Good) -> Path:
    path = folder / "coupée.fieldkit"
    data = good.path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _damaged(folder: Path, good: Good) -> Path:
    """Random bytes over the middle third of the pages, as a failing USB key might leave."""
    path = folder / "abîmée.fieldkit"
    data = bytearray(good.path.read_bytes())
    page_size = struct.unpack(">H", data[16:18])[0]
    pages = len(data) // page_size
    assert pages >= 30, "the good survey is too small to damage meaningfully"
    noise = random.Random(2019)
    for page in range(pages // 3, 2 * pages // 3):
        data[page * page_size : (page + 1) * page_size] = noise.randbytes(page_size)
    path.write_bytes(bytes(data))
    return path


def _noise(folder: Path, good: Good) -> Path:
    """SQLite's header, then random bytes: a file that only looks like a database."""
    path = folder / "bruit.fieldkit"
    path.write_bytes(schema.SQLITE_HEADER + random.Random(2019).randbytes(64 * 1024))
    return path


BAD_FILES: list[tuple[str, Callable[[Path, Good], Path], str]] = [
    ("missing", _missing, "no such file"),
    ("folder", _folder, "is a folder"),
    ("empty", _empty, "the file is empty, not a fieldkit survey file"),
    ("text", _text, "not a fieldkit survey file: this file holds something else"),
    ("png", _png, "not a fieldkit survey file: this file holds something else"),
    ("other-application", _other_application, "survey file: a database of another program"),
    ("marked-but-empty", _marked_but_empty, "the file is damaged (missing tables"),
    ("newer", _newer, "made by a newer fieldkit (schema version 99"),
    ("truncated", _truncated, "the file is truncated"),
    ("damaged", _damaged, "the file is damaged"),
    ("noise", _noise, "the file is damaged or unreadable (file is not a database)"),
]

#: Every command that opens a survey, reading or writing, as a user would type it.
SURVEY_COMMANDS: list[tuple[str, Callable[[Path, Good, Path], list[str | Path]]]] = [
    ("list", lambda bad, good, dump: ["list", bad]),
    ("list --deleted", lambda bad, good, dump: ["list", bad, "--deleted"]),
    ("dump", lambda bad, good, dump: ["dump", bad]),
    ("check", lambda bad, good, dump: ["check", bad]),
    ("search", lambda bad, good, dump: ["search", bad, "coopération"]),
    (
        "history",
        lambda bad, good, dump: ["history", bad, good.interview, "besoins_non_couverts"],
    ),
    (
        "answer",
        lambda bad, good, dump: ["answer", bad, good.interview, "note_libre", "Bonjour"],
    ),
    ("initiative add", lambda bad, good, dump: ["initiative", "add", bad, "Nouvelle"]),
    (
        "initiative set",
        lambda bad, good, dump: ["initiative", "set", bad, good.initiative, "name", "X"],
    ),
    (
        "interview add",
        lambda bad, good, dump: ["interview", "add", bad, "--initiative", good.initiative],
    ),
    ("interview complete", lambda bad, good, dump: ["interview", "complete", bad, good.interview]),
    ("quote add", lambda bad, good, dump: ["quote", "add", bad, good.interview, "Une citation"]),
    ("note add", lambda bad, good, dump: ["note", "add", bad, good.interview, "Une note"]),
    ("attach", lambda bad, good, dump: ["attach", bad, good.interview, dump]),
    ("delete", lambda bad, good, dump: ["delete", bad, good.interview]),
    ("restore", lambda bad, good, dump: ["restore", bad, good.interview]),
    ("rebuild", lambda bad, good, dump: ["rebuild", bad]),
    ("load", lambda bad, good, dump: ["load", bad, dump]),
]


@pytest.mark.parametrize(
    ("command", "words"), SURVEY_COMMANDS, ids=[name for name, _ in SURVEY_COMMANDS]
)
@pytest.mark.parametrize(
    ("make", "reason"), [(m, r) for _, m, r in BAD_FILES], ids=[n for n, _, _ in BAD_FILES]
)
def test_a_bad_survey_file_is_refused_by_every_command(
    tmp_path: Path,
    run: Cli,
    good: Good,
    untouched: Callable[[], None],
    make: Callable[[Path, Good], Path],
    reason: str,
    command: str,
    words: Callable[[Path, Good, Path], list[str | Path]],
) -> None:
    dump = tmp_path / "export.json"
    dump.write_text(run("dump", good.path).stdout, encoding="utf-8")
    bad = make(tmp_path, good)
    untouched()
    refused(run(*words(bad, good, dump)), bad, reason)


@posix_only
@pytest.mark.parametrize(
    ("command", "words"), SURVEY_COMMANDS, ids=[name for name, _ in SURVEY_COMMANDS]
)
@pytest.mark.parametrize("make", [a_pipe, a_device], ids=["pipe", "device"])
def test_a_pipe_or_a_device_is_refused_at_once_by_every_command(
    tmp_path: Path,
    run: Cli,
    good: Good,
    untouched: Callable[[], None],
    never_waits: None,
    make: Callable[[Path, str], Path],
    command: str,
    words: Callable[[Path, Good, Path], list[str | Path]],
) -> None:
    dump = tmp_path / "export.json"
    dump.write_text(run("dump", good.path).stdout, encoding="utf-8")
    bad = make(tmp_path, "visites.fieldkit")
    untouched()
    refused(run(*words(bad, good, dump)), bad, "not a regular file", "a survey must be a file")


# -- a reader that goes away -------------------------------------------------------


@posix_only
@pytest.mark.parametrize(("command", "words"), [("list", []), ("dump", []), ("search", ["mot"])])
def test_a_reader_that_leaves_early_is_not_an_error(
    good: Good, command: str, words: list[str]
) -> None:
    """``fieldkit list visites.fieldkit | head``: the reader has gone when the list is
    printed. Nothing is said about it, the survey is left as it was, and the status
    is 1 (the output was cut short), as for any click program."""
    before = snapshot(good.path.parent)
    reader, writer = os.pipe()
    os.close(reader)  # gone before the first line
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                "from fieldkit.cli import main; main()",
                command,
                good.path,
                *words,
            ],
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    finally:
        os.close(writer)
    assert done.stderr == ""
    assert done.returncode == 1
    assert snapshot(good.path.parent) == before


# -- read-only files and folders -----------------------------------------------------


@pytest.fixture
def read_only_file(good: Good) -> Iterator[Path]:
    good.path.chmod(0o444)
    yield good.path
    good.path.chmod(0o644)


@pytest.fixture
def read_only_folder(tmp_path: Path, good: Good) -> Iterator[Path]:
    folder = tmp_path / "clé USB"
    folder.mkdir()
    path = folder / "visites.fieldkit"
    shutil.copyfile(good.path, path)
    folder.chmod(0o555)
    yield path
    folder.chmod(0o755)


WRITING_COMMANDS = [
    (name, words)
    for name, words in SURVEY_COMMANDS
    if name not in {"list", "list --deleted", "dump", "check", "search", "history"}
]


@pytest.mark.parametrize(
    ("command", "words"), WRITING_COMMANDS, ids=[name for name, _ in WRITING_COMMANDS]
)
def test_a_read_only_file_is_never_written(
    tmp_path: Path,
    run: Cli,
    good: Good,
    read_only_file: Path,
    untouched: Callable[[], None],
    command: str,
    words: Callable[[Path, Good, Path], list[str | Path]],
) -> None:
    # Even for root, who may write anywhere: the owner said "read-only".
    dump = tmp_path / "export.json"
    dump.write_text(run("dump", good.path).stdout, encoding="utf-8")
    untouched()
    refused(run(*words(read_only_file, good, dump)), read_only_file, "the file is read-only")


@pytest.mark.parametrize(
    "words",
    [
        ["list"],
        ["dump"],
        ["check"],
        ["search", "{path}", "cooperation"],
        ["history", "{path}", "{interview}", "besoins_non_couverts"],
    ],
    ids=["list", "dump", "check", "search", "history"],
)
def test_a_read_only_file_can_still_be_read(
    run: Cli,
    good: Good,
    read_only_file: Path,
    untouched: Callable[[], None],
    words: list[str],
) -> None:
    untouched()
    args = [w.format(path=read_only_file, interview=good.interview) for w in words]
    if len(args) == 1:
        args.append(str(read_only_file))
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert result.stdout


@pytest.mark.parametrize(
    ("command", "words"), WRITING_COMMANDS, ids=[name for name, _ in WRITING_COMMANDS]
)
def test_a_survey_in_a_read_only_folder_is_never_written(
    tmp_path: Path,
    run: Cli,
    good: Good,
    read_only_folder: Path,
    untouched: Callable[[], None],
    command: str,
    words: Callable[[Path, Good, Path], list[str | Path]],
) -> None:
    dump = tmp_path / "export.json"
    dump.write_text(run("dump", good.path).stdout, encoding="utf-8")
    untouched()
    refused(
        run(*words(read_only_folder, good, dump)),
        read_only_folder,
        f"the folder {read_only_folder.parent} is read-only",
    )


READING_COMMANDS = [
    ["list", "{path}"],
    ["dump", "{path}"],
    ["check", "{path}"],
    ["search", "{path}", "coopération"],
    ["history", "{path}", "{interview}", "besoins_non_couverts"],
    ["export", "csv", "{path}", "-o", "{out}/visites.csv"],
    ["export", "json", "{path}", "-o", "{out}/visites.json"],
    [
        "export",
        "monograph",
        "{path}",
        "--initiative={initiative}",
        "-o",
        "{out}/m.docx",
        "--include-drafts",
    ],
]


@pytest.mark.parametrize(
    "words",
    READING_COMMANDS,
    ids=[" ".join(w for w in words[:2] if "{" not in w) for words in READING_COMMANDS],
)
@pytest.mark.parametrize("last_saves", ["checkpointed", "in its -wal"])
def test_a_survey_in_a_read_only_folder_can_be_read(
    tmp_path: Path,
    run: Cli,
    good: Good,
    read_only_folder: Path,
    words: list[str],
    last_saves: str,
) -> None:
    """A CD, a locked share: SQLite must not even try to write its -wal and -shm there."""
    folder = read_only_folder.parent
    if last_saves == "in its -wal":
        folder.chmod(0o755)
        saved_while_open(good, read_only_folder)
        folder.chmod(0o555)
    before = sorted(os.listdir(folder)), snapshot(folder)
    out = tmp_path / "exports"
    out.mkdir()
    names = {"path": read_only_folder, "interview": good.interview, "out": out}
    args = [w.format(initiative=good.initiative, **names) for w in words]
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert (sorted(os.listdir(folder)), snapshot(folder)) == before, "something was written there"
    if last_saves == "in its -wal" and words[0] == "dump":
        assert "Saisie restée dans le journal" in result.stdout


def saved_while_open(good: Good, copy: Path) -> None:
    """Leave at ``copy`` the survey as a copy made while it was open: last saves in its -wal."""
    with Survey.open(good.path) as survey:
        survey.log.connection.execute("PRAGMA wal_autocheckpoint = 0")
        survey.set_answer(good.interview, "note_libre", "Saisie restée dans le journal")
        shutil.copyfile(good.path, copy)
        wal = good.path.with_name(good.path.name + "-wal")
        shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
    assert copy.with_name(copy.name + "-wal").stat().st_size > 0


@pytest.mark.parametrize("command", ["new", "demo"])
def test_no_survey_is_created_in_a_read_only_folder(
    run: Cli, read_only_folder: Path, untouched: Callable[[], None], command: str
) -> None:
    target = read_only_folder.parent / "nouvelle.fieldkit"
    untouched()
    refused(run(command, target), target, "is read-only")
    assert not target.exists()


# -- creating over something ----------------------------------------------------------


@pytest.mark.parametrize("command", ["new", "demo"])
@pytest.mark.parametrize("existing", ["survey", "text"])
def test_new_never_replaces_an_existing_file(
    tmp_path: Path,
    run: Cli,
    good: Good,
    untouched: Callable[[], None],
    command: str,
    existing: str,
) -> None:
    target = good.path
    if existing == "text":
        target = tmp_path / "notes.fieldkit"
        target.write_text("Mes notes de terrain\n", encoding="utf-8")
    untouched()
    refused(run(command, target), target, "a file already exists there")


def test_new_over_a_folder_is_refused(
    tmp_path: Path, run: Cli, untouched: Callable[[], None]
) -> None:
    folder = tmp_path / "visites.fieldkit"
    folder.mkdir()
    untouched()
    refused(run("new", folder), folder, "is a folder")


def test_new_in_a_missing_folder_is_refused(
    tmp_path: Path, run: Cli, untouched: Callable[[], None]
) -> None:
    target = tmp_path / "nulle part" / "visites.fieldkit"
    untouched()
    refused(run("new", target), target, f"the folder {target.parent} does not exist")
    assert not target.parent.exists()


# -- guides with errors ------------------------------------------------------------------

VALID_GUIDE = """\
format: fieldkit-guide/1
id: guide-test
version: "1"
title: {fr: "Guide de test", en: "Test guide"}
choice_lists:
  oui_non:
    - {value: oui, label: {fr: "Oui", en: "Yes"}}
    - {value: non, label: {fr: "Non", en: "No"}}
sections:
  - id: accueil
    title: {fr: "Accueil", en: "Welcome"}
    questions:
      - id: nom
        type: text
        label: {fr: "Nom", en: "Name"}
      - id: membre
        type: select_one
        choices: oui_non
        label: {fr: "Membre ?", en: "Member?"}
      - id: depuis
        type: integer
        relevant: "${membre} = 'oui'"
        label: {fr: "Depuis quand ?", en: "Since when?"}
"""
#: The first line after VALID_GUIDE: where each broken question below starts.
EXTRA = VALID_GUIDE.count("\n") + 1

BROKEN_QUESTIONS: list[tuple[str, str, str]] = [
    (
        "duplicate id",
        '      - id: nom\n        type: text\n        label: {fr: "Nom encore"}\n',
        "question 'nom' (section 'accueil'): duplicate id 'nom' (first used on line 13)",
    ),
    (
        "unknown type",
        '      - id: recit\n        type: paragraphe\n        label: {fr: "Récit"}\n',
        "question 'recit' (section 'accueil'): unknown type 'paragraphe'",
    ),
    (
        "select without choices",
        '      - id: outils\n        type: select_multiple\n        label: {fr: "Outils"}\n',
        "question 'outils' (section 'accueil'): a select_multiple question needs 'choices'",
    ),
    (
        "unknown choice list",
        "      - id: couleur\n        type: select_one\n        choices: couleurs\n"
        '        label: {fr: "Couleur"}\n',
        "question 'couleur' (section 'accueil'): unknown choice list 'couleurs'",
    ),
    (
        "relevant refers to an unknown question",
        '      - id: majeur\n        type: text\n        relevant: "${age} >= 18"\n'
        '        label: {fr: "Majeur"}\n',
        "question 'majeur' (section 'accueil'): '${age} >= 18' refers to unknown question 'age'",
    ),
    (
        "expression syntax error",
        "      - id: detail\n        type: text\n        relevant: \"${membre} = = 'oui'\"\n"
        '        label: {fr: "Détail"}\n',
        "question 'detail' (section 'accueil'): 'relevant':",
    ),
    (
        "constraint syntax error",
        '      - id: effectif\n        type: integer\n        constraint: ". >= (0"\n'
        '        label: {fr: "Effectif"}\n',
        "question 'effectif' (section 'accueil'): 'constraint':",
    ),
    (
        "missing French label",
        '      - id: anciennete\n        type: integer\n        label: {en: "Seniority"}\n',
        "question 'anciennete' (section 'accueil'): the label has no French text ('fr')",
    ),
    (
        "no label at all",
        "      - id: ville\n        type: text\n",
        "question 'ville' (section 'accueil'): the label is missing",
    ),
]


def _guide_problems(result: Result, guide: Path) -> list[str]:
    """The problems a refused guide lists, after the heading naming the file."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    heading, *problems = result.stderr.rstrip("\n").splitlines()
    count = len(problems)
    plural = "s" if count > 1 else ""
    assert heading == f"fieldkit: {guide}: {count} problem{plural} in the guide"
    assert all(p.startswith("  - ") for p in problems), problems
    return [p[4:] for p in problems]


@pytest.mark.parametrize("command", ["guide check", "guide show", "new --guide"])
@pytest.mark.parametrize(
    ("question", "problem"),
    [(q, p) for _, q, p in BROKEN_QUESTIONS],
    ids=[name for name, _, _ in BROKEN_QUESTIONS],
)
def test_a_guide_mistake_is_named_with_its_line(
    tmp_path: Path,
    run: Cli,
    untouched: Callable[[], None],
    command: str,
    question: str,
    problem: str,
) -> None:
    guide = tmp_path / "mon guide.yaml"
    guide.write_text(VALID_GUIDE + question, encoding="utf-8")
    survey = tmp_path / "visites.fieldkit"
    untouched()
    if command == "new --guide":
        result = run("new", survey, "--guide", guide)
    else:
        result = run(*command.split(), guide)
    problems = _guide_problems(result, guide)
    assert any(p.startswith(f"line {EXTRA}: {problem}") for p in problems), problems
    assert not survey.exists()


def test_every_guide_mistake_is_reported_at_once(
    tmp_path: Path, run: Cli, untouched: Callable[[], None]
) -> None:
    guide = tmp_path / "guide.yaml"
    text = VALID_GUIDE
    expected = []
    for _, question, problem in BROKEN_QUESTIONS:
        expected.append(f"line {text.count(chr(10)) + 1}: {problem}")
        text += question
    guide.write_text(text, encoding="utf-8")
    untouched()
    problems = _guide_problems(run("guide", "check", guide), guide)
    for wanted in expected:
        assert any(p.startswith(wanted) for p in problems), (wanted, problems)
    assert len(problems) >= len(BROKEN_QUESTIONS)


def test_the_valid_guide_of_these_tests_is_valid(tmp_path: Path, run: Cli) -> None:
    """Guards the catalogue above: each problem comes from its broken question alone."""
    guide = tmp_path / "guide.yaml"
    guide.write_text(VALID_GUIDE, encoding="utf-8")
    result = run("guide", "check", guide)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("title: {fr: Guide\nsections: []\n", "line 2: not valid YAML"),
        ("sections:\n  - id: a\n\tquestions: []\n", "line 3: not valid YAML"),
        ("- une liste\n- pas un guide\n", "the file must be a YAML mapping with 'sections'"),
        ("Juste une phrase.\n", "the file must be a YAML mapping with 'sections'"),
        ("", "the file must be a YAML mapping with 'sections'"),
        (
            'format: fieldkit-guide/1\nid: g\ntitle: {fr: "G"}\n',
            "line 1: the guide has no 'sections' list",
        ),
    ],
    ids=["unclosed-brace", "tab", "a-list", "a-sentence", "empty", "no-sections"],
)
def test_a_guide_that_is_not_a_guide(
    tmp_path: Path, run: Cli, untouched: Callable[[], None], content: str, problem: str
) -> None:
    guide = tmp_path / "guide.yaml"
    guide.write_text(content, encoding="utf-8")
    untouched()
    problems = _guide_problems(run("guide", "check", guide), guide)
    assert any(p.startswith(problem) for p in problems), problems


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda folder: folder / "absent.yaml", "no such guide file"),
        (lambda folder: folder, "cannot read the guide"),
        (
            lambda folder: (folder / "image.yaml", (folder / "image.yaml").write_bytes(a_png()))[0],
            "not a text file (a guide is UTF-8 YAML)",
        ),
        (
            lambda folder: (folder / "guide.xlsx", (folder / "guide.xlsx").write_bytes(b"PK"))[0],
            "not a readable .xlsx workbook",
        ),
    ],
    ids=["missing", "folder", "png", "xlsform"],
)
def test_a_guide_file_that_cannot_be_read(
    tmp_path: Path,
    run: Cli,
    untouched: Callable[[], None],
    make: Callable[[Path], Path],
    problem: str,
) -> None:
    folder = tmp_path / "guides"
    folder.mkdir()
    guide = make(folder)
    survey = tmp_path / "visites.fieldkit"
    untouched()
    refused(run("guide", "check", guide), guide, problem)
    refused(run("new", survey, "--guide", guide), guide, problem)
    assert not survey.exists()


# -- values that do not fit their question -------------------------------------------------


@pytest.mark.parametrize(
    ("question", "words", "problem"),
    [
        ("annee_creation", ["deux mille"], "expects a whole number, not 'deux mille'"),
        ("annee_creation", ["2014.5"], "expects a whole number, not '2014.5'"),
        ("effectif_salarie", ["beaucoup"], "expects a number, not 'beaucoup'"),
        ("effectif_salarie", ["nan"], "expects a number"),
        ("effectif_salarie", ["inf"], "expects a number"),
        ("origine_projet", ["hasard"], "'hasard' is not one of the choices (commande_publique"),
        ("origine_projet", ["mixte", "autre"], "takes one value, got 2"),
        ("formes_juridiques", ["association", "banque"], "'banque' is not one of the choices"),
        ("type_initiative", ["Garage"], "'Garage' is not one of the choices"),
        ("visite_date", ["14/11/2026"], "expects a date as YYYY-MM-DD, not '14/11/2026'"),
        ("visite_date", ["2026-02-30"], "expects a date as YYYY-MM-DD"),
        ("visite_date", ["hier"], "expects a date as YYYY-MM-DD"),
        ("marge_manoeuvre_echelle", ["6"], "expects a value from 1 to 5, not 6"),
        ("marge_manoeuvre_echelle", ["0"], "expects a value from 1 to 5, not 0"),
        ("place_habitants", ["trois"], "expects a whole number, not 'trois'"),
        # A constraint violation speaks the guide's own words.
        ("annee_creation", ["1850"], "Indiquez une année sur quatre chiffres, entre 1900 et 2030."),
        ("axe1_part_locale", ["150"], "Indiquez un pourcentage entre 0 et 100."),
        (
            "collectivites_impliquees",
            ["aucune", "commune"],
            "« Aucune collectivité » ne peut pas être cochée avec une autre réponse.",
        ),
        ("visite_date", ["2999-01-01"], "La date de la visite ne peut pas être dans le futur."),
        ("effectif_salarie", ["--", "-2"], "L’effectif ne peut pas être négatif."),
        # Questions that take no plain answer.
        ("rappel_consentement", ["lu"], "a note takes no answer"),
        ("personnes_rencontrees", ["Léa Martin"], "a repeat group takes rows"),
        ("personne_nom", ["Léa Martin"], "is a column of the repeat group 'personnes_rencontrees'"),
    ],
)
def test_a_value_that_does_not_fit_is_refused(
    run: Cli,
    good: Good,
    untouched: Callable[[], None],
    question: str,
    words: list[str],
    problem: str,
) -> None:
    untouched()
    message = refused(run("answer", good.path, good.interview, question, *words), good.path)
    assert f"question '{question}'" in message
    assert problem in message


def test_a_refused_value_keeps_the_previous_answer(
    run: Cli, good: Good, untouched: Callable[[], None]
) -> None:
    untouched()
    refused(run("answer", good.path, good.interview, "annee_creation", "1850"), good.path)
    dump = json.loads(run("dump", good.path).stdout)
    interview = next(i for i in dump["interviews"] if i["id"] == good.interview)
    assert interview["answers"]["annee_creation"] == 2000


def test_an_unknown_interview_is_refused(
    run: Cli, good: Good, untouched: Callable[[], None]
) -> None:
    untouched()
    for words in (
        ["answer", good.path, "0" * 32, "note_libre", "Bonjour"],
        ["history", good.path, "0" * 32, "note_libre"],
        ["interview", "complete", good.path, "0" * 32],
        ["quote", "add", good.path, "0" * 32, "Une citation"],
    ):
        refused(run(*words), good.path, f"no interview with id '{'0' * 32}'")


def test_an_unknown_question_is_refused(
    run: Cli, good: Good, untouched: Callable[[], None]
) -> None:
    untouched()
    refused(
        run("answer", good.path, good.interview, "age_du_capitaine", "42"),
        good.path,
        "has no question 'age_du_capitaine'",
    )
    refused(
        run("history", good.path, good.interview, "age_du_capitaine"),
        good.path,
        "has no question 'age_du_capitaine'",
    )


# -- loading something that is not a dump ---------------------------------------------------


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (a_png(), "not a JSON file"),
        (b"Compte rendu de visite\n", "not a JSON file"),
        (b"", "not a JSON file"),
        (b'{"format": "fieldkit-dump/1", "initiatives": [', "not a JSON file"),
        (b"[1, 2, 3]", "not a fieldkit dump (expected format 'fieldkit-dump/1')"),
        (b'{"initiatives": []}', "not a fieldkit dump"),
        (b'{"format": "fieldkit-dump/9"}', "not a fieldkit dump"),
        (
            b'{"format": "fieldkit-dump/1", "initiatives": [{"name": "sans id"}]}',
            "the dump is malformed",
        ),
        (
            b'{"format": "fieldkit-dump/1", "initiatives": "Garage"}',
            "the dump is malformed",
        ),
        (
            b'{"format": "fieldkit-dump/1", "guides": [{"hash": "x", "source": "- a"}]}',
            "problem in the guide",
        ),
    ],
    ids=[
        "png",
        "text",
        "empty",
        "cut-short",
        "a-list",
        "no-format",
        "newer-format",
        "initiative-without-id",
        "initiatives-not-a-list",
        "broken-guide",
    ],
)
def test_load_of_something_that_is_not_a_dump(
    tmp_path: Path,
    run: Cli,
    good: Good,
    untouched: Callable[[], None],
    content: bytes,
    problem: str,
) -> None:
    source = tmp_path / "export.json"
    source.write_bytes(content)
    untouched()
    result = run("load", good.path, source)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    message = result.stderr.strip()
    assert message.startswith(f"fieldkit: {source}"), message
    assert problem in message


def test_load_of_a_missing_dump(
    tmp_path: Path, run: Cli, good: Good, untouched: Callable[[], None]
) -> None:
    untouched()
    refused(
        run("load", good.path, tmp_path / "absent.json"), tmp_path / "absent.json", "no such file"
    )
