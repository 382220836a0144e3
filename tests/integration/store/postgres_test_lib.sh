# Shared by the PostgreSQL shell tests (sourced): one line per check and a count at the end.
passed=0
failed=0
check() {  # check "what" COMMAND...
  if "${@:2}"; then
    passed=$((passed + 1))
    echo "ok   $1"
  else
    failed=$((failed + 1))
    echo "FAIL $1"
  fi
}
# The count; the script's exit status.
summary() {
  echo "$passed passed, $failed failed"
  [[ $failed -eq 0 ]]
}
