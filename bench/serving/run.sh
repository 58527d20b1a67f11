#!/usr/bin/env bash
# Serving: pgbench point reads (point.sql: one SELECT by key of 100,000) against a materialized
# view in Eddy and against the same rows in a PostgreSQL 15 table with a primary key, side by
# side on this machine: each server pinned to CPU 1, pgbench to CPU 0.
#
#   bench/serving/run.sh [BUILD_DIR] [SECONDS]        (defaults: build-rel, 30)
#
# Prints a markdown table: server, protocol mode (-M prepared / -M simple), tps, the server's CPU
# time per transaction, and the ratio Eddy / PostgreSQL of tps per mode. Every pgbench run must
# end with 0 failed transactions.
# With RUNS=n (default 1) it measures n times (the servers set up once) and prints the medians.
# Environment: CLIENTS (default 8), THREADS (2), WARMUP seconds (5), RUNS (1), SERVER_CPU (1),
# CLIENT_CPU (0).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here="$root/bench/serving"
build=${1:-$root/build-rel}
seconds=${2:-30}
clients=${CLIENTS:-8}
threads=${THREADS:-2}
warmup=${WARMUP:-5}
runs=${RUNS:-1}
server_cpu=${SERVER_CPU:-1}
client_cpu=${CLIENT_CPU:-0}
keys=100000
# 2,000,000 clicks over 100,000 assets (asset = hash % 100000): with seed 1 every asset occurs,
# checked below. (1,000,000 would leave a few assets out.)
events=2000000

[ -x "$build/eddy" ] || { echo "no $build/eddy: build it first (see bench/serving/README.md)" >&2; exit 1; }
pg_bin=/usr/lib/postgresql/15/bin
[ -x "$pg_bin/postgres" ] || { echo "PostgreSQL 15 not found in $pg_bin (apt-get install postgresql-15)" >&2; exit 1; }
command -v pgbench >/dev/null || { echo "pgbench not found (apt-get install postgresql-client)" >&2; exit 1; }

# shellcheck source=../../tests/support/eddy_process.sh
source "$root/tests/support/eddy_process.sh"

pg_tmp=$(mktemp -d "${TMPDIR:-/tmp}/eddy-serving-pg-XXXXXX")
pg_pid=
cleanup() {
  eddy_stop
  if [ -n "$pg_pid" ] && kill -0 "$pg_pid" 2>/dev/null; then
    kill -INT "$pg_pid" 2>/dev/null || true  # fast shutdown
    for _ in $(seq 100); do kill -0 "$pg_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pg_pid" 2>/dev/null || true
    wait "$pg_pid" 2>/dev/null || true
  fi
  rm -rf "$pg_tmp"
}
trap cleanup EXIT

# ---- Eddy: the view of 100,000 keys ------------------------------------------------------------
# eddy_start runs `$EDDY_BIN server ...`: a wrapper pins the server (and every thread it starts).
printf '#!/bin/sh\nexec taskset -c %s %q "$@"\n' "$server_cpu" "$build/eddy" >"$pg_tmp/eddy-pinned"
chmod +x "$pg_tmp/eddy-pinned"
eddy_start "$pg_tmp/eddy-pinned"
trap cleanup EXIT  # eddy_start installed its own
# The server that answered is ours (not another one that took the port first).
kill -0 "$EDDY_PID" 2>/dev/null && grep -q "listening on 127.0.0.1:$EDDY_PORT" "$EDDY_TMP/server.log" ||
  { echo "eddy is not serving port $EDDY_PORT:" >&2; eddy_log_tail >&2; exit 1; }
eddy_sql() { psql -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$EDDY_PORT" -U eddy eddy "$@"; }
eddy_sql -c "CREATE STREAM g (asset TEXT, cost BIGINT, ts TIMESTAMP) USING generator
             OPTIONS (kind 'clicks', rate '0', limit '$events', assets '$keys', seed '1')"
eddy_sql -c "CREATE MATERIALIZED VIEW per_asset AS
             SELECT CAST(substr(asset, 7) AS BIGINT) AS id, count(*) AS n, sum(cost) AS spend
             FROM g GROUP BY CAST(substr(asset, 7) AS BIGINT)"
deadline=$((SECONDS + 300))
until [ "$(eddy_sql -c 'SELECT sum(n) FROM per_asset')" = "$events" ]; do
  [ "$SECONDS" -lt "$deadline" ] || { echo "the view did not count $events clicks in 300 s" >&2; exit 1; }
  sleep 0.5
done
shape=$(eddy_sql -c 'SELECT count(*), min(id), max(id) FROM per_asset')
[ "$shape" = "$keys|0|$((keys - 1))" ] || { echo "per_asset has count|min|max $shape, want $keys|0|$((keys - 1))" >&2; exit 1; }
echo "eddy: per_asset has $keys keys (0..$((keys - 1))), $events clicks (port $EDDY_PORT, pid $EDDY_PID)" >&2

# ---- PostgreSQL: the same rows, PRIMARY KEY on id ----------------------------------------------
as_pg=()
if [ "$(id -u)" = 0 ]; then  # PostgreSQL refuses to run as root
  chown postgres: "$pg_tmp"
  as_pg=(setpriv --reuid=postgres --regid=postgres --init-groups --)
fi
"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_tmp/pg" -U eddy --auth=trust -E UTF8 --no-locale >/dev/null
pg_port=$(eddy_free_port)
taskset -c "$server_cpu" "${as_pg[@]}" "$pg_bin/postgres" -D "$pg_tmp/pg" -p "$pg_port" \
  -c listen_addresses=127.0.0.1 -c unix_socket_directories="$pg_tmp" -c fsync=off \
  -c max_connections=$((clients + 10)) </dev/null >"$pg_tmp/postgres.log" 2>&1 &
pg_pid=$!
until pg_isready -q -h 127.0.0.1 -p "$pg_port" -U eddy -d postgres -t 2 && kill -0 "$pg_pid" 2>/dev/null; do
  kill -0 "$pg_pid" 2>/dev/null || { echo "postgres exited:" >&2; tail -20 "$pg_tmp/postgres.log" >&2; exit 1; }
  sleep 0.1
done
pg_sql() { psql -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U eddy postgres "$@"; }
pg_sql -c "CREATE TABLE per_asset (id bigint PRIMARY KEY, n bigint NOT NULL, spend bigint NOT NULL)"
eddy_sql -c "COPY per_asset (id, n, spend) TO STDOUT" | pg_sql -c "COPY per_asset (id, n, spend) FROM STDIN"
pg_sql -c "VACUUM ANALYZE per_asset"
[ "$(pg_sql -c 'SELECT count(*), sum(n) FROM per_asset')" = "$keys|$events" ] ||
  { echo "PostgreSQL's per_asset does not hold the same rows" >&2; exit 1; }
[ "$(eddy_sql -c 'SELECT sum(spend) FROM per_asset')" = "$(pg_sql -c 'SELECT sum(spend) FROM per_asset')" ] ||
  { echo "the two servers' spend totals differ" >&2; exit 1; }
echo "postgres: the same rows (port $pg_port, pid $pg_pid)" >&2

# ---- pgbench ------------------------------------------------------------------------------------
# CPU time (clock ticks) used so far by the given processes.
ticks() {
  local total=0 p t
  for p in "$@"; do
    t=$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null) || continue
    total=$((total + t))
  done
  echo "$total"
}

# Runs pgbench against PORT/DB for T seconds in MODE; prints "tps cpu": cpu is the server's CPU
# time per transaction in microseconds (over the run's middle, from /proc; "-" for runs under
# 6 s), the figure that does not depend on whether pgbench or the server is the bottleneck.
# SERVER is eddy (one process) or pg (the postmaster and its backends). Fails unless every
# transaction succeeded.
bench() {
  local port=$1 db=$2 mode=$3 t=$4 server=$5 log pid pids first=0 last=0
  log=$(mktemp)
  taskset -c "$client_cpu" pgbench -n -f "$here/point.sql" -M "$mode" -c "$clients" -j "$threads" -T "$t" \
    -h 127.0.0.1 -p "$port" -U eddy "$db" >"$log" 2>&1 &
  pid=$!
  if [ "$t" -ge 6 ]; then
    sleep 2
    if [ "$server" = eddy ]; then pids=("$EDDY_PID"); else mapfile -t pids < <(echo "$pg_pid"; pgrep -P "$pg_pid"); fi
    first=$(ticks "${pids[@]}")
    sleep $((t - 4))
    last=$(ticks "${pids[@]}")
  fi
  if ! wait "$pid"; then
    echo "pgbench failed against port $port ($mode):" >&2
    tail -20 "$log" >&2
    rm -f "$log"
    return 1
  fi
  local failed tps
  failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$log")
  tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$log")
  if [ "${failed:-x}" != 0 ] || [ -z "$tps" ]; then
    echo "pgbench against port $port ($mode): failed transactions '${failed:-?}', tps '${tps:-?}':" >&2
    cat "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
  if [ "$t" -ge 6 ]; then
    python3 -c "print($tps, f'{($last - $first) / $(getconf CLK_TCK) / ($t - 4) / $tps * 1e6:.1f}')"
  else
    echo "$tps -"
  fi
}

echo "warming up ($warmup s per server and mode)" >&2
for mode in prepared simple; do
  bench "$EDDY_PORT" eddy "$mode" "$warmup" eddy >/dev/null || exit 1
  bench "$pg_port" postgres "$mode" "$warmup" pg >/dev/null || exit 1
done

echo "measuring, $runs run(s): pgbench -n -f bench/serving/point.sql -M <mode> -c $clients -j $threads" \
  "-T $seconds (pgbench on CPU $client_cpu, servers on CPU $server_cpu)" >&2
results=$(mktemp)
for run in $(seq "$runs"); do
  for mode in prepared simple; do
    out=$(bench "$EDDY_PORT" eddy "$mode" "$seconds" eddy) || exit 1
    read -r e_tps e_cpu <<<"$out"
    out=$(bench "$pg_port" postgres "$mode" "$seconds" pg) || exit 1
    read -r p_tps p_cpu <<<"$out"
    echo "$mode $e_tps $e_cpu $p_tps $p_cpu" >>"$results"
    echo "  run $run, $mode: Eddy $e_tps tps ($e_cpu us of server CPU per transaction)," \
      "PostgreSQL $p_tps tps ($p_cpu us)" >&2
  done
done

# The median of the runs, per mode and column.
echo
python3 - "$results" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
def med(values):
    values = [float(v) for v in values if v != "-"]
    return statistics.median(values) if values else None
def fmt(v, spec):
    return "-" if v is None else format(v, spec)
print("| server | mode | tps | server CPU per transaction (us) | Eddy / PostgreSQL (tps) |")
print("|---|---|---:|---:|---:|")
for mode in ("prepared", "simple"):
    r = [row[1:] for row in rows if row[0] == mode]
    e_tps, e_cpu = med(x[0] for x in r), med(x[1] for x in r)
    p_tps, p_cpu = med(x[2] for x in r), med(x[3] for x in r)
    print(f"| Eddy | {mode} | {e_tps:,.0f} | {fmt(e_cpu, '.1f')} | {e_tps / p_tps:.2f}x |")
    print(f"| PostgreSQL 15 | {mode} | {p_tps:,.0f} | {fmt(p_cpu, '.1f')} | |")
PY
rm -f "$results"
