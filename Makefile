# PressDesk: `make run` serves the demo shop, `make test` runs every test.
# Both install what is missing first (idempotent). See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := run

TOOLS := $(CURDIR)/.tools
export PATH := $(TOOLS)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# cargo-leptos passes these to the server build; tests get the same so no crate rebuilds.
export LEPTOS_OUTPUT_NAME := pressdesk
export LEPTOS_SITE_ROOT := target/site
export LEPTOS_SITE_PKG_DIR := pkg
CARGO_LEPTOS_VERSION := 0.3.10
WASM_BINDGEN_VERSION := 0.2.130
BINARYEN_VERSION := 132
PG_URL ?= postgres://postgres@127.0.0.1:5432/postgres
# The unit tests and the one integration binary; no doc tests (there are none, and rustdoc
# would type-check the whole crate again) and no test harness for the 13-line main.rs.
TEST_TARGETS := --lib --test suite
# Build tools are run a few times per build, not shipped: compile them without LTO and with
# many codegen units (their own release profiles ask for fat LTO, most of their build time).
CHEAP_INSTALL := CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
	CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_DEBUG=false CARGO_PROFILE_RELEASE_STRIP=true

.PHONY: run test build bench tools css e2e-deps chromium rust-tests e2e clean

tools:
	@rustup target list --installed | grep -q wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@cargo leptos --version 2>/dev/null | grep -q "$(CARGO_LEPTOS_VERSION)" || \
		$(CHEAP_INSTALL) cargo install cargo-leptos --locked --version $(CARGO_LEPTOS_VERSION) --features no_downloads
	@wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)" || \
		$(CHEAP_INSTALL) cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)
	@test -x $(TOOLS)/node_modules/.bin/wasm-opt || \
		(mkdir -p $(TOOLS) && cd $(TOOLS) && npm install --no-audit --no-fund --silent binaryen@$(BINARYEN_VERSION))

# cargo-leptos takes one stylesheet: style/*.css are joined in name order.
css:
	@mkdir -p target/style
	@cat style/*.css > target/style/pressdesk.css.tmp && \
		(cmp -s target/style/pressdesk.css.tmp target/style/pressdesk.css || mv target/style/pressdesk.css.tmp target/style/pressdesk.css); \
		rm -f target/style/pressdesk.css.tmp

build: tools css
	cargo leptos build --release --precompress

run: build
	./target/release/pressdesk serve

chromium:
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils)
	@command -v pdftoppm >/dev/null || (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils)

e2e-deps:
	@cd end2end && (test -d node_modules/@playwright/test || npm ci --no-audit --no-fund)

rust-tests: tools css
	PRESSDESK_TEST_PG=$(PG_URL) cargo test --release --no-default-features --features ssr $(TEST_TARGETS)

e2e: build chromium e2e-deps
	cd end2end && npx playwright test

test: build chromium e2e-deps
	PRESSDESK_TEST_PG=$(PG_URL) cargo test --release --no-default-features --features ssr $(TEST_TARGETS)
	cd end2end && npx playwright test

bench: build
	./scripts/bench.sh

clean:
	rm -rf target/site data end2end/.data
