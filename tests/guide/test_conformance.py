"""Expressions evaluate as the ODK XForms specification says they do.

One table, one row per case: the expression, where it runs (at the top of
the interview, or in a row of a repeat group, with the answer being
constrained as ``.``), and the value the specification gives. The answers
are one interview's: a few top-level questions, two repeat groups with
rows, and one without any. Dates are numbers of days since 1970-01-01 in
arithmetic, as ODK has them; month and day names are English.

Below the table, relevance inheritance: a question inside a section, a
repeat group or a row that is not relevant is not relevant either.
"""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from fieldkit.guide.expressions import Scope, parse
from fieldkit.guide.loader import parse_guide

COLUMNS = {
    "montant": "depenses",
    "nature": "depenses",
    "prenom": "personnes",
    "age": "personnes",
    "role": "personnes",
    "libelle": "vide",
}
ANSWERS: dict[str, object] = {
    "n": 7,
    "x": None,
    "nom": "Camille",
    "d": "2024-03-05",
    "dt": "2024-03-05T14:30:00",
    "t": "10:30",
    "naissance": "2000-01-01",
    "m": ["velo", "cafe"],
    "o": "autre",
    "depenses": [
        {"montant": 10, "nature": "loyer"},
        {"montant": 5.5, "nature": "cafe"},
        {"montant": 20},
    ],
    "personnes": [{"prenom": "Ana", "age": 34, "role": "benevole"}, {"prenom": "Léo", "age": 19}],
    "vide": [],
}
NAN = math.nan
INF = math.inf


class Case(NamedTuple):
    source: str
    expected: object
    row: tuple[str, int] | None = None
    current: object = None


TOP = None
SECOND_EXPENSE = ("depenses", 1)

TABLE = [
    # --- arithmetic (XPath 1.0 §3.5) ---
    Case("1 + 2 * 3", 7.0),
    Case("(1 + 2) * 3", 9.0),
    Case("10 - 2 - 3", 5.0),
    Case("2 - -1", 3.0),
    Case("7 div 2", 3.5),
    Case("7 mod 3", 1.0),
    Case("-7 mod 3", -1.0),
    Case("1 div 0", INF),
    Case("-1 div 0", -INF),
    Case("0 div 0", NAN),
    Case("${n} * 2", 14.0),
    Case("${x} + 1", NAN),
    Case("'3' + 4", 7.0),
    Case("number('12.5')", 12.5),
    Case("number('abc')", NAN),
    Case("number(true())", 1.0),
    Case("int(7.9)", 7.0),
    Case("int(-7.9)", -7.0),
    Case("round(2.5)", 3.0),
    Case("round(-2.5)", -2.0),
    Case("round(3.14159, 2)", 3.14),
    Case("floor(-1.5)", -2.0),
    Case("ceiling(1.2)", 2.0),
    Case("abs(-4)", 4.0),
    Case("pow(2, 10)", 1024.0),
    Case("sqrt(16)", 4.0),
    Case("sqrt(-1)", NAN),
    # --- comparisons and booleans ---
    Case("${n} = 7", True),
    Case("${n} = '7'", True),
    Case("${n} != 7", False),
    Case("'10' > '9'", True),
    Case("'abc' < 'abd'", False),
    Case("1 = 1.0", True),
    Case("true() = 1", True),
    Case("${x} = ''", True),
    Case("true() and false()", False),
    Case("true() or false()", True),
    Case("not(${x})", True),
    Case("boolean('false')", True),
    Case("boolean(0)", False),
    Case("boolean-from-string('false')", False),
    Case("boolean-from-string('1')", True),
    # --- text ---
    Case("concat('a', ${nom}, 1)", "aCamille1"),
    Case("string-length(${nom})", 7.0),
    Case("string(1.50)", "1.5"),
    Case("string(1 div 0)", "Infinity"),
    Case("substr('fieldkit', 5)", "kit"),
    Case("substr('fieldkit', 0, 5)", "field"),
    Case("substring-before('2024-03-05', '-')", "2024"),
    Case("substring-after('a=b', '=')", "b"),
    Case("translate('abc', 'abc', 'ABC')", "ABC"),
    Case("translate('a-b-c', '-', '')", "abc"),
    Case("normalize-space('  a   b  ')", "a b"),
    Case("contains(${nom}, 'mil')", True),
    Case("starts-with(${nom}, 'Ca')", True),
    Case("ends-with(${nom}, 'le')", True),
    Case("regex('75011', '^[0-9]{5}$')", True),
    Case("regex('7501', '^[0-9]{5}$')", False),
    Case("regex(${nom}, '^[A-Z]')", True),
    # --- dates: days since 1970-01-01 in arithmetic ---
    Case("decimal-date-time('1970-01-01')", 0.0),
    Case("decimal-date-time('1970-01-02T12:00:00')", 1.5),
    Case("number(${d})", 19787.0),
    Case("${d} + 1", 19788.0),
    Case("${d} - '2024-03-01'", 4.0),
    Case("int((${d} - ${naissance}) div 365.25)", 24.0),
    Case("round((${dt} - ${d}) * 24, 1)", 14.5),
    Case("${d} < '2024-03-06'", True),
    Case("${d} > ${naissance}", True),
    Case("${dt} > ${d}", True),
    Case("date(0)", "1970-01-01"),
    Case("date(${d} + 1) = '2024-03-06'", True),
    Case("date(decimal-date-time('2024-03-05') + 30)", "2024-04-04"),
    Case("date('2024-03-05T14:30:00')", "2024-03-05"),
    Case("date('not a date')", ""),
    Case("date-time(1.5)", "1970-01-02T12:00:00"),
    Case("format-date(${d}, '%Y/%m/%d')", "2024/03/05"),
    Case("format-date(${d}, '%e %b %y')", "5 Mar 24"),
    Case("format-date(${d}, '%n')", "3"),
    Case("format-date(${d}, '%a')", "Tue"),
    Case("format-date(date(0), '%Y-%m-%d')", "1970-01-01"),
    Case("format-date-time(${dt}, '%H:%M:%S')", "14:30:00"),
    Case("format-date-time(${dt}, '%h')", "14"),
    Case("decimal-time('12:00')", 0.5),
    Case("decimal-time('18:00')", 0.75),
    Case("${t} < '11:00'", True),
    Case(". <= today()", True, current="2000-01-01"),
    # --- selects ---
    Case("selected(${m}, 'cafe')", True),
    Case("selected(${m}, 'the')", False),
    Case("count-selected(${m})", 2.0),
    Case("selected-at(${m}, 1)", "cafe"),
    Case("selected(${o}, 'autre')", True),
    Case("${o} = 'autre'", True),
    # --- if, coalesce, once ---
    Case("if(${n} > 5, 'grand', 'petit')", "grand"),
    Case("if(${x}, 'oui', 'non')", "non"),
    Case("if(true(), 1, 1 div 0)", 1.0),
    Case("coalesce(${x}, 'défaut')", "défaut"),
    Case("coalesce(${nom}, 'défaut')", "Camille"),
    Case("once(${n} + 1)", 8.0),
    Case("once(${n} + 1)", 3.0, current=3),
    # --- a repeat group's columns read outside its rows: node-sets ---
    Case("count(${depenses})", 3.0),
    Case("count(${vide})", 0.0),
    Case("count(${montant})", 3.0),
    Case("count-non-empty(${nature})", 2.0),
    Case("sum(${montant})", 35.5),
    Case("max(${montant})", 20.0),
    Case("min(${montant})", 5.5),
    Case("sum(${nature})", NAN),
    Case("sum(${libelle})", 0.0),
    Case("max(${libelle})", NAN),
    Case("join(', ', ${prenom})", "Ana, Léo"),
    Case("sum(${age}) div count(${personnes})", 26.5),
    Case("${nature} = 'cafe'", True),
    Case("${nature} != 'loyer'", True),
    Case("${libelle} = ''", False),
    Case("${montant} > 15", True),
    Case("indexed-repeat(${prenom}, ${personnes}, 2)", "Léo"),
    Case("indexed-repeat(${prenom}, ${personnes}, 3)", ""),
    Case("position(..)", 1.0),
    # --- inside a row: the row's own columns, and the rest of the interview ---
    Case("${montant}", 5.5, SECOND_EXPENSE),
    Case("position(..)", 2.0, SECOND_EXPENSE),
    Case("${montant} < ${n}", True, SECOND_EXPENSE),
    Case("${nature} = 'cafe'", True, SECOND_EXPENSE),
    Case("sum(${montant})", 5.5, SECOND_EXPENSE),
    Case("count(${depenses})", 3.0, SECOND_EXPENSE),
    Case("indexed-repeat(${montant}, ${depenses}, position(..) - 1)", 10.0, SECOND_EXPENSE),
    Case("sum(${age})", 53.0, SECOND_EXPENSE),
    Case("${age} >= 18 and ${prenom} != ''", True, ("personnes", 0)),
    Case("${role} = ''", True, ("personnes", 1)),
    Case(". >= ${n}", True, ("depenses", 0), current=10),
    Case(". >= ${n}", False, SECOND_EXPENSE, current=5.5),
    # --- constraints on the answer being given ---
    Case(". > 0", True, current=5),
    Case("string-length(.) <= 5", False, current="abcdef"),
    Case("regex(., '^(a+)+$')", False, current="a" * 33 + "b"),
]


def _scope(case: Case) -> Scope:
    repeat, index = case.row if case.row else (None, None)
    return Scope(ANSWERS, COLUMNS, repeat, index)


def _shown(case: Case) -> str:
    where = f" in {case.row[0]}[{case.row[1]}]" if case.row else ""
    return f"{case.source}{where}" + (f" with .={case.current!r}" if case.current else "")


def test_the_table_is_large_enough_to_mean_something() -> None:
    assert len(TABLE) >= 100


@pytest.mark.parametrize("case", TABLE, ids=_shown)
def test_expressions_evaluate_as_the_odk_specification_says(case: Case) -> None:
    result = parse(case.source).evaluate(_scope(case), case.current)
    if isinstance(case.expected, float) and math.isnan(case.expected):
        assert isinstance(result, float) and math.isnan(result)
    elif isinstance(case.expected, float):
        assert result == pytest.approx(case.expected)
    else:
        assert result == case.expected


def test_a_catastrophic_pattern_never_hangs() -> None:
    """With Python's own engine this never ends (33 characters already take 20 s)."""
    script = (
        "from fieldkit.guide.expressions import parse\n"
        "print(parse(\"regex(., '^(a+)+$')\").test({}, 'a' * 100_000 + 'b'))\n"
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
            cwd=Path(__file__).resolve().parents[2],
        )
    except subprocess.TimeoutExpired:
        pytest.fail("regex(., '^(a+)+$') hangs on a long answer")
    assert done.stdout == "False\n"


# --- relevance inheritance -------------------------------------------------------

INHERITANCE_GUIDE = """
format: fieldkit-guide/1
id: heritage
title: {fr: Héritage}
sections:
  - id: identite
    title: {fr: Identité}
    questions:
      - id: actif
        type: select_one
        label: {fr: Actif ?}
        choices: [{value: oui, label: Oui}, {value: non, label: Non}]
  - id: activite
    title: {fr: Activité}
    relevant: "${actif} = 'oui'"
    questions:
      - {id: chiffre, type: integer, label: {fr: Chiffre}}
      - id: depenses
        type: repeat
        label: {fr: Dépenses}
        relevant: "${chiffre} > 0"
        questions:
          - {id: montant, type: decimal, label: {fr: Montant}}
          - {id: justificatif, type: text, label: {fr: Justificatif}, relevant: "${montant} > 100"}
  - id: bilan
    title: {fr: Bilan}
    questions:
      - {id: gros, type: text, label: {fr: Pourquoi ?}, relevant: "max(${montant}) > 100"}
"""

ROWS = [{"montant": 50}, {"montant": 150}]


@pytest.mark.parametrize(
    ("question", "answers", "row", "shown"),
    [
        ("chiffre", {"actif": "oui"}, None, True),
        ("chiffre", {"actif": "non"}, None, False),  # its section is not relevant
        ("depenses", {"actif": "oui", "chiffre": 3}, None, True),
        ("depenses", {"actif": "non", "chiffre": 3}, None, False),  # nor its section's repeat
        ("montant", {"actif": "oui", "chiffre": 0, "depenses": ROWS}, 0, False),  # nor its rows
        ("montant", {"actif": "oui", "chiffre": 3, "depenses": ROWS}, 0, True),
        ("justificatif", {"actif": "oui", "chiffre": 3, "depenses": ROWS}, 0, False),
        ("justificatif", {"actif": "oui", "chiffre": 3, "depenses": ROWS}, 1, True),
        ("justificatif", {"actif": "non", "chiffre": 3, "depenses": ROWS}, 1, False),
        ("gros", {"depenses": ROWS}, None, True),
        ("gros", {"depenses": ROWS[:1]}, None, False),
    ],
)
def test_relevance_is_inherited_by_what_a_section_a_repeat_or_a_row_holds(
    question: str, answers: dict[str, object], row: int | None, shown: bool
) -> None:
    guide = parse_guide(INHERITANCE_GUIDE)
    assert guide.is_relevant(question, answers, row) is shown
