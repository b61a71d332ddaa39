"""Keep the window's translations in step with its French source strings.

    python tools/translations.py update    # pyside6-lupdate: new strings into the .ts
    python tools/translations.py release   # pyside6-lrelease: .ts -> .qm (committed)

Translate the new (unfinished) strings in between with Qt Linguist
(``pyside6-linguist resources/translations/fieldkit_en.ts``), using the word
list of UX.md. The tests fail while a string is untranslated or the .qm is stale.

``qt_extra_fr.ts`` is written by hand: the French that Qt's own translation
lacks for the dialogs fieldkit shows (the file dialog's labels). ``release``
compiles it too.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("en",)
#: Hand-written supplements to Qt's own translations, by language.
QT_EXTRA = ("fr",)


def tool(name: str) -> str:
    """A Qt tool shipped with PySide6, next to this Python or on the PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found (it comes with PySide6)")
    return found


def sources() -> list[str]:
    """The window's modules, the only place with strings to translate."""
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))


def ts_file(language: str) -> Path:
    return TRANSLATIONS / f"fieldkit_{language}.ts"


def known_translations(ts: Path) -> dict[str, str]:
    """Every finished translation of the .ts, by source text (the first one wins)."""
    if not ts.exists():
        return {}
    known: dict[str, str] = {}
    for message in ElementTree.parse(ts).iter("message"):
        source, translation = message.find("source"), message.find("translation")
        if source is None or translation is None or translation.get("type"):
            continue
        known.setdefault(source.text or "", translation.text or "")
    return known


def carry_over(ts: Path, known: dict[str, str]) -> None:
    """Fill strings that moved to another class with the translation they had there.

    lupdate files a string under its class: moving a method to another class
    would otherwise leave its strings untranslated, although nothing changed.
    """
    tree = ElementTree.parse(ts)
    changed = False
    for message in tree.iter("message"):
        source, translation = message.find("source"), message.find("translation")
        if source is None or translation is None or translation.get("type") != "unfinished":
            continue
        if (source.text or "") in known:
            translation.text = known[source.text or ""]
            del translation.attrib["type"]
            changed = True
    if changed:
        body = ElementTree.tostring(tree.getroot(), encoding="unicode")
        ts.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n', "utf-8")


def update(ts: Path | None = None, language: str = "en") -> None:
    """Add new source strings to the .ts (obsolete ones are dropped)."""
    target = ts or ts_file(language)
    known = known_translations(target)
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            *sources(),
            "-no-obsolete",
            "-locations",
            "none",
            "-source-language",
            "fr",
            "-target-language",
            language,
            "-ts",
            str(target),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    carry_over(target, known)


def release(ts: Path | None = None, qm: Path | None = None, language: str = "en") -> None:
    """Compile the .ts into the .qm the app loads."""
    source = ts or ts_file(language)
    target = qm or source.with_suffix(".qm")
    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", str(source), "-qm", str(target)],
        check=True,
        capture_output=True,
    )


def qt_extra_file(language: str) -> Path:
    return TRANSLATIONS / f"qt_extra_{language}.ts"


def main(arguments: list[str]) -> int:
    commands = {"update": update, "release": release}
    if len(arguments) != 1 or arguments[0] not in commands:
        print(__doc__)
        return 2
    for language in LANGUAGES:
        commands[arguments[0]](language=language)
    if arguments[0] == "release":
        for language in QT_EXTRA:
            release(qt_extra_file(language))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
