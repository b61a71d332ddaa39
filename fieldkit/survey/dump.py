"""The whole current state of a survey as JSON, and loading such a dump back.

A dump is deterministic: it is built from the derived state only (never from
per-file facts such as which changes were synced), with every list sorted, so
two files holding the same set of changes print byte-identical dumps. That is
what the merge laws are tested against.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fieldkit.errors import FieldkitError
from fieldkit.files import MEGABYTE, read_regular_file
from fieldkit.guide import guide_hash, parse_guide
from fieldkit.survey.changes import MAX_VALUE_DEPTH, UnfitJSON, decode
from fieldkit.survey.file import Survey
from fieldkit.survey.records import as_position

DUMP_FORMAT = "fieldkit-dump/1"
#: A dump holds text, not attachments: this is far beyond any survey's.
MAX_DUMP_BYTES = 256 * MEGABYTE
#: Levels of a dump around its deepest values (interviews, rows, cells).
_DUMP_LEVELS = 6
_CHILDREN = ("note", "quote", "attachment")


def dump_survey(survey: Survey) -> dict[str, Any]:
    """Return the survey's current state as plain JSON-ready data."""
    log = survey.log
    by_entity = {
        name: log.entities(name) for name in ("initiative", "interview", "row", *_CHILDREN)
    }
    answers = log.entities("answer")
    row_answers = log.entities("row_answer")
    interviews = []
    for interview_id, fields in sorted(by_entity["interview"].items()):
        entry: dict[str, Any] = {"id": interview_id, **fields}
        entry["answers"] = {k: v for k, v in sorted(answers.get(interview_id, {}).items())}
        entry["rows"] = _rows_of(interview_id, by_entity["row"], row_answers)
        for child in _CHILDREN:
            entry[child + "s"] = [
                {"id": item_id, **item}
                for item_id, item in sorted(by_entity[child].items())
                if item.get("interview") == interview_id
            ]
        interviews.append(entry)
    return {
        "format": DUMP_FORMAT,
        "survey": log.fields("survey", "survey"),
        "guides": _guides(survey),
        "initiatives": [{"id": i, **f} for i, f in sorted(by_entity["initiative"].items())],
        "interviews": interviews,
        "conflicts": [_conflict(c) for c in survey.conflicts()],
    }


def _rows_of(
    interview_id: str,
    rows: Mapping[str, Mapping[str, object]],
    row_answers: Mapping[str, Mapping[str, object]],
) -> list[dict[str, object]]:
    found = [
        {"id": row_id, **fields, "values": dict(sorted(row_answers.get(row_id, {}).items()))}
        for row_id, fields in rows.items()
        if fields.get("interview") == interview_id
    ]
    return sorted(
        found, key=lambda r: (str(r.get("repeat")), as_position(r.get("position")), str(r["id"]))
    )


def _guides(survey: Survey) -> list[dict[str, str]]:
    rows = survey.log.connection.execute("SELECT hash, source FROM guides ORDER BY hash")
    return [{"hash": digest, "source": source} for digest, source in rows]


def _conflict(conflict: Any) -> dict[str, Any]:
    return {
        "id": conflict.id,
        "values": [
            {
                "change": r.change,
                "value": r.value,
                "author": r.author,
                "device": r.device,
                "time": r.time,
            }
            for r in conflict.values
        ],
    }


def dump_text(survey: Survey) -> str:
    return json.dumps(dump_survey(survey), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def read_dump(path: Path) -> dict[str, Any]:
    try:
        text = read_regular_file(Path(path), "a dump", MAX_DUMP_BYTES).decode("utf-8")
        data = decode(text, deepest=MAX_VALUE_DEPTH + _DUMP_LEVELS)
    except FileNotFoundError:
        raise FieldkitError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise FieldkitError(f"{path}: is a folder, not a dump") from None
    except UnfitJSON as error:
        raise FieldkitError(f"{path}: not a fieldkit dump ({error.msg})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FieldkitError(f"{path}: not a JSON file ({error})") from None
    if not isinstance(data, dict) or data.get("format") != DUMP_FORMAT:
        raise FieldkitError(f"{path}: not a fieldkit dump (expected format {DUMP_FORMAT!r})")
    return data


def load_dump(survey: Survey, data: Mapping[str, Any], source: str = "<dump>") -> dict[str, int]:
    """Write a dump's state into a survey as new changes (ids kept), in one transaction.

    Where the dump shows a conflict, its displayed value is loaded; the other
    values stay in the dump. Attachments whose content the survey does not
    hold are skipped and counted. Returns counts of what was loaded.
    """
    counts = {"initiatives": 0, "interviews": 0, "answers": 0, "skipped_attachments": 0}
    log = survey.log
    try:
        with log.transaction():
            for guide in data.get("guides", []):
                source_text = str(guide["source"])
                parse_guide(source_text, f"{source} (guide {str(guide.get('hash', ''))[:12]})")
                log.put_guide(guide_hash(source_text), source_text)
            for field, value in dict(data.get("survey", {})).items():
                if field == "guide":
                    log.write("survey", "survey", field, value)
            for initiative in data.get("initiatives", []):
                _write_fields(survey, "initiative", initiative)
                counts["initiatives"] += 1
            for interview in data.get("interviews", []):
                counts["answers"] += _load_interview(survey, interview, counts)
                counts["interviews"] += 1
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise FieldkitError(f"{source}: the dump is malformed ({error!r})") from None
    return counts


def _write_fields(
    survey: Survey, entity: str, item: Mapping[str, Any], skip: tuple[str, ...] = ()
) -> None:
    entity_id = str(item["id"])
    for field, value in item.items():
        if field != "id" and field not in skip:
            survey.log.write(entity, entity_id, field, value)


def _load_interview(survey: Survey, interview: Mapping[str, Any], counts: dict[str, int]) -> int:
    nested = ("answers", "rows", "notes", "quotes", "attachments")
    _write_fields(survey, "interview", interview, skip=nested)
    interview_id = str(interview["id"])
    answers = dict(interview.get("answers", {}))
    for question_id, value in answers.items():
        survey.log.write("answer", interview_id, question_id, value)
    for row in interview.get("rows", []):
        _write_fields(survey, "row", row, skip=("values",))
        for column, value in dict(row.get("values", {})).items():
            survey.log.write("row_answer", str(row["id"]), column, value)
    for entity in ("note", "quote"):
        for item in interview.get(entity + "s", []):
            _write_fields(survey, entity, item)
    for attachment in interview.get("attachments", []):
        if survey.log.blob(str(attachment.get("sha256"))) is None:
            counts["skipped_attachments"] += 1
            continue
        _write_fields(survey, "attachment", attachment)
    return len(answers)
