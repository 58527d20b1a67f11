#!/usr/bin/env bash
# A full disk pauses the affected queries with SQLSTATE 53100 in their status, corrupts nothing,
# and they resume when space returns. The data directory lives on a small tmpfs the test mounts
# (it runs as root, as CI does) and later grows.
#
#   tests/e2e/disk_full_e2e.sh /path/to/eddy
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../support/eddy_process.sh
source "$here/../support/eddy_process.sh"
# shellcheck source=../support/checks.sh
source "$here/../support/checks.sh"
eddy=${1:?usage: disk_full_e2e.sh PATH_TO_EDDY}

mnt=$(mktemp -d "${TMPDIR:-/tmp}/eddy-diskfull-XXXXXX")
if ! mount -t tmpfs -o size=6m tmpfs "$mnt"; then
  echo "not ok 1 - mounting a 6 MiB tmpfs failed: this test needs root (CI runs as root)"
  rmdir "$mnt"
  exit 1
fi
PORT=$(eddy_free_port)
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill -KILL "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  umount "$mnt" 2>/dev/null || umount -l "$mnt" 2>/dev/null || true
  rmdir "$mnt" 2>/dev/null || true
}
trap cleanup EXIT
log=$(mktemp)
"$eddy" server --host 127.0.0.1 --port "$PORT" --data-dir "$mnt/data" >"$log" 2>&1 </dev/null &
SERVER_PID=$!
for _ in $(seq 1 100); do pg_isready -q -h 127.0.0.1 -p "$PORT" -U eddy -d eddy -t 1 && break; sleep 0.05; done

sql() { psql -X -At -h 127.0.0.1 -p "$PORT" -U eddy eddy "$@"; }
status() { sql -c "SHOW QUERIES" | grep '|every_row|' | cut -d'|' -f4; }
wait_for() {  # wait_for NAME PATTERN: the query's status matches PATTERN within 60 s
  local s=""
  for _ in $(seq 1 300); do
    s=$(status || true)
    if grep -qE "$2" <<<"$s"; then report 1 "$1" ""; return; fi
    sleep 0.2
  done
  report 0 "$1" "status: $s"
}

sql -c "CREATE STREAM g (asset TEXT, cost BIGINT, ts TIMESTAMP) USING generator OPTIONS (kind 'clicks', rate '200000', seed '1')" >/dev/null
# Every generated row is kept: the store grows until the disk is full.
sql -c "CREATE MATERIALIZED VIEW every_row AS SELECT asset, cost, ts FROM g" >/dev/null
wait_for "a full disk pauses the query with 53100 in its status" '^paused: 53100'
rows_paused=$(sql -c "SELECT count(*) FROM every_row")
report "$([ "$rows_paused" -gt 0 ] && echo 1 || echo 0)" "the view stays readable while paused ($rows_paused rows)" ""
sql -c "CREATE TABLE copy_of_rows (asset TEXT, cost BIGINT, ts TIMESTAMP)" >/dev/null 2>&1 || true
out=$(sql -c '\set VERBOSITY verbose' -c "INSERT INTO copy_of_rows SELECT asset, cost, ts FROM every_row" 2>&1 || true)
if grep -q "53100" <<<"$out"; then report 1 "a write on a full disk fails with 53100, the session goes on" ""; else report 0 "a write on a full disk fails with 53100" "$out"; fi
report "$(sql -c 'SELECT 1' | grep -qx 1 && echo 1 || echo 0)" "the server keeps answering" ""

mount -o remount,size=512m "$mnt"
wait_for "with space back the query resumes" '^running'
sleep 1
rows_after=$(sql -c "SELECT count(*) FROM every_row")
report "$([ "$rows_after" -gt "$rows_paused" ] && echo 1 || echo 0)" "and commits again ($rows_paused -> $rows_after rows)" ""
sql -c "DROP MATERIALIZED VIEW every_row" >/dev/null

# Nothing was corrupted: a restart on the same directory reads back what was committed.
kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || true
"$eddy" server --host 127.0.0.1 --port "$PORT" --data-dir "$mnt/data" >>"$log" 2>&1 </dev/null &
SERVER_PID=$!
for _ in $(seq 1 100); do pg_isready -q -h 127.0.0.1 -p "$PORT" -U eddy -d eddy -t 1 && break; sleep 0.05; done
report "$(sql -c 'SHOW STREAMS' | grep -q '^g|generator$' && echo 1 || echo 0)" "the data directory reopens intact after the full disk" ""

if ! checks_summary; then tail -20 "$log" | sed 's/^/  | /'; rm -f "$log"; exit 1; fi
rm -f "$log"
