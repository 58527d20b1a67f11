# The cases of the differential test. Each computes its answer three ways and compares them:
#   python    the model of docs/streaming.md (model.py), by hand;
#   postgres  PostgreSQL 15 over the same rows with a hand-written equivalent query;
#   eddy      the materialized view fed by INSERT/COPY, eddy_dead_letters, and Eddy's ad-hoc
#             SELECT over an Eddy table holding the rows the view kept.
# python = postgres checks the harness (its SQL and its model); eddy = postgres checks Eddy.

import datetime
import time
from fractions import Fraction

from compare import compare_rows, show
from harness import SqlError, load_events, feed, sql_literal
from model import (SECOND, MINUTE, Event, Gen, case_rng, dt, final_watermark, generate, groups,
                   interval_sql, session_late_naive, watermarks, window_model)

HOUR = 60 * MINUTE


class Col:
    """An output column: its SQL in Eddy, in PostgreSQL (default: the same) and its value from a
    model.Group. approx: an approx_count_distinct column (compared with count(DISTINCT))."""

    def __init__(self, alias, eddy, py, pg=None, approx=False):
        self.alias, self.eddy, self.py = alias, eddy, py
        self.pg = eddy if pg is None else pg
        self.approx = approx


def _coalesce(x, d):
    return d if x is None else x


# The aggregates of docs/streaming.md over v, and the group / window columns.
STD = {c.alias: c for c in [
    Col("k", "k", lambda g: g.k),
    Col("window_start", "window_start", lambda g: g.ws),
    Col("window_end", "window_end", lambda g: g.we),
    Col("n", "count(*)", lambda g: g.n),
    Col("nv", "count(v)", lambda g: g.nv),
    Col("nd", "count(DISTINCT v)", lambda g: g.nd),
    Col("s", "sum(v)", lambda g: g.sum),
    Col("a", "avg(v)", lambda g: g.avg),
    Col("mn", "min(v)", lambda g: g.min),
    Col("mx", "max(v)", lambda g: g.max),
    Col("acd", "approx_count_distinct(v)", lambda g: g.nd, pg="count(DISTINCT v)", approx=True),
    Col("fv", "first_value(v ORDER BY ts)", lambda g: g.fv, pg="(array_agg(v ORDER BY ts, id))[1]"),
    Col("lv", "last_value(v ORDER BY ts)", lambda g: g.lv, pg="(array_agg(v ORDER BY ts DESC, id DESC))[1]"),
    Col("fa", "first_value(v)", lambda g: g.fa, pg="(array_agg(v ORDER BY id))[1]"),
    Col("la", "last_value(v)", lambda g: g.la, pg="(array_agg(v ORDER BY id DESC))[1]"),
    Col("min_ts", "min(ts)", lambda g: g.min_ts),
    Col("max_ts", "max(ts)", lambda g: g.max_ts),
    Col("spread", "max(ts) - min(ts)", lambda g: g.max_ts - g.min_ts),
]}


def cols(*names):
    return [STD[n] if isinstance(n, str) else n for n in names]


BASIC = ("n", "nv", "s", "a", "mn", "mx")
ALL_AGGS = ("n", "nv", "nd", "s", "a", "mn", "mx", "acd", "fv", "lv")


def band(s):
    return "none" if s is None else ("high" if s > 100 else "low")


# Expressions over a window's group: CASE, COALESCE, CAST, date_trunc, extract, interval arithmetic.
WINDOW_EXPRS = [
    Col("minute", "date_trunc('minute', window_start)", lambda g: g.ws.replace(second=0, microsecond=0)),
    Col("secs", "extract(epoch FROM window_end - window_start)", lambda g: Fraction(g.we_ms - g.ws_ms, 1000)),
    Col("sec", "extract(second FROM window_start)",
        lambda g: Fraction(g.ws.second * 1000000 + g.ws.microsecond, 1000000)),
    Col("end_plus", "window_end + INTERVAL '1 hour'", lambda g: g.we + datetime.timedelta(hours=1)),
    Col("start_minus", "window_start - INTERVAL '500 milliseconds'",
        lambda g: g.ws - datetime.timedelta(milliseconds=500)),
]
GROUP_EXPRS = [
    Col("band", "CASE WHEN sum(v) IS NULL THEN 'none' WHEN sum(v) > 100 THEN 'high' ELSE 'low' END",
        lambda g: band(g.sum)),
    Col("mx0", "COALESCE(max(v), -1)", lambda g: _coalesce(g.max, -1)),
    Col("pos", "COALESCE(sum(CASE WHEN v > 0 THEN v ELSE 0 END), 0)", lambda g: sum(x for x in g.vs if x > 0)),
    Col("label", "CAST(count(*) AS TEXT) || '/' || k", lambda g: "%d/%s" % (g.n, g.k)),
    Col("mean_all", "CAST(sum(v) AS DOUBLE PRECISION) / count(*)",
        lambda g: None if g.sum is None else Fraction(g.sum, g.n)),
    Col("odd", "count(*) * 2 + 1", lambda g: g.n * 2 + 1),
    STD["spread"],
]


class Pred:
    """A WHERE or HAVING condition: Eddy SQL, PostgreSQL SQL (default: the same), Python."""

    def __init__(self, eddy, py, pg=None):
        self.eddy, self.py = eddy, py
        self.pg = eddy if pg is None else pg


def window_sql(window, col="ts"):
    if window[0] == "tumble":
        return "WINDOW(%s, '%s')" % (col, interval_sql(window[1]))
    if window[0] == "slide":
        return "WINDOW(%s, '%s', '%s')" % (col, interval_sql(window[1]), interval_sql(window[2]))
    return "SESSION_WINDOW(%s, '%s')" % (col, interval_sql(window[1]))


def iv(ms):
    return "INTERVAL '%d milliseconds'" % ms


EPOCH_SQL = "TIMESTAMP '1970-01-01 00:00:00'"


# ------------------------------------------------------------------------------------------------

class Case:
    needs_eddy = False

    def __init__(self, name, description):
        self.name, self.description = name, description

    def features(self):
        return ""


class AggCase(Case):
    """SELECT <cols> FROM s [JOIN users] [WHERE] GROUP BY <key>, <window> [HAVING] [EMIT ON WINDOW
    CLOSE] as a materialized view over a stream fed by INSERT/COPY; optional views over it."""

    def __init__(self, name, description, columns, window=None, bound=None, emit="update", where=None,
                 having=None, gen=None, group=True, join=None, derived=(), key_cols=None):
        super().__init__(name, description)
        self.cols = columns
        self.window = window
        self.bound = bound              # ms, or None: no WATERMARK clause
        self.emit = emit                # "update" or "close"
        self.where = where
        self.having = having
        self.gen = gen or Gen()
        self.group = group              # GROUP BY k (or the join's segment); False: one global group
        self.join = join                # None, "inner" or "left": s JOIN users u ON s.k = u.k
        self.derived = list(derived)    # views over the view
        self.key_cols = key_cols or [c.alias for c in columns
                                     if c.alias in ("k", "segment", "window_start", "window_end")]
        assert emit == "update" or (window is not None and bound is not None)

    def features(self):
        f = []
        f.append({None: "group by" if self.group else "global aggregate", "tumble": "tumbling", "slide": "sliding", "session": "session"}[
            self.window[0] if self.window else None])
        f.append("watermark %s" % interval_sql(self.bound) if self.bound is not None else "no watermark")
        f.append("EMIT ON WINDOW CLOSE" if self.emit == "close" else "update mode")
        if self.join:
            f.append("%s join table" % self.join)
        if self.derived:
            f.append("views over the view")
        return ", ".join(f)

    # names ------------------------------------------------------------------------------------
    def obj(self, prefix):
        return "%s_%s" % (prefix, self.name)

    # SQL ----------------------------------------------------------------------------------------
    def group_key_sql(self):
        if self.join == "inner":
            return "u.segment"
        if self.join == "left":
            return "COALESCE(u.segment, 'none')"
        return "k"

    def eddy_select(self, source, emit=True):
        ts = "s.ts" if self.join else "ts"
        src = "%s s %s JOIN %s u ON s.k = u.k" % (source, "LEFT" if self.join == "left" else "",
                                                   self.obj("u")) if self.join else source
        sql = "SELECT %s FROM %s" % (", ".join(c.eddy if c.eddy == c.alias else "%s AS %s" % (c.eddy, c.alias)
                                               for c in self.cols), src)
        if self.where:
            sql += " WHERE " + self.where.eddy
        gb = ([self.group_key_sql()] if self.group else []) + ([window_sql(self.window, ts)] if self.window else [])
        if gb:
            sql += " GROUP BY " + ", ".join(gb)
        if self.having:
            sql += " HAVING " + self.having.eddy
        if emit and self.emit == "close":
            sql += " EMIT ON WINDOW CLOSE"
        return " ".join(sql.split())

    def pg_kept(self, table, mode):
        """CTEs ending in `kept` (id, k, v, ts[, window_start, window_end]): the (row, window)
        pairs the view keeps (mode "stream": PostgreSQL computes the watermark before each row
        and drops closed windows itself; sessions use the Python late set) or the batch query's
        pairs over the rows not late (mode "batch")."""
        where = self.where.pg if self.where else "TRUE"
        if mode == "stream" and self.bound is not None:
            wm = ("max(ts) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) - %s"
                  % iv(self.bound))
        else:
            wm = "NULL::timestamp"
        rows = "TRUE" if mode == "stream" else "NOT late"
        w = "w AS (SELECT id, k, v, ts, %s AS wm FROM %s WHERE %s)" % (wm, table, rows)
        if self.window is None:
            return "WITH %s, kept AS (SELECT id, k, v, ts FROM w WHERE %s)" % (w, where)
        kind = self.window[0]
        if kind == "tumble":
            size = iv(self.window[1])
            p = ("p AS (SELECT id, k, v, ts, wm, date_bin(%s, ts, %s) AS window_start, "
                 "date_bin(%s, ts, %s) + %s AS window_end FROM w WHERE ts IS NOT NULL AND (%s))"
                 % (size, EPOCH_SQL, size, EPOCH_SQL, size, where))
        elif kind == "slide":
            size, slide = iv(self.window[1]), iv(self.window[2])
            p = ("p AS (SELECT id, k, v, ts, wm, st AS window_start, st + %s AS window_end FROM w "
                 "CROSS JOIN LATERAL generate_series(date_bin(%s, ts, %s) - %s + %s, date_bin(%s, ts, %s), %s) "
                 "AS st WHERE ts IS NOT NULL AND (%s))"
                 % (size, slide, EPOCH_SQL, size, slide, slide, EPOCH_SQL, slide, where))
        else:
            gap = iv(self.window[1])
            return ("WITH o AS (SELECT id, k, v, ts FROM %s WHERE NOT late AND ts IS NOT NULL AND (%s)), "
                    "l AS (SELECT *, CASE WHEN ts - lag(ts) OVER (PARTITION BY k ORDER BY ts, id) < %s "
                    "THEN 0 ELSE 1 END AS brk FROM o), "
                    "n AS (SELECT *, sum(brk) OVER (PARTITION BY k ORDER BY ts, id ROWS UNBOUNDED PRECEDING) "
                    "AS sid FROM l), "
                    "kept AS (SELECT id, k, v, ts, min(ts) OVER (PARTITION BY k, sid) AS window_start, "
                    "max(ts) OVER (PARTITION BY k, sid) + %s AS window_end FROM n)"
                    % (table, where, gap, gap))
        return "WITH %s, %s, kept AS (SELECT * FROM p WHERE wm IS NULL OR window_end > wm)" % (w, p)

    def pg_late_sql(self, table):
        kind = self.window[0]
        base = self.pg_kept(table, "stream").replace(
            "kept AS (SELECT * FROM p WHERE wm IS NULL OR window_end > wm)", "kept AS (SELECT * FROM p)")
        if kind == "tumble":
            return base + " SELECT id FROM kept WHERE wm IS NOT NULL AND window_end <= wm ORDER BY id"
        return (base + " SELECT id FROM kept GROUP BY id HAVING bool_and(wm IS NOT NULL AND window_end <= wm)"
                " ORDER BY id")

    def pg_select(self, table, mode, closed=False):
        src = "kept s"
        if self.join:
            src = "kept s %s JOIN %s u ON s.k = u.k" % ("LEFT" if self.join == "left" else "", self.obj("u"))
        gb = ([self.group_key_sql()] if self.group else []) + (["window_start", "window_end"] if self.window else [])
        inner = "SELECT %s%s FROM %s" % (
            ", ".join("%s AS %s" % (c.pg, c.alias) for c in self.cols),
            ", window_end AS __we" if self.window else "", src)
        if gb:
            inner += " GROUP BY " + ", ".join(gb)
        if self.having:
            inner += " HAVING " + self.having.pg
        aliases = ", ".join(c.alias for c in self.cols)
        outer = "SELECT %s FROM (%s) x" % (aliases, inner)
        if closed:
            outer += " WHERE __we <= (SELECT max(ts) FROM %s) - %s" % (table, iv(self.bound))
        return self.pg_kept(table, mode) + " " + outer

    # Python -------------------------------------------------------------------------------------
    def py_filter(self, users):
        conds = []
        if self.where:
            conds.append(self.where.py)
        if self.join == "inner":
            conds.append(lambda e: e.k in users)
        if not conds:
            return None
        return lambda e: all(c(e) for c in conds)

    def py_rows(self, pairs, users, closed_wm=None):
        if not self.group:
            def key(e):
                return None
        elif self.join == "inner":
            def key(e):
                return users[e.k]
        elif self.join == "left":
            def key(e):
                return _coalesce(users.get(e.k), "none")
        else:
            def key(e):
                return e.k
        out = []
        for g in groups(pairs, key):
            if self.having and not self.having.py(g):
                continue
            if closed_wm is not None and not g.we_ms <= closed_wm:
                continue
            out.append(tuple(c.py(g) for c in self.cols))
        if not self.group and not self.window and not pairs:
            out = []  # (never generated: a global aggregate over no rows)
        return out

    def make_users(self, rng, keys):
        """users: every key but the last 5 (inner joins drop those) unless the case is windowed,
        whose late rows must all reach the join; one user has a NULL segment."""
        n = keys if self.window else keys - 5
        users = {}
        for i in range(n):
            users["k%02d" % i] = None if i == 7 else rng.choice(["gold", "silver", "bronze"])
        return users

    # the run ----------------------------------------------------------------------------------
    def run(self, ctx, res):
        rng = case_rng(ctx.seed, self.name)
        gen = self.gen.scaled(ctx.scale)
        events = generate(gen, rng, ctx.start_ms)
        users = self.make_users(rng, gen.keys) if self.join else None
        flt = self.py_filter(users)

        # Python: the rows the view keeps, the late rows, the batch answer over the others.
        wr = window_model(self.window, events, self.bound, flt)
        late = {e.id for e in wr.late}
        nonlate = [e for e in events if e.id not in late]
        fwm = final_watermark(events, self.bound)
        py_full = self.py_rows(wr.pairs, users)
        py_batch = self.py_rows(window_model(self.window, nonlate, None, flt).pairs, users)
        py_closed = self.py_rows(wr.pairs, users, closed_wm=fwm) if self.emit == "close" else None
        ctx.note(res, "%d events, %d late, %d groups%s" % (
            len(events), len(late), len(py_full),
            ", %d closed at the final watermark %s" % (len(py_closed), show(dt(fwm))) if py_closed is not None else ""))

        # PostgreSQL: the same rows, the hand-written queries; must agree with Python.
        pg = ctx.pg
        ev = self.obj("ev")
        pg.run("DROP TABLE IF EXISTS %s; CREATE TABLE %s (id BIGINT PRIMARY KEY, k TEXT, v BIGINT, ts TIMESTAMP, "
               "late BOOLEAN)" % (ev, ev))
        load_events(pg, ev, events, extra=lambda e: ("t" if e.id in late else "f",))
        if users is not None:
            u = self.obj("u")
            pg.run("DROP TABLE IF EXISTS %s; CREATE TABLE %s (k TEXT PRIMARY KEY, segment TEXT)" % (u, u))
            pg.run("INSERT INTO %s VALUES %s" % (u, ", ".join("(%s, %s)" % (sql_literal(k), sql_literal(s))
                                                           for k, s in users.items())))
        names = [c.alias for c in self.cols]
        approx = [c.alias for c in self.cols if c.approx]
        if self.window and self.window[0] == "session" and len(events) <= 5000:
            naive = {e.id for e in session_late_naive(events, self.bound, self.window[1])}
            res.check("model: session late rows incremental = naive", naive == late, "" if naive == late else
                      "incremental only: %s\nnaive only: %s" % (sorted(late - naive)[:10], sorted(naive - late)[:10]))
        if self.window and self.window[0] in ("tumble", "slide") and self.bound is not None:
            pg_late = [r[0] for r in pg.rows(self.pg_late_sql(ev))[1]]
            ok = set(pg_late) == late
            res.check("model: late rows python = postgres", ok,
                      "" if ok else "python only: %s\npostgres only: %s" % (
                          sorted(late - set(pg_late))[:10], sorted(set(pg_late) - late)[:10]))
        ref_full = pg.rows(self.pg_select(ev, "stream"))[1]
        res.check("model: view python = postgres", *compare_rows(names, py_full, ref_full, self.key_cols))
        ref_batch = pg.rows(self.pg_select(ev, "batch"))[1]
        res.check("model: batch python = postgres", *compare_rows(names, py_batch, ref_batch, self.key_cols))
        ref_closed = None
        if py_closed is not None:
            ref_closed = pg.rows(self.pg_select(ev, "stream", closed=True))[1]
            res.check("model: closed windows python = postgres",
                      *compare_rows(names, py_closed, ref_closed, self.key_cols))
        drefs = []
        for d in self.derived:
            m_rows = [dict(zip(names, r)) for r in py_full]
            d_full = d.py(m_rows)
            pg_full = pg.rows(d.pg_sql(self.pg_select(ev, "stream")))[1]
            res.check("model: %s python = postgres" % d.name, *compare_rows(d.names, d_full, pg_full, d.key_cols))
            d_closed = None
            if ref_closed is not None:
                d_closed = pg.rows(d.pg_sql(self.pg_select(ev, "stream", closed=True)))[1]
                res.check("model: %s over closed windows python = postgres" % d.name,
                          *compare_rows(d.names, d.py([dict(zip(names, r)) for r in py_closed]), d_closed,
                                        d.key_cols))
            drefs.append((d, pg_full, d_closed))
        # What a correct Eddy answers (read by fake_eddy.py, the harness's self-test).
        self.answers = {
            "late": wr.late,
            "main": self.obj("m"),
            "consumed": len(events),
            "views": dict([(self.obj("m"), (ref_closed, ref_full))] +
                          [(d.obj(self), (d_closed, d_full)) for d, d_full, d_closed in drefs]),
            "adhoc": dict([(self.eddy_select(self.obj("t"), emit=False), ref_batch)] +
                          [(d.eddy_sql(self.obj("m")), d_full) for d, d_full, d_closed in drefs]),
        }
        if ctx.eddy is None:
            return

        # Eddy: the view, fed in batches; dead letters; the batch query over an Eddy table.
        e = ctx.eddy
        s, m, t = self.obj("s"), self.obj("m"), self.obj("t")
        try:
            if users is not None:
                e.run("CREATE TABLE %s (k TEXT PRIMARY KEY, segment TEXT)" % self.obj("u"))
                e.run("INSERT INTO %s VALUES %s" % (self.obj("u"), ", ".join(
                    "(%s, %s)" % (sql_literal(k), sql_literal(v)) for k, v in users.items())))
            wmc = ", WATERMARK FOR ts AS ts - INTERVAL '%s'" % interval_sql(self.bound) if self.bound is not None else ""
            e.run("CREATE STREAM %s (id BIGINT, k TEXT, v BIGINT, ts TIMESTAMP%s)" % (s, wmc))
            opts = " WITH (late_rows = 'dead_letter')" if self.bound is not None else ""
            e.run("CREATE MATERIALIZED VIEW %s%s AS %s" % (m, opts, self.eddy_select(s)))
            for d in self.derived:
                e.run("CREATE MATERIALIZED VIEW %s AS %s" % (d.obj(self), d.eddy_sql(m)))
            fed = feed(e, [(s, ev_) for ev_ in events], rng)
            view_sql = "SELECT %s FROM %s" % (", ".join(names), m)
            if self.emit == "close":
                got = e.rows(view_sql)[1]
                elapsed = time.monotonic() - fed
                ok, text = compare_rows(names, got, ref_closed, self.key_cols, approx)
                if not ok and elapsed >= max(self.bound, SECOND) / 1000.0:
                    text += "\n  (inconclusive: read %.2f s after the last row, past the idle threshold)" % elapsed
                res.check("eddy: view = postgres (after feeding: only windows closed by the final watermark)",
                          ok, text)
                for d, d_full, d_closed in drefs:
                    ctx.poll_check(res, "eddy: %s = postgres (over the closed windows)" % d.name,
                                   "SELECT %s FROM %s" % (", ".join(d.names), d.obj(self)), d.names, d_closed,
                                   d.key_cols, timeout=0.5)
            else:
                ctx.poll_check(res, "eddy: view = postgres", view_sql, names, ref_full, self.key_cols, approx)
                for d, d_full, d_closed in drefs:
                    ctx.poll_check(res, "eddy: %s = postgres" % d.name,
                                   "SELECT %s FROM %s" % (", ".join(d.names), d.obj(self)), d.names, d_full,
                                   d.key_cols)
            ctx.check_dead_letters(res, m, wr.late, events, self.bound, self.window)
            ctx.check_show_queries(res, m, None if self.join else len(events), len(late),
                                   self.bound is not None and self.window is not None)

            e.run("CREATE TABLE %s (id BIGINT PRIMARY KEY, k TEXT, v BIGINT, ts TIMESTAMP)" % t)
            load_events(e, t, nonlate)
            batch = e.rows(self.eddy_select(t, emit=False))[1]
            res.check("eddy: batch SELECT over table = postgres", *compare_rows(names, batch, ref_batch,
                                                                              self.key_cols, approx))
            if self.emit == "update" and not (self.window and self.window[0] == "slide"):
                res.check("eddy: view = eddy batch SELECT over table",
                          *compare_rows(names, e.rows(view_sql)[1], batch, self.key_cols, approx))
            for d, d_full, d_closed in drefs:
                if self.emit == "update":
                    adhoc = e.rows(d.eddy_sql(m))[1]
                    view = e.rows("SELECT %s FROM %s" % (", ".join(d.names), d.obj(self)))[1]
                    res.check("eddy: %s = eddy SELECT over the view" % d.name,
                              *compare_rows(d.names, view, adhoc, d.key_cols))

            if self.emit == "close" and ctx.idle_phase:
                # No more rows: after max(B, 1 s) the idle rule moves the watermark to now - B,
                # past every window (the data is in the past), so every window is emitted.
                timeout = max(self.bound, SECOND) / 1000.0 + ctx.idle_extra
                ctx.poll_check(res, "eddy: view = postgres (after the idle rule closed every window)",
                               view_sql, names, ref_full, self.key_cols, approx, timeout=timeout)
                for d, d_full, d_closed in drefs:
                    ctx.poll_check(res, "eddy: %s = postgres (all windows)" % d.name,
                                   "SELECT %s FROM %s" % (", ".join(d.names), d.obj(self)), d.names, d_full,
                                   d.key_cols, timeout=2.0)
        except SqlError as err:
            res.check("eddy error", False, str(err))
        finally:
            ctx.drop(["MATERIALIZED VIEW %s" % d.obj(self) for d in reversed(self.derived)] +
                     ["MATERIALIZED VIEW %s" % m, "STREAM %s" % s, "TABLE %s" % t, "TABLE %s" % self.obj("u")])


class Derived:
    """A view over the case's view m: Eddy SQL and PostgreSQL SQL with {m} for m, and its rows
    computed in Python from m's rows (dicts by column)."""

    def __init__(self, name, names, key_cols, sql, py):
        self.name, self.names, self.key_cols, self.sql, self.py = name, names, key_cols, sql, py

    def obj(self, case):
        return "%s_%s" % (self.name, case.name)

    def eddy_sql(self, m):
        return self.sql.format(m=m)

    def pg_sql(self, m_query):
        # m_query is "WITH ... SELECT ...": nest it as a subquery named m.
        return self.sql.format(m="(%s) m" % m_query)


def _agg(vals, f):
    vals = [x for x in vals if x is not None]
    return f(vals) if vals else None


def _vv_by_n(rows):
    acc = {}
    for r in rows:
        acc.setdefault(r["n"], []).append(r)
    return [(n, len(rs), min(r["k"] for r in rs), max(r["k"] for r in rs),
             min(r["window_start"] for r in rs), max(r["window_end"] for r in rs),
             _agg([r["s"] for r in rs], sum), _agg([r["mn"] for r in rs], min), _agg([r["mx"] for r in rs], max))
            for n, rs in acc.items()]


VV_DERIVED = [
    Derived("by_n", ["n", "windows", "min_k", "max_k", "first_start", "last_end", "total", "min_v", "max_v"],
            ["n"],
            "SELECT n, count(*) AS windows, min(k) AS min_k, max(k) AS max_k, min(window_start) AS first_start, "
            "max(window_end) AS last_end, sum(s) AS total, min(mn) AS min_v, max(mx) AS max_v FROM {m} GROUP BY n",
            _vv_by_n),
    Derived("busy", ["k", "window_start", "n", "s"], ["k", "window_start"],
            "SELECT k, window_start, n, s FROM {m} WHERE n >= 4",
            lambda rows: [(r["k"], r["window_start"], r["n"], r["s"]) for r in rows if r["n"] >= 4]),
    Derived("overall", ["windows", "min_n", "max_n", "rows_total", "min_v", "max_v"], [],
            "SELECT count(*) AS windows, min(n) AS min_n, max(n) AS max_n, sum(n) AS rows_total, "
            "min(mn) AS min_v, max(mx) AS max_v FROM {m}",
            lambda rows: [(len(rows), _agg([r["n"] for r in rows], min), _agg([r["n"] for r in rows], max),
                           _agg([r["n"] for r in rows], sum), _agg([r["mn"] for r in rows], min),
                           _agg([r["mx"] for r in rows], max))]),
]


# ------------------------------------------------------------------------------------------------

class IntervalJoinCase(Case):
    """Two streams a and b joined on k with b.ts BETWEEN a.ts AND a.ts + 30 minutes (inner or
    LEFT), as a plain projection or aggregated per key. Rows are out of order within each
    stream's bound, none late."""

    BOUND = 5 * MINUTE
    WITHIN = 30 * MINUTE

    def __init__(self, name, description, join="inner", aggregate=False, n_a=300, n_b=400, keys=10):
        super().__init__(name, description)
        self.join, self.aggregate = join, aggregate
        self.n_a, self.n_b, self.keys = n_a, n_b, keys
        if aggregate:
            self.names = ["k", "pairs", "nbv", "sbv", "min_lag", "max_lag", "max_av"]
            self.key_cols = ["k"]
        else:
            self.names = ["aid", "bid", "k", "av", "bv", "ats", "bts"]
            self.key_cols = ["aid", "bid"]

    def features(self):
        return "stream-stream %s interval join%s, watermarks" % (self.join, ", aggregated" if self.aggregate else "")

    def obj(self, prefix):
        return "%s_%s" % (prefix, self.name)

    def select(self, a, b):
        on = "a.k = b.k AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '30 minutes'"
        j = "LEFT JOIN" if self.join == "left" else "JOIN"
        if self.aggregate:
            return ("SELECT a.k AS k, count(*) AS pairs, count(b.v) AS nbv, sum(b.v) AS sbv, "
                    "min(b.ts - a.ts) AS min_lag, max(b.ts - a.ts) AS max_lag, max(a.v) AS max_av "
                    "FROM %s a %s %s b ON %s GROUP BY a.k" % (a, j, b, on))
        return ("SELECT a.id AS aid, b.id AS bid, a.k AS k, a.v AS av, b.v AS bv, a.ts AS ats, b.ts AS bts "
                "FROM %s a %s %s b ON %s" % (a, j, b, on))

    def generate(self, rng, start, scale):
        n_a, n_b = int(self.n_a * scale), int(self.n_b * scale)
        keys = ["j%02d" % i for i in range(self.keys)]
        T = start
        step = 3 * HOUR // (self.n_a + self.n_b)  # a bigger scale spans more hours, not denser ones
        hist = {k: [] for k in keys}
        arrivals = []
        ia, ib = 1, 100001
        for _ in range(n_a + n_b):
            T += rng.randint(0, 2 * step)
            side = "a" if rng.random() < n_a / (n_a + n_b) else "b"
            k = rng.choice(keys)
            ts = T - rng.randint(0, self.BOUND) if rng.random() < 0.2 else T
            if side == "b" and rng.random() < 0.15:
                exact = [t for t in hist[k] if T - self.BOUND <= t <= T] + \
                        [t + self.WITHIN for t in hist[k] if T - self.BOUND <= t + self.WITHIN <= T] + \
                        [t + self.WITHIN + 1 for t in hist[k] if T - self.BOUND <= t + self.WITHIN + 1 <= T]
                if exact:
                    ts = rng.choice(exact)
            v = None if rng.random() < 0.05 else rng.randint(0, 100)
            if side == "a":
                e = Event(ia, k, v, ts)
                ia += 1
                hist[k].append(ts)
            else:
                e = Event(ib, k, v, ts)
                ib += 1
            arrivals.append((side, e))
        return arrivals

    def py_rows(self, a_rows, b_rows):
        by_k = {}
        for b in b_rows:
            by_k.setdefault(b.k, []).append(b)
        pairs = []
        for a in a_rows:
            ms = [b for b in by_k.get(a.k, []) if a.ts <= b.ts <= a.ts + self.WITHIN]
            pairs.extend((a, b) for b in ms)
            if not ms and self.join == "left":
                pairs.append((a, None))
        if not self.aggregate:
            return [(a.id, b and b.id, a.k, a.v, b and b.v, dt(a.ts), b and dt(b.ts)) for a, b in pairs]
        acc = {}
        for a, b in pairs:
            acc.setdefault(a.k, []).append((a, b))
        out = []
        for k, ps in acc.items():
            bv = [b.v for a, b in ps if b is not None and b.v is not None]
            lags = [datetime.timedelta(milliseconds=b.ts - a.ts) for a, b in ps if b is not None]
            out.append((k, len(ps), len(bv), sum(bv) if bv else None, min(lags) if lags else None,
                        max(lags) if lags else None, _agg([a.v for a, b in ps], max)))
        return out

    def run(self, ctx, res):
        rng = case_rng(ctx.seed, self.name)
        arrivals = self.generate(rng, ctx.start_ms, ctx.scale)
        a_rows = [e for side, e in arrivals if side == "a"]
        b_rows = [e for side, e in arrivals if side == "b"]
        for side, rows in (("a", a_rows), ("b", b_rows)):
            wms = watermarks(rows, self.BOUND)
            assert all(w is None or e.ts >= w for e, w in zip(rows, wms)), "generated a late row"
        want = self.py_rows(a_rows, b_rows)
        ctx.note(res, "%d + %d events, %d result rows" % (len(a_rows), len(b_rows), len(want)))
        pg = ctx.pg
        a, b = self.obj("a"), self.obj("b")
        for tbl, rows in ((a, a_rows), (b, b_rows)):
            pg.run("DROP TABLE IF EXISTS %s; CREATE TABLE %s (id BIGINT PRIMARY KEY, k TEXT, v BIGINT, ts TIMESTAMP)"
                   % (tbl, tbl))
            load_events(pg, tbl, rows)
        ref = pg.rows(self.select(a, b))[1]
        res.check("model: python = postgres", *compare_rows(self.names, want, ref, self.key_cols))
        self.answers = {"late": [], "views": {self.obj("m"): (None, ref)},
                        "adhoc": {self.select(self.obj("ta"), self.obj("tb")): ref}}
        if ctx.eddy is None:
            return
        e = ctx.eddy
        sa, sb, m, ta, tb = self.obj("sa"), self.obj("sb"), self.obj("m"), self.obj("ta"), self.obj("tb")
        try:
            for s in (sa, sb):
                e.run("CREATE STREAM %s (id BIGINT, k TEXT, v BIGINT, ts TIMESTAMP, WATERMARK FOR ts AS ts - "
                      "INTERVAL '%s')" % (s, interval_sql(self.BOUND)))
            e.run("CREATE MATERIALIZED VIEW %s WITH (late_rows = 'dead_letter') AS %s" % (m, self.select(sa, sb)))
            feed(e, [((sa if side == "a" else sb), ev_) for side, ev_ in arrivals], rng)
            ctx.poll_check(res, "eddy: view = postgres", "SELECT %s FROM %s" % (", ".join(self.names), m),
                           self.names, ref, self.key_cols)
            ctx.check_dead_letters(res, m, [], a_rows + b_rows, None, None)
            for tbl, rows in ((ta, a_rows), (tb, b_rows)):
                e.run("CREATE TABLE %s (id BIGINT PRIMARY KEY, k TEXT, v BIGINT, ts TIMESTAMP)" % tbl)
                load_events(e, tbl, rows)
            res.check("eddy: batch SELECT over tables = postgres",
                      *compare_rows(self.names, e.rows(self.select(ta, tb))[1], ref, self.key_cols))
        except SqlError as err:
            res.check("eddy error", False, str(err))
        finally:
            ctx.drop(["MATERIALIZED VIEW %s" % m, "STREAM %s" % sa, "STREAM %s" % sb, "TABLE %s" % ta,
                      "TABLE %s" % tb])


class ErrorsCase(Case):
    """What docs/streaming.md says CREATE must refuse (and one thing it must accept)."""

    needs_eddy = True

    def features(self):
        return "CREATE-time errors"

    STATEMENTS = [
        (None, "CREATE STREAM err_plain (id BIGINT, k TEXT, v BIGINT, ts TIMESTAMP)"),
        (None, "CREATE STREAM err_wm (id BIGINT, k TEXT, v BIGINT, ts TIMESTAMP, "
               "WATERMARK FOR ts AS ts - INTERVAL '2 seconds')"),
        ("0A000", "CREATE MATERIALIZED VIEW err_1 AS SELECT k, count(*) AS n FROM err_plain "
                  "GROUP BY k, WINDOW(ts, '10 seconds') EMIT ON WINDOW CLOSE"),
        ("0A000", "CREATE MATERIALIZED VIEW err_2 AS SELECT k, count(*) AS n FROM err_wm GROUP BY k "
                  "EMIT ON WINDOW CLOSE"),
        ("error", "CREATE MATERIALIZED VIEW err_3 AS SELECT k, count(*) AS n FROM err_wm "
                  "GROUP BY k, WINDOW(ts, '10 seconds', '3 seconds')"),
        ("error", "CREATE STREAM err_neg (ts TIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '-1 seconds')"),
        (None, "CREATE MATERIALIZED VIEW err_last AS SELECT k, max(ts) AS last_ts FROM err_wm GROUP BY k"),
        ("0A000", "CREATE MATERIALIZED VIEW err_4 AS SELECT k, count(*) AS n FROM err_last "
                  "GROUP BY k, SESSION_WINDOW(last_ts, '3 seconds')"),
        (None, "CREATE MATERIALIZED VIEW err_time AS SELECT window_start, count(*) AS n FROM err_plain "
               "GROUP BY WINDOW(_time, '1 second') EMIT ON WINDOW CLOSE"),
    ]

    def run(self, ctx, res):
        if ctx.eddy is None:
            return
        for want, sql in self.STATEMENTS:
            try:
                ctx.eddy.run(sql)
                got = None
                text = "succeeded"
            except SqlError as err:
                got = err.pgcode or "error"
                text = "%s %s" % (err.pgcode, err.message)
            if want is None:
                ok = got is None
            elif want == "error":
                ok = got is not None
            else:
                ok = got == want
            res.check("%s: %s" % ("succeeds" if want is None else "fails with " + want, " ".join(sql.split())[:110]),
                      ok, "" if ok else "got: " + text)
        ctx.drop(["MATERIALIZED VIEW err_time", "MATERIALIZED VIEW err_4", "MATERIALIZED VIEW err_last",
                  "MATERIALIZED VIEW err_1", "MATERIALIZED VIEW err_2", "MATERIALIZED VIEW err_3",
                  "STREAM err_neg", "STREAM err_plain", "STREAM err_wm"])


# ------------------------------------------------------------------------------------------------
# The list

B = 2 * SECOND
TUMBLE = ("tumble", 10 * SECOND)
SLIDE = ("slide", 12 * SECOND, 4 * SECOND)
SESSION = ("session", 3 * SECOND)

HAVING_EXPR = Pred("count(*) >= 3 AND (max(v) IS NULL OR max(v) > -10)",
                   lambda g: g.n >= 3 and (g.max is None or g.max > -10))


def _plain_exprs():
    return [
        STD["k"], STD["n"], STD["s"],
        Col("uk", "upper(k)", lambda g: g.k.upper()),
        Col("lk", "length(k) * 10", lambda g: len(g.k) * 10),
        GROUP_EXPRS[0],
        Col("mn0", "COALESCE(min(v), 0)", lambda g: _coalesce(g.min, 0)),
        Col("hour", "date_trunc('hour', max(ts))", lambda g: g.max_ts.replace(minute=0, second=0, microsecond=0)),
        Col("h", "extract(hour FROM min(ts))", lambda g: g.min_ts.hour),
        Col("next_day", "min(ts) + INTERVAL '1 day'", lambda g: g.min_ts + datetime.timedelta(days=1)),
        Col("af", "CAST(avg(v) AS DOUBLE PRECISION)", lambda g: g.avg),
    ]


def _segment_cols(window):
    out = [Col("segment", "u.segment", lambda g: g.k)]
    if window:
        out += [STD["window_start"], STD["window_end"]]
    out += [Col("n", "count(*)", lambda g: g.n), Col("nv", "count(s.v)", lambda g: g.nv),
            Col("sv", "sum(s.v)", lambda g: g.sum), Col("mn", "min(s.v)", lambda g: g.min),
            Col("last_ts", "max(s.ts)", lambda g: g.max_ts)]
    return out


def _left_segment_cols():
    c = _segment_cols(False)
    c[0] = Col("segment", "COALESCE(u.segment, 'none')", lambda g: g.k)
    return c


CASES = [
    # What the current build supports: prove the plumbing.
    AggCase("plain_basic", "GROUP BY k, count/sum/avg/min/max, no watermark",
            cols("k", *BASIC)),
    AggCase("tumble_basic", "tumbling 10 s, count/sum/avg/min/max, no watermark (out-of-order rows all count)",
            cols("k", "window_start", "window_end", *BASIC), window=TUMBLE),
    AggCase("tumble_expr_basic", "tumbling, CASE/COALESCE/CAST/date_trunc/extract/interval arithmetic, HAVING, "
            "no watermark", cols("k", "window_start", *WINDOW_EXPRS, *GROUP_EXPRS), window=TUMBLE,
            having=HAVING_EXPR),
    # Group by without a window over a stream with a watermark: nothing is late.
    AggCase("plain_all_aggs", "GROUP BY k, every aggregate (first/last by ts and by arrival), watermark",
            cols("k", *ALL_AGGS, "fa", "la", "min_ts", "max_ts"), bound=B),
    AggCase("plain_where_having", "GROUP BY k with WHERE, HAVING and scalar expressions, no watermark",
            _plain_exprs(), where=Pred("v IS NOT NULL AND k <> 'k01'", lambda e: e.v is not None and e.k != "k01"),
            having=Pred("sum(v) > 50", lambda g: g.sum is not None and g.sum > 50)),
    AggCase("approx_large", "global count(*), count(DISTINCT v), approx_count_distinct(v) over ~3000 distinct values",
            cols("n", "nd", "acd"), group=False, gen=Gen(n=3000, p_big_v=1.0, p_null_v=0.02), key_cols=[]),
    # Tumbling windows with a watermark.
    AggCase("tumble_update", "tumbling 10 s, every aggregate, late rows dead-lettered",
            cols("k", "window_start", "window_end", *ALL_AGGS), window=TUMBLE, bound=B),
    AggCase("tumble_close", "tumbling 10 s, every aggregate, EMIT ON WINDOW CLOSE",
            cols("k", "window_start", "window_end", *ALL_AGGS), window=TUMBLE, bound=B, emit="close"),
    AggCase("tumble_expr_close", "tumbling, expressions and HAVING, EMIT ON WINDOW CLOSE",
            cols("k", "window_start", *WINDOW_EXPRS, *GROUP_EXPRS), window=TUMBLE, bound=B, emit="close",
            having=HAVING_EXPR),
    AggCase("tumble_where", "tumbling with a WHERE (filtered rows still move the watermark)",
            cols("k", "window_start", "window_end", "n", "nv", "s", "mn", "mx", "fv", "lv"), window=TUMBLE, bound=B,
            where=Pred("k <> 'k00' AND (v IS NULL OR v >= 0)", lambda e: e.k != "k00" and (e.v is None or e.v >= 0))),
    AggCase("tumble_b0", "tumbling 5 s with a zero lateness bound",
            cols("k", "window_start", "window_end", "n", "s", "mn", "mx", "nd"), window=("tumble", 5 * SECOND),
            bound=0, gen=Gen(bound=0, grain=5 * SECOND)),
    AggCase("tumble_null_ts", "tumbling with NULL ts rows (in no window, they do not move the watermark)",
            cols("k", "window_start", "window_end", "n", "nv", "s", "a"), window=TUMBLE, bound=B,
            gen=Gen(p_null_ts=0.05)),
    # Sliding windows.
    AggCase("slide_update", "sliding 12 s every 4 s, aggregates, rows dropped per closed window",
            cols("k", "window_start", "window_end", "n", "nv", "nd", "s", "a", "mn", "mx", "fv", "lv"),
            window=SLIDE, bound=B, gen=Gen(grain=4 * SECOND, late_span=24 * SECOND)),
    AggCase("slide_close", "sliding 12 s every 4 s, HAVING, EMIT ON WINDOW CLOSE",
            cols("k", "window_start", "window_end", "n", "s", "mn", "mx", "acd"), window=SLIDE, bound=B,
            emit="close", having=Pred("count(*) >= 2", lambda g: g.n >= 2), gen=Gen(grain=4 * SECOND, late_span=24 * SECOND)),
    # Session windows.
    AggCase("session_update", "session windows (gap 3 s), aggregates, late rows and merges",
            cols("k", "window_start", "window_end", "n", "nv", "nd", "s", "mn", "mx", "fv", "lv", "spread"),
            window=SESSION, bound=B, gen=Gen(grain=3 * SECOND, session_gap=3 * SECOND, late_span=20 * SECOND)),
    AggCase("session_close", "session windows (gap 3 s), HAVING, EMIT ON WINDOW CLOSE",
            cols("k", "window_start", "window_end", "n", "s", "a", "fv", "lv"), window=SESSION, bound=B,
            emit="close", having=Pred("count(*) > 1", lambda g: g.n > 1),
            gen=Gen(grain=3 * SECOND, session_gap=3 * SECOND, late_span=20 * SECOND)),
    # Views over views (retractions reach min/max).
    AggCase("vv_nowm", "views over a tumbling view without watermark: GROUP BY n, a filter, a global min/max",
            cols("k", "window_start", "window_end", "n", "s", "mn", "mx"), window=TUMBLE, derived=VV_DERIVED),
    AggCase("vv_update", "views over a tumbling view with watermark (update mode)",
            cols("k", "window_start", "window_end", "n", "s", "mn", "mx"), window=TUMBLE, bound=B,
            derived=VV_DERIVED),
    AggCase("vv_close", "views over a tumbling EMIT ON WINDOW CLOSE view",
            cols("k", "window_start", "window_end", "n", "s", "mn", "mx"), window=TUMBLE, bound=B, emit="close",
            derived=VV_DERIVED),
    # Stream-table joins (the table is filled before the stream).
    AggCase("join_table", "stream JOIN table (enrichment) GROUP BY segment, no watermark",
            _segment_cols(False), join="inner"),
    AggCase("join_table_left", "stream LEFT JOIN table GROUP BY COALESCE(segment, 'none')",
            _left_segment_cols(), join="left"),
    AggCase("join_table_window", "stream JOIN table, tumbling per segment, watermark, late rows",
            _segment_cols(True), join="inner", window=TUMBLE, bound=B),
    # Stream-stream interval joins.
    IntervalJoinCase("join_interval", "a JOIN b ON k AND b.ts BETWEEN a.ts AND a.ts + 30 minutes"),
    IntervalJoinCase("join_interval_left", "a LEFT JOIN b, interval condition", join="left"),
    IntervalJoinCase("join_interval_agg", "a JOIN b, interval condition, GROUP BY a.k with interval min/max",
                     aggregate=True),
    ErrorsCase("create_errors", "EMIT ON WINDOW CLOSE without a watermark or a window, a sliding size not a "
               "multiple of the slide, a negative bound, SESSION_WINDOW over a view: refused; over _time: accepted"),
]
