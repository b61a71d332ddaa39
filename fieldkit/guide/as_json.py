"""A guide as plain JSON, for scripts (``fieldkit guide show --json``)."""

from __future__ import annotations

from typing import Any

from fieldkit.guide.model import Guide, Question, Text
from fieldkit.guide.outline import outline_of


def _text(text: Text | None) -> dict[str, str] | None:
    return text.as_dict() if text is not None else None


def question_to_json(question: Question) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": question.id,
        "type": question.type,
        "section": question.section,
        "label": _text(question.label),
        "hint": _text(question.hint),
        "required": question.required,
        "choices": [{"value": c.value, "label": _text(c.label)} for c in question.choices],
        "relevant": question.relevant.source if question.relevant else None,
        "constraint": question.constraint.source if question.constraint else None,
        "tags": list(question.tags),
        "bind": question.bind,
        "internal": question.internal,
    }
    if question.unit is not None:
        data["unit"] = _text(question.unit)
    if question.type == "scale":
        data["min"], data["max"] = question.minimum, question.maximum
    if question.columns:
        data["questions"] = [question_to_json(c) for c in question.columns]
    return data


def guide_to_json(guide: Guide) -> dict[str, Any]:
    return {
        "id": guide.id,
        "version": guide.version,
        "title": _text(guide.title),
        "languages": list(guide.languages),
        "tags": {name: _text(label) for name, label in guide.tags},
        "sections": [
            {
                "id": s.id,
                "title": _text(s.title),
                "relevant": s.relevant.source if s.relevant else None,
                "tags": list(s.tags),
            }
            for s in guide.sections
        ],
        "questions": [question_to_json(q) for q in guide.questions],
        "outline": _outline(guide),
    }


def _outline(guide: Guide) -> list[dict[str, Any]]:
    """The monograph's sections, each with the questions it prints (declared or default)."""
    outline = outline_of(guide)
    return [
        {
            "id": s.id,
            "kind": s.kind,
            "title": _text(s.title),
            "tag": s.tag,
            "questions": [q.id for q in outline.material(s.id)],
        }
        for s in outline.sections
    ]
