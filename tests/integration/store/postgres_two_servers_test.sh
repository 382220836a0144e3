#!/usr/bin/env bash
# Two `taperlab serve` processes on one PostgreSQL database (issue 20, several server processes
# share one database): a session made on one works on the other, signing out on one is refused
# (401) on the other at once, a dose logged on one shows on the other's today at once, and failed
# sign-ins made on both count toward one limit. Each
# server keeps sessions and today's answers in memory (server/signed_in_cache.hpp,
# server/today_memo.hpp) and checks the database's change counters before using them: the
# triggers must move the counters whichever process writes.
#
#   postgres_two_servers_test.sh PATH/TO/taperlab STATE_ROOT
#
# STATE_ROOT is where ctest's "postgres" fixture keeps its server (postgres_server.sh); the test
# makes a database of its own there. Outside ctest: postgres_server.sh run THIS_SCRIPT BIN ROOT.
set -uo pipefail

[[ $# -eq 2 ]] || { echo "usage: $0 PATH/TO/taperlab STATE_ROOT" >&2; exit 2; }
BIN="$1"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CONNINFO="${TAPERLAB_TEST_POSTGRES:-$2/ctest-$PPID/conninfo}"
for tool in curl python3; do
  command -v "$tool" >/dev/null || { echo "no $tool (scripts/setup installs it)" >&2; exit 1; }
done
[[ -x "$BIN" ]] || { echo "no taperlab binary at $BIN" >&2; exit 1; }
URL="$("$HERE/postgres_server.sh" createdb "$CONNINFO" "two_servers_$$")" || exit 1

TMP="$(mktemp -d)"
PIDS=()
cleanup() {
  local status=$?
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ $status -ne 0 ]]; then
    for log in "$TMP"/*.log; do
      [[ -f "$log" ]] || continue
      echo "---- $(basename "$log") (last 20 lines) ----" >&2
      tail -n 20 "$log" >&2
    done
  fi
  rm -rf "$TMP"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# shellcheck source=postgres_test_lib.sh
source "$HERE/postgres_test_lib.sh"

start_taperlab() {  # NAME ARGS...: `taperlab serve` on a free port, left in $STARTED_PORT
  local name="$1" port=""
  shift
  "$BIN" serve --port 0 --bind 127.0.0.1 --db "$URL" --web "$TMP/web" --quiet "$@" \
    >"$TMP/$name.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 300); do
    port="$(sed -n 's|^taperlab is running at http://127.0.0.1:\([0-9]*\)/$|\1|p' "$TMP/$name.log")"
    [[ -n "$port" ]] && break
    kill -0 "${PIDS[-1]}" 2>/dev/null || break
    sleep 0.1
  done
  [[ -n "$port" ]] || { echo "server $name did not start" >&2; exit 1; }
  STARTED_PORT="$port"
}

request() {  # URL CURL_ARGS...: status in $TMP/status, headers in $TMP/headers, body in $TMP/body
  local url="$1"
  shift
  curl -sS -D "$TMP/headers.raw" -o "$TMP/body" -w '%{http_code}' "$@" "$url" >"$TMP/status" \
    2>"$TMP/curl.log" || echo 000 >"$TMP/status"
  tr -d '\r' <"$TMP/headers.raw" >"$TMP/headers"
}
status_is() { [[ "$(cat "$TMP/status")" == "$1" ]]; }
json() { python3 -c "import json,sys; d=json.load(open('$TMP/body')); print($1)"; }

mkdir -p "$TMP/web"
echo '<!doctype html><title>taperlab</title>' >"$TMP/web/index.html"
# Server A makes the demo journal and its account; B finds them in the database. A is given its
# password in the URL (the test server trusts its socket and never asks for it): A warns, and
# prints the password nowhere.
PASSWORD_URL="${URL/postgres@/postgres:Sekr1t-pw@}"
URL="$PASSWORD_URL" start_taperlab a --demo
A="http://127.0.0.1:$STARTED_PORT"
A_PID="${PIDS[-1]}"
start_taperlab b
B="http://127.0.0.1:$STARTED_PORT"
echo "server A on $A, server B on $B, one database"
check "A warns that the URL's password shows in the process list" \
  grep -q "warning: the --db URL holds a password" "$TMP/a.log"
check "  and prints the password nowhere" bash -c "! grep -q Sekr1t '$TMP/a.log'"
# What ps shows every user: the URL is there, its password blanked.
check "  and the process list shows the URL without it" bash -c \
  "tr '\\0' ' ' </proc/$A_PID/cmdline | grep -q 'postgres:\*\*\*\*\*\*\*\*\*@' &&
   ! grep -q Sekr1t /proc/$A_PID/cmdline"

sign_in() {  # BASE: sets COOKIE, CSRF and PERSON
  request "$1/api/v1/auth/signin" -X POST -H 'Content-Type: application/json' \
    --data '{"email":"demo@taperlab.local","password":"demo-taper-2026"}'
  status_is 200 || { echo "sign-in answered $(cat "$TMP/status"): $(cat "$TMP/body")"; return 1; }
  COOKIE="$(grep -iE '^set-cookie: taperlab_session=' "$TMP/headers" | sed -E 's/^[^:]*: ([^;]*);.*/\1/')"
  CSRF="$(json "d['csrf_token']")"
  PERSON="$(json "d['person_id']")"
}

check "sign in on A" sign_in "$A"
request "$B/api/v1/auth/session" -H "Cookie: $COOKIE"
check "A's session works on B: 200" status_is 200
request "$B/api/v1/people/$PERSON/today" -H "Cookie: $COOKIE"
check "B answers today for it: 200" status_is 200
request "$A/api/v1/auth/signout" -X POST -H "Cookie: $COOKIE" -H "X-CSRF-Token: $CSRF"
check "sign out on A: 204" status_is 204
request "$B/api/v1/auth/session" -H "Cookie: $COOKIE"
check "B refuses the signed-out session at once: 401" status_is 401
request "$B/api/v1/people/$PERSON/today" -H "Cookie: $COOKIE"
check "  and its today: 401" status_is 401

check "sign in on B" sign_in "$B"
request "$A/api/v1/people/$PERSON/today" -H "Cookie: $COOKIE"
check "A answers today (and keeps it): 200" status_is 200
DUE="$(json "next((x['time'] for x in d['doses'] if x['logged'] is None), '')")"
check "a dose of today is still to take" test -n "$DUE"
request "$B/api/v1/people/$PERSON/doses" -X POST -H "Cookie: $COOKIE" -H "X-CSRF-Token: $CSRF" \
  -H 'Content-Type: application/json' --data "{\"planned_time\":\"$DUE\"}"
check "log the $DUE dose on B: 201" status_is 201
request "$A/api/v1/people/$PERSON/today" -H "Cookie: $COOKIE"
check "A's today shows it logged at once" \
  test "$(json "next(x['logged'] is not None for x in d['doses'] if x['time'] == '$DUE')")" = True
request "$A/api/v1/people/$PERSON/doses" -X POST -H "Cookie: $COOKIE" -H "X-CSRF-Token: $CSRF" \
  -H 'Content-Type: application/json' --data "{\"planned_time\":\"$DUE\"}"
check "logging it again on A is a conflict: 409" status_is 409

# Sign-in limits count in the database: an account's 5 failed sign-ins (auth/login_limit.hpp),
# made on both servers, lock it on both.
wrong_sign_in() {  # BASE
  request "$1/api/v1/auth/signin" -X POST -H 'Content-Type: application/json' \
    --data '{"email":"demo@taperlab.local","password":"not-the-password"}'
  status_is 401
}
for server in A B A B A; do
  check "a wrong password on $server: 401" wrong_sign_in "${!server}"
done
request "$B/api/v1/auth/signin" -X POST -H 'Content-Type: application/json' \
  --data '{"email":"demo@taperlab.local","password":"demo-taper-2026"}'
check "the sixth attempt, on B, is refused: 429" status_is 429
request "$A/api/v1/auth/signin" -X POST -H 'Content-Type: application/json' \
  --data '{"email":"demo@taperlab.local","password":"demo-taper-2026"}'
check "  and on A: 429" status_is 429
request "$A/api/v1/people/$PERSON/today" -H "Cookie: $COOKIE"
check "  while the session made before goes on: 200" status_is 200

summary
