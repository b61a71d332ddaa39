"""Each interview's progress, remembered by the file for the next listing.

Counting what an interview has answered takes its guide and the skip-logic
engine, which cost more to load than the rest of a survey's overview, and
more again for thousands of interviews. The counts are a pure function of
the file's content, so the file keeps the last ones it was given (in its
``local`` table, which is neither merged nor dumped) with the *generation*
they were counted at: a number raised with every change the log gains or
loses (:data:`~fieldkit.survey.schema.GENERATION_KEY`). A listing uses
them while the generation and fieldkit's version are unchanged, and counts
afresh otherwise: remembered counts can be missing, never wrong.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

from fieldkit import __version__
from fieldkit.survey.schema import GENERATION_KEY

if TYPE_CHECKING:
    from fieldkit.survey.completion import Completion, GuideSource
    from fieldkit.survey.records import InitiativeInfo
    from fieldkit.survey.store import ChangeLog

    class Survey(GuideSource, Protocol):
        """What counting reads of a :class:`~fieldkit.survey.Survey`."""

        def initiatives(self, include_deleted: bool = False) -> list[InitiativeInfo]: ...


PROGRESS_KEY = "progress"


def completions(
    survey: Survey,
    interviews: Mapping[str, Mapping[str, object]],
    initiatives: Mapping[str, InitiativeInfo],
) -> dict[str, Completion]:
    """``(answered, applicable, last change stamp)`` of each interview: remembered, or counted."""
    kept = remembered(survey.log, interviews)
    if kept is not None:
        return kept
    from fieldkit.survey.completion import interview_completions  # loads the guide's engine

    return interview_completions(survey, interviews, initiatives)


def remember(survey: Survey) -> None:
    """Count every interview's progress and keep it in the file, unless what it keeps holds.

    The window does this on closing a survey, so that opening it next time
    shows the overview without loading a guide.
    """
    log = survey.log
    with log.transaction():
        interviews = log.entities("interview")
        if remembered(log, interviews) is not None:
            return
        initiatives = {i.id: i for i in survey.initiatives(include_deleted=True)}
        kept = {
            "generation": log.local(GENERATION_KEY),
            "version": __version__,
            "interviews": {
                interview: list(count)
                for interview, count in completions(survey, interviews, initiatives).items()
            },
        }
        log.set_local(PROGRESS_KEY, json.dumps(kept, separators=(",", ":")))


def remembered(log: ChangeLog, interviews: Mapping[str, object]) -> dict[str, Completion] | None:
    """The counts the file keeps for ``interviews``, if nothing was written since they were made."""
    try:
        kept = json.loads(log.local(PROGRESS_KEY) or "")
        if kept["generation"] != log.local(GENERATION_KEY) or kept["version"] != __version__:
            return None
        counts = kept["interviews"]
        return {interview: _completion(counts[interview]) for interview in interviews}
    except (KeyError, TypeError, ValueError):  # none kept yet, or not in this shape
        return None


def _completion(value: object) -> Completion:
    if not (isinstance(value, list) and len(value) == 3):
        raise ValueError(value)
    answered, applicable, last = (int(number) for number in value)
    return answered, applicable, last
