#!/usr/bin/env bash
# `taperlab --data-dir DIR serve` reads the FHIR export's product codes (data/codes) from DIR, as
# it reads the other data files, not from the built-in folder: a copy of the data folder whose
# codes are all changed is served with the changed codes, and the built-in folder
# (TAPERLAB_DATA_DIR, as ctest sets it) with the shipped ones.
#
#   serve_data_dir_test.sh PATH/TO/taperlab DATA_DIR
set -uo pipefail

[[ $# -eq 2 ]] || { echo "usage: $0 PATH/TO/taperlab DATA_DIR" >&2; exit 2; }
BIN="$1"
DATA="$2"
for tool in curl python3; do
  command -v "$tool" >/dev/null || { echo "no $tool (scripts/setup installs it)" >&2; exit 1; }
done
[[ -x "$BIN" && -f "$DATA/codes/medication_codes.json" ]] || { echo "no $BIN or $DATA" >&2; exit 1; }

TMP="$(mktemp -d)"
PID=""
cleanup() {
  local status=$?
  if [[ -n "$PID" ]]; then kill -TERM "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; fi
  [[ $status -ne 0 && -f "$TMP/serve.log" ]] && tail -n 20 "$TMP/serve.log" >&2
  rm -rf "$TMP"
  exit "$status"
}
trap cleanup EXIT
failures=0
check() {  # TEXT OK
  if [[ "$2" = 1 ]]; then echo "ok   $1"; else echo "FAIL $1"; failures=$((failures + 1)); fi
}

# The copy: every code gets "999" in front (197527, clonazepam 0.5 MG Oral Tablet, becomes
# 999197527), so that a code exported from it cannot be one of the shipped folder's.
cp -r "$DATA" "$TMP/data"
python3 - "$TMP/data/codes/medication_codes.json" <<'PY' || exit 1
import json, sys
path = sys.argv[1]
doc = json.load(open(path))
assert doc["codes"], "no codes shipped: update this test"
for c in doc["codes"]:
    c["code"] = "999" + c["code"]
json.dump(doc, open(path, "w"), indent=2)
PY
mkdir -p "$TMP/web"
echo '<!doctype html><title>taperlab</title>' >"$TMP/web/index.html"

# export_codes [ARGS...]: serves a fresh journal with the global options ARGS (`taperlab ARGS
# serve ...`), makes a person with clonazepam 0.5 mg
# tablets and a plan, prints the codes of the export's MedicationRequests.
n=0
export_codes() {
  n=$((n + 1))
  "$BIN" "$@" serve --port 0 --bind 127.0.0.1 --db "$TMP/journal.$n.db" --web "$TMP/web" --quiet \
    >"$TMP/serve.log" 2>&1 &
  PID=$!
  local port="" api jar="$TMP/jar.$n" csrf pid
  for _ in $(seq 1 300); do
    port="$(sed -n 's|^taperlab is running at http://127.0.0.1:\([0-9]*\)/$|\1|p' "$TMP/serve.log")"
    [[ -n "$port" ]] && break
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.1
  done
  [[ -n "$port" ]] || { echo "serve $* did not start" >&2; return 1; }
  api="http://127.0.0.1:$port/api/v1"
  curl -sS --fail-with-body -H 'Content-Type: application/json' \
    -d '{"email":"codes@example.org","password":"codes-password-1","name":"Codes","country":"US"}' \
    "$api/auth/signup" >/dev/null || return 1
  read -r pid csrf < <(curl -sS --fail-with-body -c "$jar" -H 'Content-Type: application/json' \
    -d '{"email":"codes@example.org","password":"codes-password-1"}' "$api/auth/signin" |
    python3 -c 'import json,sys; a=json.load(sys.stdin); print(a["person_id"], a["csrf_token"])')
  [[ -n "$pid" ]] || return 1
  post() {
    curl -sS --fail-with-body -b "$jar" -H 'Content-Type: application/json' \
      -H "X-CSRF-Token: $csrf" -d "$2" "$api/people/$pid$1" >/dev/null
  }
  post /regimen '{"regimen":"clonazepam 0.5mg@08:00, 0.5mg@20:00","weeks_on_regimen":52}' || return 1
  post /plans '{"strategy":"fraction","cut":"10%","every":"14d"}' || return 1
  curl -sS --fail-with-body -b "$jar" "$api/people/$pid/export.fhir.json" |
    python3 -c '
import json, sys
codes = set()
for e in json.load(sys.stdin)["entry"]:
    r = e["resource"]
    if r["resourceType"] == "MedicationRequest":
        for c in r.get("medicationCodeableConcept", {}).get("coding", []):
            codes.add(c["code"])
print(" ".join(sorted(codes)))'
  kill -TERM "$PID"
  wait "$PID" 2>/dev/null
  PID=""
}

# all_999 CODES: 1 when there are codes and every one starts with 999; none_999: none does.
all_999() { [[ -n "$1" ]] && ! grep -qv '^999' <<<"${1// /$'\n'}" && echo 1 || echo 0; }
none_999() { [[ -n "$1" ]] && ! grep -q '^999' <<<"${1// /$'\n'}" && echo 1 || echo 0; }
codes="$(export_codes --data-dir "$TMP/data")" || exit 1
check "--data-dir DIR serve: the codes of DIR/codes ($codes)" "$(all_999 "$codes")"
codes="$(export_codes)" || exit 1
check "serve without --data-dir: the shipped codes ($codes)" "$(none_999 "$codes")"

[[ $failures -eq 0 ]] || { echo "$failures check(s) failed" >&2; exit 1; }
echo "all checks passed"
