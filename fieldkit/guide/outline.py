"""The monograph's outline: its sections, and which questions feed each one.

A monograph is written by an author, section by section, on the visits'
material (DESIGN.md §6). The guide says what the sections are — a summary
(*chapeau*), one section per theme, a reading along each research axis, the
lessons and next steps — in its ``outline`` list; a guide without one (an
imported XLSForm, say) gets a default: one section per theme tag (per group),
one per axis tag.

Each question's material has one *home*, the section where the monograph
prints it when that section has no narrative yet: the section its ``feeds``
key names, else the first theme (or lessons) section sharing one of its tags,
else the first axis section sharing one. A section also knows the questions
*related* to it but printed elsewhere: an axis refers to them rather than
copying them, so that no answer is printed twice.

Some questions are never material: those the guide marks ``internal``
(working material for the working file only), notes, repeat groups (the
people met have their own place), questions bound to the visit (its date,
place, interviewers), the identity card's short questions, and the
"Autre, préciser" questions, whose text stands in for the "Autre" they
specify.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from fieldkit.guide.expressions import Binary, Call, Literal, Reference
from fieldkit.guide.model import SELECT_TYPES, Guide, OutlineSection, Question, Section, Text

THEME_PREFIX = "theme:"
AXIS_PREFIX = "axe:"

#: Types whose answer fits a row of the identity card.
SHORT_TYPES = frozenset(
    {"text", "select_one", "select_multiple", "integer", "decimal", "date", "scale"}
)

#: Titles of the default outline's first and last sections.
SUMMARY_TITLE = Text.of({"fr": "En bref", "en": "In brief"})
LESSONS_TITLE = Text.of({"fr": "Enseignements et suites", "en": "Lessons and next steps"})


@dataclass(frozen=True)
class Precision:
    """An "Autre, préciser" question: its text stands in for ``value`` of ``question``."""

    question: str
    value: str


@dataclass(frozen=True)
class Outline:
    """A guide's monograph outline, with the home of every question's material."""

    guide: Guide = field(repr=False)
    sections: tuple[OutlineSection, ...]
    homes: Mapping[str, str]
    card: tuple[Question, ...]
    precisions: Mapping[str, Precision]
    unplaced: tuple[Question, ...] = ()

    def section(self, section_id: str) -> OutlineSection | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def home_of(self, question_id: str) -> str | None:
        """The section a question's material is printed in (None: nowhere)."""
        return self.homes.get(question_id)

    def material(self, section_id: str) -> tuple[Question, ...]:
        """The questions whose answers this section prints, in guide order."""
        return tuple(q for q in self.guide.questions if self.homes.get(q.id) == section_id)

    def related(self, section_id: str) -> tuple[Question, ...]:
        """Questions carrying the section's tag but printed in another section."""
        section = self.section(section_id)
        if section is None or section.tag is None:
            return ()
        return tuple(
            q
            for q in self.guide.questions
            if section.tag in q.tags and self.homes.get(q.id) not in (None, section_id)
        )

    def feeding(self, section_id: str) -> tuple[Question, ...]:
        """Everything an author writing this section may draw on: its material and related."""
        own = set(self.material(section_id)) | set(self.related(section_id))
        return tuple(q for q in self.guide.questions if q in own)

    def gathered(self, section_id: str) -> tuple[Question, ...]:
        """What the synthesis shows for a section: every tagged question if it gathers."""
        section = self.section(section_id)
        if section is not None and section.gather:
            return self.feeding(section_id)
        return self.material(section_id)

    def printed(self, question: Question) -> bool:
        """Whether a monograph prints this question's answers somewhere (card included)."""
        return question.id in self.homes or question in self.card or question.id in self.precisions

    def axes(self) -> tuple[OutlineSection, ...]:
        return tuple(s for s in self.sections if s.kind == "axis")


#: Outlines already worked out, by the identity of their guide (which the
#: entry keeps alive, so the id cannot be reused): a document asks for its
#: outline for every section of every initiative, and comparing or hashing a
#: whole guide each time would cost more than the rest of the work.
_KNOWN: dict[int, tuple[Guide, Outline]] = {}
_KNOWN_MAX = 16


def outline_of(guide: Guide) -> Outline:
    """The guide's monograph outline: declared, or the default one."""
    known = _KNOWN.get(id(guide))
    if known is not None and known[0] is guide:
        return known[1]
    outline = _outline(guide)
    if len(_KNOWN) >= _KNOWN_MAX:
        _KNOWN.pop(next(iter(_KNOWN)))
    _KNOWN[id(guide)] = (guide, outline)
    return outline


def _outline(guide: Guide) -> Outline:
    sections = guide.outline or default_sections(guide)
    card = card_questions(guide)
    precisions = precisions_of(guide)
    skipped = {q.id for q in card} | set(precisions)
    homes: dict[str, str] = {}
    unplaced = []
    for question in guide.questions:
        if not printable(question) or question.id in skipped:
            continue
        home = _home(question, sections) or (
            None if guide.outline else _section_home(guide, question)
        )
        if home is None:
            unplaced.append(question)
        else:
            homes[question.id] = home
    return Outline(guide, tuple(sections), homes, card, precisions, tuple(unplaced))


def printable(question: Question) -> bool:
    """Whether a question's answers may be printed in a monograph section at all."""
    return (
        question.answerable
        and question.type != "repeat"
        and not question.internal
        and not (question.bind or "").startswith("interview.")
        and question.bind != "initiative.name"  # the document's title
    )


def _home(question: Question, sections: tuple[OutlineSection, ...]) -> str | None:
    if question.feeds:
        return question.feeds
    for kinds in (("theme", "lessons"), ("axis",)):
        for section in sections:
            if section.kind in kinds and section.tag and section.tag in question.tags:
                return section.id
    return None


def _section_home(guide: Guide, question: Question) -> str | None:
    """In a default outline, a question without a theme tag lives with its guide section."""
    return question.section if any(s.id == question.section for s in guide.sections) else None


def default_sections(guide: Guide) -> tuple[OutlineSection, ...]:
    """Summary, one section per theme (or untagged guide section), one per axis, lessons."""
    found = [OutlineSection("summary", "summary", SUMMARY_TITLE)]
    seen: set[str] = set()
    for section in guide.sections:
        if _told_by_axes(section):
            continue
        theme = next((t for t in section.tags if t.startswith(THEME_PREFIX)), None)
        key = theme or section.id
        if key in seen:
            continue
        seen.add(key)
        if theme is None:
            found.append(OutlineSection(section.id, "theme", section.title))
        else:
            title = dict(guide.tags).get(theme) or section.title
            found.append(OutlineSection(theme[len(THEME_PREFIX) :], "theme", title, theme))
    for axis in axis_tags(guide):
        title = dict(guide.tags).get(axis) or Text.of({"fr": axis})
        found.append(OutlineSection(_axis_id(axis), "axis", title, axis))
    found.append(OutlineSection("lessons", "lessons", LESSONS_TITLE))
    return tuple(found)


def _told_by_axes(section: Section) -> bool:
    """A section whose every question feeds a research axis: the axes tell it."""
    questions = [q for q in section.questions if printable(q)]
    return bool(questions) and all(axes_of(q) for q in questions)


def _axis_id(tag: str) -> str:
    return "axe" + "".join(ch for ch in tag[len(AXIS_PREFIX) :] if ch.isalnum() or ch in "_-")


def axes_of(question: Question) -> list[str]:
    return [t for t in question.tags if t.startswith(AXIS_PREFIX)]


def axis_tags(guide: Guide) -> list[str]:
    """The research axes: those the guide declares, then any other a question uses."""
    declared = [tag for tag, _ in guide.tags if tag.startswith(AXIS_PREFIX)]
    used = [t for q in guide.questions for t in axes_of(q)]
    return list(dict.fromkeys(declared + used))


def card_questions(guide: Guide) -> tuple[Question, ...]:
    """The identity card: short questions of the section that names the initiative.

    "Autre, préciser" questions are read with the choice they specify.
    """
    section = next(
        (s for s in guide.sections if any(_names_initiative(q) for q in s.questions)), None
    )
    if section is None:
        return ()
    precisions = precisions_of(guide)
    return tuple(
        q
        for q in section.questions
        if printable(q) and q.type in SHORT_TYPES and q.id not in precisions
    )


def _names_initiative(question: Question) -> bool:
    return (question.bind or "").startswith("initiative.")


def precisions_of(guide: Guide) -> dict[str, Precision]:
    """Text questions shown only when one choice of a select question is made.

    ``${origine} = 'autre'`` or ``selected(${outils}, 'autre')``: the pattern
    of an "Autre, préciser" question, in built-in and XLSForm guides alike.
    """
    found = {}
    for question in guide.questions:
        if question.type != "text" or question.relevant is None:
            continue
        chosen = _chosen(question.relevant.tree)
        if chosen is None:
            continue
        target = guide.question(chosen[0])
        if target is not None and target.type in SELECT_TYPES and target.choice(chosen[1]):
            found[question.id] = Precision(*chosen)
    return found


def _chosen(tree: object) -> tuple[str, str] | None:
    """``(question, value)`` when an expression is exactly "this choice was made"."""
    if isinstance(tree, Binary) and tree.operator == "=":
        pairs: Iterator[tuple[object, object]] = iter(
            [(tree.left, tree.right), (tree.right, tree.left)]
        )
    elif isinstance(tree, Call) and tree.function == "selected" and len(tree.arguments) == 2:
        pairs = iter([(tree.arguments[0], tree.arguments[1])])
    else:
        return None
    for reference, literal in pairs:
        if (
            isinstance(reference, Reference)
            and isinstance(literal, Literal)
            and isinstance(literal.value, str)
        ):
            return reference.name, literal.value
    return None
