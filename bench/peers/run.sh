#!/usr/bin/env bash
# bench/peers/run.sh [--n N] [--days D] [--rtol "R ..."] [--fine K] [--threads T] [--build DIR]
#                    [--keep DIR]
#
# The same model and the same cohort (people.csv: every parameter of each person) through
# taperlab's cohort engine, SUNDIALS CVODE (Adams and BDF) and R's deSolve (lsoda) with compiled
# derivatives. Prints each tool's microseconds of CPU per person-day (per core), taperlab's ratio to
# each, and the largest relative differences between their trajectories and taperlab's
# (README.md says what is compared and how).
#   --n N        people (default 200: persons 0..N-1 of data/population/adults.json, seed 2026)
#   --days D     days per person (default 365)
#   --rtol "R.." the peers' relative tolerances, each run in turn (default "1e-6 1e-8"; absolute
#                tolerance R * 1e-3 on every state)
#   --fine K     taperlab's finer reference run for the agreement check: 1/K h steps (default 128)
#   --threads T  the cohort engine's threads (default 2)
#   --engine E   fast (run_cohort, default) or simulator (run_cohort_with_simulator, 1 thread)
#   --pool-study also compares the adaptation pools' hourly step, linear E (the engine's) and a
#                cubic Hermite, with CVODE BDF at rtol 1e-10 (about 2 ms of CPU per person-day)
#   --build DIR  taperlab's build folder (default build/release; configured if missing)
#   --keep DIR   keep the cohort files and trajectories there (default: a temporary folder)
# Installs what the peers need first (bench/peers/setup.sh: apt-get, with sudo when not root).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/bench/peers"
n=200
days=365
rtols="1e-6 1e-8"
fine=128
threads=2
engine=fast
pool_study=0
build="$root/build/release"
keep=""
while (($#)); do
  case "$1" in
    --n) n="$2"; shift 2 ;;
    --days) days="$2"; shift 2 ;;
    --rtol) rtols="$2"; shift 2 ;;
    --fine) fine="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --engine) engine="$2"; shift 2 ;;
    --pool-study) pool_study=1; shift ;;
    --build) build="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

"$here/setup.sh"

if [[ -n "$keep" ]]; then
  work="$keep"
  mkdir -p "$work"
else
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
fi

echo "== building"
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build" --target taperlab_bench_peers_export taperlab_bench_peers_compare \
  taperlab_bench_peers_pool_step
bin="$build/bench/peers"
# The peers are built here, against the packages of setup.sh, not by CMake (a machine set up by
# scripts/setup alone has no SUNDIALS or R).
cc -O2 -Wall -Wextra -o "$work/cvode_peer" "$here/cvode_peer.c" -lsundials_cvode \
  -lsundials_nvecserial -lsundials_sunlinsoldense -lsundials_sunmatrixdense \
  -lsundials_sunnonlinsolfixedpoint -lm
mkdir -p "$work/desolve"
cp "$here/desolve_model.c" "$here/peer_model.h" "$work/desolve/"
(cd "$work/desolve" && R CMD SHLIB -o peers_model.so desolve_model.c >/dev/null)

echo "== the cohort and taperlab ($n people, $days days)"
"$bin/taperlab_bench_peers_export" --out "$work" --n "$n" --days "$days" --fine "$fine" \
  --threads "$threads" --engine "$engine"
rows=$((days * 24 + 1))
value() { awk -v key="$1" '$1 == key { $1 = ""; print substr($0, 2) }' "$work/taperlab.txt"; }
columns=$(value columns)
read -r -a names <<<"$(value names)"
ours_cpu=$(value taperlab_cpu_us_per_person_day)
ours_wall=$(value taperlab_wall_us_per_person_day_per_core)
simulator_cpu=$(value simulator_cpu_us_per_person_day)
ours_what="$(value taperlab_engine), $(value taperlab_threads) threads"

results=()
run_peer() {  # name, command...: the command prints the one-line result, writes $work/$name.f64
  local name="$1"
  shift
  local line
  line="$("$@")"
  echo "  $line"
  results+=("$name $line")
}
for rtol in $rtols; do
  echo "== peers (rtol $rtol, one thread each)"
  run_peer "cvode_adams_$rtol" "$work/cvode_peer" "$work/people.csv" "$work/doses.csv" "$days" \
    adams "$rtol" "$work/cvode_adams_$rtol.f64"
  run_peer "cvode_bdf_$rtol" "$work/cvode_peer" "$work/people.csv" "$work/doses.csv" "$days" \
    bdf "$rtol" "$work/cvode_bdf_$rtol.f64"
  run_peer "desolve_lsoda_$rtol" Rscript "$here/desolve_peer.R" "$work/people.csv" \
    "$work/doses.csv" "$days" lsoda "$rtol" "$work/desolve/peers_model.so" \
    "$work/desolve_lsoda_$rtol.f64"
done

echo
echo "== microseconds of CPU per person-day (per core); $(nproc) cores, load average" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '  %-40s %12s %14s\n' tool us/person-day "taperlab is"
printf '  %-40s %12.3f %14s\n' "taperlab ($ours_what)" "$ours_cpu" ""
printf '  %-40s %12.3f %14s\n' "  (its wall time x threads)" "$ours_wall" ""
printf '  %-40s %12.3f %13.1fx\n' "taperlab Simulator, person by person" "$simulator_cpu" \
  "$(awk -v a="$simulator_cpu" -v b="$ours_cpu" 'BEGIN { print a / b }')"
for r in "${results[@]}"; do
  read -r name _tool _method _tol _people _days _wall _cpu us _steps <<<"$r"
  printf '  %-40s %12.1f %13.0fx\n' "$name" "$us" \
    "$(awk -v a="$us" -v b="$ours_cpu" 'BEGIN { print a / b }')"
done

echo
echo "== largest relative differences from taperlab"
echo "   E, R, concentrations: relative to taperlab's value then (never below 1e-3 of the"
echo "   series' largest); W: relative to the person's largest W. Every person, every row."
for r in "${results[@]}"; do
  read -r name _ <<<"$r"
  echo "  $name vs the cohort engine's daily values (peak W, mean E, R), $days days:"
  "$bin/taperlab_bench_peers_compare" --daily "$work/taperlab_engine_days.f64" "$work/$name.f64" \
    "$rows" "$columns"
  echo "  $name vs taperlab's Simulator, hourly step (the engine's model), $rows hours:"
  "$bin/taperlab_bench_peers_compare" "$work/taperlab_hourly.f64" "$work/$name.f64" "$rows" \
    "$columns" "${names[@]}"
  echo "  $name vs taperlab's Simulator, 1/$fine h step, sampled hourly:"
  "$bin/taperlab_bench_peers_compare" "$work/taperlab_fine.f64" "$work/$name.f64" "$rows" \
    "$columns" "${names[@]}"
done
echo "  taperlab's Simulator, hourly vs 1/$fine h step:"
"$bin/taperlab_bench_peers_compare" "$work/taperlab_fine.f64" "$work/taperlab_hourly.f64" "$rows" \
  "$columns" "${names[@]}"

if ((pool_study)); then
  echo
  echo "== the pools' hourly step against CVODE BDF at rtol 1e-10 (PK exact in both)"
  "$work/cvode_peer" "$work/people.csv" "$work/doses.csv" "$days" bdf 1e-10 "$work/tight.f64" \
    >/dev/null
  for study in "linear 1 0" "hermite 1 0" "hermite 4 3" "hermite 8 4"; do
    read -r method substeps after <<<"$study"
    echo "  $method, $substeps steps per hour for $after hours after each dose:"
    "$bin/taperlab_bench_peers_pool_step" "$work/people.csv" "$work/doses.csv" "$days" "$method" \
      "$substeps" "$after" "$work/pool_step.f64"
    "$bin/taperlab_bench_peers_compare" "$work/tight.f64" "$work/pool_step.f64" "$rows" \
      "$columns" "${names[@]}"
  done
fi
