"""Click's own sentences in French, beside the catalogue of fieldkit's messages.

``resources/translations/messages_fr.yaml`` holds the messages written in
fieldkit's code and the help of every command and option, found there by
``tools/messages.py``. A person also reads, on the command line, sentences
that click writes (a missing argument, an unknown option, the help's
headings): they are keyed the same way, by English template with ``{}`` for
a value, and read by the same :func:`fieldkit.messages.translate`.

The French is written with plain spaces; :func:`french_spacing` puts the
no-break spaces of French typography before : ; ? ! » and after «.
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

NBSP = "\u00a0"
#: A space French typography keeps from breaking: before a high mark, inside « ».
_BREAKABLE = re.compile(r" (?=[:;?!»])|(?<=«) ")


def french_spacing(entries: Mapping[str, str]) -> dict[str, str]:
    """``entries`` with French forms spaced as French is printed (no-break spaces)."""
    return {english: _BREAKABLE.sub(NBSP, french) for english, french in entries.items()}
