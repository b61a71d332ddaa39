"""REFI-QDA export: a survey as a .qdpx project for qualitative analysis software.

The project is checked three ways: against the REFI-QDA schema (kept outside
the repository, in ``../shared/refi-qda``), against the references the schema
cannot check (every GUID pointed at exists), and against the text itself
(every coding, sliced out of its source by its positions, is the answer or
quote it stands for).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from fieldkit.errors import FieldkitError
from fieldkit.export import check_files
from fieldkit.export.pseudonym import Pseudonyms
from fieldkit.guide.model import Guide
from fieldkit.interop.qdpx import write_qdpx
from fieldkit.interop.qdpx.project import NAMESPACE, guid
from fieldkit.interop.qdpx.transcript import answer_block
from fieldkit.survey import Survey
from fieldkit.survey.demo import build_demo
from tests.conftest import Cli

ROOT = Path(__file__).resolve().parents[2]
#: Kept outside the repository: beside the checkout, or beside the folder of worktrees.
SCHEMA = next(
    (
        folder / "shared" / "refi-qda" / "Project-mrt2019.xsd"
        for folder in (ROOT.parent, ROOT.parent.parent)
        if (folder / "shared" / "refi-qda" / "Project-mrt2019.xsd").is_file()
    ),
    ROOT.parent / "shared" / "refi-qda" / "Project-mrt2019.xsd",
)
NS = {"q": NAMESPACE}
#: Attributes that hold the GUID of another element.
REFERENCES = ("targetGUID", "creatingUser", "modifyingUser", "creatingUserGUID")

CONSENTING = "Sandrine Morel"
REFUSING = "Jean-Baptiste Vasseur"
EMOJI_ANSWER = "Vélos 🚲 et cafés ☕ : l’𝒜telier « réparer ensemble »"


@dataclass
class Project:
    """An exported .qdpx, opened: its XML and its source texts by GUID."""

    path: Path
    root: ET.Element
    texts: dict[str, str]
    entries: dict[str, bytes]

    @classmethod
    def read(cls, path: Path) -> Project:
        with zipfile.ZipFile(path) as archive:
            entries = {name: archive.read(name) for name in archive.namelist()}
        texts = {
            name.removeprefix("sources/").removesuffix(".txt"): data.decode("utf-8")
            for name, data in entries.items()
            if name.startswith("sources/")
        }
        return cls(path, ET.fromstring(entries["project.qde"]), texts, entries)

    def all(self, tag: str) -> list[ET.Element]:
        return self.root.findall(f".//q:{tag}", NS)

    def by_guid(self, value: str) -> ET.Element:
        found = [e for e in self.root.iter() if e.get("guid") == value]
        assert len(found) == 1, value
        return found[0]

    def source_text(self, source: ET.Element) -> str:
        path = source.get("plainTextPath", "")
        assert path.startswith("internal://")
        return self.texts[path.removeprefix("internal://").removesuffix(".txt")]

    def sliced(self, source: ET.Element, selection: ET.Element) -> str:
        start, end = int(selection.get("startPosition", -1)), int(selection.get("endPosition", -1))
        return self.source_text(source)[start:end]

    def code_refs(self, selection: ET.Element) -> set[str]:
        return {ref.get("targetGUID", "") for ref in selection.findall("q:Coding/q:CodeRef", NS)}


@pytest.fixture
def filled(survey: Survey) -> Survey:
    """Two initiatives, three visits: tagged answers, people met, quotes, notes, odd text."""
    guide = survey.guide
    garage = survey.add_initiative("Garage solidaire du Val", "Dijon métropole", "PESAD 21")
    halte = survey.add_initiative("La Halte", "Vernay", kind="tiers_lieu")
    first = survey.add_interview(garage, "2026-03-12", "Dijon", ["Camille Roussel"])
    survey.set_answer(first, "description_initiative", EMOJI_ANSWER)
    survey.set_answer(first, "origine_projet", "mobilisation_citoyenne")
    survey.set_answer(first, "formes_juridiques", ["association", "scic"])
    survey.set_answer(first, "annee_creation", 2015)
    survey.set_answer(
        first, "origine_details", f"{CONSENTING} raconte : « tout est parti d’un garage »."
    )
    survey.set_answer(first, "besoins_non_couverts", f"Selon {REFUSING}, personne ne réparait.")
    repeat = next(q for q in guide.questions if q.type == "repeat")
    survey.add_row(
        first,
        repeat.id,
        {
            "personne_nom": CONSENTING,
            "personne_role": "Coordinatrice",
            "personne_consentement": "oui",
            "personne_citation": "oui",
        },
    )
    survey.add_row(
        first,
        repeat.id,
        {
            "personne_nom": REFUSING,
            "personne_role": "Bénévole",
            "personne_consentement": "non",
            "personne_citation": "oui",  # quoted, but not by name
        },
    )
    survey.add_quote(first, "On répare les voitures et les liens.", CONSENTING, "origine_details")
    survey.add_quote(first, "Sans Vasseur, rien n’aurait tenu.", REFUSING)
    survey.add_note(first, f"Rappeler {CONSENTING} pour les chiffres.", "origine_details")
    survey.add_note(first, "Ambiance chaleureuse <&> café offert.\x07")
    second = survey.add_interview(garage, "2026-04-02", "Dijon", ["Yanis Benali"])
    survey.set_answer(second, "description_initiative", "Deuxième visite : l’atelier s’agrandit.")
    third = survey.add_interview(halte, "2026-05-20", "Vernay", ["Camille Roussel"])
    survey.set_answer(third, "origine_projet", "commande_publique")
    gone = survey.add_interview(halte, "2026-05-21")
    survey.set_answer(gone, "description_initiative", "Visite supprimée")
    survey.delete("interview", gone)
    return survey


@pytest.fixture
def exported(filled: Survey, tmp_path: Path) -> Project:
    out = tmp_path / "enquête.qdpx"
    write_qdpx(filled, out)
    return Project.read(out)


def interview_ids(survey: Survey) -> list[str]:
    return [info.id for info in survey.interviews()]


def selections_of_answers(
    project: Project, survey: Survey
) -> Iterator[tuple[ET.Element, ET.Element, str, str, Guide]]:
    """Every answer selection with its source, interview and question."""
    for interview in interview_ids(survey):
        source = project.by_guid(guid("source", interview))
        guide = survey.guide_for(interview)
        for question in guide.questions:
            for selection in source.findall("q:PlainTextSelection", NS):
                if selection.get("guid") == guid("answer", interview, question.id):
                    yield source, selection, interview, question.id, guide


# -- the schema and the references ---------------------------------------------------


def validate(project: Project) -> None:
    if not SCHEMA.is_file():
        pytest.skip(f"the REFI-QDA schema is not at {SCHEMA} (it is kept outside the repository)")
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    # A 10 MB note is a text node beyond libxml2's default limit.
    parser = etree.XMLParser(huge_tree=True)
    document = etree.fromstring(project.entries["project.qde"], parser)
    assert schema.validate(document), schema.error_log


def check_references(project: Project) -> None:
    guids = [e.get("guid") for e in project.root.iter() if e.get("guid")]
    assert len(guids) == len(set(guids)), "a GUID names two elements"
    known = set(guids)
    for element in project.root.iter():
        for attribute in REFERENCES:
            target = element.get(attribute)
            assert target is None or target in known, (element.tag, attribute, target)
    users = {u.get("guid") for u in project.all("User")}
    for element in project.root.iter():
        if element.get("creatingUser"):
            assert element.get("creatingUser") in users
    paths = [e.get("plainTextPath") for e in project.all("TextSource") + project.all("Note")]
    files = {f"internal://{name}.txt" for name in project.texts}
    assert len(paths) - paths.count(None) == len(files) and set(paths) - {None} == files
    assert set(project.entries) == {"project.qde"} | {f"sources/{n}.txt" for n in project.texts}


def test_the_project_validates_against_the_refi_qda_schema(exported: Project) -> None:
    validate(exported)


def test_every_reference_points_to_an_element_that_exists(exported: Project) -> None:
    check_references(exported)


def test_references_hold_in_a_pseudonymized_project_too(filled: Survey, tmp_path: Path) -> None:
    write_qdpx(filled, tmp_path / "p.qdpx", pseudonymize=True)
    project = Project.read(tmp_path / "p.qdpx")
    validate(project)
    check_references(project)


# -- what lands where ----------------------------------------------------------------


def test_each_interview_is_a_text_source_with_its_visit_as_variables(
    exported: Project, filled: Survey
) -> None:
    sources = exported.all("TextSource")
    assert len(sources) == 3  # the deleted visit is left out
    first = exported.by_guid(guid("source", interview_ids(filled)[0]))
    assert first.get("name") == "Garage solidaire du Val — 2026-03-12"
    values = {
        exported.by_guid(v.find("q:VariableRef", NS).get("targetGUID")).get("name"): v[1]  # type: ignore[union-attr]
        for v in first.findall("q:VariableValue", NS)
    }
    assert values["Date"].tag == f"{{{NAMESPACE}}}DateValue"
    assert values["Date"].text == "2026-03-12"
    assert values["Lieu"].text == "Dijon"
    assert values["Enquêteurs"].text == "Camille Roussel"
    assert values["Statut"].text == "brouillon"
    text = exported.source_text(first)
    assert text.startswith("Garage solidaire du Val\nVisite du 12 mars 2026 — Dijon\n")


def test_questions_are_headings_with_their_answers_below(exported: Project, filled: Survey) -> None:
    first = exported.by_guid(guid("source", interview_ids(filled)[0]))
    text = exported.source_text(first)
    label = filled.guide.question("description_initiative").label.get()  # type: ignore[union-attr]
    assert f"\n{label}\n{EMOJI_ANSWER}\n" in text
    assert "Identité de l’initiative et de la visite\n========" in text
    assert "Visite supprimée" not in "".join(exported.texts.values())


def expected_answer(survey: Survey, interview: str, question_id: str, guide: Guide) -> str:
    """The answer as the transcript writes it: whoever refused to be named is not."""
    question = guide.question(question_id)
    assert question is not None
    text = answer_block(question, survey.answers(interview)[question_id], "fr")
    return Pseudonyms.of_survey(survey, everyone=False).scrub(text)


def test_codings_land_on_the_answers_they_code(exported: Project, filled: Survey) -> None:
    checked = 0
    for source, selection, interview, question_id, guide in selections_of_answers(exported, filled):
        expected = expected_answer(filled, interview, question_id, guide)
        assert exported.sliced(source, selection) == expected
        tags = guide.question(question_id).tags  # type: ignore[union-attr]
        assert exported.code_refs(selection) == {guid("code", tag) for tag in tags}
        checked += 1
    assert checked >= 8


def test_positions_count_unicode_code_points(exported: Project, filled: Survey) -> None:
    first = exported.by_guid(guid("source", interview_ids(filled)[0]))
    selection = exported.by_guid(guid("answer", interview_ids(filled)[0], "description_initiative"))
    text = exported.source_text(first)
    start = int(selection.get("startPosition", -1))
    assert start == text.index(EMOJI_ANSWER)
    assert int(selection.get("endPosition", -1)) - start == len(EMOJI_ANSWER) == 51
    assert len(EMOJI_ANSWER.encode("utf-16-le")) // 2 == 53  # two characters beyond the BMP
    # The answer after the emoji still lands right (UTF-16 or byte counts would drift).
    later = exported.by_guid(guid("answer", interview_ids(filled)[0], "origine_projet"))
    assert exported.sliced(first, later) == "Mobilisation citoyenne"


def test_the_code_book_holds_the_guides_themes_and_axes(exported: Project, filled: Survey) -> None:
    folders = {c.get("name"): c for c in exported.root.findall("q:CodeBook/q:Codes/q:Code", NS)}
    assert folders["Thèmes"].get("isCodable") == "false"
    assert folders["Axes de recherche"].get("isCodable") == "false"
    axes = [c.get("name", "") for c in folders["Axes de recherche"].findall("q:Code", NS)]
    assert [a[:6] for a in axes] == [f"Axe {n} " for n in range(1, 7)]
    assert len(folders["Thèmes"].findall("q:Code", NS)) == 6
    assert folders["Verbatim"].get("isCodable") == "true"
    tags = {tag for tag, _ in filled.guide.tags}
    assert {c.get("guid") for c in exported.all("Code")} >= {guid("code", t) for t in tags}


def test_quotes_are_coded_selections_of_their_text(exported: Project, filled: Survey) -> None:
    interview = interview_ids(filled)[0]
    source = exported.by_guid(guid("source", interview))
    quotes = {str(q["id"]): q for q in filled.items("quote", interview)}
    for quote_id, quote in quotes.items():
        selection = exported.by_guid(guid("quote", quote_id))
        refs = exported.code_refs(selection)
        assert guid("code", "verbatim") in refs
        if quote.get("question"):
            question = filled.guide.question(str(quote["question"]))
            assert refs >= {guid("code", t) for t in question.tags}  # type: ignore[union-attr]
        sliced = exported.sliced(source, selection)
        if quote["speaker"] == CONSENTING:
            assert sliced == quote["text"]
        else:  # the person refused to be named: even their name in a quote goes
            assert sliced == "Sans Personne B, rien n’aurait tenu."


def test_a_note_on_an_answer_annotates_it_and_a_note_on_the_visit_is_a_memo(
    exported: Project, filled: Survey
) -> None:
    interview = interview_ids(filled)[0]
    source = exported.by_guid(guid("source", interview))
    refs = {r.get("targetGUID") for r in source.findall("q:NoteRef", NS)}
    for item in filled.items("note", interview):
        note = exported.by_guid(guid("note", str(item["id"])))
        if item.get("question"):  # about origine_details, which is answered
            assert note.get("guid") in refs
            selection = note.find("q:PlainTextSelection", NS)
            assert selection is not None
            expected = expected_answer(filled, interview, "origine_details", filled.guide)
            assert exported.sliced(source, selection) == expected
            assert note.findtext("q:PlainTextContent", namespaces=NS) == item["text"]
        else:
            assert note.get("guid") not in refs
            assert (
                note.get("name")
                == "Garage solidaire du Val — 2026-03-12 : Ambiance chaleureuse <&> café offert."
            )
            path = note.get("plainTextPath", "").removeprefix("internal://").removesuffix(".txt")
            assert exported.texts[path] == "Ambiance chaleureuse <&> café offert."  # no bell
        assert note.get("creationDateTime") and note.get("creatingUser")


def test_each_initiative_is_a_case_with_its_interviews(exported: Project, filled: Survey) -> None:
    cases = {c.get("name"): c for c in exported.all("Case")}
    assert set(cases) == {"Garage solidaire du Val", "La Halte"}
    garage = cases["Garage solidaire du Val"]
    refs = {r.get("targetGUID") for r in garage.findall("q:SourceRef", NS)}
    ids = [i.id for i in filled.interviews() if i.initiative_name == "Garage solidaire du Val"]
    assert refs == {guid("source", i) for i in ids}
    values = [
        v.findtext("q:TextValue", namespaces=NS)
        for v in cases["La Halte"].findall("q:VariableValue", NS)
    ]
    assert values == ["Vernay", "Tiers-lieu"]


def test_users_are_the_authors_of_what_is_exported(exported: Project, filled: Survey) -> None:
    users = exported.all("User")
    author = filled.log.device.author
    assert [u.get("name") for u in users] == [author]
    assert users[0].get("guid") == guid("user", author)


# -- stability, privacy, safety ------------------------------------------------------------


def test_guids_and_bytes_are_stable_across_exports(filled: Survey, tmp_path: Path) -> None:
    write_qdpx(filled, tmp_path / "one.qdpx")
    write_qdpx(filled, tmp_path / "two.qdpx")
    assert (tmp_path / "one.qdpx").read_bytes() == (tmp_path / "two.qdpx").read_bytes()
    before = {e.get("guid") for e in Project.read(tmp_path / "one.qdpx").root.iter()}
    filled.set_answer(interview_ids(filled)[1], "origine_projet", "acteurs_ess")
    write_qdpx(filled, tmp_path / "three.qdpx")
    after = {e.get("guid") for e in Project.read(tmp_path / "three.qdpx").root.iter()}
    assert before < after


def test_pseudonymization_leaves_no_name_of_anyone_met(filled: Survey, tmp_path: Path) -> None:
    write_qdpx(filled, tmp_path / "p.qdpx", pseudonymize=True)
    project = Project.read(tmp_path / "p.qdpx")
    names = [CONSENTING, REFUSING, *CONSENTING.split(), *REFUSING.replace("-", " ").split()]
    for entry, data in project.entries.items():
        text = data.decode("utf-8")
        for name in names:
            assert name not in text, (entry, name)
    assert "Personne A" in "".join(project.texts.values())
    assert check_files(filled, [tmp_path / "p.qdpx"]) == {tmp_path / "p.qdpx": []}


def test_someone_who_refused_is_never_named(exported: Project) -> None:
    everything = b"".join(exported.entries.values()).decode("utf-8", "replace")
    assert CONSENTING in everything
    for name in [REFUSING, *REFUSING.replace("-", " ").split()]:
        assert name not in everything


def test_any_text_exports(survey: Survey, interview: str, tmp_path: Path) -> None:
    wild = "bell\x07 nul\x00 \ufffe \U0001f600 zero\u200bwidth e\u0301 " + "notes " * 1_750_000
    survey.set_answer(interview, "description_initiative", wild)
    survey.add_note(interview, wild)
    survey.add_quote(interview, "\x1b[31m rouge \U0001f525", "")
    write_qdpx(survey, tmp_path / "wild.qdpx")
    project = Project.read(tmp_path / "wild.qdpx")
    validate(project)
    source = project.all("TextSource")[0]
    selection = project.by_guid(guid("answer", interview, "description_initiative"))
    assert project.sliced(source, selection).startswith(
        "bell nul  \U0001f600 zero\u200bwidth e\u0301 notes"
    )


def test_an_export_that_fails_leaves_the_old_file(filled: Survey, tmp_path: Path) -> None:
    out = tmp_path / "projet.qdpx"
    out.write_bytes(b"the previous export")

    def stop(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_qdpx(filled, out, progress=stop)
    assert out.read_bytes() == b"the previous export"
    assert [p.name for p in tmp_path.iterdir() if "qdpx" in p.name] == ["projet.qdpx"]
    with pytest.raises(FieldkitError, match="no such folder"):
        write_qdpx(filled, tmp_path / "absent" / "projet.qdpx")


# -- the demo survey and the command line ---------------------------------------------------


def test_the_demo_survey_exports_and_its_codings_land_on_the_text(tmp_path: Path) -> None:
    build_demo(tmp_path / "demo.fieldkit")
    with Survey.open(tmp_path / "demo.fieldkit", readonly=True) as demo:
        write_qdpx(demo, tmp_path / "demo.qdpx")
        project = Project.read(tmp_path / "demo.qdpx")
        validate(project)
        check_references(project)
        assert len(project.all("TextSource")) == 9
        assert len(project.all("Case")) == 5
        checked = 0
        for source, selection, interview, question_id, guide in selections_of_answers(
            project, demo
        ):
            expected = expected_answer(demo, interview, question_id, guide)
            assert project.sliced(source, selection) == expected
            checked += 1
        assert checked > 100


def test_export_qdpx_command(run: Cli, filled: Survey, tmp_path: Path) -> None:
    attachment = tmp_path / "photo.png"
    attachment.write_bytes(b"\x89PNG\r\n\x1a\n")
    filled.attach(interview_ids(filled)[0], attachment)
    path = filled.path
    filled.close()
    out = tmp_path / "projet.qdpx"
    result = run("export", "qdpx", path, "-o", out, "--pseudonymize", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {out}\n"
    assert result.stderr == (
        "warning: 1 attached file(s) are not part of the project; export them from fieldkit if "
        "the analysis needs them\n"
    )
    project = Project.read(out)
    assert {v.get("name") for v in project.all("Variable")} >= {"Date", "Place", "Interviewers"}


def test_the_project_keeps_its_own_namespace_whatever_another_library_registered(
    filled: Survey, tmp_path: Path
) -> None:
    """QDA programs read <Project>, not <ns0:Project>: another library's XML must not matter."""
    ET.register_namespace("", "http://www.w3.org/2002/xforms")  # as an XForms library does
    try:
        write_qdpx(filled, tmp_path / "p.qdpx")
    finally:
        ET.register_namespace("", NAMESPACE)
    with zipfile.ZipFile(tmp_path / "p.qdpx") as package:
        project = package.read("project.qde")
    assert b"<Project " in project and b"ns0:" not in project
