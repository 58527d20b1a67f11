#!/usr/bin/env bash
# Crash safety end to end: 200,000 Redis stream entries over 1,000 assets are ingested while the
# server is killed with kill -9 at random moments (at least 5 times) and restarted on the same
# data directory. Afterwards every view, the per-window sums and every Redis hash must equal the
# exact results computed from the input: nothing lost, nothing counted twice. Then DDL and table
# rows must survive a clean stop (SIGTERM) and a kill -9.
#
#   tests/e2e/crash_e2e.sh /path/to/eddy [kills]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../support/eddy_process.sh
source "$here/../support/eddy_process.sh"
# shellcheck source=../support/checks.sh
source "$here/../support/checks.sh"
# shellcheck disable=SC2034  # read by poll() in checks.sh
POLL_SECONDS=120
eddy=${1:?usage: crash_e2e.sh PATH_TO_EDDY [kills]}
kills=${2:-6}

work=$(mktemp -d "${TMPDIR:-/tmp}/eddy-crash-XXXXXX")
data="$work/data"
mkdir -p "$data" "$work/redis"
REDIS_PORT=$(eddy_free_port)
EDDY_PORT=$(eddy_free_port)
REDIS_PID=
SERVER_PID=

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$work/redis" --appendonly yes --appendfsync always \
  --save '' >"$work/redis.log" 2>&1 &
REDIS_PID=$!
until [ "$(redis-cli -p "$REDIS_PORT" PING 2>/dev/null)" = PONG ]; do sleep 0.05; done

server_start() {
  "$eddy" server --host 127.0.0.1 --port "$EDDY_PORT" --data-dir "$data" \
    --redis-url "redis://127.0.0.1:$REDIS_PORT" >>"$work/server.log" 2>&1 </dev/null &
  SERVER_PID=$!
  for _ in $(seq 1 200); do
    pg_isready -q -h 127.0.0.1 -p "$EDDY_PORT" -U eddy -d eddy -t 1 && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server died at start:"; tail -20 "$work/server.log"; return 1; }
    sleep 0.05
  done
  echo "server did not come up"; tail -20 "$work/server.log"; return 1
}
server_kill() {  # kill -9, as a crash
  kill -KILL "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}
server_stop() {  # SIGTERM: a final epoch, then exit
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}
cleanup() {
  [ -n "$SERVER_PID" ] && server_kill
  redis-cli -p "$REDIS_PORT" SHUTDOWN NOSAVE >/dev/null 2>&1 || kill "$REDIS_PID" 2>/dev/null || true
  wait "$REDIS_PID" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
sql() { psql -X -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$EDDY_PORT" -U eddy eddy "$@"; }

# --- the input and the exact answers ---------------------------------------------------------------
python3 - "$work" <<'EOF'
import sys, random
work = sys.argv[1]
random.seed(4242)
n, chunks = 200_000, 10
base_ms = 1_795_000_000_000  # event time, ms; windows of one minute
counts, sums, windows = {}, {}, {}
def cmd(*args):
    out = [b"*%d\r\n" % len(args)]
    for a in args:
        a = a.encode(); out.append(b"$%d\r\n%s\r\n" % (len(a), a))
    return b"".join(out)
per = n // chunks
for c in range(chunks):
    with open("%s/chunk%02d.resp" % (work, c), "wb") as f:
        for i in range(c * per, (c + 1) * per):
            asset = "asset%04d" % random.randrange(1000)
            cost = random.randrange(1, 1000)
            ts = base_ms + i * 37
            f.write(cmd("XADD", "crash", "*", "asset", asset, "cost", str(cost), "ts", str(ts)))
            counts[asset] = counts.get(asset, 0) + 1
            sums[asset] = sums.get(asset, 0) + cost
            w = ts // 60000 * 60000
            windows[w] = windows.get(w, 0) + cost
with open(work + "/expected_assets.txt", "w") as f:
    for a in sorted(counts): f.write("%s|%d|%d\n" % (a, counts[a], sums[a]))
with open(work + "/expected_windows.txt", "w") as f:
    for w in sorted(windows): f.write("%d|%d\n" % (w // 1000, windows[w]))
with open(work + "/expected_total.txt", "w") as f:
    f.write("%d|%d\n" % (n, sum(sums.values())))
EOF

server_start
sql -c "CREATE STREAM events (asset TEXT, cost BIGINT, ts TIMESTAMP) USING redis
          OPTIONS (stream.keys 'crash', stream.offsets 'earliest', stream.read.batch.size '2000')" >/dev/null
sql -c "CREATE MATERIALIZED VIEW per_asset AS SELECT asset, count(*) AS n, sum(cost) AS s FROM events GROUP BY asset" >/dev/null
sql -c "CREATE MATERIALIZED VIEW per_minute AS SELECT window_start, sum(cost) AS s, count(*) AS n
          FROM events GROUP BY WINDOW(ts, '1 minute')" >/dev/null
sql -c "CREATE MATERIALIZED VIEW total AS SELECT count(*) AS n, sum(cost) AS s FROM events" >/dev/null
sql -c "CREATE TABLE asset_hashes USING redis OPTIONS (table 'crash_asset', key.column 'asset')
          AS SELECT asset, count(*) AS n, sum(cost) AS s FROM events GROUP BY asset" >/dev/null

# --- the load, with kill -9 at random moments -------------------------------------------------------
killed=0
for c in $(seq 0 9); do
  redis-cli -p "$REDIS_PORT" --pipe <"$(printf '%s/chunk%02d.resp' "$work" "$c")" >/dev/null &
  producer=$!
  if [ "$killed" -lt "$kills" ] && { [ $((c % 2)) -eq 0 ] || [ "$c" -eq 9 ]; }; then
    sleep "0.$((RANDOM % 9 + 1))"
    server_kill
    killed=$((killed + 1))
    sleep "0.$((RANDOM % 5))"
    server_start
  fi
  wait "$producer"
done
while [ "$killed" -lt "$kills" ]; do  # more crashes while the backlog drains
  sleep "0.$((RANDOM % 5 + 1))"
  server_kill
  killed=$((killed + 1))
  server_start
done
report "$([ "$killed" -ge 5 ] && echo 1 || echo 0)" "the server was killed with kill -9 $killed times during the load" ""

expected_total=$(cat "$work/expected_total.txt")
poll "the total equals the input: nothing lost, nothing twice" "$expected_total" sql -c "SELECT n, s FROM total"
# Each view is its own query, catching up on its own: poll each.
poll "every asset's count and sum are exact" "$(cat "$work/expected_assets.txt")" \
  sql -c 'SELECT asset, n, s FROM per_asset ORDER BY asset'
poll "every one-minute window's sum is exact" "$(cat "$work/expected_windows.txt")" \
  sql -c "SELECT extract(epoch FROM window_start)::bigint, s FROM per_minute ORDER BY window_start"
poll "the Redis table equals the input" "$(cat "$work/expected_assets.txt")" \
  sql -c 'SELECT asset, n, s FROM asset_hashes ORDER BY asset'
hashes=$(cut -d'|' -f1 "$work/expected_assets.txt" | while read -r a; do
  printf '%s|%s|%s\n' "$a" "$(redis-cli -p "$REDIS_PORT" HGET "crash_asset:$a" n)" "$(redis-cli -p "$REDIS_PORT" HGET "crash_asset:$a" s)"
done)
expect "every Redis hash crash_asset:<asset> equals the input" "$(cat "$work/expected_assets.txt")" "$hashes"

# --- restarts: DDL and table rows survive a clean stop and a kill -9 -----------------------------
sql -c "CREATE TABLE users (id BIGINT PRIMARY KEY, name TEXT)" -c "INSERT INTO users VALUES (1, 'ada'), (2, 'bob')" \
    -c "CREATE STREAM notes (body TEXT)" -c "INSERT INTO notes VALUES ('x'), ('y')" \
    -c "CREATE MATERIALIZED VIEW note_count AS SELECT count(*) AS n FROM notes" >/dev/null
catalog_before=$(sql -c "SHOW STREAMS" -c "SHOW TABLES" -c "SHOW MATERIALIZED VIEWS")
server_stop
server_start
expect "the catalog survives a clean stop" "$catalog_before" "$(sql -c "SHOW STREAMS" -c "SHOW TABLES" -c "SHOW MATERIALIZED VIEWS")"
expect "table rows survive a clean stop" "1|ada
2|bob" "$(sql -c 'SELECT id, name FROM users ORDER BY id')"
sql -c "INSERT INTO users VALUES (3, 'cy')" -c "INSERT INTO notes VALUES ('z')" -c "DROP MATERIALIZED VIEW per_minute" >/dev/null
server_kill
server_start
expect "table rows survive kill -9" "1|ada
2|bob
3|cy" "$(sql -c 'SELECT id, name FROM users ORDER BY id')"
poll "a view over a stream fed by INSERT survives kill -9" "3" sql -c "SELECT n FROM note_count"
out=$(sql -c "SELECT * FROM per_minute" 2>&1 || true)
if grep -q 'does not exist' <<<"$out"; then report 1 "a DROP survives kill -9"; else report 0 "a DROP survives kill -9" "$out"; fi
poll "the views still hold the exact totals" "$expected_total" sql -c 'SELECT n, s FROM total'
# --- a stream trimmed past the committed position while Eddy is down: the loss is reported -------
for i in $(seq 1 50); do echo "XADD trimmed * asset a cost $i"; done | redis-cli -p "$REDIS_PORT" >/dev/null
sql -c "CREATE STREAM t_stream (asset TEXT, cost BIGINT) USING redis OPTIONS (stream.keys 'trimmed', stream.offsets 'earliest')" \
    -c "CREATE MATERIALIZED VIEW t_count AS SELECT count(*) AS n FROM t_stream" >/dev/null
poll "the trimmed stream's first 50 entries are counted" "50" sql -c "SELECT n FROM t_count"
sleep 1.5  # the source learns the stream's add counter once it has caught up (checked every second)
server_stop
for i in $(seq 51 150); do echo "XADD trimmed * asset a cost $i"; done | redis-cli -p "$REDIS_PORT" >/dev/null
redis-cli -p "$REDIS_PORT" XTRIM trimmed MAXLEN 30 >/dev/null  # 70 unread entries are gone
server_start
poll "after the restart the 30 remaining entries are counted" "80" sql -c "SELECT n FROM t_count"
status=$(sql -c "SHOW QUERIES" | grep '|t_count|' | cut -d'|' -f4)
if grep -q "lost 70 entries" <<<"$status"; then report 1 "SHOW QUERIES reports the 70 entries lost to trimming" ""; else report 0 "SHOW QUERIES reports the loss" "$status"; fi
if grep -q "lost 70 entries of stream key trimmed" "$work/server.log"; then report 1 "and so does the log" ""; else report 0 "the log reports the loss" "$(tail -5 "$work/server.log")"; fi

out=$("$eddy" server --host 127.0.0.1 --port "$(eddy_free_port)" --data-dir "$data" 2>&1 && echo "started" || echo "exit $?")
if grep -q "in use by another Eddy process" <<<"$out" && grep -q "exit 1" <<<"$out"; then
  report 1 "a second server on the same data dir is refused with a clear message and exit 1"
else report 0 "a second server is refused" "$out"; fi

if ! checks_summary; then
  echo "server output (tail):"
  tail -30 "$work/server.log" | sed 's/^/  | /'
  exit 1
fi
