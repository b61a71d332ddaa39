"""How a guide's sections and tags become the chapters of a document.

Nothing here names a question: the identity table, the theme chapters and
the research-axis chapters are all read off the guide's structure (bound
questions, ``theme:`` and ``axe:`` tags), so an edited or imported guide gets
a sensible document too.
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldkit.guide import Guide, Question, Section

THEME_PREFIX = "theme:"
AXIS_PREFIX = "axe:"

#: Types that fit in a table cell; the others are prose or lists of rows.
SHORT_TYPES = frozenset(
    {"text", "select_one", "select_multiple", "integer", "decimal", "date", "scale"}
)


@dataclass(frozen=True)
class Chapter:
    title: str
    questions: tuple[Question, ...]


def shown(question: Question) -> bool:
    """Whether a question's answers belong in a chapter.

    Notes take no answer; the people met have their own annex; the visit's
    date, place and interviewers are in the visits annex.
    """
    return question.answerable and question.type != "repeat" and not _bound_to_visit(question)


def _bound_to_visit(question: Question) -> bool:
    return bool(question.bind and question.bind.startswith("interview."))


def identity_questions(guide: Guide) -> tuple[Question, ...]:
    """The short questions of the section that names the initiative: the identity table."""
    section = next(
        (s for s in guide.sections if any(_bound_to_initiative(q) for q in s.questions)), None
    )
    if section is None:
        return ()
    return tuple(q for q in section.questions if shown(q) and q.type in SHORT_TYPES)


def _bound_to_initiative(question: Question) -> bool:
    return bool(question.bind and question.bind.startswith("initiative."))


def theme_chapters(guide: Guide, language: str) -> list[Chapter]:
    """One chapter per theme: sections sharing a ``theme:`` tag are read together.

    A section whose every question feeds a research axis is left to the axis
    chapters, which would otherwise repeat it whole.
    """
    in_table = set(identity_questions(guide))
    chapters: dict[str, list[Question]] = {}
    for section in guide.sections:
        questions = [q for q in section.questions if shown(q) and q not in in_table]
        if not questions or all(axes_of(q) for q in questions):
            continue
        chapters.setdefault(_theme_title(guide, section, language), []).extend(questions)
    return [Chapter(title, tuple(questions)) for title, questions in chapters.items()]


def _theme_title(guide: Guide, section: Section, language: str) -> str:
    theme = next((t for t in section.tags if t.startswith(THEME_PREFIX)), None)
    return guide.tag_label(theme, language) if theme else section.title.get(language)


def axes_of(question: Question) -> list[str]:
    return [t for t in question.tags if t.startswith(AXIS_PREFIX)]


def axes(guide: Guide) -> list[str]:
    """The research axes: those the guide declares, then any other a question uses."""
    declared = [tag for tag, _ in guide.tags if tag.startswith(AXIS_PREFIX)]
    used = [t for q in guide.questions for t in axes_of(q)]
    return list(dict.fromkeys(declared + used))


def axis_chapters(guide: Guide, language: str) -> list[Chapter]:
    return [
        Chapter(
            guide.tag_label(axis, language),
            tuple(q for q in guide.questions_tagged(axis) if shown(q)),
        )
        for axis in axes(guide)
    ]
