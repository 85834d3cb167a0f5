# AcuChart: `make run` to start the app, `make test` for the whole suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help

CARGO ?= cargo
XVFB := xvfb-run -a -s "-screen 0 1366x768x24"
KEYRING := scripts/with-keyring.sh
# A throwaway PostgreSQL for the tests (ACUCHART_TEST_DATABASE_URL); about 3 s to start.
POSTGRES := scripts/with-postgres.sh

# A CI clone is built once: incremental caches would only take disk space.
ifdef CI
export CARGO_INCREMENTAL := 0
endif

.PHONY: help setup ui build run test lint test-rust test-ui test-e2e test-crash test-load bindings clean bench bench-app package

help:
	@echo "make run    install what is missing, build, and start AcuChart"
	@echo "make test   the whole suite: formatting, lints, Rust, UI and end-to-end tests"
	@echo "make test-load  sixteen writers on one PostgreSQL clinic for a minute, with figures"
	@echo "make bindings   regenerate ui/src/bindings from the Rust types"
	@echo "make package    build the .deb and AppImage (target/release/bundle/)"

setup:
	@scripts/setup.sh

# The web assets are embedded into the binary at compile time, so they are built first.
ui: setup
	@npm --prefix ui run --silent build

build: ui
	$(CARGO) build -p acuchart -p acuchart-cli --bins

# On a desktop the OS keyring and display are used as they are; on a headless machine the app
# runs under Xvfb with a throwaway keyring session (then keep the recovery key it shows).
run: build
	@if [ -n "$$DBUS_SESSION_BUS_ADDRESS" ] && [ -n "$$DISPLAY" ]; then \
		./target/debug/acuchart; \
	else \
		echo "No desktop session found: starting under Xvfb with a temporary keyring."; \
		$(if $(DISPLAY),,$(XVFB)) $(KEYRING) ./target/debug/acuchart; \
	fi

lint: ui
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

# One PostgreSQL for both runs: every test sees ACUCHART_TEST_DATABASE_URL, and those that need
# it fail under CI when it is missing rather than skip.
test-rust: ui
	$(KEYRING) $(POSTGRES) bash -c '$(CARGO) test --workspace --exclude acuchart --exclude acuchart-crashtest && \
	  $(CARGO) test -p acuchart --lib --bins'

test-ui: setup
	npm --prefix ui run --silent typecheck
	npm --prefix ui run --silent format:check
	npm --prefix ui test --silent

test-e2e: ui
	$(CARGO) build -p acuchart --tests --bins
	$(CARGO) build -p acuchart-cli
	$(XVFB) $(KEYRING) $(CARGO) test -p acuchart --test e2e -- --test-threads=1

# Crash safety: a writer killed with SIGKILL 200 times (and 40 times mid key rotation, 30 mid
# restore); every acknowledged record must survive. About three minutes on two cores.
test-crash:
	$(KEYRING) $(CARGO) test -p acuchart-crashtest -- --nocapture

test: lint test-rust test-ui test-e2e test-crash

# Long load runs, not part of `make test` (which runs the first for five seconds): sixteen
# writers on one PostgreSQL clinic for LOAD_SECONDS (default 60), then the same with the server
# killed (SIGKILL) a third of the way in and restarted; each prints its figures. The cluster
# keeps PostgreSQL's own durability settings (ACUCHART_PG_DURABLE=1).
LOAD_SECONDS ?= 60
test-load: setup
	ACUCHART_PG_DURABLE=1 ACUCHART_LOAD_SECONDS=$(LOAD_SECONDS) $(KEYRING) $(POSTGRES) bash -c \
	  '$(CARGO) test -p acuchart-core --test load_postgres -- --nocapture && \
	   $(CARGO) test -p acuchart-core --test load_postgres_kill -- --nocapture'

# Installable packages with the Tauri bundler: .deb and AppImage here (target/release/bundle/);
# on Windows `cargo tauri build --bundles msi,nsis`, on macOS `--bundles dmg` (tauri.conf.json).
# The Tauri CLI is the one pinned in ui/package.json (installed by `npm ci`), not a global install.
# The AppImage step downloads AppRun and linuxdeploy from github.com: without that network access
# it fails, and the .deb (already built) is kept, with a message saying why.
package: ui
	ui/node_modules/.bin/tauri build --bundles deb
	@ui/node_modules/.bin/tauri bundle --bundles appimage || \
	  { echo "AppImage not built: the Tauri bundler could not download its AppImage tools from github.com." >&2; \
	    echo "The .deb is in target/release/bundle/deb/." >&2; }

# The UI's types (ui/src/bindings) and, from the command table, its client (ui/src/client), the
# window's capability and the command list (src-tauri/ipc_commands.rs).
bindings:
	UPDATE_BINDINGS=1 $(CARGO) test -p acuchart-core --lib bindings
	UPDATE_BINDINGS=1 $(CARGO) test -p acuchart-api --test generated

clean:
	$(CARGO) clean
	rm -rf ui/dist

# Benchmarks print their tables; figures are recorded in docs/PERFORMANCE.md. Not part of `make test`.
# Each prints its own detailed table; the headline p50/p99 of all of them are gathered into one
# table printed at the end (and kept in target/bench-summary.md).
BENCH_SUMMARY := $(CURDIR)/target/bench-summary.md
bench: export ACUCHART_BENCH_SUMMARY = $(BENCH_SUMMARY).rows
bench: setup
	@mkdir -p target && rm -f $(BENCH_SUMMARY).rows
	$(KEYRING) $(CARGO) bench -p acuchart-core --bench patient_search
	$(CARGO) bench -p acuchart-core --bench point_search
	$(KEYRING) $(CARGO) bench -p acuchart-core --bench charting
	$(KEYRING) $(CARGO) bench -p acuchart-core --bench security
	$(KEYRING) $(CARGO) bench -p acuchart-core --bench schedule
	$(KEYRING) $(CARGO) bench -p acuchart-core --bench documents
	$(KEYRING) $(CARGO) bench -p acuchart-core --bench import
	@{ echo "| action | scale | p50 ms | p99 ms | target |"; echo "|---|---|---|---|---|"; \
	  cat $(BENCH_SUMMARY).rows; } > $(BENCH_SUMMARY)
	@echo; echo "## All benchmarks (details above; ratios to raw SQL and plain SQLite in each table)"; \
	  cat $(BENCH_SUMMARY)

# The real app under Xvfb: cold start, memory with a generated clinic open, keystroke to paint.
# BENCH_PROFILE=dev measures a debug build (faster to build, slower to run).
BENCH_PROFILE ?= release
bench-app: ui
	$(CARGO) build --profile $(BENCH_PROFILE) -p acuchart -p acuchart-cli --bins
	$(XVFB) $(KEYRING) $(CARGO) bench --profile $(BENCH_PROFILE) -p acuchart --bench in_app
