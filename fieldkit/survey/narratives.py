"""The narratives of a monograph: what an author writes for each section of an initiative.

A narrative is an initiative field named ``narrative:SECTION`` (see
:data:`~fieldkit.survey.changes.NARRATIVE_PREFIX`), written through the change
log like any answer: every save is a change, so history, full-text search,
merge and conflicts work on narratives exactly as on answers. Two people
writing two sections on two laptops merge without a conflict; the same section
written on both is a conflict, listed with the others.

The text is a small, plain subset of Markdown (:mod:`fieldkit.survey.markup`),
so that it reads well in a conflict, a search hit or a terminal, and so that
Qt's text editor reads and writes it as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from fieldkit.errors import FieldkitError
from fieldkit.guide import clean_text
from fieldkit.survey.changes import NARRATIVE_PREFIX
from fieldkit.survey.hlc import to_iso
from fieldkit.survey.records import text_of
from fieldkit.survey.store import ChangeLog

if TYPE_CHECKING:
    from fieldkit.guide import Outline


@dataclass(frozen=True)
class Narrative:
    """The text of one section of an initiative's monograph, and who wrote it."""

    section: str
    text: str
    #: Who saved the text shown, and when (ISO 8601).
    author: str
    time: str
    #: Everyone who saved a version of it, in the order they first did.
    authors: tuple[str, ...]
    #: The conflict's id when two versions were written without seeing each
    #: other (resolve it like any conflict); None otherwise.
    conflict: str | None = None


def narrative_field(section_id: str) -> str:
    """The initiative field that holds a section's narrative."""
    return NARRATIVE_PREFIX + section_id


def write_narrative(
    log: ChangeLog, outline: Outline, initiative_id: str, section_id: str, text: str
) -> None:
    """Save a section's narrative ("" clears it); the section must be in the outline."""
    if outline.section(section_id) is None:
        known = ", ".join(s.id for s in outline.sections)
        raise FieldkitError(
            f"{log.path}: the monograph's outline has no section {section_id!r} "
            f"(its sections: {known})"
        )
    log.write("initiative", initiative_id, narrative_field(section_id), clean_text(text).strip())


def latest_guide(log: ChangeLog, initiative_id: str) -> str | None:
    """The hash of the guide the initiative's latest visit was answered with, if any."""
    visits = [
        fields
        for fields in log.entities("interview").values()
        if fields.get("initiative") == initiative_id and not fields.get("deleted")
    ]
    latest = max(visits, key=lambda f: text_of(f.get("date")), default={})
    digest = latest.get("guide")
    return digest if isinstance(digest, str) else None


def read_narratives(log: ChangeLog, initiative_id: str) -> dict[str, Narrative]:
    """Every section of the initiative that has a text, by section id."""
    found = {}
    for field, value in log.fields("initiative", initiative_id).items():
        if not field.startswith(NARRATIVE_PREFIX) or not text_of(value).strip():
            continue
        section = field[len(NARRATIVE_PREFIX) :]
        found[section] = _narrative(log, initiative_id, section, text_of(value))
    return found


def _narrative(log: ChangeLog, initiative_id: str, section: str, text: str) -> Narrative:
    key = ("initiative", initiative_id, narrative_field(section))
    state = log.get(*key)
    changes = log.changes_of(key)
    authors = tuple(dict.fromkeys(c.author for c in changes if c.author))
    in_conflict = state is not None and state.in_conflict
    return Narrative(
        section=section,
        text=text,
        author=state.author if state else "",
        time=to_iso(state.hlc) if state else "",
        authors=authors,
        conflict="/".join(key) if in_conflict else None,
    )
