"""Which thing of a survey a line is about, in words of the run's language.

A conflict names its field as ``entity/id/field`` and a search hit its row
by an id: a person needs the question, the visit, the entry of a list of
people met. Both languages are made here from the same survey data, so that
a line is wholly French or wholly English.
"""

from __future__ import annotations

from fieldkit.cli.french import french_spacing
from fieldkit.errors import FieldkitError
from fieldkit.survey import NARRATIVE_PREFIX, Conflict, Survey, row_place

#: The sentences, by language; ``{}`` names are filled from the survey (French spaced
#: as French is printed).
WORDS = {
    "en": {
        "answer": "answer to « {question} », {visit}",
        "cell": "« {question} » in {row} of {visit}",
        "initiative": "{field} of the initiative « {name} »",
        "section": "section « {section} » of the monograph of « {name} »",
        "visit field": "{field} of {visit}",
        "item field": "{field} of {item} of {visit}",
        "row field": "{field} of {row} of {visit}",
        "survey field": "{field} of the survey",
        "visit": "the visit of {date} to {name}",
        "unnamed visit": "the visit of {date}",
        "row": "entry {number}",
        "row in the trash": "entry {number} in the trash",
        "named row": "{row} ({name})",
    },
    "fr": french_spacing(
        {
            "answer": "réponse à « {question} », {visit}",
            "cell": "« {question} » dans la {row} de {visit}",
            "initiative": "{field} de l’initiative « {name} »",
            "section": "section « {section} » de la monographie de « {name} »",
            "visit field": "{field} de {visit}",
            "item field": "{field} {item} de {visit}",
            "row field": "{field} de la {row} de {visit}",
            "survey field": "{field} de l’enquête",
            "visit": "la visite du {date} à {name}",
            "unnamed visit": "la visite du {date}",
            "row": "fiche {number}",
            "row in the trash": "fiche {number} à la corbeille",
            "named row": "{row} ({name})",
        }
    ),
}
#: The fields of the survey's records a conflict may be about.
FIELDS = {
    "en": {
        "name": "name",
        "territory": "territory",
        "network": "network",
        "kind": "kind",
        "date": "date",
        "place": "place",
        "interviewers": "interviewers",
        "status": "status",
        "initiative": "initiative visited",
        "guide": "guide",
        "deleted": "deletion",
        "text": "text",
        "speaker": "person quoted",
        "question": "question",
        "caption": "caption",
        "filename": "file name",
        "position": "place in the list",
        "title": "title",
    },
    "fr": {
        "name": "nom",
        "territory": "territoire",
        "network": "réseau",
        "kind": "type",
        "date": "date",
        "place": "lieu",
        "interviewers": "enquêteurs",
        "status": "état",
        "initiative": "initiative visitée",
        "guide": "guide",
        "deleted": "suppression",
        "text": "texte",
        "speaker": "personne citée",
        "question": "question",
        "caption": "légende",
        "filename": "nom de fichier",
        "position": "place dans la liste",
        "title": "titre",
    },
}
#: The items of a visit, as the object of "of" (English) or "de" (French, elided).
ITEMS = {
    "en": {"quote": "a quote", "note": "a note", "attachment": "an attachment"},
    "fr": {"quote": "d’une citation", "note": "d’une note", "attachment": "d’une pièce jointe"},
}


def conflict_subject(survey: Survey, conflict: Conflict, language: str) -> str:
    """Say which field a conflict is about: the question and the visit, or the item."""
    entity, entity_id, field = conflict.entity, conflict.entity_id, conflict.field
    words = WORDS[language]
    field_words = FIELDS[language].get(field, field)
    if entity in ("answer", "row_answer"):
        interview = entity_id if entity == "answer" else _row_interview(survey, entity_id)
        question = _question_label(survey, interview, field, language)
        visit = visit_words(survey, interview, language)
        if entity == "answer":
            return words["answer"].format(question=question, visit=visit)
        row = row_words(survey, entity_id, language)
        return words["cell"].format(question=question, row=row, visit=visit)
    if entity == "initiative":
        return _initiative_field(survey, entity_id, field, language)
    if entity == "interview":
        visit = visit_words(survey, entity_id, language)
        return words["visit field"].format(field=field_words, visit=visit)
    if entity == "survey":
        return words["survey field"].format(field=field_words)
    interview = str(survey.log.fields(entity, entity_id).get("interview", ""))
    visit = visit_words(survey, interview, language)
    if entity == "row":
        row = row_words(survey, entity_id, language)
        return words["row field"].format(field=field_words, row=row, visit=visit)
    item = ITEMS[language].get(entity, entity)
    return words["item field"].format(field=field_words, item=item, visit=visit)


def _initiative_field(survey: Survey, initiative: str, field: str, language: str) -> str:
    words = WORDS[language]
    name = str(survey.log.fields("initiative", initiative).get("name", initiative))
    if field.startswith(NARRATIVE_PREFIX):
        section = field[len(NARRATIVE_PREFIX) :]
        title = _section_title(survey, initiative, section, language)
        return words["section"].format(section=title, name=name)
    return words["initiative"].format(field=FIELDS[language].get(field, field), name=name)


def _section_title(survey: Survey, initiative: str, section: str, language: str) -> str:
    try:
        found = survey.outline(initiative).section(section)
    except FieldkitError:
        found = None
    return found.title.get(language) if found is not None else section


def _question_label(survey: Survey, interview: str, question_id: str, language: str) -> str:
    try:
        question = survey.guide_for(interview).question(question_id)
    except FieldkitError:
        question = None
    return question.label.get(language) if question is not None else question_id


def visit_words(survey: Survey, interview: str, language: str) -> str:
    """A visit, by its date and the initiative visited: *the visit of 2026-11-14 to …*."""
    fields = survey.log.fields("interview", interview)
    initiative = survey.log.fields("initiative", str(fields.get("initiative", "")))
    name, date = initiative.get("name", ""), fields.get("date", "")
    words = WORDS[language]
    return words["visit" if name else "unnamed visit"].format(date=date, name=name)


def _row_interview(survey: Survey, row_id: str) -> str:
    return str(survey.log.fields("row", row_id).get("interview", ""))


def row_words(survey: Survey, row_id: str, language: str) -> str:
    """An entry of a list (a person met), as the interview shows it: its number, its name."""
    place = row_place(survey, row_id)
    kind = "row in the trash" if place.trashed else "row"
    row = WORDS[language][kind].format(number=place.number or "?")
    if not place.name:
        return row
    return WORDS[language]["named row"].format(row=row, name=place.name)
