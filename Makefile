# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO := demo/demo.fieldkit

.PHONY: run test quick lint format bench demo clean package

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,packaging]'
	touch $(STAMP)

## Open the desktop app on a demo survey made from the built-in guide.
run: $(STAMP)
	@mkdir -p $(dir $(DEMO))
	@test -f $(DEMO) || $(BIN)/fieldkit demo $(DEMO)
	$(BIN)/fieldkit-desktop $(DEMO)

## Run the whole test suite (an empty selection counts as a failure).
test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS); \
	status=$$?; if [ $$status -eq 5 ]; then echo "pytest collected no test: failing"; exit 1; fi; exit $$status

## The developer's quick run: everything but the slow end-to-end tests (CI runs them all).
quick: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m "not slow" $(PYTEST_ARGS)

## Lint, check formatting and type-check the core.
lint: $(STAMP)
	$(BIN)/ruff check fieldkit ui tests tools
	$(BIN)/ruff format --check fieldkit ui tests tools
	$(BIN)/mypy fieldkit

format: $(STAMP)
	$(BIN)/ruff check --fix fieldkit ui tests tools
	$(BIN)/ruff format fieldkit ui tests tools

## Benchmarks: one line per figure, with a ratio against a baseline measured in the same run.
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.bench

## Build the desktop app for this platform into dist/fieldkit/ (see packaging/README.md);
## on Linux also dist/fieldkit-<version>-linux-<arch>.tar.gz with its install.sh.
package: $(STAMP)
	rm -rf build/pyinstaller dist/fieldkit dist/fieldkit.app
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/pyinstaller/fieldkit.spec
	@if [ "$$(uname -s)" = Linux ]; then $(BIN)/python packaging/linux/make_tarball.py dist/fieldkit; fi

clean:
	rm -rf $(VENV) build dist demo .pytest_cache .mypy_cache .ruff_cache
