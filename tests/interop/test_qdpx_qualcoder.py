"""A .qdpx read the way QualCoder's importer reads it: every note arrives.

QualCoder (``refi.py``, ``RefiImport``) is the QDA program facilitators are
likeliest to have, and it reads a REFI-QDA project its own way:

- a ``TextSource``'s text comes from its ``plainTextPath`` file; each of its
  ``PlainTextSelection``s with a ``Coding`` is a coded segment, and one
  without a coding an annotation holding its ``Description``;
- a ``NoteRef`` directly under a ``TextSource`` marks that note as an
  annotation of the source: the note's ``PlainTextContent`` is the memo and
  its own ``PlainTextSelection`` the position;
- any other ``Note`` with a ``plainTextPath`` and a name is a journal entry
  whose text is that file; a ``NoteRef`` inside a selection is not read;
- every ``Note`` needs a ``creationDateTime`` or ``modifiedDateTime`` (the
  import stops without one), and journal names must be unique.

:func:`read_as_qualcoder` does exactly that, so these tests see what a
QualCoder user sees after *Import REFI-QDA project*.
"""

from __future__ import annotations

import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from fieldkit.interop.qdpx import write_qdpx
from fieldkit.interop.qdpx.project import NAMESPACE
from fieldkit.survey import Survey
from fieldkit.survey.demo import build_demo

Q = f"{{{NAMESPACE}}}"


@dataclass(frozen=True)
class Segment:
    source: str
    start: int
    end: int
    text: str
    memo: str = ""


@dataclass
class QualCoderProject:
    sources: dict[str, str] = field(default_factory=dict)  # name → full text
    codings: list[tuple[str, Segment]] = field(default_factory=list)  # (code name, segment)
    annotations: list[Segment] = field(default_factory=list)
    journals: dict[str, str] = field(default_factory=dict)  # name → entry


def read_as_qualcoder(path: Path) -> QualCoderProject:
    """Import a .qdpx as QualCoder's RefiImport does (the parts fieldkit writes)."""
    with zipfile.ZipFile(path) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    root = ET.fromstring(files["project.qde"])

    def file_text(internal: str) -> str:
        return files["sources/" + internal.split("internal://")[1]].decode("utf-8")

    codes = {
        code.get("guid"): code.get("name")
        for code in root.iter(f"{Q}Code")
        if code.get("isCodable") != "false"
    }
    project = QualCoderProject()
    guid_of_source: dict[str, str] = {}
    annotated: dict[str, str] = {}  # note GUID → source name
    for source in root.iter(f"{Q}TextSource"):
        name = source.get("name", "")
        text = file_text(source.get("plainTextPath", ""))
        project.sources[name] = text
        guid_of_source[source.get("guid", "")] = name
        for selection in source.findall(f"{Q}PlainTextSelection"):
            start, end = (
                int(selection.get("startPosition", 0)),
                int(selection.get("endPosition", 0)),
            )
            memo = selection.findtext(f"{Q}Description") or ""
            segment = Segment(name, start, end, text[start:end], memo)
            coded = selection.findall(f"{Q}Coding")
            for coding in coded:
                reference = coding.find(f"{Q}CodeRef")
                assert reference is not None
                project.codings.append((codes[reference.get("targetGUID")], segment))
            if not coded:
                project.annotations.append(segment)
        for reference in source.findall(f"{Q}NoteRef"):
            annotated[reference.get("targetGUID", "")] = name
    for note in root.iter(f"{Q}Note"):
        # QualCoder's parse_notes calls .replace on this date: without one, the import stops.
        assert note.get("creationDateTime") or note.get("modifiedDateTime"), note.attrib
        if note.get("guid") in annotated:
            source_name = annotated[note.get("guid", "")]
            memo = note.findtext(f"{Q}PlainTextContent")
            selection = note.find(f"{Q}PlainTextSelection")
            if memo is None or selection is None:
                continue  # QualCoder drops it
            start, end = (
                int(selection.get("startPosition", 0)),
                int(selection.get("endPosition", 0)),
            )
            text = project.sources[source_name][start:end]
            project.annotations.append(Segment(source_name, start, end, text, memo))
        elif note.get("plainTextPath") and note.get("name") != "":
            name = note.get("name", "")
            assert name not in project.journals, f"QualCoder fails on a second journal {name!r}"
            project.journals[name] = file_text(note.get("plainTextPath", ""))
    return project


def test_every_note_arrives_as_an_annotation_or_a_journal(survey: Survey, tmp_path: Path) -> None:
    garage = survey.add_initiative("Garage solidaire du Val")
    visit = survey.add_interview(garage, "2026-03-12", "Dijon")
    survey.set_answer(visit, "origine_details", "Tout est parti d’un garage de quartier.")
    survey.add_row(visit, "personnes_rencontrees", {"personne_nom": "Ana", "personne_role": "Élue"})
    survey.add_note(visit, "Rappeler pour les chiffres.", "origine_details")
    survey.add_note(visit, "Elle a demandé la relecture.", "personne_role")
    survey.add_note(visit, "Question sautée faute de temps.", "besoins_non_couverts")
    survey.add_note(visit, "Ambiance chaleureuse, café offert.")
    survey.add_note(visit, "Ambiance chaleureuse, café offert.")
    write_qdpx(survey, tmp_path / "projet.qdpx")

    project = read_as_qualcoder(tmp_path / "projet.qdpx")

    source = "Garage solidaire du Val — 2026-03-12"
    memos = {a.memo: a for a in project.annotations}
    assert memos["Rappeler pour les chiffres."].text == "Tout est parti d’un garage de quartier."
    assert "Élue" in memos["Elle a demandé la relecture."].text  # the people-met block
    assert {a.source for a in project.annotations} == {source}
    label = survey.guide.question("besoins_non_couverts").label.get()  # type: ignore[union-attr]
    assert project.journals == {
        f"{source} : {label}": "Question sautée faute de temps.",
        f"{source} : Ambiance chaleureuse, café offert.": "Ambiance chaleureuse, café offert.",
        f"{source} : Ambiance chaleureuse, café offert. (2)": "Ambiance chaleureuse, café offert.",
    }


def test_the_demo_survey_arrives_whole(tmp_path: Path) -> None:
    build_demo(tmp_path / "demo.fieldkit")
    with Survey.open(tmp_path / "demo.fieldkit", readonly=True) as demo:
        write_qdpx(demo, tmp_path / "demo.qdpx")
        visits = demo.interviews()
        notes = sum(len(demo.items("note", visit.id)) for visit in visits)
        quotes = [str(q["text"]) for visit in visits for q in demo.items("quote", visit.id)]

    project = read_as_qualcoder(tmp_path / "demo.qdpx")

    assert len(project.sources) == len(visits) == 9
    assert notes == 13
    assert len([a for a in project.annotations if a.memo]) + len(project.journals) == notes
    assert not [a for a in project.annotations if not a.memo]  # no empty annotation
    verbatim = Counter(segment.text for code, segment in project.codings if code == "Verbatim")
    assert sorted(verbatim.elements()) == sorted(quotes)
    for _, segment in project.codings:
        assert segment.text == project.sources[segment.source][segment.start : segment.end]
        assert segment.text.strip()
