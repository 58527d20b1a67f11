#!/usr/bin/python3
"""Nexmark on one core: each query of bench/nexmark/queries run to completion, repeatedly.

    bench/run nexmark [--events N] [--repeat R] [--queries q0,q1,...] [--build DIR] [--core C]

For each query and repetition: a fresh `eddy server` (its own temp data dir, default
checkpoint interval) pinned to one core with taskset, the query's streams created (bounded
generators: `events N` covers the first N Nexmark events, or N clicks), then its materialized
views, and the server's CPU time (utime + stime of the whole process, /proc/<pid>/stat) and wall
time measured from just before the first CREATE MATERIALIZED VIEW until every query reports
`finished` in eddy_catalog.eddy_queries (the generator is exhausted and the last epoch is
committed). Generation, evaluation, aggregation and the LMDB commits are all inside the figure.

It prints, per query, the rows the query read (its input events), then events/s over wall time
and events/s per core (rows / CPU seconds), each as min / median / max over the repetitions.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "support"))

import psycopg2  # noqa: E402  (Debian's python3-psycopg2, for /usr/bin/python3)
from eddy_process import EddyProcess  # noqa: E402

ALL_QUERIES = ["q0", "q1", "q2", "q5", "q7", "q8", "clicks"]
TICKS = os.sysconf("SC_CLK_TCK")


def statements(path, events):
    """The query file's statements with psql's :'events' replaced, comments dropped."""
    text = open(path).read().replace(":'events'", "'%d'" % events)
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("--"))
    return [s.strip() for s in text.split(";") if s.strip()]


def cpu_seconds(pid):
    fields = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime (fields 14, 15)


def rss_mb(pid):
    for line in open("/proc/%d/status" % pid):
        if line.startswith("RssAnon:"):  # the heap: operator state, not the mapped LMDB file
            return int(line.split()[1]) / 1024
    return 0.0


def run_once(binary, query, events, core, timeout):
    server = EddyProcess(binary)
    server.start()
    try:
        subprocess.run(["taskset", "-a", "-c", "-p", str(core), str(server.process.pid)],
                       check=True, stdout=subprocess.DEVNULL)
        conn = psycopg2.connect(server.dsn)
        conn.autocommit = True
        cur = conn.cursor()
        stmts = statements(os.path.join(HERE, "queries", query + ".sql"), events)
        for s in stmts:
            if re.match(r"CREATE\s+STREAM", s, re.I):
                cur.execute(s)
        cpu0, wall0 = cpu_seconds(server.process.pid), time.monotonic()
        for s in stmts:
            if not re.match(r"CREATE\s+STREAM", s, re.I):
                cur.execute(s)
        deadline = wall0 + timeout
        rss = []  # (seconds since the views were created, RSS in MB)
        while True:
            rss.append((time.monotonic() - wall0, rss_mb(server.process.pid)))
            cur.execute("SELECT state, error, rows_consumed, source FROM eddy_catalog.eddy_queries")
            rows = cur.fetchall()
            failed = [r for r in rows if r[0] == "failed"]
            if failed:
                raise RuntimeError("%s failed: %s" % (query, failed[0][1]))
            if rows and all(r[0] == "finished" for r in rows):  # a view over a view ends with it
                break
            if time.monotonic() > deadline:
                raise RuntimeError("%s did not finish in %d s: %s" % (query, timeout, rows))
            time.sleep(0.02)
        wall = time.monotonic() - wall0
        cpu = cpu_seconds(server.process.pid) - cpu0
        consumed = sum(r[2] or 0 for r in rows if r[3].startswith("generator"))  # stream rows only
        conn.close()
        # RSS at a quarter, half, three quarters and the end of the run: flat when state is bounded.
        marks = [next((m for t, m in rss if t >= f * wall), rss[-1][1]) for f in (0.25, 0.5, 0.75, 1.0)]
        return consumed, wall, cpu, marks
    finally:
        server.stop()
        server.cleanup()


def triple(values):
    return "%s / %s / %s" % tuple("{:,.0f}".format(v) for v in (min(values), statistics.median(values), max(values)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--queries", default=",".join(ALL_QUERIES))
    ap.add_argument("--build", default=os.environ.get("EDDY_BUILD_DIR", os.path.join(ROOT, "build")))
    ap.add_argument("--core", type=int, default=os.cpu_count() - 1, help="the core the server is pinned to")
    ap.add_argument("--timeout", type=int, default=600, help="seconds one run may take")
    args = ap.parse_args()
    binary = os.path.join(args.build, "eddy")
    queries = [q.strip() for q in args.queries.split(",") if q.strip()]
    for q in queries:
        if q not in ALL_QUERIES:
            ap.error("unknown query %s (known: %s)" % (q, ", ".join(ALL_QUERIES)))

    print("Nexmark, %d events, %d runs each, server pinned to core %d, build %s" %
          (args.events, args.repeat, args.core, args.build))
    print()
    print("| query | rows read | events/s (wall) min / median / max | events/s per core (CPU) min / median / max "
          "| server anonymous RSS MB at 1/4, 1/2, 3/4, end (last run) |")
    print("|---|---|---|---|---|")
    sys.stdout.flush()
    for q in queries:
        runs = [run_once(binary, q, args.events, args.core, args.timeout) for _ in range(args.repeat)]
        rows = {r[0] for r in runs}
        if len(rows) != 1:
            raise RuntimeError("%s read a different number of rows across runs: %s" % (q, sorted(rows)))
        n = rows.pop()
        print("| %s | %s | %s | %s | %s |" % (q, "{:,}".format(n), triple([n / r[1] for r in runs]),
                                             triple([n / r[2] for r in runs]),
                                             " / ".join("%.0f" % m for m in runs[-1][3])))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
