# charitychain: `make demo` tells the story, `make test` checks everything.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV    := .venv
PY      := $(VENV)/bin/python
CLI     := $(VENV)/bin/charitychain
STAMPS  := .charitychain/stamps
PYTEST_ARGS ?=

.PHONY: help setup compile test lint demo bench clean

help:
	@echo "make setup   install Python + Node toolchains (idempotent), compile contracts"
	@echo "make test    lint (ruff, mypy) and run the test suite"
	@echo "make lint    ruff check, ruff format --check, mypy src"
	@echo "make demo    the whole donation story on the local anvil (charitychain demo)"
	@echo "make bench   run bench/run.py"
	@echo "make clean   stop local nodes; remove build/, .charitychain/ and caches"

setup: $(STAMPS)/python $(STAMPS)/node $(STAMPS)/solc compile

# Python: exact pins from requirements-dev.lock, then the package itself (editable).
$(STAMPS)/python: requirements-dev.lock pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q -r requirements-dev.lock
	$(PY) -m pip install -q --no-deps -e .
	@mkdir -p $(STAMPS) && touch $@

# Node: `npm ci` only when node_modules/ does not match package-lock.json.
$(STAMPS)/node: package-lock.json package.json
	@command -v node >/dev/null || { echo "node is not installed (need Node.js 18+)"; exit 1; }
	@node tools/node-modules-fresh.js || npm ci --no-audit --no-fund
	@mkdir -p $(STAMPS) && touch $@

# Compiler: native solc of the pinned version if on PATH, else the solc-js wrapper
# installed as .charitychain/bin/solc-v<version> (SOLCX_BINARY_PATH for brownie).
$(STAMPS)/solc: $(STAMPS)/python $(STAMPS)/node tools/solc-wrapper.js brownie-config.yaml
	$(PY) -m charitychain.toolchain
	@touch $@

# Cheap when nothing changed (content hash in build/.compile-hash).
compile: $(STAMPS)/solc
	$(CLI) compile

lint: $(STAMPS)/python
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy src

test: setup lint
	$(VENV)/bin/pytest -q $(PYTEST_ARGS)

demo: setup
	$(CLI) demo

bench: setup
	@if [ -f bench/run.py ]; then $(PY) bench/run.py; else echo "bench/run.py not present"; fi

clean:
	-@test -x $(CLI) && $(CLI) node stop --chain anvil >/dev/null 2>&1 || true
	-@test -x $(CLI) && $(CLI) node stop --chain ganache >/dev/null 2>&1 || true
	rm -rf build .charitychain .pytest_cache .mypy_cache .ruff_cache
	find . -path ./node_modules -prune -o -path ./$(VENV) -prune -o \
		-name __pycache__ -type d -exec rm -rf {} +
