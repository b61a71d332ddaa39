"""The demo survey: the workshop report's five initiatives, visited and written up.

Two of them have their monograph's narratives: L'Escale's complete, the
Générateur's half written, so the writing view and both kinds of monograph
(written sections, condensed answers) show real content.

The content lives in ``resources/demo/demo-survey.yaml``; this module writes it
through the ordinary survey API, each visit signed by its own facilitator on
their own (simulated) laptop, so the demo shows real authorship and history.
Initiatives and visits take ids derived from the content's keys, so every
demo names them alike (screenshots and tests can rely on it).
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from fieldkit.errors import FieldkitError
from fieldkit.guide import load_guide
from fieldkit.resources import resource_path
from fieldkit.survey.device import Device
from fieldkit.survey.file import Survey

DEMO_FORMAT = "fieldkit-demo/1"
_NAMESPACE = uuid.UUID("5b0c1f8e-2f64-4a53-9d1e-6b1d2a9c4e70")


def _stable_id(*parts: str) -> str:
    return uuid.uuid5(_NAMESPACE, "/".join(parts)).hex


def _device_of(author: str) -> Device:
    return Device(id=_stable_id("device", author), author=author)


def demo_content() -> dict[str, Any]:
    import yaml  # here, not above: the window imports this package on every start

    path = resource_path("demo", "demo-survey.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("format") != DEMO_FORMAT:
        raise FieldkitError(f"{path}: not a fieldkit demo file")
    return data


def build_demo(path: str | Path) -> dict[str, int]:
    """Create the demo survey at ``path``; return how many initiatives and visits it holds."""
    content = demo_content()
    initiatives = content["initiatives"]
    first_author = initiatives[0]["visits"][0]["author"]
    survey = Survey.create(path, load_guide(), device=_device_of(first_author))
    visits = 0
    try:
        with survey.log.transaction():
            for initiative in initiatives:
                visits += _write_initiative(survey, initiative)
        survey.remember_progress()  # as the window leaves a survey it closes
    except BaseException:
        survey.close()
        Path(path).unlink(missing_ok=True)
        raise
    survey.close()
    return {"initiatives": len(initiatives), "interviews": visits}


def _write_initiative(survey: Survey, initiative: dict[str, Any]) -> int:
    key = str(initiative["key"])
    initiative_id = _stable_id(key)
    survey.log.device = _device_of(initiative["visits"][0]["author"])
    survey.add_initiative(
        initiative["name"],
        initiative.get("territory", ""),
        initiative.get("network", ""),
        initiative.get("kind", ""),
        id=initiative_id,
    )
    for visit in initiative["visits"]:
        _write_visit(survey, initiative_id, key, visit)
    for narrative in initiative.get("narratives", []):
        survey.log.device = _device_of(narrative["author"])
        survey.set_narrative(initiative_id, narrative["section"], narrative["text"])
    return len(initiative["visits"])


def _write_visit(survey: Survey, initiative_id: str, key: str, visit: dict[str, Any]) -> None:
    survey.log.device = _device_of(visit["author"])
    visit_key = f"{key}/{visit['key']}"
    interview_id = survey.add_interview(
        initiative_id,
        str(visit["date"]),
        visit.get("place", ""),
        visit.get("interviewers", []),
        id=_stable_id(visit_key),
    )
    for question_id, value in visit.get("answers", {}).items():
        survey.set_answer(interview_id, question_id, value)
    repeat = next((q for q in survey.guide.questions if q.type == "repeat"), None)
    for person in visit.get("people", []):
        if repeat is not None:
            survey.add_row(interview_id, repeat.id, person)
    for quote in visit.get("quotes", []):
        survey.add_quote(
            interview_id, quote["text"], quote.get("speaker", ""), quote.get("question")
        )
    for note in visit.get("notes", []):
        survey.add_note(interview_id, note["text"], note.get("question"))
    if visit.get("status") == "complete":
        missing = survey.complete(interview_id)
        if missing:
            names = ", ".join(q.id for q in missing)
            raise FieldkitError(f"demo visit {visit_key} is marked complete but misses {names}")
