"""The few words an imported guide gains, in French and English.

Converting a form sometimes adds a text the form did not have: the title of a
section for questions outside any group, the label of an "other, specify"
question, a hint asking to attach a photo. They are written in every
language of the guide; a language other than French gets the English words.
"""

from __future__ import annotations

from collections.abc import Iterable

WORDS: dict[str, dict[str, str]] = {
    "general": {"fr": "Questions générales", "en": "General questions"},
    "general_more": {"fr": "Autres questions", "en": "Other questions"},
    "other": {"fr": "Autre", "en": "Other"},
    "other_specify": {"fr": "Autre, préciser", "en": "Other, specify"},
    "acknowledged": {"fr": "OK", "en": "OK"},
    "rank": {
        "fr": "Notez aussi l’ordre de préférence, dans une note.",
        "en": "Also write down the order of preference, in a note.",
    },
    "attach_image": {
        "fr": "Prenez la photo et joignez-la à l’entretien.",
        "en": "Take the photo and attach it to the interview.",
    },
    "attach_audio": {
        "fr": "Faites l’enregistrement et joignez-le à l’entretien.",
        "en": "Make the recording and attach it to the interview.",
    },
    "attach_video": {
        "fr": "Filmez la vidéo et joignez-la à l’entretien.",
        "en": "Shoot the video and attach it to the interview.",
    },
    "attach_file": {
        "fr": "Joignez le document à l’entretien.",
        "en": "Attach the document to the interview.",
    },
    "default": {
        "fr": "Valeur par défaut du formulaire d’origine : {value}",
        "en": "Default value in the original form: {value}",
    },
    "image": {"fr": "Image : {file}", "en": "Image: {file}"},
    "month-year": {
        "fr": "Le mois et l’année, sous la forme AAAA-MM.",
        "en": "The month and year, as YYYY-MM.",
    },
    "year": {"fr": "L’année seulement.", "en": "The year only."},
    "imported": {
        "fr": "Guide importé du formulaire XLSForm « {file} ».",
        "en": "Guide imported from the XLSForm “{file}”.",
    },
}


def words(key: str, languages: Iterable[str], **values: str) -> dict[str, str]:
    """The phrase ``key`` in each language, with ``values`` filled in."""
    phrase = WORDS[key]
    return {lang: phrase.get(lang, phrase["en"]).format(**values) for lang in languages}
