<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="fr">
<context>
    <name>Banner</name>
    <message>
        <source>Fermer ce message</source>
        <translation>Close this message</translation>
    </message>
</context>
<context>
    <name>Captures</name>
    <message>
        <source>Impossible d’ajouter la citation</source>
        <translation>The quote could not be added</translation>
    </message>
    <message>
        <source>Impossible de modifier la citation</source>
        <translation>Could not change the quote</translation>
    </message>
    <message>
        <source>Joindre des photos ou des documents</source>
        <translation>Attach photos or documents</translation>
    </message>
    <message>
        <source>Impossible de joindre ce fichier</source>
        <translation>This file could not be attached</translation>
    </message>
    <message>
        <source>Impossible de mettre à la corbeille</source>
        <translation>This could not be moved to the trash</translation>
    </message>
</context>
<context>
    <name>ConflictDetail</name>
    <message>
        <source>Deux personnes ont modifié ce champ sans voir la modification de l’autre. Gardez une version, ou écrivez une version combinée : rien n’est perdu, chaque version reste dans l’historique.</source>
        <translation>Two people changed this field without seeing each other’s change. Keep one version, or write a combined one: nothing is lost, every version stays in the history.</translation>
    </message>
    <message>
        <source>Ou écrivez une version combinée :</source>
        <translation>Or write a combined version:</translation>
    </message>
    <message>
        <source>Enregistrer la version combinée</source>
        <translation>Save the combined version</translation>
    </message>
    <message>
        <source>Cette réponse ne se combine pas : gardez une version, puis modifiez-la dans l’entretien si besoin.</source>
        <translation>This answer cannot be combined: keep one version, then change it in the interview if needed.</translation>
    </message>
    <message>
        <source>(sans réponse)</source>
        <translation>(no answer)</translation>
    </message>
    <message>
        <source>Version commune antérieure (%1, %2) : « %3 »</source>
        <translation>Common earlier version (%1, %2): “%3”</translation>
    </message>
    <message>
        <source>auteur inconnu</source>
        <translation>unknown author</translation>
    </message>
</context>
<context>
    <name>ConflictPanel</name>
    <message>
        <source>cet ordinateur</source>
        <translation>this computer</translation>
    </message>
    <message>
        <source>auteur inconnu</source>
        <translation>unknown author</translation>
    </message>
    <message>
        <source>l’ordinateur de %1</source>
        <translation>%1’s computer</translation>
    </message>
    <message>
        <source>Conflits — %1</source>
        <translation>Conflicts — %1</translation>
    </message>
    <message>
        <source>Fermer (Échap)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>Le panneau se rouvre par le nombre de conflits, en bas de la fenêtre.</source>
        <translation>The panel opens again from the number of conflicts, at the bottom of the window.</translation>
    </message>
    <message>
        <source>%1 conflit ouvert</source>
        <translation>%1 open conflict</translation>
    </message>
    <message>
        <source>%1 conflits ouverts</source>
        <translation>%1 open conflicts</translation>
    </message>
    <message>
        <source>Aucun conflit ouvert : tout est réglé.</source>
        <translation>No open conflict: everything is settled.</translation>
    </message>
    <message>
        <source>Impossible de régler ce conflit</source>
        <translation>Could not resolve this conflict</translation>
    </message>
</context>
<context>
    <name>ConflictReader</name>
    <message>
        <source>%1 (dans une liste)</source>
        <translation>%1 (in a list)</translation>
    </message>
    <message>
        <source>%1 de l’initiative</source>
        <translation>%1 of the initiative</translation>
    </message>
    <message>
        <source>Monographie · %1</source>
        <translation>Monograph · %1</translation>
    </message>
    <message>
        <source>visite du %1</source>
        <translation>visit of %1</translation>
    </message>
    <message>
        <source>Nom</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Territoire</source>
        <translation>Territory</translation>
    </message>
    <message>
        <source>Réseau</source>
        <translation>Network</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Date de la visite</source>
        <translation>Date of the visit</translation>
    </message>
    <message>
        <source>Lieu de la visite</source>
        <translation>Place of the visit</translation>
    </message>
    <message>
        <source>Enquêteurs</source>
        <translation>Interviewers</translation>
    </message>
    <message>
        <source>État de l’entretien</source>
        <translation>Status of the interview</translation>
    </message>
    <message>
        <source>Texte</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Légende</source>
        <translation>Caption</translation>
    </message>
    <message>
        <source>Personne citée</source>
        <translation>Person quoted</translation>
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
        <source>Personne rencontrée</source>
        <translation>Person met</translation>
    </message>
</context>
<context>
    <name>DateEditor</name>
    <message>
        <source>pas encore de date</source>
        <translation>no date yet</translation>
    </message>
</context>
<context>
    <name>Exchange</name>
    <message>
        <source>&amp;Fusionner des fichiers…</source>
        <translation>&amp;Merge files…</translation>
    </message>
    <message>
        <source>S&amp;ynchroniser avec un dossier…</source>
        <translation>S&amp;ync with a folder…</translation>
    </message>
    <message>
        <source>Changer le &amp;dossier de synchronisation…</source>
        <translation>Change the sync &amp;folder…</translation>
    </message>
    <message>
        <source>Re&amp;joindre une enquête…</source>
        <translation>&amp;Join a survey…</translation>
    </message>
    <message>
        <source>&amp;Conflits…</source>
        <translation>&amp;Conflicts…</translation>
    </message>
    <message>
        <source>Fusionner…</source>
        <translation>Merge…</translation>
    </message>
    <message>
        <source>Synchroniser</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Dossier de synchronisation…</source>
        <translation>Sync folder…</translation>
    </message>
    <message>
        <source>Rejoindre…</source>
        <translation>Join…</translation>
    </message>
    <message>
        <source>Conflits…</source>
        <translation>Conflicts…</translation>
    </message>
    <message>
        <source>Fusionner des fichiers</source>
        <translation>Merge files</translation>
    </message>
    <message>
        <source>Enquêtes fieldkit (*.fieldkit)</source>
        <translation>fieldkit surveys (*.fieldkit)</translation>
    </message>
    <message>
        <source>Lecture des fichiers à fusionner…</source>
        <translation>Reading the files to merge…</translation>
    </message>
    <message>
        <source>Impossible de lire ces fichiers</source>
        <translation>Could not read these files</translation>
    </message>
    <message>
        <source>Fusion de %1 fichier…</source>
        <translation>Merging %1 file…</translation>
    </message>
    <message>
        <source>Fusion de %1 fichiers…</source>
        <translation>Merging %1 files…</translation>
    </message>
    <message>
        <source>La fusion n’a pas eu lieu</source>
        <translation>The merge did not happen</translation>
    </message>
    <message>
        <source>Fusion annulée : l’enquête n’a pas changé.</source>
        <translation>Merge cancelled: the survey has not changed.</translation>
    </message>
    <message>
        <source>Le dossier « %1 » est introuvable : choisissez le dossier</source>
        <translation>The folder “%1” cannot be found: choose the folder</translation>
    </message>
    <message>
        <source>Choisir le dossier de synchronisation</source>
        <translation>Choose the sync folder</translation>
    </message>
    <message>
        <source>Synchronisation avec « %1 »…</source>
        <translation>Syncing with “%1”…</translation>
    </message>
    <message>
        <source>La synchronisation n’a pas eu lieu</source>
        <translation>The sync did not happen</translation>
    </message>
    <message>
        <source>Synchronisation annulée : rien n’a été reçu.</source>
        <translation>Sync cancelled: nothing was received.</translation>
    </message>
    <message>
        <source>Synchronisé avec « %1 » : rien de nouveau.</source>
        <translation>Synced with “%1”: nothing new.</translation>
    </message>
    <message>
        <source>La nouvelle enquête n’a pas été créée</source>
        <translation>The new survey was not created</translation>
    </message>
    <message>
        <source>Un fichier « %1 » existe déjà.</source>
        <translation>A file “%1” already exists.</translation>
    </message>
    <message>
        <source>Lecture de l’enquête de l’équipe…</source>
        <translation>Reading the team’s survey…</translation>
    </message>
</context>
<context>
    <name>ExportCommands</name>
    <message>
        <source>&amp;Exporter…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <source>Exporter pour l’analyse &amp;qualitative (.qdpx)…</source>
        <translation>Export for &amp;qualitative analysis (.qdpx)…</translation>
    </message>
    <message>
        <source>Monographie – %1</source>
        <translation>Monograph – %1</translation>
    </message>
    <message>
        <source>Dossier de travail – %1</source>
        <translation>Working file – %1</translation>
    </message>
    <message>
        <source>Synthèse – %1</source>
        <translation>Synthesis – %1</translation>
    </message>
    <message>
        <source>Documents Word (*.docx)</source>
        <translation>Word documents (*.docx)</translation>
    </message>
    <message>
        <source>Classeurs Excel (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>Fichiers CSV (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>Fichiers JSON (*.json)</source>
        <translation>JSON files (*.json)</translation>
    </message>
    <message>
        <source>Projets REFI-QDA (*.qdpx)</source>
        <translation>REFI-QDA projects (*.qdpx)</translation>
    </message>
    <message>
        <source>Exporter vers…</source>
        <translation>Export to…</translation>
    </message>
    <message>
        <source>Écriture de la monographie…</source>
        <translation>Writing the monograph…</translation>
    </message>
    <message>
        <source>Écriture du dossier de travail…</source>
        <translation>Writing the working file…</translation>
    </message>
    <message>
        <source>Écriture de la synthèse…</source>
        <translation>Writing the synthesis…</translation>
    </message>
    <message>
        <source>Écriture du tableau…</source>
        <translation>Writing the table…</translation>
    </message>
    <message>
        <source>Écriture des données…</source>
        <translation>Writing the data…</translation>
    </message>
    <message>
        <source>Écriture du projet d’analyse qualitative…</source>
        <translation>Writing the qualitative analysis project…</translation>
    </message>
    <message>
        <source>Impossible d’exporter</source>
        <translation>Cannot export</translation>
    </message>
    <message>
        <source>Aucun programme n’a pu ouvrir ce fichier</source>
        <translation>No program could open this file</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Exporter — %1</source>
        <translation>Export — %1</translation>
    </message>
    <message>
        <source>Que voulez-vous exporter ?</source>
        <translation>What do you want to export?</translation>
    </message>
    <message>
        <source>Excel (.xlsx)</source>
        <translation>Excel (.xlsx)</translation>
    </message>
    <message>
        <source>CSV (.csv)</source>
        <translation>CSV (.csv)</translation>
    </message>
    <message>
        <source>&amp;Monographie d’une initiative (.docx)</source>
        <translation>&amp;Monograph of an initiative (.docx)</translation>
    </message>
    <message>
        <source>Le document à publier : le texte écrit de chaque section, ou à défaut les réponses des visites terminées.</source>
        <translation>The document to publish: the text written for each section, or else the answers of the complete visits.</translation>
    </message>
    <message>
        <source>&amp;Dossier de travail de cette initiative (.docx)</source>
        <translation>&amp;Working file of this initiative (.docx)</translation>
    </message>
    <message>
        <source>Pour l’équipe : toutes les réponses de toutes les visites, brouillons, notes et questions internes compris, « à ne pas diffuser ».</source>
        <translation>For the team: every answer of every visit, drafts, notes and internal questions included, “not for circulation”.</translation>
    </message>
    <message>
        <source>&amp;Synthèse de toutes les initiatives (.docx)</source>
        <translation>&amp;Synthesis of all initiatives (.docx)</translation>
    </message>
    <message>
        <source>Axe par axe, ce que chaque initiative a répondu, côte à côte.</source>
        <translation>Axis by axis, what each initiative answered, side by side.</translation>
    </message>
    <message>
        <source>&amp;Tableau des réponses</source>
        <translation>&amp;Table of answers</translation>
    </message>
    <message>
        <source>Une ligne par entretien, une colonne par question.</source>
        <translation>One row per interview, one column per question.</translation>
    </message>
    <message>
        <source>&amp;Données complètes (.json)</source>
        <translation>&amp;Complete data (.json)</translation>
    </message>
    <message>
        <source>Tout le contenu de l’enquête, pour un autre programme.</source>
        <translation>Everything in the survey, for another program.</translation>
    </message>
    <message>
        <source>Projet pour l’analyse &amp;qualitative (.qdpx)</source>
        <translation>Project for &amp;qualitative analysis (.qdpx)</translation>
    </message>
    <message>
        <source>Pour NVivo, ATLAS.ti, MAXQDA ou QualCoder : entretiens déjà codés.</source>
        <translation>For NVivo, ATLAS.ti, MAXQDA or QualCoder: interviews already coded.</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Options</translation>
    </message>
    <message>
        <source>celui de fieldkit</source>
        <translation>fieldkit’s own</translation>
    </message>
    <message>
        <source>Choisir…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>&amp;Modèle Word</source>
        <translation>Word &amp;template</translation>
    </message>
    <message>
        <source>&amp;Langue du document</source>
        <translation>Document &amp;language</translation>
    </message>
    <message>
        <source>&amp;Pseudonymiser les personnes rencontrées</source>
        <translation>&amp;Pseudonymize the people met</translation>
    </message>
    <message>
        <source>Remplacer leurs noms par leur rôle et leurs initiales, pour un document qui sort du réseau. Les personnes qui ont refusé d’être nommées le sont toujours.</source>
        <translation>Replace their names by their role and initials, for a document that leaves the network. People who did not consent to be named always are.</translation>
    </message>
    <message>
        <source>Inclure les entretiens en &amp;brouillon</source>
        <translation>Include &amp;draft interviews</translation>
    </message>
    <message>
        <source>Par défaut, seuls les entretiens terminés entrent dans le document.</source>
        <translation>By default, only complete interviews go into the document.</translation>
    </message>
    <message>
        <source>Exporter…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>Choisir un modèle Word</source>
        <translation>Choose a Word template</translation>
    </message>
    <message>
        <source>Modèles Word (*.docx *.dotx)</source>
        <translation>Word templates (*.docx *.dotx)</translation>
    </message>
</context>
<context>
    <name>ExportDoneDialog</name>
    <message>
        <source>Export terminé</source>
        <translation>Export complete</translation>
    </message>
    <message>
        <source>« %1 » est prêt.</source>
        <translation>“%1” is ready.</translation>
    </message>
    <message>
        <source>Dans le dossier %1</source>
        <translation>In the folder %1</translation>
    </message>
    <message>
        <source>Et à côté : %1</source>
        <translation>And beside it: %1</translation>
    </message>
    <message>
        <source>À savoir :</source>
        <translation>Good to know:</translation>
    </message>
    <message>
        <source>&amp;Ouvrir le fichier</source>
        <translation>&amp;Open the file</translation>
    </message>
    <message>
        <source>&amp;Afficher dans le dossier</source>
        <translation>&amp;Show in folder</translation>
    </message>
</context>
<context>
    <name>FacilitatorDialog</name>
    <message>
        <source>Bienvenue dans fieldkit</source>
        <translation>Welcome to fieldkit</translation>
    </message>
    <message>
        <source>Votre nom signe vos entretiens et vos modifications : vos collègues le verront quand vos fichiers seront réunis. Vous pourrez le changer dans les Réglages.</source>
        <translation>Your name signs your interviews and your changes: your colleagues will see it when your files come together. You can change it in the Settings.</translation>
    </message>
    <message>
        <source>Prénom Nom</source>
        <translation>First name Last name</translation>
    </message>
    <message>
        <source>&amp;Votre nom</source>
        <translation>Your &amp;name</translation>
    </message>
    <message>
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Plus tard</source>
        <translation>Later</translation>
    </message>
</context>
<context>
    <name>GuideWarningsDialog</name>
    <message>
        <source>Importer un guide XLSForm</source>
        <translation>Import an XLSForm guide</translation>
    </message>
    <message>
        <source>« %2 » devient un guide, avec une remarque</source>
        <translation>“%2” becomes a guide, with one remark</translation>
    </message>
    <message>
        <source>« %2 » devient un guide, avec %1 remarques</source>
        <translation>“%2” becomes a guide, with %1 remarks</translation>
    </message>
    <message>
        <source>« %1 » : %2, %3.</source>
        <translation>“%1”: %2, %3.</translation>
    </message>
    <message>
        <source>%1 section</source>
        <translation>%1 section</translation>
    </message>
    <message>
        <source>%1 sections</source>
        <translation>%1 sections</translation>
    </message>
    <message>
        <source>%1 question</source>
        <translation>%1 question</translation>
    </message>
    <message>
        <source>%1 questions</source>
        <translation>%1 questions</translation>
    </message>
    <message>
        <source>Ce que le guide ne reprend pas tel quel est signalé ici, ligne par ligne. Vous pouvez créer l’enquête ainsi, ou corriger le formulaire et l’importer de nouveau.</source>
        <translation>Anything the guide cannot take over exactly is listed here, row by row. You can create the survey like this, or correct the form and import it again.</translation>
    </message>
    <message>
        <source>Créer l’enquête</source>
        <translation>Create the survey</translation>
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
    <message>
        <source>Première version :</source>
        <translation>First version:</translation>
    </message>
    <message>
        <source>Ce que cette version a changé :</source>
        <translation>What this version changed:</translation>
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
</context>
<context>
    <name>JoinDialog</name>
    <message>
        <source>Rejoindre une enquête</source>
        <translation>Join a survey</translation>
    </message>
    <message>
        <source>Faites votre propre fichier de l’enquête d’une équipe, à partir de son dossier de synchronisation ou du fichier qu’un·e collègue vous a envoyé.</source>
        <translation>Make your own file of a team’s survey, from its sync folder or from the file a colleague sent you.</translation>
    </message>
    <message>
        <source>(aucun dossier ni fichier choisi)</source>
        <translation>(no folder or file chosen)</translation>
    </message>
    <message>
        <source>Son &amp;dossier…</source>
        <translation>Its &amp;folder…</translation>
    </message>
    <message>
        <source>Un &amp;fichier…</source>
        <translation>A &amp;file…</translation>
    </message>
    <message>
        <source>À partir de</source>
        <translation>From</translation>
    </message>
    <message>
        <source>&amp;Enquête</source>
        <translation>&amp;Survey</translation>
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
        <source>Enregistrer dans</source>
        <translation>Save in</translation>
    </message>
    <message>
        <source>Rejoindre l’enquête</source>
        <translation>Join the survey</translation>
    </message>
    <message>
        <source>Le dossier de synchronisation de l’équipe</source>
        <translation>The team’s sync folder</translation>
    </message>
    <message>
        <source>Le fichier d’enquête d’un·e collègue</source>
        <translation>A colleague’s survey file</translation>
    </message>
    <message>
        <source>Enquêtes fieldkit (*.fieldkit)</source>
        <translation>fieldkit surveys (*.fieldkit)</translation>
    </message>
    <message>
        <source>Dossier du nouveau fichier</source>
        <translation>Folder of the new file</translation>
    </message>
    <message>
        <source>Ce dossier ne contient aucun fichier d’enquête lisible.</source>
        <translation>This folder holds no readable survey file.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>En-tête</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Voir et régler les conflits</source>
        <translation>See and resolve the conflicts</translation>
    </message>
    <message>
        <source>Ctrl+K citation · F1 raccourcis</source>
        <translation>Ctrl+K quote · F1 shortcuts</translation>
    </message>
    <message>
        <source>Enquête : %1</source>
        <translation>Survey: %1</translation>
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
        <source>« %1 » est dans la corbeille.</source>
        <translation>“%1” is in the trash.</translation>
    </message>
    <message>
        <source>Annuler (Ctrl+Z)</source>
        <translation>Undo (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Impossible de restaurer</source>
        <translation>This could not be restored</translation>
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
        <source>⚠ Fichier introuvable : rien n’est enregistré sur le disque</source>
        <translation>⚠ File not found: nothing is saved to disk</translation>
    </message>
    <message>
        <source>Lecture seule</source>
        <translation>Read-only</translation>
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
        <source>Tout est enregistré</source>
        <translation>Everything is saved</translation>
    </message>
    <message>
        <source>Impossible d’enregistrer votre nom</source>
        <translation>Your name could not be saved</translation>
    </message>
    <message>
        <source>Cette page</source>
        <translation>This page</translation>
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
    <name>MaterialDelegate</name>
    <message>
        <source>Sans question</source>
        <translation>No question</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 · photo</source>
        <translation>%1 · photo</translation>
    </message>
    <message>
        <source>%1 · avec %2</source>
        <translation>%1 · with %2</translation>
    </message>
    <message>
        <source>« %1 »</source>
        <translation>“%1”</translation>
    </message>
    <message>
        <source>⚠ N’a pas accepté d’être nommé·e : cité·e comme « %1 »</source>
        <translation>⚠ Did not agree to be named: quoted as “%1”</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>%1 : %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Fusionner des fichiers</source>
        <translation>Merge files</translation>
    </message>
    <message>
        <source>Ce que la fusion apportera à « %1 »</source>
        <translation>What the merge will bring to “%1”</translation>
    </message>
    <message>
        <source>Ce que la fusion a apporté à « %1 »</source>
        <translation>What the merge brought to “%1”</translation>
    </message>
    <message>
        <source>Fichiers refusés (ils ne seront pas fusionnés)</source>
        <translation>Refused files (they will not be merged)</translation>
    </message>
    <message>
        <source>Fusionner</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>Aucun de ces fichiers ne peut être fusionné.</source>
        <translation>None of these files can be merged.</translation>
    </message>
    <message>
        <source>Ces fichiers n’apportent rien de nouveau : l’enquête les contient déjà.</source>
        <translation>These files bring nothing new: the survey already holds them.</translation>
    </message>
    <message>
        <source>Rien n’est encore écrit. La fusion n’efface rien : si deux personnes ont modifié la même réponse, les deux versions sont gardées comme un conflit, à régler ensuite.</source>
        <translation>Nothing is written yet. Merging erases nothing: if two people changed the same answer, both versions are kept as a conflict, to resolve afterwards.</translation>
    </message>
    <message>
        <source>La fusion est enregistrée dans l’enquête.</source>
        <translation>The merge is saved in the survey.</translation>
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
        <source>dans : %1</source>
        <translation>in: %1</translation>
    </message>
    <message>
        <source>Aller à la question</source>
        <translation>Go to the question</translation>
    </message>
    <message>
        <source>%1, ligne %2</source>
        <translation>%1, row %2</translation>
    </message>
    <message>
        <source>%1, fiche %2</source>
        <translation>%1, entry %2</translation>
    </message>
</context>
<context>
    <name>NarrativeEditor</name>
    <message>
        <source>Écrivez ici : le texte s’enregistre à mesure.</source>
        <translation>Write here: the text is saved as you go.</translation>
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
        <source>fichier .yaml ou formulaire XLSForm (.xlsx)</source>
        <translation>.yaml file or XLSForm form (.xlsx)</translation>
    </message>
    <message>
        <source>Guides et formulaires XLSForm (*.yaml *.yml *.xlsx *.xlsm)</source>
        <translation>Guides and XLSForm forms (*.yaml *.yml *.xlsx *.xlsm)</translation>
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
</context>
<context>
    <name>Operations</name>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>OutlineDelegate</name>
    <message>
        <source>⚠ deux versions à régler</source>
        <translation>⚠ two versions to settle</translation>
    </message>
    <message>
        <source>écrit</source>
        <translation>written</translation>
    </message>
    <message>
        <source>matière seulement</source>
        <translation>material only</translation>
    </message>
    <message>
        <source>rien encore</source>
        <translation>nothing yet</translation>
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
        <source>%1 · ⚠ conflit</source>
        <translation>%1 · ⚠ conflict</translation>
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
        <source>L’enquête est vide pour l’instant.</source>
        <translation>The survey is empty for now.</translation>
    </message>
    <message>
        <source>Commencez par un entretien : vous y choisirez l’initiative visitée (ou la créerez), la date et les personnes rencontrées. Le guide d’entretien suit, section par section.</source>
        <translation>Start with an interview: there you choose the initiative visited (or create it), the date and the people met. The interview guide follows, section by section.</translation>
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
        <source>La corbeille est vide.</source>
        <translation>The trash is empty.</translation>
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
        <source>%1, visite du %2</source>
        <translation>%1, visit of %2</translation>
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
    <name>Preview</name>
    <message>
        <source>Monographie – %1 (aperçu %2)</source>
        <translation>Monograph – %1 (preview %2)</translation>
    </message>
    <message>
        <source>Préparation de l’aperçu…</source>
        <translation>Preparing the preview…</translation>
    </message>
    <message>
        <source>Impossible de préparer l’aperçu</source>
        <translation>Could not prepare the preview</translation>
    </message>
    <message>
        <source>Aucun traitement de texte n’a pu ouvrir l’aperçu</source>
        <translation>No word processor could open the preview</translation>
    </message>
</context>
<context>
    <name>QuestionWidget</name>
    <message>
        <source>Réponse obligatoire</source>
        <translation>Required answer</translation>
    </message>
    <message>
        <source>Comparer les versions…</source>
        <translation>Compare the versions…</translation>
    </message>
    <message>
        <source>⚠ Une case de ces fiches a été modifiée sur deux ordinateurs sans que l’un voie l’autre : une seule version est affichée. Ce que vous y tapez remplacera les deux.</source>
        <translation>⚠ A field of these entries was changed on two computers without either seeing the other: only one version is shown. What you type in it will replace both.</translation>
    </message>
    <message>
        <source>⚠ Cette réponse a été modifiée sur deux ordinateurs sans que l’un voie l’autre : une seule version est affichée. Ce que vous tapez ici remplacera les deux.</source>
        <translation>⚠ This answer was changed on two computers without either seeing the other: only one version is shown. What you type here will replace both.</translation>
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
        <source>Modifier la citation</source>
        <translation>Edit the quote</translation>
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
        <source>Entrée : nouvelle ligne · Ctrl+Entrée : enregistrer</source>
        <translation>Enter: new line · Ctrl+Enter: save</translation>
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
        <source>Enregistrer (Ctrl+Entrée)</source>
        <translation>Save (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Ajouter (Ctrl+Entrée)</source>
        <translation>Add (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>RepeatEditor</name>
    <message>
        <source>Aucune fiche pour l’instant.</source>
        <translation>No entries yet.</translation>
    </message>
    <message>
        <source>Ajouter une fiche</source>
        <translation>Add an entry</translation>
    </message>
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
    <message>
        <source>Retirer cette fiche</source>
        <translation>Remove this entry</translation>
    </message>
</context>
<context>
    <name>ReportWords</name>
    <message>
        <source>%1 nouvelle initiative</source>
        <translation>%1 new initiative</translation>
    </message>
    <message>
        <source>%1 nouvelles initiatives</source>
        <translation>%1 new initiatives</translation>
    </message>
    <message>
        <source>%1 nouvel entretien</source>
        <translation>%1 new interview</translation>
    </message>
    <message>
        <source>%1 nouveaux entretiens</source>
        <translation>%1 new interviews</translation>
    </message>
    <message>
        <source>%1 nouvelle réponse</source>
        <translation>%1 new answer</translation>
    </message>
    <message>
        <source>%1 nouvelles réponses</source>
        <translation>%1 new answers</translation>
    </message>
    <message>
        <source>%1 révision</source>
        <translation>%1 revision</translation>
    </message>
    <message>
        <source>%1 révisions</source>
        <translation>%1 revisions</translation>
    </message>
    <message>
        <source>%1 suppression</source>
        <translation>%1 deletion</translation>
    </message>
    <message>
        <source>%1 suppressions</source>
        <translation>%1 deletions</translation>
    </message>
    <message>
        <source>%1 restauration</source>
        <translation>%1 restoration</translation>
    </message>
    <message>
        <source>%1 restaurations</source>
        <translation>%1 restorations</translation>
    </message>
    <message>
        <source>%1 renommage</source>
        <translation>%1 rename</translation>
    </message>
    <message>
        <source>%1 renommages</source>
        <translation>%1 renames</translation>
    </message>
    <message>
        <source>%1 nouvelle citation</source>
        <translation>%1 new quote</translation>
    </message>
    <message>
        <source>%1 nouvelles citations</source>
        <translation>%1 new quotes</translation>
    </message>
    <message>
        <source>%1 nouvelle note</source>
        <translation>%1 new note</translation>
    </message>
    <message>
        <source>%1 nouvelles notes</source>
        <translation>%1 new notes</translation>
    </message>
    <message>
        <source>%1 nouvelle pièce jointe</source>
        <translation>%1 new attachment</translation>
    </message>
    <message>
        <source>%1 nouvelles pièces jointes</source>
        <translation>%1 new attachments</translation>
    </message>
    <message>
        <source>%1 nouveau guide</source>
        <translation>%1 new guide</translation>
    </message>
    <message>
        <source>%1 nouveaux guides</source>
        <translation>%1 new guides</translation>
    </message>
    <message>
        <source>%1 nouveau conflit</source>
        <translation>%1 new conflict</translation>
    </message>
    <message>
        <source>%1 nouveaux conflits</source>
        <translation>%1 new conflicts</translation>
    </message>
    <message>
        <source>rien de nouveau</source>
        <translation>nothing new</translation>
    </message>
    <message>
        <source>des versions antérieures seulement</source>
        <translation>earlier versions only</translation>
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
        <source>Actuelle · %1</source>
        <translation>Current · %1</translation>
    </message>
</context>
<context>
    <name>Search</name>
    <message>
        <source>fiche %1 à la corbeille</source>
        <translation>entry %1 in the trash</translation>
    </message>
    <message>
        <source>fiche %1</source>
        <translation>entry %1</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <source>Rechercher… (Ctrl+F)</source>
        <translation>Search… (Ctrl+F)</translation>
    </message>
    <message>
        <source>Aucun résultat pour « %1 »</source>
        <translation>No result for “%1”</translation>
    </message>
</context>
<context>
    <name>SearchFlow</name>
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
</context>
<context>
    <name>SectionListModel</name>
    <message>
        <source>%1 sur %2 questions répondues</source>
        <translation>%1 of %2 questions answered</translation>
    </message>
</context>
<context>
    <name>SectionPage</name>
    <message>
        <source>Section suivante : %1 ›</source>
        <translation>Next section: %1 ›</translation>
    </message>
    <message>
        <source>Marquer l’entretien comme terminé</source>
        <translation>Mark the interview as complete</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Réglages</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Prénom Nom</source>
        <translation>First name Last name</translation>
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
        <source>Dans toute la fenêtre</source>
        <translation>Anywhere in the window</translation>
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
        <source>Entrée ou double-clic : modifier la citation</source>
        <translation>Enter or double-click: edit the quote</translation>
    </message>
    <message>
        <source>Glissez ici des photos ou des documents
(ou Ctrl+Maj+A)</source>
        <translation>Drop photos or documents here
(or Ctrl+Shift+A)</translation>
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
        <source>Modifier…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>Mettre à la corbeille</source>
        <translation>Move to trash</translation>
    </message>
</context>
<context>
    <name>SourcesModel</name>
    <message>
        <source>Fichier</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Ce qu’il apporte</source>
        <translation>What it brings</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
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
<context>
    <name>SurveyFiles</name>
    <message>
        <source>Impossible d’ouvrir ce fichier</source>
        <translation>This file cannot be opened</translation>
    </message>
    <message>
        <source>« %1 » a été demandé : l’enquête « %2 » reste ouverte ici tant que vous ne choisissez pas.</source>
        <translation>“%1” was asked for: the survey “%2” stays open here until you choose.</translation>
    </message>
    <message>
        <source>Ouvrir dans une nouvelle fenêtre</source>
        <translation>Open in a new window</translation>
    </message>
    <message>
        <source>Ouvrir ici à la place</source>
        <translation>Open here instead</translation>
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
        <source>Impossible de créer l’enquête</source>
        <translation>The survey could not be created</translation>
    </message>
    <message>
        <source>Importer un guide XLSForm</source>
        <translation>Import an XLSForm guide</translation>
    </message>
    <message>
        <source>Formulaires XLSForm (*.xlsx *.xlsm);;Tous les fichiers (*)</source>
        <translation>XLSForm forms (*.xlsx *.xlsm);;All files (*)</translation>
    </message>
    <message>
        <source>Le fichier « %1 » a été supprimé ou déplacé pendant qu’il était ouvert : rien de ce que vous saisissez n’est plus enregistré sur le disque. Tout est encore ici : enregistrez l’enquête à un nouvel endroit.</source>
        <translation>The file “%1” was deleted or moved while it was open: nothing you type is saved to disk any more. Everything is still here: save the survey to a new place.</translation>
    </message>
    <message>
        <source>Enregistrer l’enquête sous…</source>
        <translation>Save the survey as…</translation>
    </message>
    <message>
        <source>« %1 » est en lecture seule (le fichier ou son dossier est protégé) : vous pouvez le lire et l’exporter. Pour le modifier, enregistrez-en une copie.</source>
        <translation>“%1” is read-only (the file or its folder is protected): you can read and export it. To change it, save a copy.</translation>
    </message>
    <message>
        <source>Enregistrer une copie…</source>
        <translation>Save a copy…</translation>
    </message>
    <message>
        <source>Enregistrer une copie de l’enquête</source>
        <translation>Save a copy of the survey</translation>
    </message>
    <message>
        <source>Enregistrer l’enquête à un nouvel endroit</source>
        <translation>Save the survey to a new place</translation>
    </message>
    <message>
        <source>Enquêtes fieldkit (*.fieldkit)</source>
        <translation>fieldkit surveys (*.fieldkit)</translation>
    </message>
    <message>
        <source>Impossible d’enregistrer l’enquête ici</source>
        <translation>Could not save the survey here</translation>
    </message>
    <message>
        <source>copie</source>
        <translation>copy</translation>
    </message>
</context>
<context>
    <name>SyncResultDialog</name>
    <message>
        <source>Synchroniser avec un dossier</source>
        <translation>Sync with a folder</translation>
    </message>
    <message>
        <source>Synchronisation terminée</source>
        <translation>Sync complete</translation>
    </message>
    <message>
        <source>Dossier : %1</source>
        <translation>Folder: %1</translation>
    </message>
    <message>
        <source>Fichiers ignorés (ils seront relus à la prochaine synchronisation)</source>
        <translation>Skipped files (they will be read again at the next sync)</translation>
    </message>
    <message>
        <source>Changer de dossier…</source>
        <translation>Change folder…</translation>
    </message>
    <message>
        <source>Votre fichier dans le dossier (« %1 ») était déjà à jour.</source>
        <translation>Your file in the folder (“%1”) was already up to date.</translation>
    </message>
    <message>
        <source>Ce qui manquait au dossier est écrit dans « %2 » (%1 changement).</source>
        <translation>What the folder lacked is written to “%2” (%1 change).</translation>
    </message>
    <message>
        <source>Ce qui manquait au dossier est écrit dans « %2 » (%1 changements).</source>
        <translation>What the folder lacked is written to “%2” (%1 changes).</translation>
    </message>
    <message>
        <source>Aucun autre fichier d’enquête dans ce dossier pour l’instant.</source>
        <translation>No other survey file in this folder yet.</translation>
    </message>
    <message>
        <source>Rien de nouveau dans l’autre fichier du dossier.</source>
        <translation>Nothing new in the other file of the folder.</translation>
    </message>
    <message>
        <source>Rien de nouveau dans les %1 autres fichiers du dossier.</source>
        <translation>Nothing new in the %1 other files of the folder.</translation>
    </message>
    <message>
        <source>Reçu des autres fichiers du dossier :</source>
        <translation>Received from the other files of the folder:</translation>
    </message>
</context>
<context>
    <name>ValueCard</name>
    <message>
        <source>auteur inconnu</source>
        <translation>unknown author</translation>
    </message>
    <message>
        <source>Version %1 · %2</source>
        <translation>Version %1 · %2</translation>
    </message>
    <message>
        <source>sur %1 · %2</source>
        <translation>on %1 · %2</translation>
    </message>
    <message>
        <source>(sans réponse)</source>
        <translation>(no answer)</translation>
    </message>
    <message>
        <source>Garder cette version</source>
        <translation>Keep this version</translation>
    </message>
    <message>
        <source>Cette version devient la réponse ; les autres restent dans l’historique.</source>
        <translation>This version becomes the answer; the others stay in the history.</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <source>&amp;Nouvelle enquête…</source>
        <translation>&amp;New survey…</translation>
    </message>
    <message>
        <source>&amp;Importer un guide XLSForm…</source>
        <translation>&amp;Import an XLSForm guide…</translation>
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
        <source>Enregistrer une &amp;copie…</source>
        <translation>Save a &amp;copy…</translation>
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
        <source>&amp;Annuler la mise à la corbeille</source>
        <translation>&amp;Undo move to trash</translation>
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
</context>
<context>
    <name>WritingCommands</name>
    <message>
        <source>&amp;Rédiger la monographie</source>
        <translation>&amp;Write the monograph</translation>
    </message>
    <message>
        <source>Rédiger la monographie</source>
        <translation>Write the monograph</translation>
    </message>
    <message>
        <source>Quelle initiative ?</source>
        <translation>Which initiative?</translation>
    </message>
</context>
<context>
    <name>WritingView</name>
    <message>
        <source>Rédaction de la monographie</source>
        <translation>Writing the monograph</translation>
    </message>
    <message>
        <source>‹ Liste des entretiens</source>
        <translation>‹ List of interviews</translation>
    </message>
    <message>
        <source>Aperçu</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>Voir les conflits</source>
        <translation>See the conflicts</translation>
    </message>
    <message>
        <source>Masquer cet avertissement</source>
        <translation>Hide this warning</translation>
    </message>
    <message>
        <source>Matière</source>
        <translation>Material</translation>
    </message>
    <message>
        <source>Gras</source>
        <translation>Bold</translation>
    </message>
    <message>
        <source>Italique</source>
        <translation>Italic</translation>
    </message>
    <message>
        <source>• Liste à puces</source>
        <translation>• Bulleted list</translation>
    </message>
    <message>
        <source>Insérer au curseur</source>
        <translation>Insert at the cursor</translation>
    </message>
    <message>
        <source>Aperçu de la monographie</source>
        <translation>Preview of the monograph</translation>
    </message>
    <message>
        <source>Section suivante</source>
        <translation>Next section</translation>
    </message>
    <message>
        <source>Section précédente</source>
        <translation>Previous section</translation>
    </message>
    <message>
        <source>%1 — Monographie</source>
        <translation>%1 — Monograph</translation>
    </message>
    <message>
        <source>%1 sections écrites sur %2</source>
        <translation>%1 of %2 sections written</translation>
    </message>
    <message>
        <source>%1 section écrite sur %2</source>
        <translation>%1 of %2 sections written</translation>
    </message>
    <message>
        <source>Pas encore écrit.</source>
        <translation>Not written yet.</translation>
    </message>
    <message>
        <source>Écrit par %1 · dernière modification le %2</source>
        <translation>Written by %1 · last changed on %2</translation>
    </message>
    <message>
        <source>auteur inconnu</source>
        <translation>unknown author</translation>
    </message>
    <message>
        <source>⚠ Deux versions de cette section ont été écrites sans se voir ; celle de %1 est affichée. Réglez le conflit, ou écrivez : votre texte les remplacera.</source>
        <translation>⚠ Two versions of this section were written without seeing each other; %1’s is shown. Settle the conflict, or write: your text will replace both.</translation>
    </message>
    <message>
        <source>%1 mot</source>
        <translation>%1 word</translation>
    </message>
    <message>
        <source>%1 mots</source>
        <translation>%1 words</translation>
    </message>
    <message>
        <source>%1 : %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Les visites n’ont rien donné pour cette section.</source>
        <translation>The visits gave nothing for this section.</translation>
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
        <source>%1 réponse</source>
        <translation>%1 answer</translation>
    </message>
    <message>
        <source>%1 réponses</source>
        <translation>%1 answers</translation>
    </message>
    <message>
        <source>%1 citation</source>
        <translation>%1 quote</translation>
    </message>
    <message>
        <source>%1 citations</source>
        <translation>%1 quotes</translation>
    </message>
    <message>
        <source>%1 photo</source>
        <translation>%1 photo</translation>
    </message>
    <message>
        <source>%1 photos</source>
        <translation>%1 photos</translation>
    </message>
    <message>
        <source>Citer au curseur</source>
        <translation>Quote at the cursor</translation>
    </message>
    <message>
        <source>Placer la photo au curseur</source>
        <translation>Place the photo at the cursor</translation>
    </message>
    <message>
        <source>Reprendre ce texte au curseur</source>
        <translation>Take this text to the cursor</translation>
    </message>
    <message>
        <source>%1 n’a pas accepté d’être nommé·e : la citation est attribuée à « %2 », et aucun document ne donnera son nom.</source>
        <translation>%1 did not agree to be named: the quote is attributed to “%2”, and no document will give their name.</translation>
    </message>
    <message>
        <source>Texte non enregistré : %1</source>
        <translation>Text not saved: %1</translation>
    </message>
</context>
</TS>
