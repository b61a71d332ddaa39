"""The desktop's save path, saving in a loop until the process is killed.

    python tests/ui/saving_process.py SURVEY INTERVIEW QUESTION...

Opens the survey as the window does (:class:`ui.session.SurveySession`: the
writer thread, the reader connection, the autosaver) and hands the autosaver
one edit after another, each a longer text, a few in a row per question as a
person types into one box then moves on. Once the autosaver says an edit is
written (its ``saved`` signal), it prints ``saved QUESTION N``: from then
on, that text must survive a kill. It reads each saved answer back through
the reader connection, as the window does to refresh what it shows, so
checkpoints meet readers as they do in the window. Started again on the
same file, it resumes after the longest text found.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ui.qt import QApplication, QTimer
from ui.session.autosave import SaveKey
from ui.session.survey_session import SurveySession

#: Consecutive saves of one question before moving to the next.
SAVES_PER_QUESTION = 5
#: Every text is this long, so that a hundred rounds of saving cost the same
#: as the first: the step number at its start says which save it was.
FILLER = " — " + "on répare aussi les gens " * 80


def text_of(step: int) -> str:
    return f"étape {step}{FILLER}"


def step_of(text: object) -> int:
    """The step a saved answer was written at (0 for no answer)."""
    if not isinstance(text, str) or not text:
        return 0
    number = text.removeprefix("étape ").removesuffix(FILLER)
    if not number.isdigit() or text != text_of(int(number)):
        raise ValueError(f"not a text this session writes: {text[:60]!r}")
    return int(number)


def question_at(step: int, questions: list[str]) -> str:
    return questions[(step // SAVES_PER_QUESTION) % len(questions)]


def main(survey: str, interview: str, *questions: str) -> int:
    app = QApplication([sys.argv[0]])
    session = SurveySession(Path(survey))
    answers = session.reader.answers(interview)
    step = max(step_of(answers.get(question)) for question in questions)

    def edit_next() -> None:
        nonlocal step
        step += 1
        text = text_of(step)
        key = SaveKey.answer(interview, question_at(step, list(questions)))
        session.saver.edited(key, lambda: text)
        session.saver.flush()

    def confirmed(keys: list[SaveKey]) -> None:
        for key in keys:
            shown = step_of(session.reader.answers(interview).get(key.question))
            if shown != step:
                print(f"the reader shows step {shown}, not {step}", file=sys.stderr, flush=True)
                app.exit(1)
                return
            print(f"saved {key.question} {step}", flush=True)
        QTimer.singleShot(0, edit_next)

    def refused(key: SaveKey, message: str) -> None:
        print(f"refused {key.question}: {message}", file=sys.stderr, flush=True)
        app.exit(1)

    session.saver.saved.connect(confirmed)
    session.saver.refused.connect(refused)
    QTimer.singleShot(0, edit_next)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
