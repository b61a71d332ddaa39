"""The JSON dump as a file: the survey's content, for other programs.

``fieldkit dump`` prints everything, names included: it is the survey's own
backup, not something to send. An exported JSON file follows the rules of
every export: nobody who did not agree to be named is named in it (with
``pseudonymize``, nobody met, and no e-mail or phone number), and quotes and
photos people did not agree to are left out. Guides are kept as they are.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from fieldkit.export.content import Attachment, Quote
from fieldkit.export.output import export_file
from fieldkit.export.pseudonym import Pseudonyms
from fieldkit.survey import Survey, dump_text

#: Ids and hashes are left as they are: they name nobody.
_IDENTIFIER = re.compile(r"[0-9a-f-]{16,}")


def write_json(survey: Survey, out: str | Path, pseudonymize: bool = False) -> Path:
    """Write the survey's deterministic JSON dump to ``out``, as its people allow."""
    out = Path(out)
    names = Pseudonyms.of_survey(survey, pseudonymize)
    data = json.loads(dump_text(survey))
    for interview in data.get("interviews", []):
        interview["quotes"] = [q for q in interview.get("quotes", []) if _quoted(names, q)]
        interview["attachments"] = [a for a in interview.get("attachments", []) if _shown(names, a)]
    shared = {
        key: value if key == "guides" else _scrubbed(value, names) for key, value in data.items()
    }
    text = json.dumps(shared, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    with export_file(out, names.refuse_leaks) as temporary:
        temporary.write_text(text, encoding="utf-8")
    return out


def _quoted(names: Pseudonyms, item: dict[str, Any]) -> bool:
    return names.may_quote(Quote(str(item.get("text", "")), str(item.get("speaker", "")), None))


def _shown(names: Pseudonyms, item: dict[str, Any]) -> bool:
    attachment = Attachment(
        id=str(item.get("id", "")),
        filename=str(item.get("filename", "")),
        media_type=str(item.get("media_type", "")),
        caption=str(item.get("caption", "")),
        question=None,
    )
    return names.may_show(attachment)


def _scrubbed(value: object, names: Pseudonyms) -> Any:
    """Every text inside ``value`` scrubbed; keys and numbers kept."""
    if isinstance(value, str):
        return value if _IDENTIFIER.fullmatch(value) else names.scrub(value)
    if isinstance(value, dict):
        return {key: _scrubbed(item, names) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrubbed(item, names) for item in value]
    return value
