# charitychain: `make demo` tells the story, `make test` checks everything.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV    := .venv
PY      := $(VENV)/bin/python
CLI     := $(VENV)/bin/charitychain
STAMPS  := .charitychain/stamps
PYTEST_ARGS ?=

.PHONY: help setup compile test lint slither demo bench clean

help:
	@echo "make setup   install Python + Node toolchains (idempotent), compile contracts"
	@echo "make test    lint (ruff, mypy, slither) and run the test suite"
	@echo "make lint    ruff check, ruff format --check, mypy src, make slither"
	@echo "make slither Slither (own venv) on contracts/: fails on any high or medium finding"
	@echo "make demo    the whole donation story on the local anvil (charitychain demo)"
	@echo "make bench   run bench/run.py"
	@echo "make soak    escrow state machine (tests/invariants), 2000 Hypothesis examples"
	@echo "make brownie-test  eth-brownie (own venv): compile, tests/brownie/, scripts/deploy.py"
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

lint: $(STAMPS)/python slither
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy src

# Coverage of src/charitychain is reported; below COVERAGE_MIN percent the run fails.
COVERAGE_MIN ?= 90
test: setup lint
	$(VENV)/bin/pytest -q --cov --cov-report=term --cov-fail-under=$(COVERAGE_MIN) $(PYTEST_ARGS)

# The escrow state machine with the "soak" Hypothesis profile (2000 random examples);
# `make test` runs it with the reproducible "ci" profile. Prints the examples and steps run.
soak: setup
	CHARITYCHAIN_HYPOTHESIS_PROFILE=soak $(VENV)/bin/pytest -q -s tests/invariants

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

# ---------------------------------------------------------------------------------------
# eth-brownie 1.22.2 (make brownie-test). Its own virtualenv: it pins web3 7 and its pytest
# plugin activates in any brownie-style layout, so it never goes into $(VENV).
# It runs in the shadow project $(BROWNIE_DIR): symlinks to brownie-config.yaml, contracts/,
# interfaces/, scripts/, node_modules/ and tests/brownie/. In the real root brownie would
# delete every build/contracts/*.json it did not write (charitychain's artifacts) and
# pytest would read pyproject's addopts (--ignore=tests/brownie) and tests/conftest.py.
# HOME points at $(BROWNIE_DIR)/home so brownie's data folder (~/.brownie: network-config,
# error registry) is per project; there its `development` anvil listens on BROWNIE_PORT,
# because brownie silently attaches to any node already on its port (8545: the demo node).
BROWNIE_VENV := .venv-brownie
BROWNIE_DIR  := .charitychain/brownie
BROWNIE_PORT ?= 8546
BROWNIE_NET  := $(BROWNIE_DIR)/home/.brownie/port-$(BROWNIE_PORT)
# The solc wrapper brownie finds through SOLCX_BINARY_PATH (version pinned in brownie-config).
SOLC_VERSION := $(shell sed -n 's/^ *version: *v\{0,1\}\([0-9][0-9.]*\).*/\1/p' brownie-config.yaml | head -n1)
SOLC_WRAPPER := .charitychain/bin/solc-v$(SOLC_VERSION)
# Native anvil from npm (@foundry-rs/anvil-<platform>/bin/anvil); evaluated when used.
ANVIL_BIN     = $(firstword $(shell ls $(CURDIR)/node_modules/@foundry-rs/anvil-*/bin/anvil 2>/dev/null))
BROWNIE_ENV   = HOME=$(CURDIR)/$(BROWNIE_DIR)/home SOLCX_BINARY_PATH=$(CURDIR)/.charitychain/bin \
	PATH="$(dir $(ANVIL_BIN)):$$PATH"
BROWNIE       = cd $(BROWNIE_DIR) && $(BROWNIE_ENV) $(CURDIR)/$(BROWNIE_VENV)/bin/brownie
# brownie warns about its own internal rpc.snapshot calls (FutureWarning) on every connect.
BROWNIE_QUIET = cd $(BROWNIE_DIR) && PYTHONWARNINGS=ignore::FutureWarning $(BROWNIE_ENV) \
	$(CURDIR)/$(BROWNIE_VENV)/bin/brownie

.PHONY: brownie-test

# Exact pins from requirements-brownie.lock (eth-brownie==1.22.2 and its dependencies).
$(STAMPS)/brownie: requirements-brownie.lock
	@test -x $(BROWNIE_VENV)/bin/python || python3 -m venv $(BROWNIE_VENV)
	$(BROWNIE_VENV)/bin/python -m pip install -q -r requirements-brownie.lock
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/brownie-project: Makefile
	@mkdir -p $(BROWNIE_DIR)/tests $(BROWNIE_DIR)/home $(STAMPS)
	@for f in brownie-config.yaml contracts interfaces scripts node_modules; do \
		ln -sfn ../../$$f $(BROWNIE_DIR)/$$f; done
	@ln -sfn ../../../tests/brownie $(BROWNIE_DIR)/tests/brownie
	@printf '%s\n' '[pytest]' 'filterwarnings =' \
		'    ignore:rpc\.\w+ should not be called directly:FutureWarning' \
		> $(BROWNIE_DIR)/pytest.ini
	@touch $@

# Only when missing: an existing wrapper does not drag $(VENV) through a refresh.
$(SOLC_WRAPPER):
	$(MAKE) $(STAMPS)/solc

$(BROWNIE_NET): $(STAMPS)/brownie $(STAMPS)/brownie-project
	@rm -f $(BROWNIE_DIR)/home/.brownie/port-*
	$(BROWNIE) networks modify development port=$(BROWNIE_PORT) >/dev/null
	@touch $@

brownie-test: $(STAMPS)/brownie $(STAMPS)/brownie-project $(BROWNIE_NET) $(SOLC_WRAPPER)
	@test -n "$(ANVIL_BIN)" || { echo "no anvil under node_modules/@foundry-rs; run make setup"; exit 1; }
	@if (: </dev/tcp/127.0.0.1/$(BROWNIE_PORT)) 2>/dev/null; then echo "port $(BROWNIE_PORT)" \
		"is in use and brownie would attach to that node; run with BROWNIE_PORT=<free port>"; exit 1; fi
	$(BROWNIE) compile
	$(BROWNIE) test tests/brownie/
	$(BROWNIE_QUIET) run scripts/deploy.py --network development

# ---------------------------------------------------------------------------------------
# Slither 0.11.6 (make slither; make lint runs it). Its own virtualenv: it pins web3 7.
# One standard-JSON compilation of contracts/*.sol (they import every other non-test source)
# through the solc `charitychain compile` uses (native solc of the pinned version, else the
# solc-js wrapper), offline. Fails (exit 255) on any High or Medium finding outside
# node_modules/ and contracts/test/. Accepted lower detectors, each with its reason, are in
# slither.config.json (its "_justifications" key is for people: slither logs it as an unknown
# key, and that one log line is filtered out). A pass is recorded as a hash of its inputs, so
# an unchanged tree is not analysed again (SLITHER_FORCE=1 re-runs anyway). crytic-compile's
# standard-JSON mode passes no evmVersion (solc's default is used); Slither reads only the
# AST, which the EVM version does not change.
SLITHER_VENV := .venv-slither
SLITHER_PASS := .charitychain/slither-pass.sha256
SLITHER_ARGS := contracts --config-file slither.config.json --solc-standard-json --solc-args=--optimize \
	--solc-remaps "@openzeppelin=node_modules/@openzeppelin" \
	--filter-paths "node_modules|contracts/test" --fail-medium
SLITHER_INPUTS = find contracts interfaces -name '*.sol' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum; \
	sha256sum slither.config.json requirements-slither.lock package-lock.json brownie-config.yaml \
	tools/solc-wrapper.js; echo '$(SLITHER_ARGS)'

# Exact pins from requirements-slither.lock (slither-analyzer==0.11.6 and its dependencies).
$(STAMPS)/slither: requirements-slither.lock
	@test -x $(SLITHER_VENV)/bin/python || python3 -m venv $(SLITHER_VENV)
	$(SLITHER_VENV)/bin/python -m pip install -q -r requirements-slither.lock
	@mkdir -p $(STAMPS) && touch $@

slither: $(STAMPS)/slither $(STAMPS)/python $(STAMPS)/node
	@hash="$$( { $(SLITHER_INPUTS); } | sha256sum | cut -d' ' -f1)"; \
	if [ -z "$(SLITHER_FORCE)" ] && [ "$$(cat $(SLITHER_PASS) 2>/dev/null)" = "$$hash" ]; then \
		echo "slither: passed already on these sources and settings (SLITHER_FORCE=1 re-runs)"; \
		exit 0; fi; \
	solc="$$($(PY) -m charitychain.toolchain)" || exit 1; \
	rm -f $(SLITHER_PASS); \
	echo '$(SLITHER_VENV)/bin/slither $(SLITHER_ARGS)' "--solc $$solc"; \
	$(SLITHER_VENV)/bin/slither $(SLITHER_ARGS) --solc "$$solc" 2>&1 \
		| grep -v 'slither.config.json has an unknown key: _justifications'; \
	rc=$${PIPESTATUS[0]}; [ "$$rc" -eq 0 ] || exit "$$rc"; \
	echo "$$hash" > $(SLITHER_PASS)
