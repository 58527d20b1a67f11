#!/usr/bin/python3
# The differential test of streaming (docs/streaming.md): deterministic event sets fed to Eddy's
# materialized views over INSERT/COPY, compared row by row with the same answer computed by a
# throwaway PostgreSQL 15 (hand-written equivalent SQL) and by a pure-Python model of the
# documented semantics (windows, watermarks, late rows, emit modes, aggregates, joins, views over
# views). See README.md next to this file.
#
#   /usr/bin/python3 tests/e2e/differential/differential.py --eddy build/eddy [--case PATTERN]...
#       [--seed N] [--big] [--list] [--model-only] [--no-idle-phase] [--verbose] [--keep-temp]
#
# Exits 1 when any case fails. psycopg2 is Debian's: run it with /usr/bin/python3.

import argparse
import datetime
import fnmatch
import json
import os
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "support"))

from cases import CASES  # noqa: E402
from compare import compare_rows, show, SHOW  # noqa: E402
from eddy_process import EddyProcess  # noqa: E402
from harness import Client, PgServer, Result, SqlError  # noqa: E402
from model import base_time, dt, watermarks, tumble_start, slide_starts  # noqa: E402

DEFAULT_SEED = 20261120


class Ctx:
    def __init__(self, args, pg, eddy):
        self.pg = pg
        self.eddy = eddy
        self.seed = args.seed
        self.scale = args.scale
        self.start_ms = base_time(span_hours=3 * args.scale + 1)  # the interval joins' data spans 3 h per scale
        self.settle = args.settle
        self.idle_phase = not args.no_idle_phase
        self.idle_extra = args.idle_extra
        self.verbose = args.verbose

    def note(self, res, text):
        res.notes.append(text)

    def poll_check(self, res, name, sql, names, want, key_cols, approx=(), timeout=None):
        """Reads sql until its rows equal want (streaming results may trail by an epoch) or the
        timeout passes; records the last comparison."""
        timeout = self.settle if timeout is None else timeout
        deadline = time.monotonic() + timeout
        while True:
            ok, text = compare_rows(names, self.eddy.rows(sql)[1], want, key_cols, approx)
            if ok or time.monotonic() >= deadline:
                return res.check(name, ok, text)
            time.sleep(0.1)

    def query_id(self, view):
        cols, rows = self.eddy.rows("SHOW MATERIALIZED VIEWS")
        ids = [int(r[1]) for r in rows if r[0] == view]
        if not ids:
            raise SqlError("eddy", "SHOW MATERIALIZED VIEWS", Exception("view %s not listed" % view))
        return ids[0]

    def check_dead_letters(self, res, view, late_events, events, bound, window):
        """eddy_dead_letters of the view's query = the predicted late rows (by id), each with the
        row's fields as its JSON payload and a 'late row' error."""
        qid = self.query_id(view)
        rows = self.eddy.rows("SELECT payload, error FROM eddy_dead_letters WHERE query_id = %d" % qid)[1]
        got, problems = {}, []
        for payload, error in rows:
            try:
                d = json.loads(payload)
                rid = int(d["id"])
            except (ValueError, KeyError, TypeError):
                problems.append("payload without a JSON id: %r (error %r)" % (payload, error))
                continue
            got[rid] = (d, error)
        want = {e.id: e for e in late_events}
        wm = dict(zip([e.id for e in events], watermarks(events, bound)))

        def describe(e):
            w = wm.get(e.id)
            txt = "id=%d k=%s v=%s ts=%s watermark-before=%s" % (e.id, e.k, show(e.v), show(dt(e.ts)), show(dt(w)))
            if window and e.ts is not None:
                if window[0] == "tumble":
                    s = tumble_start(e.ts, window[1])
                    txt += " window=[%s, %s)" % (show(dt(s)), show(dt(s + window[1])))
                elif window[0] == "slide":
                    ends = [s + window[1] for s in slide_starts(e.ts, window[1], window[2])]
                    txt += " last window end=%s" % show(dt(max(ends)))
            return txt

        missing = sorted(set(want) - set(got))
        extra = sorted(set(got) - set(want))
        by_id = {e.id: e for e in events}
        for rid in sorted(set(got) & set(want)):
            d, error = got[rid]
            e = want[rid]
            if "late row" not in (error or ""):
                problems.append("id %d: error %r does not say 'late row'" % (rid, error))
            if "k" in d and d["k"] != e.k:
                problems.append("id %d: payload k %r, row has %r" % (rid, d["k"], e.k))
            if "v" in d and (None if d["v"] is None else str(d["v"])) != (None if e.v is None else str(e.v)):
                problems.append("id %d: payload v %r, row has %r" % (rid, d["v"], e.v))
            if "ts" in d and d["ts"] is not None:
                try:
                    ts = datetime.datetime.fromisoformat(str(d["ts"]).replace("T", " "))
                    if ts != dt(e.ts):
                        problems.append("id %d: payload ts %r, row has %s" % (rid, d["ts"], show(dt(e.ts))))
                except ValueError:
                    problems.append("id %d: payload ts %r is not a timestamp" % (rid, d["ts"]))
        ok = not (missing or extra or problems)
        lines = ["%d dead letters, %d predicted late: %d missing, %d unexpected" % (
            len(got), len(want), len(missing), len(extra))]
        if missing:
            lines.append("  predicted late, not dead-lettered:")
            lines += ["    " + describe(want[i]) for i in missing[:SHOW]]
            if len(missing) > SHOW:
                lines.append("    ... %d more" % (len(missing) - SHOW))
        if extra:
            lines.append("  dead-lettered, not predicted late:")
            lines += ["    " + (describe(by_id[i]) if i in by_id else "id=%d (not an event of this case)" % i)
                      + "  error: %s" % got[i][1] for i in extra[:SHOW]]
            if len(extra) > SHOW:
                lines.append("    ... %d more" % (len(extra) - SHOW))
        lines += ["  " + p for p in problems[:SHOW]]
        res.check("eddy: dead letters = predicted late rows", ok, "\n".join(lines))

    def check_show_queries(self, res, view, consumed, late, need_late_column):
        """SHOW QUERIES: the view's query consumed every row, and (docs/streaming.md: late rows
        are "counted in SHOW QUERIES") a column whose name contains "late" holds the late count."""
        deadline = time.monotonic() + self.settle
        while True:
            cols, rows = self.eddy.rows("SHOW QUERIES")
            mine = [dict(zip(cols, r)) for r in rows if dict(zip(cols, r)).get("target") == view]
            if not mine:
                return res.check("eddy: SHOW QUERIES", False, "no query with target %s:\n%s" % (view, rows))
            q = mine[0]
            problems = []
            if consumed is not None and str(q.get("rows_consumed")) != str(consumed):
                problems.append("rows_consumed %s, %d rows were sent" % (q.get("rows_consumed"), consumed))
            late_cols = [c for c in cols if "late" in c]
            if late_cols:
                if str(q[late_cols[0]]) != str(late):
                    problems.append("%s %s, %d rows were late" % (late_cols[0], q[late_cols[0]], late))
            elif need_late_column:
                problems.append("no late-row count column (one whose name contains 'late') among %s; "
                                "%d rows were late" % (", ".join(cols), late))
            if not problems or time.monotonic() >= deadline:
                return res.check("eddy: SHOW QUERIES counts", not problems, "\n".join(problems))
            time.sleep(0.1)

    def drop(self, objects):
        if self.eddy is None:
            return
        for o in objects:
            kind, name = o.rsplit(" ", 1)
            try:
                self.eddy.run("DROP %s IF EXISTS %s CASCADE" % (kind, name))
            except SqlError:
                pass


def selected(args):
    pats = []
    for c in args.case or []:
        pats += [p.strip() for p in c.split(",") if p.strip()]
    if not pats:
        return list(CASES)
    out = [c for c in CASES if any(fnmatch.fnmatchcase(c.name, p) or p in c.name for p in pats)]
    if not out:
        sys.exit("no case matches %s (see --list)" % ", ".join(pats))
    return out


def print_result(res, verbose):
    status = "PASS" if res.ok else "FAIL"
    print("%s %s (%.1f s)%s" % (status, res.name, res.seconds, ("  [%s]" % "; ".join(res.notes)) if res.notes else ""))
    for name, ok, detail in res.checks:
        if ok and not verbose:
            continue
        print("    %s %s" % ("ok  " if ok else "FAIL", name))
        if detail and (not ok or verbose):
            for line in detail.splitlines():
                print("         " + line)
    sys.stdout.flush()


def main():
    ap = argparse.ArgumentParser(description="Eddy's streaming views vs PostgreSQL 15 and a Python model "
                                 "of docs/streaming.md (tests/e2e/differential/README.md)")
    ap.add_argument("--eddy", help="the eddy binary (build/eddy)")
    ap.add_argument("--seed", type=int, default=int(os.environ.get("EDDY_DIFF_SEED", DEFAULT_SEED)),
                    help="event sets' seed (default %d, or $EDDY_DIFF_SEED)" % DEFAULT_SEED)
    ap.add_argument("--case", action="append", help="run the cases matching (glob or substring; "
                    "comma-separated; repeatable)")
    ap.add_argument("--list", action="store_true", help="list the cases and exit")
    ap.add_argument("--big", action="store_true", help="10 times more events per case")
    ap.add_argument("--scale", type=float, default=None, help="multiply events per case (default 1, --big 10)")
    ap.add_argument("--model-only", action="store_true", help="only check the Python model against PostgreSQL")
    ap.add_argument("--fake-eddy", action="store_true",
                    help="the harness's self-test: Eddy replaced by a stand-in answering like a correct Eddy "
                         "(every case must pass)")
    ap.add_argument("--no-idle-phase", action="store_true",
                    help="skip waiting for the idle rule to close the remaining windows (EMIT ON WINDOW CLOSE)")
    ap.add_argument("--settle", type=float, default=2.0,
                    help="seconds a view read is retried until it matches (default 2)")
    ap.add_argument("--idle-extra", type=float, default=8.0,
                    help="seconds past max(B, 1 s) to wait for the idle rule (default 8)")
    ap.add_argument("--keep-temp", action="store_true", help="keep PostgreSQL's and Eddy's temp dirs")
    ap.add_argument("--verbose", action="store_true", help="print every check and statement")
    args = ap.parse_args()
    if args.scale is None:
        args.scale = 10.0 if args.big else 1.0
    cases = selected(args)
    if args.list:
        for c in CASES:
            print("%-20s %s\n%-20s   (%s)" % (c.name, c.description, "", c.features()))
        return 0
    if not args.model_only and not args.fake_eddy and not args.eddy:
        ap.error("--eddy PATH is required (or --model-only)")
    if args.keep_temp:
        os.environ["EDDY_KEEP_TEMP"] = "1"

    print("differential: seed %d, scale %g, %d cases%s" % (args.seed, args.scale, len(cases),
                                                           " (model only)" if args.model_only else
                                                           " (fake Eddy: the harness's self-test)" if args.fake_eddy else ""))
    started = time.monotonic()
    pgs = PgServer(keep_temp=args.keep_temp).start()
    server = None
    results = []
    try:
        pg = Client("postgres", pgs.dsn, args.verbose)
        pg.run("SET TIME ZONE 'UTC'")
        eddy = None
        if args.fake_eddy:
            from fake_eddy import FakeEddy
            from cases import ErrorsCase
            eddy = FakeEddy(next(c for c in CASES if isinstance(c, ErrorsCase)))
            args.idle_extra = 0.0
        elif not args.model_only:
            server = EddyProcess(os.path.abspath(args.eddy))
            server.start()
            eddy = Client("eddy", server.dsn, args.verbose)
        ctx = Ctx(args, pg, eddy)
        for case in cases:
            res = Result(case.name)
            res.notes = []
            t0 = time.monotonic()
            if case.needs_eddy and eddy is None:
                continue
            if args.fake_eddy:
                eddy.begin(case)
            try:
                case.run(ctx, res)
            except SqlError as err:
                res.check("%s error" % ("eddy" if err.server == "eddy" else "harness (%s)" % err.server), False, str(err))
            except Exception:  # a bug in the harness: report it as this case's failure
                res.check("harness", False, traceback.format_exc())
            if server is not None and not server.running():
                res.check("eddy server", False, "the server died (%s):\n%s" % (server.stop(), server.log_tail()))
                server.cleanup()
                server = EddyProcess(os.path.abspath(args.eddy))
                server.start()
                ctx.eddy = eddy = Client("eddy", server.dsn, args.verbose)
            res.seconds = time.monotonic() - t0
            results.append((case, res))
            print_result(res, args.verbose)
    finally:
        if server is not None:
            server.stop()
            if not args.keep_temp:
                server.cleanup()
            else:
                print("eddy temp dir kept: %s" % server.temp_dir)
        pgs.stop()
        if args.keep_temp:
            print("postgres temp dir kept: %s" % pgs.dir)

    failed = [(c, r) for c, r in results if not r.ok]
    print()
    print("summary (seed %d, %.0f s): %d passed, %d failed" % (args.seed, time.monotonic() - started,
                                                             len(results) - len(failed), len(failed)))
    for c, r in failed:
        reason = " ".join(r.first_failure().split())
        print("  FAIL %-20s %s" % (c.name, reason[:220]))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
