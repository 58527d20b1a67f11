#!/usr/bin/env bash
# psql's describe meta-commands (\d, \dt, \dv, \dm, \dn, \l, \du, \di, \d NAME, \d+ NAME, patterns)
# against a fresh Eddy, compared as exact text with what psql prints against PostgreSQL 15 for
# the same schema. psql builds these listings with its own queries over pg_catalog, so this is
# the system catalog as psql sees it.
#
#   tests/e2e/psql_meta_e2e.sh /path/to/eddy
#   tests/e2e/psql_meta_e2e.sh --record-postgres
#
# The expected outputs are tests/e2e/expected/psql_meta/<name>.out: psql's stdout and stderr
# (`2>&1`) for one meta-command. They were produced by `--record-postgres`, which runs this same
# script against a throwaway PostgreSQL 15 (tests/slt/selftest/pg_as_eddy.sh: initdb --no-locale,
# superuser eddy, database eddy), where `clicks` is a plain table (CREATE/DROP TABLE instead of
# STREAM), and rewrites every <name>.out. Where Eddy rightly prints something else, its text is
# in <name>.eddy.out beside PostgreSQL's, which the test then compares with instead; the check
# says why (search for eddy_differs). Recording never touches the .eddy.out files.
#
# Meta-commands run alone, without -q (quiet hides "Did not find any relations."), with -X (no
# ~/.psqlrc) and the pager off. Prints one "ok N - ..." / "not ok N - ..." line per check;
# exits non-zero if any failed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../support/eddy_process.sh
source "$here/../support/eddy_process.sh"
# shellcheck source=../support/checks.sh
source "$here/../support/checks.sh"

expected=$here/expected/psql_meta
usage="usage: psql_meta_e2e.sh PATH_TO_EDDY | --record-postgres"
command -v psql >/dev/null || { echo "psql not found (apt-get install postgresql-client)" >&2; exit 1; }

if [ "${1:?$usage}" = --record-postgres ]; then
  record=1
  stream=TABLE  # PostgreSQL's equivalent of the stream
  eddy_start "$here/../slt/selftest/pg_as_eddy.sh"
else
  record=0
  stream=STREAM
  eddy_start "$1"
fi

psql_() { psql -X -P pager=off -h 127.0.0.1 -p "$EDDY_PORT" -U eddy eddy "$@"; }

# sql TAG STATEMENT: runs one statement; psql must print its command tag.
sql() {
  local out rc=0
  out=$(psql_ -c "$2" 2>&1) || rc=$?
  if [ "$rc" = 0 ] && [ "$out" = "$1" ]; then
    report 1 "$2"
  else
    report 0 "$2" "exit status $rc, output:
$out"
  fi
}

# meta NAME RC COMMAND: runs the meta-command COMMAND; its exit status must be RC and its output
# (stdout and stderr) the text of expected/NAME.eddy.out, else of expected/NAME.out. With
# --record-postgres it writes NAME.out instead (checking RC all the same).
meta() {
  local name=$1 want_rc=$2 cmd=$3 out rc=0
  out=$(psql_ -c "$cmd" 2>&1) || rc=$?
  if [ "$rc" != "$want_rc" ]; then
    report 0 "$cmd exits $want_rc" "exit status $rc, output:
$out"
  fi
  if [ "$record" = 1 ]; then
    printf '%s\n' "$out" >"$expected/$name.out"
    echo "recorded $name.out ($cmd)"
    return
  fi
  local file=$expected/$name.out
  [ -f "$expected/$name.eddy.out" ] && file=$expected/$name.eddy.out
  expect "$cmd (${file#"$here/"})" "$(cat "$file")" "$out"
}

# eddy_differs NAME: documents that expected/NAME.eddy.out is Eddy's text, not PostgreSQL's; the
# comment above each call says why. Fails when the file is missing.
eddy_differs() {
  [ "$record" = 1 ] || [ -f "$expected/$1.eddy.out" ] || report 0 "$expected/$1.eddy.out exists"
}

# --- the schema: a stream, a table with a primary key, a materialized view -------------------
sql "CREATE $stream" "CREATE $stream clicks (asset text, ts timestamp)"
sql "CREATE TABLE" "CREATE TABLE assets (id bigint PRIMARY KEY, name text NOT NULL)"
# PostgreSQL prints SELECT 0 (the view is populated from the empty table at once).
if [ "$record" = 1 ]; then view_tag="SELECT 0"; else view_tag="CREATE MATERIALIZED VIEW"; fi
sql "$view_tag" "CREATE MATERIALIZED VIEW per_asset AS SELECT asset, count(*) AS n FROM clicks GROUP BY asset"

# --- listings --------------------------------------------------------------------------------
meta d 0 '\d'                # the stream is a table, as every tool should see it
meta dt 0 '\dt'
meta dv 0 '\dv'              # "Did not find any relations." (stderr, exit status 0)
meta dm 0 '\dm'
meta di 0 '\di'              # the primary key's index assets_pkey
meta du 0 '\du'              # the bootstrap superuser has every attribute, as initdb's does
# PostgreSQL 15 lists only public, owned by pg_database_owner (the role standing for the
# database's owner). Eddy has no such role: the database and its schemas are owned by the
# bootstrap superuser; and it lists eddy_catalog (eddy_dead_letters), as psql lists any schema
# not named pg_*.
eddy_differs dn
meta dn 0 '\dn'
# PostgreSQL's cluster also holds postgres, template0 and template1, with the locale of its
# initdb (C here). Eddy serves the one database eddy, with C.UTF-8 (what initdb gives on Debian
# without a LANG, and Eddy's byte-wise text order).
eddy_differs l
meta l 0 '\l'

# --- one relation ------------------------------------------------------------------------------
meta d_assets 0 '\d assets'
meta d_per_asset 0 '\d per_asset'
meta d_clicks 0 '\d clicks'
meta dplus_assets 0 '\d+ assets'
meta dplus_clicks 0 '\d+ clicks'
# "View definition:" is pg_get_viewdef: PostgreSQL prints its deparsed query
# (" SELECT clicks.asset,\n    count(*) AS n\n   FROM clicks\n  GROUP BY clicks.asset;"), Eddy
# the query as it was written, in the same frame (" SELECT ...;").
eddy_differs dplus_per_asset
meta dplus_per_asset 0 '\d+ per_asset'
meta d_nosuch 1 '\d nosuch'  # 'Did not find any relation named "nosuch".', exit status 1
meta d_pattern 0 '\d ass*'   # the table and its primary key's index
meta dt_public 0 '\dt public.*'

if [ "$record" = 0 ]; then
  # Every schema's tables: PostgreSQL's system tables Eddy serves, Eddy's own, the user's.
  out=$(psql_ -c '\dt *.*' 2>&1)
  for want in eddy_catalog.eddy_dead_letters pg_catalog.pg_class pg_catalog.pg_type pg_catalog.pg_namespace \
              pg_catalog.pg_attribute public.assets public.clicks; do
    if grep -qE "^ ${want%%.*} +\| ${want#*.} +\| table +\| eddy\$" <<<"$out"; then
      report 1 "\\dt *.* lists $want"
    else
      report 0 "\\dt *.* lists $want" "$out"
    fi
  done
  if grep -qE '\| (per_asset|assets_pkey) ' <<<"$out"; then
    report 0 "\\dt *.* lists tables only" "$out"
  else
    report 1 "\\dt *.* lists tables only"
  fi
fi

# --- changes show at once ----------------------------------------------------------------------
sql "CREATE ROLE" "CREATE ROLE analyst WITH LOGIN PASSWORD 'a secret'"
sql "CREATE ROLE" "CREATE ROLE reader"
sql "CREATE ROLE" "CREATE ROLE boss SUPERUSER"
# PostgreSQL shows boss as "Superuser, Cannot login": it keeps CREATEROLE, CREATEDB, REPLICATION
# and BYPASSRLS apart, and CREATE ROLE ... SUPERUSER sets none of them. Eddy has no such
# separate attributes: a superuser holds them all and is shown so, like the bootstrap superuser.
eddy_differs du_created
meta du_created 0 '\du'
sql "DROP ROLE" "DROP ROLE reader"
sql "DROP ROLE" "DROP ROLE boss"
meta du_dropped 0 '\du'

sql "DROP MATERIALIZED VIEW" "DROP MATERIALIZED VIEW per_asset"
meta dm_dropped 0 '\dm'                    # "Did not find any relations."
meta d_per_asset_dropped 1 '\d per_asset'  # 'Did not find any relation named "per_asset".'
sql "DROP $stream" "DROP $stream clicks"
meta d_dropped 0 '\d'
sql "CREATE TABLE" "CREATE TABLE k2 (a int, b text, c int, PRIMARY KEY (a, b))"
meta d_k2 0 '\d k2'                        # a composite primary key
meta di_k2 0 '\di'
meta d_all 0 '\d'

# --- the end -----------------------------------------------------------------------------------
if ! checks_summary; then
  echo "server output (tail):"
  eddy_log_tail
  exit 1
fi
