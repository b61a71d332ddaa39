"""A facilitator typing into a long answer, until the process is killed.

    python tests/ui/typing_process.py SURVEY INTERVIEW QUESTION

Opens the real main window (offscreen) on SURVEY, goes to QUESTION of
INTERVIEW and types :data:`TEXT` one character every few milliseconds, the way
a keyboard delivers it. After each character it prints ``typed N T`` (N
characters typed, T on the monotonic clock) so the test that kills it knows
exactly what had been typed, and when.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.ui.keyboard import type_text
from ui.app import build_window, make_app
from ui.qt import QTimer
from ui.settings import Settings

TEXT = (
    "Le tiers-lieu est né d’un café associatif ; « on voulait un endroit où se parler ». "
    "Puis l’atelier vélo, la ressourcerie, les permanences d’accès aux droits sont venus. "
) * 40
INTERVAL_MS = 8


def main(survey: str, interview: str, question: str) -> int:
    app = make_app([sys.argv[0]])
    window = build_window(Settings())
    window.resize(1100, 760)
    window.show()
    if not window.open_path(Path(survey)):
        return 1
    window.open_interview(interview)
    view = window.interview
    assert view is not None
    view.go_to_question(question)
    page = view.page
    assert page is not None
    editor = page.long_text(question)
    assert editor is not None
    editor.setFocus()
    typed = 0

    def type_next() -> None:
        nonlocal typed
        if typed >= len(TEXT):
            return
        type_text(editor, TEXT[typed])
        typed += 1
        print(f"typed {typed} {time.monotonic():.6f}", flush=True)

    timer = QTimer()
    timer.setInterval(INTERVAL_MS)
    timer.timeout.connect(type_next)
    timer.start()
    print("ready", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
