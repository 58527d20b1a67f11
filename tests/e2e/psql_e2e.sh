#!/usr/bin/env bash
# End to end with the real psql (postgresql-client), non-interactively, the way a newcomer uses
# Eddy: plain and aligned output, multi-statement strings, \timing, \copy in and out, COPY TO
# STDOUT, cursors and transaction blocks, -f scripts that carry on after errors, and SQLSTATEs
# in verbose error messages. Outputs are compared as exact text.
#
#   tests/e2e/psql_e2e.sh /path/to/eddy
#
# Prints one "ok N - ..." / "not ok N - ..." line per check; exits non-zero if any failed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../support/eddy_process.sh
source "$here/../support/eddy_process.sh"
# shellcheck source=../support/checks.sh
source "$here/../support/checks.sh"

eddy=${1:?usage: psql_e2e.sh PATH_TO_EDDY}
eddy_start "$eddy"
work=$EDDY_TMP  # scratch files live beside the server's data and are removed with it


psql_() { psql -X -v ON_ERROR_STOP=0 -h 127.0.0.1 -p "$EDDY_PORT" -U eddy eddy "$@"; }

# run CMD...: stdout into OUT, stderr into ERR, exit status into RC; never stops the script.
run() {
  RC=0
  OUT=$("$@" 2>"$work/stderr") || RC=$?
  ERR=$(cat "$work/stderr")
}

# expect_rc NAME WANT: the last run's exit status.
expect_rc() {
  if [ "$RC" = "$2" ]; then
    report 1 "$1"
  else
    report 0 "$1" "exit status $RC, expected $2; stderr:
$ERR"
  fi
}

# --- connecting and basics ---------------------------------------------------------------
run psql_ -At -c 'SELECT 1'
expect "SELECT 1" "1" "$OUT"
expect_rc "SELECT 1 exits 0" 0

run psql_ -At -c 'SHOW server_version'
expect "SHOW server_version" "15.0" "$OUT"

run psql_ -At -c 'SELECT version()'
expect "version() starts with PostgreSQL 15.0 (Eddy" "PostgreSQL 15.0 (Eddy" "${OUT:0:21}"

run psql_ -At -c 'SHOW application_name'
expect "the startup packet's application_name is kept" "psql" "$OUT"

run psql_ -c "SELECT 1 AS one, 'x' AS letter"
expect "aligned output, numbers right-aligned by type" \
" one | letter 
-----+--------
   1 | x
(1 row)" "$OUT"

# --- a stream, a view, INSERT, a multi-statement string ----------------------------------
run psql_ -q -At -c "CREATE STREAM clicks (asset TEXT, cost BIGINT, ts TIMESTAMP);
  CREATE MATERIALIZED VIEW per_asset AS
    SELECT asset, count(*) AS clicks, sum(cost) AS spend FROM clicks GROUP BY asset;
  SELECT 'created'"
expect "a multi-statement string runs every statement" "created" "$OUT"
expect_rc "the multi-statement string exits 0" 0

run psql_ -c "INSERT INTO clicks VALUES ('a', 29, '2026-11-20 10:00:00'), ('a', 1, '2026-11-20 10:00:01'),
  ('b', 3, '2026-11-20 10:00:02')"
expect "INSERT reports its command tag" "INSERT 0 3" "$OUT"

poll "the view reaches the inserted counts" "a|2|30
b|1|3" psql_ -At -c 'SELECT asset, clicks, spend FROM per_asset ORDER BY asset'

run psql_ -At -c '\timing on' -c 'SELECT 42'
expect_line "\\timing on is acknowledged" "Timing is on." "$OUT"
expect_line "\\timing: the result" "42" "$OUT"
if grep -qE '^Time: [0-9]+\.[0-9]+ ms' <<<"$OUT"; then
  report 1 "\\timing prints Time: ... ms"
else
  report 0 "\\timing prints Time: ... ms" "$OUT"
fi

# --- \copy (COPY FROM STDIN) ----------------------------------------------------------------
printf 'a,5,2026-11-20 10:00:03\nc,7,2026-11-20 10:00:04\n' >"$work/more.csv"
run psql_ -c "\\copy clicks FROM '$work/more.csv' WITH (FORMAT csv)"
expect "\\copy reports COPY 2" "COPY 2" "$OUT"
poll "the view includes the copied rows" "a|3|35
b|1|3
c|1|7" psql_ -At -c 'SELECT asset, clicks, spend FROM per_asset ORDER BY asset'

# --- COPY TO STDOUT and \copy ... to a file ------------------------------------------------
run psql_ -c "\\copy (SELECT asset, clicks, spend FROM per_asset ORDER BY asset) TO '$work/out.csv' WITH (FORMAT csv, HEADER)"
expect "\\copy (SELECT ...) TO a file reports COPY 3" "COPY 3" "$OUT"
expect "\\copy wrote the csv with its header" "asset,clicks,spend
a,3,35
b,1,3
c,1,7" "$(cat "$work/out.csv")"
run psql_ -c "COPY (SELECT asset, spend FROM per_asset WHERE asset <> 'b' ORDER BY asset) TO STDOUT"
expect "COPY TO STDOUT prints the text format" "a	35
c	7" "$OUT"
run psql_ -c "\\copy per_asset (asset) TO '$work/assets.txt'"
expect "\\copy of a view's columns to a file" "a
b
c" "$(sort "$work/assets.txt")"

# --- transactions and cursors in one session -------------------------------------------------
run psql_ -At -c "BEGIN" -c "DECLARE c CURSOR FOR SELECT asset FROM per_asset ORDER BY asset" \
  -c "FETCH 2 FROM c" -c "FETCH NEXT FROM c" -c "CLOSE c" -c "COMMIT"
expect "DECLARE / FETCH / CLOSE in a block" "BEGIN
DECLARE CURSOR
a
b
c
CLOSE CURSOR
COMMIT" "$OUT"
run psql_ -At -v ON_ERROR_STOP=0 -c "BEGIN" -c "SELECT 1/0" -c "SELECT 1" -c "ROLLBACK" -c "SELECT 2"
expect_line "after ROLLBACK of a failed block the session works" "2" "$OUT"
expect_line "statements in a failed block are refused" \
  "ERROR:  current transaction is aborted, commands ignored until end of transaction block" "$ERR"

# --- errors carry their SQLSTATE and cost one statement, not the session -------------------
run psql_ -c '\set VERBOSITY verbose' -c 'CREATE STREM x (a INT)'
expect_rc "a syntax error exits 1" 1
expect_line "a syntax error is 42601" 'ERROR:  42601: syntax error at or near "STREM"' "$ERR"
expect_line "a syntax error shows its position" 'LINE 1: CREATE STREM x (a INT)' "$ERR"

run psql_ -c '\set VERBOSITY verbose' -c 'SELECT * FROM nope'
expect_line "an unknown relation is 42P01" 'ERROR:  42P01: relation "nope" does not exist' "$ERR"

cat >"$work/script.sql" <<'SQL'
\set VERBOSITY verbose
CREATE TABLE users (id BIGINT PRIMARY KEY, name TEXT);
INSERT INTO users VALUES (1, 'ada'), (2, NULL), (10, 'bob');
INSERT INTO users VALUES ('abc', 'x');
SELEC 2;
SELECT nope FROM users;
SELECT id, name FROM users ORDER BY id;
SQL
run psql_ -q -f "$work/script.sql"
expect_rc "-f with ON_ERROR_STOP=0 carries on and exits 0" 0
expect "-f: the last SELECT, aligned, NULL as empty" \
" id | name 
----+------
  1 | ada
  2 | 
 10 | bob
(3 rows)" "$OUT"
for want in 'ERROR:  22P02: invalid input syntax for type bigint: "abc"' \
            'ERROR:  42601: syntax error at or near "SELEC"' \
            'ERROR:  42703: column "nope" does not exist'; do
  if grep -qF -- "$want" <<<"$ERR"; then
    report 1 "-f reports $want"
  else
    report 0 "-f reports $want" "$ERR"
  fi
done

run psql_ -At -c 'SELECT count(*) FROM users'
expect "the server still answers" "3" "$OUT"

# --- who may connect ---------------------------------------------------------------------------
run psql -X -h 127.0.0.1 -p "$EDDY_PORT" -U mallory eddy -c 'SELECT 1'
expect_rc "an unknown role cannot connect" 2
if grep -qF 'role "mallory" does not exist' <<<"$ERR"; then report 1 "an unknown role is refused by name"; else report 0 "an unknown role is refused by name" "$ERR"; fi
run psql -X -h 127.0.0.1 -p "$EDDY_PORT" -U eddy nodb -c 'SELECT 1'
expect_rc "an unknown database cannot connect" 2
if grep -qF 'database "nodb" does not exist' <<<"$ERR"; then report 1 "an unknown database is refused by name"; else report 0 "an unknown database is refused by name" "$ERR"; fi
run psql -X -h 127.0.0.1 -p "$EDDY_PORT" -U eddy eddy -v VERBOSITY=verbose -c '\set VERBOSITY verbose' -c 'SELECT 1'
expect_rc "the server still accepts connections after refusing two" 0

# --- the README's one-minute tour, verbatim, with no waiting ---------------------------------
# The first ```sql block of README.md, in a fresh database of its own names: a view over rows
# just INSERTed must show them to the very next SELECT (read-your-writes), no polling.
readme=$(cd "$here/../.." && pwd)/README.md
awk '/^```sql$/ {on=1; next} on && /^```$/ {exit} on {print}' "$readme" | sed 's/clicks/tour_clicks/g' >"$work/tour.sql"
run psql_ -A -F '|' -f "$work/tour.sql"
expect_rc "the README tour runs" 0
expect_line "the README tour: window of asset a" "a|2026-11-20 10:00:00|2026-11-20 10:01:00|2|30" "$OUT"
expect_line "the README tour: window of asset b" "b|2026-11-20 10:01:00|2026-11-20 10:02:00|1|3" "$OUT"

# --- the end ---------------------------------------------------------------------------------
if ! checks_summary; then
  echo "server output (tail):"
  eddy_log_tail
  exit 1
fi
