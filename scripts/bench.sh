#!/usr/bin/env bash
# `make bench`: prints one line per figure, `bench: NAME VALUE UNIT`. See docs/PERFORMANCE.md.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=./target/release/pressdesk

wasm=target/site/pkg/pressdesk.wasm
echo "bench: wasm_gzip_kb $(( $(gzip -9 -c "$wasm" | wc -c) / 1024 )) KB"

# Seeding 1,000,000 orders into a fresh SQLite file.
dir=$(mktemp -d)
start=$(date +%s.%N)
DATABASE_URL="sqlite://$dir/seed.db" RUST_LOG=warn "$BIN" seed --orders 1000000 --customers 3000 --users false >/dev/null
end=$(date +%s.%N)
rm -rf "$dir"
echo "bench: seed_1m_s $(awk -v a="$start" -v b="$end" "BEGIN{printf \"%.1f\", b-a}") s"

# Scheduler, board page and card moves (in-process, fresh databases of their own).
DATABASE_URL="sqlite://$(mktemp -d)/unused.db" RUST_LOG=warn "$BIN" bench all
