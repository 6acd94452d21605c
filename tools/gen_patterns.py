"""Writes the candlestick family from short per-pattern predicate definitions (never edit the output):

- fastind/_kernels/candles.py + .pxd: one fused bar loop per pattern (Cython and Numba), reading the
  candle-settings engine (crange, cavg) written once at the top of the file;
- fastind/_numpy/candles.py: the same predicates vectorized over a run, the candle averages from
  numpy's sequential cumsum (the running total's exact rounding path);
- fastind/_registry/patterns.py: the registry entries.

    python tools/gen_patterns.py            # rewrite what is stale
    python tools/gen_patterns.py --check    # exit 1 when a file is stale

A pattern is a predicate over the bars of its window, written with these macros (k: candle offset,
0 = the current bar, 1 = the bar before, ...):

    O(k) H(k) L(k) C(k)      open, high, low, close
    BODY(k)                  |close - open|              (TA-Lib's real body)
    UPPER(k) LOWER(k)        the upper and lower shadows
    HL(k)                    high - low
    COLOR(k)                 1 (white: close >= open) or -1
    AVG(Setting, k)          TA-Lib's TA_CANDLEAVERAGE of the setting at candle k: factor * (the
                             sum of its range over the `period` candles before k) / period, halved
                             for the Shadows range type; with period 0 the candle's own range
    BODYGAPUP(k2, k1)        min(O, C) of k2 above max(O, C) of k1 (k2 the later candle)
    BODYGAPDOWN(k2, k1)      max(O, C) of k2 below min(O, C) of k1
    GAPUP(k2, k1)            L(k2) > H(k1);   GAPDOWN(k2, k1): H(k2) < L(k1)

`rule` is the condition and `value` the integer output where it holds (0 elsewhere); `cases` is a
list of (condition, value) tried in order instead. The lookback is TA-Lib's, an expression of the
settings' periods. Each AVG(S, k) is one running total, kept as TA-Lib keeps it: it starts as the
sequential sum of the S-range over the `period` candles before candle k of the first output bar,
then adds each new range minus the one leaving the window (that rounding path decides ties on
real prices quoted in cents, so it is kept exactly).
"""
import ast
import os
import sys
import textwrap

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
from generated_files import write_or_check  # noqa: E402

SETTINGS = ("BodyLong", "BodyVeryLong", "BodyShort", "BodyDoji", "ShadowLong", "ShadowVeryLong",
            "ShadowShort", "ShadowVeryShort", "Near", "Far", "Equal")
FIELDS = ("O", "H", "L", "C")
VARS = {"O": "o", "H": "h", "L": "l", "C": "c"}
ARRAYS = {"O": "open", "H": "high", "L": "low", "C": "close"}


class Pattern:
    def __init__(self, talib, display, lookback, summary, rule=None, value="100", cases=None,
                 params=(), native=None, examples=()):
        self.talib = talib
        self.display = display
        self.lookback = lookback
        self.summary = summary
        self.cases = cases if cases is not None else [(rule, value)]
        self.params = params  # ((native name, TA-Lib keyword, default), ...): reals >= 0
        self.name = native or "cdl_" + talib[3:].lower()
        self.examples = examples


# ---------------------------------------------------------------------------------------------
# The patterns (TA-Lib 0.6's definitions; the comments are TA-Lib's own descriptions)
# ---------------------------------------------------------------------------------------------
PEN3 = (("penetration", "penetration", 0.3),)
PEN5 = (("penetration", "penetration", 0.5),)
PEN_EXAMPLES = ({"penetration": 0.0}, {"penetration": 1.0})

PATTERNS = [
    Pattern("CDLDOJI", "Doji", "BodyDoji",
            "open quite equal to close: real body <= the BodyDoji average",
            "BODY(0) <= AVG(BodyDoji, 0)"),
    Pattern("CDLENGULFING", "Engulfing Pattern", "2",
            "second real body engulfs the first of the opposite color: +-100, +-80 where an "
            "open or close equals the other candle's",
            cases=[("(COLOR(0) == 1 and COLOR(1) == -1 and"
                    " (C(0) >= O(1) and O(0) < C(1) or C(0) > O(1) and O(0) <= C(1)))"
                    " or (COLOR(0) == -1 and COLOR(1) == 1 and"
                    " (O(0) >= C(1) and C(0) < O(1) or O(0) > C(1) and C(0) <= O(1)))",
                    "COLOR(0) * (100 if O(0) != C(1) and C(0) != O(1) else 80)")]),
    Pattern("CDLHAMMER", "Hammer", "max(BodyShort, ShadowLong, ShadowVeryShort, Near) + 1",
            "small real body, long lower shadow, (almost) no upper shadow, body near the "
            "previous low",
            "BODY(0) < AVG(BodyShort, 0) and LOWER(0) > AVG(ShadowLong, 0)"
            " and UPPER(0) < AVG(ShadowVeryShort, 0)"
            " and min(C(0), O(0)) <= L(1) + AVG(Near, 1)"),
    Pattern("CDLMORNINGSTAR", "Morning Star", "max(BodyShort, BodyLong) + 2",
            "long black, short star gapping down, white closing well into the first body",
            "COLOR(2) == -1 and COLOR(0) == 1 and BODYGAPDOWN(1, 2)"
            " and C(0) > C(2) + BODY(2) * penetration"
            " and BODY(2) > AVG(BodyLong, 2) and BODY(1) <= AVG(BodyShort, 1)"
            " and BODY(0) > AVG(BodyShort, 0)",
            params=PEN3, examples=PEN_EXAMPLES),
    Pattern("CDL3WHITESOLDIERS", "Three Advancing White Soldiers",
            "max(ShadowVeryShort, BodyShort, Far, Near) + 2",
            "three white candles with higher closes and opens within the previous body, very "
            "short upper shadows, none far shorter than the one before, the last not short",
            "COLOR(2) == 1 and UPPER(2) < AVG(ShadowVeryShort, 2)"
            " and COLOR(1) == 1 and UPPER(1) < AVG(ShadowVeryShort, 1)"
            " and COLOR(0) == 1 and UPPER(0) < AVG(ShadowVeryShort, 0)"
            " and C(0) > C(1) and C(1) > C(2)"
            " and O(1) > O(2) and O(1) <= C(2) + AVG(Near, 2)"
            " and O(0) > O(1) and O(0) <= C(1) + AVG(Near, 1)"
            " and BODY(1) > BODY(2) - AVG(Far, 2)"
            " and BODY(0) > BODY(1) - AVG(Far, 1)"
            " and BODY(0) > AVG(BodyShort, 0)"),
]


# ---------------------------------------------------------------------------------------------
# Predicate analysis and expansion
# ---------------------------------------------------------------------------------------------
def _int(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, int):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_int(node.operand)
    raise ValueError(f"candle offsets are integer constants: {ast.unparse(node)}")


def _macro(node):
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id
    return None


def streams_of(pattern):
    """[(setting, k)] of every AVG(setting, k) the pattern reads, in first-use order."""
    seen = []
    for cond, value in pattern.cases:
        for text in (cond, value):
            for node in ast.walk(ast.parse(text, mode="eval")):
                if _macro(node) == "AVG":
                    key = (node.args[0].id, _int(node.args[1]))
                    if key[0] not in SETTINGS:
                        raise ValueError(f"{pattern.talib}: unknown setting {key[0]}")
                    if key not in seen:
                        seen.append(key)
    return seen


def depth_of(pattern):
    """The largest candle offset the pattern reads."""
    depth = 0
    for cond, value in pattern.cases:
        for text in (cond, value):
            for node in ast.walk(ast.parse(text, mode="eval")):
                if _macro(node) in ("O", "H", "L", "C", "BODY", "UPPER", "LOWER", "HL", "COLOR"):
                    depth = max(depth, _int(node.args[0]))
                elif _macro(node) == "AVG":
                    depth = max(depth, _int(node.args[1]))
                elif _macro(node) in ("BODYGAPUP", "BODYGAPDOWN", "GAPUP", "GAPDOWN"):
                    depth = max(depth, _int(node.args[0]), _int(node.args[1]))
    return depth


def settings_of(pattern):
    """The settings the pattern reads (AVG or its lookback), in SETTINGS order."""
    used = {s for s, _ in streams_of(pattern)}
    for node in ast.walk(ast.parse(pattern.lookback, mode="eval")):
        if isinstance(node, ast.Name) and node.id in SETTINGS:
            used.add(node.id)
    return [s for s in SETTINGS if s in used]


def _sub(template, **names):
    return ast.parse(template.format(**names), mode="eval").body


class Loop(ast.NodeTransformer):
    """Macros -> the scalar locals of the fused bar loop (Cython / Numba)."""

    def visit_Call(self, node):
        self.generic_visit(node)
        m = _macro(node)
        if m in FIELDS:
            return ast.Name(f"{VARS[m]}{_int(node.args[0])}", ast.Load())
        if m is None or m in ("max", "min", "abs"):
            return node
        a = [_int(x) for x in node.args] if m != "AVG" else None
        if m == "BODY":
            return _sub("abs(c{k} - o{k})", k=a[0])
        if m == "UPPER":
            return _sub("(h{k} - (c{k} if c{k} >= o{k} else o{k}))", k=a[0])
        if m == "LOWER":
            return _sub("((o{k} if c{k} >= o{k} else c{k}) - l{k})", k=a[0])
        if m == "HL":
            return _sub("(h{k} - l{k})", k=a[0])
        if m == "COLOR":
            return _sub("(1 if c{k} >= o{k} else -1)", k=a[0])
        if m == "AVG":  # computed where the condition reaches it (a division)
            return _sub("cavg(t_{s}, p_{s}, f_{s}, s_{s}_{k}, g_{s}_{k})",
                        s=node.args[0].id, k=_int(node.args[1]))
        if m == "BODYGAPUP":
            return _sub("(min(o{x}, c{x}) > max(o{y}, c{y}))", x=a[0], y=a[1])
        if m == "BODYGAPDOWN":
            return _sub("(max(o{x}, c{x}) < min(o{y}, c{y}))", x=a[0], y=a[1])
        if m == "GAPUP":
            return _sub("(l{x} > h{y})", x=a[0], y=a[1])
        if m == "GAPDOWN":
            return _sub("(h{x} < l{y})", x=a[0], y=a[1])
        raise ValueError(f"unknown macro {m}")


class Vector(ast.NodeTransformer):
    """Macros -> aligned numpy slices (bar i of the run at index i - lookback); and/or/not and
    conditional expressions -> elementwise operators and np.where."""

    def visit_Call(self, node):
        self.generic_visit(node)
        m = _macro(node)
        if m in FIELDS:
            return ast.Name(f"{VARS[m]}{_int(node.args[0])}", ast.Load())
        if m in ("max", "min", "abs"):
            node.func = ast.Attribute(ast.Name("np", ast.Load()),
                                      {"max": "maximum", "min": "minimum", "abs": "abs"}[m],
                                      ast.Load())
            return node
        if m is None:
            return node
        if m == "AVG":
            return ast.Name(f"a_{node.args[0].id}_{_int(node.args[1])}", ast.Load())
        a = [_int(x) for x in node.args]
        if m == "BODY":
            return _sub("np.abs(c{k} - o{k})", k=a[0])
        if m == "UPPER":
            return _sub("(h{k} - np.maximum(c{k}, o{k}))", k=a[0])
        if m == "LOWER":
            return _sub("(np.minimum(c{k}, o{k}) - l{k})", k=a[0])
        if m == "HL":
            return _sub("(h{k} - l{k})", k=a[0])
        if m == "COLOR":
            return _sub("np.where(c{k} >= o{k}, 1, -1)", k=a[0])
        if m == "BODYGAPUP":
            return _sub("(np.minimum(o{x}, c{x}) > np.maximum(o{y}, c{y}))", x=a[0], y=a[1])
        if m == "BODYGAPDOWN":
            return _sub("(np.maximum(o{x}, c{x}) < np.minimum(o{y}, c{y}))", x=a[0], y=a[1])
        if m == "GAPUP":
            return _sub("(l{x} > h{y})", x=a[0], y=a[1])
        if m == "GAPDOWN":
            return _sub("(h{x} < l{y})", x=a[0], y=a[1])
        raise ValueError(f"unknown macro {m}")

    def visit_BoolOp(self, node):
        self.generic_visit(node)
        op = ast.BitAnd() if isinstance(node.op, ast.And) else ast.BitOr()
        result = node.values[0]
        for v in node.values[1:]:
            result = ast.BinOp(result, op, v)
        return result

    def visit_UnaryOp(self, node):
        self.generic_visit(node)
        if isinstance(node.op, ast.Not):
            return ast.UnaryOp(ast.Invert(), node.operand)
        return node

    def visit_Compare(self, node):
        self.generic_visit(node)
        if len(node.ops) == 1:
            return node
        parts, left = [], node.left
        for op, right in zip(node.ops, node.comparators):
            parts.append(ast.Compare(left, [op], [right]))
            left = right
        result = parts[0]
        for p in parts[1:]:
            result = ast.BinOp(result, ast.BitAnd(), p)
        return result

    def visit_IfExp(self, node):
        self.generic_visit(node)
        return ast.Call(ast.Attribute(ast.Name("np", ast.Load()), "where", ast.Load()),
                        [node.test, node.body, node.orelse], [])


def _expand(text, transformer):
    return ast.unparse(transformer().visit(ast.parse(text, mode="eval")).body)


def _lookback(pattern, period_name):
    """The lookback expression with each setting replaced by its period variable."""
    tree = ast.parse(pattern.lookback, mode="eval")

    class Periods(ast.NodeTransformer):
        def visit_Name(self, node):
            return ast.Name(period_name(node.id), ast.Load()) if node.id in SETTINGS else node

    return ast.unparse(Periods().visit(tree).body)


def _value(pattern, transformer):
    """One expression: the cases as nested conditionals, 0 where none holds."""
    expr = "0"
    for cond, value in reversed(pattern.cases):
        expr = f"({value}) if ({cond}) else ({expr})"
    return expr


# ---------------------------------------------------------------------------------------------
# Kernel family (Cython pure-Python mode + Numba)
# ---------------------------------------------------------------------------------------------
KERNEL_HEAD = '''\
"""Candlestick family: TA-Lib's 61 CDL patterns over one candle-settings engine.

GENERATED by tools/gen_patterns.py from its pattern definitions: never edit by hand.

The engine (crange, cavg, run_end) is TA-Lib's candle settings: each setting is a range type
(0 real body, 1 high-low, 2 both shadows), an averaging period and a factor; cavg is
TA_CANDLEAVERAGE, factor * (total / period) / (2 for Shadows), the candle's own range where the
period is 0. ci[0, s] is setting s's range type, ci[1, s] its period, cf[s] its factor.
Each run of finite bars is its own series (0 over its lookback and on non-finite bars).
"""


def crange(kind, o, h, lo, c):
    """The candle's range of a setting's type: real body, high - low, or the two shadows."""
    if kind == 0:
        return abs(c - o)
    if kind == 1:
        return h - lo
    if kind == 2:
        if c >= o:
            return (h - c) + (o - lo)
        return (h - o) + (c - lo)
    return 0.0


def cavg(kind, period, factor, total, own):
    """TA_CANDLEAVERAGE: the factor times the mean range of the `period` candles before this one
    (`total` their sum), or times its own range `own` when the period is 0; halved for Shadows."""
    if period != 0:
        base = total / period
    else:
        base = own
    if kind == 2:
        return factor * base / 2.0
    return factor * base / 1.0


def run_end(open, high, low, close, r, start, stop):
    """The first bar from `start` on where any of the four inputs is NaN or infinite (`stop` if
    none before it)."""
    j = start
    while j < stop:
        if (open[r, j] - open[r, j]) + (high[r, j] - high[r, j]) + (low[r, j] - low[r, j]) \\
                + (close[r, j] - close[r, j]) != 0.0:
            return j
        j += 1
    return stop
'''

PXD_HEAD = '''\
# GENERATED by tools/gen_patterns.py: never edit by hand. Declarations of candles.py.
cimport cython
from cython cimport floating

cdef inline double crange(Py_ssize_t kind, double o, double h, double lo, double c) noexcept nogil

@cython.locals(base=double)
cdef inline double cavg(Py_ssize_t kind, Py_ssize_t period, double factor, double total,
                        double own) noexcept nogil

@cython.locals(j=Py_ssize_t)
cdef inline Py_ssize_t run_end(const floating[:, ::1] open, const floating[:, ::1] high,
                               const floating[:, ::1] low, const floating[:, ::1] close,
                               Py_ssize_t r, Py_ssize_t start, Py_ssize_t stop) noexcept nogil
'''

ARGS = "open, high, low, close"
PXD_ARGS = ("const floating[:, ::1] open, const floating[:, ::1] high, "
            "const floating[:, ::1] low, const floating[:, ::1] close")


def _sid(s):
    return SETTINGS.index(s)


def kernel_source(p):
    streams = streams_of(p)
    depth = depth_of(p)
    used = settings_of(p)
    params = "".join(f"{name}, " for name, _, _ in p.params)
    lines = [f"def {p.name}({ARGS}, {params}ci, cf, out):",
             f'    """{p.talib} ({p.display}): {p.summary}."""',
             "    rows = open.shape[0]",
             "    n = open.shape[1]"]
    for s in used:
        k = _sid(s)
        lines += [f"    t_{s} = ci[0, {k}]", f"    p_{s} = ci[1, {k}]", f"    f_{s} = cf[{k}]"]
    lines.append(f"    lb = {_lookback(p, lambda s: 'p_' + s)}")
    body = _expand(_value(p, Loop), Loop)
    lines += [
        "    for r in range(rows):",
        "        a = 0",
        "        while a < n:",
        "            # the warm-up bars of a run (a run of finite bars is its own series)",
        "            b = run_end(open, high, low, close, r, a, min(a + lb, n))",
        "            for i in range(a, b):",
        "                out[r, i] = 0",
        "            i = b",
        "            if b == a + lb:",
    ]
    ind = " " * 16
    for s, k in streams:
        lines += [f"{ind}s_{s}_{k} = 0.0",
                  f"{ind}for j in range(a + lb - p_{s} - {k}, a + lb - {k}):",
                  f"{ind}    s_{s}_{k} += crange(t_{s}, open[r, j], high[r, j], low[r, j], close[r, j])"]
    lines.append(f"{ind}while i < n:")
    ind2 = ind + "    "
    lines.append(ind2 + "; ".join(f"{VARS[f]}0 = {ARRAYS[f]}[r, i]" for f in FIELDS))
    lines += [f"{ind2}if (o0 - o0) + (h0 - h0) + (l0 - l0) + (c0 - c0) != 0.0:",
              f"{ind2}    break"]
    for k in range(1, depth + 1):
        lines.append(ind2 + "; ".join(f"{VARS[f]}{k} = {ARRAYS[f]}[r, i - {k}]" for f in FIELDS))
    for s, k in streams:
        lines.append(f"{ind2}g_{s}_{k} = crange(t_{s}, o{k}, h{k}, l{k}, c{k})")
    lines.append(f"{ind2}out[r, i] = {body}")
    for s, k in streams:
        lines += [f"{ind2}j = i - {k} - p_{s}",
                  f"{ind2}s_{s}_{k} += g_{s}_{k} - crange(t_{s}, open[r, j], high[r, j], low[r, j], close[r, j])"]
    lines += [f"{ind2}i += 1",
              "            if i < n:",
              "                out[r, i] = 0  # a non-finite bar",
              "            a = i + 1"]
    return "\n".join(lines) + "\n"


def pxd_source(p):
    streams = streams_of(p)
    used = settings_of(p)
    locs = ["rows=Py_ssize_t", "n=Py_ssize_t", "r=Py_ssize_t", "a=Py_ssize_t", "b=Py_ssize_t",
            "i=Py_ssize_t", "j=Py_ssize_t", "lb=Py_ssize_t"]
    for s in used:
        locs += [f"t_{s}=Py_ssize_t", f"p_{s}=Py_ssize_t", f"f_{s}=double"]
    for k in range(depth_of(p) + 1):
        locs += [f"{VARS[f]}{k}=double" for f in FIELDS]
    for s, k in streams:
        locs += [f"s_{s}_{k}=double", f"g_{s}_{k}=double"]
    params = "".join(f"double {name}, " for name, _, _ in p.params)
    wrapped = textwrap.fill(", ".join(locs), 96, initial_indent="@cython.locals(",
                            subsequent_indent="               ")
    return (f"{wrapped})\n"
            f"cpdef void {p.name}({PXD_ARGS},\n"
            f"                {params}const Py_ssize_t[:, ::1] ci, const double[::1] cf,\n"
            f"                int[:, ::1] out) noexcept nogil\n")


# ---------------------------------------------------------------------------------------------
# NumPy backend
# ---------------------------------------------------------------------------------------------
NUMPY_HEAD = '''\
"""Candlestick patterns, vectorized (NumPy backend).

GENERATED by tools/gen_patterns.py from the same predicate definitions as the kernels: never edit
by hand. Each run of finite bars is computed as a whole: the candle ranges as arrays, each candle
average from numpy's cumsum (a sequential accumulation, so it rounds exactly as TA-Lib's running
total: the first `period` ranges summed from 0, then each new range minus the one leaving), and
the predicate over aligned slices (bar i of the run at index i - lookback).
"""
import numpy as np

from ._runs import per_run


def crange(kind, o, h, lo, c):
    """The candle range of a setting's type, for whole arrays."""
    if kind == 0:
        return np.abs(c - o)
    if kind == 1:
        return h - lo
    if kind == 2:
        return (h - np.maximum(c, o)) + (np.minimum(c, o) - lo)
    return np.zeros_like(o)


def candle_average(ci, cf, s, o, h, lo, c, lb, k):
    """TA_CANDLEAVERAGE of setting s at candle k of every bar from the lookback `lb` on."""
    kind, period, factor = ci[0, s], ci[1, s], cf[s]
    m = o.shape[0]
    rng = crange(kind, o, h, lo, c)
    if period == 0:
        base = rng[lb - k:m - k]
    else:
        s0 = lb - k - period
        steps = rng[lb - k:m - k - 1] - rng[s0:m - k - 1 - period]
        base = np.cumsum(np.concatenate((rng[s0:s0 + period], steps)))[period - 1:] / period
    return factor * base / (2.0 if kind == 2 else 1.0)
'''


def numpy_source(p):
    streams = streams_of(p)
    depth = depth_of(p)
    used = settings_of(p)
    params = "".join(f"{name}, " for name, _, _ in p.params)
    lines = [f"def _{p.name}(o, h, lo, c, {params}ci, cf):",
             "    m = o.shape[0]",
             "    res = np.zeros(m, np.int32)"]
    lines.append(f"    lb = {_lookback(p, lambda s: f'ci[1, {_sid(s)}]')}")
    lines += ["    if m <= lb:", "        return res"]
    for k in range(depth + 1):
        end = "m" if k == 0 else f"m - {k}"
        lines.append("    " + "; ".join(f"{VARS[f]}{k} = {src}[lb - {k}:{end}]"
                                         for f, src in zip(FIELDS, ("o", "h", "lo", "c"))))
    for s, k in streams:
        lines.append(f"    a_{s}_{k} = candle_average(ci, cf, {_sid(s)}, o, h, lo, c, lb, {k})")
    body = _expand(_value(p, Vector), Vector)
    lines.append(f"    res[lb:] = {body}")
    lines.append("    return res")
    lines += ["", "",
              f"def {p.name}(open, high, low, close, {params}ci, cf, out):",
              f'    """{p.talib} ({p.display})."""',
              f"    per_run(lambda o, h, lo, c: _{p.name}(o, h, lo, c, {params}ci, cf),",
              "            (open, high, low, close), (out,), fill=0)"]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Registry
# ---------------------------------------------------------------------------------------------
REGISTRY_HEAD = '''\
"""Pattern Recognition: TA-Lib's candlestick patterns.

GENERATED by tools/gen_patterns.py: never edit by hand. The lookbacks read the current candle
settings (fastind._candles), as TA-Lib's do.
"""
from .._candles import period as P
from .spec import Indicator, real

G = "Pattern Recognition"
OHLC = ("open", "high", "low", "close")

ENTRIES = (
'''


def registry_source(p):
    params = ", ".join(f'real("{n}", {d!r}, min=0.0, max=3e37, talib="{t}", '
                       f'doc="penetration into the first real body")'
                       for n, t, d in p.params)
    params = f"({params},)" if p.params else "()"
    args = ", ".join(n for n, _, _ in p.params)
    lookback = _lookback(p, lambda s: f'P("{s}")')
    extra = f", examples={p.examples!r}" if p.examples else ""
    return (f'    Indicator("{p.name}", "{p.talib}", G, OHLC, {params}, ("integer",),\n'
            f"              lambda {args}: {lookback}, \"candles:{p.name}\",\n"
            f"              {p.summary!r},\n"
            f'              out_dtype="int32", display={p.display!r}{extra}),\n')


def sources():
    kernel = KERNEL_HEAD + "".join("\n\n" + kernel_source(p) for p in PATTERNS)
    pxd = PXD_HEAD + "".join("\n" + pxd_source(p) for p in PATTERNS)
    numpy = NUMPY_HEAD + "".join("\n\n" + numpy_source(p) for p in PATTERNS)
    registry = REGISTRY_HEAD + "".join(registry_source(p) for p in PATTERNS) + ")\n"
    return {
        os.path.join(ROOT, "fastind", "_kernels", "candles.py"): kernel,
        os.path.join(ROOT, "fastind", "_kernels", "candles.pxd"): pxd,
        os.path.join(ROOT, "fastind", "_numpy", "candles.py"): numpy,
        os.path.join(ROOT, "fastind", "_registry", "patterns.py"): registry,
    }


def main(argv):
    wanted = sources()
    for path in wanted:  # a first run creates the files
        if not os.path.exists(path) and "--check" not in argv:
            open(path, "w").close()
    return write_or_check(wanted, "--check" in argv, "gen_patterns.py", ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
