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
    "version_by": {"fr": "Version de {author}, {date}", "en": "Version by {author}, {date}"},
    "scale": {
        "fr": "{value} sur une échelle de {low} à {high}",
        "en": "{value} on a scale from {low} to {high}",
    },
    "scale_range": {
        "fr": "sur une échelle de {low} à {high}",
        "en": "on a scale from {low} to {high}",
    },
    "yes": {"fr": "oui", "en": "yes"},
    "no": {"fr": "non", "en": "no"},
    "initiative": {"fr": "Initiative", "en": "Initiative"},
    "answer": {"fr": "Réponse", "en": "Answer"},
    "overview": {"fr": "Les initiatives", "en": "The initiatives"},
    "initiatives": {"fr": "Initiatives", "en": "Initiatives"},
    # The monograph's sections (fieldkit.export.monograph, condensed)
    "axes_reading": {"fr": "Lecture selon les axes", "en": "Reading along the axes"},
    "see_also": {"fr": "Voir aussi", "en": "See also"},
    "and": {"fr": " et ", "en": " and "},
    "visited_by": {"fr": "Visites menées par", "en": "Visits by"},
    "method": {"fr": "Méthode", "en": "Method"},
    "method_text": {
        "fr": "Cette monographie s’appuie sur {visits} ({dates}) et sur le guide d’entretien "
        "« {guide} », version {version}.",
        "en": "This monograph draws on {visits} ({dates}) and on the interview guide “{guide}”, "
        "version {version}.",
    },
    "produced_on": {
        "fr": "Document établi avec fieldkit le {date}.",
        "en": "Document produced with fieldkit on {date}.",
    },
    "one_visit": {"fr": "une visite", "en": "one visit"},
    "n_visits": {"fr": "{n} visites", "en": "{n} visits"},
    "one_initiative": {"fr": "une initiative", "en": "one initiative"},
    "n_initiatives": {"fr": "{n} initiatives", "en": "{n} initiatives"},
    "conflicts_list": {
        "fr": "Ces réponses ont été modifiées sur deux postes sans que l’un voie la modification "
        "de l’autre ; le texte en donne chaque version. Choisissez-en une dans fieldkit pour "
        "résoudre le conflit.",
        "en": "These answers were changed on two computers without either seeing the other’s "
        "change; the text gives every version. Choose one in fieldkit to resolve the conflict.",
    },
    "versions_by": {"fr": "versions de {authors}", "en": "versions by {authors}"},
    # The working file (fieldkit.export.working_file)
    "working_file": {"fr": "Dossier de travail", "en": "Working file"},
    "working_mark": {
        "fr": "Document de travail — ne pas diffuser",
        "en": "Working document — do not circulate",
    },
    "internal": {"fr": "interne", "en": "internal"},
    "note_lead": {"fr": "Note : ", "en": "Note: "},
    "document": {"fr": "Document", "en": "Document"},
    "notes": {"fr": "Notes", "en": "Notes"},
    "writing": {"fr": "Rédaction de la monographie", "en": "Writing the monograph"},
    "state_written": {
        "fr": "Rédigé par {authors} ; dernière modification le {date}.",
        "en": "Written by {authors}; last changed on {date}.",
    },
    "state_material": {
        "fr": "À rédiger : les visites ont donné de la matière.",
        "en": "To be written: the visits gave material.",
    },
    "state_empty": {"fr": "À rédiger.", "en": "To be written."},
    "consent": {"fr": "Accepte d’être nommé·e", "en": "Agrees to be named"},
    # The synthesis (fieldkit.export.synthesis, crosstab)
    "synthesis_subtitle": {
        "fr": "{initiatives} et {visits}, {period}",
        "en": "{initiatives} and {visits}, {period}",
    },
    "period": {"fr": "du {start} au {end}", "en": "from {start} to {end}"},
    "scope": {
        "fr": "Cette synthèse s’appuie sur {visits} de {initiatives}.",
        "en": "This synthesis draws on {visits} of {initiatives}.",
    },
    "left_out_one": {
        "fr": "Une visite encore en brouillon n’y figure pas, faute d’avoir été marquée "
        "terminée : {visits}.",
        "en": "One visit still in draft is left out, as it is not marked complete: {visits}.",
    },
    "left_out_many": {
        "fr": "{n} visites encore en brouillon n’y figurent pas, faute d’avoir été marquées "
        "terminées : {visits}.",
        "en": "{n} visits still in draft are left out, as they are not marked complete: {visits}.",
    },
    "all_visits_in": {
        "fr": "Toutes les visites enregistrées y figurent.",
        "en": "Every recorded visit is included.",
    },
    "total": {"fr": "Total", "en": "Total"},
    "answering": {"fr": "Initiatives ayant répondu", "en": "Initiatives answering"},
    "nothing_yet": {"fr": "Rien encore pour : {names}.", "en": "Nothing yet from: {names}."},
    "specified": {
        "fr": "Précisé : {text} ({initiative}).",
        "en": "Specified: {text} ({initiative}).",
    },
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
