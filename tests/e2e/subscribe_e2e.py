#!/usr/bin/python3
# End to end: SUBSCRIBE with real clients against a live server (started with
# --subscribe-buffer 2000).
#
#   /usr/bin/python3 tests/e2e/subscribe_e2e.py --eddy PATH
#
#   - psql -c "COPY (SUBSCRIBE TO v) TO STDOUT": lines (epoch, diff, k, n) arrive while psql
#     still runs, an update is a -1/+1 pair of one epoch; SIGINT (psql sends a CancelRequest)
#     ends it with 57014; the same WITH (SNAPSHOT), which starts with the view's contents;
#   - SUBSCRIBE as a simple query on the wire (pg_wire.py): RowDescription, DataRows as epochs
#     commit, the SELECT's WHERE and expressions applied, CancelRequest -> 57014 and the session
#     goes on; Execute of a SUBSCRIBE portal with a row limit (PortalSuspended);
#   - psycopg2: BEGIN; DECLARE c CURSOR FOR SUBSCRIBE ...; FETCH waits for the next change;
#     cancel and statement_timeout end a waiting FETCH; a psycopg2 named cursor over SUBSCRIBE;
#   - a subscriber that does not read while changes pour in: FATAL 53400 "subscriber fell more
#     than 2000 changes behind" once it reads again, the connection closed; the view kept up and
#     other sessions are fine;
#   - a subscriber that hangs up while the view is quiet is let go (the server log says so);
#   - DROP MATERIALIZED VIEW ends every running subscription (statement, COPY, cursor) with
#     57000 "materialized view "v" was dropped", and their sessions go on;
#   - an epoch ends as soon as its source has caught up: on a server whose checkpoint interval
#     is 30 s, a row INSERTed into a quiet stream reaches a subscriber within seconds.
#
# psql buffers COPY output when stdout is not a terminal; `stdbuf -o0` makes it write each line
# as it arrives, as it does on a terminal. Prints one TAP-style line per check; exits 1 when any
# failed.

import argparse
import io
import os
import queue
import signal
import struct
import subprocess
import sys
import threading
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
sys.path.insert(0, HERE)

import psycopg2  # noqa: E402
import pg_wire  # noqa: E402
from eddy_process import EddyProcess  # noqa: E402

BUFFER = 2000  # --subscribe-buffer
WAIT = 15.0    # seconds any one expected message may take

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
    try:
        body()
    except psycopg2.Error as e:
        return e.pgcode
    return None


class Psql:
    """psql -c SQL in the background; its stdout lines as they come."""

    def __init__(self, port, sql):
        self.proc = subprocess.Popen(
            ["stdbuf", "-o0", "psql", "-X", "-v", "VERBOSITY=verbose", "-h", "127.0.0.1", "-p", str(port),
             "-U", "eddy", "-d", "eddy", "-c", sql],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def take(self, n, timeout=WAIT):
        """Up to n lines, waiting at most `timeout` seconds in all."""
        out, deadline = [], time.monotonic() + timeout
        while len(out) < n:
            try:
                out.append(self.lines.get(timeout=max(0.0, deadline - time.monotonic())))
            except queue.Empty:
                break
        return out

    def quiet(self, idle=0.7):
        """Lines until none came for `idle` seconds."""
        out = []
        while True:
            try:
                out.append(self.lines.get(timeout=idle))
            except queue.Empty:
                return out

    def running(self):
        return self.proc.poll() is None

    def finish(self, sig=None):
        """Sends `sig` (if any), waits for psql; returns (exit code, stderr)."""
        if sig is not None:
            self.proc.send_signal(sig)
        try:
            self.proc.wait(WAIT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        return self.proc.returncode, self.proc.stderr.read()


def change(line):
    epoch, diff, k, n = line.split("\t")
    return int(epoch), int(diff), k, int(n)


class Wire:
    """A raw protocol connection (tests/e2e/pg_wire.py), logged in."""

    def __init__(self, port):
        self.port = port
        self.conn = pg_wire.Conn(port, timeout=WAIT)
        codes, error = pg_wire.login(self.conn, "eddy")
        if error:
            raise RuntimeError("login failed: %r" % error)
        self.pid, self.secret = self.conn.backend_key

    def send(self, kind, payload=b""):
        self.conn.send(pg_wire.message(kind, payload))

    def query(self, sql):
        self.send(b"Q", sql.encode() + b"\0")

    def recv(self):
        """(kind, decoded): T -> column names, D -> list of text values, E -> error fields,
        C -> tag, Z -> status, others -> payload."""
        kind, payload = self.conn.recv_message()
        if kind == b"T":
            (n,) = struct.unpack("!h", payload[:2])
            names, at = [], 2
            for _ in range(n):
                end = payload.index(b"\0", at)
                names.append(payload[at:end].decode())
                at = end + 1 + 18
            return "T", names
        if kind == b"D":
            (n,) = struct.unpack("!h", payload[:2])
            at, row = 2, []
            for _ in range(n):
                (length,) = struct.unpack("!i", payload[at:at + 4])
                at += 4
                row.append(None if length < 0 else payload[at:at + length].decode())
                at += max(length, 0)
            return "D", row
        if kind == b"E":
            return "E", pg_wire.error_fields(payload)
        if kind == b"C":
            return "C", payload.rstrip(b"\0").decode()
        if kind == b"Z":
            return "Z", payload.decode()
        return kind.decode(), payload

    def rows(self, n):
        """The next n DataRows (skipping RowDescription); raises on anything else."""
        out = []
        while len(out) < n:
            kind, value = self.recv()
            if kind == "D":
                out.append(value)
            elif kind != "T":
                raise RuntimeError("expected a DataRow, got %s %r" % (kind, value))
        return out

    def until_ready(self):
        """Messages up to and including ReadyForQuery."""
        out = []
        while True:
            kind, value = self.recv()
            out.append((kind, value))
            if kind == "Z":
                return out

    def cancel(self):
        pg_wire.send_cancel(self.port, self.pid, self.secret)

    def close(self):
        self.conn.close()


def as_changes(rows):
    return [(int(r[0]), int(r[1]), r[2], int(r[3])) for r in rows]


def run_soon(dsn, sql, delay):
    """Runs `sql` on a connection of its own after `delay` seconds (a Timer thread)."""
    def run():
        conn = psycopg2.connect(dsn)
        conn.autocommit = True
        conn.cursor().execute(sql)
        conn.close()
    timer = threading.Timer(delay, run)
    timer.start()
    return timer


class Fixture:
    def __init__(self, server):
        self.server = server
        self.port = server.port
        self.admin = psycopg2.connect(server.dsn)
        self.admin.autocommit = True
        self.cur = self.admin.cursor()

    def sql(self, text):
        self.cur.execute(text)

    def insert(self, *rows):
        self.sql("INSERT INTO s VALUES " + ", ".join("('%s', %d)" % r for r in rows))

    def view(self):
        self.sql("SELECT k, n FROM v")
        return dict(self.cur.fetchall())


def copy_form(f):
    # Attached once a change shows: keep changing key 'sync' until psql prints a line.
    p = Psql(f.port, "COPY (SUBSCRIBE TO v) TO STDOUT")
    seen = []
    deadline = time.monotonic() + WAIT
    while not seen and time.monotonic() < deadline:
        f.insert(("sync", 1))
        seen = p.take(1, timeout=0.5)
    check(bool(seen), "COPY (SUBSCRIBE TO v): a change shows up", p.finish(signal.SIGINT) if not seen else "")
    if not seen:
        return
    p.quiet()

    f.insert(("a", 1))
    got = [change(line) for line in p.take(1)]
    check(len(got) == 1 and got[0][1:] == (1, "a", 1), "an insert is one +1 line: epoch, diff, k, n", got)
    e1 = got[0][0] if got else 0
    check(p.running(), "psql is still running: the lines came while it streams")

    f.insert(("a", 2), ("b", 3))
    got = [change(line) for line in p.take(3)]
    pair = [c for c in got if c[2] == "a"]
    equal("an update is -1 of the old row then +1 of the new one", [(-1, "a", 1), (1, "a", 2)],
          [c[1:] for c in pair])
    check(len(pair) == 2 and pair[0][0] == pair[1][0] and pair[0][0] > e1,
          "both in one epoch, after the previous one", got)
    check([c[1:] for c in got if c[2] == "b"] == [(1, "b", 1)], "and the new key is a +1 line", got)
    check(p.running(), "psql is still running after the second epoch")
    rc, err = p.finish(signal.SIGINT)
    check(rc != 0 and "57014" in err and "canceling statement due to user request" in err,
          "SIGINT: psql sends a cancel and exits with ERROR 57014", "rc=%r stderr=%r" % (rc, err))

    # WITH (SNAPSHOT): the view's contents first, all +1 in one epoch, then the changes.
    view = f.view()
    p = Psql(f.port, "COPY (SUBSCRIBE TO v WITH (SNAPSHOT)) TO STDOUT")
    got = [change(line) for line in p.take(len(view))]
    equal("WITH (SNAPSHOT): the view's rows come first", sorted((k, n) for k, n in view.items()),
          sorted((c[2], c[3]) for c in got))
    check(all(c[1] == 1 for c in got) and len({c[0] for c in got}) == 1, "as +1 rows of one epoch", got)
    e0 = got[0][0] if got else 0
    check(p.quiet(0.5) == [], "and nothing else while nothing changes")
    f.insert(("c", 1))
    got = [change(line) for line in p.take(1)]
    check(len(got) == 1 and got[0][1:] == (1, "c", 1) and got[0][0] > e0, "then each change, in a later epoch", got)
    rc, err = p.finish(signal.SIGINT)
    check(rc != 0 and "canceling statement due to user request" in err, "SIGINT ends it too", err)

    # psql goes on working with the server: a plain query after the cancels.
    out = subprocess.run(["psql", "-X", "-At", "-h", "127.0.0.1", "-p", str(f.port), "-U", "eddy", "-d", "eddy",
                          "-c", "SELECT n FROM v WHERE k = 'a'"], capture_output=True, text=True, timeout=WAIT)
    equal("the view after the COPY subscriptions", "2", out.stdout.strip())


def simple_query_form(f):
    w = Wire(f.port)
    w.query("SUBSCRIBE TO (SELECT k, n * 10 AS n10 FROM v WHERE k <> 'b') WITH (SNAPSHOT = true)")
    kind, names = w.recv()
    equal("SUBSCRIBE describes _epoch, _diff and the SELECT's columns", ("T", ["_epoch", "_diff", "k", "n10"]),
          (kind, names))
    view = f.view()
    want = sorted((k, n * 10) for k, n in view.items() if k != "b")
    got = as_changes(w.rows(len(want)))
    equal("the snapshot, filtered and computed", want, sorted((c[2], c[3]) for c in got))
    check(all(c[1] == 1 for c in got), "snapshot rows are +1", got)

    f.insert(("b", 1))  # filtered out: no row
    f.insert(("a", 5))
    got = as_changes(w.rows(2))
    equal("the next rows are a's update (b's did not pass the WHERE)",
          [(-1, "a", view["a"] * 10), (1, "a", (view["a"] + 1) * 10)], [c[1:] for c in got])

    w.cancel()
    messages = w.until_ready()
    errors = [v for k, v in messages if k == "E"]
    check(len(errors) == 1 and errors[0].get("C") == "57014" and
          errors[0].get("M") == "canceling statement due to user request",
          "a CancelRequest ends SUBSCRIBE with 57014", messages)
    equal("then ReadyForQuery, idle", ("Z", "I"), messages[-1])
    w.query("SELECT n FROM v WHERE k = 'a'")
    equal("the session goes on", [["3"]], [v for k, v in w.until_ready() if k == "D"])

    # The extended protocol: Execute with a row limit pages a SUBSCRIBE portal.
    w.send(b"P", b"\0SUBSCRIBE TO v WITH (SNAPSHOT)\0\0\0")
    w.send(b"B", b"\0\0" + struct.pack("!hhh", 0, 0, 0))
    w.send(b"D", b"P\0")
    w.send(b"E", b"\0" + struct.pack("!i", 2))
    w.send(b"E", b"\0" + struct.pack("!i", 1))
    w.send(b"S")
    kinds = [k for k, v in w.until_ready()]
    equal("Execute with a row limit: 2 rows, PortalSuspended, 1 row, PortalSuspended",
          ["1", "2", "T", "D", "D", "s", "D", "s", "Z"], kinds)

    # COPY (SUBSCRIBE ...) through Parse / Bind / Execute: CopyOutResponse, then CopyData.
    n = len(f.view())
    w.send(b"P", b"\0COPY (SUBSCRIBE TO v WITH (SNAPSHOT)) TO STDOUT\0\0\0")
    w.send(b"B", b"\0\0" + struct.pack("!hhh", 0, 0, 0))
    w.send(b"E", b"\0" + struct.pack("!i", 0))
    w.send(b"S")
    got = [w.recv()[0] for _ in range(3 + n)]
    equal("COPY (SUBSCRIBE) by the extended protocol: CopyOutResponse, a line per row", ["1", "2", "H"] + ["d"] * n,
          got)
    w.cancel()
    equal("and a cancel ends it", ["E", "Z"], [k for k, v in w.until_ready()])

    # FETCH from a SUBSCRIBE cursor through Parse / Bind / Execute, waiting for a change; then
    # Execute on the cursor's name with a row limit.
    w.query("BEGIN")
    w.until_ready()
    w.query("DECLARE c CURSOR FOR SUBSCRIBE TO v")
    w.until_ready()
    w.send(b"P", b"\0FETCH 5 c\0\0\0")
    w.send(b"B", b"\0\0" + struct.pack("!hhh", 0, 0, 0))
    w.send(b"E", b"\0" + struct.pack("!i", 0))
    w.send(b"S")
    run_soon(f.server.dsn, "INSERT INTO s VALUES ('a', 1)", 0.4).join()
    got = w.until_ready()
    equal("an extended-protocol FETCH waits, then sends the epoch's rows and FETCH 2",
          ["1", "2", "D", "D", ("C", "FETCH 2"), ("Z", "T")],
          [k for k, v in got[:4]] + got[4:])
    w.send(b"E", b"c\0" + struct.pack("!i", 1))
    w.send(b"S")
    run_soon(f.server.dsn, "INSERT INTO s VALUES ('a', 1)", 0.4).join()
    equal("Execute on the cursor's name: one row, PortalSuspended", ["D", "s", "Z"],
          [k for k, v in w.until_ready()])
    w.query("COMMIT")
    w.until_ready()
    w.close()


def cursor_form(f):
    conn = psycopg2.connect(f.server.dsn)  # not autocommit: psycopg2 opens the block
    cur = conn.cursor()
    cur.execute("DECLARE c CURSOR FOR SUBSCRIBE TO v WITH (SNAPSHOT)")
    cur.execute("FETCH 100 c")
    got = cur.fetchall()
    equal("FETCH from a SUBSCRIBE cursor: the snapshot", sorted(f.view().items()),
          sorted((r[2], r[3]) for r in got))
    equal("with the columns _epoch, _diff, k, n", ["_epoch", "_diff", "k", "n"], [d.name for d in cur.description])
    e0 = got[0][0] if got else 0

    start = time.monotonic()
    timer = run_soon(f.server.dsn, "INSERT INTO s VALUES ('d', 1)", 0.6)
    cur.execute("FETCH 10 c")
    took = time.monotonic() - start
    got = cur.fetchall()
    timer.join()
    check(len(got) == 1 and got[0][1:] == (1, "d", 1) and got[0][0] > e0,
          "FETCH with nothing buffered waits for the next change", got)
    check(took >= 0.4, "(it waited for it: %.2f s)" % took)

    threading.Timer(0.5, conn.cancel).start()
    start = time.monotonic()
    equal("a cancel ends a waiting FETCH with 57014", "57014", sqlstate_of(lambda: cur.execute("FETCH 10 c")))
    check(time.monotonic() - start < 5, "promptly")
    conn.rollback()

    cur.execute("SET statement_timeout = '400ms'")
    cur.execute("DECLARE quiet CURSOR FOR SUBSCRIBE TO v")
    start = time.monotonic()
    try:
        cur.execute("FETCH 1 quiet")
        outcome = None
    except psycopg2.Error as e:
        outcome = (e.pgcode, e.diag.message_primary)
    equal("statement_timeout ends a waiting FETCH", ("57014", "canceling statement due to statement timeout"), outcome)
    check(0.3 <= time.monotonic() - start < 5, "at the timeout")
    conn.rollback()
    cur.execute("RESET statement_timeout")
    conn.commit()

    # psycopg2's named (server-side) cursor sends DECLARE "name" CURSOR WITHOUT HOLD FOR ... and
    # FETCH FORWARD n FROM "name".
    named = conn.cursor(name="subs")
    named.execute("SUBSCRIBE TO v WITH (SNAPSHOT)")
    got = named.fetchmany(3)
    check(len(got) == 3 and all(r[1] == 1 for r in got), "a psycopg2 named cursor over SUBSCRIBE fetches", got)
    named.close()
    conn.commit()
    conn.close()


def slow_subscriber(f):
    f.sql("CREATE STREAM s2 (k TEXT, pad TEXT)")
    f.sql("CREATE MATERIALIZED VIEW w AS SELECT k, pad FROM s2")
    w = Wire(f.port)
    w.query("SUBSCRIBE TO w")
    kind, _ = w.recv()
    equal("the slow subscriber's SUBSCRIBE starts", "T", kind)
    # Attached once a change shows.
    w.conn.sock.settimeout(0.3)
    attached = False
    deadline = time.monotonic() + WAIT
    while not attached and time.monotonic() < deadline:
        f.sql("INSERT INTO s2 VALUES ('sync', 'x')")
        try:
            attached = w.recv()[0] == "D"
        except OSError:
            pass
    w.conn.sock.settimeout(WAIT)
    check(attached, "the slow subscriber is attached")

    # It stops reading while 30 MB of changes pour in, in epochs far smaller than the buffer:
    # the server's writes to it block once the sockets hold a few MB, and the changes pile up.
    pad = "x" * 4000
    batches, per_batch = 30, 250
    start = time.monotonic()
    for b in range(batches):
        data = "".join("k%d_%d\t%s\n" % (b, i, pad) for i in range(per_batch))
        f.cur.copy_expert("COPY s2 FROM STDIN", io.StringIO(data))
        time.sleep(0.12)  # about an epoch (--checkpoint-interval 100ms) each
    f.sql("SELECT count(*) FROM w WHERE k <> 'sync'")
    equal("the view kept up with every row: the subscriber never held the query back", batches * per_batch,
          f.cur.fetchone()[0])
    check(time.monotonic() - start < 120, "in reasonable time")

    # Reading again: what the socket held, then FATAL 53400, then the end of the connection.
    rows, error, closed = 0, None, False
    try:
        while error is None:
            kind, value = w.recv()
            if kind == "D":
                rows += 1
            elif kind == "E":
                error = value
    except pg_wire.Closed:
        closed = True
    check(error is not None and error.get("S") == "FATAL" and error.get("C") == "53400" and
          error.get("M") == "subscriber fell more than %d changes behind" % BUFFER,
          "the slow subscriber gets FATAL 53400", "error=%r after %d rows" % (error, rows))
    check(rows < batches * per_batch, "after fewer rows than were written (%d)" % rows)
    if not closed:
        try:
            w.recv()
        except (pg_wire.Closed, OSError):
            closed = True
    check(closed, "and its connection is closed")
    w.close()
    f.sql("SELECT count(*) FROM v")
    check(f.cur.fetchone()[0] > 0, "other sessions are fine")


def hung_up(f):
    # A client that goes away while its SUBSCRIBE waits on a quiet view: nothing would ever be
    # written to notice it, so the session looks (every 2 s) and ends, releasing the subscription.
    log = os.path.join(f.server.temp_dir, "server.log")
    line = "connection closed: the client hung up during a statement that waits"
    before = open(log, errors="replace").read().count(line)
    for polite in (False, True):
        w = Wire(f.port)
        w.query("SUBSCRIBE TO w")
        w.recv()
        time.sleep(0.3)
        if polite:
            w.send(b"X")  # Terminate, then the end of the connection
        w.close()
    deadline = time.monotonic() + WAIT
    count = before
    while count < before + 2 and time.monotonic() < deadline:
        time.sleep(0.2)
        count = open(log, errors="replace").read().count(line)
    equal("a subscriber that hangs up (with or without Terminate) is let go", before + 2, count)


def drop_ends_subscriptions(f):
    w = Wire(f.port)
    w.query("SUBSCRIBE TO v WITH (SNAPSHOT)")
    n = len(f.view())
    w.rows(n)  # attached
    p = Psql(f.port, "COPY (SUBSCRIBE TO v WITH (SNAPSHOT)) TO STDOUT")
    psql_attached = len(p.take(n)) == n

    conn = psycopg2.connect(f.server.dsn)
    cur = conn.cursor()
    cur.execute("DECLARE c CURSOR FOR SUBSCRIBE TO v")
    outcome = {}

    def fetch():
        try:
            cur.execute("FETCH 1 c")
            outcome["rows"] = cur.fetchall()
        except psycopg2.Error as e:
            outcome["error"] = (e.pgcode, e.diag.message_primary)

    t = threading.Thread(target=fetch)
    t.start()
    time.sleep(0.5)  # the FETCH waits
    check(psql_attached and p.running(), "three subscribers wait on v")
    f.sql("DROP MATERIALIZED VIEW v")

    messages = w.until_ready()
    errors = [v for k, v in messages if k == "E"]
    check(len(errors) == 1 and errors[0].get("C") == "57000" and
          errors[0].get("M") == 'materialized view "v" was dropped' and errors[0].get("S") == "ERROR",
          "DROP MATERIALIZED VIEW ends a SUBSCRIBE with 57000", messages)
    w.query("SELECT 1")
    equal("and that session goes on", [["1"]], [v for k, v in w.until_ready() if k == "D"])
    w.close()

    rc, err = p.finish()
    check(rc != 0 and '57000: materialized view "v" was dropped' in err, "psql's COPY (SUBSCRIBE) ends with it too",
          "rc=%r stderr=%r" % (rc, err))
    t.join(WAIT)
    equal("a waiting FETCH too", {"error": ("57000", 'materialized view "v" was dropped')}, outcome)
    conn.rollback()
    cur.execute("SELECT 1")
    equal("and the cursor's session goes on", [(1,)], cur.fetchall())
    conn.close()
    f.sql("SELECT count(*) FROM w")
    check(f.cur.fetchone()[0] > 0, "the other view is untouched")


def epochs_end_when_caught_up(eddy):
    # A second server whose interval is far longer than the check's limit: only the caught-up
    # rule can make the row visible in time (a SUBSCRIBE, unlike a SELECT, asks for no flush).
    with EddyProcess(eddy, extra_args=["--checkpoint-interval", "30s"]) as server:
        admin = psycopg2.connect(server.dsn)
        admin.autocommit = True
        admin.cursor().execute("CREATE STREAM q (k TEXT)")
        admin.cursor().execute("CREATE MATERIALIZED VIEW qv AS SELECT k, count(*) AS n FROM q GROUP BY k")
        conn = psycopg2.connect(server.dsn)
        cur = conn.cursor()
        cur.execute("DECLARE c CURSOR FOR SUBSCRIBE TO qv")
        for n in (1, 2):
            start = time.monotonic()
            timer = run_soon(server.dsn, "INSERT INTO q VALUES ('a')", 0.3)
            cur.execute("FETCH 10 c")
            got = cur.fetchall()
            took = time.monotonic() - start
            timer.join()
            check([r[1:] for r in got][-1:] == [(1, "a", n)],
                  "insert %d into a quiet stream is committed once the source has caught up" % n, got)
            check(took < 5, "(within %.2f s, with a 30 s checkpoint interval)" % took)
        conn.rollback()
        conn.close()
        admin.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--eddy", required=True)
    args = parser.parse_args()
    with EddyProcess(args.eddy, extra_args=["--subscribe-buffer", str(BUFFER)]) as server:
        try:
            f = Fixture(server)
            f.sql("CREATE STREAM s (k TEXT, v BIGINT)")
            f.sql("CREATE MATERIALIZED VIEW v AS SELECT k, count(*) AS n FROM s GROUP BY k")
            for section in (copy_form, simple_query_form, cursor_form, slow_subscriber, hung_up,
                            drop_ends_subscriptions):
                try:
                    section(f)
                except Exception:
                    check(False, "%s: no unexpected exception" % section.__name__, traceback.format_exc())
            f.admin.close()
        except Exception:
            check(False, "no unexpected exception", traceback.format_exc())
        try:
            epochs_end_when_caught_up(args.eddy)
        except Exception:
            check(False, "epochs_end_when_caught_up: no unexpected exception", traceback.format_exc())
        was_running = server.running()
        ended = server.stop()
        check(was_running and not server.crashed(), "the server stops cleanly on SIGTERM", ended)
        if failures:
            print("server output (tail):\n" + server.log_tail())
    print("%d checks, %d failed" % (checks, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
