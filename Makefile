# The two commands of the README, and the set-up they share.
#   make e2e   - the acceptance suite against the embedded mock portal (reports in reports/)
#   make test  - everything: lint, types, the project's own tests and the acceptance suite
#   make mutate - mutation testing of the mock's rules (mutmut; tools/mutate.py), not part of test
#   make bench - what triage costs (bench/bench_triage.py; ARGS="--json out.json"), not part of test
# Both set themselves up: a virtualenv in .venv/, the dependencies, and a browser.
# Extra pytest arguments go in ARGS, e.g. make e2e ARGS="-k smoke --headed --slowmo 300".

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ARGS ?=
JOBS ?= 2

.PHONY: setup e2e test lint bench clean mutate

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)
	$(BIN)/python -m tools.browser_setup

e2e: setup
	$(BIN)/python -m pytest steps -n $(JOBS) $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy .

test: setup lint
	$(BIN)/python -m pytest -n $(JOBS) $(ARGS)

mutate: setup
	$(BIN)/python -m tools.mutate $(ARGS)

bench: setup
	$(BIN)/python bench/bench_triage.py $(ARGS)

clean:
	rm -rf $(VENV) reports/*.xml reports/*.html reports/*.json reports/playwright reports/triage
