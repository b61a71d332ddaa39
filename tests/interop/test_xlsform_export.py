"""Guides out as XLSForm: pyxform accepts the workbook, and importing it gives the guide back.

A team that also runs its guide on phones (ODK Collect, KoboCollect) exports
it with ``fieldkit guide export``. The workbook is checked by pyxform, the
converter ODK Central and KoboToolbox use, and read back by fieldkit's own
import: the guide that comes back is the guide that went out, down to its
tags, its bound questions and its scales' end labels.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from fieldkit.guide import Guide, Question, load_guide, parse_guide
from fieldkit.interop.xlsform import export_xlsform, read_xlsform
from tests.conftest import Cli

KOBO_FORM = Path(__file__).resolve().parents[1] / "data" / "visite-kobo.xlsx"

EVERY_KIND = """
format: fieldkit-guide/1
id: visite-complete
version: "3"
languages: [fr, en]
title: {fr: Visite complète, en: Full visit}
description: {fr: Un guide qui a de tout., en: A guide with everything.}
tags:
  theme:lieu: {fr: Le lieu, en: The place}
  axe:1: {fr: Axe 1, en: Axis 1}
choice_lists:
  oui_non:
    - {value: oui, label: {fr: Oui, en: "Yes"}}
    - {value: non, label: {fr: Non, en: "No"}}
sections:
  - id: lieu
    title: {fr: Le lieu, en: The place}
    intro: {fr: Commencez par le lieu., en: Start with the place.}
    tags: [theme:lieu]
    questions:
      - {id: nom, type: text, label: {fr: Nom, en: Name}, required: true, bind: initiative.name}
      - {id: recit, type: long_text, label: {fr: Récit}, hint: {fr: Prenez le temps.}}
      - id: ouvert
        type: select_one
        label: {fr: Ouvert ?, en: Open?}
        choices: oui_non
        tags: [axe:1]
      - id: public
        type: select_multiple
        label: {fr: Public, en: Audience}
        choices:
          - {value: jeunes, label: {fr: Jeunes, en: Young people}}
          - {value: aines, label: {fr: Aînés, en: Elders}}
        constraint: "count-selected(.) <= 1 or selected(., 'jeunes')"
        constraint_message: {fr: Choisissez les jeunes, en: Pick the young}
      - {id: accueil, type: select_one, label: {fr: Accueil ?}, choices: oui_non}
  - id: activite
    title: {fr: Activité, en: Activity}
    relevant: "${ouvert} = 'oui'"
    questions:
      - {id: salaries, type: integer, label: {fr: Salariés}, constraint: ". >= 0"}
      - {id: budget, type: decimal, label: {fr: Budget}}
      - {id: creation, type: date, label: {fr: Création}, constraint: ". <= today()"}
      - {id: ouverture, type: time, label: {fr: Ouverture}}
      - {id: passage, type: datetime, label: {fr: Passage}}
      - id: satisfaction
        type: scale
        min: 0
        max: 20
        min_label: {fr: Pas du tout, en: Not at all}
        max_label: {fr: Tout à fait, en: Fully}
        label: {fr: Satisfaction}
      - {id: consigne, type: note, label: {fr: Merci !, en: Thanks!}}
      - id: depenses
        type: repeat
        label: {fr: Dépenses, en: Expenses}
        required: true
        relevant: "${budget} > 0"
        questions:
          - {id: montant, type: decimal, label: {fr: Montant}, constraint: ". <= ${budget}"}
          - id: justificatif
            type: text
            label: {fr: Justificatif}
            relevant: "${montant} > 100 and position(..) > 0"
      - id: explication
        type: long_text
        label: {fr: Pourquoi ?}
        relevant: "sum(${montant}) > ${budget} div 2"
"""


def without_lines(guide: Guide) -> Guide:
    """The guide as data: where each question stood in its file is not part of it."""

    def plain(question: Question) -> Question:
        columns = tuple(plain(c) for c in question.columns)
        return dataclasses.replace(question, line=None, columns=columns)

    sections = tuple(
        dataclasses.replace(s, questions=tuple(plain(q) for q in s.questions))
        for s in guide.sections
    )
    return dataclasses.replace(guide, sections=sections)


def round_trip(guide: Guide, tmp_path: Path) -> tuple[Guide, list[str], Path]:
    path = export_xlsform(guide, tmp_path / f"{guide.id}.xlsx")
    convert(xlsform=str(path), validate=False)  # raises if pyxform refuses it
    back, warnings = read_xlsform(path)
    return back, warnings, path


@pytest.mark.parametrize(
    "guide",
    [load_guide(), parse_guide(EVERY_KIND), read_xlsform(KOBO_FORM)[0]],
    ids=["built-in guide", "every kind of question", "an imported KoboToolbox form"],
)
def test_a_guide_comes_back_from_its_xlsform_unchanged(guide: Guide, tmp_path: Path) -> None:
    back, warnings, _ = round_trip(guide, tmp_path)
    assert warnings == []
    assert without_lines(back) == without_lines(guide)


def test_the_workbook_is_the_xlsform_odk_expects(tmp_path: Path) -> None:
    _, _, path = round_trip(parse_guide(EVERY_KIND), tmp_path)
    xform = convert(xlsform=str(path), validate=False).xform
    assert 'nodeset="/data/lieu/nom" type="string" required="true()"' in xform
    assert "<h:title>Visite complète</h:title>" in xform
    assert 'lang="Français (fr)" default="true()"' in xform
    assert "selected(., 'jeunes')" in xform
    book = load_workbook(path)
    survey = [[cell for cell in row] for row in book["survey"].iter_rows(values_only=True)]
    header = survey[0]
    rows = {row[1]: dict(zip(header, row, strict=True)) for row in survey[1:] if row[1]}
    assert rows["recit"]["type"] == "text" and rows["recit"]["appearance"] == "multiline"
    assert rows["satisfaction"]["type"] == "range"
    assert rows["satisfaction"]["parameters"] == "start=0 end=20 step=1"
    assert rows["depenses"]["type"] == "begin repeat" and rows["depenses"]["required"] == "yes"
    assert rows["passage"]["type"] == "dateTime"
    assert rows["accueil"]["type"] == "select_one ouvert"  # the same choices share a list
    assert book["settings"]["D2"].value == "Français (fr)"


def test_guide_export_writes_an_xlsform(run: Cli, tmp_path: Path) -> None:
    guide_file = tmp_path / "visite.yaml"
    guide_file.write_text(EVERY_KIND, encoding="utf-8")
    out = tmp_path / "visite.xlsx"
    result = run("guide", "export", guide_file, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {out} (2 sections, 16 questions)\n"
    assert without_lines(read_xlsform(out)[0]) == without_lines(parse_guide(EVERY_KIND))
    result = run("guide", "export", "-o", tmp_path / "integre.xlsx")
    assert result.exit_code == 0, result.output
    assert read_xlsform(tmp_path / "integre.xlsx")[0].id == load_guide().id


def test_guide_export_refuses_what_it_cannot_write(run: Cli, tmp_path: Path) -> None:
    result = run("guide", "export", "-o", tmp_path / "guide.yaml")
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"fieldkit: {tmp_path / 'guide.yaml'}: an XLSForm is written as an .xlsx workbook\n"
    )
    (tmp_path / "dossier.xlsx").mkdir()
    result = run("guide", "export", "-o", tmp_path / "dossier.xlsx")
    assert result.exit_code == 1
    assert "is a folder" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dossier.xlsx"]
