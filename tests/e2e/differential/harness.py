# Plumbing for the differential test: a throwaway PostgreSQL 15, a client for Eddy and one for
# PostgreSQL that turn errors into readable text, feeding events in batches, per-case results.

import ctypes
import io
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "support"))

import psycopg2  # noqa: E402
from eddy_process import free_port  # noqa: E402

from model import sql_ts  # noqa: E402


# ------------------------------------------------------------------------------------------------
# PostgreSQL

def pg_bindir():
    try:
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True).stdout.strip()
        if out and os.path.exists(os.path.join(out, "postgres")):
            return out
    except OSError:
        pass
    root = "/usr/lib/postgresql"
    versions = sorted((d for d in os.listdir(root) if os.path.exists(os.path.join(root, d, "bin", "postgres"))),
                      key=lambda d: [int(x) for x in d.split(".") if x.isdigit()]) if os.path.isdir(root) else []
    if not versions:
        raise RuntimeError("PostgreSQL server binaries not found (apt-get install postgresql)")
    return os.path.join(root, versions[-1], "bin")


class PgServer:
    """initdb into a temp dir and run postgres on a free port (as the postgres user when run as
    root, as tests/slt/selftest/pg_as_eddy.sh does); user eddy, trust; stopped by stop()."""

    def __init__(self, keep_temp=False):
        self.keep_temp = keep_temp
        self.dir = None
        self.process = None
        self.port = None

    @property
    def dsn(self):
        return "host=127.0.0.1 port=%d user=eddy dbname=postgres" % self.port

    def _preexec(self):
        uid_gid = self._ids

        def run():
            if uid_gid is not None:
                os.setgroups([])
                os.setgid(uid_gid[1])
                os.setuid(uid_gid[0])
            libc = ctypes.CDLL("libc.so.6", use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG (after setuid, which clears it)
            os.setpgid(0, 0)
        return run

    def start(self):
        bindir = pg_bindir()
        self.dir = tempfile.mkdtemp(prefix="eddy-diff-pg-")
        self._ids = None
        if os.getuid() == 0:
            pw = pwd.getpwnam("postgres")
            self._ids = (pw.pw_uid, pw.pw_gid)
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
        data = os.path.join(self.dir, "pg")
        r = subprocess.run([os.path.join(bindir, "initdb"), "-D", data, "-U", "eddy", "--auth=trust",
                            "-E", "UTF8", "--no-locale"], capture_output=True, text=True,
                           preexec_fn=self._preexec(), cwd=self.dir)
        if r.returncode != 0:
            raise RuntimeError("initdb failed:\n" + r.stdout + r.stderr)
        self.port = free_port()
        log = open(os.path.join(self.dir, "postgres.log"), "wb")
        self.process = subprocess.Popen(
            [os.path.join(bindir, "postgres"), "-D", data, "-p", str(self.port),
             "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + self.dir,
             "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
             "-c", "timezone=UTC", "-c", "max_connections=20"],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            preexec_fn=self._preexec(), cwd=self.dir)
        log.close()
        deadline = time.monotonic() + 30
        while True:
            if self.process.poll() is not None:
                raise RuntimeError("postgres exited:\n" + self.log_tail())
            try:
                psycopg2.connect(self.dsn, connect_timeout=2).close()
                return self
            except psycopg2.OperationalError:
                if time.monotonic() > deadline:
                    raise RuntimeError("postgres did not start:\n" + self.log_tail())
                time.sleep(0.1)

    def log_tail(self, n=30):
        try:
            with open(os.path.join(self.dir, "postgres.log"), errors="replace") as f:
                return "".join(f.readlines()[-n:])
        except OSError:
            return ""

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # fast shutdown
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self.dir and not self.keep_temp:
            shutil.rmtree(self.dir, ignore_errors=True)


# ------------------------------------------------------------------------------------------------
# Clients

class SqlError(Exception):
    def __init__(self, server, sql, err):
        self.server = server
        self.sql = sql
        self.pgcode = getattr(err, "pgcode", None)
        msg = (getattr(err, "pgerror", None) or str(err)).strip()
        self.message = msg
        super().__init__("%s%s\n  in: %s" % ("%s " % self.pgcode if self.pgcode else "", msg, short_sql(sql)))


def short_sql(sql, limit=400):
    sql = " ".join(sql.split())
    return sql if len(sql) <= limit else sql[:limit] + " ..."


class Client:
    """Autocommit connection; every error raised as SqlError naming the server and statement."""

    def __init__(self, name, dsn, verbose=False):
        self.name = name
        self.verbose = verbose
        self.conn = psycopg2.connect(dsn, connect_timeout=10)
        self.conn.autocommit = True
        try:  # a statement that hangs fails this case instead of the whole run's ctest timeout
            self.conn.cursor().execute("SET statement_timeout = '60s'")
        except psycopg2.Error:
            pass

    def run(self, sql, params=None):
        if self.verbose:
            print("    [%s] %s" % (self.name, short_sql(sql, 300)))
        cur = self.conn.cursor()
        try:
            cur.execute(sql, params)
        except psycopg2.Error as e:
            raise SqlError(self.name, sql, e) from None
        return cur

    def rows(self, sql):
        cur = self.run(sql)
        cols = [d[0] for d in cur.description]
        return cols, [tuple(r) for r in cur.fetchall()]

    def copy_in(self, table, text, columns=None):
        sql = "COPY %s%s FROM STDIN" % (table, " (%s)" % ", ".join(columns) if columns else "")
        if self.verbose:
            print("    [%s] %s (%d lines)" % (self.name, sql, text.count("\n")))
        cur = self.conn.cursor()
        try:
            cur.copy_expert(sql, io.StringIO(text))
        except psycopg2.Error as e:
            raise SqlError(self.name, sql, e) from None

    def close(self):
        try:
            self.conn.close()
        except psycopg2.Error:
            pass


def copy_text(rows):
    """COPY text format lines for tuples of None / int / str / ms-timestamps already rendered."""
    def field(x):
        if x is None:
            return "\\N"
        return str(x).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
    return "".join("\t".join(field(x) for x in r) + "\n" for r in rows)


def sql_literal(x):
    if x is None:
        return "NULL"
    if isinstance(x, bool):
        return "TRUE" if x else "FALSE"
    if isinstance(x, int):
        return str(x)
    return "'" + str(x).replace("'", "''") + "'"


def event_row(e):
    return (e.id, e.k, e.v, None if e.ts is None else sql_ts(e.ts))


def load_events(client, table, events, extra=None):
    """COPY events (id, k, v, ts[, extra(e)...]) into a table in one go."""
    rows = [event_row(e) + (tuple(extra(e)) if extra else ()) for e in events]
    if rows:
        client.copy_in(table, copy_text(rows))


def batches(events, rng, lo=1, hi=250):
    """Splits events (arrival order) into batches of random sizes, a few of them tiny."""
    out, i = [], 0
    while i < len(events):
        n = rng.randint(lo, 4) if rng.random() < 0.15 else rng.randint(30, hi)
        out.append(events[i:i + n])
        i += n
    return out


def send(client, table, events, rng):
    """One batch into a stream: a multi-row INSERT or a COPY."""
    if rng.random() < 0.5:
        client.run("INSERT INTO %s (id, k, v, ts) VALUES %s" % (
            table, ", ".join("(%s)" % ", ".join(sql_literal(x) for x in event_row(e)) for e in events)))
    else:
        client.copy_in(table, copy_text([event_row(e) for e in events]), ["id", "k", "v", "ts"])


def feed(client, arrivals, rng, max_pause=0.05):
    """Sends (stream, event) pairs in arrival order in several batches (a batch holding rows of
    several streams sends each stream's rows in order), each by a multi-row INSERT or a COPY, with
    short pauses far below any idle threshold. Returns the monotonic time after the last batch."""
    for b in batches(arrivals, rng):
        order = []
        per = {}
        for table, e in b:
            if table not in per:
                order.append(table)
                per[table] = []
            per[table].append(e)
        for table in order:
            send(client, table, per[table], rng)
        if rng.random() < 0.3:
            time.sleep(rng.uniform(0, max_pause))
    return time.monotonic()


# ------------------------------------------------------------------------------------------------
# Results

class Result:
    def __init__(self, name):
        self.name = name
        self.checks = []  # (check, ok, detail)
        self.seconds = 0.0

    def check(self, name, ok, detail=""):
        self.checks.append((name, ok, detail))
        return ok

    @property
    def ok(self):
        return all(ok for _, ok, _ in self.checks) and bool(self.checks)

    def first_failure(self):
        for name, ok, detail in self.checks:
            if not ok:
                first = (detail or "").strip().splitlines()
                return "%s: %s" % (name, first[0] if first else "failed")
        return ""
