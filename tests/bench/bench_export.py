"""Writing Word documents: a big monograph and a big synthesis, against pandoc.

- *monograph*: one initiative, 10 visits of 80 answers of about 300 words
  (every long-text question of the guide, the rest as quotes) and 20 photos;
- *synthesis*: 50 initiatives of 3 visits, every long-text answer about 300
  words; its time and peak memory (target: 10 s, 300 MB).

The baseline is pandoc (Debian's package) turning the same content, written
as Markdown with the same images, into a .docx, in the same run. Each side is
timed as a whole process (start-up included) with its peak resident memory
read from the kernel, so both are measured the same way. Without pandoc the
figures are printed with a note and no ratio.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

from fieldkit.guide.model import Question
from fieldkit.survey import Survey
from tests.bench import bench_folder, report
from tests.export.helpers import png

WORDS = [
    "coopération",
    "territoire",
    "habitants",
    "commune",
    "atelier",
    "réseau",
    "bénévoles",
    "emploi",
    "insertion",
    "mobilité",
    "services",
    "proximité",
    "association",
    "collectif",
    "projet",
    "besoin",
    "élus",
    "techniciens",
    "partenaires",
    "financement",
    "économie",
    "solidaire",
    "locale",
    "accompagnement",
    "dynamique",
]


def prose(rng: random.Random, words: int) -> str:
    """About ``words`` words in sentences, split into paragraphs of about 100 words."""
    sentences = []
    for _ in range(words // 12):
        sentence = " ".join(rng.choice(WORDS) for _ in range(12))
        sentences.append(sentence[0].upper() + sentence[1:] + ".")
    paragraphs = [" ".join(sentences[i : i + 8]) for i in range(0, len(sentences), 8)]
    return "\n\n".join(paragraphs)


def _long_questions(survey: Survey) -> list[Question]:
    return [q for q in survey.guide.questions if q.type == "long_text" and not q.bind]


def populate(
    survey: Survey,
    folder: Path,
    initiatives: int,
    visits: int,
    answers: int,
    words: int,
    photos_per_visit: int,
) -> str:
    """Fill a survey; return the same content as Markdown (for pandoc)."""
    rng = random.Random(2026)
    markdown = []
    questions = _long_questions(survey)
    with survey.log.transaction():
        for number in range(initiatives):
            name = f"Initiative {number + 1}"
            initiative = survey.add_initiative(name, territory="Territoire", kind="tiers_lieu")
            markdown.append(f"# {name}\n")
            for visit in range(visits):
                day = f"2026-{visit % 12 + 1:02d}-{visit % 27 + 1:02d}"
                interview = survey.add_interview(initiative, day, "Lieu", ["Camille Roussel"])
                markdown.append(f"## Visite du {day}\n")
                for index in range(answers):
                    text = prose(rng, words)
                    if index < len(questions):
                        survey.set_answer(interview, questions[index].id, text)
                        markdown.append(f"### {questions[index].label.get()}\n\n{text}\n")
                    else:
                        survey.add_quote(interview, text, "Une personne rencontrée")
                        markdown.append(f"> {text.replace(chr(10) * 2, chr(10) + '>' + chr(10))}\n")
                for photo in range(photos_per_visit):
                    path = folder / f"photo-{number}-{visit}-{photo}.png"
                    path.write_bytes(_photo(rng))
                    survey.attach(interview, path, caption=f"Photo {photo + 1}")
                    markdown.append(f"![Photo {photo + 1}]({path.name}){{width=100%}}\n")
    return "\n".join(markdown)


def _photo(rng: random.Random) -> bytes:
    """A 640×480 picture of noise: it compresses as badly as a real photo."""
    return png(640, 480, (rng.randrange(256), rng.randrange(256), rng.randrange(256)), noisy=True)


def measure(command: list[str], cwd: Path) -> tuple[float, float]:
    """Run a process; return its wall time (s) and peak resident memory (MB)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{command[0]} failed")
    peak_kb = usage.ru_maxrss
    return elapsed, peak_kb / 1024


def fieldkit_command(kind: str, survey: Path, out: Path) -> list[str]:
    code = (
        "import sys; from fieldkit.survey import Survey; from fieldkit import export\n"
        "s = Survey.open(sys.argv[2], readonly=True)\n"
        "if sys.argv[1] == 'monograph':\n"
        "    export.write_monograph(s, s.initiatives()[0].id, sys.argv[3], include_drafts=True)\n"
        "else:\n"
        "    export.write_synthesis(s, sys.argv[3], include_drafts=True)\n"
    )
    return [sys.executable, "-c", code, kind, str(survey), str(out)]


def _compare(name: str, folder: Path, survey: Path, markdown: str, targets: str) -> None:
    seconds, megabytes = measure(fieldkit_command(name, survey, folder / f"{name}.docx"), folder)
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        print(
            f"bench export_{name} {seconds:.3g} s (pandoc not installed: no ratio) target={targets}"
        )
        print(f"bench export_{name}_peak_memory {megabytes:.4g} MB (pandoc not installed)")
        return
    source = folder / f"{name}.md"
    source.write_text(markdown, encoding="utf-8")
    command = [pandoc, source.name, "-o", f"{name}-pandoc.docx"]
    base_seconds, base_megabytes = measure(command, folder)
    report(f"export_{name}", seconds, "s", "pandoc_markdown_to_docx", base_seconds, targets)
    report(f"export_{name}_peak_memory", megabytes, "MB", "pandoc_markdown_to_docx", base_megabytes)


def run(
    monograph_visits: int = 10,
    answers: int = 80,
    words: int = 300,
    photos: int = 20,
    synthesis_initiatives: int = 50,
    synthesis_visits: int = 3,
) -> None:
    with bench_folder() as folder:
        survey_path = folder / "monographie.fieldkit"
        with Survey.create(survey_path) as survey:
            markdown = populate(
                survey, folder, 1, monograph_visits, answers, words, photos // monograph_visits
            )
        _compare("monograph", folder, survey_path, markdown, "ratio<=1")
    with bench_folder() as folder:
        survey_path = folder / "synthese.fieldkit"
        with Survey.create(survey_path) as survey:
            long_answers = len(_long_questions(survey))
            markdown = populate(
                survey, folder, synthesis_initiatives, synthesis_visits, long_answers, words, 0
            )
        _compare("synthesis", folder, survey_path, markdown, "10s,300MB")


def main() -> None:
    run()


if __name__ == "__main__":
    main()
