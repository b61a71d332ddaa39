"""The Word monograph, read back: structure, attributions, styles, templates, names, files."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest

from fieldkit.errors import FieldkitError
from fieldkit.export import write_monograph
from fieldkit.export.template import default_template
from fieldkit.export.typography import NARROW_NBSP, NBSP
from fieldkit.files import DiskFull
from fieldkit.survey import Survey
from fieldkit.survey.device import Device
from tests.export.helpers import (
    FIRST_NEEDS,
    PEOPLE,
    SECOND_NEEDS,
    Garage,
    package_text,
    part,
    populate,
)


@pytest.fixture
def garage(survey: Survey, tmp_path: Path) -> Garage:
    return populate(survey, tmp_path)


@pytest.fixture
def monograph(survey: Survey, garage: Garage, tmp_path: Path) -> Callable[..., Path]:
    """Export the garage's monograph (drafts included: the visits are drafts)."""

    def export(name: str = "monographie du Val é.docx", **options: object) -> Path:
        options.setdefault("include_drafts", True)
        return write_monograph(survey, garage.initiative, tmp_path / name, **options)

    return export


def _paragraphs(path: Path) -> list[tuple[str, str]]:
    document = docx.Document(str(path))
    return [(p.style.name, p.text) for p in document.paragraphs]


def _headings(path: Path, level: int) -> list[str]:
    return [text for style, text in _paragraphs(path) if style.casefold() == f"heading {level}"]


def test_chapters_follow_the_outline_the_axes_read_as_one_chapter(
    monograph: Callable[..., Path],
) -> None:
    path = monograph()
    assert _headings(path, 1) == [
        "Fiche d’identité",
        "L’initiative",
        "Satisfaction de besoins non couverts",
        "Lecture selon les axes",
        "Autres paroles recueillies",
        "Photographies",
        "Annexes",
    ]
    axes = [h for h in _headings(path, 2) if h.startswith("Axe")]
    assert [a.split(NBSP)[0] for a in axes] == [f"Axe {n}" for n in range(1, 7)]
    # The guide's "six axes" section is told axis by axis, not as a chapter of its own.
    assert "Les six axes de la note de cadrage" not in _headings(path, 1)


def test_each_answer_is_a_paragraph_led_by_its_question_and_dated_by_its_visit(
    monograph: Callable[..., Path],
) -> None:
    path = monograph()
    texts = [text for _, text in _paragraphs(path)]
    march, november = f"1er{NBSP}mars{NBSP}2026", f"14{NBSP}novembre{NBSP}2026"
    first, second = FIRST_NEEDS.split("\n\n")
    lead = "Besoins non couverts auxquels l’initiative répond. "
    assert f"{lead}({march}) {first}" in texts
    assert second in texts  # the answer's second paragraph, on its own
    assert f"({november}) " + SECOND_NEEDS.replace(" :", NBSP + ":") in texts
    assert f"Origine du projet. ({march}) Mobilisation citoyenne." in texts
    # Choices as words; "et" inside a choice's label makes the list use semicolons.
    assert (
        f"Domaines de ces besoins. ({march}) Emploi et insertion{NARROW_NBSP}; mobilité." in texts
    )
    description = "Présentation de l’initiative en quelques phrases. "
    assert f"{description}({march}) Un garage associatif.\nIl répare à prix coûtant." in texts
    document = docx.Document(str(path))
    led = next(p for p in document.paragraphs if p.text.startswith(lead))
    assert led.runs[0].text == lead and led.runs[0].bold
    assert led.runs[1].italic  # the visit's date


def test_who_was_met_is_said_once_and_each_answer_says_its_visit(
    monograph: Callable[..., Path],
) -> None:
    paragraphs = _paragraphs(monograph())
    texts = [text for _, text in paragraphs]
    assert not any(t.startswith(("D’après", "Visite du")) for t in texts)
    start = paragraphs.index(("Heading 1", "L’initiative"))
    assert texts[start + 1].startswith(
        f"Présentation de l’initiative en quelques phrases. (1er{NBSP}mars{NBSP}2026) "
    )
    axis = next(i for i, t in enumerate(texts) if t.startswith("Part estimée"))
    assert f"(14{NBSP}novembre{NBSP}2026) 70{NARROW_NBSP}%." in texts[axis]


def test_identity_card_shows_each_visit_when_they_differ_with_units_and_people(
    monograph: Callable[..., Path],
) -> None:
    document = docx.Document(str(monograph()))
    rows = {r.cells[0].text: r.cells[1].text for r in document.tables[0].rows}
    assert "Nom de l’initiative" not in rows  # it is the title
    assert rows["Type d’initiative"] == "Garage solidaire"
    assert rows["Effectif salarié"] == (
        f"4,5{NBSP}équivalents temps plein (1er mars 2026)\n"
        f"6{NBSP}équivalents temps plein (14 novembre 2026)"
    )
    assert rows["Visites"] == "1er mars 2026 et 14 novembre 2026"
    assert rows["Personnes rencontrées"] == (
        "Sandrine Mercadier (coordinatrice), Personne B (animatrice) et Karim Bensaïd (directeur)"
    )


def test_quotes_are_in_the_quote_style_with_their_speaker(monograph: Callable[..., Path]) -> None:
    quotes = [text for style, text in _paragraphs(monograph()) if style == "Quote"]
    assert (
        f"«{NBSP}On répare des voitures, et du lien.{NBSP}»\n— Sandrine Mercadier, 1er mars 2026"
        in quotes
    )
    assert any("Ici, personne n’est de trop" in q and "Karim Bensaïd" in q for q in quotes)


def test_photos_fit_the_text_width_with_numbered_captions(monograph: Callable[..., Path]) -> None:
    path = monograph()
    document = docx.Document(str(path))
    section = document.sections[-1]
    text_width = section.page_width - section.left_margin - section.right_margin
    shapes = document.inline_shapes
    assert len(shapes) == 2
    landscape, portrait = shapes[0], shapes[1]
    assert landscape.width == text_width
    assert abs(landscape.height / landscape.width - 600 / 800) < 0.01
    assert portrait.width < text_width and abs(portrait.height / portrait.width - 3) < 0.01
    captions = [text for style, text in _paragraphs(path) if style == "Caption"]
    assert captions[0].startswith(f"Figure 1{NBSP}: Le quai, avec Sandrine")
    assert captions[1].startswith("Figure 2")
    assert "SEQ Figure" in part(path, "word/document.xml")
    assert len([n for n in zipfile.ZipFile(path).namelist() if n.startswith("word/media/")]) == 2


def test_contents_is_a_real_field_that_word_updates_on_opening(
    monograph: Callable[..., Path],
) -> None:
    path = monograph()
    body = part(path, "word/document.xml")
    assert re.search(r"<w:instrText[^>]*> TOC \\o &quot;1-2&quot;", body) or 'TOC \\o "1-2"' in body
    assert re.search(r'<w:updateFields w:val="(true|1)"/>', part(path, "word/settings.xml"))
    entries = [text for style, text in _paragraphs(path) if style.startswith("toc")]
    titles = [re.sub(r"^[\d.]+ ", "", entry.split("\t")[0]) for entry in entries]
    assert titles[0] == "Fiche d’identité" and "Annexes" in titles
    assert titles.index("Lecture selon les axes") < titles.index(
        f"Axe 6{NBSP}: déterminer un programme d’action"
    )
    assert entries[0].startswith("1 Fiche d’identité\t")  # numbered as the headings are
    assert any(re.fullmatch(r"\d+ Annexes\t\d+", entry) for entry in entries)  # with its page


def test_the_header_and_properties_name_the_initiative(monograph: Callable[..., Path]) -> None:
    path = monograph()
    document = docx.Document(str(path))
    assert document.core_properties.title == "Garage solidaire du Val"
    assert "Garage solidaire du Val" in part(path, "word/header1.xml") + part(
        path, "word/header2.xml"
    )
    assert 'w:lang w:val="fr-FR"' in part(path, "word/styles.xml")


def test_annexes_list_people_visits_method_and_documents_without_working_material(
    monograph: Callable[..., Path],
) -> None:
    path = monograph()
    document = docx.Document(str(path))
    people = [[c.text for c in row.cells] for row in document.tables[1].rows]
    assert people[0] == ["Nom", "Rôle", "Structure", "Visites"]
    assert ["Sandrine Mercadier", "Coordinatrice", "PESAD 21", "1er mars 2026"] in people
    visits = [[c.text for c in row.cells] for row in document.tables[2].rows]
    assert visits[0] == ["Date", "Lieu", "Enquêteurs"]  # no completion count
    assert [v[0] for v in visits[1:]] == [
        "1er mars 2026 (brouillon)",
        "14 novembre 2026 (brouillon)",
    ]
    assert _headings(path, 2)[-4:] == [
        "Personnes rencontrées",
        "Visites",
        "Méthode",
        "Documents joints",
    ]
    method = next(t for _, t in _paragraphs(path) if t.startswith("Cette monographie"))
    assert "2 visites (1er mars 2026 et 14 novembre 2026)" in method
    assert f"«{NBSP}Monographie d’initiative{NBSP}», version 2026.2" in method
    body = package_text(path)
    for working in ("Questions sans réponse", "empreinte", "Réponses", "/56"):
        assert working not in body


def test_drafts_are_left_out_unless_asked(
    survey: Survey, garage: Garage, monograph: Callable[..., Path]
) -> None:
    with pytest.raises(FieldkitError, match="no completed visit"):
        monograph(include_drafts=False)
    survey.set_status(garage.second, "complete")
    text = "\n".join(t for _, t in _paragraphs(monograph(include_drafts=False)))
    assert SECOND_NEEDS.replace(" :", NBSP + ":") in text
    assert FIRST_NEEDS.split("\n\n")[0] not in text
    assert "brouillon" not in text


def test_an_open_conflict_shows_every_value(
    survey_path: Path,
    survey: Survey,
    garage: Garage,
    tmp_path: Path,
    laptop: Callable[[str], Device],
) -> None:
    survey.close()
    copy = tmp_path / "copie.fieldkit"
    shutil.copy(survey_path, copy)
    alice = Survey.open(survey_path, device=laptop("Alice"))
    bruno = Survey.open(copy, device=laptop("Bruno"))
    alice.set_answer(garage.first, "origine_details", "Version d’Alice")
    bruno.set_answer(garage.first, "origine_details", "Version de Bruno")
    alice.log.add_changes(list(bruno.log.all_changes()))
    bruno.close()
    path = write_monograph(alice, garage.initiative, tmp_path / "c.docx", include_drafts=True)
    alice.close()
    texts = [t for _, t in _paragraphs(path)]
    start = next(i for i, t in enumerate(texts) if t.startswith("Récit des débuts du projet."))
    told = "\n".join(texts[start : start + 2])  # a long answer: each version its paragraph
    assert "version de Alice" in told and "Version d’Alice" in told
    assert "version de Bruno" in told and "Version de Bruno" in told
    assert "Conflits non résolus" in _headings(path, 2)
    assert (
        f"«{NBSP}Récit des débuts du projet{NBSP}», visite du 1er mars 2026{NBSP}: "
        in "\n".join(texts)
    )
    assert any(
        t.endswith(("versions de Alice et Bruno", "versions de Bruno et Alice")) for t in texts
    )


# -- templates -------------------------------------------------------------------------


def _template(tmp_path: Path, change: Callable[[Any], None], name: str = "modèle.docx") -> Path:
    document = docx.Document(str(default_template()))
    change(document)
    path = tmp_path / name
    document.save(str(path))
    return path


def test_a_user_template_restyles_everything(
    monograph: Callable[..., Path], tmp_path: Path
) -> None:
    def comic(document: Any) -> None:
        for name in ("Heading 1", "Quote"):
            document.styles[name].font.name = "Comic Sans MS"

    path = monograph(template=_template(tmp_path, comic))
    styles = docx.Document(str(path)).styles
    assert styles["Heading 1"].font.name == "Comic Sans MS"
    assert styles["Quote"].font.name == "Comic Sans MS"


def test_a_template_missing_styles_still_works(
    monograph: Callable[..., Path], tmp_path: Path
) -> None:
    def strip(document: Any) -> None:
        root = document.styles.element
        for name in ("Quote", "caption", "Subtle Emphasis", "toc 1"):
            root.remove(document.styles[name].element)

    template = _template(tmp_path, strip)
    assert "Quote" not in [s.name for s in docx.Document(str(template)).styles]
    path = monograph(template=template)
    styles = [style for style, _ in _paragraphs(path)]
    assert "Quote" in styles and "Caption" in styles


def test_a_dotx_template_is_accepted(monograph: Callable[..., Path], tmp_path: Path) -> None:
    source = zipfile.ZipFile(default_template())
    dotx = tmp_path / "modèle réseau.dotx"
    with zipfile.ZipFile(dotx, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            target.writestr(item, data)
    assert b"template.main+xml" in zipfile.ZipFile(dotx).read("[Content_Types].xml")
    path = monograph(template=dotx)
    assert b"document.main+xml" in zipfile.ZipFile(path).read("[Content_Types].xml")
    assert _headings(path, 1)[0] == "Fiche d’identité"


@pytest.mark.parametrize(
    "content",
    [b"just some text", b"PK\x03\x04 broken zip", None, "folder", "zip-without-word"],
    ids=["text", "broken-zip", "missing", "folder", "other-zip"],
)
def test_a_template_that_is_not_word_is_named(
    monograph: Callable[..., Path], tmp_path: Path, content: object
) -> None:
    path = tmp_path / "pas un modèle.docx"
    if content == "folder":
        path.mkdir()
    elif content == "zip-without-word":
        with zipfile.ZipFile(path, "w") as package:
            package.writestr("[Content_Types].xml", "<Types/>")
    elif isinstance(content, bytes):
        path.write_bytes(content)
    with pytest.raises(FieldkitError, match=re.escape(str(path))):
        monograph(template=path)
    assert not (tmp_path / "monographie du Val é.docx").exists()


# -- names ----------------------------------------------------------------------------------


def test_pseudonymized_documents_hold_no_name_anywhere(monograph: Callable[..., Path]) -> None:
    path = monograph(pseudonymize=True)
    xml = package_text(path)
    for person in PEOPLE:
        for name in (person, *person.split()):
            assert name not in xml, name
    texts = "\n".join(t for _, t in _paragraphs(path))
    assert "Personne A | Coordinatrice" in _annex_people(path)  # in the order met
    assert "— Personne C, 14 novembre 2026" in texts  # quote speaker
    assert "Pour Personne A, c’est d’abord un lieu." in texts  # a first name alone


def test_people_who_refused_are_never_named(monograph: Callable[..., Path]) -> None:
    path = monograph()
    xml = package_text(path)
    assert "Julie" not in xml and "Perraud" not in xml
    assert "Sandrine Mercadier" in xml
    assert "Personne B | Animatrice" in _annex_people(path)


def _annex_people(path: Path) -> list[str]:
    """The rows of the people-met annex, cells joined by " | "."""
    document = docx.Document(str(path))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Nom")
    return [" | ".join(c.text for c in row.cells[:2]) for row in table.rows[1:]]


# -- text of all kinds ------------------------------------------------------------------------


ODD = (
    "Tab\tinside, emoji 🌱👩🏽‍🔧, arabic مرحبا بالعالم, hebrew שלום, "
    "zero\u200bwidth, bell\x07, nul\x00 end"
)


def test_odd_characters_survive_and_control_characters_go(
    survey: Survey, garage: Garage, monograph: Callable[..., Path]
) -> None:
    survey.log.write("answer", garage.first, "innovation_exemples", ODD)
    path = monograph()
    texts = [t for _, t in _paragraphs(path)]
    expected = ODD.replace("\x07", "").replace("\x00", "")
    assert any(t.endswith(expected) for t in texts)
    assert "<w:tab/>" in part(path, "word/document.xml")


def test_a_megabyte_of_notes_exports_whole(
    survey: Survey, garage: Garage, monograph: Callable[..., Path]
) -> None:
    paragraph = "Une ligne de notes prise au vol, sans ponctuation particulière. " * 40
    text = "\n\n".join(f"{i} {paragraph}" for i in range(400))
    assert len(text) > 1_000_000
    survey.set_answer(garage.second, "effets_constates", text)
    texts = [t for _, t in _paragraphs(monograph())]
    assert sum(1 for t in texts if t.endswith("particulière.")) >= 400


def test_french_typography_in_french_only(
    survey: Survey, garage: Garage, monograph: Callable[..., Path]
) -> None:
    survey.set_answer(
        garage.first, "innovation_exemples", "Vraiment ? Oui ; « bien sûr » : voilà !"
    )
    french = "\n".join(t for _, t in _paragraphs(monograph()))
    n, s = NBSP, NARROW_NBSP
    assert f"Vraiment{s}? Oui{s}; «{n}bien sûr{n}»{n}: voilà{s}!" in french
    english = "\n".join(t for _, t in _paragraphs(monograph("en.docx", lang="en")))
    assert "Vraiment? Oui; « bien sûr »: voilà!" in english  # no French spaces in English


def test_english_documents_speak_english(monograph: Callable[..., Path]) -> None:
    path = monograph("en.docx", lang="en")
    chapters = _headings(path, 1)
    assert chapters[0] == "Identity card" and chapters[-1] == "Appendices"
    assert "Meeting unmet needs" in chapters and "Reading along the axes" in chapters
    texts = [t for _, t in _paragraphs(path)]
    assert f"Origin of the project. (1{NBSP}March{NBSP}2026) Citizen mobilisation." in texts
    assert any("(visit of 1 March 2026)" in t for t in texts)  # a caption keeps its capitals
    assert 'w:lang w:val="en-GB"' in part(path, "word/styles.xml")


# -- files --------------------------------------------------------------------------------------


def test_a_failure_mid_export_leaves_nothing(
    monograph: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "monographie du Val é.docx"
    target.write_bytes(b"the previous version")

    def half_then_fail(self: Any, path: str) -> None:
        Path(path).write_bytes(b"PK half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(docx.document.Document, "save", half_then_fail)
    with pytest.raises(DiskFull, match=f"{target}: disk full"):
        monograph()
    assert target.read_bytes() == b"the previous version"
    assert sorted(p.name for p in tmp_path.iterdir() if "Val" in p.name) == [target.name]


def test_a_document_open_in_libreoffice_is_not_replaced(
    monograph: Callable[..., Path], tmp_path: Path
) -> None:
    target = monograph()
    before = target.read_bytes()
    (tmp_path / f".~lock.{target.name}#").write_text("Camille,camille,laptop,27.11.2026;")
    with pytest.raises(FieldkitError, match="open in another program"):
        monograph()
    assert target.read_bytes() == before


def test_the_written_file_is_readable_by_others(monograph: Callable[..., Path]) -> None:
    assert monograph().stat().st_mode & 0o044  # not the 0600 of a temporary file


def test_the_command_line_writes_the_monograph(
    run: Any, survey_path: Path, survey: Survey, garage: Garage, tmp_path: Path
) -> None:
    survey.close()
    out = tmp_path / "sortie finale" / "Monographie Val.docx"
    out.parent.mkdir()
    result = run(
        "export",
        "monograph",
        survey_path,
        "--initiative",
        garage.initiative,
        "-o",
        out,
        "--include-drafts",
        "--pseudonymize",
        "--lang",
        "en",
    )
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.output
    assert "Sandrine" not in package_text(out)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--initiative", "nope"], "no initiative with id 'nope'"),
        (["--template", "absent.dotx"], "absent.dotx: no such template"),
        ([], "no completed visit"),
    ],
)
def test_the_command_line_names_what_is_wrong(
    run: Any,
    survey_path: Path,
    survey: Survey,
    garage: Garage,
    tmp_path: Path,
    arguments: list[str],
    message: str,
) -> None:
    survey.close()
    if "--initiative" not in arguments:
        arguments = ["--initiative", garage.initiative, *arguments]
    result = run("export", "monograph", survey_path, "-o", tmp_path / "m.docx", *arguments)
    assert result.exit_code == 1
    assert message in result.output
    assert not (tmp_path / "m.docx").exists()


def test_the_demo_monographs_export(tmp_path: Path, run: Any) -> None:
    demo = tmp_path / "démo.fieldkit"
    assert run("demo", demo).exit_code == 0
    with Survey.open(demo, readonly=True) as survey:
        for index, initiative in enumerate(survey.initiatives()):
            path = write_monograph(
                survey, initiative.id, tmp_path / f"{index}.docx", include_drafts=True
            )
            assert _headings(path, 1)[0] in ("En bref", "Fiche d’identité")


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_libreoffice_lays_the_monograph_out_on_a_sensible_number_of_pages(
    monograph: Callable[..., Path], tmp_path: Path
) -> None:
    path = monograph("a.docx")
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    pdf = (tmp_path / "a.pdf").read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 6 <= pages <= 30, pages


def test_tab_runs_are_kept_in_the_xml() -> None:
    from fieldkit.export.docx_helpers import text_run

    run = text_run("a\tb\nc")
    children = [child.tag.split("}")[1] for child in run]
    assert children == ["t", "tab", "t", "br", "t"]


def test_images_that_cannot_be_read_are_said_not_fatal_and_not_named_by_their_file(
    survey: Survey, garage: Garage, monograph: Callable[..., Path], tmp_path: Path
) -> None:
    broken = tmp_path / "cassée.png"
    broken.write_bytes(b"not really a png")
    survey.attach(garage.first, broken, "description_initiative")
    texts = [t for _, t in _paragraphs(monograph())]
    assert f"Image illisible, non reproduite{NBSP}: Visite du 1er mars 2026" in texts
    assert not any("cassée" in t for t in texts)
