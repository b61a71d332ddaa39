"""The interview guide: its model, the loader of guide files, the built-in guide,
XLSForm expressions (skip logic, constraints) and the checking of answers.
"""

from fieldkit.guide.as_json import guide_to_json
from fieldkit.guide.expressions import ExpressionError, parse, straighten_quotes
from fieldkit.guide.loader import GUIDE_FORMAT, guide_hash, load_guide, parse_guide
from fieldkit.guide.model import DEFAULT_LANGUAGE, Guide, Question, Section, Text
from fieldkit.guide.values import check_constraint, clean_text, from_strings, normalize

__all__ = [
    "DEFAULT_LANGUAGE",
    "GUIDE_FORMAT",
    "ExpressionError",
    "Guide",
    "Question",
    "Section",
    "Text",
    "check_constraint",
    "clean_text",
    "from_strings",
    "guide_hash",
    "guide_to_json",
    "load_guide",
    "normalize",
    "parse",
    "parse_guide",
    "straighten_quotes",
]
