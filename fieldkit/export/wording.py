"""The few fixed words the exported documents use, in French and English.

Everything else in a document comes from the guide (its own translations) or
from what people typed. Keeping these words in one table lets a translator
see them all at once.
"""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "monograph": {"fr": "Monographie d’initiative", "en": "Initiative monograph"},
    "synthesis": {"fr": "Synthèse des initiatives", "en": "Cross-initiative synthesis"},
    "contents": {"fr": "Sommaire", "en": "Contents"},
    "toc_placeholder": {
        "fr": "Le sommaire se met à jour à l’ouverture du document "
        "(sinon : clic droit, « Mettre à jour les champs »).",
        "en": "The table of contents updates when the document is opened "
        "(otherwise: right-click, “Update field”).",
    },
    "identity": {"fr": "Fiche d’identité", "en": "Identity card"},
    "visits": {"fr": "Visites", "en": "Visits"},
    "visit_on": {"fr": "Visite du {date}", "en": "Visit of {date}"},
    "with": {"fr": "avec {people}", "en": "with {people}"},
    "authors": {"fr": "Rédaction", "en": "Written by"},
    "network": {"fr": "Réseau", "en": "Network"},
    "territory": {"fr": "Territoire", "en": "Territory"},
    "kind": {"fr": "Type d’initiative", "en": "Kind of initiative"},
    "produced": {
        "fr": "Document produit par fieldkit le {date} à partir de l’enquête « {survey} ».",
        "en": "Document produced by fieldkit on {date} from the survey “{survey}”.",
    },
    "pseudonymized": {
        "fr": "Les personnes rencontrées y sont désignées par un pseudonyme, sans adresse "
        "électronique ni numéro de téléphone.",
        "en": "People met are referred to by pseudonyms, without e-mail addresses or phone "
        "numbers.",
    },
    "pseudonym": {"fr": "Personne {letter}", "en": "Person {letter}"},
    "email_hidden": {"fr": "[adresse électronique]", "en": "[e-mail address]"},
    "phone_hidden": {"fr": "[numéro de téléphone]", "en": "[phone number]"},
    "drafts_included": {
        "fr": "Les visites encore en brouillon y figurent.",
        "en": "Visits still in draft are included.",
    },
    "draft": {"fr": "brouillon", "en": "draft"},
    "complete": {"fr": "terminée", "en": "complete"},
    "other_quotes": {"fr": "Autres paroles recueillies", "en": "Other quotes"},
    "photos": {"fr": "Photographies", "en": "Photographs"},
    "figure": {"fr": "Figure", "en": "Figure"},
    "unreadable_image": {
        "fr": "Image illisible, non reproduite : {name}",
        "en": "Unreadable image, not reproduced: {name}",
    },
    "no_answer_axis": {
        "fr": "Aucune réponse ne se rapporte encore à cet axe.",
        "en": "No answer relates to this axis yet.",
    },
    "annexes": {"fr": "Annexes", "en": "Appendices"},
    "people_met": {"fr": "Personnes rencontrées", "en": "People met"},
    "name": {"fr": "Nom", "en": "Name"},
    "role": {"fr": "Rôle", "en": "Role"},
    "organisation": {"fr": "Structure", "en": "Organisation"},
    "date": {"fr": "Date", "en": "Date"},
    "caption": {"fr": "Légende", "en": "Caption"},
    "place": {"fr": "Lieu", "en": "Place"},
    "interviewers": {"fr": "Enquêteurs", "en": "Interviewers"},
    "status": {"fr": "Statut", "en": "Status"},
    "completion": {"fr": "Réponses", "en": "Answers"},
    "nobody": {"fr": "Aucune personne enregistrée.", "en": "Nobody recorded."},
    "guide": {"fr": "Guide d’entretien", "en": "Interview guide"},
    "guide_line": {
        "fr": "« {title} », version {version} (identifiant {id}, empreinte {hash}), "
        "utilisé pour : {visits}.",
        "en": "“{title}”, version {version} (id {id}, fingerprint {hash}), used for: {visits}.",
    },
    "unanswered": {"fr": "Questions sans réponse", "en": "Unanswered questions"},
    "all_answered": {
        "fr": "Toutes les questions posées ont reçu une réponse.",
        "en": "Every question asked was answered.",
    },
    "documents": {"fr": "Documents joints", "en": "Attached documents"},
    "conflicts": {"fr": "Conflits non résolus", "en": "Unresolved conflicts"},
    "conflicts_intro": {
        "fr": "Ces champs ont été modifiés sur deux postes sans que l’un voie la modification "
        "de l’autre. Toutes les valeurs sont reproduites ; choisissez-en une dans fieldkit "
        "pour résoudre le conflit.",
        "en": "These fields were changed on two computers without either seeing the other’s "
        "change. Every value is shown; choose one in fieldkit to resolve the conflict.",
    },
    "conflict_mark": {
        "fr": "Conflit non résolu : {count} versions de cette réponse coexistent.",
        "en": "Unresolved conflict: {count} versions of this answer exist.",
    },
    "version_by": {"fr": "Version de {author}, {date}", "en": "Version by {author}, {date}"},
    "scale": {
        "fr": "{value} sur une échelle de {low} à {high}",
        "en": "{value} on a scale from {low} to {high}",
    },
    "yes": {"fr": "oui", "en": "yes"},
    "no": {"fr": "non", "en": "no"},
    "initiative": {"fr": "Initiative", "en": "Initiative"},
    "answer": {"fr": "Réponse", "en": "Answer"},
    "overview": {"fr": "Les initiatives", "en": "The initiatives"},
    "initiatives": {"fr": "Initiatives", "en": "Initiatives"},
    "answered_what": {"fr": "Qui a répondu à quoi", "en": "Who answered what"},
    "answered_what_intro": {
        "fr": "Nombre de questions de chaque axe auxquelles l’initiative a répondu.",
        "en": "Number of each axis’s questions the initiative answered.",
    },
    "no_answer": {"fr": "Pas de réponse.", "en": "No answer."},
    "other_axis": {"fr": "Sans axe", "en": "No axis"},
    # REFI-QDA projects (.qdpx)
    "quotes": {"fr": "Citations", "en": "Quotes"},
    "verbatim": {"fr": "Verbatim", "en": "Verbatim quotes"},
    "codes_theme": {"fr": "Thèmes", "en": "Themes"},
    "codes_axe": {"fr": "Axes de recherche", "en": "Research axes"},
}


def word(key: str, language: str, **values: str) -> str:
    """Return a fixed word or sentence in ``language`` (French when unknown)."""
    entry = WORDS[key]
    text = entry.get(language) or entry["fr"]
    return text.format(**values) if values else text
