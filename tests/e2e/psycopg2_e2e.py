#!/usr/bin/python3
# End to end with psycopg2 (Debian's python3-psycopg2 2.9, on libpq), the way a Python
# application talks to Eddy: every DIALECT.md type through query parameters and back,
# copy_expert in both directions, server-side (named) cursors paging a 5000-row table, and
# transaction states around errors.
#
#   /usr/bin/python3 tests/e2e/psycopg2_e2e.py --eddy PATH [--timeout-seconds N]
#
# psycopg2 sends everything through the simple query protocol (it interpolates parameters on
# the client), so this covers what that protocol carries: DECLARE / FETCH / CLOSE, BEGIN /
# COMMIT / ROLLBACK, COPY FROM STDIN / TO STDOUT. Prints one TAP-style "ok N - ..." /
# "not ok N - ..." line per check; exits 1 when any failed.

import argparse
import datetime
import decimal
import io
import os
import sys
import time
import traceback

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))

import psycopg2  # noqa: E402
import psycopg2.errors  # noqa: E402
import psycopg2.extensions as ext  # noqa: E402
import psycopg2.extras  # noqa: E402
from eddy_process import EddyProcess  # noqa: E402

checks = 0
failures = 0


def check(ok, name, detail=""):
    global checks, failures
    checks += 1
    print("%s %d - %s" % ("ok" if ok else "not ok", checks, name))
    if not ok:
        failures += 1
        if detail:
            print("\n".join("    " + line for line in str(detail).splitlines()))
    sys.stdout.flush()


def equal(name, want, got):
    check(want == got, name, "expected: %r\n     got: %r" % (want, got))


def sqlstate_of(body):
    """Runs body(); returns the SQLSTATE of the psycopg2.Error it raised, or None."""
    try:
        body()
    except psycopg2.Error as e:
        return e.pgcode
    return None


def poll(name, want, read, timeout):
    """Reruns read() until it returns want (streaming results arrive eventually)."""
    deadline = time.monotonic() + timeout
    got = read()
    while got != want and time.monotonic() < deadline:
        time.sleep(0.05)
        got = read()
    equal(name, want, got)


UTC = datetime.timezone.utc

# One row per DIALECT.md type, with the Python value psycopg2 adapts and reads back.
TYPED_ROWS = [
    (1, True, 12, -123456, 9000000000, 1.5, -2.25, decimal.Decimal("12.345"), "h\u00e9llo 'q' \\ \t", "var",
     datetime.datetime(2026, 11, 20, 10, 0, 0, 123456), datetime.datetime(2026, 11, 20, 10, 0, 1, tzinfo=UTC),
     datetime.date(2026, 11, 20), datetime.timedelta(days=3, hours=4, minutes=5, seconds=6, microseconds=789000),
     {"a": [1, 2], "b": {"c": None}}),
    (2, False, -32768, 2147483647, -9223372036854775808, -0.5, 1e-300, decimal.Decimal("-0.001"), "", "x" * 20,
     datetime.datetime(1999, 12, 31, 23, 59, 59), datetime.datetime(2000, 1, 1, 0, 0, tzinfo=UTC),
     datetime.date(1969, 12, 31), datetime.timedelta(0), []),
]
COLUMNS = "id, b, s, i, l, r, d, n, t, v, ts, tz, dt, iv, j"


def types_round_trip(conn):
    cur = conn.cursor()
    cur.execute("CREATE TABLE ty (id INTEGER PRIMARY KEY, b BOOLEAN, s SMALLINT, i INTEGER, l BIGINT, r REAL, "
                "d DOUBLE PRECISION, n NUMERIC, t TEXT, v VARCHAR(20), ts TIMESTAMP, tz TIMESTAMPTZ, dt DATE, "
                "iv INTERVAL, j JSONB)")
    for row in TYPED_ROWS:
        params = list(row[:-1]) + [psycopg2.extras.Json(row[-1])]
        cur.execute("INSERT INTO ty (" + COLUMNS + ") VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                    params)
    cur.execute("INSERT INTO ty (" + COLUMNS + ") VALUES (3" + ", %s" * 14 + ")", [None] * 14)
    cur.execute("SELECT " + COLUMNS + " FROM ty ORDER BY id")
    got = cur.fetchall()
    equal("three rows of every type come back", 3, len(got))
    names = COLUMNS.split(", ")
    for want, have in zip(TYPED_ROWS, got):
        for k, name in enumerate(names):
            equal("row %d: %s reads back equal" % (want[0], name), want[k], have[k])
            if want[k] is not None and name != "j":
                equal("row %d: %s reads back as %s" % (want[0], name, type(want[k]).__name__),
                      type(want[k]), type(have[k]))
    equal("NULL of every type reads back as None", (3,) + (None,) * 14, got[2])

    # Parameters in WHERE compare as the column's type.
    cur.execute("SELECT id FROM ty WHERE ts = %s AND n = %s AND dt < %s", (TYPED_ROWS[0][10], TYPED_ROWS[0][7],
                                                                          datetime.date(2027, 1, 1)))
    equal("timestamp, numeric and date parameters select the row", [(1,)], cur.fetchall())

    # The column types psycopg2 sees in the result description are PostgreSQL's OIDs.
    cur.execute("SELECT " + COLUMNS + " FROM ty WHERE id = 1")
    equal("type OIDs of the columns",
          [23, 16, 21, 23, 20, 700, 701, 1700, 25, 1043, 1114, 1184, 1082, 1186, 3802],
          [d.type_code for d in cur.description])


def copy_in_and_out(conn, timeout):
    cur = conn.cursor()
    cur.execute("CREATE STREAM ev (asset TEXT, cost BIGINT, ts TIMESTAMP)")
    cur.execute("CREATE MATERIALIZED VIEW per_asset AS "
                "SELECT asset, count(*) AS n, sum(cost) AS total FROM ev GROUP BY asset")
    data = "".join("%s,%d,2026-11-20 10:%02d:00\n" % ("ab"[k % 2], k, k % 60) for k in range(1000))
    data += '"x,y",5,2026-11-20 11:00:00\nz,,2026-11-20 11:00:01\n'
    cur.copy_expert("COPY ev FROM STDIN WITH (FORMAT csv)", io.StringIO(data))
    equal("COPY FROM STDIN reports its rows", 1002, cur.rowcount)

    def view():
        out = io.StringIO()
        cur.copy_expert("COPY (SELECT asset, n, total FROM per_asset ORDER BY asset) TO STDOUT WITH CSV HEADER", out)
        return out.getvalue()

    # a: the even k (0..998) sum to 249500, b: the odd ones to 250000
    poll("the view's result through COPY TO STDOUT, csv with header",
         'asset,n,total\na,500,249500\nb,500,250000\n"x,y",1,5\nz,1,\n', view, timeout)
    equal("COPY TO reports its rows", 4, cur.rowcount)

    out = io.StringIO()
    cur.copy_expert("COPY ev (asset, cost) TO STDOUT WITH (FORMAT text, NULL 'nil', DELIMITER '|')", out)
    lines = out.getvalue().splitlines()
    equal("COPY of a stream fed by COPY reads what SELECT reads", 1002, len(lines))
    equal("text format: delimiter and NULL string", ["a|0", "b|1", "x,y|5", "z|nil"],
          lines[:2] + lines[-2:])

    out = io.StringIO()
    cur.copy_expert("COPY (SELECT t, ts, iv, j FROM ty WHERE id = 1) TO STDOUT", out)
    equal("text format escapes tabs and backslashes, prints PostgreSQL's text output",
          "h\u00e9llo 'q' \\\\ \\t\t2026-11-20 10:00:00.123456\t3 days 04:05:06.789\t"
          '{"a": [1, 2], "b": {"c": null}}\n', out.getvalue())

    equal("COPY to a server-side file is refused with 42501", "42501",
          sqlstate_of(lambda: cur.execute("COPY ty TO '/tmp/eddy-copy-out'")))
    # (COPY (SUBSCRIBE ...) streams until cancelled: tests/e2e/subscribe_e2e.py)
    equal("COPY (SUBSCRIBE ...) of a relation that does not exist: 42P01", "42P01",
          sqlstate_of(lambda: cur.copy_expert("COPY (SUBSCRIBE TO nope) TO STDOUT", io.StringIO())))


def named_cursors(conn):
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("CREATE TABLE big (id BIGINT PRIMARY KEY, label TEXT)")
    cur.copy_expert("COPY big FROM STDIN", io.StringIO("".join("%d\tlabel %d\n" % (k, k) for k in range(5000))))
    conn.autocommit = False

    # psycopg2 sends DECLARE "c" CURSOR WITHOUT HOLD FOR ... and FETCH FORWARD 2000 FROM "c".
    named = conn.cursor(name="c")
    named.itersize = 2000
    named.execute("SELECT id, label FROM big ORDER BY id")
    rows = list(named)
    equal("a named cursor returns all 5000 rows", 5000, len(rows))
    check(rows == [(k, "label %d" % k) for k in range(5000)], "... complete and in order")
    named.close()
    conn.commit()

    named = conn.cursor(name="pages")
    named.execute("SELECT id FROM big WHERE id >= %s ORDER BY id", (4990,))
    equal("fetchmany pages a parameterized cursor", [(4990,), (4991,), (4992,)], named.fetchmany(3))
    equal("fetchone continues where it stopped", (4993,), named.fetchone())
    named.scroll(0, mode="absolute")  # MOVE ABSOLUTE 0
    equal("scroll back to the start", (4990,), named.fetchone())
    equal("fetchall returns the rest", [(k,) for k in range(4991, 5000)], named.fetchall())
    named.close()
    conn.rollback()

    held = conn.cursor(name="held", withhold=True)
    held.execute("SELECT id FROM big WHERE id < 3 ORDER BY id")
    conn.commit()  # a WITH HOLD cursor survives COMMIT
    equal("a WITH HOLD cursor reads after COMMIT", [(0,), (1,), (2,)], held.fetchall())
    held.close()
    conn.commit()

    plain = conn.cursor()
    equal("FETCH from a cursor that is gone is 34000", "34000", sqlstate_of(lambda: plain.execute('FETCH 1 FROM "c"')))
    conn.rollback()
    conn.autocommit = True
    equal("DECLARE outside a transaction block is 25P01", "25P01",
          sqlstate_of(lambda: plain.execute("DECLARE d CURSOR FOR SELECT 1")))
    plain.execute("SELECT count(*) FROM per_asset")
    (groups,) = plain.fetchone()
    check(groups > 0, "per_asset has rows (a FETCH from an empty snapshot would wait for a change)")
    plain.execute("SET statement_timeout = '10s'")
    plain.execute("DECLARE d CURSOR WITH HOLD FOR SUBSCRIBE TO per_asset WITH (SNAPSHOT)")
    plain.execute("FETCH ALL d")
    equal("a WITH HOLD cursor over SUBSCRIBE starts with the view's rows", [1] * groups,
          [r[1] for r in plain.fetchall()])
    plain.execute("CLOSE d")
    plain.execute("RESET statement_timeout")
    conn.autocommit = False


def transactions(conn):
    conn.autocommit = False
    cur = conn.cursor()
    equal("idle before the first statement", ext.TRANSACTION_STATUS_IDLE, conn.get_transaction_status())
    cur.execute("SELECT count(*) FROM big")
    equal("in a transaction after it (psycopg2 sent BEGIN)", ext.TRANSACTION_STATUS_INTRANS,
          conn.get_transaction_status())
    conn.commit()
    equal("idle after commit", ext.TRANSACTION_STATUS_IDLE, conn.get_transaction_status())

    cur.execute("INSERT INTO big VALUES (5000, 'committed')")
    conn.commit()
    cur.execute("SELECT label FROM big WHERE id = 5000")
    equal("a committed insert is there", [("committed",)], cur.fetchall())
    conn.rollback()

    equal("an error inside the transaction: 22012", "22012", sqlstate_of(lambda: cur.execute("SELECT 1 / 0")))
    equal("the transaction is then in error", ext.TRANSACTION_STATUS_INERROR, conn.get_transaction_status())
    equal("further statements fail with 25P02", "25P02", sqlstate_of(lambda: cur.execute("SELECT 1")))
    conn.rollback()
    equal("idle after rollback", ext.TRANSACTION_STATUS_IDLE, conn.get_transaction_status())
    cur.execute("SELECT 41 + 1")
    equal("statements work again after rollback", [(42,)], cur.fetchall())
    conn.rollback()

    # Writes inside a block apply at once (documented: Eddy's blocks do not isolate writes).
    cur.execute("INSERT INTO big VALUES (5001, 'rolled back')")
    conn.rollback()
    cur.execute("SELECT count(*) FROM big WHERE id = 5001")
    equal("ROLLBACK does not undo a write (Eddy applies writes at once)", [(1,)], cur.fetchall())
    conn.commit()

    conn.autocommit = True
    cur.execute("BEGIN")
    equal("BEGIN by hand opens a block", ext.TRANSACTION_STATUS_INTRANS, conn.get_transaction_status())
    cur.execute("COMMIT")
    equal("COMMIT by hand closes it", ext.TRANSACTION_STATUS_IDLE, conn.get_transaction_status())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--eddy", required=True)
    parser.add_argument("--timeout-seconds", type=int, default=30)
    args = parser.parse_args()
    with EddyProcess(args.eddy) as server:
        try:
            conn = psycopg2.connect(server.dsn)
            conn.autocommit = True
            types_round_trip(conn)
            copy_in_and_out(conn, args.timeout_seconds)
            named_cursors(conn)
            transactions(conn)
            conn.close()
        except Exception:
            check(False, "no unexpected exception", traceback.format_exc())
        was_running = server.running()
        ended = server.stop()
        check(was_running and not server.crashed(), "the server stops cleanly on SIGTERM", ended)
        if failures:
            print("server output (tail):\n" + server.log_tail())
    print("%d checks, %d failed" % (checks, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
