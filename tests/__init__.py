"""fieldkit's tests; a package so that ``python -m tests.bench`` runs the benchmarks."""
