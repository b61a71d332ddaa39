"""The benchmarks still run and print figures in the agreed format (at tiny sizes, untimed)."""

from __future__ import annotations

import importlib
import re

import pytest

from tests.bench import benchmark_modules

#: ``bench NAME VALUE UNIT ratio=R baseline=NAME``, optionally `` target=…``.
FIGURE = re.compile(
    r"bench [a-z0-9_]+ \d+(\.\d+)?(e-?\d+)? [a-z]+ ratio=\d+\.\d\d baseline=[a-z0-9_]+"
    r"( target=\S+)?"
)
TINY_SIZES = {
    "bench_save_answer": {"saves": 30},
    "bench_open_list": {"interviews": 9, "repeats": 2},
    "bench_sync": {"devices": 3, "interviews": 2, "answers": 8, "repeats": 1, "rounds": 2},
}


def test_the_benchmarks_are_found_by_make_bench() -> None:
    assert set(TINY_SIZES) <= set(benchmark_modules())


@pytest.mark.parametrize("module", sorted(TINY_SIZES))
def test_a_benchmark_prints_one_well_formed_line_per_figure(
    module: str, capsys: pytest.CaptureFixture[str]
) -> None:
    importlib.import_module(f"tests.bench.{module}").run(**TINY_SIZES[module])
    lines = capsys.readouterr().out.splitlines()
    assert lines
    for line in lines:
        assert FIGURE.fullmatch(line), line
    names = [line.split()[1] for line in lines]
    assert len(names) == len(set(names)), "two figures share a name"
    baselines = {line.split("baseline=")[1].split()[0] for line in lines}
    assert baselines <= set(names), "a ratio refers to a baseline that is not printed"
