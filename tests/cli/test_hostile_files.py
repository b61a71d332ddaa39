"""Files made to hang, exhaust or fool fieldkit get one line naming them, at once.

A guide, a template, a workbook, a dump, an attachment or a survey file can
come from anywhere: an e-mail, a shared folder, a colleague's USB key. Some
are built to do harm: a few lines of YAML aliases that expand a billion
times, a small zip holding a huge part, XML entities, a pipe that never
answers, a number that is not one. Each is refused quickly, in one sentence
that names the file, and every other file is left as it was.
"""

from __future__ import annotations

import json
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from fieldkit.errors import FieldkitError, GuideError
from fieldkit.guide import guide_hash, parse_guide
from fieldkit.guide.parsed import MAX_GUIDE_BYTES
from fieldkit.guide.yaml_text import MAX_GUIDE_VALUES
from fieldkit.interop.xlsform.sheets import MAX_SHEET_ROWS
from fieldkit.resources import builtin_guide_path, resource_path
from fieldkit.survey import MAX_ATTACHMENT_BYTES, Survey
from fieldkit.survey.changes import MAX_VALUE_DEPTH
from tests.cli.conftest import Good, a_device, a_pipe, posix_only, refused
from tests.conftest import Cli

KOBO_FORM = Path(__file__).resolve().parents[1] / "data" / "visite-kobo.xlsx"
SURVEY_SHEET = "xl/worksheets/sheet1.xml"
WORKBOOK_PART = "xl/workbook.xml"


def one_line(result: Result, culprit: Path, *fragments: str) -> str:
    """Refused (see :func:`refused`), in a single line of stderr."""
    message = refused(result, culprit, *fragments)
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    return message


# -- numbers that are not numbers ----------------------------------------------------


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_load_refuses_a_number_that_is_not_one(
    tmp_path: Path, run: Cli, good: Good, untouched: Callable[[], None], number: str
) -> None:
    """Python reads NaN and infinities; SQLite's JSON then calls the survey malformed."""
    dump = json.loads(run("dump", good.path).stdout)
    dump["interviews"][0]["answers"]["effectif_salarie"] = "PLACEHOLDER"
    source = tmp_path / "export.json"
    source.write_text(json.dumps(dump).replace('"PLACEHOLDER"', number), encoding="utf-8")
    untouched()
    one_line(run("load", good.path, source), source, "not a fieldkit dump")


def a_colleagues_copy(survey_path: Path, target: Path) -> None:
    """The same survey as it is now, on a colleague's laptop."""
    with Survey.open(survey_path) as survey:
        survey.save_copy(target)


def test_merge_refuses_a_file_holding_a_number_that_is_not_one(
    tmp_path: Path, run: Cli, good: Good, survey_path: Path, untouched: Callable[[], None]
) -> None:
    forged = tmp_path / "reçue.fieldkit"
    target = tmp_path / "cible.fieldkit"
    a_colleagues_copy(good.path, target)
    with Survey.open(good.path) as survey:
        survey.set_answer(good.interview, "effectif_salarie", 12.5)
    good.path.rename(forged)
    with sqlite3.connect(forged) as connection:
        for table in ("changes", "state"):
            connection.execute(f"UPDATE {table} SET value = 'NaN' WHERE value = '12.5'")
    connection.close()
    untouched()
    one_line(run("merge", target, forged), forged, "has a malformed value")


def test_the_change_log_takes_no_number_that_is_not_one(survey: Survey, interview: str) -> None:
    """Whoever writes (a load, a resolution, a future plug-in), the log itself refuses."""
    for value in (float("nan"), [1.0, float("inf")], _nested(MAX_VALUE_DEPTH + 1)):
        with pytest.raises(FieldkitError, match=r"not a number|nested more than"):
            survey.log.write("answer", interview, "effectif_salarie", value)
    assert survey.log.get("answer", interview, "effectif_salarie") is None


def _nested(depth: int) -> object:
    value: object = "fond"
    for _ in range(depth):
        value = [value]
    return value


def test_load_of_json_nested_a_hundred_thousand_deep(
    tmp_path: Path, run: Cli, good: Good, untouched: Callable[[], None]
) -> None:
    source = tmp_path / "profond.json"
    source.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    untouched()
    one_line(run("load", good.path, source), source, "not a fieldkit dump (nested more than")


# -- guides that explode --------------------------------------------------------------


def alias_bomb(levels: int) -> str:
    """A guide whose one label is nine aliases of nine aliases…, ``levels`` deep."""
    lines = ['format: fieldkit-guide/1\nid: bombe\ntitle: {fr: "Bombe"}\nlol0: &l0 ["lol"]']
    for level in range(1, levels + 1):
        lines.append(f"lol{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 9) + "]")
    lines.append(
        "sections:\n  - id: s\n    title: {fr: S}\n    questions:\n"
        f"      - id: q\n        type: text\n        label: {{fr: *l{levels}}}"
    )
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("command", ["guide check", "new --guide"])
def test_a_yaml_alias_bomb_is_refused_before_it_expands(
    tmp_path: Path, run: Cli, untouched: Callable[[], None], command: str
) -> None:
    # Nine levels would be 387 million values; seven (4.8 million) pass the
    # limit as well, without exhausting the machine that runs the test.
    assert MAX_GUIDE_VALUES < 9**7
    guide = tmp_path / "bombe.yaml"
    guide.write_text(alias_bomb(7), encoding="utf-8")
    survey = tmp_path / "visites.fieldkit"
    untouched()
    if command == "new --guide":
        result = run("new", survey, "--guide", guide)
    else:
        result = run("guide", "check", guide)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"fieldkit: {guide}: 1 problem in the guide"), result.stderr
    assert "the YAML aliases expand to more than" in result.stderr
    assert not survey.exists()


def test_a_merge_source_carrying_an_alias_bomb_as_guide_is_refused(
    tmp_path: Path, run: Cli, good: Good, untouched: Callable[[], None]
) -> None:
    bomb = alias_bomb(7)
    source = tmp_path / "piégée.fieldkit"
    target = tmp_path / "cible.fieldkit"
    a_colleagues_copy(good.path, target)
    good.path.rename(source)
    with sqlite3.connect(source) as connection:
        connection.execute("INSERT INTO guides VALUES (?, ?)", (guide_hash(bomb), bomb))
    connection.close()
    untouched()
    result = run("merge", target, source)
    assert result.exit_code == 1, result.output
    assert "the YAML aliases expand to more than" in result.stderr


def test_a_yaml_alias_that_holds_itself_is_refused(
    tmp_path: Path, run: Cli, untouched: Callable[[], None]
) -> None:
    guide = tmp_path / "boucle.yaml"
    guide.write_text("format: fieldkit-guide/1\nid: g\nsections: &s [*s]\n", encoding="utf-8")
    untouched()
    result = run("guide", "check", guide)
    assert result.exit_code == 1
    assert "a YAML alias refers to the value that holds it" in result.stderr


def test_yaml_nested_a_hundred_thousand_deep_is_refused(
    tmp_path: Path, run: Cli, untouched: Callable[[], None]
) -> None:
    guide = tmp_path / "profond.yaml"
    guide.write_text("sections: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    untouched()
    result = run("guide", "check", guide)
    assert result.exit_code == 1, result.output
    assert "not valid YAML (exceeded maximum nesting depth)" in result.stderr


def test_a_guide_larger_than_any_guide_is_refused_unread(
    tmp_path: Path, run: Cli, untouched: Callable[[], None]
) -> None:
    guide = tmp_path / "énorme.yaml"
    with guide.open("wb") as handle:
        handle.truncate(MAX_GUIDE_BYTES + 1)
    untouched()
    one_line(run("guide", "check", guide), guide, "too large for a guide")


# -- templates and workbooks that unpack into far more than they weigh -----------------


DOCUMENT_TYPE = b"wordprocessingml.document.main+xml"
TEMPLATE_TYPE = b"wordprocessingml.template.main+xml"


def template_with_a_part_of(size: int, folder: Path) -> Path:
    """The default template as a .dotx, plus a part of ``size`` zero bytes (packed small)."""
    template = folder / "modèle.dotx"
    with (
        zipfile.ZipFile(resource_path("templates", "monographie.docx")) as original,
        zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as packed,
    ):
        for item in original.infolist():
            data = original.read(item.filename).replace(DOCUMENT_TYPE, TEMPLATE_TYPE)
            packed.writestr(item, data)
        with packed.open("word/media/remplissage.bin", "w") as part:
            chunk = bytes(1024 * 1024)
            for _ in range(size // len(chunk)):
                part.write(chunk)
    return template


def test_a_template_that_unpacks_into_more_than_a_template_is_refused(
    tmp_path: Path, run: Cli, good: Good, untouched: Callable[[], None]
) -> None:
    template = template_with_a_part_of(101 * 1024 * 1024, tmp_path)
    assert template.stat().st_size < 2 * 1024 * 1024
    out = tmp_path / "monographie.docx"
    untouched()
    result = run(
        "export", "monograph", good.path, "--initiative", good.initiative,
        "--include-drafts", "--template", template, "-o", out,
    )  # fmt: skip
    one_line(result, template, "too large for a template once unpacked")
    assert not out.exists()


def workbook_variant(folder: Path, name: str, part: str, change: Callable[[bytes], bytes]) -> Path:
    """The KoboToolbox form with one part changed."""
    path = folder / name
    with zipfile.ZipFile(KOBO_FORM) as original, zipfile.ZipFile(path, "w") as changed:
        for item in original.infolist():
            data = original.read(item.filename)
            changed.writestr(item, change(data) if item.filename == part else data)
    return path


def test_a_workbook_with_rows_past_any_form_is_refused_at_the_bound(
    tmp_path: Path, run: Cli, untouched: Callable[[], None]
) -> None:
    """Empty rows pack into almost nothing; reading millions of them took minutes."""
    rows = b"<row/>" * (MAX_SHEET_ROWS + 10)
    workbook = workbook_variant(
        tmp_path,
        "lignes.xlsx",
        SURVEY_SHEET,
        lambda data: data.replace(b"</sheetData>", rows + b"</sheetData>"),
    )
    untouched()
    one_line(
        run("guide", "check", workbook),
        workbook,
        f"the 'survey' sheet has more than {MAX_SHEET_ROWS} rows",
    )


# -- XML attacks in a workbook ---------------------------------------------------------

SECRET = "mot de passe du réseau"


def _external_entity(secret: Path) -> Callable[[bytes], bytes]:
    declaration = f'<!DOCTYPE x [<!ENTITY e SYSTEM "{secret.as_uri()}">]>'.encode()
    return lambda data: _prolog(declaration, data, b"&e;")


def _billion_laughs(data: bytes) -> bytes:
    entities = ['<!ENTITY a0 "lol">'] + [
        f'<!ENTITY a{n} "{f"&a{n - 1};" * 10}">' for n in range(1, 10)
    ]
    return _prolog(f"<!DOCTYPE x [{''.join(entities)}]>".encode(), data, b"&a9;")


def _prolog(declaration: bytes, data: bytes, reference: bytes) -> bytes:
    """Put a DTD before the root element, and use its entity where a text may go."""
    start = data.index(b"<", data.index(b"?>") + 2) if data.startswith(b"<?xml") else 0
    used = data.replace(b"<t>type</t>", b"<t>" + reference + b"</t>", 1)
    return used[:start] + declaration + used[start:]


XML_ATTACKS: list[tuple[str, Callable[[Path], Callable[[bytes], bytes]], str]] = [
    ("external-entity", _external_entity, "declares XML entities"),
    ("billion-laughs", lambda secret: _billion_laughs, "declares XML entities"),
    ("truncated", lambda secret: lambda data: data[: len(data) // 2], "not a readable .xlsx"),
    (
        "nul-character",
        lambda secret: (
            lambda data: data.replace(b"<t>type</t>", b"<t>&#0;</t>", 1).replace(
                b"<workbookPr/>", b"<workbookPr/>&#0;", 1
            )
        ),
        "not a readable .xlsx",
    ),
]


@pytest.mark.parametrize("part", [SURVEY_SHEET, WORKBOOK_PART], ids=["sheet", "workbook"])
@pytest.mark.parametrize(
    ("make", "reason"), [(m, r) for _, m, r in XML_ATTACKS], ids=[n for n, _, _ in XML_ATTACKS]
)
def test_an_xml_attack_in_a_workbook_gets_one_line(
    tmp_path: Path,
    run: Cli,
    untouched: Callable[[], None],
    make: Callable[[Path], Callable[[bytes], bytes]],
    reason: str,
    part: str,
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    workbook = workbook_variant(tmp_path, "formulaire.xlsx", part, make(secret))
    survey = tmp_path / "visites.fieldkit"
    untouched()
    for words in (["guide", "check", workbook], ["new", survey, "--guide", workbook]):
        result = run(*words)
        one_line(result, workbook, reason)
        assert SECRET not in result.output
    assert not survey.exists()


# -- pipes and devices where a file is expected --------------------------------------


def _template_export(good: Good, bad: Path, folder: Path) -> list[str | Path]:
    return [
        "export", "monograph", good.path, "--initiative", good.initiative,
        "--include-drafts", "--template", bad, "-o", folder / "m.docx",
    ]  # fmt: skip


#: Every way a file other than the survey reaches fieldkit: (name, file name, command, what).
FILE_INPUTS: list[tuple[str, str, Callable[[Good, Path, Path], list[str | Path]], str]] = [
    ("merge source", "reçue.fieldkit", lambda good, bad, _: ["merge", good.path, bad], "a survey"),
    ("guide", "guide.yaml", lambda good, bad, _: ["guide", "check", bad], "a guide"),
    ("workbook", "formulaire.xlsx", lambda good, bad, _: ["guide", "check", bad], "a workbook"),
    (
        "new --guide",
        "guide.yaml",
        lambda good, bad, folder: ["new", folder / "n.fieldkit", "--guide", bad],
        "a guide",
    ),
    ("template", "modèle.dotx", _template_export, "a template"),
    (
        "attachment",
        "photo.jpg",
        lambda good, bad, _: ["attach", good.path, good.interview, bad],
        "an attachment",
    ),
    ("dump", "export.json", lambda good, bad, _: ["load", good.path, bad], "a dump"),
]


@posix_only
@pytest.mark.parametrize(
    ("name", "words", "what"),
    [(n, w, what) for _, n, w, what in FILE_INPUTS],
    ids=[i for i, _, _, _ in FILE_INPUTS],
)
@pytest.mark.parametrize("make", [a_pipe, a_device], ids=["pipe", "device"])
def test_a_pipe_or_a_device_is_refused_at_once_wherever_a_file_is_expected(
    tmp_path: Path,
    run: Cli,
    good: Good,
    untouched: Callable[[], None],
    never_waits: None,
    make: Callable[[Path, str], Path],
    name: str,
    words: Callable[[Good, Path, Path], list[str | Path]],
    what: str,
) -> None:
    bad = make(tmp_path, name)
    untouched()
    one_line(run(*words(good, bad, tmp_path)), bad, "not a regular file", f"{what} must be a file")


def test_an_attachment_larger_than_the_limit_is_refused_unread(
    tmp_path: Path, run: Cli, good: Good, untouched: Callable[[], None]
) -> None:
    video = tmp_path / "film.mp4"
    with video.open("wb") as handle:  # sparse: takes no room on the disk
        handle.truncate(MAX_ATTACHMENT_BYTES + 1)
    untouched()
    one_line(
        run("attach", good.path, good.interview, video),
        video,
        "too large for an attachment",
        "the limit is 200 MB",
    )


def test_the_builtin_guide_is_far_within_the_limits() -> None:
    """Guards the limits above: a real guide is nowhere near them."""
    assert builtin_guide_path().stat().st_size * 100 < MAX_GUIDE_BYTES


def test_a_guide_snapshot_larger_than_any_guide_is_refused_unparsed() -> None:
    """A snapshot comes inside a survey file, not from a file of its own."""
    with pytest.raises(GuideError, match="the guide is larger than 16 MB"):
        parse_guide("#" * (MAX_GUIDE_BYTES + 1), "reçue.fieldkit (guide 0123456789ab)")
