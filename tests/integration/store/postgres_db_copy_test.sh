#!/usr/bin/env bash
# `taperlab db copy` (docs/deployment.md, moving a clinic from SQLite): a journal made with the CLI
# in a SQLite file is copied into an empty PostgreSQL database; the printed counts are checked
# against the expected ones, the journal commands read the same journal from either store, a second
# copy into the now non-empty database is refused and changes nothing, and the journal goes on in
# PostgreSQL (new ids after the copied ones).
#
#   postgres_db_copy_test.sh PATH/TO/taperlab STATE_ROOT
#
# STATE_ROOT is where ctest's "postgres" fixture keeps its server (postgres_server.sh).
set -uo pipefail

[[ $# -eq 2 ]] || { echo "usage: $0 PATH/TO/taperlab STATE_ROOT" >&2; exit 2; }
BIN="$1"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CONNINFO="${TAPERLAB_TEST_POSTGRES:-$2/ctest-$PPID/conninfo}"
[[ -x "$BIN" ]] || { echo "no taperlab binary at $BIN" >&2; exit 1; }
URL="$("$HERE/postgres_server.sh" createdb "$CONNINFO" "db_copy_$$")" || exit 1
SHOWN_URL="$URL"

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
export TAPERLAB_TODAY=2026-03-02 TAPERLAB_NOW=2026-03-02T08:10:00Z
DB="$TMP/clinic.db"

# shellcheck source=postgres_test_lib.sh
source "$HERE/postgres_test_lib.sh"
run() { "$BIN" "$@" >>"$TMP/setup.log" 2>&1 || { echo "failed: taperlab $*" >&2; cat "$TMP/setup.log" >&2; exit 1; }; }

run init --db "$DB" --name Sam --regimen "clonazepam 0.5mg@08:00, 0.5mg@20:00" --country GB \
  --no-risks --weeks-on-regimen 30 --tz Europe/London --date 2026-03-01
run plan --db "$DB" --strategy fraction --cut 10% --every 14d --start 2026-03-01 --save
run take --db "$DB" --planned-time 08:00 --date 2026-03-01
run take --db "$DB" --planned-time 20:00 --date 2026-03-01
run checkin --db "$DB" --symptoms anxiety=2,insomnia=3 --sleep-quality 6 --mood 5 --date 2026-03-01
run questionnaire gad7 --db "$DB" --answers 1,1,0,2,1,0,1 --date 2026-03-01

"$BIN" db copy --from "$DB" --to "$URL" >"$TMP/copy.txt" 2>&1
check "db copy succeeds" test $? -eq 0
cat >"$TMP/expected.txt" <<EXPECTED
Copied $DB into $SHOWN_URL in one transaction.
  people                           1
  regimens                         1
  decisions                        0
  plan_versions                    1
  dose_log                         2
  check_ins                        1
  questionnaire_responses          1
  cognitive_sessions               0
  audit_log                        7
  users                            0
  auth_sessions                    0
  login_attempts                   0
  calendar_tokens                  0
  clinician_link_codes             0
  clinician_links                  0
  decision_reviews                 0
  journal_versions                 1
  auth_generation                  1
  total                           16
Every table has as many rows in the database as in the file.
EXPECTED
check "it prints each table's rows, counted on both sides" diff "$TMP/expected.txt" "$TMP/copy.txt"

for command in status today insights export; do
  "$BIN" "$command" --db "$DB" >"$TMP/$command.sqlite" 2>&1
  "$BIN" "$command" --db "$URL" >"$TMP/$command.postgres" 2>&1
  check "taperlab $command reads the same journal from both" \
    cmp -s "$TMP/$command.sqlite" "$TMP/$command.postgres"
done

"$BIN" db copy --from "$DB" --to "$URL" >"$TMP/again.txt" 2>&1
check "a second copy into the same database fails" test $? -ne 0
check "  saying the database is not empty" grep -q "already holds data" "$TMP/again.txt"
"$BIN" export --db "$URL" >"$TMP/export.after" 2>&1
check "  and changes nothing" cmp -s "$TMP/export.postgres" "$TMP/export.after"

"$BIN" db copy --from "$TMP/missing.db" --to "$URL" >"$TMP/missing.txt" 2>&1
check "a missing file is refused" test $? -ne 0

"$BIN" take --db "$URL" --planned-time 08:00 --date 2026-03-02 >"$TMP/take.txt" 2>&1
check "the journal goes on in PostgreSQL" test $? -eq 0
PSQL="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)/psql"
[[ -x "$PSQL" ]] || PSQL=psql
check "  its new dose's id follows the copied ones" \
  test "$("$PSQL" -X -At "$URL" -c "SELECT string_agg(id::text, ' ' ORDER BY id) FROM dose_log")" = "1 2 3"

summary
