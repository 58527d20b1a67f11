# shellcheck shell=bash
# Shell twin of tests/support/eddy_process.{h,cpp}: a throwaway Eddy server for shell tests.
# Source it (bash), then:
#
#   eddy_start /path/to/eddy [extra server args...]
#       starts `eddy server --host 127.0.0.1 --port <free> --data-dir $EDDY_TMP/data ...` with its
#       output in $EDDY_TMP/server.log, waits (up to $EDDY_READY_TIMEOUT s, default 20) until a
#       libpq connection succeeds, and sets EDDY_PORT, EDDY_PID, EDDY_TMP. Installs an EXIT trap
#       that calls eddy_stop. Returns non-zero (after printing the log) when the server does
#       not come up. (A script that needs its own EXIT trap should call eddy_stop from it.)
#   eddy_restart [server args...]
#       stops the server (SIGTERM) and starts the same binary again on the same port and data
#       directory, with these server args instead of the first ones (e.g. another --auth); waits
#       and returns like eddy_start. Keeps the EXIT trap as it is.
#   eddy_stop
#       SIGTERM, SIGKILL after 5 s; removes $EDDY_TMP unless EDDY_KEEP_TEMP=1. Idempotent.
#   eddy_log_tail [lines]
#       the server's last output.
#
# EDDY_MEMORY_LIMIT_MB, when set, bounds the server's address space (ulimit -v): a query that
# would take all the machine's memory fails with an error (std::bad_alloc) instead of waking the
# kernel's OOM killer on a shared host.
#
# Needs python3 (free port) and pg_isready (postgresql-client).

eddy_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

eddy_log_tail() {
  [ -n "${EDDY_TMP:-}" ] && [ -f "$EDDY_TMP/server.log" ] || return 0
  tail -n "${1:-40}" "$EDDY_TMP/server.log" | sed 's/^/  | /'
}

eddy_start() {
  EDDY_BIN=$1
  shift
  EDDY_TMP=$(mktemp -d "${TMPDIR:-/tmp}/eddy-test-XXXXXX")
  mkdir "$EDDY_TMP/data"
  EDDY_PORT=$(eddy_free_port)
  trap eddy_stop EXIT
  eddy_launch "$@"
}

eddy_restart() {
  EDDY_KEEP_TEMP=1 eddy_stop
  eddy_launch "$@"
}

# Starts $EDDY_BIN on $EDDY_PORT and $EDDY_TMP/data (appending to server.log) and waits for it.
eddy_launch() {
  (
    [ -z "${EDDY_MEMORY_LIMIT_MB:-}" ] || ulimit -v $((EDDY_MEMORY_LIMIT_MB * 1024))
    exec "$EDDY_BIN" server --host 127.0.0.1 --port "$EDDY_PORT" --data-dir "$EDDY_TMP/data" "$@"
  ) </dev/null >>"$EDDY_TMP/server.log" 2>&1 &
  EDDY_PID=$!
  local deadline=$((SECONDS + ${EDDY_READY_TIMEOUT:-20}))
  until pg_isready -q -h 127.0.0.1 -p "$EDDY_PORT" -U eddy -d eddy -t 2; do
    if ! kill -0 "$EDDY_PID" 2>/dev/null; then
      local rc=0
      wait "$EDDY_PID" || rc=$?
      EDDY_PID=
      echo "eddy server exited with status $rc before accepting connections; its output:" >&2
      eddy_log_tail 40 >&2
      return 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "eddy server did not accept a connection on port $EDDY_PORT in time; its output:" >&2
      eddy_log_tail 40 >&2
      eddy_stop
      return 1
    fi
    sleep 0.1
  done
}

eddy_stop() {
  if [ -n "${EDDY_PID:-}" ] && kill -0 "$EDDY_PID" 2>/dev/null; then
    kill -TERM "$EDDY_PID" 2>/dev/null || true
    local waited=0
    while [ "$waited" -lt 50 ] && kill -0 "$EDDY_PID" 2>/dev/null; do
      sleep 0.1
      waited=$((waited + 1))
    done
    if kill -0 "$EDDY_PID" 2>/dev/null; then
      echo "eddy server ignored SIGTERM for 5 s: SIGKILL" >&2
      kill -KILL "$EDDY_PID" 2>/dev/null || true
    fi
    wait "$EDDY_PID" 2>/dev/null || true
  fi
  EDDY_PID=
  if [ -n "${EDDY_TMP:-}" ] && [ "${EDDY_KEEP_TEMP:-0}" != 1 ]; then
    rm -rf "$EDDY_TMP"
    EDDY_TMP=
  fi
}
