"""The interview guide: its model, the loader of guide files, the built-in guide,
XLSForm expressions (skip logic, constraints), the checking of answers, and the
monograph's outline the guide defines (:func:`outline_of`: sections, which
questions feed each one, which are internal working material).
"""

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
from fieldkit.guide.values import check_constraint, clean_text, from_strings, iso_date, normalize

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
