#!/usr/bin/env bash
# bench/fuzz/run.sh SECONDS [TARGET...]: builds the libFuzzer targets (the "fuzz" preset: clang,
# AddressSanitizer, UndefinedBehaviorSanitizer; docs/fuzzing.md) and runs each for SECONDS with
# -jobs=1, from the seeds in fuzz/corpus/<target> plus the corpus kept from earlier runs in
# build/fuzz/corpus/<target>. Prints per target: runs, crashes (inputs libFuzzer saved: crash,
# timeout, out-of-memory, leak), sanitizer reports, "unexpected error" findings (what the CLI would
# have reported with exit 1, or a 5xx answer) and executions per second. Logs and crashing inputs
# are kept under build/fuzz/runs/<time>/<target>/. Exits 1 when any target had a finding.
# With no TARGET, all of them. FUZZ_RUNS=N stops a target after N runs if that comes before SECONDS
# (the issue's goal is 10^7 runs per target: FUZZ_RUNS=10000000).
# Builds hold /tmp/taperlab-build.lock (a shared 2-core machine).
set -euo pipefail

if [[ $# -lt 1 || ! $1 =~ ^[0-9]+$ ]]; then
  echo "usage: bench/fuzz/run.sh SECONDS [TARGET...]" >&2
  exit 2
fi
seconds=$1
shift
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
all=(regimen_fuzz formulations_fuzz plan_view_fuzz import_fuzz api_body_fuzz)
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=("${all[@]}")

# The build holds the shared lock; an up-to-date build (nothing to compile or link) does not wait
# for it.
lock=/tmp/taperlab-build.lock
if [[ ! -f build/fuzz/build.ninja ]] ||
  ninja -C build/fuzz -n "${targets[@]}" 2>/dev/null | grep -qE 'Building|Linking'; then
  flock "$lock" cmake --preset fuzz >/dev/null
  flock "$lock" cmake --build --preset fuzz --target "${targets[@]}"
fi

runs_dir="$root/build/fuzz/runs/$(date -u +%Y%m%dT%H%M%SZ)"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
status=0
printf '%-18s %12s %8s %10s %11s %8s\n' target runs crashes sanitizer unexpected exec/s
for target in "${targets[@]}"; do
  out="$runs_dir/$target"
  corpus="$root/build/fuzz/corpus/$target"
  mkdir -p "$out/artifacts" "$corpus"
  # -jobs=1 runs the fuzzer in a child that logs to fuzz-0.log in the working folder.
  (cd "$out" && "$root/build/fuzz/fuzz/$target" -jobs=1 -max_total_time="$seconds" \
    ${FUZZ_RUNS:+-runs="$FUZZ_RUNS"} \
    -print_final_stats=1 -timeout=60 -rss_limit_mb=4096 -artifact_prefix="$out/artifacts/" \
    "$corpus" "$root/fuzz/corpus/$target" >"$out/run.log" 2>&1) || true
  log="$out/fuzz-0.log"
  [[ -f $log ]] || log="$out/run.log"
  runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -1 | awk '{print $2}')
  [[ -n $runs ]] || runs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')
  execs=$(grep -o 'exec/s: [0-9]*' "$log" | tail -1 | awk '{print $2}')
  crashes=$(find "$out/artifacts" -type f | wc -l)
  sanitizer=$(grep -c -E 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$log" || true)
  unexpected=$(grep -c 'taperlab fuzz finding' "$log" || true)
  printf '%-18s %12s %8s %10s %11s %8s\n' "$target" "${runs:-?}" "$crashes" "$sanitizer" \
    "$unexpected" "${execs:-?}"
  if [[ $crashes -gt 0 || $sanitizer -gt 0 || $unexpected -gt 0 ]]; then status=1; fi
done
echo "logs: $runs_dir"
exit $status
