#!/usr/bin/env bash
# bench/peers/run.sh [--n N] [--days D] [--rtol R] [--fine K] [--build DIR] [--keep DIR]
#
# The same model and the same cohort through taperlab, SUNDIALS CVODE (Adams and BDF) and R's
# deSolve (lsoda) with compiled derivatives; prints each tool's microseconds of CPU per person-day
# (one thread, so per core), taperlab's ratio to each, and the largest relative difference between
# their hourly trajectories and taperlab's (README.md says what is compared and how).
#   --n N       people (default 200; the peers take about 0.1-1 s of CPU per person-year)
#   --days D    days per person (default 365)
#   --rtol R    the peers' relative tolerance (default 1e-6; absolute: R * 1e-3 on every state)
#   --fine K    taperlab's finer run for the agreement check: 1/K h steps (default 16)
#   --build DIR taperlab's build folder (default build/release; configured if missing)
#   --keep DIR  keep the cohort files and trajectories there (default: a temporary folder)
# Installs what the peers need first (bench/peers/setup.sh: apt-get, with sudo when not root).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/bench/peers"
n=200
days=365
rtol=1e-6
fine=16
build="$root/build/release"
keep=""
while (($#)); do
  case "$1" in
    --n) n="$2"; shift 2 ;;
    --days) days="$2"; shift 2 ;;
    --rtol) rtol="$2"; shift 2 ;;
    --fine) fine="$2"; shift 2 ;;
    --build) build="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
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
cmake --build "$build" --target taperlab_bench_peers_export taperlab_bench_peers_compare
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
"$bin/taperlab_bench_peers_export" --out "$work" --n "$n" --days "$days" --fine "$fine"
rows=$((days * 24 + 1))
columns=$(awk '$1 == "columns" { print $2 }' "$work/taperlab.txt")
read -r -a names <<<"$(awk '$1 == "names" { $1 = ""; print }' "$work/taperlab.txt")"
ours_cpu=$(awk '$1 == "taperlab_cpu_us_per_person_day" { print $2 }' "$work/taperlab.txt")
ours_what=$(awk '$1 == "taperlab_engine" { $1 = ""; print substr($0, 2) }' "$work/taperlab.txt")

echo "== peers (rtol $rtol, one thread each)"
results=()
run_peer() {  # name, command...: the command prints the one-line result; writes $work/$name.f64
  local name="$1"
  shift
  local line
  line="$("$@")"
  echo "  $line"
  results+=("$name $line")
}
run_peer cvode_adams "$work/cvode_peer" "$work/people.csv" "$work/doses.csv" "$days" adams \
  "$rtol" "$work/cvode_adams.f64"
run_peer cvode_bdf "$work/cvode_peer" "$work/people.csv" "$work/doses.csv" "$days" bdf \
  "$rtol" "$work/cvode_bdf.f64"
run_peer desolve_lsoda Rscript "$here/desolve_peer.R" "$work/people.csv" "$work/doses.csv" \
  "$days" lsoda "$rtol" "$work/desolve/peers_model.so" "$work/desolve_lsoda.f64"

echo
echo "== microseconds of CPU per person-day (per core), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '  %-28s %12s %14s\n' tool us/person-day "taperlab is"
printf '  %-28s %12.3f %14s\n' "taperlab ($ours_what)" "$ours_cpu" ""
for r in "${results[@]}"; do
  read -r name _tool method tol _people _days _wall _cpu us _steps <<<"$r"
  printf '  %-28s %12.1f %13.0fx\n' "$name (rtol $tol)" "$us" \
    "$(awk -v a="$us" -v b="$ours_cpu" 'BEGIN { print a / b }')"
done

echo
echo "== largest relative difference from taperlab's hourly trajectories"
echo "   (E, R, concentrations: relative to taperlab's value at that hour; W: relative to the"
echo "    person's largest W; all $rows hourly rows of every person)"
for r in "${results[@]}"; do
  read -r name _ <<<"$r"
  echo "  $name vs taperlab (hourly step, as the engine runs):"
  "$bin/taperlab_bench_peers_compare" "$work/taperlab_hourly.f64" "$work/$name.f64" "$rows" \
    "$columns" "${names[@]}"
  echo "  $name vs taperlab (1/$fine h step, sampled hourly):"
  "$bin/taperlab_bench_peers_compare" "$work/taperlab_fine.f64" "$work/$name.f64" "$rows" \
    "$columns" "${names[@]}"
done
echo "  taperlab hourly vs taperlab 1/$fine h:"
"$bin/taperlab_bench_peers_compare" "$work/taperlab_fine.f64" "$work/taperlab_hourly.f64" "$rows" \
  "$columns" "${names[@]}"
