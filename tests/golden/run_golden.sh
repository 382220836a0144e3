#!/usr/bin/env bash
# Runs one golden case: a file holding the command line, the expected exit status and the
# expected output (stdout then stderr), ledger style:
#   args: convert 2mg clonazepam --to diazepam
#   exit: 0
#   ---
#   <expected output>
# Journal cases may start with "setup:" lines: commands run first (each must succeed, output
# discarded). Every case gets a fresh journal database in $DB, and the clock is pinned
# (TAPERLAB_TODAY=2026-11-23, TAPERLAB_NOW=2026-11-23T09:00:00Z) unless a line sets its own.
# With TAPERLAB_UPDATE_GOLDEN=1 the case file is rewritten with what the program printed.
set -uo pipefail
bin="$1"
case_file="$2"
cd "$(dirname "$case_file")/.."  # commands may name files relative to tests/golden

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DB="$work/journal.db"
export TAPERLAB_TODAY="${TAPERLAB_TODAY:-2026-11-23}"
export TAPERLAB_NOW="${TAPERLAB_NOW:-2026-11-23T09:00:00Z}"
# No journal or locale of the machine's decides a plan's country: only what a case sets.
export XDG_DATA_HOME="$work/data"
unset LC_ALL LC_MESSAGES
export LANG=C.UTF-8

setup_count="$(grep -c '^setup: ' "$case_file")"
while IFS= read -r setup; do
  if ! eval "\"$bin\" ${setup#setup: }" >"$work/setup.log" 2>&1; then
    echo "setup failed: ${setup#setup: }"
    cat "$work/setup.log"
    exit 1
  fi
done < <(grep '^setup: ' "$case_file")

args_line="$(sed -n "$((setup_count + 1))s/^args: //p" "$case_file")"
expected_exit="$(sed -n "$((setup_count + 2))s/^exit: //p" "$case_file")"
expected="$(sed "1,$((setup_count + 3))d" "$case_file")"

actual="$(eval "\"$bin\" $args_line" 2>&1)"
actual_exit=$?

if [[ "${TAPERLAB_UPDATE_GOLDEN:-0}" == 1 ]]; then
  { grep '^setup: ' "$case_file"; echo "args: $args_line"; echo "exit: $actual_exit"; echo "---"
    printf '%s\n' "$actual"; } >"$work/case" && cp "$work/case" "$case_file"
  echo "updated $case_file"
  exit 0
fi

status=0
if [[ "$actual_exit" != "$expected_exit" ]]; then
  echo "exit status: expected $expected_exit, got $actual_exit"
  status=1
fi
if [[ "$actual" != "$expected" ]]; then
  echo "output differs from $case_file:"
  diff <(printf '%s\n' "$expected") <(printf '%s\n' "$actual")
  status=1
fi
exit $status
