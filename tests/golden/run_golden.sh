#!/usr/bin/env bash
# Runs one golden case: a file holding the command line, the expected exit status and the
# expected output (stdout then stderr), ledger style:
#   args: convert 2mg clonazepam --to diazepam
#   exit: 0
#   ---
#   <expected output>
# With TAPERLAB_UPDATE_GOLDEN=1 the case file is rewritten with what the program printed.
set -uo pipefail
bin="$1"
case_file="$2"
cd "$(dirname "$case_file")/.."  # commands may name files relative to tests/golden

args_line="$(sed -n '1s/^args: //p' "$case_file")"
expected_exit="$(sed -n '2s/^exit: //p' "$case_file")"
expected="$(sed '1,3d' "$case_file")"

actual="$(eval "\"$bin\" $args_line" 2>&1)"
actual_exit=$?

if [[ "${TAPERLAB_UPDATE_GOLDEN:-0}" == 1 ]]; then
  { echo "args: $args_line"; echo "exit: $actual_exit"; echo "---"; printf '%s\n' "$actual"; } \
    >"$case_file"
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
