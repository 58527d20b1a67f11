#!/usr/bin/python3
# The benchmark queries stay correct: each of bench/nexmark/queries/*.sql is run to completion
# by a live server over a small bounded generator, and its views are checked against the
# ceiling program (bench/ceiling, plain C++ loops over the same generated events), which
# prints a checksum of each result computed independently of the engine:
#
#   q0, q1   the view holds one row per bid read (and q1's prices are 0.908 of q0's)
#   q2       count(*)                                    = the bids with auction % 123 = 0
#   q5       count(*) of q5_counts + sum(maxn) of q5_max = (auction, window) groups + each
#                                                          window's highest count
#   q7       sum(price + auction + bidder)               = the same over each window's best bid
#   q8       count(*)                                    = (person, window) pairs with an auction
#   clicks   count(*)                                    = (asset, minute) groups
#
#   /usr/bin/python3 tests/e2e/nexmark_e2e.py --eddy PATH --ceiling PATH [--events N]
#
# Prints one TAP-style line per check; exits 1 when any failed.

import argparse
import os
import re
import subprocess
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "support"))
sys.path.insert(0, os.path.join(ROOT, "bench", "nexmark"))

import psycopg2  # noqa: E402
from eddy_process import EddyProcess  # noqa: E402
from run import statements  # noqa: E402  (bench/nexmark/run.py: the query files as run.py runs them)

checks = 0
failures = 0

# What each query's views must sum to, as SQL over them; compared with the ceiling's checksum.
CHECKSUM_SQL = {
    "q2": "SELECT count(*) FROM q2",
    "q5": "SELECT (SELECT count(*) FROM q5_counts) + (SELECT sum(maxn) FROM q5_max)",
    "q7": "SELECT sum(price + auction + bidder) FROM q7",
    "q8": "SELECT count(*) FROM q8",
    "clicks": "SELECT count(*) FROM clicks_per_minute",
}


def check(ok, name, detail=""):
    global checks, failures
    checks += 1
    if not ok:
        failures += 1
    print("%s %d - %s%s" % ("ok" if ok else "not ok", checks, name, "" if ok else "  # %s" % (detail,)))
    sys.stdout.flush()


def ceiling_checksums(binary, events):
    out = subprocess.run([binary, "--events", str(events), "--repeat", "1"], check=True, capture_output=True,
                         text=True).stdout
    sums, rows = {}, {}
    for line in out.splitlines():
        m = re.match(r"\| (\w+) \| ([\d,]+) \|.*\| (\d+) \|$", line)
        if m:
            rows[m.group(1)] = int(m.group(2).replace(",", ""))
            sums[m.group(1)] = int(m.group(3))
    return sums, rows


def run_query(eddy, query, events):
    """Runs the query file to completion; returns (server, connection) for checking."""
    server = EddyProcess(eddy)
    server.start()
    conn = psycopg2.connect(server.dsn)
    conn.autocommit = True
    cur = conn.cursor()
    for s in statements(os.path.join(ROOT, "bench", "nexmark", "queries", query + ".sql"), events):
        cur.execute(s)
    deadline = time.monotonic() + 120
    while True:
        cur.execute("SELECT state, error FROM eddy_catalog.eddy_queries")
        states = cur.fetchall()
        if any(s == "failed" for s, _ in states):
            raise RuntimeError("%s failed: %s" % (query, states))
        if states and all(s == "finished" for s, _ in states):
            return server, conn
        if time.monotonic() > deadline:
            raise RuntimeError("%s did not finish: %s" % (query, states))
        time.sleep(0.05)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--eddy", required=True)
    parser.add_argument("--ceiling", required=True)
    parser.add_argument("--events", type=int, default=200000)
    args = parser.parse_args()
    sums, rows = ceiling_checksums(args.ceiling, args.events)
    check(set(sums) == {"q0", "q1", "q2", "q5", "q7", "q8", "clicks"}, "the ceiling ran every query", sums)
    for query in ("q0", "q1", "q2", "q5", "q7", "q8", "clicks"):
        server = None
        try:
            server, conn = run_query(args.eddy, query, args.events)
            cur = conn.cursor()
            if query in ("q0", "q1"):
                cur.execute("SELECT count(*), sum(price) FROM %s" % query)
                n, total = cur.fetchone()
                check(n == rows[query], "%s: one row per bid (%d)" % (query, rows[query]), n)
                if query == "q0":
                    q0_total = total
                else:
                    check(abs(float(total) - 0.908 * float(q0_total)) < 1e-6 * float(q0_total),
                          "q1: prices are 0.908 of q0's", (total, q0_total))
            else:
                cur.execute(CHECKSUM_SQL[query])
                got = int(cur.fetchone()[0] or 0)
                check(got == sums[query], "%s: the views agree with the plain loop (%d)" % (query, sums[query]), got)
            conn.close()
        except Exception:
            check(False, "%s: no unexpected exception" % query, traceback.format_exc())
            if server:
                print(server.log_tail())
        finally:
            if server:
                server.stop()
                server.cleanup()
    print("%d checks, %d failed" % (checks, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
