"""Run every benchmark module of this package (``bench_*.py``) at its full size."""

from __future__ import annotations

import importlib

from tests.bench import benchmark_modules


def main() -> None:
    for module in benchmark_modules():
        importlib.import_module(f"tests.bench.{module}").run()


if __name__ == "__main__":
    main()
