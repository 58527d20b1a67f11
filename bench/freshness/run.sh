#!/usr/bin/env bash
# End-to-end freshness: time from XADD to visibility through a real redis-server and a real
# `eddy server` with the default checkpoint interval, at 10,000 and 100,000 events/s, for a
# SELECT poller and a SUBSCRIBE reader (eddy_bench_freshness; see README.md).
#
#   bench/freshness/run.sh [BUILD_DIR] [SECONDS] [RUNS]      (defaults: build, 10, 1)
#
# RATES="10000 100000" (the default) sets the rates; EDDY_ARGS adds server flags (none by
# default: the issue's figure is with the default checkpoint interval), e.g.
# EDDY_ARGS="--checkpoint-interval 1ms". The server's data directory is under $TMPDIR (/tmp if
# unset): TMPDIR=/dev/shm puts it on tmpfs, where fsync costs nothing. Each run of each rate
# gets its own Redis key, stream and view (`fresh_<rate>_<run>`), dropped afterwards. eddy
# runs on core 1, redis-server and the benchmark on core 0 (taskset), so the server under test
# has a core to itself. Prints each run's summary, then a markdown table of all of them. Exits
# non-zero when a run's checks failed (an event lost or counted twice, an observer that never
# caught up).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
seconds=${2:-10}
runs=${3:-1}
rates=${RATES:-10000 100000}
# shellcheck source=../../tests/support/eddy_process.sh
source "$root/tests/support/eddy_process.sh"

bench=$build/bench/freshness/eddy_bench_freshness
for f in "$build/eddy" "$bench"; do
  [ -x "$f" ] || { echo "missing $f: ninja -C $build eddy eddy_bench_freshness" >&2; exit 2; }
done

rtmp=$(mktemp -d)
rport=$(eddy_free_port)
taskset -c 0 redis-server --port "$rport" --bind 127.0.0.1 --dir "$rtmp" --save '' --appendonly no >"$rtmp/log" 2>&1 &
rpid=$!
cleanup() { eddy_stop; kill "$rpid" 2>/dev/null || true; wait "$rpid" 2>/dev/null || true; rm -rf "$rtmp"; }
trap cleanup EXIT
until [ "$(redis-cli -p "$rport" PING 2>/dev/null)" = PONG ]; do sleep 0.05; done

# eddy_start runs its first argument as the server binary; this wrapper pins it to core 1 (exec
# keeps the pid, so eddy_stop signals eddy itself; its threads inherit the affinity).
printf '#!/bin/sh\nexec taskset -c 1 "%s" "$@"\n' "$build/eddy" >"$rtmp/eddy-on-core1"
chmod +x "$rtmp/eddy-on-core1"
# shellcheck disable=SC2086 # EDDY_ARGS is a list of flags
eddy_start "$rtmp/eddy-on-core1" --redis-url "redis://127.0.0.1:$rport" ${EDDY_ARGS:-}
trap cleanup EXIT  # eddy_start installed its own
sql() { psql -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$EDDY_PORT" -U eddy eddy "$@"; }

echo "eddy $(git -C "$root" rev-parse --short HEAD) ($(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build/CMakeCache.txt")" \
  "build), $(nproc) cores: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
echo "eddy on core 1, redis-server $(redis-server --version | grep -o 'v=[^ ]*') and the benchmark on core 0;" \
  "server flags: ${EDDY_ARGS:-none (default checkpoint interval)}; data directory in ${TMPDIR:-/tmp};" \
  "$seconds s per run, first second not counted"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine shows up in the tails)"
table=()
status=0
for run in $(seq 1 "$runs"); do
  for rate in $rates; do
    name=fresh_${rate}_$run
    sql -c "CREATE STREAM ${name}_s (seq BIGINT, k BIGINT) USING redis OPTIONS (stream.keys '$name', stream.offsets 'earliest')"
    sql -c "CREATE MATERIALIZED VIEW $name AS SELECT max(seq) AS hi, count(*) AS n FROM ${name}_s"
    echo
    echo "run $run, $rate events/s:"
    out=$(taskset -c 0 "$bench" --redis "127.0.0.1:$rport" --pg "host=127.0.0.1 port=$EDDY_PORT user=eddy dbname=eddy" \
      --key "$name" --view "$name" --rate "$rate" --seconds "$seconds" --label "$run") || status=1
    grep -v '^|' <<<"$out" || true
    while IFS= read -r line; do table+=("$line"); done < <(grep '^|' <<<"$out" || true)
    sql -c "DROP MATERIALIZED VIEW $name" -c "DROP STREAM ${name}_s"
    redis-cli -p "$rport" DEL "$name" >/dev/null
  done
done

echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| run | events/s target | achieved | observed by | events measured | p50 ms | p99 ms | p99.9 ms | max ms |"
echo "|---|---:|---:|---|---:|---:|---:|---:|---:|"
printf '%s\n' "${table[@]}"
exit "$status"
