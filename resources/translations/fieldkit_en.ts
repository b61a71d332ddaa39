<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="fr">
<context>
    <name>DateEditor</name>
    <message>
        <source>pas encore de date</source>
        <translation>no date yet</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Historique de la réponse</source>
        <translation>Answer history</translation>
    </message>
    <message>
        <source>Restaurer une version l’enregistre comme nouvelle version : la version actuelle reste dans l’historique.</source>
        <translation>Restoring a version saves it as a new version: the current version stays in the history.</translation>
    </message>
    <message>
        <source>Restaurer cette version</source>
        <translation>Restore this version</translation>
    </message>
</context>
<context>
    <name>InitiativeDialog</name>
    <message>
        <source>Nouvelle initiative</source>
        <translation>New initiative</translation>
    </message>
</context>
<context>
    <name>InitiativeFields</name>
    <message>
        <source>&amp;Nom de l’initiative</source>
        <translation>&amp;Name of the initiative</translation>
    </message>
    <message>
        <source>&amp;Territoire</source>
        <translation>&amp;Territory</translation>
    </message>
    <message>
        <source>&amp;Réseau ou structure d’accompagnement</source>
        <translation>Network or &amp;supporting organisation</translation>
    </message>
    <message>
        <source>T&amp;ype d’initiative</source>
        <translation>&amp;Kind of initiative</translation>
    </message>
</context>
<context>
    <name>InterviewDialog</name>
    <message>
        <source>Nouvel entretien</source>
        <translation>New interview</translation>
    </message>
    <message>
        <source>Nouvelle initiative…</source>
        <translation>New initiative…</translation>
    </message>
    <message>
        <source>&amp;Initiative</source>
        <translation>&amp;Initiative</translation>
    </message>
    <message>
        <source>Nouvelle initiative</source>
        <translation>New initiative</translation>
    </message>
    <message>
        <source>Séparez les noms par des virgules.</source>
        <translation>Separate names with commas.</translation>
    </message>
    <message>
        <source>&amp;Date de la visite</source>
        <translation>Visit &amp;date</translation>
    </message>
    <message>
        <source>&amp;Lieu</source>
        <translation>&amp;Place</translation>
    </message>
    <message>
        <source>&amp;Enquêteurs</source>
        <translation>Inter&amp;viewers</translation>
    </message>
    <message>
        <source>Ajouter une personne</source>
        <translation>Add a person</translation>
    </message>
    <message>
        <source>Commencer l’entretien</source>
        <translation>Start the interview</translation>
    </message>
</context>
<context>
    <name>InterviewView</name>
    <message>
        <source>Revenir à la liste des entretiens</source>
        <translation>Back to the list of interviews</translation>
    </message>
    <message>
        <source>Visite du %1</source>
        <translation>Visit of %1</translation>
    </message>
    <message>
        <source>Terminé</source>
        <translation>Complete</translation>
    </message>
    <message>
        <source>Brouillon</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>Impossible d’enregistrer cette modification</source>
        <translation>This change could not be saved</translation>
    </message>
    <message>
        <source>Cette réponse ne respecte pas la règle du guide.</source>
        <translation>This answer does not follow the interview guide’s rule.</translation>
    </message>
    <message>
        <source>Réponse non enregistrée : %1</source>
        <translation>Answer not saved: %1</translation>
    </message>
    <message>
        <source>Impossible d’ajouter la citation</source>
        <translation>The quote could not be added</translation>
    </message>
    <message>
        <source>Joindre des photos ou des documents</source>
        <translation>Attach photos or documents</translation>
    </message>
    <message>
        <source>Impossible de joindre ce fichier</source>
        <translation>This file could not be attached</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Nouvelle enquête…</source>
        <translation>&amp;New survey…</translation>
    </message>
    <message>
        <source>&amp;Ouvrir une enquête…</source>
        <translation>&amp;Open a survey…</translation>
    </message>
    <message>
        <source>Ouvrir la &amp;démo</source>
        <translation>Open the &amp;demo</translation>
    </message>
    <message>
        <source>&amp;Fermer l’enquête</source>
        <translation>&amp;Close the survey</translation>
    </message>
    <message>
        <source>&amp;Réglages…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>&amp;Quitter</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Liste des entretiens</source>
        <translation>&amp;List of interviews</translation>
    </message>
    <message>
        <source>&amp;Nouvel entretien…</source>
        <translation>&amp;New interview…</translation>
    </message>
    <message>
        <source>Nouvelle &amp;initiative…</source>
        <translation>New &amp;initiative…</translation>
    </message>
    <message>
        <source>&amp;Rechercher…</source>
        <translation>&amp;Search…</translation>
    </message>
    <message>
        <source>Section &amp;suivante</source>
        <translation>&amp;Next section</translation>
    </message>
    <message>
        <source>Section &amp;précédente</source>
        <translation>&amp;Previous section</translation>
    </message>
    <message>
        <source>&amp;Question suivante</source>
        <translation>Next &amp;question</translation>
    </message>
    <message>
        <source>&amp;Citation…</source>
        <translation>Q&amp;uote…</translation>
    </message>
    <message>
        <source>&amp;Joindre un fichier…</source>
        <translation>&amp;Attach a file…</translation>
    </message>
    <message>
        <source>&amp;Historique de la réponse…</source>
        <translation>Answer &amp;history…</translation>
    </message>
    <message>
        <source>&amp;Marquer comme terminé</source>
        <translation>&amp;Mark as complete</translation>
    </message>
    <message>
        <source>Repasser en &amp;brouillon</source>
        <translation>Back to &amp;draft</translation>
    </message>
    <message>
        <source>&amp;Panneau latéral</source>
        <translation>Side &amp;panel</translation>
    </message>
    <message>
        <source>&amp;Raccourcis clavier</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <source>À &amp;propos de fieldkit</source>
        <translation>&amp;About fieldkit</translation>
    </message>
    <message>
        <source>&amp;Fichier</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Ouvertes &amp;récemment</source>
        <translation>Open &amp;recent</translation>
    </message>
    <message>
        <source>&amp;Enquête</source>
        <translation>&amp;Survey</translation>
    </message>
    <message>
        <source>E&amp;ntretien</source>
        <translation>&amp;Interview</translation>
    </message>
    <message>
        <source>&amp;Aide</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>En-tête</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Ctrl+K citation · F1 raccourcis</source>
        <translation>Ctrl+K quote · F1 shortcuts</translation>
    </message>
    <message>
        <source>Impossible d’ouvrir ce fichier</source>
        <translation>This file cannot be opened</translation>
    </message>
    <message>
        <source>Enquête : %1</source>
        <translation>Survey: %1</translation>
    </message>
    <message>
        <source>Impossible de créer l’enquête</source>
        <translation>The survey could not be created</translation>
    </message>
    <message>
        <source>Ouvrir une enquête</source>
        <translation>Open a survey</translation>
    </message>
    <message>
        <source>Enquêtes fieldkit (*.fieldkit);;Tous les fichiers (*)</source>
        <translation>fieldkit surveys (*.fieldkit);;All files (*)</translation>
    </message>
    <message>
        <source>Impossible de créer la démo</source>
        <translation>The demo could not be created</translation>
    </message>
    <message>
        <source>Impossible de commencer l’entretien</source>
        <translation>The interview could not be started</translation>
    </message>
    <message>
        <source>Impossible d’ajouter l’initiative</source>
        <translation>The initiative could not be added</translation>
    </message>
    <message>
        <source>Citation</source>
        <translation>Quote</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Pièce jointe</source>
        <translation>Attachment</translation>
    </message>
    <message>
        <source>Initiative</source>
        <translation>Initiative</translation>
    </message>
    <message>
        <source>Lieu de la visite</source>
        <translation>Place of the visit</translation>
    </message>
    <message>
        <source>Terminé</source>
        <translation>Complete</translation>
    </message>
    <message>
        <source>Brouillon</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>%1 réponse</source>
        <translation>%1 answer</translation>
    </message>
    <message>
        <source>%1 réponses</source>
        <translation>%1 answers</translation>
    </message>
    <message>
        <source>Enregistrement…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Enregistré à %1</source>
        <translation>Saved at %1</translation>
    </message>
    <message>
        <source>⚠ %1 conflit</source>
        <translation>⚠ %1 conflict</translation>
    </message>
    <message>
        <source>⚠ %1 conflits</source>
        <translation>⚠ %1 conflicts</translation>
    </message>
    <message>
        <source>Impossible d’enregistrer votre nom</source>
        <translation>Your name could not be saved</translation>
    </message>
    <message>
        <source>À propos de fieldkit</source>
        <translation>About fieldkit</translation>
    </message>
    <message>
        <source>fieldkit %1 — des entretiens de terrain hors ligne, pour les visites apprenantes de l’économie sociale et solidaire.</source>
        <translation>fieldkit %1 — offline field interviews, for the learning visits of the social and solidarity economy.</translation>
    </message>
</context>
<context>
    <name>MissingAnswersDialog</name>
    <message>
        <source>Réponses obligatoires manquantes</source>
        <translation>Required answers missing</translation>
    </message>
    <message>
        <source>L’entretien ne peut pas encore être marqué comme terminé : ces questions obligatoires n’ont pas de réponse.</source>
        <translation>The interview cannot be marked as complete yet: these required questions have no answer.</translation>
    </message>
    <message>
        <source>Aller à la question</source>
        <translation>Go to the question</translation>
    </message>
</context>
<context>
    <name>NewSurveyDialog</name>
    <message>
        <source>Nouvelle enquête</source>
        <translation>New survey</translation>
    </message>
    <message>
        <source>par exemple : visites-2026</source>
        <translation>for example: visits-2026</translation>
    </message>
    <message>
        <source>&amp;Nom du fichier</source>
        <translation>File &amp;name</translation>
    </message>
    <message>
        <source>Parcourir…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>&amp;Dossier</source>
        <translation>&amp;Folder</translation>
    </message>
    <message>
        <source>Guide intégré : « Monographie d’initiative »</source>
        <translation>Built-in guide: “Initiative monograph”</translation>
    </message>
    <message>
        <source>Un guide enregistré sur le disque :</source>
        <translation>An interview guide saved on disk:</translation>
    </message>
    <message>
        <source>fichier .yaml</source>
        <translation>.yaml file</translation>
    </message>
    <message>
        <source>Choisir…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Créer l’enquête</source>
        <translation>Create the survey</translation>
    </message>
    <message>
        <source>Dossier de l’enquête</source>
        <translation>Folder of the survey</translation>
    </message>
    <message>
        <source>Choisir un guide d’entretien</source>
        <translation>Choose an interview guide</translation>
    </message>
    <message>
        <source>Guides (*.yaml *.yml)</source>
        <translation>Interview guides (*.yaml *.yml)</translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>OverviewModel</name>
    <message>
        <source>Initiative / visite</source>
        <translation>Initiative / visit</translation>
    </message>
    <message>
        <source>Territoire / lieu</source>
        <translation>Territory / place</translation>
    </message>
    <message>
        <source>Enquêteurs</source>
        <translation>Interviewers</translation>
    </message>
    <message>
        <source>Statut</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Complétude</source>
        <translation>Completion</translation>
    </message>
    <message>
        <source>Dernière modification</source>
        <translation>Last change</translation>
    </message>
    <message>
        <source>%1 visite</source>
        <translation>%1 visit</translation>
    </message>
    <message>
        <source>%1 visites</source>
        <translation>%1 visits</translation>
    </message>
    <message>
        <source>Terminé</source>
        <translation>Complete</translation>
    </message>
    <message>
        <source>Brouillon</source>
        <translation>Draft</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Filtrer les initiatives et les visites…</source>
        <translation>Filter initiatives and visits…</translation>
    </message>
    <message>
        <source>Nouvel entretien…</source>
        <translation>New interview…</translation>
    </message>
    <message>
        <source>Commencer un entretien (Ctrl+N)</source>
        <translation>Start an interview (Ctrl+N)</translation>
    </message>
    <message>
        <source>Nouvelle initiative…</source>
        <translation>New initiative…</translation>
    </message>
    <message>
        <source>Corbeille</source>
        <translation>Trash</translation>
    </message>
    <message>
        <source>Montrer ce qui a été mis à la corbeille, pour le restaurer</source>
        <translation>Show what was moved to the trash, to restore it</translation>
    </message>
    <message>
        <source>Mettre à la corbeille</source>
        <translation>Move to trash</translation>
    </message>
    <message>
        <source>Corbeille : restaurez un élément avec Entrée.</source>
        <translation>Trash: restore an item with Enter.</translation>
    </message>
    <message>
        <source>%1 initiative</source>
        <translation>%1 initiative</translation>
    </message>
    <message>
        <source>%1 initiatives</source>
        <translation>%1 initiatives</translation>
    </message>
    <message>
        <source>%1 entretien</source>
        <translation>%1 interview</translation>
    </message>
    <message>
        <source>%1 entretiens</source>
        <translation>%1 interviews</translation>
    </message>
    <message>
        <source>Restaurer</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>Ouvrir l’entretien</source>
        <translation>Open the interview</translation>
    </message>
    <message>
        <source>Nouvel entretien pour cette initiative…</source>
        <translation>New interview for this initiative…</translation>
    </message>
    <message>
        <source>Renommer</source>
        <translation>Rename</translation>
    </message>
    <message>
        <source>Impossible de renommer l’initiative</source>
        <translation>The initiative could not be renamed</translation>
    </message>
    <message>
        <source>Impossible de mettre à la corbeille</source>
        <translation>This could not be moved to the trash</translation>
    </message>
    <message>
        <source>Impossible de restaurer</source>
        <translation>This could not be restored</translation>
    </message>
</context>
<context>
    <name>QuestionWidget</name>
    <message>
        <source>Réponse obligatoire</source>
        <translation>Required answer</translation>
    </message>
    <message>
        <source>Historique</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Versions précédentes de cette réponse (Ctrl+H)</source>
        <translation>Earlier versions of this answer (Ctrl+H)</translation>
    </message>
</context>
<context>
    <name>QuoteDialog</name>
    <message>
        <source>Nouvelle citation</source>
        <translation>New quote</translation>
    </message>
    <message>
        <source>Les mots exacts de la personne…</source>
        <translation>The person’s exact words…</translation>
    </message>
    <message>
        <source>&amp;Citation</source>
        <translation>&amp;Quote</translation>
    </message>
    <message>
        <source>Qui parle ?</source>
        <translation>Who is speaking?</translation>
    </message>
    <message>
        <source>&amp;Personne</source>
        <translation>&amp;Person</translation>
    </message>
    <message>
        <source>Rattacher à la question « %1 »</source>
        <translation>Attach to the question “%1”</translation>
    </message>
    <message>
        <source>Ajouter la citation</source>
        <translation>Add the quote</translation>
    </message>
</context>
<context>
    <name>RepeatEditor</name>
    <message>
        <source>Aucune ligne pour l’instant.</source>
        <translation>No rows yet.</translation>
    </message>
    <message>
        <source>Ajouter une ligne</source>
        <translation>Add a row</translation>
    </message>
    <message>
        <source>Retirer cette ligne</source>
        <translation>Remove this row</translation>
    </message>
</context>
<context>
    <name>RevisionsModel</name>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Auteur</source>
        <translation>Author</translation>
    </message>
    <message>
        <source>Enregistrée le</source>
        <translation>Saved on</translation>
    </message>
    <message>
        <source>(sans réponse)</source>
        <translation>(no answer)</translation>
    </message>
    <message>
        <source>%1 (actuelle)</source>
        <translation>%1 (current)</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <source>Rechercher… (Ctrl+F)</source>
        <translation>Search… (Ctrl+F)</translation>
    </message>
</context>
<context>
    <name>SectionListModel</name>
    <message>
        <source>%1 sur %2 questions répondues</source>
        <translation>%1 of %2 questions answered</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Réglages</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>&amp;Votre nom</source>
        <translation>Your &amp;name</translation>
    </message>
    <message>
        <source>Vos réponses et vos modifications sont signées de ce nom.</source>
        <translation>Your answers and changes are signed with this name.</translation>
    </message>
    <message>
        <source>&amp;Langue</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>Parcourir…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>&amp;Dossier des enquêtes</source>
        <translation>Surveys &amp;folder</translation>
    </message>
    <message>
        <source>Dossier des enquêtes</source>
        <translation>Surveys folder</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Raccourcis clavier</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Touches</source>
        <translation>Keys</translation>
    </message>
</context>
<context>
    <name>SidePanel</name>
    <message>
        <source>Glissez ici des photos ou des documents.</source>
        <translation>Drop photos or documents here.</translation>
    </message>
    <message>
        <source>Personnes rencontrées</source>
        <translation>People met</translation>
    </message>
    <message>
        <source>Personne pour l’instant.</source>
        <translation>Nobody yet.</translation>
    </message>
    <message>
        <source>Citations (%1)</source>
        <translation>Quotes (%1)</translation>
    </message>
    <message>
        <source>Pièces jointes (%1)</source>
        <translation>Attachments (%1)</translation>
    </message>
    <message>
        <source>Ouvrir</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Mettre à la corbeille</source>
        <translation>Move to trash</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Des entretiens de terrain, sans réseau : chaque mot est enregistré.</source>
        <translation>Field interviews, without a network: every word is saved.</translation>
    </message>
    <message>
        <source>Nouvelle enquête…</source>
        <translation>New survey…</translation>
    </message>
    <message>
        <source>Ouvrir une enquête…</source>
        <translation>Open a survey…</translation>
    </message>
    <message>
        <source>Ouvrir la démo</source>
        <translation>Open the demo</translation>
    </message>
    <message>
        <source>Créer un fichier d’enquête (Ctrl+Maj+N)</source>
        <translation>Create a survey file (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <source>Ouvrir un fichier .fieldkit (Ctrl+O)</source>
        <translation>Open a .fieldkit file (Ctrl+O)</translation>
    </message>
    <message>
        <source>Cinq initiatives de l’atelier de 2019, pour essayer sans rien risquer</source>
        <translation>Five initiatives from the 2019 workshop, to try things out safely</translation>
    </message>
    <message>
        <source>Ouvertes récemment</source>
        <translation>Recently opened</translation>
    </message>
</context>
</TS>
