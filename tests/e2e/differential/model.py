# The by-hand model of docs/streaming.md: deterministic event sets, the watermark before each
# row, which rows (and, for sliding windows, which (row, window) pairs) are late, the windows
# each row falls in, and the aggregates over a group. Pure Python (standard library only), so
# that its answers can be checked against PostgreSQL's and Eddy's.
#
# Time is integer milliseconds since 1970-01-01 00:00:00 (UTC, naive TIMESTAMP); NULL is None.

import datetime
import random
import zlib
from collections import namedtuple
from fractions import Fraction

EPOCH = datetime.datetime(1970, 1, 1)
SECOND = 1000
MINUTE = 60 * SECOND

Event = namedtuple("Event", "id k v ts")  # id BIGINT (arrival order), k TEXT, v BIGINT|None, ts ms|None


def dt(ms):
    return None if ms is None else EPOCH + datetime.timedelta(milliseconds=ms)


def ms_of(d):
    return (d - EPOCH) // datetime.timedelta(milliseconds=1)


def sql_ts(ms):
    """'2026-11-20 10:00:00.123': a TIMESTAMP literal both servers read."""
    return dt(ms).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]


def interval_sql(ms):
    """An interval literal: whole seconds when possible ('10 seconds'), else milliseconds."""
    if ms % SECOND == 0:
        return "%d seconds" % (ms // SECOND)
    return "%d milliseconds" % ms


def base_time(span_hours=12):
    """Event times start at 2026-11-20 10:00 and span at most span_hours: in the past, so the
    wall-clock clamp of docs/streaming.md never applies. On a machine whose clock is earlier than
    that, 2020-11-20 10:00 (a whole number of days earlier: windows align the same way)."""
    base = datetime.datetime(2026, 11, 20, 10, 0, 0)
    if datetime.datetime.utcnow() < base + datetime.timedelta(hours=span_hours):
        base = datetime.datetime(2020, 11, 20, 10, 0, 0)
    return ms_of(base)


def case_rng(seed, name):
    return random.Random(zlib.crc32(("%s/%s" % (seed, name)).encode()))


# ------------------------------------------------------------------------------------------------
# Event generation

class Gen:
    """How one case's event set looks. Times in ms."""

    def __init__(self, n=1200, keys=25, active_keys=6, switch=0.03, step=60, bound=2000, grain=10000,
                 p_disorder=0.2, p_late=0.04, p_edge=0.03, p_align=0.6, p_dup_ts=0.03,
                 p_null_v=0.05, p_null_ts=0.0, v_lo=-20, v_hi=60, p_big_v=0.0, session_gap=None,
                 late_span=None):
        self.n = n
        self.keys = keys                  # k00 .. k<keys-1>
        self.active_keys = active_keys    # keys that currently send (bursts: sessions end)
        self.switch = switch              # per event: chance one active key is replaced
        self.step = step                  # mean event-time advance per event
        self.bound = bound                # B: out-of-order rows stay within it, late rows go past it
        self.grain = grain                # window size / slide / session gap, for boundary rows
        self.p_disorder = p_disorder      # ts in [max - B, max]: never late
        self.p_late = p_late              # ts below the watermark: late if its window closed
        self.p_edge = p_edge              # ts exactly on a watermark / window boundary
        self.p_align = p_align            # make the watermark land exactly on a window boundary
        self.p_dup_ts = p_dup_ts          # same ts as the previous row (ties in ORDER BY ts)
        self.p_null_v = p_null_v
        self.p_null_ts = p_null_ts
        self.v_lo, self.v_hi = v_lo, v_hi
        self.p_big_v = p_big_v            # v from a huge range (high cardinality)
        self.session_gap = session_gap    # set for session cases: no row may touch a closed session
        self.late_span = late_span or 2 * grain  # late rows: up to this far below the watermark

    def scaled(self, factor):
        g = Gen.__new__(Gen)
        g.__dict__.update(self.__dict__)
        g.n = int(self.n * factor)
        return g


def generate(gen, rng, start_ms, first_id=1):
    """Events in arrival order; id = first_id + arrival index."""
    keys = ["k%02d" % i for i in range(gen.keys)]
    weights = [1.0 / (1 + i) ** 0.7 for i in range(gen.keys)]
    active = rng.sample(keys, min(gen.active_keys, gen.keys))
    T = start_ms             # the generator's event-time clock: in-order rows are stamped with it
    max_ts = None
    last_ts = None
    last_by_key = {}
    forced = []              # rows queued to sit exactly on a boundary
    out = []
    for i in range(gen.n):
        if rng.random() < gen.switch:
            active[rng.randrange(len(active))] = rng.choices(keys, weights)[0]
        k = rng.choice(active) if rng.random() < 0.9 else rng.choices(keys, weights)[0]
        if rng.random() < gen.p_null_v:
            v = None
        elif rng.random() < gen.p_big_v:
            v = rng.randrange(0, 10 ** 12)
        else:
            v = rng.randint(gen.v_lo, gen.v_hi)
        prev_T = T
        T += rng.randint(0, 2 * gen.step)
        wm = None if max_ts is None else max_ts - gen.bound
        # When the clock passes boundary + B, sometimes stop exactly there: the next rows then see
        # a watermark equal to a window's end.
        boundary = (T - gen.bound) // gen.grain * gen.grain
        if (prev_T - gen.bound < boundary <= T - gen.bound) and rng.random() < gen.p_align and not forced:
            T = boundary + gen.bound
            forced = [boundary - 1, boundary, boundary - gen.grain]
            ts = T
        elif forced and rng.random() < 0.5:
            ts = forced.pop(0)
            if max_ts is not None and ts > max_ts:
                ts = max_ts
        else:
            r = rng.random()
            if rng.random() < gen.p_null_ts:
                ts = None
            elif wm is not None and r < gen.p_late:
                ts = wm - rng.randint(1, gen.late_span)
            elif wm is not None and r < gen.p_late + gen.p_edge:
                ts = rng.choice([wm, wm - 1, wm // gen.grain * gen.grain - 1, wm // gen.grain * gen.grain,
                                 wm - gen.grain, wm - gen.grain + 1])
            elif gen.session_gap and r < gen.p_late + gen.p_edge + 0.05 and [
                    x for x in last_by_key if T - gen.bound < last_by_key[x] + gen.session_gap <= T]:
                # a key's row exactly gap (a new session) or just under gap (the same one) after
                # that key's last row
                k = rng.choice(sorted(x for x in last_by_key
                                      if T - gen.bound < last_by_key[x] + gen.session_gap <= T))
                ts = last_by_key[k] + gen.session_gap - rng.choice([0, 0, 1])
            elif r < gen.p_late + gen.p_edge + gen.p_disorder:
                ts = T - rng.randint(0, gen.bound)
            elif last_ts is not None and r < gen.p_late + gen.p_edge + gen.p_disorder + gen.p_dup_ts:
                ts = last_ts
            else:
                ts = T
        out.append(Event(first_id + i, k, v, ts))
        if ts is not None:
            last_by_key[k] = max(ts, last_by_key.get(k, ts))
            max_ts = ts if max_ts is None else max(max_ts, ts)
            last_ts = ts
    if gen.session_gap is not None:
        out = _no_closed_session_touch(out, gen.bound, gen.session_gap)
    return out


def _no_closed_session_touch(events, bound, gap):
    """docs/streaming.md leaves open what happens to an on-time row within `gap` of a session that
    is already closed (its state is freed, yet the batch answer would merge them). Such rows are
    moved to the maximum ts before them, where they cannot touch a closed session (and the
    watermarks of the rows after them stay the same)."""
    return session_model(events, bound, gap, fix_touching=True).events


# ------------------------------------------------------------------------------------------------
# Watermarks and late rows

def watermarks(events, bound):
    """watermark before row i = max(ts of rows 0..i-1) - B (None = -infinity); NULL ts rows do not
    move it. bound None (no WATERMARK clause): all None."""
    out = []
    mx = None
    for e in events:
        out.append(None if (mx is None or bound is None) else mx - bound)
        if e.ts is not None:
            mx = e.ts if mx is None else max(mx, e.ts)
    return out


def final_watermark(events, bound):
    tss = [e.ts for e in events if e.ts is not None]
    return None if (bound is None or not tss) else max(tss) - bound


def tumble_start(ts, size):
    return ts // size * size


def slide_starts(ts, size, slide):
    last = ts // slide * slide
    return list(range(last - size + slide, last + 1, slide))


def closed(window_end, wm):
    return wm is not None and window_end <= wm


class WindowedRows:
    """What a windowed query keeps: (event, window_start, window_end) pairs, the late rows, and
    (sessions only) rows that touched a closed session."""

    def __init__(self):
        self.pairs = []
        self.late = []             # events counted late (dead-lettered)
        self.touching_closed = []  # indexes (session model only)


def tumble_model(events, bound, size, where=None):
    res = WindowedRows()
    for e, wm in zip(events, watermarks(events, bound)):
        if e.ts is None or (where is not None and not where(e)):
            continue
        s = tumble_start(e.ts, size)
        if closed(s + size, wm):
            res.late.append(e)
        else:
            res.pairs.append((e, s, s + size))
    return res


def slide_model(events, bound, size, slide, where=None):
    res = WindowedRows()
    for e, wm in zip(events, watermarks(events, bound)):
        if e.ts is None or (where is not None and not where(e)):
            continue
        kept = [s for s in slide_starts(e.ts, size, slide) if not closed(s + size, wm)]
        if not kept:
            res.late.append(e)
        for s in kept:
            res.pairs.append((e, s, s + size))
    return res


def sessionize(rows, gap):
    """Batch sessions of one key's rows: sorted by (ts, id), a new session when a row is `gap` or
    more after the previous one. Returns lists of rows."""
    out = []
    for e in sorted(rows, key=lambda e: (e.ts, e.id)):
        if out and e.ts - out[-1][-1].ts < gap:
            out[-1].append(e)
        else:
            out.append([e])
    return out


def session_model(events, bound, gap, where=None, fix_touching=False):
    """Row by row: a key's sessions are those of its earlier accepted rows; a session is open while
    its window_end (last ts + gap) is after the watermark. A row within gap of an open session
    joins it (merging every session it is within gap of); otherwise it is late when
    ts + gap <= watermark. fix_touching: an accepted row within gap of a closed session is moved
    to the maximum ts so far (res.events holds the events after that)."""
    res = WindowedRows()
    res.events = list(events)
    sessions = {}   # k -> [[first, last], ...] of accepted rows
    accepted = {}
    mx = None
    for i, (e, wm) in enumerate(zip(events, watermarks(events, bound))):
        if e.ts is not None and (where is None or where(e)):
            ss = sessions.setdefault(e.k, [])

            def near(sess, ts):
                return sess[0] - gap < ts < sess[1] + gap

            open_near = [x for x in ss if near(x, e.ts) and not closed(x[1] + gap, wm)]
            closed_near = [x for x in ss if near(x, e.ts) and closed(x[1] + gap, wm)]
            if not open_near and wm is not None and e.ts + gap <= wm:
                res.late.append(e)
            else:
                if closed_near:
                    res.touching_closed.append(i)
                    if fix_touching and mx is not None:
                        e = res.events[i] = e._replace(ts=mx)
                        open_near, closed_near = [x for x in ss if near(x, e.ts)], []
                merged = [min([e.ts] + [x[0] for x in open_near + closed_near]),
                          max([e.ts] + [x[1] for x in open_near + closed_near])]
                sessions[e.k] = [x for x in ss if not near(x, e.ts)] + [merged]
                accepted.setdefault(e.k, []).append(e)
        if e.ts is not None:
            mx = e.ts if mx is None else max(mx, e.ts)
    for k, rows in accepted.items():
        for sess in sessionize(rows, gap):
            start, end = sess[0].ts, sess[-1].ts + gap
            for e in sess:
                res.pairs.append((e, start, end))
    return res


def session_late_naive(events, bound, gap):
    """The session late rule again, the slow obvious way (each row's sessions recomputed from the
    key's accepted rows): a cross-check of session_model."""
    late, accepted = [], {}
    for e, wm in zip(events, watermarks(events, bound)):
        if e.ts is None:
            continue
        sess = sessionize(accepted.get(e.k, []), gap)
        if wm is not None and e.ts + gap <= wm and not any(
                s[0].ts - gap < e.ts < s[-1].ts + gap and not closed(s[-1].ts + gap, wm) for s in sess):
            late.append(e)
        else:
            accepted.setdefault(e.k, []).append(e)
    return late


def window_model(window, events, bound, where=None):
    """window: None, ('tumble', size), ('slide', size, slide), ('session', gap)."""
    if window is None:
        res = WindowedRows()
        res.pairs = [(e, None, None) for e in events if where is None or where(e)]
        return res
    if window[0] == "tumble":
        return tumble_model(events, bound, window[1], where)
    if window[0] == "slide":
        return slide_model(events, bound, window[1], window[2], where)
    if window[0] == "session":
        return session_model(events, bound, window[1], where)
    raise ValueError(window)


# ------------------------------------------------------------------------------------------------
# Groups and aggregates

class Group:
    """One output group: the key k (None for a global aggregate), the window bounds (ms or None)
    and its rows (Events, in arrival order). Aggregates as properties, SQL semantics (NULLs)."""

    def __init__(self, k, ws, we, rows):
        self.k = k
        self.ws_ms, self.we_ms = ws, we
        self.rows = sorted(rows, key=lambda e: e.id)

    ws = property(lambda self: dt(self.ws_ms))
    we = property(lambda self: dt(self.we_ms))
    vs = property(lambda self: [e.v for e in self.rows if e.v is not None])
    n = property(lambda self: len(self.rows))
    nv = property(lambda self: len(self.vs))
    nd = property(lambda self: len(set(self.vs)))
    sum = property(lambda self: sum(self.vs) if self.vs else None)
    avg = property(lambda self: Fraction(sum(self.vs), len(self.vs)) if self.vs else None)
    min = property(lambda self: min(self.vs) if self.vs else None)
    max = property(lambda self: max(self.vs) if self.vs else None)
    # first_value(v ORDER BY ts) / last_value(v ORDER BY ts): smallest / largest (ts, arrival)
    fv = property(lambda self: min((e for e in self.rows if e.ts is not None),
                                   key=lambda e: (e.ts, e.id)).v if self._has_ts else None)
    lv = property(lambda self: max((e for e in self.rows if e.ts is not None),
                                   key=lambda e: (e.ts, e.id)).v if self._has_ts else None)
    # first_value(v) / last_value(v): arrival order
    fa = property(lambda self: self.rows[0].v if self.rows else None)
    la = property(lambda self: self.rows[-1].v if self.rows else None)
    _tss = property(lambda self: [e.ts for e in self.rows if e.ts is not None])
    _has_ts = property(lambda self: bool(self._tss))
    min_ts = property(lambda self: dt(min(self._tss)) if self._tss else None)
    max_ts = property(lambda self: dt(max(self._tss)) if self._tss else None)


def groups(pairs, keyfn):
    """Groups (keyfn(event), window_start, window_end) -> Group, from (event, ws, we) pairs."""
    acc = {}
    for e, ws, we in pairs:
        acc.setdefault((keyfn(e), ws, we), []).append(e)
    return [Group(k, ws, we, rows) for (k, ws, we), rows in acc.items()]


def trunc_div(a, b):
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b > 0) else -q
