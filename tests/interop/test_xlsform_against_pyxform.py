"""XLSForm import held against pyxform, the reference converter: what it accepts, fieldkit imports.

Each form here is first given to pyxform; the test only goes on when pyxform
accepts it, and then fieldkit must import it too, changing nothing without
a warning: whatever fieldkit does not run is named, with its row.
"""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import pytest
from pyxform.errors import PyXFormError
from pyxform.xls2xform import convert

from fieldkit.errors import FieldkitError, GuideError
from fieldkit.guide.model import Guide, Question
from fieldkit.interop.xlsform import read_xlsform
from fieldkit.survey import Survey
from tests.interop.conftest import MakeForm

HEADER = ("type", "name", "label")
REGIONS = (
    ("list_name", "name", "label"),
    ("region", "nord", "Nord"),
    ("region", "sud", "Sud"),
)


def pyxform_accepts(path: Path) -> None:
    """Fail the test unless pyxform converts the form (as ODK Central would)."""
    try:
        convert(xlsform=str(path), validate=False, pretty_print=False)
    except PyXFormError as error:
        pytest.fail(f"pyxform refuses the form: {error}")


def imported(path: Path) -> tuple[Guide, list[str]]:
    pyxform_accepts(path)
    return read_xlsform(path)


def question(guide: Guide, question_id: str) -> Question:
    found = guide.question(question_id)
    assert found is not None, question_id
    return found


def test_single_colon_bind_columns_are_read(make_form: MakeForm) -> None:
    form = make_form(
        [
            ("type", "name", "label", "bind:relevant", "bind:constraint"),
            ("integer", "membres", "Nombre de membres", None, ". > 0"),
            ("text", "bureau", "Composition du bureau", "${membres} > 1", None),
        ]
    )
    guide, warnings = imported(form)
    assert question(guide, "membres").constraint.source == ". > 0"  # type: ignore[union-attr]
    assert question(guide, "bureau").relevant.source == "${membres} > 1"  # type: ignore[union-attr]
    assert warnings == []


def test_the_long_select_types_are_read(make_form: MakeForm) -> None:
    form = make_form(
        [
            HEADER,
            ("select one from region", "region", "Région"),
            ("select all that apply from region", "regions", "Régions voisines"),
        ],
        REGIONS,
    )
    guide, warnings = imported(form)
    assert question(guide, "region").type == "select_one"
    assert question(guide, "regions").type == "select_multiple"
    assert [c.value for c in question(guide, "regions").choices] == ["nord", "sud"]
    assert warnings == []


def test_a_note_whose_label_is_only_an_image_is_imported(make_form: MakeForm) -> None:
    form = make_form(
        [
            ("type", "name", "label", "media::image"),
            ("note", "carte", None, "carte-du-territoire.png"),
            ("text", "lieu", "Lieu", None),
        ]
    )
    guide, warnings = imported(form)
    carte = question(guide, "carte")
    assert carte.label.get() == "Image : carte-du-territoire.png"
    assert carte.hint is not None and carte.hint.get() == "Image : carte-du-territoire.png"
    assert warnings == [
        "survey sheet, row 2: images are named in the hint, not shown (a form's media files "
        "travel beside it, not inside the workbook)"
    ]


def test_media_on_labels_is_never_dropped_in_silence(make_form: MakeForm) -> None:
    form = make_form(
        [
            ("type", "name", "label::English (en)", "media::image::English (en)", "media::audio"),
            ("text", "site", "Where is it?", "site.png", "site.mp3"),
        ]
    )
    guide, warnings = imported(form)
    assert question(guide, "site").hint.get("en") == "Image: site.png"  # type: ignore[union-attr]
    assert warnings == [
        "survey sheet, row 2: images are named in the hint, not shown (a form's media files "
        "travel beside it, not inside the workbook)",
        "survey sheet, row 2: audio files on labels are not played or shown",
    ]


def test_month_year_and_year_dates_ask_for_what_the_appearance_says(
    make_form: MakeForm, tmp_path: Path
) -> None:
    form = make_form(
        [
            ("type", "name", "label", "appearance"),
            ("date", "debut", "Début de l’activité", "month-year"),
            ("date", "creation", "Année de création", "year"),
            ("date", "visite", "Date de visite", "no-calendar"),
        ]
    )
    guide, warnings = imported(form)
    assert question(guide, "debut").type == "text"
    assert question(guide, "creation").type == "integer"
    assert question(guide, "visite").type == "date"
    assert "AAAA-MM" in question(guide, "debut").hint.get()  # type: ignore[union-attr]
    assert warnings == [
        "survey sheet, row 4: the appearance 'no-calendar' is not applied: fieldkit lays out "
        "every question its own way"
    ]
    with Survey.create(tmp_path / "s.fieldkit", guide) as survey:
        visit = survey.add_interview(survey.add_initiative("Ressourcerie"), "2026-03-12")
        survey.set_answer(visit, "debut", "2019-09")
        survey.set_answer(visit, "creation", 2019)
        for field, wrong in (("debut", "2019-13"), ("debut", "septembre"), ("creation", 19)):
            with pytest.raises(FieldkitError):
                survey.set_answer(visit, field, wrong)


def test_choices_repeated_for_a_cascading_select_are_offered_once(make_form: MakeForm) -> None:
    form = make_form(
        [
            ("type", "name", "label", "choice_filter"),
            ("select_one region", "region", "Région", None),
            ("select_one ville", "ville", "Ville", "region=${region}"),
        ],
        [
            ("list_name", "name", "label", "region"),
            ("region", "nord", "Nord", None),
            ("region", "sud", "Sud", None),
            ("ville", "centre", "Centre (Lille)", "nord"),
            ("ville", "centre", "Centre (Nice)", "sud"),
            ("ville", "port", "Port", "sud"),
        ],
        [("allow_choice_duplicates",), ("yes",)],
    )
    guide, warnings = imported(form)
    ville = question(guide, "ville")
    assert [(c.value, c.label.get()) for c in ville.choices] == [
        ("centre", "Centre (Lille) / Centre (Nice)"),
        ("port", "Port"),
    ]
    assert warnings == [
        "choices sheet, row 5: the choice 'centre' appears more than once in list 'ville': it "
        "is offered once, with each of its labels",
        "survey sheet, row 3: choice filters are not applied: every choice is offered",
    ]


def test_the_same_name_in_two_groups_gets_an_id_of_its_own(make_form: MakeForm) -> None:
    form = make_form(
        [
            HEADER,
            ("begin group", "porteur", "Porteur"),
            ("text", "nom", "Nom du porteur"),
            ("end group", None, None),
            ("begin group", "partenaire", "Partenaire"),
            ("text", "nom", "Nom du partenaire"),
            ("end group", None, None),
        ]
    )
    guide, warnings = imported(form)
    assert [q.id for q in guide.questions] == ["nom", "partenaire_nom"]
    assert warnings == [
        "survey sheet, row 6: the name 'nom' is also used on row 3: this row's id in the guide "
        "is 'partenaire_nom'"
    ]


def test_a_reference_to_a_name_used_twice_is_refused_as_pyxform_does(
    make_form: MakeForm,
) -> None:
    form = make_form(
        [
            ("type", "name", "label", "relevant"),
            ("begin group", "a", "A", None),
            ("text", "nom", "Nom", None),
            ("end group", None, None, None),
            ("begin group", "b", "B", None),
            ("text", "nom", "Nom", None),
            ("end group", None, None, None),
            ("text", "suite", "Suite", "${nom} != ''"),
        ]
    )
    with pytest.raises(PyXFormError, match="appears more than once"):
        convert(xlsform=str(form), validate=False)
    with pytest.raises(GuideError) as refused:
        read_xlsform(form)
    assert refused.value.problems == [
        "survey sheet, row 8, column D (relevant): refers to ${nom}, a name used in several "
        "groups; a name an expression refers to must be used once"
    ]


def test_a_loop_is_refused_saying_what_is_not_supported(make_form: MakeForm) -> None:
    form = make_form(
        [
            HEADER,
            ("begin loop over region", "par_region", "Par région"),
            ("integer", "sites", "Nombre de sites"),
            ("end loop", None, None),
        ],
        REGIONS,
    )
    pyxform_accepts(form)
    with pytest.raises(GuideError) as refused:
        read_xlsform(form)
    assert refused.value.problems == [
        "survey sheet, row 2, column A (type): loops ('begin loop over LIST') are not supported "
        "by fieldkit: write the questions once per choice, or make them a repeat group"
    ]


def test_a_kobomatrix_is_read_as_a_group_and_says_so(make_form: MakeForm) -> None:
    form = make_form(
        [
            ("type", "name", "label", "kobo--matrix_list"),
            ("begin_kobomatrix", "services", "Services", "region"),
            ("integer", "sites", "Sites", None),
            ("end_kobomatrix", None, None, None),
        ],
        REGIONS,
    )
    guide, warnings = read_xlsform(form)  # pyxform needs KoboToolbox's own pre-processing
    assert [q.id for q in guide.questions] == ["sites"]
    assert warnings == [
        "survey sheet, row 2: 'kobomatrix' blocks are read as a plain group: each question is "
        "asked once, not once per row of the matrix (one per choice of list 'region')"
    ]


def test_metadata_fieldkit_does_not_record_is_named(make_form: MakeForm) -> None:
    form = make_form(
        [HEADER, ("start-geopoint", "gps", None), ("audit", "audit", None), ("text", "q", "Q")]
    )
    _, warnings = imported(form)
    assert warnings == [
        "survey sheet, row 2: start-geopoint is not recorded by fieldkit",
        "survey sheet, row 3: audit is not recorded by fieldkit",
    ]


def test_a_required_repeat_needs_a_row(make_form: MakeForm, tmp_path: Path) -> None:
    form = make_form(
        [
            ("type", "name", "label", "required"),
            ("begin repeat", "personnes", "Personnes rencontrées", "yes"),
            ("text", "prenom", "Prénom", None),
            ("end repeat", None, None, None),
        ]
    )
    guide, warnings = imported(form)
    assert question(guide, "personnes").required
    assert warnings == []
    with Survey.create(tmp_path / "s.fieldkit", guide) as survey:
        visit = survey.add_interview(survey.add_initiative("Tiers-lieu"), "2026-03-12")
        assert [q.id for q in survey.complete(visit)] == ["personnes"]
        survey.add_row(visit, "personnes", {"prenom": "Ana"})
        assert survey.complete(visit) == []


def test_a_pattern_fieldkit_cannot_run_drops_the_constraint_with_a_warning(
    make_form: MakeForm,
) -> None:
    form = make_form(
        [
            ("type", "name", "label", "constraint"),
            ("text", "code", "Code", r"regex(., '^(a)\1$')"),
        ]
    )
    guide, warnings = imported(form)
    assert question(guide, "code").constraint is None
    assert (
        len(warnings) == 1 and "back-references and look-around are not supported" in (warnings[0])
    )


def _with_excel_extensions(path: Path) -> Path:
    """The same workbook with the data validation and conditional formatting Excel adds."""
    extended = path.with_name("excel.xlsx")
    extensions = (
        b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas'
        b'.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="0"/>'
        b'</ext><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="http://schemas'
        b'.microsoft.com/office/spreadsheetml/2009/9/main"><x14:conditionalFormattings/></ext>'
        b"</extLst></worksheet>"
    )
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(extended, "w") as target:
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename.startswith("xl/worksheets/sheet"):
                data = data.replace(b"</worksheet>", extensions)
            target.writestr(entry, data)
    return extended


def test_what_openpyxl_says_of_excel_extensions_is_not_shown(make_form: MakeForm) -> None:
    form = _with_excel_extensions(make_form([HEADER, ("text", "q", "Q")]))
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("always")
        guide, found = read_xlsform(form)
    assert [str(w.message) for w in shown] == []
    assert found == [] and guide.question("q") is not None
