"""Every exported file is safe to send: consent, pseudonyms, and a leak check that can fail.

One survey (:mod:`tests.export.private`) is exported once in every format,
pseudonymized and not; the tests read those files back, and plant names in
copies of them to show that the check finds what it must.
"""

from __future__ import annotations

import html
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest

from fieldkit.errors import FieldkitError
from fieldkit.export import (
    check_files,
    write_csv,
    write_json,
    write_monograph,
    write_synthesis,
    write_xlsx,
)
from fieldkit.export.media import metadata
from fieldkit.interop.qdpx import write_qdpx
from fieldkit.places import CONFIG_ENV
from fieldkit.survey import Survey
from tests.conftest import Cli
from tests.export.private import (
    AGREEING,
    EMAIL,
    PHONE,
    REFUSING,
    Private,
    photo,
    populate,
)

KINDS = ("monographie.docx", "synthèse.docx", "table.csv", "excel.csv", "book.xlsx", "data.json")
KINDS += ("projet.qdpx",)


def export(survey: Survey, private: Private, out: Path, pseudonymize: bool) -> list[Path]:
    """Write one export of the kind ``out`` is named after; return every file written."""
    kind = out.name
    if kind == "monographie.docx":
        return [write_monograph(survey, private.initiative, out, pseudonymize=pseudonymize)]
    if kind == "synthèse.docx":
        return [write_synthesis(survey, out, pseudonymize=pseudonymize)]
    if kind.endswith(".csv"):
        return write_csv(survey, out, pseudonymize=pseudonymize, excel=kind == "excel.csv").paths
    if kind == "book.xlsx":
        return write_xlsx(survey, out, pseudonymize=pseudonymize).paths
    if kind == "data.json":
        return [write_json(survey, out, pseudonymize=pseudonymize)]
    return write_qdpx(survey, out, pseudonymize=pseudonymize).paths


@dataclass
class Exported:
    survey: Survey
    path: Path
    private: Private
    #: Written files by (pseudonymized, kind).
    files: dict[tuple[bool, str], list[Path]]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Exported]:
    """The private survey, exported in every format, pseudonymized and not (once for all)."""
    folder = tmp_path_factory.mktemp("private")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CONFIG_ENV, str(folder / "config"))
        path = folder / "enquête.fieldkit"
        survey = Survey.create(path)
        private = populate(survey, folder)
        files = {}
        for pseudonymize in (False, True):
            out = folder / ("pseudonymized" if pseudonymize else "named")
            out.mkdir()
            for kind in KINDS:
                files[(pseudonymize, kind)] = export(survey, private, out / kind, pseudonymize)
        yield Exported(survey, path, private, files)
        survey.close()


def everything(path: Path) -> str:
    """All the text a file holds, unzipped where it is a package, as a grep would see it.

    Character references (``&#233;``) are read as characters; pictures are left to
    :func:`test_embedded_pictures_say_nothing_of_anyone`.
    """
    data = path.read_bytes()
    if not data.startswith(b"PK"):
        return data.decode("utf-8", "replace")
    with zipfile.ZipFile(path) as package:
        parts = [package.read(n) for n in package.namelist() if "/media/" not in n]
    return "\n".join(html.unescape(part.decode("utf-8", "replace")) for part in parts)


def plain(text: str) -> str:
    """Lower case, without accents: what any spelling of a name comes down to."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# -- every export passes ----------------------------------------------------------------


@pytest.mark.parametrize("pseudonymize", [False, True], ids=["named", "pseudonymized"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_export_passes_the_leak_check(
    exported: Exported, kind: str, pseudonymize: bool
) -> None:
    paths = exported.files[(pseudonymize, kind)]
    found = check_files(exported.survey, paths, named=not pseudonymize)
    assert found == {path: [] for path in paths}
    text = plain("\n".join(everything(path) for path in paths))
    for absent in ("damien", "ferre", "maire de vernay", "commune de vernay"):
        assert absent not in text, absent
    if pseudonymize:
        for absent in ("mathilde", "roux", "piquet", "jean-marc", "j.-m. p.", "@", "12 34 56"):
            assert absent not in text, absent
    elif kind != "synthèse.docx":  # the synthesis names nobody met
        assert plain(AGREEING) in text


def test_a_person_who_refused_is_named_by_pseudonym_and_general_terms(
    exported: Exported,
) -> None:
    path = exported.files[(False, "monographie.docx")][0]
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    people = next(t for t in docx.Document(str(path)).tables if t.rows[0].cells[0].text == "Nom")
    rows = [[c.text for c in row.cells[:3]] for row in people.rows[1:]]
    assert ["Personne B", "Élu municipal", "Une commune rurale"] in rows
    assert [AGREEING, "Coordinatrice", ""] in rows
    assert any("Tout part de Personne B." in t for t in texts)
    assert any("Personne B nous reçoit" in t for t in texts)  # "M. FERRÉ" with his title


def test_quotes_and_photos_follow_consent_and_captions_never_fall_back_to_file_names(
    exported: Exported,
) -> None:
    for pseudonymize in (False, True):
        for kind in KINDS:
            text = "\n".join(everything(p) for p in exported.files[(pseudonymize, kind)])
            assert "Je ne veux pas être cité" not in text, kind  # refused to be quoted
            if kind != "synthèse.docx":  # which shows the quotes of long answers only
                assert "On a tout repris à zéro" in text, kind  # agreed, though not named
            assert "IMG_2042" not in text and "atelier.jpg" not in text, kind
    path = exported.files[(False, "monographie.docx")][0]
    document = docx.Document(str(path))
    assert len(document.inline_shapes) == 2  # the photo naming him and his file are left out
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    shown = {c.split("\u00a0: ", 1)[1] for c in captions}
    assert shown == {
        "L’atelier, avec Mathilde (visite du 12 mars 2026)",
        "Le plan de l’atelier (visite du 12 mars 2026)",
    }


def test_pseudonyms_are_the_same_in_every_format(exported: Exported) -> None:
    for kind in KINDS:
        text = "\n".join(everything(p) for p in exported.files[(True, kind)])
        assert "Personne A" in text or "Personne B" in text, kind


def test_embedded_pictures_say_nothing_of_anyone(exported: Exported) -> None:
    for kind in ("monographie.docx", "synthèse.docx"):
        with zipfile.ZipFile(exported.files[(True, kind)][0]) as package:
            for name in package.namelist():
                if name.startswith("word/media/"):
                    assert metadata(package.read(name)) == {}, name


# -- the check can fail ---------------------------------------------------------------------


def _rewrite(path: Path, target: Path, entry: str, change: Callable[[bytes], bytes]) -> Path:
    """A copy of a package with one entry changed."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as copy:
        for item in source.infolist():
            data = source.read(item.filename)
            copy.writestr(item, change(data) if item.filename == entry else data)
    return target


def _replace(old: str, new: str) -> Callable[[bytes], bytes]:
    def change(data: bytes) -> bytes:
        assert old.encode() in data, old
        return data.replace(old.encode(), new.encode(), 1)

    return change


def _user_named(name: str) -> Callable[[bytes], bytes]:
    """Name a user of the project ``name``: the first one, or a new one if it lists none."""

    def change(data: bytes) -> bytes:
        renamed, count = re.subn(
            rb'(<User [^>]*name=")[^"]*"', rb"\g<1>" + name.encode() + b'"', data, count=1
        )
        if count:
            return renamed
        user = b'<Users><User guid="00000000-0000-4000-8000-000000000000" name="%s"/></Users>'
        return re.sub(rb"(<Project[^>]*>)", rb"\g<1>" + user % name.encode(), data, count=1)

    return change


def _written(target: Path, data: bytes) -> Path:
    target.write_bytes(data)
    return target


def _first_media(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        return next(n for n in package.namelist() if n.startswith("word/media/"))


PLANTED: dict[str, tuple[str, Callable[[Path, Path], Path], str]] = {
    "docx text": (
        "monographie.docx",
        lambda p, t: _rewrite(
            p, t, "word/document.xml", _replace("Atelier du Val", "Atelier de DAMIEN")
        ),
        "word/document.xml, paragraph",
    ),
    "docx properties": (
        "monographie.docx",
        lambda p, t: _rewrite(
            p, t, "docProps/core.xml", _replace("Camille Roussel", "Camille Roussel, D. Ferré")
        ),
        "docProps/core.xml, <creator>",
    ),
    "docx picture metadata": (
        "monographie.docx",
        lambda p, t: _rewrite(p, t, _first_media(p), lambda _: photo((300, 200))),
        "word/media/",
    ),
    "xlsx cell": (
        "book.xlsx",
        lambda p, t: _rewrite(
            p, t, "xl/worksheets/sheet1.xml", _replace("Atelier du Val", "Atelier Ferre")
        ),
        "xl/worksheets/sheet1.xml, cell A",
    ),
    "csv cell": (
        "excel.csv",
        lambda p, t: _written(t, p.read_bytes() + f"{EMAIL};x\r\n".encode()),
        "row",
    ),
    "json value": (
        "data.json",
        lambda p, t: _written(t, p.read_bytes().replace(b"Atelier du Val", b"Chez Mathilde")),
        "$.initiatives[0].name",
    ),
    "qdpx user": (
        "projet.qdpx",
        lambda p, t: _rewrite(p, t, "project.qde", _user_named("JEAN-MARC PIQUET")),
        "project.qde, <User name>",
    ),
    "qdpx source text": (
        "projet.qdpx",
        lambda p, t: _rewrite(
            p,
            t,
            next(n for n in zipfile.ZipFile(p).namelist() if n.startswith("sources/")),
            lambda d: d + f"\nRappeler le {PHONE.replace(' ', '.')}".encode(),
        ),
        "sources/",
    ),
}


@pytest.mark.parametrize("place", list(PLANTED))
def test_the_check_finds_a_name_planted_in_any_format(
    exported: Exported, tmp_path: Path, place: str
) -> None:
    kind, plant, where = PLANTED[place]
    clean = exported.files[(True, kind)][0]
    assert check_files(exported.survey, [clean]) == {clean: []}
    planted = plant(clean, tmp_path / f"planted-{kind}")
    leaks = check_files(exported.survey, [planted])[planted]
    assert leaks, place
    assert any(leak.where.startswith(where) or where in leak.where for leak in leaks), leaks


def test_the_check_reports_a_gps_position(exported: Exported, tmp_path: Path) -> None:
    clean = exported.files[(False, "monographie.docx")][0]
    planted = _rewrite(
        clean, tmp_path / "gps.docx", _first_media(clean), lambda _: photo(artist="Quelqu’un")
    )
    leaks = check_files(exported.survey, [planted], named=True)[planted]
    assert [leak.what for leak in leaks if "GPS" in leak.what]


# -- exports refuse to finish on a leak -------------------------------------------------------


def _template_with_header(tmp_path: Path, text: str) -> Path:
    from fieldkit.export.template import default_template

    document = docx.Document(str(default_template()))
    document.sections[0].header.paragraphs[0].add_run(text)
    path = tmp_path / "modèle.docx"
    document.save(str(path))
    return path


@pytest.mark.parametrize("pseudonymize", [False, True], ids=["named", "pseudonymized"])
def test_an_export_that_would_leak_is_not_written(
    exported: Exported, tmp_path: Path, pseudonymize: bool
) -> None:
    name = AGREEING if pseudonymize else REFUSING
    template = _template_with_header(tmp_path, f"Rapport relu par {name}")
    out = tmp_path / "monographie.docx"
    with pytest.raises(FieldkitError, match=r"not written.*word/header\d\.xml.*the name of"):
        write_monograph(
            exported.survey,
            exported.private.initiative,
            out,
            template=template,
            pseudonymize=pseudonymize,
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["modèle.docx"]


# -- the command line ---------------------------------------------------------------------------


def test_the_command_line_check_says_what_and_where(
    exported: Exported, run: Cli, tmp_path: Path
) -> None:
    named = exported.files[(False, "monographie.docx")][0]
    pseudonymized = exported.files[(True, "monographie.docx")][0]
    result = run(
        "privacy", "check", exported.path, pseudonymized, *exported.files[(True, "table.csv")]
    )
    assert result.exit_code == 0, result.output
    assert f"{pseudonymized}: no leak" in result.output
    result = run("privacy", "check", exported.path, named)
    assert result.exit_code == 1
    assert f"{named}: word/document.xml, paragraph" in result.output
    assert f"the name of {AGREEING}" in result.output
    assert re.search(r"fieldkit: \d+ leak\(s\) found in 1 file\(s\)", result.output)
    assert run("privacy", "check", exported.path, named, "--named").exit_code == 0
    missing = run("privacy", "check", exported.path, tmp_path / "absent.docx")
    assert missing.exit_code == 1 and "absent.docx: no such file" in missing.output


def test_the_command_line_exports_json_and_excel_csv_as_people_allow(
    exported: Exported, run: Cli, tmp_path: Path
) -> None:
    out = tmp_path / "d.json"
    assert run("export", "json", exported.path, "-o", out, "--pseudonymize").exit_code == 0
    assert "Mathilde" not in out.read_text(encoding="utf-8")
    table = tmp_path / "t.csv"
    result = run("export", "csv", exported.path, "-o", table, "--excel")
    assert result.exit_code == 0, result.output
    assert table.read_bytes().startswith(b"\xef\xbb\xbfInitiative;")
