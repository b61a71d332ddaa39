"""Write visite-kobo.xlsx: a questionnaire as KoboToolbox's form builder exports it.

The workbook is committed so the tests read a real file; this script says how
it was made. Run ``python tests/data/make_kobo_form.py`` to write it again.
KoboToolbox exports carry its own bookkeeping columns (``$kuid``,
``$autoname``), labels in ``label::Français (fr)`` form, metadata rows at the
top, ``TRUE``/``FALSE`` cells typed by the spreadsheet, and curly quotes
typed by people.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
FORM = HERE / "visite-kobo.xlsx"

SURVEY_HEADER = [
    "type",
    "$kuid",
    "name",
    "$autoname",
    "label::Français (fr)",
    "label::English (en)",
    "hint::Français (fr)",
    "hint::English (en)",
    "required",
    "relevant",
    "constraint",
    "constraint_message::Français (fr)",
    "constraint_message::English (en)",
    "appearance",
    "calculation",
    "parameters",
]

# type, name, label fr, label en, hint fr, hint en, required, relevant,
# constraint, message fr, message en, appearance, calculation, parameters
SURVEY = [
    ("start", "start"),
    ("end", "end"),
    ("today", "today"),
    ("deviceid", "deviceid"),
    ("username", "username"),
    (
        "acknowledge",
        "consentement",
        "La personne accepte l’entretien",
        "The person agrees to the interview",
        "Présentez la démarche avant de commencer.",
        "Explain the process before starting.",
        True,
    ),
    (
        "begin_group",
        "initiative",
        "L’initiative",
        "The initiative",
        "",
        "",
        False,
        "${consentement} = ‘OK’",
    ),
    ("text", "nom_initiative", "Nom de l’initiative", "Name of the initiative", "", "", True),
    ("text", "commune", "Commune", "Municipality", "", "", False),
    (
        "select_one type_initiative or_other",
        "type_initiative",
        "Type d’initiative",
        "Kind of initiative",
        "",
        "",
        True,
    ),
    (
        "integer",
        "annee_creation",
        "Année de création",
        "Year founded",
        "",
        "",
        False,
        "",
        ". >= 1900 and . <= 2030",
        "Une année entre 1900 et 2030",
        "A year between 1900 and 2030",
    ),
    (
        "calculate",
        "anciennete",
        "",
        "",
        "",
        "",
        False,
        "",
        "",
        "",
        "",
        "",
        "2026 - ${annee_creation}",
    ),
    (
        "note",
        "note_jeune",
        "Initiative récente : insistez sur ses débuts.",
        "A recent initiative: ask about its beginnings.",
        "",
        "",
        False,
        "${annee_creation} != '' and ${anciennete} < 5",
    ),
    ("select_multiple activites", "activites", "Activités", "Activities", "", "", False),
    (
        "text",
        "activites_detail",
        "Décrivez l’activité de réparation",
        "Describe the repair work",
        "",
        "",
        False,
        "selected(${activites}, 'reparation')",
        "",
        "",
        "",
        "multiline",
    ),
    ("end_group", ""),
    (
        "begin_group",
        "fonctionnement",
        "Fonctionnement",
        "How it works",
        "",
        "",
        False,
        "${consentement} = 'OK'",
    ),
    (
        "decimal",
        "budget",
        "Budget annuel (k€)",
        "Annual budget (k€)",
        "",
        "",
        False,
        "",
        ". >= 0",
        "Le budget ne peut pas être négatif",
        "The budget cannot be negative",
    ),
    (
        "select_one oui_non",
        "benevoles",
        "Y a-t-il des bénévoles ?",
        "Are there volunteers?",
        "",
        "",
        False,
    ),
    (
        "begin_group",
        "benevolat",
        "Bénévolat",
        "Volunteering",
        "",
        "",
        False,
        "${benevoles} = 'oui'",
    ),
    (
        "integer",
        "nb_benevoles",
        "Nombre de bénévoles",
        "Number of volunteers",
        "",
        "",
        True,
        "",
        ". > 0",
        "Au moins un",
        "At least one",
    ),
    ("end_group", ""),
    (
        "range",
        "satisfaction",
        "Satisfaction des usagers",
        "Users' satisfaction",
        "",
        "",
        False,
        "",
        "",
        "",
        "",
        "",
        "",
        "start=1 end=5 step=1",
    ),
    (
        "date",
        "date_visite",
        "Date de la visite",
        "Date of the visit",
        "",
        "",
        True,
        "",
        ". <= ${today}",
        "Pas dans le futur",
        "Not in the future",
    ),
    ("time", "heure_debut", "Heure de début", "Starting time", "", "", False),
    ("image", "photo_lieu", "Photo du lieu", "Photo of the place", "", "", False),
    ("geopoint", "position", "Position du lieu", "Location", "", "", False),
    ("end_group", ""),
    (
        "begin_repeat",
        "personnes",
        "Personnes rencontrées",
        "People met",
        "",
        "",
        False,
        "${consentement} = 'OK'",
    ),
    ("text", "personne_nom", "Nom", "Name", "", "", True),
    ("select_one roles", "personne_role", "Rôle", "Role", "", "", False),
    ("end_repeat", ""),
    ("text", "remarques", "Remarques", "Remarks", "", "", False, "", "", "", "", "multiline"),
]

CHOICES = [
    ("list_name", "name", "label::Français (fr)", "label::English (en)"),
    ("type_initiative", "tiers_lieu", "Tiers-lieu", "Third place"),
    ("type_initiative", "garage_solidaire", "Garage solidaire", "Solidarity garage"),
    ("type_initiative", "ressourcerie", "Ressourcerie", "Reuse centre"),
    ("activites", "reparation", "Réparation", "Repair"),
    ("activites", "formation", "Formation", "Training"),
    ("activites", "vente", "Vente", "Sales"),
    ("oui_non", "oui", "Oui", "Yes"),
    ("oui_non", "non", "Non", "No"),
    ("roles", "salarie", "Salarié·e", "Employee"),
    ("roles", "benevole", "Bénévole", "Volunteer"),
    ("roles", "usager", "Usager·e", "User"),
]

SETTINGS = [
    ("form_title", "form_id", "version", "default_language", "style"),
    ("Visite d’une initiative locale", "visite_initiative", "2024.11.1", "Français (fr)", "pages"),
]


def main() -> None:
    book = Workbook()
    survey = book.active
    survey.title = "survey"
    survey.append(SURVEY_HEADER)
    for number, row in enumerate(SURVEY, start=1):
        kind, name, *rest = row
        cells = [
            kind,
            f"k{number:04d}",
            name,
            name,
            *(_cell(value) for value in rest),
        ]
        survey.append(cells)
    choices = book.create_sheet("choices")
    for row in CHOICES:
        choices.append(list(row))
    settings = book.create_sheet("settings")
    for row in SETTINGS:
        settings.append(list(row))
    book.save(FORM)


def _cell(value: object) -> object:
    # Kobo writes required as TRUE/FALSE booleans, and leaves other cells empty.
    return value if value != "" else None


if __name__ == "__main__":
    main()
