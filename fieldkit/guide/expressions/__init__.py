"""XLSForm expressions (``relevant``, ``constraint``): parsed once, evaluated safely.

Guides carry skip logic and constraints written in the XLSForm dialect of
XPath 1.0 (``${origine} = 'autre'``, ``selected(${outils}, 'monetaires')``),
so that guides written for fieldkit and guides imported from ODK or
KoboToolbox share one evaluator. The text comes from files, so it is
tokenized and parsed by hand into a small immutable tree and never handed to
``eval``. The tree is then compiled into nested closures once, because
completion counts evaluate the same few expressions thousands of times.

Values follow the interview's value model: ``None`` (unanswered), ``str``,
``list[str]`` (select_multiple), ``int``/``float``, ``bool``, and a repeat
group's list of rows. Inside the evaluator they become XPath's types (see
:mod:`.values`), dates count as days in arithmetic as ODK has it
(:mod:`.dates`), and a :class:`Scope` says whether an expression runs at the
top of the interview or in one repeat row.

It reads in the order of the work: :mod:`.tokens` cuts the text, :mod:`.parser`
builds the :mod:`.tree`, :mod:`.evaluator` compiles it over :mod:`.functions`.
"""

from fieldkit.guide.expressions.evaluator import Expression, parse, straighten_quotes
from fieldkit.guide.expressions.scope import Scope
from fieldkit.guide.expressions.tree import (
    MAX_DEPTH,
    MAX_LENGTH,
    Binary,
    Call,
    Current,
    ExpressionError,
    Literal,
    Logical,
    Negate,
    Node,
    Reference,
)

__all__ = [
    "MAX_DEPTH",
    "MAX_LENGTH",
    "Binary",
    "Call",
    "Current",
    "Expression",
    "ExpressionError",
    "Literal",
    "Logical",
    "Negate",
    "Node",
    "Reference",
    "Scope",
    "parse",
    "straighten_quotes",
]
