"""XLSForm import: questionnaires made for ODK and KoboToolbox become fieldkit guides.

Forms are built here, in each test, with openpyxl, so each test shows the rows
it is about; ``tests/data/visite-kobo.xlsx`` is a whole questionnaire as
KoboToolbox exports it, imported and then run through the survey API.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from fieldkit.errors import FieldkitError, GuideError
from fieldkit.guide.loader import load_guide, parse_guide
from fieldkit.guide.model import Guide, Question
from fieldkit.interop import read_guide_file
from fieldkit.interop.xlsform import import_xlsform, read_xlsform
from fieldkit.interop.xlsform.sheets import read_header
from fieldkit.survey import Survey
from tests.conftest import Cli
from tests.interop.conftest import MakeForm

KOBO_FORM = Path(__file__).resolve().parents[1] / "data" / "visite-kobo.xlsx"


HEADER = ("type", "name", "label")
YES_NO = (("list_name", "name", "label"), ("oui_non", "oui", "Oui"), ("oui_non", "non", "Non"))


def guide_of(path: Path) -> tuple[Guide, list[str]]:
    return read_xlsform(path)


def problems_of(path: Path) -> list[str]:
    with pytest.raises(GuideError) as raised:
        read_xlsform(path)
    assert raised.value.source == str(path)
    return raised.value.problems


def question(guide: Guide, question_id: str) -> Question:
    found = guide.question(question_id)
    assert found is not None, question_id
    return found


# -- headers and languages ---------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "key", "language"),
    [
        ("type", "type", None),
        ("  Type ", "type", None),
        ("NAME", "name", None),
        ("Relevance", "relevant", None),
        ("relevant ", "relevant", None),
        ("bind::relevant", "relevant", None),
        ("constraint message", "constraint_message", None),
        ("Constraint_Message", "constraint_message", None),
        ("jr:constraintMsg", "constraint_message", None),
        ("required message", "required_message", None),
        ("calculation", "calculate", None),
        ("readonly", "read_only", None),
        ("list name", "list_name", None),
        ("List_Name", "list_name", None),
        ("caption", "label", None),
        ("label::Français (fr)", "label", "fr"),
        ("Label :: English (en)", "label", "en"),
        ("label::English", "label", "en"),
        ("label::French", "label", "fr"),
        ("label:fr", "label", "fr"),
        ("label:English", "label", "en"),
        ("hint::Español (es)", "hint", "es"),
        ("constraint message::Français (fr)", "constraint_message", "fr"),
        ("media::image::English (en)", "image", "en"),
        ("label::Wolof", "label", "wolof"),
        ("label::default", "label", None),
    ],
)
def test_headers_are_read_as_xlsform_tools_read_them(
    written: str, key: str, language: str | None
) -> None:
    column = read_header(written, "C")
    assert column is not None
    assert (column.key, column.language) == (key, language)


def test_headers_with_stray_spaces_and_capitals_work(make_form: MakeForm) -> None:
    form = make_form(
        [
            (" Type", "name  ", "LABEL", " Relevance ", "Required"),
            ("select_one oui_non", "membre", "Membre ?", None, "yes"),
            ("text", "depuis", "Depuis quand ?", "${membre} = 'oui'", None),
        ],
        [(" List Name ", "Name", "Label"), ("oui_non", "oui", "Oui"), ("oui_non", "non", "Non")],
    )
    guide, warnings = guide_of(form)
    assert warnings == []
    assert question(guide, "membre").required
    assert question(guide, "depuis").relevant.source == "${membre} = 'oui'"


def test_a_form_with_only_plain_labels_is_in_the_default_language(make_form: MakeForm) -> None:
    guide, _ = guide_of(make_form([HEADER, ("text", "nom", "Nom de l’initiative")]))
    assert guide.languages == ("fr",)
    assert question(guide, "nom").label.as_dict() == {"fr": "Nom de l’initiative"}


def test_languages_come_from_the_label_columns(make_form: MakeForm) -> None:
    form = make_form(
        [
            (
                "type",
                "name",
                "label::Français (fr)",
                "label::English (en)",
                "hint::Français (fr)",
                "hint::English (en)",
                "constraint",
                "constraint_message::Français (fr)",
                "constraint_message::English (en)",
            ),
            (
                "integer",
                "age",
                "Âge",
                "Age",
                "En années",
                "In years",
                ". >= 0",
                "Positif",
                "Positive",
            ),
        ]
    )
    guide, _ = guide_of(form)
    age = question(guide, "age")
    assert guide.languages == ("fr", "en")
    assert age.label.as_dict() == {"fr": "Âge", "en": "Age"}
    assert age.hint.as_dict() == {"fr": "En années", "en": "In years"}
    assert age.constraint_message.as_dict() == {"fr": "Positif", "en": "Positive"}


def test_the_old_single_colon_form_names_languages_too(make_form: MakeForm) -> None:
    form = make_form(
        [("type", "name", "label:French", "label:English"), ("text", "nom", "Nom", "Name")]
    )
    guide, _ = guide_of(form)
    assert question(guide, "nom").label.as_dict() == {"fr": "Nom", "en": "Name"}


def test_default_language_names_the_plain_column_and_comes_first(make_form: MakeForm) -> None:
    form = make_form(
        [("type", "name", "label", "label::Français (fr)"), ("text", "name_", "Name", "Nom")],
        settings=[("form_title", "default_language"), ("Visit", "English (en)")],
    )
    guide, _ = guide_of(form)
    assert guide.languages == ("en", "fr")
    assert question(guide, "name_").label.as_dict() == {"en": "Name", "fr": "Nom"}
    assert guide.title.get("en") == "Visit"


def test_an_english_only_form_makes_an_english_guide(make_form: MakeForm) -> None:
    form = make_form([("type", "name", "label::English (en)"), ("text", "city", "City")])
    guide, warnings = guide_of(form)
    assert warnings == []
    assert guide.languages == ("en",)
    assert question(guide, "city").label.get("fr") == "City"  # the only text there is


def test_a_label_missing_in_the_first_language_borrows_another(make_form: MakeForm) -> None:
    form = make_form(
        [
            ("type", "name", "label::Français (fr)", "label::English (en)"),
            ("text", "nom", "Nom", "Name"),
            ("text", "ville", None, "Town"),
        ]
    )
    guide, warnings = guide_of(form)
    assert question(guide, "ville").label.as_dict() == {"fr": "Town", "en": "Town"}
    assert warnings == ["survey sheet, row 3: no label in 'fr': the 'en' label stands in for it"]


def test_settings_give_the_title_id_and_version(make_form: MakeForm) -> None:
    form = make_form(
        [HEADER, ("text", "nom", "Nom")],
        settings=[("form_title", "form_id", "version"), ("Visite", "visite_2024", 2024061201)],
    )
    guide, _ = guide_of(form)
    assert (guide.title.get(), guide.id, guide.version) == ("Visite", "visite_2024", "2024061201")


def test_without_settings_the_file_name_stands_for_title_and_id(make_form: MakeForm) -> None:
    guide, _ = guide_of(make_form([HEADER, ("text", "nom", "Nom")], file="Visite été.xlsx"))
    assert guide.title.get() == "Visite été"
    assert guide.id == "Visite-t"


# -- types -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("xlsform_type", "guide_type"),
    [
        ("text", "text"),
        ("integer", "integer"),
        ("decimal", "decimal"),
        ("date", "date"),
        ("time", "time"),
        ("dateTime", "datetime"),
        ("note", "note"),
        ("int", "integer"),
    ],
)
def test_simple_types_keep_their_meaning(
    make_form: MakeForm, xlsform_type: str, guide_type: str
) -> None:
    guide, warnings = guide_of(make_form([HEADER, (xlsform_type, "q", "Question")]))
    assert question(guide, "q").type == guide_type
    assert warnings == []


def test_multiline_text_is_long_text(make_form: MakeForm) -> None:
    form = make_form(
        [("type", "name", "label", "appearance"), ("text", "recit", "Récit", "multiline")]
    )
    assert question(guide_of(form)[0], "recit").type == "long_text"


def test_time_and_datetime_answers_are_checked(make_form: MakeForm, tmp_path: Path) -> None:
    form = make_form([HEADER, ("time", "heure", "Heure"), ("dateTime", "moment", "Moment")])
    with Survey.create(tmp_path / "s.fieldkit", read_guide_file(form)[0]) as survey:
        interview = survey.add_interview(survey.add_initiative("Garage"), "2026-03-12")
        survey.set_answer(interview, "heure", "9:05")
        survey.set_answer(interview, "moment", "2026-03-12 14:30:15")
        assert survey.answers(interview)["heure"] == "09:05"
        assert survey.answers(interview)["moment"] == "2026-03-12T14:30:15"
        with pytest.raises(FieldkitError, match="expects a time as HH:MM"):
            survey.set_answer(interview, "heure", "midi")
        with pytest.raises(FieldkitError, match="expects a date and time"):
            survey.set_answer(interview, "moment", "demain")


@pytest.mark.parametrize(
    ("parameters", "kind", "bounds"),
    [
        ("start=1 end=5 step=1", "scale", (1, 5)),
        ("start=0 end=10", "scale", (0, 10)),
        ("start=0 end=100 step=5", "integer", ". >= 0 and . <= 100"),
        ("start=0;end=1;step=0.1", "decimal", ". >= 0 and . <= 1"),
    ],
)
def test_a_range_is_a_scale_when_short_and_whole(
    make_form: MakeForm, parameters: str, kind: str, bounds: object
) -> None:
    form = make_form(
        [("type", "name", "label", "parameters"), ("range", "note_", "Note", parameters)]
    )
    found = question(guide_of(form)[0], "note_")
    assert found.type == kind
    if kind == "scale":
        assert (found.minimum, found.maximum) == bounds
    else:
        assert found.constraint.source == bounds


def test_select_questions_take_their_choice_list(make_form: MakeForm) -> None:
    form = make_form(
        [
            HEADER,
            ("select_one oui_non", "membre", "Membre ?"),
            ("select_multiple outils", "o", "Outils"),
        ],
        [
            ("list_name", "name", "label"),
            ("oui_non", "oui", "Oui"),
            ("oui_non", "non", "Non"),
            ("outils", "monnaie", "Monnaie locale"),
            ("outils", 1, "Numérique"),
        ],
    )
    guide, _ = guide_of(form)
    assert [c.value for c in question(guide, "membre").choices] == ["oui", "non"]
    assert question(guide, "o").type == "select_multiple"
    assert [c.value for c in question(guide, "o").choices] == ["monnaie", "1"]


def test_or_other_adds_an_other_choice_and_a_text_to_specify(
    make_form: MakeForm, tmp_path: Path
) -> None:
    form = make_form(
        [
            ("type", "name", "label", "relevant"),
            ("select_one statut or_other", "statut", "Statut", None),
            ("select_one statut", "statut_prec", "Statut précédent", None),
            ("note", "merci", "Merci d’avoir précisé", "${statut_other} != ''"),
        ],
        [
            ("list_name", "name", "label"),
            ("statut", "asso", "Association"),
            ("statut", "scop", "SCOP"),
        ],
    )
    guide, _ = guide_of(form)
    statut = question(guide, "statut")
    assert [c.value for c in statut.choices] == ["asso", "scop", "other"]
    assert statut.choice_label("other") == "Autre"
    assert [c.value for c in question(guide, "statut_prec").choices] == ["asso", "scop"]
    other = question(guide, "statut_other")  # pyxform's name for it
    assert other.type == "text"
    assert other.label.as_dict() == {"fr": "Autre, préciser"}
    assert question(guide, "merci").relevant.source == "${statut_other} != ''"
    with Survey.create(tmp_path / "s.fieldkit", guide) as survey:
        interview = survey.add_interview(survey.add_initiative("Garage"), "2026-03-12")
        assert not guide.is_relevant("statut_other", survey.answers(interview))
        survey.set_answer(interview, "statut", "other")
        assert guide.is_relevant("statut_other", survey.answers(interview))
        survey.set_answer(interview, "statut_other", "Collectif informel")
        assert guide.is_relevant("merci", survey.answers(interview))


def test_or_other_speaks_the_language_of_an_english_form(make_form: MakeForm) -> None:
    form = make_form(
        [HEADER, ("select_one status or_other", "status", "What is the legal status?")],
        [("list_name", "name", "label"), ("status", "ngo", "Non-profit")],
    )
    guide, _ = guide_of(form)
    assert guide.languages == ("en",)
    status = question(guide, "status")
    assert status.choice_label("other") == "Other"
    assert question(guide, "status_other").label.as_dict() == {"en": "Other, specify"}
    assert "autre" not in yaml.safe_dump(import_xlsform(form)[0]).lower()


def test_rank_becomes_a_multiple_choice_with_a_warning(make_form: MakeForm) -> None:
    form = make_form([HEADER, ("rank oui_non", "priorites", "Priorités")], YES_NO)
    guide, warnings = guide_of(form)
    assert question(guide, "priorites").type == "select_multiple"
    assert "ordre de préférence" in question(guide, "priorites").hint.get("fr")
    assert warnings == [
        "survey sheet, row 2: rank questions become multiple choices: the order is not recorded"
    ]


def test_acknowledge_is_a_single_ok(make_form: MakeForm) -> None:
    guide, _ = guide_of(make_form([HEADER, ("acknowledge", "accord", "La personne est d’accord")]))
    accord = question(guide, "accord")
    assert accord.type == "select_one"
    assert [c.value for c in accord.choices] == ["OK"]


@pytest.mark.parametrize(
    ("kind", "words"),
    [("image", "photo"), ("audio", "enregistrement"), ("video", "vidéo"), ("file", "document")],
)
def test_attachment_questions_become_notes_asking_for_the_file(
    make_form: MakeForm, kind: str, words: str
) -> None:
    guide, warnings = guide_of(make_form([HEADER, (kind, "piece", "Le lieu")]))
    piece = question(guide, "piece")
    assert piece.type == "note"
    assert words in piece.hint.get("fr")
    assert warnings == [
        f"survey sheet, row 2: {kind} questions become notes asking to attach the file to the "
        "interview (a fieldkit guide has no attachment question)"
    ]


def test_a_calculation_is_written_into_the_conditions_that_use_it(make_form: MakeForm) -> None:
    form = make_form(
        [
            ("type", "name", "label", "relevant", "calculation"),
            ("integer", "salaries", "Salariés", None, None),
            ("integer", "benevoles", "Bénévoles", None, None),
            ("calculate", "total", None, None, "${salaries} + ${benevoles}"),
            ("calculate", "grand", None, None, "${total} > 10"),
            ("text", "organisation", "Comment vous organisez-vous ?", "${grand}", None),
        ]
    )
    guide, warnings = guide_of(form)
    relevant = question(guide, "organisation").relevant
    assert relevant.source == "((${salaries} + ${benevoles}) > 10)"
    assert guide.is_relevant("organisation", {"salaries": 8, "benevoles": 5})
    assert not guide.is_relevant("organisation", {"salaries": 2, "benevoles": 5})
    assert guide.question("total") is None
    assert warnings == [
        "survey sheet, rows 4, 5: calculate rows are not questions: fieldkit does not store "
        "them, and writes their value into the expressions that use it"
    ]


def test_a_condition_fieldkit_cannot_compute_is_left_out_with_a_warning(
    make_form: MakeForm,
) -> None:
    form = make_form(
        [
            ("type", "name", "label", "relevant", "calculation"),
            ("calculate", "prix", None, None, "pulldata('tarifs', 'prix', 'code', '1')"),
            ("text", "commentaire", "Commentaire", "${prix} > 10", None),
            ("text", "autre", "Autre", "jr:choice-name(${commentaire}, 'x') = 'y'", None),
        ]
    )
    guide, warnings = guide_of(form)
    assert question(guide, "commentaire").relevant is None
    assert question(guide, "autre").relevant is None
    assert (
        "survey sheet, row 3: the relevant expression is left out because ${prix} is not "
        "something fieldkit can compute (the question is always shown)"
    ) in warnings
    assert any(
        w.startswith("survey sheet, row 4: the relevant expression is left out") for w in warnings
    )


def test_metadata_fieldkit_records_itself_is_accepted_silently(make_form: MakeForm) -> None:
    metadata = ["start", "end", "today", "deviceid", "username", "phonenumber"]
    form = make_form(
        [
            ("type", "name", "label", "constraint"),
            *[(kind, f"m_{kind}", None, None) for kind in metadata],
            ("date", "visite", "Date de visite", ". <= ${m_today}"),
        ]
    )
    guide, warnings = guide_of(form)
    assert warnings == []
    assert [q.id for q in guide.questions] == ["visite"]
    assert question(guide, "visite").constraint.source == ". <= today()"


def test_a_hidden_value_stands_in_for_itself(make_form: MakeForm) -> None:
    form = make_form(
        [
            ("type", "name", "label", "relevant", "default"),
            ("hidden", "vague", None, None, "2"),
            ("text", "suite", "Suite", "${vague} = 2", None),
        ]
    )
    guide, _ = guide_of(form)
    assert question(guide, "suite").relevant.source == "2 = 2"


def test_other_types_become_text_questions_with_a_warning_naming_each_row(
    make_form: MakeForm,
) -> None:
    form = make_form(
        [
            HEADER,
            ("geopoint", "lieu", "Lieu"),
            ("text", "nom", "Nom"),
            ("geopoint", "depot", "Dépôt"),
            ("barcode", "code", "Code"),
            ("select_one_from_file communes.csv", "commune", "Commune"),
        ]
    )
    guide, warnings = guide_of(form)
    assert {question(guide, q).type for q in ("lieu", "depot", "code", "commune")} == {"text"}
    assert warnings == [
        "survey sheet, rows 2, 4: 'geopoint' is not a fieldkit question type: imported as a "
        "text question",
        "survey sheet, row 5: 'barcode' is not a fieldkit question type: imported as a text "
        "question",
        "survey sheet, row 6: 'select_one_from_file' is not a fieldkit question type: imported "
        "as a text question",
    ]


# -- groups and repeats --------------------------------------------------------------


def test_top_level_groups_become_sections_and_nested_groups_flatten(make_form: MakeForm) -> None:
    form = make_form(
        [
            ("type", "name", "label", "relevant", "hint"),
            ("text", "enqueteur", "Enquêteur", None, None),
            ("begin group", "activite", "Activité", "${enqueteur} != ''", "Parlez de l’activité"),
            ("select_one oui_non", "salaries", "Des salariés ?", None, None),
            ("begin_group", "emploi", "Emploi", "${salaries} = 'oui'", None),
            ("begin group", "contrats", None, "${effectif} > 1", None),
            ("integer", "effectif", "Effectif", None, None),
            ("end group", None, None, None, None),
            ("end_group", None, None, None, None),
            ("end group", None, None, None, None),
            ("text", "fin", "Le mot de la fin", None, None),
        ],
        YES_NO,
    )
    guide, _ = guide_of(form)
    assert [s.id for s in guide.sections] == ["general", "activite", "general_2"]
    general, activite, more = guide.sections
    assert general.title.get() == "Questions générales"
    assert more.title.get() == "Autres questions"
    assert activite.title.get() == "Activité"
    assert activite.intro.get() == "Parlez de l’activité"
    assert activite.relevant.source == "${enqueteur} != ''"
    assert [q.id for q in activite.questions] == ["salaries", "emploi", "effectif"]
    assert question(guide, "emploi").type == "note"  # the nested group's heading
    assert question(guide, "effectif").relevant.source == (
        "(${salaries} = 'oui') and (${effectif} > 1)"
    )
    assert [q.id for q in more.questions] == ["fin"]
    assert set(activite.tags) == {"theme:activite"}
    assert guide.tag_label("theme:activite") == "Activité"


def test_a_repeat_becomes_a_repeat_question(make_form: MakeForm, tmp_path: Path) -> None:
    form = make_form(
        [
            ("type", "name", "label", "required", "repeat_count"),
            ("begin repeat", "personnes", "Personnes rencontrées", None, None),
            ("text", "nom", "Nom", "yes", None),
            ("select_one oui_non", "accord", "Accord pour être nommé·e", None, None),
            ("end repeat", None, None, None, None),
        ],
        YES_NO,
    )
    guide, warnings = guide_of(form)
    personnes = question(guide, "personnes")
    assert personnes.type == "repeat"
    assert [c.id for c in personnes.columns] == ["nom", "accord"]
    assert warnings == []
    with Survey.create(tmp_path / "s.fieldkit", guide) as survey:
        interview = survey.add_interview(survey.add_initiative("Garage"), "2026-03-12")
        survey.add_row(interview, "personnes", {"nom": "Awa", "accord": "oui"})
        assert survey.answers(interview)["personnes"] == [{"nom": "Awa", "accord": "oui"}]


def test_a_repeat_inside_a_repeat_joins_its_columns(make_form: MakeForm) -> None:
    form = make_form(
        [
            ("type", "name", "label", "relevant", "repeat_count"),
            ("begin repeat", "sites", "Sites", None, None),
            ("text", "site", "Site", None, None),
            ("begin repeat", "salles", "Salles", "${site} != ''", "3"),
            ("text", "salle", "Salle", None, None),
            ("end repeat", None, None, None, None),
            ("end repeat", None, None, None, None),
        ]
    )
    guide, warnings = guide_of(form)
    assert [c.id for c in question(guide, "sites").columns] == ["site", "salle"]
    assert question(guide, "salle").relevant.source == "${site} != ''"
    assert warnings == [
        "survey sheet, row 4: repeat counts are not applied: rows are added as needed",
        "survey sheet, row 4: a repeat inside a repeat is flattened: its questions become "
        "columns of the enclosing repeat",
    ]


def test_kobotoolbox_blocks_nest_like_groups(make_form: MakeForm) -> None:
    form = make_form(
        [
            HEADER,
            ("begin_group", "services", "Services"),
            ("begin_kobomatrix", "matrice", "Services proposés"),
            ("text", "service", "Service"),
            ("end_kobomatrix", None, None),
            ("end_group", None, None),
        ]
    )
    guide, warnings = guide_of(form)
    assert [q.id for q in guide.questions] == ["matrice", "service"]
    assert warnings == [
        "survey sheet, row 3: 'kobomatrix' blocks are read as a plain group: each question is "
        "asked once, not once per row of the matrix"
    ]


def test_a_group_with_nothing_to_import_is_left_out(make_form: MakeForm) -> None:
    form = make_form(
        [
            ("type", "name", "label", "calculation"),
            ("begin group", "meta", "Métadonnées", None),
            ("start", "debut", None, None),
            ("end group", None, None, None),
            ("text", "nom", "Nom", None),
        ]
    )
    guide, warnings = guide_of(form)
    assert [s.id for s in guide.sections] == ["general"]
    assert dict(guide.tags).keys() == {"theme:general"}
    assert warnings == [
        "survey sheet, row 2: the group holds no question fieldkit can import: it is left out"
    ]


# -- bindings --------------------------------------------------------------------------


def test_required_relevant_and_constraint_come_through(make_form: MakeForm) -> None:
    form = make_form(
        [
            ("type", "name", "label", "required", "relevant", "constraint", "constraint_message"),
            ("integer", "annee", "Année", True, None, ". >= 1900", "Quatre chiffres"),
            ("text", "histoire", "Histoire", "yes", "${annee} < 2000", None, None),
            ("text", "detail", "Détail", "FALSE", None, None, None),
        ]
    )
    guide, _ = guide_of(form)
    annee, histoire, detail = (question(guide, q) for q in ("annee", "histoire", "detail"))
    assert annee.required and histoire.required and not detail.required
    assert annee.constraint.source == ". >= 1900"
    assert annee.constraint_message.get() == "Quatre chiffres"
    assert not annee.constraint.test({}, current=1850)
    assert histoire.relevant.source == "${annee} < 2000"


def test_curly_quotes_in_expressions_are_straightened(make_form: MakeForm) -> None:
    form = make_form(
        [
            ("type", "name", "label", "relevant"),
            ("select_one oui_non", "membre", "Membre ?", None),
            ("text", "depuis", "Depuis quand ?", "${membre} = ‘oui’ or ${membre} = “non”"),
        ],
        YES_NO,
    )
    text, _ = import_xlsform(form)
    relevant = question(parse_guide(text), "depuis").relevant
    assert relevant.source == "${membre} = 'oui' or ${membre} = 'non'"
    assert relevant.test({"membre": "oui"})


@pytest.mark.parametrize(
    ("column", "value", "warning"),
    [
        (
            "choice_filter",
            "filtre = ${x}",
            "choice filters are not applied: every choice is offered",
        ),
        (
            "required",
            "${x} = 'a'",
            "a condition in 'required' is not supported: the question is optional",
        ),
        ("default", "Dijon", "default values are not filled in: the hint gives them"),
        (
            "read_only",
            "yes",
            "read-only questions become notes (fieldkit does not compute answers)",
        ),
        (
            "required_message",
            "Obligatoire",
            "required messages are not shown: fieldkit lists missing answers",
        ),
        (
            "calculate",
            "1 + 1",
            "calculations on questions are not applied: fieldkit does not compute answers",
        ),
        (
            "media::image",
            "logo.png",
            "images are named in the hint, not shown (a form's media files travel beside it, "
            "not inside the workbook)",
        ),
        ("audio", "cri.mp3", "audio files on labels are not played or shown"),
        ("video::Français (fr)", "film.mp4", "video files on labels are not played or shown"),
        (
            "appearance",
            "minimal",
            "the appearance 'minimal' is not applied: fieldkit lays out every question its own way",
        ),
        ("commentaire", "à revoir", "column E (commentaire) is not used by fieldkit"),
    ],
)
def test_columns_fieldkit_only_approximates_are_named(
    make_form: MakeForm, column: str, value: str, warning: str | None
) -> None:
    form = make_form(
        [
            ("type", "name", "label", "relevant", column),
            ("text", "x", "X", None, None),
            ("text", "y", "Y", None, value),
        ]
    )
    _, warnings = guide_of(form)
    assert warnings == ([f"survey sheet, row 3: {warning}"] if warning else [])


def test_a_default_value_is_shown_in_the_hint(make_form: MakeForm) -> None:
    form = make_form([("type", "name", "label", "default"), ("text", "ville", "Ville", "Dijon")])
    hint = question(guide_of(form)[0], "ville").hint
    assert hint.get("fr") == "Valeur par défaut du formulaire d’origine : Dijon"


# -- broken forms ------------------------------------------------------------------------


def test_a_missing_survey_sheet_is_named(make_form: MakeForm) -> None:
    form = make_form([HEADER, ("text", "nom", "Nom")], names={"survey": "Questions"})
    assert problems_of(form) == [
        "the workbook: there is no 'survey' sheet (the sheets are: 'Questions')"
    ]


def test_a_sheet_name_with_a_capital_is_read_with_a_warning(make_form: MakeForm) -> None:
    form = make_form(
        [HEADER, ("select_one oui_non", "membre", "Membre ?")], YES_NO, names={"choices": "Choices"}
    )
    guide, warnings = guide_of(form)
    assert [c.value for c in question(guide, "membre").choices] == ["oui", "non"]
    assert warnings == [
        "the sheet 'Choices' is read as the 'choices' sheet (XLSForm sheet names are written "
        "in lower case)"
    ]


def test_a_misnamed_choices_sheet_is_pointed_at(make_form: MakeForm) -> None:
    form = make_form(
        [HEADER, ("select_one oui_non", "membre", "Membre ?"), ("select_one oui_non", "b", "B")],
        YES_NO,
        names={"choices": "choice"},
    )
    assert problems_of(form) == [
        "the workbook: there is no 'choices' sheet (the sheets are: 'survey', 'choice'); "
        "is 'choice' meant to be 'choices'?"
    ]


def test_an_unknown_choice_list_is_named_with_its_cell(make_form: MakeForm) -> None:
    form = make_form([HEADER, ("select_one couleurs", "couleur", "Couleur")], YES_NO)
    assert problems_of(form) == [
        "survey sheet, row 2, column A (type): unknown choice list 'couleurs' "
        "(lists in the choices sheet: oui_non)"
    ]


def test_duplicate_names_are_named_with_both_rows(make_form: MakeForm) -> None:
    form = make_form([HEADER, ("text", "age", "Âge"), ("integer", "age", "Âge en années")])
    assert problems_of(form) == [
        "survey sheet, row 3, column B (name): the name 'age' is already used on row 2"
    ]


def test_a_bad_expression_is_named_with_its_cell(make_form: MakeForm) -> None:
    form = make_form(
        [
            ("type", "name", "label", "relevant"),
            ("text", "a", "A", None),
            ("text", "b", "B", "${a} = = 'x'"),
        ]
    )
    (problem,) = problems_of(form)
    assert problem.startswith("survey sheet, row 3, column D (relevant): unexpected '='")
    assert problem.endswith("in \"${a} = = 'x'\"")


def test_every_problem_is_reported_at_once(make_form: MakeForm) -> None:
    form = make_form(
        [
            ("type", "name", "label", "relevant", "constraint"),
            ("text", "a", "A", "${inconnu} = 1", None),
            ("integer", "a", "A encore", None, ". >= (0"),
            ("select_one absente", "c", "C", None, None),
            ("text", "d.e", "D", None, None),
            ("text", None, "Sans nom", None, None),
            (None, "sans_type", "Sans type", None, None),
            ("end group", None, None, None, None),
            ("begin repeat", "r", "R", None, None),
            ("text", "r1", None, None, None),
        ],
        [("list_name", "name", "label"), ("l", "x", "X"), ("l", "x", "X encore"), (None, "y", "Y")],
    )
    assert problems_of(form) == [
        "choices sheet, row 3, column B (name): the choice 'x' appears twice in list 'l' (if "
        "that is meant, as in cascading selects, set allow_choice_duplicates to yes in the "
        "settings)",
        "choices sheet, row 4, column A (list_name): the choice 'y' has no list name",
        "survey sheet, row 7, column A (type): no type (text, integer, select_one LIST…)",
        "survey sheet, row 3, column B (name): the name 'a' is already used on row 2",
        "survey sheet, row 5, column B (name): the name 'd.e' may only use ASCII letters, "
        "digits, '_' and '-'",
        "survey sheet, row 6, column B (name): no name (every row needs one)",
        "survey sheet, row 2, column D (relevant): refers to ${inconnu}, which is not a name in "
        "the survey sheet",
        "survey sheet, row 3, column E (constraint): missing ')' to close the '(' opened at "
        "character 6 in '. >= (0'",
        "survey sheet, row 4, column A (type): unknown choice list 'absente' (lists in the "
        "choices sheet: l)",
        "survey sheet, row 8, column A (type): 'end group' without a 'begin group' before it",
        "survey sheet, row 10, column C (label): no label (every question needs one)",
        "survey sheet, row 9, column A (type): the repeat 'r' is never closed (add an "
        "'end repeat' row)",
    ]


@pytest.mark.parametrize(
    ("parameters", "problem"),
    [
        ("start=un end=5", "start, end and step must be numbers"),
        ("start=0 end=inf", "start, end and step must be numbers"),
        ("start=5 end=1", "the start of a range must be below its end"),
    ],
)
def test_a_range_with_bad_parameters_is_named(
    make_form: MakeForm, parameters: str, problem: str
) -> None:
    form = make_form([("type", "name", "label", "parameters"), ("range", "r", "R", parameters)])
    assert problems_of(form) == [f"survey sheet, row 2, column D (parameters): {problem}"]


def test_a_group_closed_as_a_repeat_is_named(make_form: MakeForm) -> None:
    form = make_form(
        [HEADER, ("begin group", "g", "G"), ("text", "a", "A"), ("end repeat", None, None)]
    )
    assert problems_of(form) == [
        "survey sheet, row 4, column A (type): 'end repeat' closes the group 'g' opened on "
        "row 2 (write 'end group')"
    ]


def test_a_column_written_twice_is_refused(make_form: MakeForm) -> None:
    form = make_form([("type", "name", "label", "Label "), ("text", "a", "A", "A bis")])
    assert problems_of(form) == [
        "survey sheet, row 1, columns C and D: both are the 'label' column; keep one"
    ]


def test_a_guide_with_no_question_is_refused(make_form: MakeForm) -> None:
    form = make_form(
        [
            ("type", "name", "label", "calculation"),
            ("start", "debut", None),
            ("calculate", "x", None, "1"),
        ]
    )
    assert problems_of(form) == ["survey sheet: no question fieldkit can import"]


@pytest.mark.parametrize(
    ("file", "content", "message"),
    [
        ("form.xlsx", b"not a workbook", "not a readable .xlsx workbook"),
        (
            "form.xls",
            b"\xd0\xcf\x11\xe0",
            "an Excel 97-2003 (.xls) workbook; open it and save it as .xlsx",
        ),
        ("absent.xlsx", None, "no such file"),
    ],
)
def test_files_that_are_not_xlsx_workbooks_are_refused(
    tmp_path: Path, file: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / file
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(FieldkitError, match=re.escape(message)) as raised:
        read_xlsform(path)
    assert str(raised.value).startswith(f"{path}: ")


# -- the command line ----------------------------------------------------------------


def test_guide_import_prints_the_guide_and_warns_on_stderr(run: Cli, make_form: MakeForm) -> None:
    form = make_form([HEADER, ("text", "nom", "Nom"), ("geopoint", "lieu", "Lieu")])
    result = run("guide", "import", form)
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(result.stdout)["format"] == "fieldkit-guide/1"
    parse_guide(result.stdout)
    assert result.stderr == (
        "warning: survey sheet, row 3: 'geopoint' is not a fieldkit question type: imported as "
        "a text question\n"
    )


def test_guide_import_writes_a_guide_file(run: Cli, make_form: MakeForm, tmp_path: Path) -> None:
    form = make_form([HEADER, ("text", "nom", "Nom"), ("integer", "age", "Âge")])
    output = tmp_path / "guide.yaml"
    result = run("guide", "import", form, "-o", output)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {output} (1 sections, 2 questions)\n"
    assert [q.id for q in load_guide(output).questions] == ["nom", "age"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["form.xlsx", "guide.yaml"]


def test_guide_import_will_not_write_over_a_spreadsheet(run: Cli, make_form: MakeForm) -> None:
    form = make_form([HEADER, ("text", "nom", "Nom")])
    before = form.read_bytes()
    result = run("guide", "import", form, "-o", form)
    assert result.exit_code == 1
    assert "write the guide to a .yaml file" in result.stderr
    assert form.read_bytes() == before


def test_guide_check_lists_every_problem_of_a_form(run: Cli, make_form: MakeForm) -> None:
    form = make_form([HEADER, ("text", "a", "A"), ("text", "a", "B"), ("select_one x", "c", "C")])
    result = run("guide", "check", form)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"fieldkit: {form}: 2 problems in the guide",
        "  - survey sheet, row 3, column B (name): the name 'a' is already used on row 2",
        "  - the workbook: there is no 'choices' sheet (the sheets are: 'survey')",
    ]


def test_new_survey_from_an_xlsform(run: Cli, make_form: MakeForm, tmp_path: Path) -> None:
    form = make_form(
        [HEADER, ("text", "nom", "Nom"), ("image", "photo", "Photo")],
        settings=[("form_title",), ("Visite express",)],
    )
    survey_path = tmp_path / "visites.fieldkit"
    result = run("new", survey_path, "--guide", form)
    assert result.exit_code == 0, result.output
    assert "« Visite express »" in result.stdout
    assert "image questions become notes" in result.stderr
    assert run("guide", "check", form).exit_code == 0
    with Survey.open(survey_path) as survey:
        assert [q.id for q in survey.guide.questions] == ["nom", "photo"]


# -- a questionnaire made for KoboToolbox ---------------------------------------------


def test_a_kobotoolbox_form_imports_with_only_what_it_must_approximate() -> None:
    guide, warnings = guide_of(KOBO_FORM)
    assert guide.title.get() == "Visite d’une initiative locale"
    assert (guide.id, guide.version, guide.languages) == (
        "visite_initiative",
        "2024.11.1",
        ("fr", "en"),
    )
    assert [s.id for s in guide.sections] == [
        "general",
        "initiative",
        "fonctionnement",
        "general_2",
    ]
    assert warnings == [
        "survey sheet, row 13: calculate rows are not questions: fieldkit does not store them, "
        "and writes their value into the expressions that use it",
        "survey sheet, row 27: image questions become notes asking to attach the file to the "
        "interview (a fieldkit guide has no attachment question)",
        "survey sheet, row 28: 'geopoint' is not a fieldkit question type: imported as a text "
        "question",
    ]


def test_a_kobotoolbox_form_runs_as_a_survey(tmp_path: Path) -> None:
    with Survey.create(tmp_path / "kobo.fieldkit", read_guide_file(KOBO_FORM)[0]) as survey:
        guide = survey.guide
        interview = survey.add_interview(survey.add_initiative("Repair café"), "2026-03-12")

        def shown(question_id: str) -> bool:
            return guide.is_relevant(question_id, survey.answers(interview))

        # Nothing is asked before the person agrees.
        assert not shown("nom_initiative") and not shown("personnes")
        survey.set_answer(interview, "consentement", "OK")
        assert shown("nom_initiative") and shown("budget") and shown("personnes")

        survey.set_answer(interview, "nom_initiative", "Repair café du Val")
        survey.set_answer(interview, "type_initiative", "other")
        assert shown("type_initiative_other")
        survey.set_answer(interview, "type_initiative_other", "Atelier vélo")

        # A recent initiative: the calculation drives the note.
        assert not shown("note_jeune")
        survey.set_answer(interview, "annee_creation", 2023)
        assert shown("note_jeune")
        survey.set_answer(interview, "annee_creation", 2001)
        assert not shown("note_jeune")
        with pytest.raises(FieldkitError, match="Une année entre 1900 et 2030"):
            survey.set_answer(interview, "annee_creation", 1850)

        survey.set_answer(interview, "activites", ["reparation", "vente"])
        assert shown("activites_detail")
        assert guide.question("activites_detail").type == "long_text"

        assert not shown("nb_benevoles")
        survey.set_answer(interview, "benevoles", "oui")
        assert shown("nb_benevoles")
        survey.set_answer(interview, "nb_benevoles", 12)
        survey.set_answer(interview, "satisfaction", 4)
        survey.set_answer(interview, "heure_debut", "14:30")
        with pytest.raises(FieldkitError, match="Pas dans le futur"):
            survey.set_answer(interview, "date_visite", "2999-01-01")

        missing = [q.id for q in survey.complete(interview)]
        assert missing == ["date_visite"]
        survey.set_answer(interview, "date_visite", "2026-03-12")
        survey.add_row(interview, "personnes", {"personne_nom": "Awa", "personne_role": "benevole"})
        assert survey.complete(interview) == []
