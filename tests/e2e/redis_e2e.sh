#!/usr/bin/env bash
# End to end with a real redis-server: the seed article's click-count scenario verbatim, a bulk
# load with bad entries mixed in whose results must be exact, and a Redis restart mid-stream.
# Writes with redis-cli, reads with redis-cli and psql.
#
#   tests/e2e/redis_e2e.sh /path/to/eddy
#
# Prints one "ok N - ..." / "not ok N - ..." line per check; exits non-zero if any failed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../support/eddy_process.sh
source "$here/../support/eddy_process.sh"
# shellcheck source=../support/checks.sh
source "$here/../support/checks.sh"

eddy=${1:?usage: redis_e2e.sh PATH_TO_EDDY}

# --- a redis-server of our own, on a free port, with its data in a temp dir --------------------
REDIS_TMP=$(mktemp -d "${TMPDIR:-/tmp}/eddy-redis-XXXXXX")
REDIS_PORT=$(eddy_free_port)
REDIS_PID=
redis_start() {
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$REDIS_TMP" --appendonly yes --save '' \
    --daemonize no >>"$REDIS_TMP/redis.log" 2>&1 &
  REDIS_PID=$!
  for _ in $(seq 1 400); do
    # PONG only once the dataset is loaded (before that PING answers LOADING)
    [ "$(redis-cli -p "$REDIS_PORT" PING 2>/dev/null)" = PONG ] && return 0
    sleep 0.05
  done
  echo "redis-server did not start" >&2
  cat "$REDIS_TMP/redis.log" >&2
  return 1
}
redis_stop() {
  if [ -n "$REDIS_PID" ]; then
    redis-cli -p "$REDIS_PORT" SHUTDOWN NOSAVE >/dev/null 2>&1 || kill "$REDIS_PID" 2>/dev/null || true
    wait "$REDIS_PID" 2>/dev/null || true
    REDIS_PID=
  fi
}
cleanup() {
  eddy_stop
  redis_stop
  rm -rf "$REDIS_TMP"
}
redis_start
eddy_start "$eddy" --redis-url "redis://127.0.0.1:$REDIS_PORT" --checkpoint-interval 50ms
trap cleanup EXIT

sql() { psql -X -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$EDDY_PORT" -U eddy eddy "$@"; }
rcli() { redis-cli -p "$REDIS_PORT" "$@"; }

# --- 1. the seed's scenario ----------------------------------------------------------------------
rcli XADD clicks '*' asset test cost 29 >/dev/null
sql -c "CREATE STREAM click_stream (asset TEXT, cost BIGINT) USING redis
          OPTIONS (stream.keys 'clicks', stream.offsets 'earliest')" >/dev/null
sql -c "CREATE TABLE clicks_by_asset USING redis OPTIONS (table 'click', key.column 'asset', ttl '300')
          AS SELECT asset, count(*) AS count FROM click_stream GROUP BY asset" >/dev/null
# The seed's own statement, verbatim: the server's default Redis is set.
sql -c "CREATE TABLE IF NOT EXISTS clicks(asset STRING, count INT) USING org.apache.spark.sql.redis OPTIONS (table 'click')" >/dev/null
poll "the hash click:test holds asset and count" "asset
test
count
1" rcli HGETALL click:test
ttl=$(rcli TTL click:test)
if [ "$ttl" -gt 0 ] && [ "$ttl" -le 300 ]; then report 1 "click:test has a TTL of at most 300 s"; else report 0 "click:test has a TTL" "TTL=$ttl"; fi
expect "the seed's SQL query reads the hashes" "test|1" "$(sql -c 'select asset, count from clicks order by count desc')"
rcli XADD clicks '*' asset test cost 3 >/dev/null
poll "a second click updates the count in place" "test|2" sql -c 'select asset, count from clicks order by count desc'

# --- 2. an unreachable Redis at CREATE time -----------------------------------------------------
dead_port=$(eddy_free_port)
out=$(sql -c "CREATE STREAM nowhere (a TEXT) USING redis OPTIONS (host '127.0.0.1', port '$dead_port', stream.keys 'x')" 2>&1 || true)
if grep -q "127.0.0.1:$dead_port" <<<"$out"; then report 1 "an unreachable Redis is named by host and port"; else report 0 "an unreachable Redis is named" "$out"; fi
out=$(sql -c "DESCRIBE nowhere" 2>&1 || true)
if grep -q 'does not exist' <<<"$out"; then report 1 "the failed stream does not exist"; else report 0 "the failed stream does not exist" "$out"; fi

# --- 3. 100,000 entries over 1,000 assets, with bad entries mixed in ---------------------------
# A deterministic load in Redis protocol for redis-cli --pipe, and the exact expected results.
python3 - "$REDIS_TMP" <<'EOF'
import sys, random
out = sys.argv[1]
random.seed(20261121)
counts, sums = {}, {}
bad = 0
def cmd(*args):
    parts = [b"*%d\r\n" % len(args)]
    for a in args:
        a = a.encode()
        parts.append(b"$%d\r\n%s\r\n" % (len(a), a))
    return b"".join(parts)
with open(out + "/load.resp", "wb") as f:
    for i in range(100_000):
        asset = "asset%04d" % random.randrange(1000)
        cost = random.randrange(1, 100)
        f.write(cmd("XADD", "bulk", "*", "asset", asset, "cost", str(cost)))
        counts[asset] = counts.get(asset, 0) + 1
        sums[asset] = sums.get(asset, 0) + cost
        if i % 997 == 0:  # a bad entry: cost is not a number
            f.write(cmd("XADD", "bulk", "*", "asset", asset, "cost", "abc"))
            bad += 1
with open(out + "/expected.txt", "w") as f:
    for a in sorted(counts):
        f.write("%s|%d|%d\n" % (a, counts[a], sums[a]))
with open(out + "/bad.txt", "w") as f:
    f.write(str(bad))
EOF
sql -c "CREATE STREAM bulk_stream (asset TEXT, cost BIGINT) USING redis OPTIONS (stream.keys 'bulk', stream.offsets 'earliest')" >/dev/null
sql -c "CREATE TABLE bulk_by_asset USING redis OPTIONS (table 'bulk', key.column 'asset')
          AS SELECT asset, count(*) AS n, sum(cost) AS spend FROM bulk_stream GROUP BY asset" >/dev/null
sql -c "CREATE MATERIALIZED VIEW bulk_view AS SELECT asset, count(*) AS n, sum(cost) AS spend FROM bulk_stream GROUP BY asset" >/dev/null
redis-cli -p "$REDIS_PORT" --pipe <"$REDIS_TMP/load.resp" >/dev/null
expected=$(cat "$REDIS_TMP/expected.txt")
bad=$(cat "$REDIS_TMP/bad.txt")
poll "the view equals the exact counts and sums" "$expected" sql -c "SELECT asset, n, spend FROM bulk_view ORDER BY asset"
poll "the Redis table (SQL) equals them too" "$expected" sql -c "SELECT asset, n, spend FROM bulk_by_asset ORDER BY asset"
hashes=$(for a in $(cut -d'|' -f1 <<<"$expected" | head -n 1000); do
  printf '%s|%s|%s\n' "$a" "$(rcli HGET "bulk:$a" n)" "$(rcli HGET "bulk:$a" spend)"
done)
expect "every hash bulk:<asset> equals them" "$expected" "$hashes"
poll "every bad entry is dead-lettered, once per query reading it" "$bad
$bad" sql -c "SELECT count(*) FROM eddy_dead_letters WHERE query_id = 2" -c "SELECT count(*) FROM eddy_dead_letters WHERE query_id = 3"
one=$(sql -c "SELECT stream_key, payload LIKE '%abc%', error LIKE '22P02%' FROM eddy_dead_letters WHERE source = 'bulk_stream' LIMIT 1")
expect "a dead letter names its key, keeps its raw fields and its error" "bulk|t|t" "$one"
groups=$(rcli XINFO GROUPS bulk | awk 'prev == "name" {print} {prev = $0}' | sort | tr '\n' ' ')
expect "each query reads through a consumer group of its own" "eddy:q2 eddy:q3 " "$groups"
pending=$(for g in $groups; do rcli XPENDING bulk "$g" | head -n 1; done | tr '\n' ' ')
expect "entries are acknowledged after their epoch commits" "0 0 " "$pending"

# --- 4. a Redis-backed table written with INSERT and read with SELECT ------------------------
sql -c "CREATE TABLE people (id BIGINT PRIMARY KEY, name TEXT) USING redis OPTIONS (table 'person', ttl '60')" >/dev/null
expect "INSERT reports its rows" "INSERT 0 2" "$(psql -X -h 127.0.0.1 -p "$EDDY_PORT" -U eddy eddy -c "INSERT INTO people VALUES (1, 'ada'), (2, NULL)")"
expect "INSERT writes the hash person:1" "id
1
name
ada" "$(rcli HGETALL person:1)"
expect "a NULL is a field left out" "id
2" "$(rcli HGETALL person:2)"
expect "SELECT reads the hashes back, spark-redis style" "1|ada
2|" "$(sql -c 'SELECT id, name FROM people ORDER BY id')"
rcli HSET person:3 id 3 name bob >/dev/null
expect "hashes written by others are rows too" "3|bob" "$(sql -c "SELECT id, name FROM people WHERE name = 'bob'")"

# --- 5. Redis restarts mid-stream: nothing lost ---------------------------------------------------
sql -c "CREATE STREAM r_stream (asset TEXT, cost BIGINT) USING redis OPTIONS (stream.keys 'restart', stream.offsets 'earliest')" >/dev/null
sql -c "CREATE MATERIALIZED VIEW r_view AS SELECT count(*) AS n, sum(cost) AS s FROM r_stream" >/dev/null
for i in $(seq 1 500); do echo "XADD restart * asset a$((i % 7)) cost $i"; done | rcli >/dev/null
poll "the first half arrives" "500|125250" sql -c "SELECT n, s FROM r_view"
redis_stop
sleep 0.5
status=$(sql -c "SELECT 1" ; sql -c "SHOW QUERIES" | grep r_view | cut -d'|' -f4)
if grep -q "retrying" <<<"$status"; then report 1 "SHOW QUERIES says the query is retrying"; else report 0 "SHOW QUERIES says retrying" "$status"; fi
expect "the server stays up while Redis is away" "1" "$(sql -c 'SELECT 1')"
redis_start
for i in $(seq 501 1000); do echo "XADD restart * asset a$((i % 7)) cost $i"; done | rcli >/dev/null
poll "after the restart every entry is counted once" "1000|500500" sql -c "SELECT n, s FROM r_view"
poll "and the query is running again" "running" sh -c "psql -X -At -h 127.0.0.1 -p $EDDY_PORT -U eddy eddy -c 'SHOW QUERIES' | grep r_view | cut -d'|' -f4"

if ! checks_summary; then
  echo "server output (tail):"
  eddy_log_tail
  exit 1
fi
