"""The interview guide: its model, the loader of guide files, the built-in guide,
XLSForm expressions (skip logic, constraints), the checking of answers, and the
monograph's outline the guide defines (:func:`outline_of`: sections, which
questions feed each one, which are internal working material).

Every name loads on first use: the window lists a survey from what the file
remembers of each interview's progress, and only needs the guide (and its
expression engine) once an interview is opened or something is written.
"""

from typing import TYPE_CHECKING

from fieldkit.lazy import on_first_use

if TYPE_CHECKING:
    from fieldkit.guide.as_json import guide_to_json
    from fieldkit.guide.expressions import ExpressionError, parse, straighten_quotes
    from fieldkit.guide.loader import GUIDE_FORMAT, guide_hash, load_guide, parse_guide
    from fieldkit.guide.model import (
        DEFAULT_LANGUAGE,
        OUTLINE_KINDS,
        Guide,
        OutlineSection,
        Question,
        Section,
        Text,
    )
    from fieldkit.guide.outline import Outline, Precision, axis_tags, outline_of
    from fieldkit.guide.values import (
        check_constraint,
        clean_text,
        from_strings,
        iso_date,
        normalize,
    )

_HOMES = {
    "guide_to_json": "as_json",
    "ExpressionError": "expressions",
    "parse": "expressions",
    "straighten_quotes": "expressions",
    "GUIDE_FORMAT": "loader",
    "guide_hash": "loader",
    "load_guide": "loader",
    "parse_guide": "loader",
    "DEFAULT_LANGUAGE": "model",
    "OUTLINE_KINDS": "model",
    "Guide": "model",
    "OutlineSection": "model",
    "Question": "model",
    "Section": "model",
    "Text": "model",
    "Outline": "outline",
    "Precision": "outline",
    "axis_tags": "outline",
    "outline_of": "outline",
    "check_constraint": "values",
    "clean_text": "values",
    "from_strings": "values",
    "iso_date": "values",
    "normalize": "values",
}

#: Offered here, loaded on first use (see :mod:`fieldkit.lazy`).
__getattr__ = on_first_use(__name__, {name: f"{__name__}.{home}" for name, home in _HOMES.items()})

__all__ = [
    "DEFAULT_LANGUAGE",
    "GUIDE_FORMAT",
    "OUTLINE_KINDS",
    "ExpressionError",
    "Guide",
    "Outline",
    "OutlineSection",
    "Precision",
    "Question",
    "Section",
    "Text",
    "axis_tags",
    "check_constraint",
    "clean_text",
    "from_strings",
    "guide_hash",
    "guide_to_json",
    "iso_date",
    "load_guide",
    "normalize",
    "outline_of",
    "parse",
    "parse_guide",
    "straighten_quotes",
]
