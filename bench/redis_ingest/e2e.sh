#!/usr/bin/env bash
# End-to-end Redis ingest: entries per second from a pre-filled Redis stream to an updated
# materialized view, through a real `eddy server`, beside a bare hiredis reader of a stream of the
# same shape on the same redis-server (eddy_bench_redis_ingest --redis ...).
#
#   bench/redis_ingest/e2e.sh [BUILD_DIR] [ENTRIES]      (defaults: build, 1000000)
#
# Eddy's figure: the time from CREATE MATERIALIZED VIEW until the epoch that counted the last of
# ENTRIES was committed, so it includes reading, decoding, aggregating and committing epochs
# (default interval).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$root/build}
entries=${2:-1000000}
# shellcheck source=../../tests/support/eddy_process.sh
source "$root/tests/support/eddy_process.sh"

rtmp=$(mktemp -d)
rport=$(eddy_free_port)
redis-server --port "$rport" --bind 127.0.0.1 --dir "$rtmp" --save '' --appendonly no >"$rtmp/log" 2>&1 &
rpid=$!
cleanup() { eddy_stop; kill "$rpid" 2>/dev/null || true; wait "$rpid" 2>/dev/null || true; rm -rf "$rtmp"; }
until [ "$(redis-cli -p "$rport" PING 2>/dev/null)" = PONG ]; do sleep 0.05; done

python3 - "$rtmp/load.resp" "$entries" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "wb") as f:
    for i in range(n):
        a = b"asset_%d" % (i % 1000)
        c = b"%d" % (1 + i % 100)
        f.write(b"*7\r\n$4\r\nXADD\r\n$6\r\nclicks\r\n$1\r\n*\r\n$5\r\nasset\r\n$%d\r\n%s\r\n$4\r\ncost\r\n$%d\r\n%s\r\n" % (len(a), a, len(c), c))
PY
redis-cli -p "$rport" --pipe <"$rtmp/load.resp" >/dev/null
echo "pre-filled: $(redis-cli -p "$rport" XLEN clicks) entries"

eddy_start "$build/eddy" --redis-url "redis://127.0.0.1:$rport"
trap cleanup EXIT
sql() { psql -X -At -h 127.0.0.1 -p "$EDDY_PORT" -U eddy eddy "$@"; }
sql -c "CREATE STREAM clicks (asset TEXT, cost BIGINT) USING redis OPTIONS (stream.keys 'clicks', stream.offsets 'earliest')" >/dev/null
start=$(date +%s.%N)
sql -c "CREATE MATERIALIZED VIEW per_asset AS SELECT asset, count(*) AS n, sum(cost) AS spend FROM clicks GROUP BY asset" >/dev/null
# Poll slowly (a psql process per poll costs CPU the server and Redis would otherwise use), then
# take the finishing time from the query's last commit, which covered the last entry.
while [ "$(sql -c 'SELECT sum(n) FROM per_asset')" != "$entries" ]; do sleep 0.25; done
last_commit=$(sql -c 'SHOW QUERIES' | cut -d'|' -f8)
end=$(date -d "$last_commit" +%s.%N)
cpu=$(awk '{print ($14 + $15) / 100}' "/proc/$EDDY_PID/stat")
python3 -c "
s, e, n, cpu = $start, $end, $entries, $cpu
print(f'eddy end to end: {n} entries in {e - s:.3f} s = {n / (e - s):,.0f} entries/s (server CPU {cpu:.2f} s)')"

"$build/bench/redis_ingest/eddy_bench_redis_ingest" --redis "127.0.0.1:$rport" --entries "$entries" --repeat 3 | tail -8
