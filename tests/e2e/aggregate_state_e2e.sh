#!/usr/bin/env bash
# The aggregates' per-group state across restarts: count/sum(DISTINCT x) (value -> occurrences),
# approx_count_distinct (a sparse and a dense HyperLogLog sketch), first_value/last_value in
# arrival order and by ORDER BY, string_agg/array_agg(... ORDER BY ...), min/max. A view is
# filled, the server is stopped (SIGTERM, then kill -9) and started on the same data directory:
# the view must read the same, and rows inserted afterwards must carry on from the restored state
# (a value seen before stays counted once, a row arriving after the restart is the last one).
#
#   tests/e2e/aggregate_state_e2e.sh /path/to/eddy
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../support/eddy_process.sh
source "$here/../support/eddy_process.sh"
# shellcheck source=../support/checks.sh
source "$here/../support/checks.sh"

eddy=${1:?usage: aggregate_state_e2e.sh PATH_TO_EDDY}
eddy_start "$eddy"
sql() { psql -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$EDDY_PORT" -U eddy eddy "$@"; }
# rows ('big', v, v, 'u<v>') for v in FROM..TO
big_rows() { seq "$1" "$2" | sed "s/.*/('big', &, &, 'u&')/" | paste -sd,; }

sql <<'SQL'
CREATE STREAM ev (k TEXT, v BIGINT, ts BIGINT, name TEXT);
CREATE MATERIALIZED VIEW agg AS
SELECT k, count(DISTINCT v) AS dv, sum(DISTINCT v) AS sv, approx_count_distinct(v) AS av,
       approx_count_distinct(name) AS an, first_value(name) AS fv, last_value(name) AS lv,
       first_value(name ORDER BY ts) AS fo, last_value(name ORDER BY ts DESC) AS lo,
       string_agg(name, ',' ORDER BY ts) AS names, array_agg(v ORDER BY ts DESC) AS vs,
       min(v) AS lo_v, max(v) AS hi_v
FROM ev GROUP BY k;
INSERT INTO ev VALUES ('a', 1, 50, 'n1'), ('a', 2, 40, 'n2'), ('a', 1, 60, 'n3');
SQL
sql -c "INSERT INTO ev VALUES $(big_rows 1 2000)"

row_a() { sql -c "SELECT dv, sv, av, an, fv, lv, fo, lo, names, vs, lo_v, hi_v FROM agg WHERE k = 'a'"; }
big_exact() { sql -c "SELECT dv, sv, abs(av - dv) * 100 < 3 * dv, abs(an - dv) * 100 < 3 * dv FROM agg WHERE k = 'big'"; }
everything() { sql -c "SELECT * FROM agg ORDER BY k"; }

poll "the view holds the first rows" "2|3|2|3|n1|n3|n2|n2|n2,n1,n3|{1,1,2}|1|2" row_a
poll "2000 distinct values: exact count, sketches within 3%" "2000|2001000|t|t" big_exact
before=$(everything)

eddy_restart
expect "after a clean restart the view reads the same" "$before" "$(everything)"

# after the restart: 2 is seen again (still once), 5 and n4, n5 are new; n5 arrives last
sql -c "INSERT INTO ev VALUES ('a', 2, 10, 'n4'), ('a', 5, 70, 'n5')"
sql -c "INSERT INTO ev VALUES $(big_rows 1 500), $(big_rows 2001 2100)"
poll "rows after the restart carry on from the restored state" "3|8|3|5|n1|n5|n4|n4|n4,n2,n1,n3,n5|{5,1,1,2,2}|1|5" row_a
poll "values seen before the restart stay counted once" "2100|2206050|t|t" big_exact
before=$(everything)

kill -KILL "$EDDY_PID"
wait "$EDDY_PID" 2>/dev/null || true
EDDY_PID=
eddy_restart
expect "after kill -9 the view reads the same" "$before" "$(everything)"
sql -c "INSERT INTO ev VALUES ('a', 5, 0, 'n6')"
poll "and goes on" "3|8|3|6|n1|n6|n6|n6|n6,n4,n2,n1,n3,n5|{5,1,1,2,2,5}|1|5" row_a

if ! checks_summary; then
  echo "server output (tail):"
  eddy_log_tail
  exit 1
fi
