"""The REFI-QDA project document (``project.qde``) of a survey.

How fieldkit's things become REFI-QDA's (see the 1.5 specification):

- each interview is a ``TextSource`` (its transcript, a UTF-8 file in
  ``sources/``), with the visit's date, place, interviewers, status and guide
  as variable values;
- the tags of the guides (themes ``theme:…``, research axes ``axe:…``) are
  the codes, grouped under one folder per prefix, plus a "verbatim" code;
- each answer to a tagged question is a ``PlainTextSelection`` coded with its
  question's tags; each quote is a selection coded "verbatim" (and with its
  question's tags);
- notes are ``Note``s written the way QDA programs read them back (QualCoder's
  own exporter is the reference): a note about an answered question is an
  annotation, a ``Note`` holding its text and a ``PlainTextSelection`` over
  the answer, referred to by a ``NoteRef`` of the interview's source; a note
  about the interview, or about a question left unanswered, is a memo (a
  journal entry in QualCoder), a ``Note`` whose text is a file in
  ``sources/``, named after its interview;
- each initiative is a ``Case`` referring to its interviews' sources, with
  territory, network and kind as variable values;
- the authors of the changes behind all this are the ``User``s.

Every GUID is a UUID 5 of fieldkit's own ids, so that exporting the same
survey twice gives the same GUIDs and software that re-imports a project can
tell what is new. The document is built with ElementTree, never by pasting
strings, so no text anyone typed can break it.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from fieldkit import __version__
from fieldkit.export import WORDS, Pseudonyms, clean, word
from fieldkit.guide import Guide, Question
from fieldkit.interop.qdpx.transcript import QuoteItem, Scrub, Span, Transcript, write_transcript
from fieldkit.survey import FieldState, InitiativeInfo, InterviewInfo, Survey, to_iso

NAMESPACE = "urn:QDA-XML:project:1.0"
_GUIDS = uuid.UUID("6f0b7a4e-53c1-4d0e-9f5e-2a7c1b9d8e31")
_VERBATIM = "verbatim"
#: Longest selection or note name: the start of its text, as QDA software shows it.
_NAME_LENGTH = 60

Progress = Callable[[int, int], None]


def guid(*parts: str) -> str:
    """The GUID of one thing, the same in every export (a UUID 5 of its fieldkit ids)."""
    return str(uuid.uuid5(_GUIDS, "/".join(parts)))


def _name(tag: str) -> str:
    return f"{{{NAMESPACE}}}{tag}"


def _add(parent: ET.Element, tag: str, **attributes: str | None) -> ET.Element:
    """A child element; empty attributes are left out, every value made XML-safe."""
    values = {key: clean(value) for key, value in attributes.items() if value}
    return ET.SubElement(parent, _name(tag), values)


def _short(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= _NAME_LENGTH else line[: _NAME_LENGTH - 1] + "…"


@dataclass(frozen=True)
class _Variable:
    key: str
    kind: str  # REFI-QDA's typeOfVariable: Text, Date…


_SOURCE_VARIABLES = (
    _Variable("initiative", "Text"),
    _Variable("date", "Date"),
    _Variable("place", "Text"),
    _Variable("interviewers", "Text"),
    _Variable("status", "Text"),
    _Variable("guide", "Text"),
)
_CASE_VARIABLES = (
    _Variable("territory", "Text"),
    _Variable("network", "Text"),
    _Variable("kind", "Text"),
)


class ProjectBuilder:
    """Builds ``project.qde`` and the source texts of one survey."""

    def __init__(self, survey: Survey, language: str, names: Pseudonyms) -> None:
        self.survey = survey
        self.language = language
        self.names = names
        self.scrub: Scrub = names.scrub
        title = self.scrub(clean(survey.title or survey.path.stem))
        self.root = ET.Element(_name("Project"), {"name": title})
        self.root.set("origin", f"fieldkit {__version__}")
        self.users = _add(self.root, "Users")
        self.codes = _add(_add(self.root, "CodeBook"), "Codes")
        self.variables = _add(self.root, "Variables")
        self.cases = _add(self.root, "Cases")
        self.sources = _add(self.root, "Sources")
        self.notes = _add(self.root, "Notes")
        self.user_guids: dict[str, str] = {}
        self.code_guids: dict[str, str] = {}
        self.files: dict[str, str] = {}
        self.source_names: set[str] = set()
        self.journal_names: set[str] = set()

    def build(self, progress: Progress | None = None) -> tuple[bytes, dict[str, str]]:
        """Return the project document and the source files (name → text)."""
        interviews = self.survey.interviews()
        guides = [self.survey.guide_for(info.id) for info in interviews]
        self._code_book([self.survey.guide, *guides])
        self._declare_variables()
        self._cases(interviews)
        for done, (info, guide) in enumerate(zip(interviews, guides, strict=True), start=1):
            self._source(info, guide)
            if progress is not None:
                progress(done, len(interviews))
        self._dates(interviews)
        for container in (self.users, self.cases, self.sources, self.notes):
            if len(container) == 0:  # the schema wants at least one child
                self.root.remove(container)
        ET.indent(self.root)
        # Registered at each writing, not once at import: another library that
        # registers its own default namespace would turn every tag into
        # "ns0:Project", which QDA programs do not read.
        ET.register_namespace("", NAMESPACE)
        return ET.tostring(self.root, encoding="utf-8", xml_declaration=True), self.files

    # -- users ---------------------------------------------------------------------

    def user(self, author: str) -> str:
        """The GUID of an author, listed among the users the first time it is met."""
        if author not in self.user_guids:
            self.user_guids[author] = guid("user", author)
            _add(self.users, "User", guid=self.user_guids[author], name=self.scrub(author))
        return self.user_guids[author]

    def _made_by(self, state: FieldState | None) -> dict[str, str | None]:
        """Who wrote a field and when, as REFI-QDA's creatingUser/creationDateTime."""
        if state is None:
            return {}
        return {"creatingUser": self.user(state.author), "creationDateTime": to_iso(state.hlc)}

    # -- code book -----------------------------------------------------------------

    def _code_book(self, guides: Iterable[Guide]) -> None:
        """One code per tag of the guides, in a folder per prefix (themes, axes)."""
        labels: dict[str, str] = {}
        for guide in guides:
            for tag, text in guide.tags:
                labels.setdefault(tag, text.get(self.language))
        folders: dict[str, ET.Element] = {}
        for tag, label in labels.items():
            prefix = tag.split(":", 1)[0] if ":" in tag else ""
            parent = self.codes
            if prefix:
                if prefix not in folders:
                    folders[prefix] = self._folder(prefix)
                parent = folders[prefix]
            self.code_guids[tag] = guid("code", tag)
            code = _add(parent, "Code", guid=self.code_guids[tag], name=label, isCodable="true")
            _add(code, "Description").text = clean(f"{label} [{tag}]")
        self.code_guids[_VERBATIM] = guid("code", _VERBATIM)
        _add(
            self.codes,
            "Code",
            guid=self.code_guids[_VERBATIM],
            name=word("verbatim", self.language),
            isCodable="true",
        )

    def _folder(self, prefix: str) -> ET.Element:
        key = f"codes_{prefix}"
        name = word(key, self.language) if key in WORDS else prefix
        return _add(
            self.codes, "Code", guid=guid("code-folder", prefix), name=name, isCodable="false"
        )

    # -- variables and cases -------------------------------------------------------

    def _declare_variables(self) -> None:
        for variable in (*_SOURCE_VARIABLES, *_CASE_VARIABLES):
            _add(
                self.variables,
                "Variable",
                guid=guid("variable", variable.key),
                name=word(variable.key, self.language),
                typeOfVariable=variable.kind,
            )

    def _values(self, parent: ET.Element, values: Mapping[str, str]) -> None:
        """Variable values, in the declared order; empty ones are left out."""
        for variable in (*_SOURCE_VARIABLES, *_CASE_VARIABLES):
            value = values.get(variable.key)
            if not value:
                continue
            element = _add(parent, "VariableValue")
            _add(element, "VariableRef", targetGUID=guid("variable", variable.key))
            _add(element, f"{variable.kind}Value").text = clean(value)

    def _cases(self, interviews: list[InterviewInfo]) -> None:
        for initiative in self.survey.initiatives():
            case = _add(self.cases, "Case", guid=guid("case", initiative.id))
            case.set("name", self.scrub(clean(initiative.name)))
            self._values(case, self._initiative_values(initiative))
            for info in interviews:
                if info.initiative == initiative.id:
                    _add(case, "SourceRef", targetGUID=guid("source", info.id))

    def _initiative_values(self, initiative: InitiativeInfo) -> dict[str, str]:
        kind = initiative.kind
        bound = next((q for q in self.survey.guide.questions if q.bind == "initiative.kind"), None)
        if bound is not None and kind:
            kind = bound.choice_label(kind, self.language)
        return {"territory": initiative.territory, "network": initiative.network, "kind": kind}

    # -- sources -------------------------------------------------------------------

    def _source(self, info: InterviewInfo, guide: Guide) -> None:
        answers = self.survey.answers(info.id)
        quotes = [
            quote
            for quote in map(_quote, self.survey.items("quote", info.id))
            if self.names.consent_of(quote.speaker).quoted
        ]
        transcript = write_transcript(info, guide, answers, quotes, self.language, self.scrub)
        source_guid = guid("source", info.id)
        self.files[f"{source_guid}.txt"] = transcript.text
        source = _add(
            self.sources,
            "TextSource",
            guid=source_guid,
            name=self._source_name(info),
            plainTextPath=f"internal://{source_guid}.txt",
            **self._made_by(self.survey.field_state("interview", info.id, "initiative")),
        )
        self._answer_selections(source, info.id, guide, transcript)
        self._quote_selections(source, guide, transcript, quotes)
        for note_guid in self._notes(info.id, guide, transcript, source.get("name", "")):
            _add(source, "NoteRef", targetGUID=note_guid)
        self._values(source, self._interview_values(info, guide))

    def _source_name(self, info: InterviewInfo) -> str:
        """A name unique in the project (QDA software lists sources by name)."""
        base = self.scrub(clean(f"{info.initiative_name} — {info.date}"))
        name, number = base, 2
        while name in self.source_names:
            name, number = f"{base} ({number})", number + 1
        self.source_names.add(name)
        return name

    def _interview_values(self, info: InterviewInfo, guide: Guide) -> dict[str, str]:
        return {
            "initiative": self.scrub(info.initiative_name),
            "date": info.date,
            "place": self.scrub(info.place),
            "interviewers": self.scrub(", ".join(info.interviewers)),
            "status": word(info.status, self.language) if info.status in WORDS else info.status,
            "guide": f"{guide.title.get(self.language)} ({guide.version})",
        }

    def _answer_selections(
        self, source: ET.Element, interview_id: str, guide: Guide, transcript: Transcript
    ) -> None:
        """A selection over each answer whose question is coded (has tags)."""
        for question_id, span in transcript.answers.items():
            question = guide.question(question_id)
            tags = [t for t in question.tags if t in self.code_guids] if question else []
            if question is None or not tags:
                continue
            state = self.survey.field_state(*self.survey.answer_key(interview_id, question_id))
            made = self._made_by(state)
            selection = self._selection(
                source, guid("answer", interview_id, question_id), question, span, made
            )
            for tag in tags:
                self._coding(selection, guid("coding", interview_id, question_id, tag), tag, made)

    def _quote_selections(
        self, source: ET.Element, guide: Guide, transcript: Transcript, quotes: list[QuoteItem]
    ) -> None:
        for quote in quotes:
            span = transcript.quotes[quote.id]
            made = self._made_by(self.survey.field_state("quote", quote.id, "text"))
            question = guide.question(quote.question) if quote.question else None
            selection = self._selection(source, guid("quote", quote.id), None, span, made)
            selection.set("name", clean(_short(transcript.text[span.start : span.end])))
            tags = [_VERBATIM] + [
                t for t in (question.tags if question else ()) if t in self.code_guids
            ]
            for tag in tags:
                self._coding(selection, guid("coding", "quote", quote.id, tag), tag, made)

    def _selection(
        self,
        source: ET.Element,
        selection_guid: str,
        question: Question | None,
        span: Span,
        made: Mapping[str, str | None],
    ) -> ET.Element:
        return _add(
            source,
            "PlainTextSelection",
            guid=selection_guid,
            name=_short(question.label.get(self.language)) if question else None,
            startPosition=str(span.start),
            endPosition=str(span.end),
            **made,
        )

    def _coding(
        self, selection: ET.Element, coding_guid: str, tag: str, made: Mapping[str, str | None]
    ) -> None:
        coding = _add(selection, "Coding", guid=coding_guid, **made)
        _add(coding, "CodeRef", targetGUID=self.code_guids[tag])

    # -- notes -----------------------------------------------------------------------

    def _notes(
        self, interview_id: str, guide: Guide, transcript: Transcript, source_name: str
    ) -> list[str]:
        """Write the interview's notes; return the GUIDs of those that annotate its text.

        QualCoder reads a note its source refers to as an annotation, and any
        other note with a text file as a journal entry: so only annotations
        are referred to, and every note carries its author and date (without
        a date, QualCoder's import stops).
        """
        annotations = []
        for item in self.survey.items("note", interview_id):
            note_id = str(item["id"])
            text = self.scrub(clean(str(item.get("text", ""))))
            question_id = item.get("question")
            question = guide.question(question_id) if isinstance(question_id, str) else None
            span = _span_of(question, transcript)
            note_guid = guid("note", note_id)
            made = self._made_by(self.survey.field_state("note", note_id, "text"))
            made.update(modifyingUser=made.get("creatingUser"))
            made.update(modifiedDateTime=made.get("creationDateTime"))
            if span is not None:
                note = _add(self.notes, "Note", guid=note_guid, name=_short(text), **made)
                _add(note, "PlainTextContent").text = text
                _add(
                    note,
                    "PlainTextSelection",
                    guid=guid("note-selection", note_id),
                    startPosition=str(span.start),
                    endPosition=str(span.end),
                )
                annotations.append(note_guid)
                continue
            about = question.label.get(self.language) if question is not None else _short(text)
            self.files[f"{note_guid}.txt"] = text
            _add(
                self.notes,
                "Note",
                guid=note_guid,
                name=self._journal_name(f"{source_name} : {_short(about)}"),
                plainTextPath=f"internal://{note_guid}.txt",
                **made,
            )
        return annotations

    def _journal_name(self, wanted: str) -> str:
        """A memo's name, unique in the project (QualCoder keys its journal by name)."""
        name, number = wanted, 2
        while name in self.journal_names:
            name, number = f"{wanted} ({number})", number + 1
        self.journal_names.add(name)
        return name

    # -- the project's own dates -------------------------------------------------------

    def _dates(self, interviews: list[InterviewInfo]) -> None:
        """Date the project by its content, so that two exports of one survey are identical."""
        stamps = [i.last_change for i in interviews if i.last_change]
        if stamps:
            self.root.set("modifiedDateTime", max(stamps))


def _span_of(question: Question | None, transcript: Transcript) -> Span | None:
    """Where a question's answer lies in the transcript (a repeat column's: its group's)."""
    if question is None:
        return None
    return transcript.answers.get(question.id) or transcript.answers.get(question.repeat or "")


def _quote(item: Mapping[str, object]) -> QuoteItem:
    question = item.get("question")
    return QuoteItem(
        id=str(item["id"]),
        text=str(item.get("text", "")),
        speaker=str(item.get("speaker", "")),
        question=question if isinstance(question, str) else None,
    )
