"""``fieldkit-desktop SURVEY``: the app's own window has every command plugged in.

The window the app opens is built like the tests' windows (``build_window``):
export, merge, sync, the conflict panel and writing the monograph are in its
*Enquête* menu, not only in the tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldkit.survey import set_author
from ui import app
from ui.qt import QApplication
from ui.shell import MainWindow, single_instance


class _FirstInstance:
    """This launch is the first: it would listen for later ones once the window is up."""

    def listen(self) -> None:
        pass


def test_the_app_opens_a_window_with_every_command(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, demo_path: Path, french: None
) -> None:
    set_author("Camille Roussel")  # not the first launch: no name is asked for
    arguments = ["fieldkit-desktop", str(demo_path)]
    monkeypatch.setattr(QApplication, "arguments", staticmethod(lambda: arguments))
    monkeypatch.setattr(single_instance, "hand_over", lambda _paths, **_how: _FirstInstance())
    monkeypatch.setattr(single_instance, "serve_window", lambda *_args: None)
    menus: list[list[str]] = []

    def run(_app: QApplication) -> int:
        (window,) = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, MainWindow) and w.isVisible() and w.windowFilePath() == str(demo_path)
        ]
        menus.append([a.text().replace("&", "") for a in window.survey_menu.actions()])
        window.close()
        window.deleteLater()
        return 0

    monkeypatch.setattr(QApplication, "exec", run)
    assert app.main(arguments) == 0
    (survey_menu,) = menus
    for command in ("Exporter…", "Fusionner des fichiers…", "Rédiger la monographie"):
        assert command in survey_menu
