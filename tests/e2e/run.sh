#!/usr/bin/env bash
# Browser tests: tests/e2e/run.sh BUILD_DIR
# Expects web/dist built (cd web && npm ci && npm run build) and the server binary at
# BUILD_DIR/apps/cli/taperlab. Starts `taperlab serve` on a free loopback port with a fresh
# database, runs the tests with node's test runner (playwright-core from web/node_modules,
# Debian's Chromium), saves a screenshot per test under BUILD_DIR/e2e-screenshots/ and stops
# the server with SIGTERM.
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "usage: $0 BUILD_DIR" >&2
  exit 2
fi
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD_DIR="$(cd "$1" && pwd)"
BIN="$BUILD_DIR/apps/cli/taperlab"
DIST="$ROOT/web/dist"

fail() { echo "e2e: $*" >&2; exit 2; }
command -v node >/dev/null || fail "no node on PATH"
command -v curl >/dev/null || fail "no curl on PATH"
[[ -x "$BIN" ]] || fail "no server binary at $BIN"
[[ -f "$DIST/index.html" ]] || fail "no $DIST/index.html: run 'npm run build' in web/ first"
[[ -d "$ROOT/web/node_modules/playwright-core" ]] || fail "no playwright-core: run 'npm ci' in web/ first"
[[ -x "${E2E_CHROMIUM:-/usr/lib/chromium/chromium}" ]] || fail "no Chromium at ${E2E_CHROMIUM:-/usr/lib/chromium/chromium}"

TMP="$(mktemp -d)"
SHOTS="$BUILD_DIR/e2e-screenshots"
rm -rf "$SHOTS"
mkdir -p "$SHOTS"

PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();})')"
BASE="http://127.0.0.1:$PORT"

SERVER_PID=""
stop_server() {
  local status=$?
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "e2e: server did not stop on SIGTERM within 5 s" >&2
      kill -KILL "$SERVER_PID" 2>/dev/null || true
      status=1
    fi
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [[ $status -ne 0 && -f "$TMP/server.log" ]]; then
    echo "---- server log (last 50 lines) ----" >&2
    tail -n 50 "$TMP/server.log" >&2 || true
  fi
  rm -rf "$TMP"
  exit $status
}
trap stop_server EXIT
# Ctrl-C or a SIGTERM from CI still runs stop_server (through the EXIT trap).
trap 'exit 130' INT
trap 'exit 143' TERM

# The real server, its own clock deciding "today", a fresh database with the demo journal (its
# account, demo@taperlab.local, is used by demo_journal.test.mjs only; other tests sign up).
# Every test signs up from 127.0.0.1: --sign-up-limit lets them all (the default is 10 an hour).
env -u TAPERLAB_TODAY "$BIN" serve --demo --port "$PORT" --bind 127.0.0.1 --db "$TMP/e2e.db" --web "$DIST" \
  --sign-up-limit 1000 >"$TMP/server.log" 2>&1 &
SERVER_PID=$!

for _ in $(seq 1 100); do
  if curl -fsS "$BASE/api/v1/health" >/dev/null 2>&1; then break; fi
  kill -0 "$SERVER_PID" 2>/dev/null || fail "server exited during start-up"
  sleep 0.1
done
curl -fsS "$BASE/api/v1/health" >/dev/null || fail "server not healthy after 10 s"

cd "$ROOT"
# Two files at a time (each signs up its own person; E2E_CONCURRENCY=1 for one at a time): the
# tests mostly wait on the browser and the server, so two share 2 cores well (about 20% quicker).
# Every *.test.mjs here unless E2E_FILES names some (e.g. E2E_FILES="tests/e2e/app.test.mjs" while
# working on one page).
files=(tests/e2e/*.test.mjs)
if [[ -n "${E2E_FILES:-}" ]]; then read -r -a files <<<"$E2E_FILES"; fi
E2E_BASE_URL="$BASE/" E2E_SCREENSHOTS="$SHOTS" \
  node --test --test-concurrency="${E2E_CONCURRENCY:-2}" "${files[@]}"
echo "e2e: screenshots in $SHOTS"
