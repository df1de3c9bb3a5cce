# The two commands of the README, and the set-up they share.
#   make e2e   - the acceptance suite against the embedded mock portal (reports in reports/)
#   make test  - everything: lint, types, the project's own tests and the acceptance suite
#   make bench - what triage costs (bench/bench_triage.py; ARGS="--json out.json"), then issue 11's figures
#                (bench/bench_suite.py; SUITE_ARGS="--rounds 5 --skip suite"): smoke vs a plain
#                Playwright script, suite time fast-forward vs --full-walk, the mock at 20 clients
#   make durations - refresh .test_durations, which pytest-split's --splits N --group K shards by
#   make flake RUNS=20 ARGS="-k trailing" - repeat a selection (pytest-repeat), print each scenario's flake rate
#   make mutate - mutation testing of the mock's rules (mutmut; tools/mutate.py), not part of test
# Both set themselves up: a virtualenv in .venv/, the dependencies, and a browser.
# Extra pytest arguments go in ARGS, e.g. make e2e ARGS="-k smoke --headed --slowmo 300".

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ARGS ?=
JOBS ?= 2
RUNS ?= 20

.PHONY: setup e2e test lint bench durations flake clean mutate

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)
	$(BIN)/python -m tools.browser_setup
	$(BIN)/python -m tools.server_setup

e2e: setup
	$(BIN)/python -m pytest steps -n $(JOBS) $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy .

test: setup lint
	$(BIN)/python -m pytest -n $(JOBS) $(ARGS)

SUITE_ARGS ?=

mutate: setup
	$(BIN)/python -m tools.mutate $(ARGS)

bench: setup
	$(BIN)/python bench/bench_triage.py $(ARGS)
	$(BIN)/python bench/bench_suite.py $(SUITE_ARGS)

durations: setup
	$(BIN)/python -m pytest steps -n $(JOBS) --store-durations --clean-durations $(ARGS)

flake: setup
	status=0; $(BIN)/python -m pytest steps -n $(JOBS) --count $(RUNS) --junitxml=reports/flake.xml -q $(ARGS) \
		|| status=$$?; $(BIN)/python -m tools.flake_rate reports/flake.xml --pytest-status $$status

clean:
	rm -rf $(VENV) reports/*.xml reports/*.html reports/*.json reports/playwright reports/triage
