"""The listing's completion is the guide's own count, computed for every interview at once.

``Survey.interviews()`` counts answers for thousands of interviews in a few
queries; whatever the answers, skip logic, bound fields and repeat rows, it
must agree with ``interview_completion`` applied to one interview's answers
(a repeat group counts once its rows lack no required answer).
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldkit.errors import FieldkitError
from fieldkit.guide.loader import load_guide
from fieldkit.guide.model import Question
from fieldkit.survey import Survey, interview_completion
from fieldkit.survey.device import Device

GUIDE = load_guide()
QUESTIONS = [q for q in GUIDE.questions if q.answerable and q.type != "repeat"]
REPEAT = "personnes_rencontrees"
KINDS = ["", *(c.value for c in GUIDE.question("type_initiative").choices)]  # type: ignore[union-attr]


def candidates(question: Question) -> list[object]:
    """Values worth trying for a question: empty ones, each choice, and a plain one."""
    choices = [c.value for c in question.choices]
    by_type: dict[str, list[object]] = {
        "select_one": list(choices),
        "select_multiple": [*([c] for c in choices), choices[:2]],
        "integer": [2015, 40],
        "decimal": [2.5],
        "scale": [1, 3],
        "date": ["2026-03-04"],
    }
    return [None, "", *by_type.get(question.type, ["réponse"])]


answers = st.lists(
    st.tuples(st.sampled_from(QUESTIONS), st.integers(0, 20)),
    max_size=25,
)
interviews = st.tuples(
    st.sampled_from(KINDS),
    answers,
    st.lists(st.tuples(st.booleans(), st.booleans()), max_size=3),  # rows: deleted? consent?
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "vide.fieldkit"
    Survey.create(path, device=Device("device-base", "Base")).close()
    return path


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(visits=st.lists(interviews, min_size=1, max_size=3))
def test_listed_completion_is_the_guides_count_of_each_interviews_answers(
    template: Path, visits: list[tuple[str, list[tuple[Question, int]], list[tuple[bool, bool]]]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "enquête.fieldkit"
        shutil.copyfile(template, path)
        with Survey.open(path, device=Device("device-A", "A")) as survey:
            for kind, given_answers, rows in visits:
                initiative = survey.add_initiative("Atelier vélo", kind=kind)
                interview = survey.add_interview(initiative, "2026-03-04")
                for question, pick in given_answers:
                    values = candidates(question)
                    # A value a constraint refuses is refused, as it would be to a person.
                    with contextlib.suppress(FieldkitError):
                        survey.set_answer(interview, question.id, values[pick % len(values)])
                for deleted, consent in rows:
                    cells = {"personne_nom": "Agnès", "personne_consentement": "oui"}
                    if not consent:
                        del cells["personne_consentement"]
                    row = survey.add_row(interview, REPEAT, cells)
                    if deleted:
                        survey.delete("row", row)

            listed = survey.interviews()
            assert len(listed) == len(visits)
            for info in listed:
                guide = survey.guide_for(info.id)
                expected = interview_completion(guide, survey.answers(info.id))
                assert (info.answered, info.applicable) == expected
