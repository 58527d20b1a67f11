#!/usr/bin/python3
"""e2e.memory: a generator at a steady rate feeding tumbling windows with a watermark; the state
the query keeps (groups in memory, their bytes, the server's anonymous memory) stays flat while
the input grows without bound, because closed windows' state is freed (docs/streaming.md).

  /usr/bin/python3 tests/e2e/memory_e2e.py --eddy build/eddy [--seconds 40] [--rate 20000]

EDDY_MEMORY_SECONDS overrides --seconds (a long run: EDDY_MEMORY_SECONDS=600). Prints one line
per sample; exits non-zero when a check fails.
"""

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import psycopg2  # noqa: E402

from eddy_process import EddyProcess  # noqa: E402

checks = 0
failures = 0


def check(ok, what):
    global checks, failures
    checks += 1
    if ok:
        print("ok %d - %s" % (checks, what))
    else:
        failures += 1
        print("not ok %d - %s" % (checks, what))


def rss_anon_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("RssAnon:"):
                return int(line.split()[1])
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--eddy", required=True)
    ap.add_argument("--seconds", type=float, default=40.0)
    ap.add_argument("--rate", type=int, default=20000)
    ap.add_argument("--assets", type=int, default=1000)
    args = ap.parse_args()
    seconds = float(os.environ.get("EDDY_MEMORY_SECONDS", args.seconds))

    with EddyProcess(args.eddy) as server:
        conn = psycopg2.connect(server.dsn)
        conn.autocommit = True
        cur = conn.cursor()
        # Event time advances one second per `rate` events (the generator's ts), so 1-second
        # windows close steadily; with a 2-second bound about three windows per asset are open.
        cur.execute("CREATE STREAM clicks (asset TEXT, cost BIGINT, ts TIMESTAMP, "
                    "WATERMARK FOR ts AS ts - INTERVAL '2 seconds') "
                    "USING generator OPTIONS (kind 'clicks', rate '%d', assets '%d', seed '7')"
                    % (args.rate, args.assets))
        cur.execute("CREATE MATERIALIZED VIEW per_second AS SELECT asset, window_start, count(*) AS n, "
                    "sum(cost) AS spend FROM clicks GROUP BY asset, WINDOW(ts, '1 second')")
        cur.execute("CREATE MATERIALIZED VIEW final_per_second AS SELECT asset, window_start, count(*) AS n "
                    "FROM clicks GROUP BY asset, WINDOW(ts, '1 second') EMIT ON WINDOW CLOSE")
        start = time.monotonic()
        samples = []
        while time.monotonic() - start < seconds:
            time.sleep(2.0)
            cur.execute("SELECT target, rows_consumed, state_groups, state_bytes, late_rows FROM eddy_queries "
                        "ORDER BY target")
            rows = {r[0]: r[1:] for r in cur.fetchall()}
            rss = rss_anon_kib(server.process.pid)
            t = time.monotonic() - start
            samples.append((t, rows, rss))
            print("t=%5.1fs rss_anon=%7d KiB  %s" % (
                t, rss, "  ".join("%s: rows=%d groups=%d bytes=%d late=%d" % ((name,) + tuple(v))
                                  for name, v in sorted(rows.items()))))
        cur.execute("SELECT count(*), sum(n) FROM final_per_second")
        final_windows, final_rows = cur.fetchone()
        conn.close()

    warm = [s for s in samples if s[0] >= seconds * 0.25]
    check(len(warm) >= 3, "enough samples after warm-up (%d)" % len(warm))
    if len(warm) < 3:
        return 1
    consumed = samples[-1][1]["per_second"][0]
    check(consumed >= args.rate * seconds * 0.5,
          "the generator kept its rate: %d rows in %.0f s (rate %d)" % (consumed, seconds, args.rate))
    for view in ("per_second", "final_per_second"):
        groups = [s[1][view][1] for s in warm]
        state = [s[1][view][2] for s in warm]
        # Open windows per asset: the current second, and those within the 2-second bound.
        check(max(groups) <= args.assets * 5,
              "%s: state groups stay bounded (max %d <= %d) while %d rows went in" % (
                  view, max(groups), args.assets * 5, consumed))
        check(max(state) <= 2 * min(s for s in state if s > 0),
              "%s: state bytes stay flat (min %d, max %d)" % (view, min(state), max(state)))
        check(all(s[1][view][3] == 0 for s in samples), "%s: no late rows from an in-order generator" % view)
    rss = [s[2] for s in warm]
    check(rss[-1] - rss[0] <= max(rss[0] // 4, 32 * 1024),
          "anonymous memory stays flat after warm-up (%d KiB -> %d KiB)" % (rss[0], rss[-1]))
    check(final_windows and final_windows > 0 and final_rows > 0,
          "EMIT ON WINDOW CLOSE wrote closed windows (%s windows, %s rows)" % (final_windows, final_rows))
    print("%d checks, %d failed" % (checks, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
