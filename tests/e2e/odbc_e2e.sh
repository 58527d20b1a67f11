#!/usr/bin/env bash
# End to end with ODBC: psqlODBC (Debian's odbc-postgresql, driver "PostgreSQL Unicode") under
# unixODBC, driven by its isql, the way ODBC tools (Excel, Power BI, Tableau, pyodbc) reach Eddy.
# psqlODBC prepares every statement under a server-side name (Parse "_PLAN0x..."), frees it with
# DEALLOCATE, and answers SQLTables / SQLColumns with its own pg_catalog queries. Outputs are
# compared as exact text: the expected texts are what the same isql commands print against
# PostgreSQL 15 with the same schema (`clicks` a table there); run the script with
# tests/slt/selftest/pg_as_eddy.sh in place of eddy to check them there.
#
#   tests/e2e/odbc_e2e.sh /path/to/eddy
#
# The DSN lives in the test's temp dir (ODBCSYSINI, ODBCINI), nothing in /etc is changed.
# Prints one "ok N - ..." / "not ok N - ..." line per check; exits non-zero if any failed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../support/eddy_process.sh
source "$here/../support/eddy_process.sh"
# shellcheck source=../support/checks.sh
source "$here/../support/checks.sh"

eddy=${1:?usage: odbc_e2e.sh PATH_TO_EDDY}
command -v isql >/dev/null || { echo "isql not found (apt-get install unixodbc)" >&2; exit 1; }
# The driver as the system registers it (/etc/odbcinst.ini, from odbc-postgresql).
driver=$(odbcinst -q -d -n "PostgreSQL Unicode" 2>/dev/null | sed -n 's/^Driver=//p')
[ -n "$driver" ] || { echo 'ODBC driver "PostgreSQL Unicode" not registered (apt-get install odbc-postgresql)' >&2; exit 1; }

postgres=0
[ "$(basename "$eddy")" != pg_as_eddy.sh ] || postgres=1
export EDDY_MEMORY_LIMIT_MB=${EDDY_MEMORY_LIMIT_MB:-2048}  # catalog queries are joins of many tables
eddy_start "$eddy"
work=$EDDY_TMP

# The driver again, without the system entry's CommLog (a log file per connection in /tmp).
export ODBCSYSINI=$work ODBCINI=$work/odbc.ini
cat >"$work/odbcinst.ini" <<INI
[PostgreSQL Unicode]
Driver = $driver
Debug = 0
CommLog = 0
INI
cat >"$work/odbc.ini" <<INI
[eddy]
Driver = PostgreSQL Unicode
Servername = 127.0.0.1
Port = $EDDY_PORT
Database = eddy
Username = eddy
INI

# isql_ [OPTION...] -- LINE...: one connection running LINE after LINE (each one statement or an
# isql command); stdout and stderr together, then "exit N".
isql_() {
  local opts=()
  while [ "$1" != -- ]; do opts+=("$1"); shift; done
  shift
  local rc=0 out
  out=$(printf '%s\n' "$@" | isql -v -b "${opts[@]}" eddy 2>&1) || rc=$?
  printf '%s\nexit %s\n' "$out" "$rc"
}
# csv LINE...: with -d, -c: comma-separated, the column names first.
csv() { isql_ -d, -c -- "$@"; }

# --- the schema, through ODBC --------------------------------------------------------------
# A command without rows has no row count (-1). PostgreSQL's CREATE MATERIALIZED VIEW reports
# the rows it stored (SELECT 0); Eddy's view is filled as rows arrive, its tag has no count.
if [ "$postgres" = 1 ]; then stream=TABLE view_count=0; else stream=STREAM view_count=-1; fi
expect "CREATE $stream" "SQLRowCount returns -1
exit 0" "$(isql_ -- "CREATE $stream clicks (asset text, ts timestamp)")"
expect "CREATE TABLE" "SQLRowCount returns -1
exit 0" "$(isql_ -- "CREATE TABLE assets (id bigint PRIMARY KEY, name text NOT NULL)")"
expect "CREATE MATERIALIZED VIEW" "SQLRowCount returns $view_count
exit 0" "$(isql_ -- "CREATE MATERIALIZED VIEW per_asset AS SELECT asset, count(*) AS n FROM clicks GROUP BY asset")"

# --- statements without parameters ------------------------------------------------------------
expect "INSERT: SQLRowCount" "SQLRowCount returns 3
exit 0" "$(isql_ -- "INSERT INTO assets VALUES (1, 'one'), (2, 'two'), (10, 'ten')")"
expect "INSERT into the stream" "SQLRowCount returns 3
exit 0" "$(isql_ -- "INSERT INTO clicks VALUES ('a', '2026-11-20 10:00:00'), ('b', '2026-11-20 10:00:01'), ('a', '2026-11-20 10:00:02')")"

expect "SELECT from a table" "id,name
1,one
2,two
10,ten
exit 0" "$(csv "SELECT id, name FROM assets ORDER BY id")"
# PostgreSQL's view needs a REFRESH; Eddy's is up to date when the INSERT returns.
[ "$postgres" = 0 ] || isql_ -- "REFRESH MATERIALIZED VIEW per_asset" >/dev/null
expect "SELECT from the materialized view" "asset,n
a,2
b,1
exit 0" "$(csv "SELECT asset, n FROM per_asset ORDER BY asset")"
# Values of every kind as psqlODBC converts them to text (booleans as 1/0, NULL as nothing).
expect "values of each type" "i,t,n,b,z,ts,d,f,big
1,x,2.5,1,,2026-11-20 10:00:00,2026-11-20,1.5,42
exit 0" "$(csv "SELECT 1 AS i, 'x' AS t, 2.5::numeric AS n, true AS b, NULL AS z, TIMESTAMP '2026-11-20 10:00:00' AS ts, DATE '2026-11-20' AS d, 1.5::float8 AS f, 42::bigint AS big")"
expect "more types" 's,r,v,tz,iv,j,n,f
1,2.5,ab,2026-11-20 10:00:00.5,1 day 02:03:04,{"a": [1, 2]},12.345,0
exit 0' "$(csv "SELECT 1::smallint AS s, 2.5::real AS r, 'ab'::varchar(10) AS v, TIMESTAMPTZ '2026-11-20 10:00:00.5+00' AS tz, INTERVAL '1 day 02:03:04' AS iv, '{\"a\": [1, 2]}'::jsonb AS j, 12.345::numeric(10,3) AS n, false AS f")"

# One connection, several statements: psqlODBC names each statement after its handle's address,
# which the next handle often reuses, so the name is free again only once its DEALLOCATE ran.
# (With -c isql prints no row counts.)
expect "several statements on one connection (DEALLOCATE between them)" "n
4
n
4
exit 0" "$(isql_ -d, -c -- "INSERT INTO assets VALUES (20, 'twenty')" "SELECT count(*) AS n FROM assets" "SELECT count(*) AS n FROM assets")"

# --- errors: SQLSTATE and message, then the connection goes on --------------------------------
expect "an unknown table: 42P01" '[42P01]ERROR: relation "nope" does not exist;
Error while preparing parameters
[ISQL]ERROR: Could not SQLExecute
exit 0' "$(csv "SELECT * FROM nope")"
expect "a duplicate key: 23505 with its DETAIL" '[23505]ERROR: duplicate key value violates unique constraint "assets_pkey"
DETAIL: Key (id)=(1) already exists.;
Error while executing the query
[ISQL]ERROR: Could not SQLExecute
exit 0' "$(csv "INSERT INTO assets VALUES (1, 'again')")"
expect "a syntax error: 42601" '[42601]ERROR: syntax error at or near "SELEC";
Error while preparing parameters
[ISQL]ERROR: Could not SQLExecute
exit 0' "$(csv "SELEC 1")"

# --- catalog functions: help is SQLTables, help TABLE is SQLColumns -----------------------------
# The stream is a TABLE, the materialized view a MATVIEW; Eddy also has eddy_catalog's table and view.
dead_letters=$([ "$postgres" = 1 ] || printf 'eddy,eddy_catalog,eddy_dead_letters,TABLE,\neddy,eddy_catalog,eddy_queries,VIEW,')
expect "help (SQLTables)" "TABLE_QUALIFIER,TABLE_OWNER,TABLE_NAME,TABLE_TYPE,REMARKS
${dead_letters:+$dead_letters
}eddy,public,assets,TABLE,
eddy,public,clicks,TABLE,
eddy,public,per_asset,MATVIEW,
exit 0" "$(csv help)"
# Without field 23, TABLE OID (the relation's OID: PostgreSQL's differ).
no_oid() { cut -d, -f1-22,24-; }
expect "help assets (SQLColumns)" "TABLE_QUALIFIER,TABLE_OWNER,TABLE_NAME,COLUMN_NAME,DATA_TYPE,TYPE_NAME,PRECISION,LENGTH,SCALE,RADIX,NULLABLE,REMARKS,COLUMN_DEF,SQL_DATA_TYPE,SQL_DATETIME_SUB,CHAR_OCTET_LENGTH,ORDINAL_POSITION,IS_NULLABLE,DISPLAY_SIZE,FIELD_TYPE,AUTO_INCREMENT,PHYSICAL NUMBER,BASE TYPEID,TYPMOD,TABLE INFO
eddy,public,assets,id,-5,int8,19,8,0,10,0,,,-5,,-1,1,,20,20,0,1,0,-1,0
eddy,public,assets,name,-1,text,8190,8190,,,0,,,-1,,32760,2,,8190,25,0,2,0,-1,0
exit 0" "$(csv "help assets" | no_oid)"
expect "help clicks (SQLColumns of the stream)" "TABLE_QUALIFIER,TABLE_OWNER,TABLE_NAME,COLUMN_NAME,DATA_TYPE,TYPE_NAME,PRECISION,LENGTH,SCALE,RADIX,NULLABLE,REMARKS,COLUMN_DEF,SQL_DATA_TYPE,SQL_DATETIME_SUB,CHAR_OCTET_LENGTH,ORDINAL_POSITION,IS_NULLABLE,DISPLAY_SIZE,FIELD_TYPE,AUTO_INCREMENT,PHYSICAL NUMBER,BASE TYPEID,TYPMOD,TABLE INFO
eddy,public,clicks,asset,-1,text,8190,8190,,,1,,,-1,,32760,1,,8190,25,0,1,0,-1,0
eddy,public,clicks,ts,11,timestamp,26,16,6,,1,,,11,,-1,2,,26,1114,0,2,0,-1,0
exit 0" "$(csv "help clicks" | no_oid)"

# --- the end -----------------------------------------------------------------------------------
if ! checks_summary; then
  echo "server output (tail):"
  eddy_log_tail
  exit 1
fi
