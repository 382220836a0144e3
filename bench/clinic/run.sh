#!/usr/bin/env bash
# Load test of a clinic: two `taperlab serve` processes on one PostgreSQL, many people checking in
# and logging doses at once on both, and clinicians loading the dashboard of the people linked to
# them (issue 20, "Speed and load"). A benchmark, not a timed test: nothing runs it in ctest.
#
#   bench/clinic/run.sh [SECONDS]     (default 30: how long the load runs; needs the target taperlab
#                                      in BENCH_BUILD (build/release), wrk, curl, jq, and Debian's
#                                      postgresql for initdb/pg_ctl/psql)
#
# 1. A throwaway PostgreSQL: tests/integration/store/postgres_server.sh `run` (initdb and pg_ctl
#    in a temporary folder, a Unix socket only, as the postgres user when run as root), stopped
#    when this script exits, also on failure or Ctrl-C.
# 2. Servers A and B: `taperlab serve --db postgresql://...` on that one database, --quiet, with
#    --sign-up-limit and --sign-in-limit raised: every bench account is made from 127.0.0.1, and the
#    default limits (10 sign-ups an hour, 20 failed sign-ins per address) are for the public.
# 3. Seeding through the API (curl), half the people on each server: BENCH_PEOPLE people (1,000),
#    each signed up, signed in (argon2: this takes a while), with a regimen (clonazepam 0.5 mg at
#    08:00 and 20:00) and a plan begun BENCH_PLAN_DAYS_AGO days ago (200: the load logs the doses
#    of its first days, which keep both times, and they are all in the past), and a one-time link code that a clinician
#    redeems (POST /api/v1/clinician/links): people / BENCH_PER_CLINICIAN (200) clinicians, each
#    linked to BENCH_PER_CLINICIAN people. Each clinician loads the dashboard once on each server
#    before the load (the first build of 200 rows is a cold start, not the steady state measured).
# 4. The load, all at once for SECONDS, one single-threaded wrk per stream:
#      check-in A / B  POST .../check-ins, the even people on A, the odd on B, a new (person, date)
#                      each request, BENCH_CONNECTIONS (16) connections each
#      dose A / B      POST .../doses, planned doses as taken from the plan's first day on, a new
#                      (person, date, time) each request, the odd people on A, the even on B
#                      (each person writes on both servers), BENCH_CONNECTIONS connections each
#      dashboard A / B GET /api/v1/clinician/dashboard (200 people each), the clinicians split
#                      between the servers, BENCH_DASHBOARD_CONNECTIONS (2) connections each
#    Then the dashboards alone for min(SECONDS, 10) s (quiet A / B): only the rows of people who
#    wrote since the clinician's last load are built again, as in a clinic whose people write a
#    few times a day; printed for information, beside the goal's figure under load.
#    wrk's --timeout is 10 s (its default, 2 s, would drop slow answers from the latencies).
#    The 1,000 people are spread over those connections: wrk is a closed loop, so every connection
#    sends its next request as soon as the last is answered; 4 x 16 writers at once is far more
#    than 1,000 people checking in a few times a day ever send.
# 5. The servers are stopped (SIGTERM answers the requests in flight), and the check-ins and doses
#    stored are counted with psql against the 201s wrk counted.
# 6. The SQLite figures: bench/server/run.sh is run afterwards (BENCH_SQLITE=0 skips it) and its
#    table printed beside, with the caveat that it loads one server with one stream at a time.
#
# Prints requests/s, p50, p99 and errors per stream, the goals (check-in p99 < 30 ms, dashboard of
# 200 people p99 < 100 ms, every acknowledged write stored), and exits 0 when all pass, 1 when one
# fails, 2 when the bench itself could not run.
#
# Settings (environment): BENCH_BUILD (build/release), BENCH_PEOPLE (1000), BENCH_PER_CLINICIAN
# (200), BENCH_CONNECTIONS (16), BENCH_DASHBOARD_CONNECTIONS (2), BENCH_SERVER_THREADS (32, as
# taperlab serve), BENCH_SEED_JOBS (8: sign-ups in parallel), BENCH_PLAN_DAYS_AGO (200),
# BENCH_SQLITE (1), BENCH_KEEP=1 keeps the temporary folder (logs, wrk outputs), BENCH_THINK_MS (0:
# the write streams are closed loops, as fast as the servers answer; N > 0: each write connection
# pauses N ms on average after each answer (paced.lua), a set rate of about
# 4 x BENCH_CONNECTIONS x 1000 / N writes a second, for the latency at a rate below saturation).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
die() { echo "run.sh: $*" >&2; exit 2; }

seconds="${1:-30}"
[[ "$seconds" =~ ^[0-9]+$ && "$seconds" -gt 0 ]] || die "usage: $0 [SECONDS]"

# Start the throwaway PostgreSQL and run this script again inside it (its `run` stops the server
# when the script ends, however it ends).
if [[ -z "${TAPERLAB_TEST_POSTGRES:-}" ]]; then
  for tool in wrk curl jq; do
    command -v "$tool" >/dev/null || die "needs $tool on PATH"
  done
  "$root/tests/integration/store/postgres_server.sh" run "$0" "$@" || exit $?
  exit 0
fi

build="${BENCH_BUILD:-build/release}"
[[ "$build" = /* ]] || build="$root/$build"
people="${BENCH_PEOPLE:-1000}"
per_clinician="${BENCH_PER_CLINICIAN:-200}"
connections="${BENCH_CONNECTIONS:-16}"
dash_connections="${BENCH_DASHBOARD_CONNECTIONS:-2}"
server_threads="${BENCH_SERVER_THREADS:-32}"
seed_jobs="${BENCH_SEED_JOBS:-8}"
plan_days_ago="${BENCH_PLAN_DAYS_AGO:-200}"
think_ms="${BENCH_THINK_MS:-0}"
[[ "$think_ms" =~ ^[0-9]+$ ]] || die "BENCH_THINK_MS is a whole number of milliseconds"
taperlab="$build/apps/cli/taperlab"
[[ -x "$taperlab" ]] || die "no $taperlab (cmake --build --preset release --target taperlab)"
(( people >= 2 && per_clinician >= 1 )) || die "BENCH_PEOPLE >= 2 and BENCH_PER_CLINICIAN >= 1"
clinicians=$(( (people + per_clinician - 1) / per_clinician ))
(( clinicians >= 2 )) || die "needs 2 clinicians or more (one per server): BENCH_PEOPLE / BENCH_PER_CLINICIAN"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/taperlab-clinic.XXXXXX")"
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ "${BENCH_KEEP:-0}" = 1 ]]; then echo "kept $tmp (logs, wrk outputs)"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 2' INT TERM

pg_base="$(sed -n 's/^host=\([^ ]*\) .*/\1/p' "$TAPERLAB_TEST_POSTGRES")"
db="$("$root/tests/integration/store/postgres_server.sh" createdb "$TAPERLAB_TEST_POSTGRES" clinic_bench)"
sql() { psql -X -q -t -A -v ON_ERROR_STOP=1 -h "$pg_base" -U postgres -d clinic_bench -c "$1"; }

# Waits for "... running at http://127.0.0.1:PORT/" in a log and prints PORT.
wait_port() {
  local log="$1" pid="$2" port=""
  for _ in $(seq 1 300); do
    port="$(grep -o 'running at http://127.0.0.1:[0-9]*' "$log" 2>/dev/null | grep -o '[0-9]*$' || true)"
    [[ -n "$port" ]] && { echo "$port"; return 0; }
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; return 1; }
    sleep 0.1
  done
  cat "$log" >&2
  return 1
}

# --- servers -------------------------------------------------------------------------------------
serve() {  # serve NAME: starts a server, sets port_NAME and pid_NAME
  "$taperlab" serve --port 0 --db "$db" --threads "$server_threads" --quiet \
    --sign-up-limit 100000 --sign-in-limit 100000 >"$tmp/serve.$1.log" 2>&1 &
  local pid=$! port
  pids+=("$pid")
  port="$(wait_port "$tmp/serve.$1.log" "$pid")" || die "server $1 did not start"
  printf -v "pid_$1" '%s' "$pid"
  printf -v "port_$1" '%s' "$port"
}
pid_A="" pid_B="" port_A="" port_B=""
serve A  # migrates the empty database
serve B
export api_A="http://127.0.0.1:$port_A/api/v1" api_B="http://127.0.0.1:$port_B/api/v1"
plan_start="$(date -d "$plan_days_ago days ago" +%F)"
export tmp plan_start

# --- data ----------------------------------------------------------------------------------------
# account KIND N API: signs up and in KIND (patient or clinician) number N; prints
# "person_id-or-user_id cookie csrf".
account() {
  local kind="$1" n="$2" api="$3" jar="$tmp/cookies.$1.$2" answer
  answer="$(curl -sS --fail-with-body -H 'Content-Type: application/json' \
    -d "{\"email\":\"$kind$n@bench.local\",\"password\":\"bench-password-$n\",\"name\":\"Bench $kind $n\",\"country\":\"US\",\"role\":\"$kind\"}" \
    "$api/auth/signup")" || { echo "sign-up $kind $n: $answer" >&2; return 1; }
  answer="$(curl -sS --fail-with-body -c "$jar" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$kind$n@bench.local\",\"password\":\"bench-password-$n\"}" \
    "$api/auth/signin")" || { echo "sign-in $kind $n: $answer" >&2; return 1; }
  printf '%s %s %s\n' "$(jq -r "if .user.role == \"clinician\" then .user.id else .person_id end" <<<"$answer")" \
    "$(awk '$6 == "taperlab_session" {print $7}' "$jar")" "$(jq -r .csrf_token <<<"$answer")"
}
# seed_person N: person N (on server A when N is even, B when odd) with a regimen, a plan and a
# link code; writes "person_id cookie csrf" to person.N and the code to code.N.
seed_person() {
  local n="$1" api line pid cookie csrf
  if (( n % 2 == 0 )); then api="$api_A"; else api="$api_B"; fi
  line="$(account patient "$n" "$api")" || return 1
  read -r pid cookie csrf <<<"$line"
  post() {
    curl -sS --fail-with-body -H 'Content-Type: application/json' \
      -H "Cookie: taperlab_session=$cookie" -H "X-CSRF-Token: $csrf" -d "$2" "$api/people/$pid$1" ||
      { echo " <- POST $1 for person $n" >&2; return 1; }
  }
  post /regimen '{"regimen":"clonazepam 0.5mg@08:00, 0.5mg@20:00","weeks_on_regimen":52}' >/dev/null || return 1
  post /plans "{\"strategy\":\"fraction\",\"cut\":\"10%\",\"every\":\"14d\",\"start\":\"$plan_start\"}" >/dev/null || return 1
  post /clinician-links/codes '{}' | jq -r .code >"$tmp/code.$n" || return 1
  echo "$line" >"$tmp/person.$n"
}
# link C: clinician C redeems the codes of people C*per .. C*per+per-1, one after another (a
# clinician's code attempts are rate-limited while in flight), on server A or B by C's parity.
link() {
  local c="$1" api cookie csrf n answer
  if (( c % 2 == 0 )); then api="$api_A"; else api="$api_B"; fi
  read -r _ cookie csrf <"$tmp/clinician.$c"
  for (( n = c * per_clinician; n < (c + 1) * per_clinician && n < people; n++ )); do
    answer="$(curl -sS --fail-with-body -H 'Content-Type: application/json' \
      -H "Cookie: taperlab_session=$cookie" -H "X-CSRF-Token: $csrf" \
      -d "{\"code\":\"$(cat "$tmp/code.$n")\"}" "$api/clinician/links")" ||
      { echo "link person $n to clinician $c: $answer" >&2; return 1; }
  done
}
export -f account seed_person link
export people per_clinician

seed_start=$SECONDS
echo "seeding $people people and $clinicians clinicians on both servers (argon2: a while) ..." >&2
seq 0 $(( people - 1 )) | xargs -P "$seed_jobs" -I{} bash -c 'seed_person {}' || die "seeding people failed"
seq 0 $(( clinicians - 1 )) | xargs -P "$seed_jobs" -I{} bash -c \
  'if (( {} % 2 == 0 )); then a="$api_A"; else a="$api_B"; fi; account clinician {} "$a" > "$tmp/clinician.{}"' ||
  die "seeding clinicians failed"
seq 0 $(( clinicians - 1 )) | xargs -P "$clinicians" -I{} bash -c 'link {}' || die "linking failed"
linked="$(sql 'SELECT count(*) FROM clinician_links')" || die "psql failed"
echo "seeded in $(( SECONDS - seed_start )) s: $linked links" >&2

# Streams' inputs: people by parity, clinicians by parity (server A even, B odd).
for n in $(seq 0 $(( people - 1 ))); do
  cat "$tmp/person.$n" >>"$tmp/people.$(( n % 2 == 0 ? 0 : 1 ))"
done
for c in $(seq 0 $(( clinicians - 1 ))); do
  cat "$tmp/clinician.$c" >>"$tmp/clinicians.$(( c % 2 == 0 ? 0 : 1 ))"
done
# One cold dashboard load per clinician on each server, before the clock starts.
for c in $(seq 0 $(( clinicians - 1 ))); do
  read -r _ cookie _ <"$tmp/clinician.$c"
  for api in "$api_A" "$api_B"; do
    rows="$(curl -sS --fail-with-body -H "Cookie: taperlab_session=$cookie" "$api/clinician/dashboard" |
      jq '.people | length')" || die "dashboard of clinician $c failed"
    [[ "$rows" -ge 1 ]] || die "clinician $c sees $rows people"
  done
done

# --- load ----------------------------------------------------------------------------------------
export BENCH_COMMON_LUA="$root/bench/server/common.lua" BENCH_CLINIC_LUA="$here/common.lua"
export BENCH_PLAN_START="$plan_start"
declare -A result
stream() {  # stream NAME PORT SCRIPT USERS_FILE CONNECTIONS [SECONDS]: one wrk in the background
  BENCH_USERS_FILE="$4" BENCH_LUA_DIR="$root/bench/server" BENCH_WRK_THREADS=1 \
    wrk -t1 -c"$5" -d"${6:-$seconds}s" --timeout 10s --latency -s "$3" "http://127.0.0.1:$2" >"$tmp/wrk.$1.txt" 2>&1 &
  wrk_pids+=("$!")
}
# write_stream NAME PORT SCRIPT USERS_FILE: a check-in or dose stream, paced when BENCH_THINK_MS is set
write_stream() {
  if (( think_ms > 0 )); then
    BENCH_PACED_SCRIPT="$3" BENCH_THINK_MS="$think_ms" stream "$1" "$2" "$here/paced.lua" "$4" "$connections"
  else
    stream "$1" "$2" "$3" "$4" "$connections"
  fi
}
field() {  # field NAME KEY
  local kv
  for kv in ${result[$1]}; do [[ "$kv" == "$2="* ]] && { echo "${kv#*=}"; return; }; done
  echo "?"
}
cpu_sample() { awk '/^cpu / { print $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat; }

echo "load: $seconds s, check-ins and doses on $(( 4 * connections )) connections (pause $think_ms ms), dashboards on $(( 2 * dash_connections ))" >&2
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
cpu_before="$(cpu_sample)"
wrk_pids=()
# The check-in script is bench/server's (a new date per person per request).
write_stream check-in.A "$port_A" "$root/bench/server/checkin.lua" "$tmp/people.0"
write_stream check-in.B "$port_B" "$root/bench/server/checkin.lua" "$tmp/people.1"
write_stream dose.A "$port_A" "$here/dose.lua" "$tmp/people.1"
write_stream dose.B "$port_B" "$here/dose.lua" "$tmp/people.0"
stream dashboard.A "$port_A" "$here/dashboard.lua" "$tmp/clinicians.0" "$dash_connections"
stream dashboard.B "$port_B" "$here/dashboard.lua" "$tmp/clinicians.1" "$dash_connections"
for pid in "${wrk_pids[@]}"; do wait "$pid" || die "a wrk failed (see BENCH_KEEP=1 and $tmp/wrk.*.txt)"; done
cpu_after="$(cpu_sample)"
steal="$(awk -v b="$cpu_before" -v a="$cpu_after" 'BEGIN { split(b, x, " "); split(a, y, " ");
  t = y[2] - x[2]; printf "%.1f", (t > 0 ? 100 * (y[1] - x[1]) / t : 0) }')"
# Then the dashboards alone: only the rows of people who wrote since a clinician's last load are
# built again, as in a clinic where each person writes a few times a day (for information).
quiet_seconds=$(( seconds < 10 ? seconds : 10 ))
wrk_pids=()
stream quiet.A "$port_A" "$here/dashboard.lua" "$tmp/clinicians.0" "$dash_connections" "$quiet_seconds"
stream quiet.B "$port_B" "$here/dashboard.lua" "$tmp/clinicians.1" "$dash_connections" "$quiet_seconds"
for pid in "${wrk_pids[@]}"; do wait "$pid" || die "a wrk failed (see BENCH_KEEP=1 and $tmp/wrk.*.txt)"; done
for name in check-in.A check-in.B dose.A dose.B dashboard.A dashboard.B quiet.A quiet.B; do
  result[$name]="$(grep '^BENCH ' "$tmp/wrk.$name.txt")" || { cat "$tmp/wrk.$name.txt" >&2; die "no result for $name"; }
done

# Stop the servers (SIGTERM answers the requests in flight) before the rows are counted.
kill -TERM "$pid_A" "$pid_B"
wait "$pid_A" 2>/dev/null || true
wait "$pid_B" 2>/dev/null || true
stored_check_ins="$(sql "SELECT count(*) FROM check_ins WHERE notes = 'bench'")" || die "psql failed"
stored_doses="$(sql 'SELECT count(*) FROM dose_log')" || die "psql failed"

# --- SQLite, for comparison ------------------------------------------------------------------------
sqlite_status="skipped (BENCH_SQLITE=0)"
if [[ "${BENCH_SQLITE:-1}" = 1 ]]; then
  echo "bench/server/run.sh (SQLite, for comparison) ..." >&2
  if "$root/bench/server/run.sh" "$build" >"$tmp/sqlite.txt" 2>"$tmp/sqlite.err"; then
    sqlite_status="run now, all its goals passed"
  else
    sqlite_status="run now, exit status $? (1: a goal of its own failed)"
  fi
fi

# --- report --------------------------------------------------------------------------------------
# both KIND KEY: the two servers' KEY for KIND, summed (sum) or the worse of the two (max).
sum2() { awk -v a="$(field "$1.A" "$2")" -v b="$(field "$1.B" "$2")" 'BEGIN { printf "%.1f", a + b }'; }
max2() { awk -v a="$(field "$1.A" "$2")" -v b="$(field "$1.B" "$2")" 'BEGIN { printf "%.2f", (a > b ? a : b) }'; }
int2() { echo $(( $(field "$1.A" "$2") + $(field "$1.B" "$2") )); }
errors() {  # errors NAME
  echo "non-2xx=$(( $(field "$1" s4xx) + $(field "$1" s5xx) )) (5xx=$(field "$1" s5xx)) socket=$(field "$1" socket_errors) timeouts=$(field "$1" timeouts)"
}

echo
echo "taperlab clinic load test: two servers (A, B) on one PostgreSQL $(psql --version | awk '{print $3}'), loopback, $seconds s"
echo "people: $people ($clinicians clinicians, $per_clinician people each); each stream one wrk -t1"
if (( think_ms > 0 )); then
  echo "write streams paced: each connection pauses $think_ms ms on average after each answer (BENCH_THINK_MS)"
else
  echo "write streams closed-loop: each connection sends its next request as soon as it is answered"
fi
echo "hardware: nproc=$(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "load average before the load: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg); CPU stolen meanwhile: $steal%"
echo "(wrk, both servers and PostgreSQL share these CPUs)"
echo
printf '%-12s %5s %11s %9s %9s %9s  %s\n' stream conns 'requests/s' 'p50 ms' 'p99 ms' 'max ms' errors
for name in check-in.A check-in.B dose.A dose.B dashboard.A dashboard.B quiet.A quiet.B; do
  conns="$connections"
  [[ "$name" == dashboard.* || "$name" == quiet.* ]] && conns="$dash_connections"
  printf '%-12s %5s %11s %9s %9s %9s  %s\n' "$name" "$conns" "$(field "$name" rps)" \
    "$(field "$name" p50_ms)" "$(field "$name" p99_ms)" "$(field "$name" max_ms)" "$(errors "$name")"
done
echo "(quiet: the dashboards alone for $quiet_seconds s after the load, no writes meanwhile)"
echo "(both servers together: requests/s summed; p50 and p99 the worse of the two servers)"
echo

status=0
check() {  # check OK TEXT
  if [[ "$1" = 1 ]]; then echo "PASS  $2"; else echo "FAIL  $2"; status=1; fi
}
lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }' && echo 1 || echo 0; }

ci_p99="$(max2 check-in p99_ms)"
check "$(lt "$ci_p99" 30)" "check-in: p99 $ci_p99 ms, p50 $(max2 check-in p50_ms) ms, $(sum2 check-in rps) req/s (goal p99 < 30 ms)"
echo "info  dose log: p99 $(max2 dose p99_ms) ms, p50 $(max2 dose p50_ms) ms, $(sum2 dose rps) req/s"
dash_p99="$(max2 dashboard p99_ms)"
check "$(lt "$dash_p99" 100)" "dashboard of $per_clinician people: p99 $dash_p99 ms, p50 $(max2 dashboard p50_ms) ms, $(sum2 dashboard rps) req/s (goal p99 < 100 ms)"
echo "info  dashboard of $per_clinician people with no writes meanwhile: p99 $(max2 quiet p99_ms) ms, p50 $(max2 quiet p50_ms) ms, $(sum2 quiet rps) req/s"
error_count=0
for name in check-in.A check-in.B dose.A dose.B dashboard.A dashboard.B quiet.A quiet.B; do
  error_count=$(( error_count + $(field "$name" s4xx) + $(field "$name" s5xx) + $(field "$name" socket_errors) + $(field "$name" timeouts) ))
done
check "$([[ "$error_count" -eq 0 ]] && echo 1 || echo 0)" "errors: $error_count (non-2xx answers, socket errors and timeouts of all streams)"
# Rows may exceed the 201s by the requests in flight when wrk stopped (at most one per
# connection: answered and stored, never read by wrk); fewer would be a lost write.
acked_check_ins="$(int2 check-in s201)"
acked_doses="$(int2 dose s201)"
check "$([[ "$stored_check_ins" -ge "$acked_check_ins" ]] && echo 1 || echo 0)" \
  "check-ins: $acked_check_ins acknowledged (201), $stored_check_ins stored afterwards (psql) (goal: none lost)"
check "$([[ "$stored_doses" -ge "$acked_doses" ]] && echo 1 || echo 0)" \
  "doses: $acked_doses acknowledged (201), $stored_doses stored afterwards (psql) (goal: none lost)"

echo
echo "SQLite, one server, one stream at a time (bench/server/run.sh $sqlite_status):"
if [[ -f "$tmp/sqlite.txt" ]]; then
  sed -n '/^endpoint/,/^$/p;/^PASS\|^FAIL\|^info/p' "$tmp/sqlite.txt" | sed 's/^/  /'
fi
exit "$status"
