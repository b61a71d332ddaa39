"""The window's speed as a person feels it: starting, switching interviews, typing.

- *start*: from launching the process to the main window shown with the demo
  survey open (its overview listed), against a bare PySide6 script that shows
  an empty QMainWindow, both launched the same way in the same run. The demo
  is as the window leaves a survey it closes, each interview's progress kept
  in the file; *start, counted* opens a copy written since (on the command
  line, say), whose listing counts every interview's progress again;
- *switch*: showing another interview of a 2,000-interview survey, against
  reading that interview's answers through the core (what any switch must do);
- *typing*: the longest time the GUI thread is held while a save is under
  way, as a person types into a 20,000-character answer (autosave writes in
  the background every few hundred milliseconds), against the longest hold
  while typing the same way with saving switched off.

Everything runs offscreen (``QT_QPA_PLATFORM=offscreen``).
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import time
from pathlib import Path

from tests.bench import bench_folder, median, report

ROOT = Path(__file__).resolve().parents[2]
STARTS = 7
SWITCHES = 40
INTERVIEWS = 2000
LONG_ANSWER = 20_000
TYPING_SECONDS = 4.0
KEY_INTERVAL_MS = 35
PROBE_MS = 1

BARE_WINDOW = r"""
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
def watch():
    handle = window.windowHandle()
    if handle is not None and handle.isExposed():
        print("shown", flush=True)
        app.exit(0)
        return
    QTimer.singleShot(1, watch)
QTimer.singleShot(0, watch)
app.exec()
"""

# The probe goes in through ``make_app``, which the app calls once Qt is imported:
# importing Qt any earlier here would change the order the app loads its modules in
# (the core first, see ui.app.main), and with it what the start costs.
APP_WINDOW = r"""
import sys
sys.argv = ["fieldkit-desktop", sys.argv[1]]
import ui.app
real_make_app = ui.app.make_app
def make_app_and_watch(argv):
    app = real_make_app(argv)
    from PySide6.QtCore import QTimer
    def watch():
        for window in app.topLevelWidgets():
            handle = window.windowHandle()
            overview = getattr(window, "overview", None)
            if (window.inherits("QMainWindow") and handle is not None and handle.isExposed()
                    and overview is not None and overview.isVisible()):
                print("shown", flush=True)
                app.exit(0)
                return
        QTimer.singleShot(1, watch)
    QTimer.singleShot(0, watch)
    return app
ui.app.make_app = make_app_and_watch
ui.app.main()
"""


def _launch_seconds(script: str, arguments: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", script, *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - started
    process.wait(timeout=60)
    if line.strip() != "shown":
        raise RuntimeError("the window was never shown")
    return elapsed


def bench_start(folder: Path) -> None:
    from fieldkit.survey import set_author
    from fieldkit.survey.demo import build_demo

    demo = folder / "demo.fieldkit"
    build_demo(demo)
    # A facilitator who has launched the app before: no first-launch question.
    set_author("Camille Roussel")
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(folder / "xdg"),
        PYTHONPATH=str(ROOT),
    )
    # An installed app runs from compiled bytecode, and its guides are parsed once per
    # machine (the guide cache): let the first launches write both.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    counted = _written_since(demo)
    _launch_seconds(BARE_WINDOW, [], env)
    _launch_seconds(APP_WINDOW, [str(demo)], env)
    bare: list[float] = []
    app: list[float] = []
    app_counted: list[float] = []
    for _ in range(STARTS):
        bare.append(_launch_seconds(BARE_WINDOW, [], env))
        app.append(_launch_seconds(APP_WINDOW, [str(demo)], env))
        app_counted.append(_launch_seconds(APP_WINDOW, [str(counted)], env))
    base = median(bare) * 1000
    report("ui_bare_window_shown", base, "ms", "ui_bare_window_shown", base)
    shown = median(app) * 1000
    report("ui_start_demo_shown", shown, "ms", "ui_bare_window_shown", base, "ratio<=2")
    shown = median(app_counted) * 1000
    report("ui_start_demo_counted_shown", shown, "ms", "ui_bare_window_shown", base)


def _written_since(demo: Path) -> Path:
    """A copy of the demo with one more answer, written without the window."""
    from fieldkit.survey import Survey

    with Survey.open(demo, readonly=True) as survey:
        copy = survey.save_copy(demo.with_name("demo-written.fieldkit"))
    with Survey.open(copy) as survey:
        survey.set_answer(survey.interviews()[0].id, "visite_lieu", "Salle des fêtes")
    return copy


def _window() -> object:
    from ui.app import build_window, make_app
    from ui.settings import Settings

    make_app(["fieldkit-bench"])
    window = build_window(Settings())
    window.resize(1200, 800)
    window.show()
    return window


def bench_switch(folder: Path) -> None:
    from fieldkit.survey import Survey
    from tests.bench.bench_open_list import build_survey
    from ui.qt import QApplication

    path = folder / "deux-mille.fieldkit"
    build_survey(path, INTERVIEWS)
    window = _window()
    assert window.open_path(path)  # type: ignore[attr-defined]
    ids = [i.id for i in window.session.reader.interviews()]  # type: ignore[attr-defined]
    chosen = [ids[(n * 997) % len(ids)] for n in range(SWITCHES + 1)]
    window.open_interview(chosen[0])  # type: ignore[attr-defined]
    window.interview.show_section(2)  # type: ignore[attr-defined]
    QApplication.processEvents()
    samples = []
    for interview in chosen[1:]:
        started = time.perf_counter()
        window.open_interview(interview)  # type: ignore[attr-defined]
        window.repaint()  # type: ignore[attr-defined]
        QApplication.processEvents()
        samples.append((time.perf_counter() - started) * 1000)
    window.close()  # type: ignore[attr-defined]
    baseline = []
    with Survey.open(path, readonly=True) as survey:
        for interview in chosen[1:]:
            started = time.perf_counter()
            survey.answers(interview)
            baseline.append((time.perf_counter() - started) * 1000)
    base = median(baseline)
    report("ui_read_interview_answers", base, "ms", "ui_read_interview_answers", base)
    report("ui_switch_interview_median", median(samples), "ms", "ui_read_interview_answers", base)
    report("ui_switch_interview_max", max(samples), "ms", "ui_read_interview_answers", base, "50ms")


def _type_and_probe(window: object, editor: object, saving: bool) -> tuple[float, float]:
    """Type for a few seconds; return the longest GUI-thread hold overlapping a save.

    Also returns the longest time the GUI thread itself spent handing a save
    over (reading the 20,000 characters and queuing the write).
    """
    from tests.ui.keyboard import type_text
    from ui.qt import QApplication, QTimer

    saver = window.session.saver  # type: ignore[attr-defined]
    saves: list[list[float]] = []
    real_flush = saver.flush

    def flush() -> None:
        if saver._pending:
            saves.append([time.perf_counter(), float("inf")])
        real_flush()

    def written() -> None:
        if not saver.busy and saves:
            saves[-1][1] = time.perf_counter()

    if saving:
        saver.flush = flush
        saver.state_changed.connect(written)
    else:
        saver.edited = lambda key, read: None
    ticks: list[float] = []
    probe = QTimer(interval=PROBE_MS)
    probe.timeout.connect(lambda: ticks.append(time.perf_counter()))
    typist = QTimer(interval=KEY_INTERVAL_MS)
    letters = iter("les habitants se sont réunis dans l’ancienne école " * 20)
    typist.timeout.connect(lambda: type_text(editor, next(letters)))  # type: ignore[arg-type]
    probe.start()
    typist.start()
    end = time.perf_counter() + TYPING_SECONDS
    while time.perf_counter() < end:
        QApplication.processEvents()
        time.sleep(0.0005)
    typist.stop()
    window.session.flush_and_wait()  # type: ignore[attr-defined]
    probe.stop()
    gaps = list(itertools.pairwise(ticks))
    if not saving:
        return max((b - a) * 1000 for a, b in gaps), 0.0
    holds = [
        (b - a) * 1000 for a, b in gaps if any(a <= done and b >= start for start, done in saves)
    ]
    return max(holds, default=0.0), saver.longest_flush_ms


def bench_typing(folder: Path) -> None:
    from fieldkit.survey import Survey
    from ui.qt import QApplication

    path = folder / "long.fieldkit"
    text = ("Le collectif a d’abord testé une permanence mensuelle. " * 400)[:LONG_ANSWER]
    with Survey.create(path) as survey:
        initiative = survey.add_initiative("Tiers-lieu La Halte")
        interview = survey.add_interview(initiative, "2026-03-12")
        survey.set_answer(interview, "description_initiative", text)
    figures: dict[bool, tuple[float, float]] = {}
    for saving in (False, True):
        window = _window()
        assert window.open_path(path)  # type: ignore[attr-defined]
        window.open_interview(interview)  # type: ignore[attr-defined]
        page = window.interview.page  # type: ignore[attr-defined]
        editor = page.long_text("description_initiative")
        editor.setFocus()
        editor.moveCursor(editor.textCursor().MoveOperation.End)
        QApplication.processEvents()
        figures[saving] = _type_and_probe(window, editor, saving)
        window.close()  # type: ignore[attr-defined]
    base = figures[False][0]
    held, handover = figures[True]
    report("ui_typing_longest_hold_no_save", base, "ms", "ui_typing_longest_hold_no_save", base)
    report(
        "ui_typing_longest_hold_during_save",
        held,
        "ms",
        "ui_typing_longest_hold_no_save",
        base,
        "16ms",
    )
    report("ui_save_handover_longest", handover, "ms", "ui_typing_longest_hold_no_save", base)


def run() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with bench_folder() as folder:
        os.environ["XDG_CONFIG_HOME"] = str(folder / "xdg")
        bench_start(folder)
        bench_switch(folder)
        bench_typing(folder)


def main() -> None:
    run()


if __name__ == "__main__":
    main()
