"""What a merge brought, by kind, in words a person reads: the merge report.

The same kinds serve the command line (in English, here) and the window (in
French and English, in ``ui/exchange``): new initiatives, interviews, answers
and quotes, notes and attachments; revisions of what was there; deletions,
restorations and renames; guides; and the conflicts that came with them
(DESIGN.md §5). A change that moves nothing a person sees (an earlier version
of an answer, say) is counted as a change only.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from fieldkit.messages import translate
from fieldkit.survey import Absorbed, Transition

_ANSWERS = ("answer", "row_answer")
_RENAMED = {("initiative", "name"), ("survey", "title")}
#: Entities whose arrival is counted as such, by the name of their count.
_NEW = {
    "initiative": "initiatives",
    "interview": "interviews",
    "quote": "quotes",
    "note": "notes",
    "attachment": "attachments",
}


@dataclass(frozen=True)
class Counts:
    """What came in, by kind; ``changes`` and ``blobs`` count rows."""

    initiatives: int = 0
    interviews: int = 0
    answers: int = 0
    revisions: int = 0
    deletions: int = 0
    restorations: int = 0
    renames: int = 0
    quotes: int = 0
    notes: int = 0
    attachments: int = 0
    guides: int = 0
    conflicts: int = 0
    changes: int = 0
    blobs: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @property
    def anything(self) -> bool:
        return bool(self.changes or self.guides or self.blobs)

    def kinds(self) -> list[tuple[str, int]]:
        """The kinds a person is told about, in the report's order, with their counts."""
        return [(kind, getattr(self, kind)) for kind in KINDS if getattr(self, kind)]

    def describe(self, language: str = "en") -> str:
        """One line for a person: what came in, by kind, and how many changes that was."""
        words = WORDS["fr" if language == "fr" else "en"]
        if not self.anything:
            return words["nothing"][0]
        shown = ", ".join(_count(n, *words[kind]) for kind, n in self.kinds())
        total = _count(self.changes, *words["changes"]) or f"0 {words['changes'][1]}"
        return f"{shown or words['earlier'][0]} ({total})"


#: The kinds a report names, in order.
KINDS = (
    "initiatives",
    "interviews",
    "answers",
    "revisions",
    "deletions",
    "restorations",
    "renames",
    "quotes",
    "notes",
    "attachments",
    "guides",
    "conflicts",
)
WORDS = {
    "en": {
        "initiatives": ("new initiative", "new initiatives"),
        "interviews": ("new interview", "new interviews"),
        "answers": ("new answer", "new answers"),
        "revisions": ("revision", "revisions"),
        "deletions": ("deletion", "deletions"),
        "restorations": ("restoration", "restorations"),
        "renames": ("rename", "renames"),
        "quotes": ("new quote", "new quotes"),
        "notes": ("new note", "new notes"),
        "attachments": ("new attachment", "new attachments"),
        "guides": ("new guide", "new guides"),
        "conflicts": ("new conflict", "new conflicts"),
        "changes": ("change", "changes"),
        "nothing": ("nothing new", ""),
        "earlier": ("earlier versions only", ""),
        "skipped": ("skipped", ""),
    },
    "fr": {
        "initiatives": ("nouvelle initiative", "nouvelles initiatives"),
        "interviews": ("nouvel entretien", "nouveaux entretiens"),
        "answers": ("nouvelle réponse", "nouvelles réponses"),
        "revisions": ("révision", "révisions"),
        "deletions": ("suppression", "suppressions"),
        "restorations": ("restauration", "restaurations"),
        "renames": ("changement de nom", "changements de nom"),
        "quotes": ("nouvelle citation", "nouvelles citations"),
        "notes": ("nouvelle note", "nouvelles notes"),
        "attachments": ("nouvelle pièce jointe", "nouvelles pièces jointes"),
        "guides": ("nouveau guide", "nouveaux guides"),
        "conflicts": ("nouveau conflit", "nouveaux conflits"),
        "changes": ("modification", "modifications"),
        "nothing": ("rien de nouveau", ""),
        "earlier": ("des versions antérieures seulement", ""),
        "skipped": ("ignoré", ""),
    },
}


def _count(number: int, singular: str, plural: str) -> str:
    if not number:
        return ""
    return f"{number} {singular if number == 1 else plural}"


def counts_of(absorbed: Absorbed) -> Counts:
    """Sort what one absorbed source did to the survey's fields into the report's kinds."""
    found = {name: absorbed.new_entities.get(entity, 0) for entity, name in _NEW.items()}
    for name in ("answers", "revisions", "deletions", "restorations", "renames", "conflicts"):
        found[name] = 0
    for moved in absorbed.transitions:
        found["conflicts"] += moved.count if moved.newly_conflicted else 0
        kind = _kind(moved)
        if kind is not None:
            found[kind] += moved.count
    return Counts(**found, guides=absorbed.guides, changes=absorbed.changes, blobs=absorbed.blobs)


def _kind(moved: Transition) -> str | None:
    """The kind one group of moved fields counts as, if a person sees it move."""
    if not moved.differs:
        return None
    if moved.entity in _ANSWERS:
        return "answers" if moved.was_absent else "revisions"
    if moved.new_entity:
        return None  # counted as a new initiative, interview, quote… (or a row's part)
    if moved.field == "deleted":
        if moved.after == "true":
            return "deletions"
        return "restorations" if moved.before == "true" else None
    if (moved.entity, moved.field) in _RENAMED:
        return "renames"
    return "revisions"


@dataclass(frozen=True)
class SourceReport:
    """What one source brought to the target (or why it was left aside)."""

    path: Path
    counts: Counts = Counts()
    skipped: str | None = None
    #: Left aside because it belongs to another survey (a folder may hold several).
    other_survey: bool = False

    @property
    def brought_anything(self) -> bool:
        return self.skipped is None and self.counts.anything

    def describe(self, language: str = "en") -> str:
        """One line for a person: what came in from this file."""
        if self.skipped is not None:
            skipped = WORDS["fr" if language == "fr" else "en"]["skipped"][0]
            colon = "\u00a0:" if language == "fr" else ":"
            return f"{skipped}{colon} {translate(self.skipped, language)}"
        return self.counts.describe(language)
