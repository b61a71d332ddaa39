"""The writing view's speed: reading a narrative out of the editor, and changing section.

- *markup*: writing a long narrative (paragraphs with bold and italic words,
  bulleted lists, quotations) out of the editor's document in the core's
  markup — what every autosave of a section does — against Qt's own
  ``toMarkdown`` on the same document;
- *section*: putting another section of the demo's most written monograph on
  screen (text, material, authors), against reading that section's material
  through the core (what any switch must do).

Everything runs offscreen (``QT_QPA_PLATFORM=offscreen``).
"""

from __future__ import annotations

import os
import time

from tests.bench import bench_folder, median, report

ROUNDS = 30
PARAGRAPHS = 60
WRITTEN = "L’Escale"

PARAGRAPH = (
    "À L’Escale, l’innovation ne se **nomme** pas : on a *juste* refusé que le village "
    "meure. Le café, l’épicerie et les permanences se sont greffés au fil des besoins, "
    "sans plan écrit, sur la parole des habitants réunis chaque mois."
)
QUOTATION = "> Quand la poste a fermé, on se croisait plus qu’aux enterrements.\n> — Bernard Rouch"
BULLETS = "- un lieu ouvert toute l’année ;\n- un débouché pour les producteurs."


def long_narrative(paragraphs: int) -> str:
    blocks = []
    for number in range(paragraphs):
        blocks.append(PARAGRAPH)
        if number % 5 == 0:
            blocks.append(QUOTATION)
        if number % 7 == 0:
            blocks.append(BULLETS)
    return "\n\n".join(blocks)


def bench_markup(rounds: int, paragraphs: int) -> None:
    from ui.qt import QTextDocument
    from ui.writing.document import fill, markup_of

    document = QTextDocument()
    fill(document, long_narrative(paragraphs))
    ours, qts = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        markup_of(document)
        ours.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        document.toMarkdown()
        qts.append((time.perf_counter() - started) * 1000)
    base = median(qts)
    report("writing_qt_to_markdown", base, "ms", "writing_qt_to_markdown", base)
    report("writing_markup_of_narrative", median(ours), "ms", "writing_qt_to_markdown", base)


def bench_section(rounds: int) -> None:
    from fieldkit.export import section_material
    from fieldkit.survey import Survey, build_demo
    from ui.app import build_window
    from ui.qt import QApplication
    from ui.settings import Settings

    with bench_folder() as folder:
        os.environ["XDG_CONFIG_HOME"] = str(folder / "xdg")  # the window's settings
        demo = folder / "demo.fieldkit"
        build_demo(demo)
        window = build_window(Settings())
        window.resize(1366, 768)
        window.show()
        assert window.open_path(demo)
        assert window.session is not None
        initiative = next(i for i in window.session.reader.initiatives() if WRITTEN in i.name)
        view = window.writing.write(initiative.id)
        assert view is not None
        sections = [row.section for row in view.outline.rows()]
        samples = []
        for number in range(rounds):
            started = time.perf_counter()
            view.show_section((number + 1) % len(sections))
            window.repaint()
            QApplication.processEvents()
            samples.append((time.perf_counter() - started) * 1000)
        window.close()
        baseline = []
        with Survey.open(demo, readonly=True) as survey:
            for number in range(rounds):
                started = time.perf_counter()
                section_material(survey, initiative.id, sections[(number + 1) % len(sections)])
                baseline.append((time.perf_counter() - started) * 1000)
    base = median(baseline)
    report("writing_read_section_material", base, "ms", "writing_read_section_material", base)
    report("writing_show_section", median(samples), "ms", "writing_read_section_material", base)


def run(rounds: int = ROUNDS, paragraphs: int = PARAGRAPHS) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.app import make_app

    make_app(["fieldkit-bench"])
    bench_markup(rounds, paragraphs)
    bench_section(rounds)


def main() -> None:
    run()


if __name__ == "__main__":
    main()
