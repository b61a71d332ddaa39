"""What reading a survey gives back: initiatives, interviews, repeat rows, revisions, conflicts.

Plain frozen records, so that the window and the exports hold values, not
live rows of the file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from fieldkit.errors import FieldkitError
from fieldkit.survey.changes import Change
from fieldkit.survey.hlc import to_iso

#: Attachments larger than this are refused: a survey file must still fit on
#: a USB key and in an e-mail to a colleague.
MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class InitiativeInfo:
    id: str
    name: str
    territory: str
    network: str
    kind: str
    deleted: bool


@dataclass(frozen=True)
class InterviewInfo:
    id: str
    initiative: str
    initiative_name: str
    date: str
    place: str
    interviewers: tuple[str, ...]
    status: str
    deleted: bool
    answered: int
    applicable: int
    last_change: str

    @property
    def completion(self) -> int:
        """Percent of the applicable questions answered."""
        return round(100 * self.answered / self.applicable) if self.applicable else 0


@dataclass(frozen=True)
class RepeatRow:
    """One row of a repeat group (e.g. one person met), with its column values."""

    id: str
    position: float
    values: dict[str, object]


def as_position(value: object) -> float:
    """Read a row's stored position; a damaged or missing one sorts first."""
    return float(value) if isinstance(value, int | float) else 0.0


@dataclass(frozen=True)
class Revision:
    """One saved value of a field, as history shows it."""

    change: str
    value: object
    author: str
    device: str
    time: str
    current: bool


@dataclass(frozen=True)
class Conflict:
    """A field two people changed without seeing each other's change."""

    entity: str
    entity_id: str
    field: str
    values: tuple[Revision, ...]

    @property
    def id(self) -> str:
        return f"{self.entity}/{self.entity_id}/{self.field}"


def text_of(value: object) -> str:
    return value if isinstance(value, str) else ""


def revision_of(change: Change, current: bool) -> Revision:
    return Revision(
        change=change.id,
        value=json.loads(change.value),
        author=change.author,
        device=change.device,
        time=to_iso(change.hlc),
        current=current,
    )


def initiative_info(initiative_id: str, fields: Mapping[str, object]) -> InitiativeInfo:
    return InitiativeInfo(
        id=initiative_id,
        name=text_of(fields.get("name")),
        territory=text_of(fields.get("territory")),
        network=text_of(fields.get("network")),
        kind=text_of(fields.get("kind")),
        deleted=bool(fields.get("deleted")),
    )


def split_conflict_id(conflict_id: str) -> tuple[str, str, str]:
    parts = conflict_id.split("/", 2)
    if len(parts) != 3:
        raise FieldkitError(f"not a conflict id: {conflict_id!r} (expected entity/id/field)")
    return parts[0], parts[1], parts[2]


def strings_of(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []
