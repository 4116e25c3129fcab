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

# Portal and approval page weight, Lighthouse (mobile), against a fresh demo server.
PORT=3190
dir=$(mktemp -d)
DATABASE_URL="sqlite://$dir/portal.db" LEPTOS_SITE_ADDR="127.0.0.1:$PORT" RUST_LOG=warn "$BIN" serve --demo-orders 300 >"$dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 1; done
(cd end2end && node bench/portal-weight.mjs "http://127.0.0.1:$PORT" "+919800000001" "portal-demo-1")
# The proof approval link the demo seed leaves waiting for the same customer.
(cd end2end && node bench/approval-weight.mjs "http://127.0.0.1:$PORT" "+919800000001" "portal-demo-1")
if [ ! -x .tools/node_modules/.bin/lighthouse ]; then (cd .tools && npm install --no-audit --no-fund --silent lighthouse@12 >/dev/null); fi
CHROME_PATH=/usr/bin/chromium .tools/node_modules/.bin/lighthouse "http://127.0.0.1:$PORT/portal" --quiet \
  --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run" \
  --only-categories=performance,accessibility,best-practices --form-factor=mobile --output=json --output-path="$dir/lh.json" >/dev/null 2>&1 || true
if [ -s "$dir/lh.json" ]; then
  node -e '
    const r = require(process.argv[1]).categories;
    const s = (k) => Math.round((r[k] && r[k].score || 0) * 100);
    console.log("bench: lighthouse_portal_performance " + s("performance") + " score");
    console.log("bench: lighthouse_portal_accessibility " + s("accessibility") + " score");
    console.log("bench: lighthouse_portal_best_practices " + s("best-practices") + " score");
  ' "$dir/lh.json"
else
  echo "bench: lighthouse_portal_performance 0 score (lighthouse did not run: see $dir)"
fi
