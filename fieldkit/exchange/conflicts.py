"""Open conflicts, shown to a person, and the two ways of ending one.

A conflict is a field with several heads: two people changed it without
seeing each other's change (DESIGN.md §4). To choose well, a person needs
every value with its author, device and time, what the field is (which
question of which visit), and — when there is one — the *common earlier
version*: the latest value every head was written over, so that "who changed
what" is plain.

Ending a conflict writes one new change that supersedes every head: either
the value of one of them (:func:`keep`) or a new one, such as a combined text
(:func:`resolve_with`). That change merges like any other, so resolving on one
laptop ends the conflict everywhere the change goes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from fieldkit.errors import FieldkitError
from fieldkit.guide import from_strings
from fieldkit.survey import Change, Conflict, Revision, Survey, decode

#: The shortest change-id prefix ``keep`` accepts instead of a whole id.
SHORTEST_PREFIX = 6


@dataclass(frozen=True)
class OpenConflict:
    """A conflict as a person sees it: what the field is, its values, their common past."""

    conflict: Conflict
    what: str
    earlier: Revision | None

    @property
    def id(self) -> str:
        return self.conflict.id


def common_earlier(changes: Iterable[Change], head_ids: Sequence[str]) -> Change | None:
    """The latest change every head supersedes, directly or through others, if any.

    Changes dropped by amend-in-place are not in the file; the walk goes past
    the ids it cannot find.
    """
    by_id = {change.id: change for change in changes}

    def earlier_than(change_id: str) -> set[str]:
        seen: set[str] = set()
        waiting = list(by_id[change_id].superseded_ids) if change_id in by_id else []
        while waiting:
            found = waiting.pop()
            if found in seen or found not in by_id:
                continue
            seen.add(found)
            waiting.extend(by_id[found].superseded_ids)
        return seen

    shared = set.intersection(*(earlier_than(h) for h in head_ids)) if head_ids else set()
    if not shared:
        return None
    return max((by_id[i] for i in shared), key=lambda change: change.order)


def open_conflicts(survey: Survey) -> list[OpenConflict]:
    """Every open conflict of the survey, with what it is about and its common past."""
    found = []
    for conflict in survey.conflicts():
        key = (conflict.entity, conflict.entity_id, conflict.field)
        changes = survey.log.changes_of(key)
        earlier = common_earlier(changes, [v.change for v in conflict.values])
        past = survey.history(*key)
        revision = next((r for r in past if earlier and r.change == earlier.id), None)
        found.append(OpenConflict(conflict, describe_field(survey, *key), revision))
    return found


def describe_field(survey: Survey, entity: str, entity_id: str, field: str) -> str:
    """Say in words which field this is: the question and the visit, or the item."""
    if entity == "answer":
        label = _question_label(survey, entity_id, field)
        return f"answer to « {label} », {_visit(survey, entity_id)}"
    if entity == "row_answer":
        row = survey.log.fields("row", entity_id)
        interview = str(row.get("interview", ""))
        label = _question_label(survey, interview, field)
        return f"« {label} » in a row of {_visit(survey, interview)}"
    if entity == "initiative":
        name = survey.log.fields("initiative", entity_id).get("name", entity_id)
        return f"{field} of the initiative « {name} »"
    if entity == "interview":
        return f"{field} of {_visit(survey, entity_id)}"
    interview = str(survey.log.fields(entity, entity_id).get("interview", ""))
    if interview:
        return f"{field} of a {entity} of {_visit(survey, interview)}"
    return f"{field} of the {entity}"


def _question_label(survey: Survey, interview: str, question_id: str) -> str:
    try:
        question = survey.guide_for(interview).question(question_id)
    except FieldkitError:
        question = None
    return question.label.get() if question is not None else question_id


def _visit(survey: Survey, interview: str) -> str:
    fields = survey.log.fields("interview", interview)
    initiative = survey.log.fields("initiative", str(fields.get("initiative", "")))
    name = initiative.get("name", "")
    when = fields.get("date", "")
    return f"the visit of {when} to {name}" if name else f"the visit of {when}"


def find_conflict(survey: Survey, conflict_id: str) -> Conflict:
    for conflict in survey.conflicts():
        if conflict.id == conflict_id:
            return conflict
    raise FieldkitError(f"{survey.path}: no open conflict {conflict_id!r}")


def keep(survey: Survey, conflict_id: str, change_id: str) -> None:
    """End a conflict by keeping one of its values (a change id, or a unique prefix of one)."""
    conflict = find_conflict(survey, conflict_id)
    chosen = _chosen(conflict, change_id)
    if chosen is None:
        known = ", ".join(v.change for v in conflict.values)
        raise FieldkitError(
            f"{survey.path}: {change_id!r} is not one of the values of conflict "
            f"{conflict_id} (they are {known})"
        )
    survey.resolve(conflict_id, chosen.value)


def _chosen(conflict: Conflict, change_id: str) -> Revision | None:
    if len(change_id) < SHORTEST_PREFIX:
        matches = [v for v in conflict.values if v.change == change_id]
    else:
        matches = [v for v in conflict.values if v.change.startswith(change_id)]
    return matches[0] if len(matches) == 1 else None


def resolve_with(survey: Survey, conflict_id: str, words: Sequence[str]) -> None:
    """End a conflict with a value typed by a person (a combined text, say).

    An answer is read and checked as its question wants, as ``fieldkit
    answer`` does; any other field takes one text, or several words where its
    values are lists.
    """
    conflict = find_conflict(survey, conflict_id)
    if conflict.entity == "answer":
        question = survey.guide_for(conflict.entity_id).question(conflict.field)
        if question is not None:
            survey.set_answer(conflict.entity_id, conflict.field, from_strings(question, words))
            return
    if conflict.entity == "row_answer":
        row = survey.log.fields("row", conflict.entity_id)
        column = survey.guide_for(str(row.get("interview", ""))).question(conflict.field)
        if column is not None:
            survey.set_row_answer(conflict.entity_id, conflict.field, from_strings(column, words))
            return
    survey.resolve(conflict_id, _typed_value(survey, conflict, words))


def _typed_value(survey: Survey, conflict: Conflict, words: Sequence[str]) -> object:
    """Read words as a value of the kind the conflicting values are."""
    values = [v.value for v in conflict.values]
    if all(isinstance(v, list) for v in values):
        return list(words)
    if len(words) != 1:
        raise FieldkitError(f"{survey.path}: {conflict.id} takes one value, got {len(words)}")
    if all(isinstance(v, str) for v in values):
        return words[0]
    try:
        return decode(words[0])
    except json.JSONDecodeError:
        raise FieldkitError(
            f"{survey.path}: {conflict.id} takes a value like {json.dumps(values[0])}, "
            f"not {words[0]!r}"
        ) from None
