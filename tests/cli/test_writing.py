"""``fieldkit write`` and ``fieldkit outline``: a monograph written from a terminal."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from fieldkit.cli import cli
from fieldkit.survey import Survey
from tests.conftest import Cli


@pytest.fixture
def garage(survey_path: Path, run: Cli) -> str:
    """An initiative with one visit that answered a question of the "besoins" section."""
    initiative = run("initiative", "add", survey_path, "Garage solidaire du Val").stdout.strip()
    visit = run("interview", "add", survey_path, "--initiative", initiative).stdout.strip()
    assert (
        run("answer", survey_path, visit, "besoins_non_couverts", "Plus de garage.").exit_code == 0
    )
    return initiative


def _outline(run: Cli, survey_path: Path, initiative: str) -> dict[str, str]:
    result = run("outline", survey_path, "--initiative", initiative)
    assert result.exit_code == 0, result.output
    return {line.split()[0]: line for line in result.stdout.splitlines()}


def test_the_outline_says_which_sections_are_written_have_material_or_are_empty(
    run: Cli, survey_path: Path, garage: str
) -> None:
    run("author", "Camille Roussel")
    assert (
        run(
            "write",
            survey_path,
            "--initiative",
            garage,
            "--section",
            "chapeau",
            "--text",
            "Un garage.",
        ).exit_code
        == 0
    )

    lines = _outline(run, survey_path, garage)

    assert list(lines)[:3] == ["chapeau", "initiative", "besoins"]
    assert "written" in lines["chapeau"] and "En bref" in lines["chapeau"]
    assert lines["chapeau"].endswith("(text by Camille Roussel)")
    assert "material only" in lines["besoins"]
    assert "material only" in lines["axe5"]  # besoins_non_couverts feeds axis 5 too
    assert " empty " in lines["innovation"]
    english = run("outline", survey_path, "--initiative", garage, "--lang", "en").stdout
    assert "Meeting unmet needs" in english


def test_a_section_is_written_from_a_file_or_from_standard_input(
    run: Cli, survey_path: Path, garage: str, tmp_path: Path
) -> None:
    text = tmp_path / "besoins.md"
    text.write_text("Les besoins, **enfin** écrits.\n", encoding="utf-8")
    assert (
        run(
            "write", survey_path, "--initiative", garage, "--section", "besoins", "--file", text
        ).exit_code
        == 0
    )
    piped = run.runner.invoke(
        cli,
        ["write", str(survey_path), "--initiative", garage, "--section", "axe5", "--file", "-"],
        input="Depuis l’entrée standard.",
    )
    assert piped.exit_code == 0, piped.output
    with Survey.open(survey_path, readonly=True) as survey:
        found = {s: n.text for s, n in survey.narratives(garage).items()}
    assert found == {
        "besoins": "Les besoins, **enfin** écrits.",
        "axe5": "Depuis l’entrée standard.",
    }


def test_an_empty_text_clears_a_section(run: Cli, survey_path: Path, garage: str) -> None:
    run("write", survey_path, "--initiative", garage, "--section", "besoins", "--text", "Écrit.")
    run("write", survey_path, "--initiative", garage, "--section", "besoins", "--text", "")
    assert "material only" in _outline(run, survey_path, garage)["besoins"]


@pytest.mark.parametrize(
    ("arguments", "status", "message"),
    [
        (["--section", "besoins"], 2, "give the section's text with --text or with --file"),
        (["--section", "besoins", "--text", "a", "--file", "b"], 2, "one of them"),
        (
            ["--section", "conclusion", "--text", "a"],
            1,
            "has no section 'conclusion' (its sections: chapeau, ",
        ),
        (["--section", "besoins", "--file", "absent.md"], 1, "absent.md: no such file"),
    ],
    ids=["no-text", "both", "unknown-section", "missing-file"],
)
def test_mistakes_are_named_and_change_nothing(
    run: Cli, survey_path: Path, garage: str, arguments: list[str], status: int, message: str
) -> None:
    result = run("write", survey_path, "--initiative", garage, *arguments)
    assert result.exit_code == status
    assert message in result.output
    with Survey.open(survey_path, readonly=True) as survey:
        assert survey.narratives(garage) == {}


def test_a_file_that_is_not_text_is_refused(
    run: Cli, survey_path: Path, garage: str, tmp_path: Path
) -> None:
    binary = tmp_path / "photo.md"
    binary.write_bytes(b"\xff\xd8\xff\xe0 not text")
    result = run(
        "write", survey_path, "--initiative", garage, "--section", "besoins", "--file", binary
    )
    assert result.exit_code == 1
    assert f"fieldkit: {binary}: not a UTF-8 text file" in result.output


def test_an_unknown_initiative_is_named(run: Cli, survey_path: Path, garage: str) -> None:
    result = run("outline", survey_path, "--initiative", "nope")
    assert result.exit_code == 1 and "no initiative with id 'nope'" in result.output


def test_two_laptops_write_two_sections_and_merge_then_collide_on_one(
    run: Cli,
    survey_path: Path,
    garage: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bruno_file = tmp_path / "bruno.fieldkit"
    shutil.copyfile(survey_path, bruno_file)
    run("author", "Alice")
    run(
        "write", survey_path, "--initiative", garage, "--section", "besoins", "--text", "Par Alice."
    )
    monkeypatch.setenv("FIELDKIT_CONFIG_DIR", str(tmp_path / "bruno-config"))
    run("author", "Bruno")
    run("write", bruno_file, "--initiative", garage, "--section", "axe6", "--text", "Par Bruno.")

    merged = run("merge", survey_path, bruno_file)
    assert merged.exit_code == 0, merged.output
    assert "conflict" not in merged.output
    assert run("conflicts", survey_path).stdout == ""
    lines = _outline(run, survey_path, garage)
    assert lines["besoins"].endswith("(text by Alice)")
    assert lines["axe6"].endswith("(text by Bruno)")

    run(
        "write",
        bruno_file,
        "--initiative",
        garage,
        "--section",
        "besoins",
        "--text",
        "Bruno aussi.",
    )
    run("merge", survey_path, bruno_file)
    conflicts = run("conflicts", survey_path).stdout
    assert f"initiative/{garage}/narrative:besoins" in conflicts
    assert "Par Alice." in conflicts and "Bruno aussi." in conflicts
    assert "[conflict initiative/" in _outline(run, survey_path, garage)["besoins"]


def test_the_working_file_is_exported_from_the_command_line(
    run: Cli, survey_path: Path, garage: str, tmp_path: Path
) -> None:
    out = tmp_path / "dossier.docx"
    result = run("export", "working-file", survey_path, "--initiative", garage, "-o", out)
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.stdout
    header = "\n".join(p.text for p in docx.Document(str(out)).sections[0].header.paragraphs)
    assert "Document de travail — ne pas diffuser" in header
