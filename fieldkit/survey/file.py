"""A survey: initiatives, their interviews, answers, quotes, notes and attachments.

This is the domain layer the command line and the window both use. It speaks
of initiatives and answers; every write goes down to the change log
(:mod:`fieldkit.survey.store`), so merges see everything.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from fieldkit import guide as guides  # loads on first use: a listing needs no guide
from fieldkit.errors import FieldkitError
from fieldkit.files import read_to_keep
from fieldkit.guide import check_constraint, clean_text, iso_date, normalize
from fieldkit.ids import new_id
from fieldkit.survey import narratives as _narratives
from fieldkit.survey import progress
from fieldkit.survey.changes import decode
from fieldkit.survey.device import Device, current_device
from fieldkit.survey.hlc import to_iso
from fieldkit.survey.identity import SURVEY_ID, SurveyIdentity, new_survey_id, read_identity
from fieldkit.survey.opening import missing_item
from fieldkit.survey.records import (
    MAX_ATTACHMENT_BYTES,
    Conflict,
    InitiativeInfo,
    InterviewInfo,
    RepeatRow,
    Revision,
    as_position,
    initiative_info,
    revision_of,
    split_conflict_id,
    strings_of,
    text_of,
)
from fieldkit.survey.store import ChangeLog, FieldState

if TYPE_CHECKING:  # loaded on first use: a survey is opened and listed without them
    from fieldkit.guide import Guide, Outline, Question
    from fieldkit.survey.completion import MissingAnswer
    from fieldkit.survey.search import SearchHit


#: The language a new survey's title is written in, from its guide.
TITLE_LANGUAGE = "fr"


class Survey:
    """An open survey file."""

    def __init__(self, log: ChangeLog) -> None:
        self.log = log
        self._guides: dict[str, Guide] = {}

    # -- opening -----------------------------------------------------------------

    @classmethod
    def create(
        cls, path: str | Path, guide: Guide | None = None, device: Device | None = None
    ) -> Survey:
        """Create a survey file answered with ``guide`` (the built-in guide by default)."""
        guide = guide or guides.load_guide()
        survey = cls(ChangeLog.create(Path(path), device or current_device()))
        with survey.log.transaction():
            survey.log.write(*SURVEY_ID, new_survey_id())  # the first change (DESIGN.md §5)
            digest = survey.add_guide(guide)
            survey.log.write("survey", "survey", "guide", digest)
            survey.log.write("survey", "survey", "title", guide.title.get(TITLE_LANGUAGE))
        return survey

    @classmethod
    def open(cls, path: str | Path, readonly: bool = False, device: Device | None = None) -> Survey:
        return cls(ChangeLog.open(Path(path), device or current_device(), readonly=readonly))

    def close(self) -> None:
        self.log.close()

    def save_copy(self, target: str | Path) -> Path:
        """Write the survey as it is now to a new file: a new place for it, or a copy to edit."""
        self.log.copy_to(Path(target))
        return Path(target)

    def __enter__(self) -> Survey:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def path(self) -> Path:
        return self.log.path

    @property
    def identity(self) -> SurveyIdentity | None:
        """Which survey this file belongs to (None: made before surveys had an identity)."""
        return read_identity(self.log.connection, self.path)

    # -- guides --------------------------------------------------------------------

    def add_guide(self, guide: Guide) -> str:
        """Snapshot a guide into the file; return the hash that names it."""
        digest = guides.guide_hash(guide.source_text)
        self.log.put_guide(digest, guide.source_text)
        self._guides[digest] = guide
        return digest

    def guide_by_hash(self, digest: str) -> Guide:
        if digest not in self._guides:
            source = self.log.guide_source(digest)
            if source is None:
                raise FieldkitError(f"{self.path}: guide snapshot {digest[:12]} is missing")
            self._guides[digest] = guides.parse_guide(source, f"{self.path} (guide {digest[:12]})")
        return self._guides[digest]

    @property
    def guide_hash(self) -> str:
        state = self.log.get("survey", "survey", "guide")
        if state is None or not isinstance(state.value, str):
            raise FieldkitError(f"{self.path}: the survey has no guide")
        return state.value

    @property
    def guide(self) -> Guide:
        """The guide new interviews are answered with."""
        return self.guide_by_hash(self.guide_hash)

    def guide_for(self, interview_id: str) -> Guide:
        digest = self.log.fields("interview", interview_id).get("guide")
        return self.guide_by_hash(digest) if isinstance(digest, str) else self.guide

    @property
    def title(self) -> str:
        state = self.log.get("survey", "survey", "title")
        return text_of(state.value) if state else ""

    def title_in(self, language: str) -> str:
        """The title in ``language``: a new survey's title is its guide's, said in that
        language's words; a title someone gave it stays as written."""
        title = self.title
        if language == TITLE_LANGUAGE or not title:
            return title  # the guide is not read for nothing (the window's first screen)
        named = self.guide.title
        return named.get(language) if title in dict(named.translations).values() else title

    # -- initiatives and interviews ---------------------------------------------

    def add_initiative(
        self,
        name: str,
        territory: str = "",
        network: str = "",
        kind: str = "",
        *,
        id: str | None = None,
    ) -> str:
        name = clean_text(name).strip()
        if not name:
            raise FieldkitError("an initiative needs a name")
        initiative_id = id or new_id()
        with self.log.transaction():
            for field, value in (
                ("name", name),
                ("territory", territory),
                ("network", network),
                ("kind", kind),
            ):
                if value or field == "name":
                    self.log.write("initiative", initiative_id, field, clean_text(value).strip())
        return initiative_id

    def set_initiative(self, initiative_id: str, field: str, value: str) -> None:
        self._require("initiative", initiative_id)
        if field not in {"name", "territory", "network", "kind"}:
            raise FieldkitError(f"an initiative has no field {field!r}")
        if field == "name" and not value.strip():
            raise FieldkitError("an initiative needs a name")
        self.log.write("initiative", initiative_id, field, clean_text(value).strip())

    def add_interview(
        self,
        initiative_id: str,
        when: str | None = None,
        place: str = "",
        interviewers: tuple[str, ...] | list[str] = (),
        *,
        id: str | None = None,
    ) -> str:
        self._require("initiative", initiative_id)
        visit_date = iso_date(when) if when else date.today().isoformat()
        interview_id = id or new_id()
        people = [clean_text(p).strip() for p in interviewers if p.strip()]
        with self.log.transaction():
            self.log.write("interview", interview_id, "initiative", initiative_id)
            self.log.write("interview", interview_id, "guide", self.guide_hash)
            self.log.write("interview", interview_id, "date", visit_date)
            self.log.write("interview", interview_id, "status", "draft")
            if place:
                self.log.write("interview", interview_id, "place", clean_text(place).strip())
            if people:
                self.log.write("interview", interview_id, "interviewers", people)
        return interview_id

    def set_status(self, interview_id: str, status: str) -> None:
        self._require("interview", interview_id)
        if status not in {"draft", "complete"}:
            raise FieldkitError(f"unknown status {status!r} (draft or complete)")
        self.log.write("interview", interview_id, "status", status)

    def complete(self, interview_id: str) -> list[MissingAnswer]:
        """Mark an interview complete, unless required answers are missing (returned).

        Every row of a repeat group is checked too: a person met whose consent
        is missing keeps the interview a draft.
        """
        from fieldkit.survey.completion import missing_answers

        self._require("interview", interview_id)
        guide = self.guide_for(interview_id)
        rows = {
            q.id: [(r.id, r.values) for r in self.rows(interview_id, q.id)]
            for q in guide.questions
            if q.type == "repeat"
        }
        missing = missing_answers(guide, self.answers(interview_id), rows)
        if not missing:
            self.set_status(interview_id, "complete")
        return missing

    def delete(self, entity: str, entity_id: str) -> None:
        """Move an item to the trash (a tombstone: it merges and can be undone)."""
        self._require(entity, entity_id)
        self.log.write(entity, entity_id, "deleted", True)

    def restore(self, entity: str, entity_id: str) -> None:
        self._require(entity, entity_id)
        self.log.write(entity, entity_id, "deleted", False)

    def _require(self, entity: str, entity_id: str) -> dict[str, object]:
        """An item's fields; an id the survey lacks is refused naming the thing in words."""
        fields = self.log.fields(entity, entity_id)
        if not fields:
            raise missing_item(self.path, entity, entity_id)
        return fields

    def initiative(self, initiative_id: str) -> InitiativeInfo:
        return initiative_info(initiative_id, self._require("initiative", initiative_id))

    def initiatives(self, include_deleted: bool = False) -> list[InitiativeInfo]:
        found = [initiative_info(i, f) for i, f in self.log.entities("initiative").items()]
        visible = [i for i in found if include_deleted or not i.deleted]
        return sorted(visible, key=lambda i: (i.name.casefold(), i.id))

    def interview_fields(self, interview_id: str) -> dict[str, object]:
        return self._require("interview", interview_id)

    def interviews(
        self, initiative_id: str | None = None, include_deleted: bool = False
    ) -> list[InterviewInfo]:
        """List interviews with their completion, by initiative then date."""
        initiatives = {i.id: i for i in self.initiatives(include_deleted=True)}
        rows = self.log.entities("interview")
        completions = progress.completions(self, rows, initiatives)
        result = []
        for interview_id, fields in rows.items():
            initiative = text_of(fields.get("initiative"))
            parent = initiatives.get(initiative)
            deleted = bool(fields.get("deleted")) or bool(parent and parent.deleted)
            if initiative_id and initiative != initiative_id:
                continue
            if deleted and not include_deleted:
                continue
            answered, applicable, last = completions[interview_id]
            result.append(
                InterviewInfo(
                    id=interview_id,
                    initiative=initiative,
                    initiative_name=parent.name if parent else "",
                    date=text_of(fields.get("date")),
                    place=text_of(fields.get("place")),
                    interviewers=tuple(strings_of(fields.get("interviewers"))),
                    status=text_of(fields.get("status")) or "draft",
                    deleted=deleted,
                    answered=answered,
                    applicable=applicable,
                    last_change=to_iso(last) if last else "",
                )
            )
        return sorted(result, key=lambda i: (i.initiative_name.casefold(), i.date, i.id))

    def remember_progress(self) -> None:
        """Keep each interview's progress in the file, so that the next listing counts nothing."""
        progress.remember(self)

    # -- answers -------------------------------------------------------------------

    def _question(self, interview_id: str, question_id: str) -> Question:
        guide = self.guide_for(interview_id)
        question = guide.question(question_id)
        if question is None:
            raise FieldkitError(
                f"{self.path}: the guide {guide.id!r} has no question {question_id!r}"
            )
        return question

    def set_answer(self, interview_id: str, question_id: str, value: object) -> None:
        """Check a value against its question and save it (``None`` clears it)."""
        fields = self._require("interview", interview_id)
        question = self._question(interview_id, question_id)
        if question.repeat:
            raise FieldkitError(
                f"question '{question_id}' is a column of the repeat group '{question.repeat}': "
                "set it on a row"
            )
        stored = normalize(question, value)
        if question.constraint is not None:
            # Reading every answer costs more than the save itself: only a
            # constraint (which may refer to other answers) needs them.
            guide = self.guide_for(interview_id)
            check_constraint(question, stored, guide.scope(self.answers(interview_id)))
        if question.bind:
            self._write_bound(question, interview_id, fields, stored)
        else:
            self.log.write("answer", interview_id, question_id, stored)

    def _write_bound(
        self, question: Question, interview_id: str, interview: Mapping[str, object], value: object
    ) -> None:
        owner, field = (question.bind or "").split(".")
        target = text_of(interview.get("initiative")) if owner == "initiative" else interview_id
        if field == "name" and not value:
            raise FieldkitError("an initiative needs a name")
        if field == "interviewers":
            value = [p.strip() for p in text_of(value).split(",") if p.strip()]
        self.log.write(owner, target, field, value if value is not None else "")

    def answers(self, interview_id: str) -> dict[str, object]:
        """Return the interview's values by question id, as skip logic sees them.

        Bound questions read their initiative's or visit's field; a repeat
        group's value is its list of rows (each a dict of column values).
        """
        interview = self.log.fields("interview", interview_id)
        values: dict[str, object] = {
            q: v for q, v in self.log.fields("answer", interview_id).items() if v is not None
        }
        guide = self.guide_for(interview_id)
        initiative = self.log.fields("initiative", text_of(interview.get("initiative")))
        for question in guide.questions:
            if question.bind:
                owner, field = question.bind.split(".")
                source = initiative if owner == "initiative" else interview
                value = source.get(field)
                if field == "interviewers":
                    value = ", ".join(strings_of(value)) or None
                values[question.id] = value or None
            elif question.type == "repeat":
                values[question.id] = [r.values for r in self.rows(interview_id, question.id)]
        return values

    # -- repeat rows ---------------------------------------------------------------

    def add_row(
        self,
        interview_id: str,
        repeat_id: str,
        values: Mapping[str, object] | None = None,
        *,
        id: str | None = None,
    ) -> str:
        """Append a row to a repeat group; ``id`` lets a caller name it before it is saved."""
        self._require("interview", interview_id)
        repeat = self._question(interview_id, repeat_id)
        if repeat.type != "repeat":
            raise FieldkitError(f"question '{repeat_id}' is not a repeat group")
        existing = self.rows(interview_id, repeat_id, include_deleted=True)
        position = max((r.position for r in existing), default=0.0) + 1.0
        row_id = id or new_id()
        with self.log.transaction():
            self.log.write("row", row_id, "interview", interview_id)
            self.log.write("row", row_id, "repeat", repeat_id)
            self.log.write("row", row_id, "position", position)
            for column_id, value in (values or {}).items():
                self.set_row_answer(row_id, column_id, value)
        return row_id

    def set_row_answer(self, row_id: str, column_id: str, value: object) -> None:
        row = self._require("row", row_id)
        interview_id = text_of(row.get("interview"))
        column = self._question(interview_id, column_id)
        if column.repeat != row.get("repeat"):
            raise FieldkitError(f"question '{column_id}' is not a column of '{row.get('repeat')}'")
        stored = normalize(column, value)
        if column.constraint is not None:
            check_constraint(column, stored, self._row_scope(interview_id, column, row_id))
        self.log.write("row_answer", row_id, column_id, stored)

    def _row_scope(self, interview_id: str, column: Question, row_id: str) -> Mapping[str, object]:
        """The answers as a constraint in one repeat row reads them: its row, and the rest."""
        repeat = column.repeat or ""
        answers = self.answers(interview_id)
        live = [r.id for r in self.rows(interview_id, repeat)]
        if row_id in live:
            index = live.index(row_id)
        else:  # a row in the trash is read as if it came last
            rows = answers.get(repeat)
            others = list(rows) if isinstance(rows, list) else []
            answers[repeat] = [*others, self.log.fields("row_answer", row_id)]
            index = len(others)
        return self.guide_for(interview_id).scope(answers, index, repeat)

    def rows(
        self, interview_id: str, repeat_id: str, include_deleted: bool = False
    ) -> list[RepeatRow]:
        """Return a repeat group's rows in order."""
        found = []
        for row_id in self.log.children("row", interview_id):
            fields = self.log.fields("row", row_id)
            if fields.get("repeat") != repeat_id:
                continue
            if fields.get("deleted") and not include_deleted:
                continue
            values = {
                k: v for k, v in self.log.fields("row_answer", row_id).items() if v is not None
            }
            found.append(RepeatRow(row_id, as_position(fields.get("position")), values))
        return sorted(found, key=lambda r: (r.position, r.id))

    # -- quotes, notes, attachments ----------------------------------------------

    def add_quote(
        self, interview_id: str, text: str, speaker: str = "", question: str | None = None
    ) -> str:
        return self._add_item("quote", interview_id, question, text=text, speaker=speaker)

    def add_note(self, interview_id: str, text: str, question: str | None = None) -> str:
        return self._add_item("note", interview_id, question, text=text)

    def _add_item(self, entity: str, interview_id: str, question: str | None, **fields: str) -> str:
        self._require("interview", interview_id)
        if question:
            self._question(interview_id, question)
        text = clean_text(fields.get("text", "")).strip()
        if not text:
            raise FieldkitError(f"a {entity} needs a text")
        item_id = new_id()
        with self.log.transaction():
            self.log.write(entity, item_id, "interview", interview_id)
            if question:
                self.log.write(entity, item_id, "question", question)
            for field, value in fields.items():
                if value:
                    self.log.write(entity, item_id, field, clean_text(value).strip())
        return item_id

    def set_item_field(self, entity: str, item_id: str, field: str, value: str) -> None:
        self._require(entity, item_id)
        if entity not in {"quote", "note", "attachment"} or field not in {
            "text",
            "speaker",
            "caption",
        }:
            raise FieldkitError(f"cannot change {field!r} of a {entity}")
        self.log.write(entity, item_id, field, clean_text(value).strip())

    def items(
        self, entity: str, interview_id: str, include_deleted: bool = False
    ) -> list[dict[str, object]]:
        """Quotes, notes or attachments of an interview, oldest first."""
        found = []
        for item_id in self.log.children(entity, interview_id):
            fields = self.log.fields(entity, item_id)
            if fields.get("deleted") and not include_deleted:
                continue
            found.append({"id": item_id, **fields})
        return sorted(found, key=lambda item: str(item["id"]))

    def attach(
        self,
        interview_id: str,
        source: str | Path,
        question: str | None = None,
        caption: str = "",
    ) -> str:
        """Copy a file into the survey as an attachment; return the attachment id."""
        self._require("interview", interview_id)
        if question:
            self._question(interview_id, question)
        path = Path(source)
        kept = read_to_keep(path, "an attachment", MAX_ATTACHMENT_BYTES)
        attachment_id = new_id()
        with self.log.transaction():
            self.log.put_blob(kept.sha256, kept.data)
            fields: dict[str, object] = {
                "interview": interview_id,
                "sha256": kept.sha256,
                "filename": path.name,
                "media_type": kept.media_type,
                "size": len(kept.data),
            }
            if question:
                fields["question"] = question
            if caption:
                fields["caption"] = clean_text(caption).strip()
            for field, value in fields.items():
                self.log.write("attachment", attachment_id, field, value)
        return attachment_id

    def attachment_data(self, attachment_id: str) -> bytes:
        fields = self._require("attachment", attachment_id)
        data = self.log.blob(text_of(fields.get("sha256")))
        if data is None:
            raise FieldkitError(
                f"{self.path}: the content of attachment {attachment_id} is missing"
            )
        return data

    # -- the monograph's narratives (fieldkit.survey.narratives) -------------------

    def outline(self, initiative_id: str) -> Outline:
        """The outline an initiative's monograph is written to: its latest visit's guide's."""
        self._require("initiative", initiative_id)
        digest = _narratives.latest_guide(self.log, initiative_id)
        return guides.outline_of(self.guide_by_hash(digest) if digest else self.guide)

    def set_narrative(self, initiative_id: str, section_id: str, text: str) -> None:
        """Save the text of one section of an initiative's monograph ("" clears it)."""
        _narratives.write_narrative(
            self.log, self.outline(initiative_id), initiative_id, section_id, text
        )

    def narratives(self, initiative_id: str) -> dict[str, _narratives.Narrative]:
        """The sections of an initiative's monograph that have a text, by section id."""
        self._require("initiative", initiative_id)
        return _narratives.read_narratives(self.log, initiative_id)

    def narrative_history(self, initiative_id: str, section_id: str) -> list[Revision]:
        return self.history("initiative", initiative_id, _narratives.narrative_field(section_id))

    # -- history, search, conflicts ----------------------------------------------

    def answer_key(self, interview_id: str, question_id: str) -> tuple[str, str, str]:
        """Where a question's answer lives in the log (bound questions live elsewhere)."""
        question = self._question(interview_id, question_id)
        if not question.bind:
            return ("answer", interview_id, question_id)
        owner, field = question.bind.split(".")
        if owner == "interview":
            return ("interview", interview_id, field)
        initiative = text_of(self.interview_fields(interview_id).get("initiative"))
        return ("initiative", initiative, field)

    def history(self, entity: str, entity_id: str, field: str) -> list[Revision]:
        """Every saved value of a field, oldest first, the current head(s) marked."""
        state = self.log.get(entity, entity_id, field)
        current = set(state.heads) if state else set()
        return [
            revision_of(c, c.id in current) for c in self.log.changes_of((entity, entity_id, field))
        ]

    def answer_history(self, interview_id: str, question_id: str) -> list[Revision]:
        self._require("interview", interview_id)
        return self.history(*self.answer_key(interview_id, question_id))

    def restore_revision(self, change_id: str) -> None:
        """Write an earlier value again, as a new change: nothing is lost."""
        change = self.log.change(change_id)
        if change is None:
            raise FieldkitError(f"{self.path}: no change with id {change_id!r}")
        value = decode(change.value)
        self.log.write(change.entity, change.entity_id, change.field, value, amend=False)

    def search(self, text: str, limit: int = 50) -> list[SearchHit]:
        """Full-text search over answers, notes, quotes and names (accents ignored)."""
        from fieldkit.survey.search import search_log

        return search_log(self.log, text, limit)

    def conflicts(self) -> list[Conflict]:
        found = []
        for state in self.log.conflicted():
            changes = [self.log.change(h) for h in state.heads]
            values = tuple(revision_of(c, True) for c in changes if c is not None)
            found.append(Conflict(state.entity, state.entity_id, state.field, values))
        return found

    def resolve(self, conflict_id: str, value: object) -> None:
        """End a conflict by writing a value that supersedes all its heads."""
        entity, entity_id, field = split_conflict_id(conflict_id)
        state = self.log.get(entity, entity_id, field)
        if state is None or not state.in_conflict:
            raise FieldkitError(f"{self.path}: no open conflict {conflict_id!r}")
        self.log.write(entity, entity_id, field, value, amend=False)

    def field_state(self, entity: str, entity_id: str, field: str) -> FieldState | None:
        return self.log.get(entity, entity_id, field)
