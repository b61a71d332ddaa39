"""The expression language of guides (XLSForm's XPath): what may be written, what it means."""

from __future__ import annotations

import copy
import dataclasses
import datetime
import functools
import math
import pickle
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import MappingProxyType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldkit.errors import FieldkitError
from fieldkit.guide.expressions import (
    MAX_DEPTH,
    MAX_LENGTH,
    Binary,
    Call,
    Current,
    Expression,
    ExpressionError,
    Literal,
    Logical,
    Negate,
    Reference,
    parse,
)
from fieldkit.guide.loader import parse_guide
from fieldkit.survey import Survey


def evaluate(
    source: str, values: Mapping[str, object] | None = None, current: object = None
) -> object:
    return parse(source).evaluate(values or {}, current)


def holds(source: str, values: Mapping[str, object] | None = None, current: object = None) -> bool:
    return parse(source).test(values or {}, current)


def syntax_error(source: str) -> ExpressionError:
    with pytest.raises(ExpressionError) as caught:
        parse(source)
    return caught.value


# --- Operators and precedence ------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 + 2 * 3", 7.0),
        ("(1 + 2) * 3", 9.0),
        ("10 - 4 - 3", 3.0),  # left-associative
        ("12 div 2 div 3", 2.0),
        ("2 * 3 mod 4", 2.0),  # * and mod share a level, left to right
        ("7 mod 3", 1.0),
        ("-7 mod 3", -1.0),  # truncating: the sign of the dividend
        ("7 mod -3", 1.0),
        ("-2 * 3", -6.0),
        ("- -2", 2.0),
        ("-(1 + 2)", -3.0),
        ("2.5 * 2", 5.0),
        (".5 + .5", 1.0),
        ("5 div 0", math.inf),
        ("-5 div 0", -math.inf),
        ("2 + 3 = 5", True),  # arithmetic binds tighter than comparison
        ("3 = 2 < 1", False),  # < binds tighter than =: 3 = false()
        ("true() or false() and false()", True),  # and binds tighter than or
        ("(true() or false()) and false()", False),
        ("1 + 1 = 2 and 2 * 2 = 4 or false()", True),
        ("1 < 2 and 2 <= 2 and 3 > 2 and 3 >= 3 and 1 != 2", True),
        ("'a' = \"a\"", True),
    ],
)
def test_operators_follow_xpath_precedence(source: str, expected: object) -> None:
    assert evaluate(source) == expected


@pytest.mark.parametrize("source", ["0 div 0", "0 mod 0", "5 mod 0", "(1 div 0) mod 2"])
def test_undefined_arithmetic_is_nan_rather_than_an_error(source: str) -> None:
    result = evaluate(source)
    assert isinstance(result, float)
    assert math.isnan(result)


def test_and_or_chains_are_one_flat_node() -> None:
    tree = parse("${a} = 1 or ${b} = 2 or ${c} = 3 and ${d}").tree
    assert isinstance(tree, Logical)
    assert tree.operator == "or"
    assert len(tree.operands) == 3
    assert tree.operands[2] == Logical(
        "and", (Binary("=", Reference("c"), Literal(3.0)), Reference("d"))
    )


def test_the_tree_is_made_of_plain_immutable_nodes() -> None:
    tree = parse("-selected(., 'x') + 1").tree
    assert tree == Binary("+", Negate(Call("selected", (Current(), Literal("x")))), Literal(1.0))
    assert isinstance(tree, Binary)
    with pytest.raises(dataclasses.FrozenInstanceError):
        tree.operator = "-"  # type: ignore[misc]


# --- Unanswered questions ----------------------------------------------------

UNANSWERED = [{}, {"x": None}, {"x": ""}, {"x": []}]


@pytest.mark.parametrize("values", UNANSWERED, ids=["missing", "None", "empty text", "empty list"])
@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("${x} = ''", True),
        ("${x} != ''", False),
        ("${x}", False),
        ("not(${x})", True),
        ("${x} = 0", False),
        ("${x} != 0", True),
        ("${x} > 0", False),
        ("${x} < 0", False),
        ("string-length(${x}) = 0", True),
        ("count-selected(${x}) = 0", True),
        ("count(${x}) = 0", True),
        ("concat('a', ${x}, 'b') = 'ab'", True),
        ("coalesce(${x}, 'default') = 'default'", True),
        ("selected(${x}, 'a')", False),
        ("string(${x} + 1) = 'NaN'", True),
    ],
)
def test_an_unanswered_question_is_empty_text_and_nan_in_arithmetic(
    source: str, expected: bool, values: dict[str, object]
) -> None:
    assert holds(source, values) is expected


def test_arithmetic_on_an_unanswered_question_gives_nan() -> None:
    result = evaluate("${x} * 2 + 1")
    assert isinstance(result, float)
    assert math.isnan(result)


# --- select_multiple ---------------------------------------------------------


@pytest.mark.parametrize("chosen", [["a", "b"], "a b", ("a", "b")], ids=["list", "text", "tuple"])
@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("selected(${m}, 'a')", True),
        ("selected(${m}, 'b')", True),
        ("selected(${m}, ' b ')", True),
        ("selected(${m}, 'c')", False),
        ("selected(${m}, 'a b')", False),
        ("count-selected(${m})", 2.0),
        ("selected-at(${m}, 0)", "a"),
        ("selected-at(${m}, 1)", "b"),
        ("selected-at(${m}, 2)", ""),
        ("selected-at(${m}, -1)", ""),
        ("${m} = 'a b'", True),
        ("${m} = ''", False),
        ("string-length(${m})", 3.0),
        ("contains(${m}, 'b')", True),
        ("concat(${m}, '!')", "a b!"),
    ],
)
def test_select_multiple_behaves_as_its_chosen_values(
    chosen: object, source: str, expected: object
) -> None:
    assert evaluate(source, {"m": chosen}) == expected


def test_selected_matches_whole_choice_values_only() -> None:
    assert not holds("selected(${m}, 'a')", {"m": ["ab", "ca"]})
    assert holds("selected(${m}, 'ab')", {"m": ["ab", "ca"]})


def test_a_bare_select_multiple_evaluates_to_its_list() -> None:
    assert evaluate("${m}", {"m": ["a", "b"]}) == ["a", "b"]
    assert holds("${m}", {"m": ["a"]})


@pytest.mark.parametrize(
    ("values", "expected"),
    [({"m": ["a", "b", "c"]}, 3.0), ({"m": []}, 0.0), ({"m": "a b"}, 1.0), ({"m": None}, 0.0)],
)
def test_count_is_the_length_of_a_list_and_one_for_any_other_answer(
    values: dict[str, object], expected: float
) -> None:
    assert evaluate("count(${m})", values) == expected


@pytest.mark.parametrize(
    ("values", "expected"),
    [({"m": ["1", "2", "3.5"]}, 6.5), ({"m": []}, 0.0), ({"m": 4}, 4.0), ({"m": "4"}, 4.0)],
)
def test_sum_adds_the_items_of_a_list(values: dict[str, object], expected: float) -> None:
    assert evaluate("sum(${m})", values) == expected


def test_sum_of_a_list_with_text_is_nan() -> None:
    result = evaluate("sum(${m})", {"m": ["1", "deux"]})
    assert isinstance(result, float)
    assert math.isnan(result)


# --- Numbers against text ----------------------------------------------------


@pytest.mark.parametrize(
    ("source", "values", "expected"),
    [
        ("${n} = 3", {"n": 3}, True),
        ("${n} = 3", {"n": 3.0}, True),
        ("${n} = 3", {"n": "3"}, True),
        ("${n} = 3", {"n": "3.0"}, True),
        ("${n} = 3", {"n": " 3 "}, True),
        ("${n} = 3", {"n": "03"}, True),
        ("${n} = '3'", {"n": 3}, True),  # a number on one side: compared as numbers
        ("${n} = '03'", {"n": "3"}, False),  # text on both sides: compared as text
        ("${n} = 'abc'", {"n": 3}, False),
        ("${n} = 3", {"n": "trois"}, False),
        ("${n} != 3", {"n": "trois"}, True),
        ("${n} = 3", {"n": "1e0"}, False),  # XPath numbers have no exponent
        ("${n} > 2", {"n": 3}, True),
        ("${n} > 2", {"n": "3"}, True),
        ("${n} > 2", {"n": "abc"}, False),
        ("${n} <= 2", {"n": "abc"}, False),
        ("'10' > '9'", {}, True),  # order is numeric, never alphabetical
        ("${n} * 2 = 6", {"n": "3"}, True),
        ("${n} + 1 = 2", {"n": True}, True),
        ("${n} = ${m}", {"n": "3", "m": 3.0}, True),
    ],
)
def test_comparisons_between_numbers_and_text(
    source: str, values: dict[str, object], expected: bool
) -> None:
    assert holds(source, values) is expected


@pytest.mark.parametrize(
    ("source", "values", "expected"),
    [
        ("true() = 'x'", {}, True),  # a non-empty text is true
        ("false() = ''", {}, True),
        ("true() = 1", {}, True),
        ("true() = 0", {}, False),
        ("${b} = true()", {"b": True}, True),
        ("${b} = false()", {"b": False}, True),
        ("${b}", {"b": False}, False),
        ("not(${b})", {"b": False}, True),
        ("${b} = 'false'", {"b": False}, False),  # XPath: boolean('false') is true
        ("true() > false()", {}, True),  # ordered as 1 and 0
    ],
)
def test_booleans_compare_as_in_xpath(
    source: str, values: dict[str, object], expected: bool
) -> None:
    assert holds(source, values) is expected


# --- Dates and times ---------------------------------------------------------


def test_a_date_compares_with_today() -> None:
    today = datetime.date.today()
    yesterday = (today - datetime.timedelta(days=1)).isoformat()
    tomorrow = (today + datetime.timedelta(days=1)).isoformat()
    expression = parse("${d} <= today()")
    assert expression.test({"d": yesterday})
    assert expression.test({"d": today.isoformat()})
    assert not expression.test({"d": tomorrow})
    assert not expression.test({"d": None})


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("'2026-11-14' < '2026-12-01'", True),
        ("'2026-11-14' > '2025-12-31'", True),
        ("'2026-11-14' >= '2026-11-14'", True),
        ("'2026-11-14' < '2026-11-14T08:00'", True),  # a date is its midnight
        ("'2026-11-14T09:30:00' < '2026-11-14T10:00:00.000+01:00'", True),
        ("'2026-11-14T10:00:00+05:00' > '2026-11-14T09:00:00'", True),  # wall-clock time
        ("'09:30' < '10:00'", True),
        ("'9:30' < '10:00'", True),
        ("'23:59:59' > '08:00:00.000+01:00'", True),
        ("'2026-11-14' = '2026-11-14'", True),
        ("'2026-11-14' < 5", False),  # a date against a number: not a number
    ],
)
def test_iso_dates_and_times_compare_in_time(source: str, expected: bool) -> None:
    assert holds(source) is expected


def test_a_date_object_among_the_answers_is_its_iso_text() -> None:
    assert holds("${d} <= today()", {"d": datetime.date(2020, 1, 31)})
    assert holds("${d} = '2020-01-31'", {"d": datetime.date(2020, 1, 31)})


def test_today_is_the_local_date() -> None:
    before = datetime.date.today().isoformat()
    result = evaluate("today()")
    after = datetime.date.today().isoformat()
    assert result in {before, after}


def test_now_is_the_local_time_with_its_offset() -> None:
    result = evaluate("now()")
    assert isinstance(result, str)
    moment = datetime.datetime.fromisoformat(result)
    assert moment.tzinfo is not None
    assert abs(moment - datetime.datetime.now().astimezone()) < datetime.timedelta(minutes=1)
    assert holds("now() >= today()")


# --- Functions ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("not(true())", False),
        ("not(0)", True),
        ("true()", True),
        ("false()", False),
        ("boolean(0)", False),
        ("boolean(0.5)", True),
        ("boolean(0 div 0)", False),
        ("boolean('')", False),
        ("boolean('0')", True),  # any non-empty text is true
        ("boolean('false')", True),
        ("number('12.5')", 12.5),
        ("number(' 7 ')", 7.0),
        ("number('-.5')", -0.5),
        ("number(true())", 1.0),
        ("int(3.7)", 3.0),
        ("int(-3.7)", -3.0),
        ("int('4.9')", 4.0),
        ("round(2.5)", 3.0),
        ("round(-2.5)", -2.0),  # halves go towards +Infinity, as XPath
        ("round(2.4)", 2.0),
        ("round(2.675, 2)", 2.68),  # decimal digits, not binary ones
        ("round(-1.25, 1)", -1.2),
        ("round(1234.5, -2)", 1200.0),
        ("round(1 div 0)", math.inf),
        ("string(3)", "3"),
        ("string(2.5)", "2.5"),
        ("string(-0.5)", "-0.5"),
        ("string(0 - 0)", "0"),
        ("string(true())", "true"),
        ("string(1 div 0)", "Infinity"),
        ("string(-1 div 0)", "-Infinity"),
        ("string(0 div 0)", "NaN"),
        ("string(1000000 * 1000000 * 1000000 * 1000)", "1000000000000000000000"),
        ("string(1 div 10000000)", "0.0000001"),
        ("concat('a', 1, true(), 2.5)", "a1true2.5"),
        ("concat('seul')", "seul"),
        ("contains('fieldkit', 'kit')", True),
        ("contains('fieldkit', 'Kit')", False),
        ("contains('x', '')", True),
        ("starts-with('garage solidaire', 'garage')", True),
        ("starts-with('garage solidaire', 'solidaire')", False),
        ("ends-with('garage solidaire', 'solidaire')", True),
        ("string-length('été')", 3.0),
        ("string-length(12.50)", 4.0),
        ("substr('fieldkit', 5)", "kit"),
        ("substr('fieldkit', 0, 5)", "field"),
        ("substr('fieldkit', -3)", "kit"),
        ("substr('fieldkit', 2, 1)", ""),
        ("substr('abc', 10)", ""),
        ("substr('abc', 0 div 0)", "abc"),
        ("if(1 = 1, 'yes', 'no')", "yes"),
        ("if('', 'yes', 'no')", "no"),
        ("coalesce('', 'b')", "b"),
        ("coalesce('a', 'b')", "a"),
        ("coalesce(0 div 0, 0)", 0.0),
        ("coalesce(false(), 'b')", False),  # false is an answer, not a blank
        ("regex('ABC-123', '[0-9]+')", True),  # searched, not matched whole
        ("regex('ABC-123', '^[0-9]+$')", False),
        ("regex('75011', '^[0-9]{5}$')", True),
        ("selected('a b', 'b')", True),
        ("count-selected('a  b   c')", 3.0),
        ("selected-at('a b c', 1.9)", "b"),
    ],
)
def test_functions(source: str, expected: object) -> None:
    assert evaluate(source) == expected


def test_regex_with_a_pattern_from_an_answer_never_fails() -> None:
    expression = parse("regex(${code}, ${pattern})")
    assert expression.test({"code": "A12", "pattern": "[0-9]"})
    assert not expression.test({"code": "A12", "pattern": "[0-9"})  # invalid: no match


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("regex('\ud800', '[0-9]+')", False),
        ("regex('a\ud800b', '^a.b$')", True),  # the lone half reads as one character
        ("regex('x', '\udc00|x')", True),
        ("regex(., '[0-9]')", False),
    ],
)
def test_regex_reads_a_lone_surrogate_as_an_unreadable_character(
    source: str, expected: bool
) -> None:
    """A YAML escape can put half a UTF-16 pair in a guide; RE2 reads only UTF-8."""
    assert evaluate(source, current="\udfff") is expected


def test_regex_with_patterns_from_answers_reads_lone_surrogates_too() -> None:
    expression = parse("regex(${code}, ${pattern})")
    assert expression.test({"code": "a\ud800b", "pattern": "^a.b$"})
    assert not expression.test({"code": "\ud800", "pattern": "[0-9]"})
    assert expression.test({"code": "\ufffd", "pattern": "\udc00"})


def test_if_and_coalesce_choose_between_answers() -> None:
    values = {"x": "", "y": "from y", "z": "from z"}
    assert evaluate("coalesce(${x}, ${y})", values) == "from y"
    assert evaluate("coalesce(${y}, ${z})", values) == "from y"
    assert evaluate("if(${x}, ${y}, ${z})", values) == "from z"


# --- The current answer ------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "current", "expected"),
    [
        (". > 0 and . < 120", 30, True),
        (". > 0 and . < 120", 200, False),
        (". > 0 and . < 120", None, False),
        (". >= ${minimum}", 5, True),
        (". >= ${minimum}", 3, False),
        ("string-length(.) <= 5", "court", True),
        ("string-length(.) <= 5", "trop long", False),
        ("regex(., '^[0-9]{5}$')", "75011", True),
        ("regex(., '^[0-9]{5}$')", "7501", False),
        ("count-selected(.) <= 2", ["a", "b"], True),
        ("count-selected(.) <= 2", ["a", "b", "c"], False),
        (". <= today()", "2000-01-01", True),
    ],
)
def test_the_dot_is_the_answer_being_constrained(
    source: str, current: object, expected: bool
) -> None:
    assert holds(source, {"minimum": 4}, current) is expected


# --- Quotes ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("'autre'", "autre"),
        ('"autre"', "autre"),
        ("‘autre’", "autre"),
        ("“autre”", "autre"),
        ("’autre’", "autre"),  # autocorrect sometimes turns the opening quote the wrong way
        ("”autre“", "autre"),
        ("’autre‘", "autre"),
        ("'l’autre'", "l’autre"),  # a curly apostrophe inside straight quotes is text
        ("“l'autre”", "l'autre"),
        ('"l\'autre"', "l'autre"),
        ("''", ""),
    ],
)
def test_text_may_be_quoted_straight_or_curly(source: str, expected: str) -> None:
    assert evaluate(source) == expected


def test_a_guide_pasted_from_a_word_processor_works() -> None:
    pasted = "${origine}\u00a0=\u00a0‘autre’ and\tselected(${outils}, “monetaires”)"
    assert holds(pasted, {"origine": "autre", "outils": ["monetaires"]})


# --- References --------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 = 1", set()),
        ("${a}", {"a"}),
        ("${a} = 1 and ${a} != 2", {"a"}),
        ("selected(${outils}, 'x') or ${b.c} > . or ${_d-1}", {"outils", "b.c", "_d-1"}),
        ("if(${a}, concat(${b}, ${c}), coalesce(${d}, -${e}))", {"a", "b", "c", "d", "e"}),
        ("'${not_a_reference}' = ${real}", {"real"}),
    ],
)
def test_references_list_every_question_named(source: str, expected: set[str]) -> None:
    assert parse(source).references == expected


# --- Syntax errors -----------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "position", "message"),
    [
        # unclosed and stray parentheses
        ("(${a} = 1", 0, "missing ')' to close the '(' opened at character 1"),
        ("not(${a}", 3, "missing ')'"),
        ("${a} = 1)", 8, "unexpected ')' at character 9"),
        ("()", 1, "unexpected ')'"),
        # stray operators and operands
        ("${a} = = 1", 7, "unexpected '=' at character 8"),
        ("and ${a}", 0, "unexpected 'and'"),
        ("1 +* 2", 3, "unexpected '*'"),
        ("${a} =", 6, "the expression ends too early after '='"),
        ("${a} = 'x' or", 13, "ends too early after 'or'"),
        ("1 2", 2, "unexpected '2'"),
        ("${a} ${b}", 5, "unexpected reference ${b}"),
        ("'a' 'b'", 4, "unexpected text 'b'"),
        ("${a} = 1,2", 8, "unexpected ','"),
        (". .", 2, "unexpected '.'"),
        ("${a} == 1", 5, "'==' is not an operator (write '=')"),
        ("${a} = 1 # note", 9, "unexpected character '#'"),
        ("${a} = 1 AND ${b} = 2", 9, "operators are written in lower case: and"),
        ("${a} = yes", 7, "quote text as 'yes', refer to a question as ${yes}"),
        ("${a} = true", 7, "a function needs parentheses: true()"),
        # functions
        ("foo(1)", 0, "unknown function 'foo' at character 1"),
        ("${a} or jr:choice-name(${a}, 'x')", 8, "unknown function 'jr:choice-name'"),
        ("not(1, 2)", 0, "not() takes 1 argument (given 2)"),
        ("selected(${a})", 0, "selected() takes 2 arguments (given 1)"),
        ("concat()", 0, "concat() takes at least 1 argument (given 0)"),
        ("round(1, 2, 3)", 0, "round() takes 1 to 2 arguments (given 3)"),
        ("true(1)", 0, "true() takes 0 arguments (given 1)"),
        ("regex(., '[a-')", 9, "invalid regular expression"),
        # references
        ("${}", 2, "expected a question name after '${'"),
        ("${1a} = 1", 2, "expected a question name"),
        ("${a b}", 3, "expected '}' to close the reference '${a'"),
        ("${a", 3, "expected '}'"),
        ("$a = 1", 0, "'$' must start a reference written ${name}"),
        ("${a} = $", 7, "'$' must start a reference"),
        # quotes
        ("${a} = 'x", 7, "unclosed quote at character 8"),
        ('${a} = "x', 7, "unclosed quote"),
        ("${a} = ‘x", 7, "unclosed quote"),
        ("${a} = 'x’", 7, "unclosed quote"),  # a straight quote needs a straight one
        # nothing at all
        ("", 0, "the expression is empty"),
        (" \t\n ", 0, "the expression is empty"),
    ],
)
def test_syntax_errors_say_what_and_where(source: str, position: int, message: str) -> None:
    error = syntax_error(source)
    assert error.position == position
    assert message in str(error)


def test_an_expression_error_is_a_value_error() -> None:
    assert issubclass(ExpressionError, ValueError)


def test_a_too_long_expression_is_refused_as_a_whole() -> None:
    longest = "'" + "a" * (MAX_LENGTH - 2) + "'"
    assert evaluate(longest) == "a" * (MAX_LENGTH - 2)
    error = syntax_error(longest + " ")
    assert error.position is None
    assert "too long" in str(error)


@pytest.mark.parametrize(
    ("opening", "closing", "step", "offset"),
    [("(", ")", 1, 0), ("-", "", 1, 0), ("not(", ")", 4, 3)],
    ids=["parentheses", "unary minus", "function calls"],
)
def test_nesting_is_limited(opening: str, closing: str, step: int, offset: int) -> None:
    assert parse(opening * MAX_DEPTH + "1" + closing * MAX_DEPTH)
    error = syntax_error(opening * (MAX_DEPTH + 1) + "1" + closing * (MAX_DEPTH + 1))
    assert error.position == MAX_DEPTH * step + offset  # the one level too many
    assert "nested too deeply" in str(error)


def test_a_chain_of_arithmetic_is_limited_like_nesting() -> None:
    assert evaluate("+".join(["1"] * (MAX_DEPTH + 1))) == MAX_DEPTH + 1
    error = syntax_error("+".join(["1"] * (MAX_DEPTH + 2)))
    assert error.position == 2 * MAX_DEPTH + 1  # the last '+'
    assert "nested too deeply" in str(error)


def test_long_and_or_chains_are_not_limited() -> None:
    alternatives = " or ".join(f"${{q}} = '{i}'" for i in range(500))
    assert holds(alternatives, {"q": "499"})
    assert not holds(alternatives, {"q": "500"})


# --- Odd answers -------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "source", "expected"),
    [
        (10**400, "${x} > 1", True),
        (10**400, "string(${x})", "Infinity"),
        (-(10**400), "${x} < 0", True),
        (math.nan, "${x} = ${x}", False),
        (math.nan, "string(${x})", "NaN"),
        (math.inf, "${x} > 1", True),
        ("NaN", "${x} + 1 > 0", False),
        ("Infinity", "number(${x}) > 0", False),  # only digits are a number
        ("1e5", "${x} > 1", False),
        ([""], "count(${x})", 1.0),
        ([1, 2], "sum(${x})", 3.0),
        ([None, "a"], "selected(${x}, 'a')", True),
        ({"unexpected": "mapping"}, "string-length(${x}) > 0", True),
    ],
)
def test_odd_answers_still_give_a_result(answer: object, source: str, expected: object) -> None:
    assert evaluate(source, {"x": answer}) == expected


def test_values_may_be_any_mapping() -> None:
    assert holds("${a} = 'x'", MappingProxyType({"a": "x"}))


# --- The Expression object ---------------------------------------------------


def test_an_expression_keeps_its_source_and_is_immutable() -> None:
    expression = parse("${a} = 'x'")
    assert expression.source == "${a} = 'x'"
    with pytest.raises(dataclasses.FrozenInstanceError):
        expression.source = "1"  # type: ignore[misc]


def test_expressions_compare_and_hash_by_content() -> None:
    assert parse("${a} = 1") == parse("${a} = 1")
    assert parse("${a} = 1") != parse("${a} = 2")
    assert len({parse("${a} = 1"), parse("${a} = 1"), parse("${a}=1")}) == 2


@pytest.mark.parametrize(
    "clone", [copy.deepcopy, lambda e: pickle.loads(pickle.dumps(e))], ids=["deepcopy", "pickle"]
)
def test_an_expression_can_be_copied_and_pickled(clone: object) -> None:
    original = parse("selected(${m}, 'a') and . > 2")
    copied = clone(original)  # type: ignore[operator]
    assert isinstance(copied, Expression)
    assert copied == original
    assert copied.test({"m": ["a"]}, 3)
    assert not copied.test({"m": ["b"]}, 3)


def test_test_always_returns_a_bool() -> None:
    assert parse("'x'").test({}) is True
    assert parse("0").test({}) is False
    assert parse("${m}").test({"m": ["a"]}) is True


# --- Properties --------------------------------------------------------------

_TOKENS = [
    "${a}", "${", "$", "{", "}", "(", ")", ",", "'x'", "'", '"', "‘", "’", "“", "”", "1", "2.5",
    ".", "..", "=", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "div", "mod", "and", "or",
    "not", "selected", "concat", "regex", "'('", "foo", "jr:x", " ", "\u00a0", "#", "\\",
]  # fmt: skip

_NAMES = ["a", "b", "m", "q.1", "x-y"]
_ARITIES = {
    "selected": (2, 2), "count-selected": (1, 1), "selected-at": (2, 2),
    "string-length": (1, 1), "not": (1, 1), "true": (0, 0), "false": (0, 0),
    "boolean": (1, 1), "number": (1, 1), "int": (1, 1), "round": (1, 2), "string": (1, 1),
    "concat": (1, 4), "contains": (2, 2), "starts-with": (2, 2), "ends-with": (2, 2),
    "substr": (2, 3), "if": (3, 3), "coalesce": (2, 2), "today": (0, 0), "now": (0, 0),
    "count": (1, 1), "sum": (1, 1),
}  # fmt: skip
_OPERATORS = ["or", "and", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "div", "mod"]


def _leaves() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(_NAMES).map(lambda name: f"${{{name}}}"),
        st.just("."),
        st.integers(0, 10**6).map(str),
        st.decimals(0, 10**6, places=3, allow_nan=False).map(str),
        st.text(st.characters(exclude_characters="'$"), max_size=8).map(lambda t: f"'{t}'"),
        st.sampled_from(["'2026-11-14'", "'10:30'", "'a b'", "''"]),
    )


def _call(name: str, arguments: list[str]) -> str:
    return f"{name}({', '.join(arguments)})"


def _extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    binary = st.tuples(inner, st.sampled_from(_OPERATORS), inner).map(
        lambda parts: f"({parts[0]} {parts[1]} {parts[2]})"
    )
    negated = inner.map(lambda operand: f"-{operand}")
    calls = [
        st.lists(inner, min_size=low, max_size=high).map(functools.partial(_call, name))
        for name, (low, high) in _ARITIES.items()
    ]
    pattern = st.sampled_from(["'[0-9]+'", "'^a'", "${a}", "${b}"])
    regex = st.tuples(inner, pattern).map(lambda parts: f"regex({parts[0]}, {parts[1]})")
    return st.one_of(binary, negated, regex, *calls)


_EXPRESSIONS = st.recursive(_leaves(), _extend, max_leaves=12)
_ANSWERS = st.one_of(
    st.none(),
    st.text(max_size=10),
    st.lists(st.text(max_size=5), max_size=4),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.sampled_from(["2026-11-14", "2026-11-14T10:00:00+02:00", "10:30", " 4.5 ", "[0-9", "(a"]),
)


@settings(max_examples=300)
@given(
    st.one_of(st.text(max_size=60), st.lists(st.sampled_from(_TOKENS), max_size=30).map("".join))
)
def test_parse_fails_only_with_an_expression_error(source: str) -> None:
    try:
        parse(source)
    except ExpressionError as error:
        assert str(error)
        assert error.position is None or 0 <= error.position <= len(source)


@settings(max_examples=300)
@given(
    _EXPRESSIONS,
    st.dictionaries(st.sampled_from(_NAMES), _ANSWERS),
    _ANSWERS,
)
def test_any_well_formed_expression_evaluates_on_any_answers(
    source: str, values: dict[str, object], current: object
) -> None:
    expression = parse(source)
    assert expression.references == set(re.findall(r"\$\{([^}]*)\}", source))
    result = expression.evaluate(values, current)
    assert isinstance(result, str | float | bool | list)
    assert isinstance(expression.test(values, current), bool)


# --- In a survey: repeat groups as ODK reads them ----------------------------------

REPEAT_GUIDE = """
format: fieldkit-guide/1
id: budget
title: {fr: Budget}
sections:
  - id: budget
    title: {fr: Budget}
    questions:
      - {id: plafond, type: decimal, label: {fr: Plafond}}
      - {id: naissance, type: date, label: {fr: Date de création}}
      - id: depenses
        type: repeat
        label: {fr: Dépenses}
        questions:
          - id: montant
            type: decimal
            label: {fr: Montant}
            constraint: ". <= ${plafond}"
            constraint_message: {fr: Au-dessus du plafond}
          - id: nature
            type: text
            label: {fr: Nature}
            constraint: "position(..) > 1 or . != 'report'"
      - id: explication
        type: long_text
        label: {fr: Pourquoi autant ?}
        relevant: "sum(${montant}) > 100"
      - id: age
        type: integer
        label: {fr: Âge}
        relevant: "(today() - ${naissance}) div 365.25 > 10"
"""


@pytest.fixture
def budget(tmp_path: Path) -> Iterator[tuple[Survey, str]]:
    with Survey.create(tmp_path / "budget.fieldkit", parse_guide(REPEAT_GUIDE)) as survey:
        initiative = survey.add_initiative("Épicerie solidaire")
        yield survey, survey.add_interview(initiative, "2026-11-14")


def test_a_constraint_in_a_repeat_row_reads_the_top_level_answers(
    budget: tuple[Survey, str],
) -> None:
    survey, interview = budget
    survey.set_answer(interview, "plafond", 80)
    row = survey.add_row(interview, "depenses", {"montant": 60})  # refused before: 60 <= ''
    with pytest.raises(FieldkitError, match="Au-dessus du plafond"):
        survey.set_row_answer(row, "montant", 90)
    assert survey.rows(interview, "depenses")[0].values == {"montant": 60.0}


def test_a_constraint_in_a_repeat_row_knows_its_position(budget: tuple[Survey, str]) -> None:
    survey, interview = budget
    first = survey.add_row(interview, "depenses")
    with pytest.raises(FieldkitError, match="nature"):
        survey.set_row_answer(first, "nature", "report")
    second = survey.add_row(interview, "depenses")
    survey.set_row_answer(second, "nature", "report")


def test_a_sum_over_a_repeat_decides_relevance_in_the_guide_and_in_the_listing(
    budget: tuple[Survey, str],
) -> None:
    survey, interview = budget
    guide = survey.guide_for(interview)
    survey.set_answer(interview, "plafond", 1000)
    survey.add_row(interview, "depenses", {"montant": 60})
    assert not guide.is_relevant("explication", survey.answers(interview))
    before = survey.interviews()[0].applicable
    survey.add_row(interview, "depenses", {"montant": 70})
    assert guide.is_relevant("explication", survey.answers(interview))
    assert survey.interviews()[0].applicable == before + 1


def test_date_arithmetic_decides_relevance(budget: tuple[Survey, str]) -> None:
    survey, interview = budget
    guide = survey.guide_for(interview)
    survey.set_answer(interview, "naissance", "2001-06-01")
    assert guide.is_relevant("age", survey.answers(interview))  # NaN before: never shown
    survey.set_answer(interview, "naissance", datetime.date.today().isoformat())
    assert not guide.is_relevant("age", survey.answers(interview))


@pytest.mark.parametrize("pattern", [r"^(a)\1$", "^(?=a)a$"])
def test_patterns_that_need_backtracking_are_refused_with_the_reason(pattern: str) -> None:
    with pytest.raises(ExpressionError, match="back-references and look-around are not supported"):
        parse(f"regex(., '{pattern}')")
