#!/usr/bin/python3
"""e2e.streaming_restart: event-time state survives crashes. The same events go to two servers,
one left alone and one killed (SIGKILL) between batches; every view (sliding and session
windows, EMIT ON WINDOW CLOSE, late rows, a stream-stream interval join, a stream-table join)
must end identical on both, as must the dead letters and the late-row counts. A watermark,
a session, a join's kept rows or a closed window that were lost or applied twice would show.

  /usr/bin/python3 tests/e2e/streaming_restart_e2e.py --eddy build/eddy [--seed 7]
"""

import argparse
import datetime
import os
import random
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import psycopg2  # noqa: E402

from eddy_process import EddyProcess  # noqa: E402

SETUP = [
    "CREATE TABLE users (k TEXT PRIMARY KEY, segment TEXT)",
    "INSERT INTO users VALUES ('k0', 'gold'), ('k1', 'silver'), ('k2', 'gold')",
    "CREATE STREAM s (id BIGINT, k TEXT, v BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '30 seconds')",
    "CREATE STREAM t (id BIGINT, k TEXT, v BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '30 seconds')",
    "CREATE MATERIALIZED VIEW sliding WITH (late_rows = 'dead_letter') AS SELECT k, window_start, window_end, "
    "count(*) AS n, sum(v) AS total, max(v) AS top FROM s GROUP BY k, WINDOW(ts, '2 minutes', '1 minute')",
    "CREATE MATERIALIZED VIEW sessions AS SELECT k, window_start, window_end, count(*) AS n, min(v) AS low "
    "FROM s GROUP BY k, SESSION_WINDOW(ts, '45 seconds')",
    "CREATE MATERIALIZED VIEW final AS SELECT k, window_start, count(*) AS n, count(DISTINCT v) AS nd "
    "FROM s GROUP BY k, WINDOW(ts, '1 minute') EMIT ON WINDOW CLOSE",
    "CREATE MATERIALIZED VIEW pairs AS SELECT s.id AS sid, t.id AS tid, s.k FROM s LEFT JOIN t "
    "ON s.k = t.k AND t.ts BETWEEN s.ts AND s.ts + INTERVAL '1 minute'",
    "CREATE MATERIALIZED VIEW by_segment AS SELECT u.segment, count(*) AS n FROM s JOIN users u ON u.k = s.k "
    "GROUP BY u.segment",
]

VIEWS = {
    "sliding": "SELECT k, window_start, window_end, n, total, top FROM sliding",
    "sessions": "SELECT k, window_start, window_end, n, low FROM sessions",
    "final": "SELECT k, window_start, n, nd FROM final",
    "pairs": "SELECT sid, tid, k FROM pairs",
    "by_segment": "SELECT segment, n FROM by_segment",
    "dead_letters": "SELECT payload, error FROM eddy_dead_letters",
    "late": "SELECT target, late_rows FROM eddy_queries",
}


def events(seed, n):
    rnd = random.Random(seed)
    base = datetime.datetime(2026, 11, 20, 10, 0, 0)
    out = []
    clock = 0.0
    for i in range(n):
        clock += rnd.uniform(0, 6)
        jitter = rnd.uniform(-25, 0) if rnd.random() < 0.8 else rnd.uniform(-120, -31)  # some late
        ts = base + datetime.timedelta(seconds=clock + jitter)
        out.append((i, "k%d" % rnd.randrange(4), rnd.randrange(20), ts.strftime("%Y-%m-%d %H:%M:%S.%f")))
    return out


def feed(cur, stream, rows):
    values = ",".join("(%d, '%s', %d, '%s')" % r for r in rows)
    cur.execute("INSERT INTO %s VALUES %s" % (stream, values))


def snapshot(cur):
    out = {}
    for name, sql in VIEWS.items():
        cur.execute(sql)
        out[name] = sorted(cur.fetchall(), key=repr)
    return out


def connect(server):
    conn = psycopg2.connect(server.dsn)
    conn.autocommit = True
    return conn


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--eddy", required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--batches", type=int, default=6)
    args = ap.parse_args()
    s_events = events(args.seed, 600)
    t_events = events(args.seed + 1, 600)
    size = len(s_events) // args.batches
    failures = 0
    with EddyProcess(args.eddy) as steady, EddyProcess(args.eddy) as crashing:
        for server in (steady, crashing):
            cur = connect(server).cursor()
            for sql in SETUP:
                cur.execute(sql)
        for b in range(args.batches):
            part_s = s_events[b * size:(b + 1) * size]
            part_t = t_events[b * size:(b + 1) * size]
            for server in (steady, crashing):
                cur = connect(server).cursor()
                feed(cur, "s", part_s)
                feed(cur, "t", part_t)
                snapshot(cur)  # reading the views waits until they have consumed the batch
            # Crash once the batch is committed, or (odd batches) right after feeding it.
            if b % 2 == 1:
                time.sleep(0.3)
            crashing.restart(crash=True)
            print("batch %d fed; crashed and restarted" % b)
        want = snapshot(connect(steady).cursor())
        got = snapshot(connect(crashing).cursor())
        for name in VIEWS:
            ok = want[name] == got[name]
            failures += 0 if ok else 1
            print("%s %s (%d rows)" % ("ok" if ok else "not ok", name, len(want[name])))
            if not ok:
                w, g = set(want[name]), set(got[name])
                for r in sorted(w - g, key=repr)[:5]:
                    print("    missing after restarts:", r)
                for r in sorted(g - w, key=repr)[:5]:
                    print("    extra after restarts:  ", r)
        if not any(r[1] > 0 for r in want["late"]) or not want["dead_letters"]:
            print("not ok: the events had no late rows, so lateness was not exercised")
            failures += 1
        if crashing.crashed():
            print("not ok: the server crashed on its own:\n" + crashing.log_tail())
            failures += 1
    print("%d failed" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
