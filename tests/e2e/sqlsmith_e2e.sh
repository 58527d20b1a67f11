#!/usr/bin/env bash
# Random SQL from Eddy's own catalog: sqlsmith (Debian package) reads pg_catalog (types,
# tables, columns, operators, functions, aggregates) exactly as it would from PostgreSQL and
# generates queries over the system tables and Eddy's relations: deep joins, correlated
# subqueries, CASE, casts, every function it found. Most fail with a clear error (sqlsmith
# probes what is unsupported); what must hold is that the server never crashes, never answers
# with an internal error (XX000), and still serves every other session afterwards.
#
#   tests/e2e/sqlsmith_e2e.sh /path/to/eddy
#
# EDDY_SQLSMITH_QUERIES (default 10000: under a minute in a Release build) and EDDY_SQLSMITH_SEED (default 20261121) set the run;
# a failure prints the seed, so the same queries can be replayed with --dump-all-queries.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../support/eddy_process.sh
source "$here/../support/eddy_process.sh"
# shellcheck source=../support/checks.sh
source "$here/../support/checks.sh"

eddy=${1:?usage: sqlsmith_e2e.sh PATH_TO_EDDY}
command -v sqlsmith >/dev/null || { echo "sqlsmith is not installed (scripts/setup installs it)" >&2; exit 1; }
queries=${EDDY_SQLSMITH_QUERIES:-10000}
seed=${EDDY_SQLSMITH_SEED:-20261121}

eddy_start "$eddy"
work=$EDDY_TMP
psql_() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$EDDY_PORT" -U eddy eddy "$@"; }

# A stream with rows, a keyed table and a view over the stream, so that random queries meet
# data of every kind, not only the catalogs.
psql_ <<'SQL'
CREATE STREAM clicks (asset TEXT, user_id BIGINT, price DOUBLE PRECISION, ts TIMESTAMP);
CREATE TABLE assets (id BIGINT PRIMARY KEY, name TEXT NOT NULL, listed DATE, tags JSONB);
CREATE MATERIALIZED VIEW per_asset AS SELECT asset, count(*) AS n, sum(price) AS total FROM clicks GROUP BY asset;
INSERT INTO clicks VALUES ('a', 1, 1.5, '2026-11-20 10:00:00'), ('b', 2, NULL, '2026-11-20 10:00:01'),
                          ('a', 3, 2.25, '2026-11-20 10:00:02'), (NULL, NULL, 0, NULL);
INSERT INTO assets VALUES (1, 'a', '2026-01-01', '{"k": 1}'), (2, 'b', NULL, NULL);
SQL

status=0
timeout 900 sqlsmith --target="host=127.0.0.1 port=$EDDY_PORT user=eddy dbname=eddy" \
  --max-queries="$queries" --seed="$seed" --verbose >"$work/sqlsmith.out" 2>&1 || status=$?
report "$([ "$status" = 0 ] && echo 1 || echo 0)" "sqlsmith ran $queries queries (seed $seed) to the end" \
  "exit status $status; its output (tail):
$(tail -n 20 "$work/sqlsmith.out")"

alive=0
kill -0 "$EDDY_PID" 2>/dev/null && alive=1
report "$alive" "the server is still running"

internal=$(grep -E '^[0-9]+[[:space:]]+ERROR: +internal error' "$work/sqlsmith.out" || true)
report "$([ -z "$internal" ] && echo 1 || echo 0)" "no query ended in an internal error (XX000)" "$internal"

# sqlsmith's own INSERTs may have added rows: the view must still equal the batch query.
VIEW=$(psql_ -At -c "SELECT asset, n FROM per_asset ORDER BY asset NULLS LAST" 2>&1 || true)
BATCH=$(psql_ -At -c "SELECT asset, count(*) FROM clicks GROUP BY asset ORDER BY asset NULLS LAST" 2>&1 || true)
expect "the view still equals the batch query over its stream" "$BATCH" "$VIEW"
expect "a new session is served" "1" "$(psql_ -At -c 'SELECT 1' 2>&1 || true)"

if ! checks_summary; then
  echo "server output (tail):"
  eddy_log_tail
  exit 1
fi
