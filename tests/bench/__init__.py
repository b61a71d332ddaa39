"""Benchmarks of the paths a person feels: saving an edit, opening a big survey.

Run them with ``make bench`` (``python -m tests.bench``). Each module named
``bench_*.py`` has a ``run()`` function, with sizes as keyword arguments, that
prints one line per figure::

    bench NAME VALUE UNIT ratio=R baseline=NAME [target=…]

where the ratio compares the figure with a plain-SQLite baseline measured in
the same run, so figures from different machines stay comparable. These are
not tests: nothing here fails when a target is missed.
"""

from __future__ import annotations

import contextlib
import os
import pkgutil
import statistics
import tempfile
from collections.abc import Iterator
from pathlib import Path

from fieldkit.places import CONFIG_ENV


def benchmark_modules() -> list[str]:
    """The names of this package's benchmark modules, in the order they run."""
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("bench_"))


@contextlib.contextmanager
def bench_folder() -> Iterator[Path]:
    """A temporary folder for a benchmark's files and its device identity.

    The identity goes there too, so a benchmark never touches the real user
    configuration while still going through the same code as the window.
    """
    with tempfile.TemporaryDirectory(prefix="fieldkit-bench-") as name:
        folder = Path(name)
        previous = os.environ.get(CONFIG_ENV)
        os.environ[CONFIG_ENV] = str(folder / "config")
        try:
            yield folder
        finally:
            if previous is None:
                os.environ.pop(CONFIG_ENV, None)
            else:
                os.environ[CONFIG_ENV] = previous


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def percentile(samples: list[float], fraction: float) -> float:
    """The sample below which ``fraction`` of the samples lie (nearest rank)."""
    ordered = sorted(samples)
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered)) - 1))
    return ordered[rank]


def report(
    name: str,
    value: float,
    unit: str,
    baseline_name: str,
    baseline_value: float,
    target: str | None = None,
) -> None:
    """Print one figure in the ``bench NAME VALUE UNIT ratio=R baseline=NAME`` format."""
    ratio = value / baseline_value if baseline_value > 0 else float("inf")
    line = f"bench {name} {value:.4g} {unit} ratio={ratio:.2f} baseline={baseline_name}"
    if target:
        line += f" target={target}"
    print(line, flush=True)
