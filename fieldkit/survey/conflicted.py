"""Which questions of an interview hold an answer in conflict.

Someone about to type over one of two versions should see that there are two:
the interview marks those questions. A question bound to the visit or the
initiative counts, and a cell of a repeat row counts for its group, which is
what the page shows.
"""

from __future__ import annotations

from fieldkit.survey.file import Survey
from fieldkit.survey.records import text_of


def conflicted_questions(survey: Survey, interview_id: str) -> dict[str, str]:
    """The interview's questions whose answer is in conflict, with the conflict's id."""
    guide = survey.guide_for(interview_id)
    initiative = text_of(survey.interview_fields(interview_id).get("initiative"))
    owners = {"answer": interview_id, "interview": interview_id, "initiative": initiative}
    bound = {tuple(q.bind.split(".", 1)): q.id for q in guide.questions if q.bind}
    found: dict[str, str] = {}
    for state in survey.log.conflicted():
        entity, entity_id, field = state.entity, state.entity_id, state.field
        question: str | None = None
        if entity == "row_answer":
            row = survey.log.fields("row", entity_id)
            if row.get("interview") == interview_id:
                question = text_of(row.get("repeat"))
        elif owners.get(entity) == entity_id:
            question = field if entity == "answer" else bound.get((entity, field))
        if question:
            found.setdefault(question, f"{entity}/{entity_id}/{field}")
    return found


def conflicted_interviews(survey: Survey) -> set[str]:
    """The interviews holding a conflict: in an answer, a field of the visit, a list's
    entry, or a quote, note or attachment of the visit (for the overview's marks)."""
    found: set[str] = set()
    for state in survey.log.conflicted():
        if state.entity in {"answer", "interview"}:
            found.add(state.entity_id)
            continue
        owner = "row" if state.entity == "row_answer" else state.entity
        interview = survey.log.fields(owner, state.entity_id).get("interview")
        if isinstance(interview, str) and interview:
            found.add(interview)
    return found
