#!/usr/bin/env bash
# Load test of `taperlab serve` on loopback with wrk, next to a bare Boost.Beast "hello" endpoint
# (the same library and design: io threads and a worker pool) measured in the same run.
#
#   bench/server/run.sh [BUILD_DIR]      (default build/release; needs the targets taperlab and
#                                         taperlab_hello_server, and wrk, curl, jq, sqlite3)
#
# It starts the server on a temporary database, signs up bench users with curl, gives the first one
# a regimen and a plan, and runs wrk against:
#   hello      GET  /hello on taperlab_hello_server (same thread count as taperlab serve), with
#              TCP_NODELAY: the transport's ceiling, and the baseline of the GET today goal
#   hello-nagle the same with Nagle's algorithm on (no TCP_NODELAY): Beast writes an answer's
#              header and body in one call, so this shows what the socket option alone costs
#   today      GET  /api/v1/people/{pid}/today
#   today-cold the same on a second server over the same database with --keep 0: nothing kept
#              between requests (session, answer), so every request reads and builds it all; shown
#              for information, the goal is on `today`
#   preview    POST /api/v1/people/{pid}/plans/preview  {"strategy":"fraction","cut":"10%","every":"14d"}
#              for US clonazepam 0.5 mg twice a day: the US products cannot make it alone, so every
#              preview also searches and simulates the alternatives (issue 19)
#   check-in   POST /api/v1/people/{pid}/check-ins, a distinct (person, date) per request
# and prints requests/s, p50, p99 and errors per endpoint, and the goals:
#   GET today >= 50% of hello's requests/s; check-in p99 < 20 ms with every 201 in the database
#   (rows counted with sqlite3 after the server stopped); plan preview p99 < 50 ms.
# Exit status: 0 when every goal passes, 1 when one fails, 2 when the bench itself could not run.
#
# hello and today alternate in BENCH_ROUNDS rounds (3), and the share is taken over all of them:
# the machine's speed drifts, and a single run of each compared it at two different moments.
#
# Settings (environment): BENCH_DURATION (10s, per run), BENCH_ROUNDS (3), BENCH_CONNECTIONS (32), BENCH_WRK_THREADS (2),
# BENCH_SERVER_THREADS (32, as taperlab serve), BENCH_USERS (16: check-in users, signed up in parallel; argon2 makes
# each sign-up take a while), BENCH_KEEP=1 keeps the temporary folder, BENCH_CONNECTION_CLOSE=1
# sends "Connection: close" (a new connection per request; a diagnostic, not the goal's setting).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${1:-build/release}"
[[ "$build" = /* ]] || build="$root/$build"

duration="${BENCH_DURATION:-10s}"
pairs="${BENCH_ROUNDS:-3}"  # rounds of hello then today, each of $duration
connections="${BENCH_CONNECTIONS:-32}"
wrk_threads="${BENCH_WRK_THREADS:-2}"
server_threads="${BENCH_SERVER_THREADS:-32}"
users="${BENCH_USERS:-16}"

die() { echo "run.sh: $*" >&2; exit 2; }
for tool in wrk curl jq sqlite3; do
  command -v "$tool" >/dev/null || die "needs $tool on PATH"
done
taperlab="$build/apps/cli/taperlab"
hello="$build/bench/server/taperlab_hello_server"
[[ -x "$taperlab" ]] || die "no $taperlab (cmake --build $build --target taperlab)"
[[ -x "$hello" ]] || die "no $hello (configure with -DTAPERLAB_BENCH=ON; --target taperlab_hello_server)"
(( users >= wrk_threads )) || die "BENCH_USERS ($users) must be >= BENCH_WRK_THREADS ($wrk_threads)"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/taperlab-bench.XXXXXX")"
db="$tmp/bench.sqlite"
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ "${BENCH_KEEP:-0}" = 1 ]]; then echo "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 2' INT TERM

# Waits for "... running at http://127.0.0.1:PORT/" in a log and prints PORT.
wait_port() {
  local log="$1" pid="$2" port=""
  for _ in $(seq 1 100); do
    port="$(grep -o 'running at http://127.0.0.1:[0-9]*' "$log" 2>/dev/null | grep -o '[0-9]*$' || true)"
    [[ -n "$port" ]] && { echo "$port"; return 0; }
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; return 1; }
    sleep 0.1
  done
  cat "$log" >&2
  return 1
}

# --- servers -------------------------------------------------------------------------------------
"$hello" 0 "$server_threads" 1 >"$tmp/hello.log" 2>&1 &
hello_pid=$!
pids+=("$hello_pid")
hello_port="$(wait_port "$tmp/hello.log" "$hello_pid")" || die "the hello server did not start"
"$hello" 0 "$server_threads" 0 >"$tmp/hello-nagle.log" 2>&1 &
nagle_pid=$!
pids+=("$nagle_pid")
nagle_port="$(wait_port "$tmp/hello-nagle.log" "$nagle_pid")" || die "the hello server did not start"

# --sign-up-limit: every bench account is made from 127.0.0.1.
"$taperlab" serve --port 0 --db "$db" --threads "$server_threads" --quiet --sign-up-limit 100000 \
  >"$tmp/serve.log" 2>&1 &
serve_pid=$!
pids+=("$serve_pid")
port="$(wait_port "$tmp/serve.log" "$serve_pid")" || die "taperlab serve did not start"
# Started once the first has migrated the file.
"$taperlab" serve --port 0 --db "$db" --threads "$server_threads" --quiet --keep 0 \
  >"$tmp/serve-cold.log" 2>&1 &
cold_pid=$!
pids+=("$cold_pid")
cold_port="$(wait_port "$tmp/serve-cold.log" "$cold_pid")" || die "taperlab serve --keep 0 did not start"
api="http://127.0.0.1:$port/api/v1"

# --- data ----------------------------------------------------------------------------------------
# sign_up N: prints "person_id cookie csrf_token" for a new account benchN@bench.local.
sign_up() {
  local n="$1" jar="$tmp/cookies.$1" answer
  answer="$(curl -sS --fail-with-body -H 'Content-Type: application/json' \
    -d "{\"email\":\"bench$n@bench.local\",\"password\":\"bench-password-$n\",\"name\":\"Bench $n\",\"country\":\"US\"}" \
    "$api/auth/signup")" || { echo "sign-up $n failed: $answer" >&2; return 1; }
  # Sign-up starts no session: sign in.
  answer="$(curl -sS --fail-with-body -c "$jar" -H 'Content-Type: application/json' \
    -d "{\"email\":\"bench$n@bench.local\",\"password\":\"bench-password-$n\"}" \
    "$api/auth/signin")" || { echo "sign-in $n failed: $answer" >&2; return 1; }
  printf '%s %s %s\n' "$(jq -r .person_id <<<"$answer")" \
    "$(awk '$6 == "taperlab_session" {print $7}' "$jar")" "$(jq -r .csrf_token <<<"$answer")"
}
export -f sign_up
export api tmp

echo "signing up $users check-in users and 1 reader (argon2: a while) ..." >&2
# Users 1..N post check-ins; user 0 reads today and previews plans.
seq 0 "$users" | xargs -P 4 -I{} bash -c 'sign_up {} > "$0/user.{}"' "$tmp" \
  || die "sign-up failed"
read -r reader_pid reader_cookie reader_csrf <"$tmp/user.0"
for n in $(seq 1 "$users"); do cat "$tmp/user.$n"; done >"$tmp/users.txt"
[[ "$(wc -l <"$tmp/users.txt")" -eq "$users" ]] || die "lost a sign-up"

post() {  # post PATH BODY: as the reader, fails unless 2xx
  curl -sS --fail-with-body -o "$tmp/post.out" -H 'Content-Type: application/json' \
    -H "Cookie: taperlab_session=$reader_cookie" -H "X-CSRF-Token: $reader_csrf" \
    -d "$2" "$api/people/$reader_pid$1" || die "POST $1: $(cat "$tmp/post.out")"
}
post /regimen '{"regimen":"clonazepam 0.5mg@08:00, 0.5mg@20:00","weeks_on_regimen":52}'
post /plans '{"strategy":"fraction","cut":"10%","every":"14d"}'

# --- load ----------------------------------------------------------------------------------------
export BENCH_LUA_DIR="$here" BENCH_PID="$reader_pid" BENCH_COOKIE="$reader_cookie"
export BENCH_CSRF="$reader_csrf" BENCH_USERS_FILE="$tmp/users.txt" BENCH_WRK_THREADS="$wrk_threads"

declare -A result
declare -A steal
# "steal total" jiffies of all CPUs: time the hypervisor gave to others while this machine wanted
# to run. When it is high, every figure of that run is low, whatever the code does.
cpu_sample() { awk '/^cpu / { print $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat; }
# measure NAME URL SCRIPT: runs wrk, keeps its BENCH line in result[NAME] and the share of CPU
# time stolen meanwhile in steal[NAME].
measure() {
  local name="$1" url="$2" script="$3" line before after
  echo "wrk $name: -t$wrk_threads -c$connections -d$duration $url" >&2
  before="$(cpu_sample)"
  wrk -t"$wrk_threads" -c"$connections" -d"$duration" --latency -s "$here/$script" "$url" \
    >"$tmp/wrk.$name.txt" 2>&1 || { cat "$tmp/wrk.$name.txt" >&2; die "wrk $name failed"; }
  after="$(cpu_sample)"
  line="$(grep '^BENCH ' "$tmp/wrk.$name.txt")" || { cat "$tmp/wrk.$name.txt" >&2; die "no result for $name"; }
  result[$name]="$line"
  steal[$name]="$(awk -v b="$before" -v a="$after" 'BEGIN { split(b, x, " "); split(a, y, " ");
    t = y[2] - x[2]; printf "%.1f", (t > 0 ? 100 * (y[1] - x[1]) / t : 0) }')"
}
field() {  # field NAME KEY
  local kv
  for kv in ${result[$1]}; do [[ "$kv" == "$2="* ]] && { echo "${kv#*=}"; return; }; done
  echo "?"
}

# hello and today in alternating rounds: this machine's speed drifts by tens of percent within a
# minute, so a share measured from one run of each compared two different machines. Each round
# pairs the two a few seconds apart; the goal takes all rounds' requests over all their seconds.
for round in $(seq 1 "$pairs"); do
  measure "hello.$round" "http://127.0.0.1:$hello_port" hello.lua
  measure "today.$round" "http://127.0.0.1:$port" today.lua
done
# combine NAME: one result from the rounds NAME.1..N (rates over the summed time; the worst
# latencies; the summed counts).
combine() {
  local name="$1" r requests=0 seconds=0 p50=0 p90=0 p99=0 max=0 key sums=""
  for r in $(seq 1 "$pairs"); do
    requests=$(( requests + $(field "$name.$r" requests) ))
    seconds="$(awk -v a="$seconds" -v b="$(field "$name.$r" duration_s)" 'BEGIN { print a + b }')"
    for key in p50 p90 p99 max; do
      printf -v "$key" '%s' "$(awk -v a="${!key}" -v b="$(field "$name.$r" "${key}_ms")" \
        'BEGIN { print (b > a ? b : a) }')"
    done
  done
  for key in s2xx s201 s409 s4xx s5xx socket_errors timeouts; do
    local total=0
    for r in $(seq 1 "$pairs"); do total=$(( total + $(field "$name.$r" "$key") )); done
    sums+=" $key=$total"
  done
  local worst=0
  for r in $(seq 1 "$pairs"); do
    worst="$(awk -v a="$worst" -v b="${steal[$name.$r]}" 'BEGIN { print (b > a ? b : a) }')"
  done
  steal[$name]="$worst"
  result[$name]="BENCH requests=$requests duration_s=$seconds rps=$(awk -v n="$requests" \
    -v s="$seconds" 'BEGIN { printf "%.1f", n / s }') p50_ms=$p50 p90_ms=$p90 p99_ms=$p99 max_ms=$max$sums"
}
combine hello
combine today
measure hello-nagle "http://127.0.0.1:$nagle_port" hello.lua
measure today-cold "http://127.0.0.1:$cold_port" today.lua
measure preview "http://127.0.0.1:$port" preview.lua
measure check-in "http://127.0.0.1:$port" checkin.lua

# Stop the servers (SIGTERM answers the requests in flight) before the rows are counted.
kill -TERM "$serve_pid" "$cold_pid"
wait "$serve_pid" 2>/dev/null || true
wait "$cold_pid" 2>/dev/null || true
rows="$(sqlite3 "$db" 'SELECT count(*) FROM check_ins;')"

# --- report --------------------------------------------------------------------------------------
echo
echo "taperlab serve load test: loopback (127.0.0.1), wrk -t$wrk_threads -c$connections -d$duration ($pairs rounds of hello and today)"
echo "hardware: nproc=$(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "server threads: $server_threads (taperlab serve --quiet and taperlab_hello_server)"
echo "load average before the report: $(cut -d' ' -f1-3 /proc/loadavg) (wrk shares the CPUs)"
echo
printf '%-11s %5s %11s %9s %9s %9s %7s  %s\n' endpoint conns 'requests/s' 'p50 ms' 'p99 ms' \
  'max ms' 'steal%' errors
for name in hello hello-nagle today today-cold preview check-in; do
  errors="non-2xx=$(( $(field "$name" s4xx) + $(field "$name" s5xx) )) (5xx=$(field "$name" s5xx))"
  errors+=" socket=$(field "$name" socket_errors) timeouts=$(field "$name" timeouts)"
  printf '%-11s %5s %11s %9s %9s %9s %7s  %s\n' "$name" "$connections" "$(field "$name" rps)" \
    "$(field "$name" p50_ms)" "$(field "$name" p99_ms)" "$(field "$name" max_ms)" \
    "${steal[$name]}" "$errors"
done
echo "(steal%: CPU time the hypervisor took for other machines during the run, worst round for"
echo " hello and today; above a few percent the machine is throttled and every figure drops)"
echo

status=0
check() {  # check OK TEXT
  if [[ "$1" = 1 ]]; then echo "PASS  $2"; else echo "FAIL  $2"; status=1; fi
}
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }' && echo 1 || echo 0; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }' && echo 1 || echo 0; }

hello_rps="$(field hello rps)"
today_rps="$(field today rps)"
share="$(awk -v a="$today_rps" -v b="$hello_rps" 'BEGIN { printf "%.1f", 100 * a / b }')"
rounds=""
for round in $(seq 1 "$pairs"); do
  rounds+=" $(awk -v a="$(field "today.$round" rps)" -v b="$(field "hello.$round" rps)" \
    'BEGIN { printf "%.1f%%", 100 * a / b }')"
done
check "$(ge "$share" 50)" "GET today: $today_rps req/s = $share% of hello's $hello_rps over $pairs rounds (by round:$rounds) (goal >= 50%; hello with Nagle on: $(field hello-nagle rps))"
cold_share="$(awk -v a="$(field today-cold rps)" -v b="$hello_rps" 'BEGIN { printf "%.1f", 100 * a / b }')"
echo "info  GET today with nothing kept between requests (--keep 0): $(field today-cold rps) req/s = $cold_share% of hello"

ci_p99="$(field check-in p99_ms)"
check "$(lt "$ci_p99" 20)" "POST check-in: p99 $ci_p99 ms at $connections connections (goal < 20 ms)"
acked="$(field check-in s201)"
others=$(( $(field check-in requests) - acked ))
# Rows may exceed the 201s by the requests still in flight when wrk stopped (at most one per
# connection: answered by the server, never read by wrk); fewer rows would be a lost check-in.
check "$([[ "$rows" -ge "$acked" ]] && echo 1 || echo 0)" \
  "POST check-in: $acked acknowledged (201), $rows rows in the database afterwards, $others other answers (409: $(field check-in s409), 5xx: $(field check-in s5xx)) (goal: no 201 lost)"

pv_p99="$(field preview p99_ms)"
check "$(lt "$pv_p99" 50)" "POST plan preview: p99 $pv_p99 ms at $connections connections (goal < 50 ms)"

if [[ "${BENCH_KEEP:-0}" = 1 ]]; then echo "wrk outputs: $tmp/wrk.*.txt"; fi
exit "$status"
