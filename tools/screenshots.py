"""Render the window's main screens from the demo survey, for the README.

    QT_QPA_PLATFORM=offscreen python tools/screenshots.py [FOLDER] [WIDTHxHEIGHT]

Writes ``start.png``, ``overview.png``, ``interview.png`` and ``writing.png`` into FOLDER
(``docs/images`` by default), the window at WIDTHxHEIGHT logical pixels
(1200x760 by default). Everything happens in a temporary folder with its own
settings, so the run leaves the user's configuration alone. Run it with
``QT_SCALE_FACTOR=2`` to see the window at 200 %, and at ``1280x650`` to see
what a 1280×720 laptop (or 2560×1440 at 200 %) leaves it once a taskbar and
a title bar are taken off.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1200, 760)
#: The interview in progress: a draft visit of the demo, on its innovation section.
DRAFT_PLACE = "Ferme maraîchère"
SECTION = "innovation"
TYPED = "Le test grandeur nature a convaincu la commune de prêter une parcelle."
#: The writing view: L'Escale's monograph (fully written), on its innovation section,
#: a quote chosen in the material.
WRITING_SIZE = (1366, 768)
WRITTEN = "L’Escale"
WRITING_SECTION = "innovation"


def main(folder: Path, size: tuple[int, int] = SIZE) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="fieldkit-shots-") as name:
        scratch = Path(name)
        os.environ["FIELDKIT_CONFIG_DIR"] = str(scratch / "config")
        return _render(folder, scratch, size)


def _render(folder: Path, scratch: Path, size: tuple[int, int]) -> int:
    sys.path.insert(0, str(ROOT))
    from fieldkit.survey import build_demo
    from ui import i18n
    from ui.app import build_window, make_app
    from ui.qt import QApplication, QSettings
    from ui.settings import Settings

    for settings_format in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(settings_format, QSettings.Scope.UserScope, str(scratch))
    app = make_app(["fieldkit-screenshots"])
    i18n.install_language(app, os.environ.get("FIELDKIT_LANGUAGE", "fr"))
    demo = scratch / "visites-2026.fieldkit"
    build_demo(demo)
    window = build_window(Settings())
    window.resize(*size)
    window.show()
    folder.mkdir(parents=True, exist_ok=True)

    window.settings.remember_file(demo)
    window.show_start()
    _save(window, folder / "start.png")

    window.open_path(demo)
    _save(window, folder / "overview.png")

    assert window.session is not None
    draft = next(i for i in window.session.reader.interviews() if DRAFT_PLACE in i.place)
    window.open_interview(draft.id)
    view = window.interview
    assert view is not None and view.guide is not None
    view.show_section([s.id for s in view.guide.sections].index(SECTION))
    page = view.page
    assert page is not None
    editor = page.long_text("definition_innovation")
    if editor is not None:
        editor.setFocus()
        editor.insertPlainText(TYPED)
        QApplication.processEvents()
        window.session.flush_and_wait()
    _save(window, folder / "interview.png")

    initiative = next(i for i in window.session.reader.initiatives() if WRITTEN in i.name)
    window.resize(*WRITING_SIZE)
    writing = window.writing.write(initiative.id)
    assert writing is not None
    writing.show_section(writing.outline.find(WRITING_SECTION))
    quote = next(r for r, item in enumerate(writing.material.items()) if item.kind == "quote")
    writing.material_view.setCurrentIndex(writing.material.index(quote))
    _save(window, folder / "writing.png")
    window.close()
    return 0


def _save(window: object, path: Path) -> None:
    from ui.qt import QApplication, QImage, Qt

    for _ in range(3):
        QApplication.processEvents()
    image = window.grab().toImage()  # type: ignore[attr-defined]
    # A palette of 256 colours keeps the file small and the text crisp.
    flags = Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither
    small = image.convertToFormat(QImage.Format.Format_Indexed8, flags)
    if not small.save(str(path), "PNG", 0):
        raise SystemExit(f"{path}: could not write the screenshot")
    print(f"wrote {path} ({path.stat().st_size // 1024} KB)")


def _size(text: str) -> tuple[int, int]:
    width, _, height = text.partition("x")
    return int(width), int(height)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "images"
    sys.exit(main(target, _size(sys.argv[2]) if len(sys.argv) > 2 else SIZE))
