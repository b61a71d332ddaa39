"""The command line's own words in French, beside the catalogue of the core's messages.

``resources/translations/messages_fr.yaml`` holds the messages written in
fieldkit's code, found there by ``tools/messages.py``. A person also reads,
on the command line, words written elsewhere: click's sentences (a missing
argument, an unknown option, the help's headings), the help of each command
and option (docstrings and ``help=``, read a paragraph at a time), and a
few core messages that name a thing by its internal word. They are keyed
the same way, by English template with ``{}`` for a value, and read by the
same :func:`fieldkit.messages.translate`.

The French is written with plain spaces; :func:`french_spacing` puts the
no-break spaces of French typography before : ; ? ! » and after «.
``tests/cli/test_language.py`` fails while a help text has no French form.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

#: Click's sentences, as click writes them in English.
CLICK = {
    "Options:": "Options :",
    "Commands:": "Commandes :",
    "Positional arguments:": "Arguments :",
    "Show this message and exit.": "Affiche cette aide et s’arrête.",
    "Show the version and exit.": "Affiche la version et s’arrête.",
    "[default: {}]": "[par défaut : {}]",
    "{}  [default: {}]": "{}  [par défaut : {}]",
    "[required]": "[obligatoire]",
    "{}  [required]": "{}  [obligatoire]",
    "Missing argument {}.": "Argument manquant : {}.",
    "Missing argument {}. Choose from:": "Argument manquant : {}. Valeurs possibles :",
    "Missing option {}.": "Option manquante : {}.",
    "Missing option {}. Choose from:": "Option manquante : {}. Valeurs possibles :",
    "Missing parameter {}.": "Paramètre manquant : {}.",
    "Missing command.": "Commande manquante.",
    "No such option {}.": "Option inconnue : {}.",
    "No such command {}.": "Commande inconnue : {}.",
    "{} Did you mean {}?": "{} Vouliez-vous dire {} ?",
    "{} (Did you mean one of: {}?)": "{} (Vouliez-vous dire l’une de celles-ci : {} ?)",
    "Got unexpected extra argument ({})": "Argument en trop : {}",
    "Got unexpected extra arguments ({})": "Arguments en trop : {}",
    "Option {} requires an argument.": "L’option {} demande une valeur.",
    "Option {} requires {} arguments.": "L’option {} demande {} valeurs.",
    "Option {} does not take a value.": "L’option {} ne prend pas de valeur.",
    "Invalid value for {}: {}": "Valeur invalide pour {} : {}",
    "Invalid value: {}": "Valeur invalide : {}",
    "{} is not {}.": "{} n’est pas {}.",
    "{} is not one of {}.": "{} ne fait pas partie des valeurs possibles : {}.",
    "{} is not a valid integer.": "{} n’est pas un nombre entier.",
    "{} is not a valid float.": "{} n’est pas un nombre.",
    "{} is not a valid boolean.": "{} ne vaut ni oui ni non.",
    "File {} does not exist.": "Le fichier {} n’existe pas.",
    "Directory {} does not exist.": "Le dossier {} n’existe pas.",
    "Path {} does not exist.": "Le chemin {} n’existe pas.",
    "File {} is a directory.": "{} est un dossier, pas un fichier.",
    "Path {} is a directory.": "{} est un dossier.",
    "Directory {} is a file.": "{} est un fichier, pas un dossier.",
    "Path {} is a file.": "{} est un fichier.",
    "File {} is not readable.": "Le fichier {} n’est pas lisible.",
    "Directory {} is not readable.": "Le dossier {} n’est pas lisible.",
    "Path {} is not readable.": "Le chemin {} n’est pas lisible.",
    "Could not open file {}: {}": "Impossible d’ouvrir le fichier {} : {}",
}

#: The help of fieldkit's commands and options, a paragraph per entry.
HELP = {
    # fieldkit
    "fieldkit: run interview guides offline, merge survey files, write monographs.": (
        "fieldkit : mener des entretiens hors ligne avec un guide, fusionner des fichiers "
        "d’enquête, écrire des monographies."
    ),
    "Language of the messages: fr or en (by default the system's, from LANG).": (
        "Langue des messages : fr ou en (par défaut celle du système, d’après LANG)."
    ),
    # a whole survey
    "Create a new survey file answered with a guide.": (
        "Crée un nouveau fichier d’enquête, à remplir avec un guide."
    ),
    "Guide file (YAML) or XLSForm workbook (.xlsx); the built-in guide by default.": (
        "Fichier de guide (YAML) ou classeur XLSForm (.xlsx) ; le guide intégré par défaut."
    ),
    "Create a demo survey: five initiatives of the workshop report, with visits.": (
        "Crée une enquête de démonstration : cinq initiatives du rapport d’atelier, "
        "avec leurs visites."
    ),
    "List initiatives and their interviews with completion.": (
        "Liste les initiatives et leurs entretiens, avec leur avancement."
    ),
    "Include what is in the trash.": "Inclut ce qui est dans la corbeille.",
    "Print the whole current state as deterministic JSON.": (
        "Affiche tout l’état actuel en JSON, toujours dans le même ordre."
    ),
    "Import a JSON dump into a survey (ids kept), as one transaction.": (
        "Importe un export JSON dans une enquête (identifiants conservés), en une seule "
        "transaction."
    ),
    "Check the file's integrity and that its tables agree with its change log.": (
        "Vérifie l’intégrité du fichier et que ses tables concordent avec son journal "
        "des modifications."
    ),
    "Recompute the readable tables and the search index from the change log.": (
        "Recalcule les tables lisibles et l’index de recherche à partir du journal des "
        "modifications."
    ),
    "Search every answer, note and quote (accents ignored, words as prefixes).": (
        "Cherche dans les réponses, les notes et les citations (sans tenir compte des "
        "accents, chaque mot comme début de mot)."
    ),
    "Most hits to show.": "Nombre maximal de résultats affichés.",
    "Show every saved version of one answer, with author, device and time.": (
        "Affiche chaque version enregistrée d’une réponse, avec son auteur, son appareil "
        "et son heure."
    ),
    'Set an answer (several VALUES for a multiple choice; "" clears it).': (
        'Donne une réponse (plusieurs VALUES pour un choix multiple ; "" l’efface).'
    ),
    "Show or set the name this installation signs its changes with.": (
        "Affiche ou change le nom dont cette installation signe ses modifications."
    ),
    # initiatives, interviews, quotes, notes, attachments, the trash
    "Initiatives: the places and projects visited.": (
        "Initiatives : les lieux et les projets visités."
    ),
    "Add an initiative; print its id.": "Ajoute une initiative ; affiche son identifiant.",
    "Territory (town, EPCI, region).": "Territoire (commune, EPCI, région).",
    "Network or supporting structure.": "Réseau ou structure d’accompagnement.",
    "Kind of initiative (a choice value of the guide).": (
        "Type d’initiative (une valeur de choix du guide)."
    ),
    "Change one field of an initiative (e.g. rename it).": (
        "Modifie un champ d’une initiative (pour la renommer, par exemple)."
    ),
    "Interviews: one visit, one conversation, one set of answers.": (
        "Entretiens : une visite, une conversation, un ensemble de réponses."
    ),
    "Start an interview of an initiative; print its id.": (
        "Commence un entretien avec une initiative ; affiche son identifiant."
    ),
    "Id of the initiative visited.": "Identifiant de l’initiative visitée.",
    "Visit date, YYYY-MM-DD (today by default).": (
        "Date de la visite, AAAA-MM-JJ (aujourd’hui par défaut)."
    ),
    "Where the interview took place.": "Lieu de l’entretien.",
    "An interviewer (repeat for several).": "Un enquêteur (à répéter s’ils sont plusieurs).",
    "Mark an interview complete, or list the required answers still missing.": (
        "Marque un entretien comme terminé, ou liste les réponses obligatoires qui manquent encore."
    ),
    "Move an initiative, interview, quote, note or attachment to the trash.": (
        "Met une initiative, un entretien, une citation, une note ou une pièce jointe à la "
        "corbeille."
    ),
    "Take an item out of the trash.": "Sort un élément de la corbeille.",
    "Verbatim quotes of the people met.": "Citations, mot pour mot, des personnes rencontrées.",
    "Add a quote to an interview; print its id.": (
        "Ajoute une citation à un entretien ; affiche son identifiant."
    ),
    "Who said it.": "Qui l’a dit.",
    "The question it answers.": "La question à laquelle elle répond.",
    "The facilitator's own notes.": "Les notes de l’animateur ou de l’animatrice.",
    "Add a note to an interview; print its id.": (
        "Ajoute une note à un entretien ; affiche son identifiant."
    ),
    "The question it is about.": "La question dont elle parle.",
    "Attach a photo or document to an interview; print its id.": (
        "Joint une photo ou un document à un entretien ; affiche son identifiant."
    ),
    "The question it illustrates.": "La question qu’elle illustre.",
    "A caption for the monograph.": "Une légende pour la monographie.",
    # between files
    "Merge files of one survey into TARGET (created when missing), all or nothing.": (
        "Fusionne des fichiers d’une même enquête dans TARGET (créé s’il n’existe pas), "
        "tout ou rien."
    ),
    "Says per file, and in total, what comes in: new initiatives, interviews, answers, "
    "quotes, notes, attachments and guides; revisions, deletions, restorations and renames; "
    "new conflicts. A file of another survey is refused, naming both surveys.": (
        "Dit, par fichier et au total, ce qui arrive : nouvelles initiatives, entretiens, "
        "réponses, citations, notes, pièces jointes et guides ; révisions, suppressions, "
        "restaurations et changements de nom ; nouveaux conflits. Un fichier d’une autre "
        "enquête est refusé, en nommant les deux enquêtes."
    ),
    "Show what would come in; write nothing.": "Montre ce qui arriverait ; n’écrit rien.",
    "Sync SURVEY with a FOLDER the team shares (USB key, Nextcloud, Syncthing).": (
        "Synchronise SURVEY avec un dossier FOLDER que l’équipe partage (clé USB, Nextcloud, "
        "Syncthing)."
    ),
    "Merges the other laptops' files of the survey found there, then writes into this "
    "laptop's own file every change the folder lacks, whoever wrote it. Files of other "
    "surveys are left alone; unreadable files are skipped with a warning and read again "
    "next time.": (
        "Fusionne les fichiers de l’enquête des autres ordinateurs qui s’y trouvent, puis "
        "écrit dans le fichier propre à cet ordinateur chaque modification qui manque au "
        "dossier, quel qu’en soit l’auteur. Les fichiers d’autres enquêtes ne sont pas "
        "touchés ; les fichiers illisibles sont ignorés avec un avertissement et relus la "
        "fois suivante."
    ),
    "Make TARGET, your file of a team's survey, from its FOLDER or from a FILE.": (
        "Crée TARGET, votre fichier de l’enquête d’une équipe, à partir de son dossier "
        "FOLDER ou d’un fichier FILE."
    ),
    "From a sync folder, every file of the survey there is merged (unreadable ones are "
    "skipped with a warning). Then sync TARGET with the folder, or merge it with your "
    "colleagues' files: it is the same survey.": (
        "Depuis un dossier de synchronisation, chaque fichier de l’enquête qui s’y trouve est "
        "fusionné (les illisibles sont ignorés avec un avertissement). Synchronisez ensuite "
        "TARGET avec le dossier, ou fusionnez-le avec les fichiers de vos collègues : c’est "
        "la même enquête."
    ),
    "The survey to join, when FOLDER holds several.": (
        "L’enquête à rejoindre, quand FOLDER en contient plusieurs."
    ),
    "Give SURVEY, made by an earlier fieldkit, its survey identity (once).": (
        "Donne à SURVEY, créé par une version antérieure de fieldkit, son identité "
        "d’enquête (une fois pour toutes)."
    ),
    "Files of one survey merge only when they carry its identity. Every copy of one old "
    "survey adopted apart gets the same one; a file that does not hold the survey's creation "
    "(a sync folder's file) takes FILE's.": (
        "Les fichiers d’une enquête ne fusionnent que s’ils portent son identité. Chaque copie "
        "d’une même ancienne enquête reçoit la même, même adoptée à part ; un fichier qui ne "
        "contient pas la création de l’enquête (un fichier de dossier de synchronisation) "
        "prend celle de FILE."
    ),
    "Take the identity of FILE, a file of the same survey.": (
        "Prend l’identité de FILE, un fichier de la même enquête."
    ),
    "List open conflicts: every value with its author, device and time.": (
        "Liste les conflits en attente : chaque valeur avec son auteur, son appareil et son heure."
    ),
    "End a conflict: --keep CHANGE, or --value VALUE… (a combined text, say).": (
        "Met fin à un conflit : --keep CHANGE, ou --value VALUE… (un texte qui réunit les "
        "deux, par exemple)."
    ),
    "Keep this value (its change id).": ("Garde cette valeur (l’identifiant de sa modification)."),
    "Write the VALUES given instead.": "Écrit à la place les VALUES données.",
    # guides
    "Interview guides.": "Guides d’entretien.",
    "Validate a guide file or an XLSForm workbook and report every problem at once.": (
        "Valide un fichier de guide ou un classeur XLSForm et signale tous les problèmes d’un coup."
    ),
    "Convert an XLSForm workbook (ODK, KoboToolbox) to a fieldkit guide.": (
        "Convertit un classeur XLSForm (ODK, KoboToolbox) en guide fieldkit."
    ),
    "Write the guide to this YAML file (printed on stdout without it).": (
        "Écrit le guide dans ce fichier YAML (affiché sur la sortie standard sans elle)."
    ),
    "Write a guide as an XLSForm for ODK Collect or KoboCollect.": (
        "Écrit un guide en XLSForm pour ODK Collect ou KoboCollect."
    ),
    "The built-in guide without GUIDE_PATH. Importing the workbook gives the same guide back.": (
        "Le guide intégré sans GUIDE_PATH. Importer le classeur redonne le même guide."
    ),
    "The XLSForm workbook to write (.xlsx).": "Le classeur XLSForm à écrire (.xlsx).",
    "Print a guide's outline (the built-in guide without GUIDE_PATH).": (
        "Affiche le plan d’un guide (le guide intégré sans GUIDE_PATH)."
    ),
    "Print the guide as JSON.": "Affiche le guide en JSON.",
    "Language of the guide's texts.": "Langue des textes du guide.",
    # exports
    "Write monographs, working files, the synthesis, tables and other exports.": (
        "Écrit les monographies, les dossiers de travail, la synthèse, les tableaux et les "
        "autres exports."
    ),
    "File to write (replaced only once the export has succeeded).": (
        "Fichier à écrire (remplacé seulement une fois l’export réussi)."
    ),
    "Language of the document.": "Langue du document.",
    "Name nobody met (each goes by their pseudonym) and leave out e-mail addresses and "
    "phone numbers. People who did not agree to be named never are, with or without it.": (
        "Ne nomme aucune personne rencontrée (chacune est désignée par son pseudonyme) et "
        "laisse de côté adresses électroniques et numéros de téléphone. Les personnes qui "
        "n’ont pas accepté d’être nommées ne le sont jamais, avec ou sans cette option."
    ),
    "Word template (.docx or .dotx) whose styles the document takes.": (
        "Modèle Word (.docx ou .dotx) dont le document prend les styles."
    ),
    "Include visits not yet marked complete.": (
        "Inclut les visites pas encore marquées comme terminées."
    ),
    "Id of the initiative.": "Identifiant de l’initiative.",
    "Write the monograph of one initiative (.docx).": (
        "Écrit la monographie d’une initiative (.docx)."
    ),
    "Write the working file of one initiative (.docx): every answer of every visit.": (
        "Écrit le dossier de travail d’une initiative (.docx) : chaque réponse de chaque visite."
    ),
    "Write the synthesis of all initiatives, axis by axis (.docx).": (
        "Écrit la synthèse de toutes les initiatives, axe par axe (.docx)."
    ),
    "Write one row per interview (.csv); other lists go in files beside it.": (
        "Écrit une ligne par entretien (.csv) ; les autres listes vont dans des fichiers à côté."
    ),
    "A text cell that starts with = + - @ or ' gets one more ' in front, so that no "
    "spreadsheet runs it as a formula.": (
        "Une cellule de texte qui commence par = + - @ ou ' reçoit un ' de plus devant, "
        "pour qu’aucun tableur ne l’exécute comme une formule."
    ),
    "For a French Excel or LibreOffice: semicolons, decimal comma, UTF-8 mark, labels as "
    "header (without it: commas, decimal point, question ids as header).": (
        "Pour un Excel ou un LibreOffice en français : points-virgules, virgule décimale, "
        "marque UTF-8, libellés en en-tête (sans elle : virgules, point décimal, "
        "identifiants des questions en en-tête)."
    ),
    "Write an Excel workbook: one row per interview, other lists as sheets.": (
        "Écrit un classeur Excel : une ligne par entretien, les autres listes en feuilles."
    ),
    "Write the survey's content as JSON, as its people allow.": (
        "Écrit le contenu de l’enquête en JSON, comme ses personnes le permettent."
    ),
    "The form of `fieldkit dump`, without the names of people who did not agree to be "
    "named (with --pseudonymize, of anyone met) and the quotes and photos they did not "
    "agree to.": (
        "La forme de `fieldkit dump`, sans les noms des personnes qui n’ont pas accepté "
        "d’être nommées (avec --pseudonymize, d’aucune personne rencontrée) ni les citations "
        "et photos qu’elles n’ont pas acceptées."
    ),
    "Write a REFI-QDA project (.qdpx) for NVivo, ATLAS.ti, MAXQDA or QualCoder.": (
        "Écrit un projet REFI-QDA (.qdpx) pour NVivo, ATLAS.ti, MAXQDA ou QualCoder."
    ),
    # the monograph
    'Write the text of one section of an initiative\'s monograph ("" clears it).': (
        'Écrit le texte d’une section de la monographie d’une initiative ("" l’efface).'
    ),
    "Id of the section of the monograph's outline (`fieldkit outline` lists them).": (
        "Identifiant de la section du plan de la monographie (`fieldkit outline` les liste)."
    ),
    'The section\'s text (Markdown: **bold**, *italic*, "- " lists).': (
        'Le texte de la section (Markdown : **gras**, *italique*, listes en "- ").'
    ),
    "Read the text from a UTF-8 file ('-': standard input).": (
        "Lit le texte dans un fichier UTF-8 ('-' : l’entrée standard)."
    ),
    "Print the outline of an initiative's monograph with the state of each section.": (
        "Affiche le plan de la monographie d’une initiative, avec l’état de chaque section."
    ),
    "Language of the outline.": "Langue du plan.",
    # privacy
    "Check that exported files name nobody they must not.": (
        "Vérifie que des fichiers exportés ne nomment personne qu’ils ne doivent pas nommer."
    ),
    "Look in FILES (.docx, .xlsx, .csv, .json, .qdpx…) for the survey's people.": (
        "Cherche les personnes de l’enquête dans FILES (.docx, .xlsx, .csv, .json, .qdpx…)."
    ),
    "Every part of a file is read: its text, XML parts, document properties, file names and "
    "the metadata of embedded pictures. Without --named, any name of a person met, e-mail "
    "address or phone number of the survey is a leak; with it, only the names of people who "
    "did not agree to be named. Each leak is printed with where it is; the exit status is 1 "
    "if any.": (
        "Chaque partie d’un fichier est lue : son texte, ses parties XML, les propriétés du "
        "document, les noms de fichiers et les métadonnées des images incluses. Sans --named, "
        "tout nom d’une personne rencontrée, toute adresse électronique ou tout numéro de "
        "téléphone de l’enquête est une fuite ; avec, seuls les noms des personnes qui n’ont "
        "pas accepté d’être nommées. Chaque fuite est affichée avec l’endroit où elle se "
        "trouve ; le code de sortie vaut 1 s’il y en a."
    ),
    "The files may name the people who agreed to be named (exports made without --pseudonymize).": (
        "Les fichiers peuvent nommer les personnes qui ont accepté d’être nommées (exports "
        "faits sans --pseudonymize)."
    ),
}

#: Core messages that name a thing by its internal word, said in words.
ITEMS = {
    "{}: no initiative with id {}": "{} : aucune initiative n’a l’identifiant {}",
    "{}: no interview with id {}": "{} : aucun entretien n’a l’identifiant {}",
    "{}: no row with id {}": "{} : aucune fiche n’a l’identifiant {}",
    "{}: no quote with id {}": "{} : aucune citation n’a l’identifiant {}",
    "{}: no note with id {}": "{} : aucune note n’a l’identifiant {}",
    "{}: no attachment with id {}": "{} : aucune pièce jointe n’a l’identifiant {}",
}

NBSP = "\u00a0"
#: A space French typography keeps from breaking: before a high mark, inside « ».
_BREAKABLE = re.compile(r" (?=[:;?!»])|(?<=«) ")


def french_spacing(entries: Mapping[str, str]) -> dict[str, str]:
    """``entries`` with French forms spaced as French is printed (no-break spaces)."""
    return {english: _BREAKABLE.sub(NBSP, french) for english, french in entries.items()}
