"""A writer process for the durability test: types answers until it is killed.

Run as ``python tests/writer_process.py SURVEY INTERVIEW QUESTION...``. It opens
the survey the way the window does (``Survey.open``) and saves, through
``Survey.set_answer``, ever longer texts into the questions in turn, a few
saves per question in a row so that both the amend path and the new-revision
path are exercised. After each save has returned it prints
``saved QUESTION N`` and flushes: from then on, that answer must survive a
kill. Started again on the same file, it resumes after the longest text found.
"""

from __future__ import annotations

import sys

from fieldkit.survey import Survey

#: Consecutive saves of one question before moving to the next, as a person
#: types a few words into one box and then moves on.
SAVES_PER_QUESTION = 5


def text_of(n: int) -> str:
    """The answer written at step ``n``: ``n`` words, so a longer text is a later one."""
    return " ".join(f"mot{i}" for i in range(1, n + 1))


def step_of(text: object) -> int:
    """The step a saved answer was written at (0 for no answer)."""
    if not isinstance(text, str) or not text:
        return 0
    words = text.split(" ")
    if words != text_of(len(words)).split(" "):
        raise ValueError(f"not a text this writer writes: {text[:60]!r}")
    return len(words)


def question_at(step: int, questions: list[str]) -> str:
    return questions[(step // SAVES_PER_QUESTION) % len(questions)]


def main(argv: list[str]) -> None:
    path, interview, *questions = argv
    with Survey.open(path) as survey:
        answers = survey.answers(interview)
        step = max(step_of(answers.get(q)) for q in questions)
        while True:
            step += 1
            question = question_at(step, questions)
            survey.set_answer(interview, question, text_of(step))
            print(f"saved {question} {step}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
