# Row-set comparison with a readable diff: rows are matched on key columns; integers, text,
# timestamps and intervals compare exactly, non-integral numbers with relative tolerance 1e-9,
# and approx_count_distinct columns against the exact count(DISTINCT) (exact up to
# APPROX_EXACT_UP_TO distinct values, APPROX_TOLERANCE relative above).

import datetime
import decimal
from fractions import Fraction

REL_TOL = 1e-9
APPROX_EXACT_UP_TO = 100
APPROX_TOLERANCE = 0.02
SHOW = 5  # mismatching rows shown per kind


def _num(x):
    if isinstance(x, bool):
        return None
    if isinstance(x, int):
        return Fraction(x)
    if isinstance(x, Fraction):
        return x
    if isinstance(x, decimal.Decimal):
        return Fraction(x) if x.is_finite() else None
    if isinstance(x, float):
        return Fraction(x) if x == x and abs(x) != float("inf") else None
    return None


def value_equal(got, want, approx=False):
    if got is None or want is None:
        return got is None and want is None
    g, w = _num(got), _num(want)
    if g is not None and w is not None:
        if approx:
            if w <= APPROX_EXACT_UP_TO:
                return g == w
            return abs(g - w) <= APPROX_TOLERANCE * w
        if g.denominator == 1 and w.denominator == 1:
            return g == w
        return abs(float(g) - float(w)) <= REL_TOL * max(abs(float(g)), abs(float(w)))
    if type(got) is not type(want):
        return False
    return got == want


def show(x):
    if x is None:
        return "NULL"
    if isinstance(x, datetime.datetime):
        return x.isoformat(sep=" ")
    if isinstance(x, Fraction):
        return str(x.numerator) if x.denominator == 1 else repr(float(x))
    if isinstance(x, decimal.Decimal):
        return str(x)
    if isinstance(x, datetime.timedelta):
        return str(x)
    return repr(x) if isinstance(x, str) else str(x)


def show_row(cols, row):
    return "(" + ", ".join("%s=%s" % (c, show(v)) for c, v in zip(cols, row)) + ")"


def _hashable(x):
    n = _num(x)
    if n is not None:
        return ("n", n)
    if x is None:
        return ("0", 0)
    return (type(x).__name__, x)


def _sort_key(x):
    n = _num(x)
    if x is None:
        return (0, 0)
    if n is not None:
        return (1, n)
    if isinstance(x, datetime.datetime):
        return (2, x)
    if isinstance(x, datetime.timedelta):
        return (3, x)
    return (4, str(x))


def row_sort_key(row):
    return tuple(_sort_key(x) for x in row)


def compare_rows(cols, got, want, key_cols=None, approx_cols=()):
    """Returns (ok, text). got/want: lists of tuples in `cols` order. key_cols: the columns that
    identify a row (default: all). Rows with the same key are paired in sorted order."""
    key_idx = [cols.index(c) for c in (cols if key_cols is None else key_cols)]
    approx = [c in approx_cols for c in cols]

    def key(row):
        return tuple(_hashable(row[i]) for i in key_idx)

    def bucket(rows):
        d = {}
        for r in rows:
            d.setdefault(key(r), []).append(r)
        for v in d.values():
            v.sort(key=row_sort_key)
        return d

    g, w = bucket(got), bucket(want)
    missing, extra, differ = [], [], []
    for k in set(g) | set(w):
        gr, wr = g.get(k, []), w.get(k, [])
        for a, b in zip(gr, wr):
            bad = [i for i in range(len(cols)) if not value_equal(a[i], b[i], approx[i])]
            if bad:
                differ.append((a, b, bad))
        missing.extend(wr[len(gr):])
        extra.extend(gr[len(wr):])
    if not (missing or extra or differ):
        return True, "%d rows equal" % len(want)
    lines = ["got %d rows, expected %d: %d missing, %d unexpected, %d differing"
             % (len(got), len(want), len(missing), len(extra), len(differ))]
    for title, rows in (("missing (expected, not got)", missing), ("unexpected (got, not expected)", extra)):
        if rows:
            rows.sort(key=row_sort_key)
            lines.append("  %s:" % title)
            lines.extend("    " + show_row(cols, r) for r in rows[:SHOW])
            if len(rows) > SHOW:
                lines.append("    ... %d more" % (len(rows) - SHOW))
    if differ:
        differ.sort(key=lambda d: row_sort_key(d[1]))
        lines.append("  differing (key: column got / expected):")
        for a, b, bad in differ[:SHOW]:
            keytxt = ", ".join("%s=%s" % (cols[i], show(b[i])) for i in key_idx)
            lines.append("    [%s] " % keytxt + "; ".join(
                "%s: %s / %s" % (cols[i], show(a[i]), show(b[i])) for i in bad))
        if len(differ) > SHOW:
            lines.append("    ... %d more" % (len(differ) - SHOW))
    return False, "\n".join(lines)
