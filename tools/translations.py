"""Keep the window's translations in step with its French source strings.

    python tools/translations.py update    # pyside6-lupdate: new strings into the .ts
    python tools/translations.py release   # pyside6-lrelease: .ts -> .qm (committed)

Translate the new (unfinished) strings in between with Qt Linguist
(``pyside6-linguist resources/translations/fieldkit_en.ts``), using the word
list of UX.md. The tests fail while a string is untranslated or the .qm is stale.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("en",)


def tool(name: str) -> str:
    """A Qt tool shipped with PySide6, next to this Python or on the PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found (it comes with PySide6)")
    return found


def sources() -> list[str]:
    """The window's modules, the only place with strings to translate."""
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").glob("*.py"))


def ts_file(language: str) -> Path:
    return TRANSLATIONS / f"fieldkit_{language}.ts"


def update(ts: Path | None = None, language: str = "en") -> None:
    """Add new source strings to the .ts (obsolete ones are dropped)."""
    target = ts or ts_file(language)
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


def release(ts: Path | None = None, qm: Path | None = None, language: str = "en") -> None:
    """Compile the .ts into the .qm the app loads."""
    source = ts or ts_file(language)
    target = qm or source.with_suffix(".qm")
    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", str(source), "-qm", str(target)],
        check=True,
        capture_output=True,
    )


def main(arguments: list[str]) -> int:
    commands = {"update": update, "release": release}
    if len(arguments) != 1 or arguments[0] not in commands:
        print(__doc__)
        return 2
    for language in LANGUAGES:
        commands[arguments[0]](language=language)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
