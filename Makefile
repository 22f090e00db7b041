# Code Zero. GNU make.
#
#   make run     install what running needs, build release, start the whole stack in the foreground
#                (PostgreSQL, migrations, pool, jobs, nginx) and print https://localhost:8443/;
#                Ctrl-C stops everything it started. State stays in $(CODEZERO_VAR) (default ./var).
#   make test    install what is missing, build, run every test: Swift unit/integration tests,
#                nginx -t, systemd-analyze verify, end-to-end tests through real nginx (TEST_STEPS)
#   make bench   wrk against a freshly started release stack (not part of make test)
#   make soak    10,000 signed webhook deliveries for 2,000 payments under faults (make test runs 1,000)
#   make deps | build | release | lint | clean
#
# Environment: see scripts/lib.sh (CODEZERO_VAR, CODEZERO_HTTPS_PORT, CODEZERO_HTTP_PORT,
# CODEZERO_WORKERS, DATABASE_URL, CODEZERO_PUBLIC_URL, ...).

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

SWIFT ?= swift
PYTHON ?= python3
DEBUG_BIN := $(CURDIR)/.build/debug/codezero
RELEASE_BIN := $(CURDIR)/.build/release/codezero
# The release build links Swift's runtime and Foundation statically: the binary needs no Swift toolchain on the
# server, and a worker maps only the parts it uses (README "Operations", release build: 29 MiB RSS instead of 35).
RELEASE_FLAGS := -c release --static-swift-stdlib

.PHONY: help deps deps-run build release run test test-swift lint check-nginx check-units check-alerts e2e bench soak clean

help:
	@sed -n '3,10p' $(firstword $(MAKEFILE_LIST)) | sed 's/^# \{0,1\}//'

deps:
	@scripts/deps.sh test

# Only what building and running needs (no Java, Chromium, wrk, pytest or validators).
deps-run:
	@scripts/deps.sh run

build:
	$(SWIFT) build

release:
	$(SWIFT) build $(RELEASE_FLAGS)

# `set -m` runs the stack as the terminal's foreground process group of its own: Ctrl-C reaches the stack
# (which stops everything in order and exits 0), not make, so the run ends quietly with status 0.
run: deps-run
	$(SWIFT) build $(RELEASE_FLAGS)
	@set -m; CODEZERO_BIN="$(RELEASE_BIN)" scripts/stack.sh run; status=$$?; exit $$status

# -k: every step runs, the first failure fails the target. The end-to-end suite (the longest step, mostly waiting on
# its stacks, browsers and timers) runs beside the others, its output kept in var/test-logs/e2e.log and shown
# after them, so that a clean run stays well under the 15 minutes CI allows.
TEST_STEPS ?= lint test-swift check-nginx check-units check-alerts e2e
E2E_STEP := $(filter e2e,$(TEST_STEPS))
OTHER_STEPS := $(filter-out e2e,$(TEST_STEPS))

test: deps
	$(SWIFT) build --build-tests
	@mkdir -p var/test-logs; rm -f var/test-logs/swift-test.log var/test-logs/e2e.log var/test-logs/e2e.status; \
	status=0; e2e_pid=""; \
	if [ -n "$(E2E_STEP)" ]; then \
	  echo "== end-to-end tests started beside the other steps (output: var/test-logs/e2e.log)"; \
	  { $(MAKE) --no-print-directory e2e >var/test-logs/e2e.log 2>&1; echo $$? >var/test-logs/e2e.status; } & e2e_pid=$$!; fi; \
	if [ -n "$(OTHER_STEPS)" ]; then $(MAKE) --no-print-directory -k $(OTHER_STEPS) || status=$$?; fi; \
	if [ -n "$$e2e_pid" ]; then \
	  wait $$e2e_pid; echo "== end-to-end tests (var/test-logs/e2e.log):"; cat var/test-logs/e2e.log; \
	  e2e_status="$$(cat var/test-logs/e2e.status 2>/dev/null || echo 1)"; [ "$$e2e_status" = 0 ] || status=$$e2e_status; fi; \
	if [ -s var/test-logs/swift-test.log ] && grep -q '^✘' var/test-logs/swift-test.log; then \
	  echo "== failing Swift tests (var/test-logs/swift-test.log):"; grep '^✘' var/test-logs/swift-test.log | cut -c1-400 | head -40; fi; \
	exit $$status

test-swift:
	@SWIFT="$(SWIFT)" scripts/test-swift.sh

lint:
	$(SWIFT) format lint --strict -r Sources Tests Package.swift

# nginx -t on the configuration rendered for a throwaway state folder.
check-nginx:
	@tmp="$$(mktemp -d /tmp/codezero-nginx-t.XXXXXX)"; \
	trap 'rm -rf "$$tmp"' EXIT; \
	CODEZERO_VAR="$$tmp" scripts/stack.sh check && echo "nginx -t: the rendered configuration is valid"

check-units:
	@scripts/verify-units.sh "$(DEBUG_BIN)"

# The Prometheus alert rules: valid, and each alert fires (and stays quiet) on its test series.
check-alerts:
	promtool check rules ops/prometheus/alerts.yml
	cd ops/prometheus && promtool test rules alerts.test.yml

# End-to-end: the real stack (scripts/stack.sh) on free loopback ports in a temporary CODEZERO_VAR. E2E_PROCESSES
# pytest processes (pytest-xdist), each with its own session stack; a test file stays in one process, in its order
# (--dist loadfile). Alone on the two cores the suite took 7.7 minutes in one process and 4.1 in two.
E2E_PROCESSES ?= 2
e2e:
	CODEZERO_BIN="$(DEBUG_BIN)" $(PYTHON) -m pytest -q -p no:cacheprovider -n $(E2E_PROCESSES) --dist loadfile Tests/e2e

# The soak under faults (Tests/e2e/soak.py) at full size: 10,000 deliveries for 2,000 payments.
soak: deps
	$(SWIFT) build --build-tests
	CODEZERO_SOAK_DELIVERIES=10000 CODEZERO_BIN="$(DEBUG_BIN)" $(PYTHON) -m pytest -q -s -p no:cacheprovider Tests/e2e/test_soak.py

bench:
	@bench/peers/peers.sh --install
	$(SWIFT) build $(RELEASE_FLAGS)
	CODEZERO_BIN="$(RELEASE_BIN)" bench/run.sh

# Build products only; the state in ./var (database cluster, certificate) is kept: rm -rf var for that.
clean:
	rm -rf .build
