#!/usr/bin/env bash
# A throwaway PostgreSQL for the tests (docs/architecture.md, storage): Debian's own initdb and
# pg_ctl in a temporary folder, listening on a Unix socket in that folder only (no TCP port), with
# trust authentication for its one user, postgres. Nothing is installed or left behind.
#
#   postgres_server.sh start ROOT          start one for the ctest run that runs this (the parent
#                                          process); ROOT/ctest-PID/conninfo then holds
#                                          "host=SOCKET_DIR user=postgres" for libpq
#   postgres_server.sh stop ROOT           stop that run's server and remove its folder
#   postgres_server.sh createdb CONNINFO_FILE NAME
#                                          a new empty database; prints its postgresql:// URL
#   postgres_server.sh run COMMAND...      start one, run COMMAND with TAPERLAB_TEST_POSTGRES set
#                                          to its conninfo file, stop it (also on failure)
#
# ctest runs `start` and `stop` as the setup and cleanup of the "postgres" fixture
# (tests/integration/CMakeLists.txt), so every test that needs the server gets it from a plain
# `ctest` or scripts/test. The tests are ctest's children too, and find their run's server by
# ctest's process id: two ctest runs in one build folder each have their own. Should ctest itself
# be killed, a watchdog stops the server once it is gone, and the next start removes what is
# left. initdb refuses to run as root: as root, the server runs as the `postgres` system user
# (Debian's postgresql package makes it), which owns the folder.
set -euo pipefail

die() { echo "postgres_server.sh: $*" >&2; exit 1; }

# Debian puts the server's programs in /usr/lib/postgresql/VERSION/bin, outside PATH.
# The newest installed there, else the folder of an initdb on PATH (links resolved).
find_bin() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [[ -z "$dir" ]] && command -v initdb >/dev/null 2>&1; then
    dir="$(dirname "$(readlink -f "$(command -v initdb)")")"
  fi
  [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" && -x "$dir/psql" ]] ||
    die "no initdb, pg_ctl and psql: install Debian's postgresql (scripts/setup)"
  echo "$dir"
}

# Runs a server program as the user who owns the cluster.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

stop_server() {  # STATE_DIR
  local state="$1" base
  [[ -f "$state/base" ]] || return 0
  base="$(cat "$state/base")"
  if [[ -d "$base/data" ]]; then
    as_owner "$(find_bin)/pg_ctl" -D "$base/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [[ -f "$state/watchdog" ]]; then
    kill "$(cat "$state/watchdog")" 2>/dev/null || true
  fi
  # Removed in the background: under another test's heavy disk writes, removing a cluster's files
  # took most of a minute, which ctest would wait for.
  (setsid rm -rf "$base" </dev/null >/dev/null 2>&1 &)
  rm -f "$state/base" "$state/conninfo" "$state/watchdog"
}

start_server() {  # STATE_DIR [PID_TO_WATCH]
  local state="$1" watch="${2:-}" bin base
  mkdir -p "$state"
  stop_server "$state"  # one left by a run that was killed
  bin="$(find_bin)"
  # Short: the socket's path must fit in 107 bytes.
  base="$(mktemp -d /tmp/taperlab-pg.XXXXXX)"
  echo "$base" >"$state/base"
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "running as root needs the postgres system user (apt install postgresql)"
    chown postgres: "$base"
  fi
  chmod 700 "$base"
  if ! as_owner "$bin/initdb" -D "$base/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
      --no-sync >"$base/initdb.log" 2>&1; then
    cat "$base/initdb.log" >&2
    stop_server "$state"
    die "initdb failed"
  fi
  # No TCP at all; the socket lives in the folder. fsync off: a test cluster is thrown away, and
  # the tests do not cut the power under it. Enough connections for two servers' pools and
  # parallel tests.
  if ! as_owner "$bin/pg_ctl" -D "$base/data" -l "$base/server.log" -w -t 60 \
      -o "-c listen_addresses='' -k $base -c fsync=off -c full_page_writes=off -c max_connections=400 -c shared_buffers=64MB" \
      start >/dev/null 2>&1; then
    cat "$base/server.log" >&2 || true
    stop_server "$state"
    die "the server did not start"
  fi
  echo "host=$base user=postgres" >"$state/conninfo"
  if [[ -n "$watch" ]]; then
    # The watchdog: once the process that asked for the server is gone, nothing needs it.
    nohup bash -c "while kill -0 $watch 2>/dev/null && [[ -d '$base/data' ]]; do sleep 2; done; \
      '$0' stop '$state'" >/dev/null 2>&1 &
    echo $! >"$state/watchdog"
  fi
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on the socket in $base"
}

createdb() {  # CONNINFO_FILE NAME
  local conninfo="$1" name="$2" base
  [[ -f "$conninfo" ]] || die "no server ($conninfo is missing): run 'start' first"
  base="$(sed -n 's/^host=\([^ ]*\) .*/\1/p' "$conninfo")"
  "$(find_bin)/psql" -X -q -v ON_ERROR_STOP=1 -h "$base" -U postgres -d postgres \
    -c "CREATE DATABASE \"$name\"" >/dev/null
  echo "postgresql://postgres@/$name?host=$base"
}

# The servers of ctest runs that are gone (killed before their cleanup ran).
remove_stale() {  # ROOT
  local dir pid
  for dir in "$1"/ctest-*; do
    [[ -d "$dir" ]] || continue
    pid="${dir##*-}"
    kill -0 "$pid" 2>/dev/null && continue
    stop_server "$dir"
    rmdir "$dir" 2>/dev/null || true
  done
}

case "${1:-}" in
  start)
    [[ $# -eq 2 ]] || die "usage: $0 start ROOT"
    mkdir -p "$2"
    remove_stale "$2"
    # ctest started this script: the server is its run's, and the watchdog watches it.
    start_server "$2/ctest-$PPID" "$PPID"
    ;;
  stop)
    [[ $# -eq 2 ]] || die "usage: $0 stop ROOT"
    stop_server "$2/ctest-$PPID"
    rmdir "$2/ctest-$PPID" 2>/dev/null || true
    ;;
  createdb)
    [[ $# -eq 3 ]] || die "usage: $0 createdb CONNINFO_FILE NAME"
    createdb "$2" "$3"
    ;;
  run)
    shift
    [[ $# -ge 1 ]] || die "usage: $0 run COMMAND..."
    STATE="$(mktemp -d)"
    trap 'stop_server "$STATE"; rm -rf "$STATE"' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    start_server "$STATE" ""
    TAPERLAB_TEST_POSTGRES="$STATE/conninfo" "$@"
    ;;
  *)
    die "usage: $0 start|stop STATE_DIR | createdb STATE_DIR NAME | run COMMAND..."
    ;;
esac
