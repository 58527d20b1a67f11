#!/usr/bin/env bash
# End to end: roles, password authentication, TLS, cancel, statement_timeout and connection
# limits, with the real psql (postgresql-client) and, where psql hides the protocol (auth request
# codes, SQLSTATEs of connection errors, silent closes), tests/e2e/pg_wire.py.
#
#   tests/e2e/auth_e2e.sh /path/to/eddy
#
# Prints one "ok N - ..." / "not ok N - ..." line per check; exits non-zero if any failed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../support/eddy_process.sh
source "$here/../support/eddy_process.sh"
# shellcheck source=../support/checks.sh
source "$here/../support/checks.sh"

eddy=${1:?usage: auth_e2e.sh PATH_TO_EDDY}
wire() { /usr/bin/python3 "$here/pg_wire.py" "$@"; }

# Nothing from the caller's environment may answer a password prompt or pick TLS for us.
unset PGPASSWORD PGSSLMODE PGUSER PGDATABASE PGHOST PGPORT PGOPTIONS
# Certificates and password files outlive the servers of this script.
files=$(mktemp -d "${TMPDIR:-/tmp}/eddy-auth-XXXXXX")
export PGPASSFILE=$files/no-pgpass PGCONNECT_TIMEOUT=10
cleanup() {
  eddy_stop
  rm -rf "$files"
}
start() {
  eddy_start "$eddy" "$@"
  trap cleanup EXIT
}

printf 'superpass\n' >"$files/superuser_password"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
  -keyout "$files/server.key" -out "$files/server.crt" 2>/dev/null
chmod 600 "$files/server.key"

# run CMD...: stdout into OUT, stderr into ERR, exit status into RC; never stops the script.
run() {
  RC=0
  OUT=$("$@" 2>"$files/stderr") || RC=$?
  ERR=$(cat "$files/stderr")
}

# as USER PASSWORD [psql args...]: one psql session (never prompts), verbose errors.
as() {
  local user=$1 password=$2
  shift 2
  PGPASSWORD=$password psql -X -w -At -v VERBOSITY=verbose "host=127.0.0.1 port=$EDDY_PORT user=$user dbname=eddy" "$@"
}

# --- SCRAM-SHA-256 -----------------------------------------------------------------------------
start --auth scram-sha-256 --superuser-password-file "$files/superuser_password"

run as eddy superpass -c 'SELECT 1'
expect "the superuser logs in with the password from --superuser-password-file" "1" "$OUT"
run as eddy wrong -c 'SELECT 1'
expect "a wrong superuser password is refused" \
  "psql: error: connection to server at \"127.0.0.1\", port $EDDY_PORT failed: FATAL:  password authentication failed for user \"eddy\"" \
  "$ERR"
run as eddy "" -c 'SELECT 1'
expect_line "no password at all: psql is asked for one" \
  "psql: error: connection to server at \"127.0.0.1\", port $EDDY_PORT failed: fe_sendauth: no password supplied" "$ERR"

# An unknown role and a wrong password look the same to the client, exchange included.
run as carol whatever -c 'SELECT 1'
unknown_error=$ERR
expect "unknown role: wire exchange" \
  "auth=10,11 FATAL 28P01 password authentication failed for user \"carol\"" "$(wire login "$EDDY_PORT" carol x)"
salt_before=$(wire salt "$EDDY_PORT" carol)
expect "an unknown role gets a 16-byte salt and 4096 iterations, like a real one" "i=4096 saltbytes=16" \
  "${salt_before#* }"
expect "and the same salt on every attempt" "$salt_before" "$(wire salt "$EDDY_PORT" carol)"
run as eddy superpass -c "CREATE ROLE carol LOGIN PASSWORD 'right'"
expect "CREATE ROLE with LOGIN PASSWORD" "CREATE ROLE" "$OUT"
run as carol whatever -c 'SELECT 1'
expect "wrong password: the same message as for an unknown role" "$unknown_error" "$ERR"
expect "wrong password: wire exchange" \
  "auth=10,11 FATAL 28P01 password authentication failed for user \"carol\"" "$(wire login "$EDDY_PORT" carol x)"
salt_after=$(wire salt "$EDDY_PORT" carol)
if [ "$salt_before" != "$salt_after" ]; then
  report 1 "once the role exists its own salt is used"
else
  report 0 "once the role exists its own salt is used" "$salt_after"
fi

run as carol right -c 'SHOW session_authorization' -c 'SHOW is_superuser'
expect "a new role logs in with SCRAM" "carol
off" "$OUT"
expect "its exchange is SASL, SASLContinue, SASLFinal, Ok" "auth=10,11,12,0 ok" "$(wire login "$EDDY_PORT" carol right)"

run as eddy superpass -c "ALTER ROLE carol WITH PASSWORD 'changed'"
expect "ALTER ROLE ... PASSWORD" "ALTER ROLE" "$OUT"
run as carol right -c 'SELECT 1'
expect_line "the old password no longer works" \
  "psql: error: connection to server at \"127.0.0.1\", port $EDDY_PORT failed: FATAL:  password authentication failed for user \"carol\"" "$ERR"
run as carol changed -c 'SELECT 2'
expect "the new password works at once" "2" "$OUT"

run as eddy superpass -c "CREATE ROLE reader PASSWORD 'r'"
run as reader r -c 'SELECT 1'
expect_line "a NOLOGIN role with the right password is refused" \
  "psql: error: connection to server at \"127.0.0.1\", port $EDDY_PORT failed: FATAL:  role \"reader\" is not permitted to log in" "$ERR"
expect "NOLOGIN: authenticated first, then 28000" \
  "auth=10,11,12,0 FATAL 28000 role \"reader\" is not permitted to log in" "$(wire login "$EDDY_PORT" reader r)"

run as carol changed -c "CREATE ROLE sneaky"
expect_line "a role that is not a superuser cannot create roles" "ERROR:  42501: permission denied to create role" "$ERR"
run as carol changed -c "ALTER ROLE carol PASSWORD 'mine'"
expect "anyone may change their own password" "ALTER ROLE" "$OUT"
run as eddy superpass -c "CREATE ROLE carol"
expect_line "a duplicate role is 42710" "ERROR:  42710: role \"carol\" already exists" "$ERR"
run as eddy superpass -c "DROP ROLE eddy"
expect_line "the current user cannot be dropped" "ERROR:  55006: current user cannot be dropped" "$ERR"
run as eddy superpass -c "DROP ROLE nobody"
expect_line "dropping a missing role is 42704" "ERROR:  42704: role \"nobody\" does not exist" "$ERR"

run as eddy superpass -c "CREATE USER dropme PASSWORD 'bye'"
run as dropme bye -c 'SELECT 3'
expect "CREATE USER can log in" "3" "$OUT"
run as eddy superpass -c "DROP ROLE dropme"
expect "DROP ROLE" "DROP ROLE" "$OUT"
expect "a dropped role fails like any unknown role" \
  "auth=10,11 FATAL 28P01 password authentication failed for user \"dropme\"" "$(wire login "$EDDY_PORT" dropme bye)"

# --- roles survive a restart; md5 and password methods ------------------------------------------
run as eddy superpass -c "CREATE ROLE dave LOGIN PASSWORD 'persisted'"
eddy_restart --auth scram-sha-256 --superuser-password-file "$files/superuser_password"
run as dave persisted -c 'SHOW session_authorization'
expect "after a restart the role and its password are still there" "dave" "$OUT"
run as carol mine -c 'SELECT 4'
expect "and so is a changed password" "4" "$OUT"
run as reader r -c 'SELECT 1'
expect_line "and NOLOGIN" \
  "psql: error: connection to server at \"127.0.0.1\", port $EDDY_PORT failed: FATAL:  role \"reader\" is not permitted to log in" "$ERR"

eddy_restart --auth md5
expect "md5: the stored SCRAM verifier makes it a SCRAM exchange (no R 5)" \
  "auth=10,11,12,0 ok" "$(wire login "$EDDY_PORT" dave persisted)"
run as dave persisted -c 'SELECT 5'
expect "md5: psql logs in" "5" "$OUT"
run as dave wrong -c 'SELECT 5'
expect_line "md5: a wrong password is refused" \
  "psql: error: connection to server at \"127.0.0.1\", port $EDDY_PORT failed: FATAL:  password authentication failed for user \"dave\"" "$ERR"
expect "md5: the superuser keeps the password the file gave it" "auth=10,11,12,0 ok" "$(wire login "$EDDY_PORT" eddy superpass)"

eddy_restart --auth password
expect "password: AuthenticationCleartextPassword" "auth=3,0 ok" "$(wire login "$EDDY_PORT" dave persisted)"
expect "password: a wrong one is 28P01" \
  "auth=3 FATAL 28P01 password authentication failed for user \"dave\"" "$(wire login "$EDDY_PORT" dave nope)"
expect "password: an unknown role is 28P01 too" \
  "auth=3 FATAL 28P01 password authentication failed for user \"ghost\"" "$(wire login "$EDDY_PORT" ghost nope)"
run as dave persisted -c 'SELECT 6'
expect "password: psql logs in" "6" "$OUT"

eddy_restart
expect "loopback without --auth: trust" "auth=0 ok" "$(wire login "$EDDY_PORT" dave)"
expect "trust: an unknown role is 28000" \
  "auth=0 FATAL 28000 role \"ghost\" does not exist" "$(wire login "$EDDY_PORT" ghost)"
expect "trust: another database is 3D000" \
  "auth=0 FATAL 3D000 database \"dave\" does not exist" "$(python3 -c "
import sys; sys.path.insert(0, '$here'); import pg_wire as w
c = w.Conn($EDDY_PORT); print(w.describe_login(*w.login(c, 'dave', database='dave')))")"

# --- TLS -----------------------------------------------------------------------------------------
run psql -X -w -At "host=127.0.0.1 port=$EDDY_PORT user=eddy dbname=eddy sslmode=require" -c 'SELECT 1'
expect_line "without --tls-cert, sslmode=require fails" \
  "psql: error: connection to server at \"127.0.0.1\", port $EDDY_PORT failed: server does not support SSL, but SSL was required" "$ERR"

eddy_restart --auth scram-sha-256 --tls-cert "$files/server.crt" --tls-key "$files/server.key"
run env PGPASSWORD=persisted psql -X -w "host=127.0.0.1 port=$EDDY_PORT user=dave dbname=eddy sslmode=require" \
  -At -c 'SELECT 7' -c '\conninfo'
expect_line "TLS with SCRAM: the query runs" "7" "$OUT"
if grep -qE '^SSL connection \(protocol: TLSv1\.[23],' <<<"$OUT"; then
  report 1 "psql reports an SSL connection"
else
  report 0 "psql reports an SSL connection" "$OUT
$ERR"
fi
run env PGPASSWORD=persisted psql -X -w "host=127.0.0.1 port=$EDDY_PORT user=dave dbname=eddy sslmode=disable" -At -c 'SELECT 8'
expect "plaintext still works beside TLS" "8" "$OUT"
expect "the wire client over TLS" "auth=10,11,12,0 ok" "$(wire login "$EDDY_PORT" dave persisted --tls)"

# --- the default for a non-loopback --host is SCRAM ------------------------------------------------
eddy_restart --host 0.0.0.0
expect "--host 0.0.0.0 without --auth asks for a SCRAM password" \
  "auth=10,11 FATAL 28P01 password authentication failed for user \"eddy\"" "$(wire login "$EDDY_PORT" eddy)"
run as dave persisted -c 'SELECT 9'
expect "and a role with a password gets in" "9" "$OUT"
if grep -q "eddy: authentication scram-sha-256" "$EDDY_TMP/server.log"; then
  report 1 "the log names the method"
else
  report 0 "the log names the method" "$(eddy_log_tail 20)"
fi
eddy_stop

start --host 0.0.0.0
if grep -q 'nobody can connect' "$EDDY_TMP/server.log"; then
  report 1 "a password method without any password to check is warned about"
else
  report 0 "a password method without any password to check is warned about" "$(eddy_log_tail 20)"
fi
eddy_stop

# --- cancel and statement_timeout (trust, default --threads) --------------------------------------
start
psql -X -v VERBOSITY=verbose -h 127.0.0.1 -p "$EDDY_PORT" -U eddy eddy -c 'SELECT pg_sleep(30)' \
  >"$files/sleep.out" 2>"$files/sleep.err" &
sleeper=$!
sleep 2  # connected and sleeping (psql shows no sign of it)
run psql -X -At -h 127.0.0.1 -p "$EDDY_PORT" -U eddy eddy -c 'SELECT 10'
expect "another session answers while one sleeps" "10" "$OUT"
cancel_start=$SECONDS
kill -INT "$sleeper"
sleep_rc=0
wait "$sleeper" || sleep_rc=$?
expect_line "psql's Ctrl-C cancels the statement: 57014" "ERROR:  57014: canceling statement due to user request" \
  "$(cat "$files/sleep.err")"
if [ $((SECONDS - cancel_start)) -le 5 ] && [ "$sleep_rc" != 0 ]; then
  report 1 "the cancel takes effect at once"
else
  report 0 "the cancel takes effect at once" "took $((SECONDS - cancel_start)) s, psql exited with $sleep_rc"
fi
# Both session threads (--threads 2) busy sleeping: cancel requests are still served (the
# listener has a thread of its own).
for i in 1 2; do
  psql -X -v VERBOSITY=verbose -h 127.0.0.1 -p "$EDDY_PORT" -U eddy eddy -c 'SELECT pg_sleep(30)' \
    >/dev/null 2>"$files/both$i.err" &
  eval "both$i=\$!"
done
sleep 2
cancel_start=$SECONDS
kill -INT "$both1" "$both2"
wait "$both1" "$both2" || true
expect "with every session thread busy, both statements are cancelled" \
  "ERROR:  57014: canceling statement due to user request
ERROR:  57014: canceling statement due to user request" \
  "$(grep -h 57014 "$files/both1.err" "$files/both2.err")"
if [ $((SECONDS - cancel_start)) -le 5 ]; then
  report 1 "and at once"
else
  report 0 "and at once" "took $((SECONDS - cancel_start)) s"
fi
expect "a cancel with a wrong key does nothing; the right key cancels" \
  "completed in >=2 s / 57014 in <2 s" "$(wire cancel "$EDDY_PORT")"

run psql -X -At -v VERBOSITY=verbose -h 127.0.0.1 -p "$EDDY_PORT" -U eddy eddy \
  -c "SET statement_timeout = '1s'" -c 'SHOW statement_timeout' -c "SET statement_timeout = 100" \
  -c 'SHOW statement_timeout' -c 'SELECT pg_sleep(5)' -c 'SELECT 11'
expect "SET statement_timeout; SHOW in PostgreSQL's units; the statement after the timeout runs" "SET
1s
SET
100ms
11" "$OUT"
expect_line "a statement past statement_timeout fails with 57014" \
  "ERROR:  57014: canceling statement due to statement timeout" "$ERR"
run psql -X -At -h 127.0.0.1 -p "$EDDY_PORT" -U eddy eddy -c "SET statement_timeout = 'soon'"
expect_line "a bad statement_timeout is refused" \
  "ERROR:  invalid value for parameter \"statement_timeout\": \"soon\"" "$ERR"
run psql -X -At -h 127.0.0.1 -p "$EDDY_PORT" -U eddy eddy -c 'SELECT pg_sleep(0.1)'
expect "pg_sleep returns void, shown empty" "" "$OUT"
eddy_stop

# --- --max-connections -----------------------------------------------------------------------------
# Two wire clients hold both slots, one idle, one in pg_sleep; the default two session threads
# keep one free to answer the third connection (see server/README.md on --threads).
start --max-connections 2
/usr/bin/python3 -c "
import sys, time; sys.path.insert(0, '$here'); import pg_wire as w
c = w.Conn($EDDY_PORT, timeout=60); codes, error = w.login(c, 'eddy')
print('key %d %d' % c.backend_key, flush=True)
rows, error = w.query(c, 'SELECT pg_sleep(20)')
print('result', 'completed' if error is None else error['C'], flush=True)" >"$files/busy.out" &
busy=$!
/usr/bin/python3 -c "
import sys, time; sys.path.insert(0, '$here'); import pg_wire as w
c = w.Conn($EDDY_PORT); codes, error = w.login(c, 'eddy'); print('holding' if error is None else error, flush=True)
time.sleep(60)" >"$files/idle.out" &
idle=$!
for _ in $(seq 100); do
  grep -q holding "$files/idle.out" 2>/dev/null && grep -q key "$files/busy.out" 2>/dev/null && break
  sleep 0.1
done
run psql -X -At -h 127.0.0.1 -p "$EDDY_PORT" -U eddy eddy -c 'SELECT 1'
expect "the third connection is refused" \
  "psql: error: connection to server at \"127.0.0.1\", port $EDDY_PORT failed: FATAL:  sorry, too many clients already" "$ERR"
expect "with 53300, before authentication" "auth=none FATAL 53300 sorry, too many clients already" \
  "$(wire login "$EDDY_PORT" eddy)"
sleep 1  # the sleeping statement has surely started
read -r _ busy_pid busy_secret < <(grep key "$files/busy.out")
/usr/bin/python3 -c "import sys; sys.path.insert(0, '$here'); import pg_wire as w; w.send_cancel($EDDY_PORT, $busy_pid, $busy_secret)"
wait "$busy" || true
expect "cancel requests do not count as connections: the cancel is served" "result 57014" \
  "$(grep result "$files/busy.out")"
run psql -X -At -h 127.0.0.1 -p "$EDDY_PORT" -U eddy eddy -c 'SELECT 12'
expect "a freed slot takes a new connection" "12" "$OUT"
kill "$idle"
wait "$idle" 2>/dev/null || true
eddy_stop

# --- authentication timeout ------------------------------------------------------------------------
start --auth scram-sha-256 --superuser-password-file "$files/superuser_password" --authentication-timeout 1s
# closed_in_time NAME OUTPUT: OUTPUT is "closed after N.N s" with N.N between the 1 s timeout and 3 s.
closed_in_time() {
  if awk '$1 == "closed" && $3 >= 0.9 && $3 <= 3.0 { ok = 1 } END { exit !ok }' <<<"$2"; then
    report 1 "$1"
  else
    report 0 "$1" "$2"
  fi
}
closed_in_time "a connection that sends nothing is closed at the authentication timeout" \
  "$(wire silent "$EDDY_PORT" 10)"
closed_in_time "so is one that never answers the password request" "$(python3 -c "
import sys, time; sys.path.insert(0, '$here'); import pg_wire as w
start = time.monotonic()
c = w.Conn($EDDY_PORT, timeout=10); c.send(w.startup_packet({'user': 'eddy', 'database': 'eddy'}))
kind, _ = c.recv_message()
assert kind == b'R'
print('closed after %.1f s' % (time.monotonic() - start) if c.sock.recv(1) == b'' else 'open')")"
run as eddy superpass -c 'SELECT 13'
expect "a client that authenticates in time is not affected" "13" "$OUT"
if grep -q "canceling authentication due to timeout" "$EDDY_TMP/server.log"; then
  report 1 "the log says why the connections were closed"
else
  report 0 "the log says why the connections were closed" "$(eddy_log_tail 20)"
fi

# --- refusing to start ------------------------------------------------------------------------------
eddy_stop
mkdir -p "$files/data"
run "$eddy" server --port "$(eddy_free_port)" --data-dir "$files/data" --superuser-password-file "$files/missing"
expect "an unreadable superuser password file stops the start" "1 cannot read the superuser password file" \
  "$RC $(grep -o 'cannot read the superuser password file' <<<"$ERR" | head -1)"
run "$eddy" server --port "$(eddy_free_port)" --data-dir "$files/data" --tls-cert "$files/missing" \
  --tls-key "$files/server.key"
expect "an unreadable certificate stops the start" "1 cannot load the TLS certificate" \
  "$RC $(grep -o 'cannot load the TLS certificate' <<<"$ERR" | head -1)"

checks_summary
