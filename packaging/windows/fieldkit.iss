; Inno Setup script for fieldkit on Windows (Inno Setup 6).
;
; Build the one-folder app first (`make package`, or the pyinstaller command in
; packaging/README.md), then, from the repository root:
;
;     iscc /DAppVersion=0.1.0 packaging\windows\fieldkit.iss
;
; It installs dist\fieldkit\ for the current user (no administrator rights
; needed), adds a Start menu entry, associates .fieldkit files with fieldkit
; (a double-click opens the survey) and registers an uninstaller that removes
; all of it, leaving the user's surveys and settings alone.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z (it is __version__ in fieldkit\__init__.py)
#endif

#define AppName "fieldkit"
#define AppExe "fieldkit.exe"
#define SurveyProgId "fieldkit.survey"

[Setup]
; A fixed AppId lets a newer installer upgrade an older installation in place.
AppId={{6F3C2A1E-8B4D-4E0A-9C57-1D2E3F4A5B6C}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=fieldkit developers
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile=..\..\resources\icons\fieldkit.ico
UninstallDisplayIcon={app}\{#AppExe}
OutputDir=..\..\dist
OutputBaseFilename=fieldkit-{#AppVersion}-windows-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\..\dist\fieldkit\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"

[Registry]
; .fieldkit -> fieldkit.survey -> "fieldkit.exe" "%1", under HKCU or HKLM
; as the install mode chose (HKA); removed again on uninstall.
Root: HKA; Subkey: "Software\Classes\.fieldkit\OpenWithProgids"; ValueType: string; ValueName: "{#SurveyProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#SurveyProgId}"; ValueType: string; ValueName: ""; ValueData: "fieldkit survey"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#SurveyProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#SurveyProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".fieldkit"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
