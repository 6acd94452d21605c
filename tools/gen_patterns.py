"""Writes the candlestick family from short per-pattern predicate definitions (never edit the output):

- fastind/_kernels/candles.py + .pxd: per pattern (Cython and Numba) its kernel, which picks its
  bar loop with TA-Lib's default candle settings written in as constants (<name>_default) or the
  one given the settings (<name>_bars), both reading the candle-settings engine (crange, cavg)
  written once at the top of the file; the fused loops of patterns() (cdl_all_default<k>);
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
import functools
import os
import re
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
                 params=(), native=None, examples=(), kernel=None, numpy=None):
        self.talib = talib
        self.display = display
        self.lookback = lookback
        self.summary = summary
        self.cases = cases if cases is not None else [(rule, value)]
        self.params = params  # ((native name, TA-Lib keyword, default), ...): reals >= 0
        self.name = native or "cdl_" + talib[3:].lower()
        self.examples = examples
        self.kernel = kernel  # a stateful pattern's own bar loop (HIKKAKE): kernel, numpy code
        self.numpy = numpy


# ---------------------------------------------------------------------------------------------
# The patterns (TA-Lib 0.6's definitions; the comments are TA-Lib's own descriptions)
# ---------------------------------------------------------------------------------------------
# The Hikkake patterns keep a state across bars (the last pattern's sign, the bars since it and
# the inside bar's level a close must pass): their own bar loops, of the other patterns' shape
# (a stream resumes them, fastind/_resume.py: no absolute bar index is kept across bars).
# TA-Lib runs the detection from 3 bars before the first output (patternIdx 0: none).
HIKKAKE_KERNEL = """\
def cdl_hikkake(open, high, low, close, ci, cf, out):
    \"\"\"CDLHIKKAKE (Hikkake Pattern): an inside bar, then a breakout (+-100); a close beyond the
    inside bar within 3 bars confirms it (+-200). Lookback 5.\"\"\"
    rows = open.shape[0]
    n = open.shape[1]
    lb = 5
    for r in range(rows):
        count = 0
        res = 0
        since = 4  # bars since the last pattern; over 3: none to confirm
        ref = 0.0
        for i in range(n):
            o0 = open[r, i]; h0 = high[r, i]; l0 = low[r, i]; c0 = close[r, i]
            count += 1
            z = (c0 - o0) + (h0 - l0)  # NaN where an input is not finite (see the other patterns)
            z = z - z
            if count <= lb - 2 or z != z:
                if (o0 - o0) + (h0 - h0) + (l0 - l0) + (c0 - c0) != 0.0:
                    count = 0  # a gap: the next finite bar starts a run
                    out[r, i] = 0
                    continue
                if count < lb - 2:
                    out[r, i] = 0
                    continue
                if count == lb - 2:
                    since = 4  # the detection starts 3 bars before the first output, no pattern
            since += 1  # not capped at 4: one branch less per bar
            h1 = high[r, i - 1]; l1 = low[r, i - 1]; h2 = high[r, i - 2]; l2 = low[r, i - 2]
            v = 0
            # the inside bar's two tests without a branch (each a coin toss; both pass 1 in 4)
            if (h1 < h2) & (l1 > l2) and (h0 < h1 and l0 < l1 or h0 > h1 and l0 > l1):
                res = 100 if h0 < h1 else -100
                ref = h1 if h0 < h1 else l1  # the inside bar's end a close must pass
                since = 0
                v = res
            elif since <= 3 and (res > 0 and c0 > ref or res < 0 and c0 < ref):
                v = res + (100 if res > 0 else -100)
                since = 4  # confirmed once
            out[r, i] = v if count > lb else 0
"""

HIKKAKEMOD_KERNEL = """\
def cdl_hikkakemod(open, high, low, close, ci, cf, out):
    \"\"\"CDLHIKKAKEMOD (Modified Hikkake Pattern): two nested inside bars, the first closing near
    its low (high), then a breakout (+-100); a close beyond the second within 3 bars (+-200).
    Lookback max(1, Near) + 5.\"\"\"
    rows = open.shape[0]
    n = open.shape[1]
    t_Near = ci[0, 8]
    p_Near = ci[1, 8]
    f_Near = cf[8]
    lb = max(1, p_Near) + 5
    for r in range(rows):
        count = 0
        res = 0
        since = 4  # bars since the last pattern; over 3: none to confirm
        ref = 0.0
        s_Near_2 = 0.0
        for i in range(n):
            o0 = open[r, i]; h0 = high[r, i]; l0 = low[r, i]; c0 = close[r, i]
            count += 1
            z = (c0 - o0) + (h0 - l0)  # NaN where an input is not finite (see the other patterns)
            z = z - z
            if count <= lb - 2 or z != z:
                if (o0 - o0) + (h0 - h0) + (l0 - l0) + (c0 - c0) != 0.0:
                    count = 0  # a gap: the next finite bar starts a run
                    out[r, i] = 0
                    continue
                if count < lb - 2:
                    out[r, i] = 0
                    continue
                if count == lb - 2:
                    # the detection starts 3 bars before the first output, no pattern, and so
                    # does the Near average of candle i - 2 (TA-Lib's rounding path)
                    since = 4
                    s_Near_2 = range_sum(t_Near, open, high, low, close, r, i - 2 - p_Near, i - 2)
            since += 1  # not capped at 4: one branch less per bar
            h1 = high[r, i - 1]; l1 = low[r, i - 1]
            o2 = open[r, i - 2]; h2 = high[r, i - 2]; l2 = low[r, i - 2]; c2 = close[r, i - 2]
            h3 = high[r, i - 3]; l3 = low[r, i - 3]
            g_Near_2 = crange(t_Near, o2, h2, l2, c2)
            v = 0
            # the two inside bars' tests without a branch (see _branch_free)
            if (h2 < h3) & (l2 > l3) & (h1 < h2) & (l1 > l2) and (
                    h0 < h1 and l0 < l1
                    and c2 <= l2 + cavg(t_Near, p_Near, f_Near, s_Near_2, g_Near_2)
                    or h0 > h1 and l0 > l1
                    and c2 >= h2 - cavg(t_Near, p_Near, f_Near, s_Near_2, g_Near_2)):
                res = 100 if h0 < h1 else -100
                ref = h1 if h0 < h1 else l1  # the second inside bar's end a close must pass
                since = 0
                v = res
            elif since <= 3 and (res > 0 and c0 > ref or res < 0 and c0 < ref):
                v = res + (100 if res > 0 else -100)
                since = 4  # confirmed once
            out[r, i] = v if count > lb else 0
            j = i - 2 - p_Near
            s_Near_2 += g_Near_2 - crange(t_Near, open[r, j], high[r, j], low[r, j], close[r, j])
"""

HIKKAKE_PXD = """\
@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, count=Py_ssize_t, i=Py_ssize_t,
               lb=Py_ssize_t, res=Py_ssize_t, since=Py_ssize_t, v=Py_ssize_t, ref=double, z=double,
               o0=double, h0=double, l0=double, c0=double, h1=double, l1=double, h2=double,
               l2=double)
cpdef void cdl_hikkake(const floating[:, ::1] open, const floating[:, ::1] high,
                       const floating[:, ::1] low, const floating[:, ::1] close,
                       const Py_ssize_t[:, ::1] ci, const double[::1] cf,
                       int[:, ::1] out) noexcept nogil
"""

HIKKAKEMOD_PXD = """\
@cython.locals(rows=Py_ssize_t, n=Py_ssize_t, r=Py_ssize_t, count=Py_ssize_t, i=Py_ssize_t,
               j=Py_ssize_t, lb=Py_ssize_t, res=Py_ssize_t, since=Py_ssize_t, v=Py_ssize_t,
               ref=double, z=double, t_Near=Py_ssize_t, p_Near=Py_ssize_t, f_Near=double,
               s_Near_2=double, g_Near_2=double, o0=double, h0=double, l0=double, c0=double,
               h1=double, l1=double, o2=double, h2=double, l2=double, c2=double, h3=double,
               l3=double)
cpdef void cdl_hikkakemod(const floating[:, ::1] open, const floating[:, ::1] high,
                          const floating[:, ::1] low, const floating[:, ::1] close,
                          const Py_ssize_t[:, ::1] ci, const double[::1] cf,
                          int[:, ::1] out) noexcept nogil
"""

HIKKAKE_NUMPY = """\
def _hikkake_states(detected, sign, close, high, low, start, lb):
    \"\"\"The Hikkake state machine over one run: detections (vectorized before) and their
    confirmations, from bar `start` on; outputs from bar `lb` on (a loop over time: the state is
    the last pattern's bar).\"\"\"
    res = np.zeros(close.shape[0], np.int32)
    idx, last = 0, 0
    for i in range(start, close.shape[0]):
        v = 0
        if detected[i]:
            last = 100 * sign[i]
            idx = i
            v = last
        elif i <= idx + 3 and (last > 0 and close[i] > high[idx - 1]
                               or last < 0 and close[i] < low[idx - 1]):
            v = last + (100 if last > 0 else -100)
            idx = 0
        if i >= lb:
            res[i] = v
    return res


def _cdl_hikkake(o, h, lo, c, ci, cf):
    m = o.shape[0]
    if m <= 5:
        return np.zeros(m, np.int32)
    detected = np.zeros(m, bool)
    h0, l0, h1, l1, h2, l2 = h[2:], lo[2:], h[1:-1], lo[1:-1], h[:-2], lo[:-2]
    detected[2:] = (h1 < h2) & (l1 > l2) & ((h0 < h1) & (l0 < l1) | (h0 > h1) & (l0 > l1))
    sign = np.ones(m, np.int64)
    sign[2:] = np.where(h0 < h1, 1, -1)
    return _hikkake_states(detected, sign, c, h, lo, 2, 5)


def cdl_hikkake(open, high, low, close, ci, cf, out):
    \"\"\"CDLHIKKAKE (Hikkake Pattern).\"\"\"
    per_run(lambda o, h, lo, c: _cdl_hikkake(o, h, lo, c, ci, cf),
            (open, high, low, close), (out,), fill=0)
"""

HIKKAKEMOD_NUMPY = """\
def _cdl_hikkakemod(o, h, lo, c, ci, cf):
    m = o.shape[0]
    period = ci[1, 8]
    lb = max(1, period) + 5
    if m <= lb:
        return np.zeros(m, np.int32)
    start = lb - 3
    # the Near average of candle i - 2 for i >= start: as candle_average with that lookback
    near = candle_average(ci, cf, 8, o, h, lo, c, start, 2)
    k = slice(start, m)
    h0, l0, h1, l1 = h[k], lo[k], h[start - 1:m - 1], lo[start - 1:m - 1]
    h2, l2, c2 = h[start - 2:m - 2], lo[start - 2:m - 2], c[start - 2:m - 2]
    h3, l3 = h[start - 3:m - 3], lo[start - 3:m - 3]
    detected = np.zeros(m, bool)
    detected[k] = ((h2 < h3) & (l2 > l3) & (h1 < h2) & (l1 > l2)
                   & ((h0 < h1) & (l0 < l1) & (c2 <= l2 + near)
                      | (h0 > h1) & (l0 > l1) & (c2 >= h2 - near)))
    sign = np.ones(m, np.int64)
    sign[k] = np.where(h0 < h1, 1, -1)
    return _hikkake_states(detected, sign, c, h, lo, start, lb)


def cdl_hikkakemod(open, high, low, close, ci, cf, out):
    \"\"\"CDLHIKKAKEMOD (Modified Hikkake Pattern).\"\"\"
    per_run(lambda o, h, lo, c: _cdl_hikkakemod(o, h, lo, c, ci, cf),
            (open, high, low, close), (out,), fill=0)
"""
HIKKAKE_KERNEL = (HIKKAKE_KERNEL, HIKKAKE_PXD)
HIKKAKEMOD_KERNEL = (HIKKAKEMOD_KERNEL, HIKKAKEMOD_PXD)


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
            # TA-Lib's (white after black and (C(0) >= O(1) and O(0) < C(1) or C(0) > O(1) and
            # O(0) <= C(1))) or (black after white and the mirror), with the bodies' ends: 6
            # comparisons instead of 14
            cases=[("COLOR(0) == -COLOR(1)"
                    " and (max(C(0), O(0)) >= max(C(1), O(1)) and min(C(0), O(0)) < min(C(1), O(1))"
                    " or max(C(0), O(0)) > max(C(1), O(1)) and min(C(0), O(0)) <= min(C(1), O(1)))",
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
    Pattern("CDL2CROWS", "Two Crows", "BodyLong + 2",
            "long white, black gapping up, black opening in the 2nd body and closing in the 1st",
            "COLOR(2) == 1 and BODY(2) > AVG(BodyLong, 2) and COLOR(1) == -1 and BODYGAPUP(1, 2)"
            " and COLOR(0) == -1 and O(0) < O(1) and O(0) > C(1) and C(0) > O(2) and C(0) < C(2)",
            "-100"),
    Pattern("CDL3BLACKCROWS", "Three Black Crows", "ShadowVeryShort + 3",
            "a white candle, then three declining blacks each opening within the prior body, "
            "with very short lower shadows",
            "COLOR(3) == 1 and COLOR(2) == -1 and COLOR(1) == -1 and COLOR(0) == -1"
            " and O(1) < O(2) and O(1) > C(2) and O(0) < O(1) and O(0) > C(1)"
            " and H(3) > C(2) and C(2) > C(1) and C(1) > C(0)"
            " and LOWER(2) < AVG(ShadowVeryShort, 2) and LOWER(1) < AVG(ShadowVeryShort, 1)"
            " and LOWER(0) < AVG(ShadowVeryShort, 0)",
            "-100"),
    Pattern("CDL3INSIDE", "Three Inside Up/Down", "max(BodyShort, BodyLong) + 2",
            "long body, short body inside it, third closing beyond the first open",
            "max(C(1), O(1)) < max(C(2), O(2)) and min(C(1), O(1)) > min(C(2), O(2))"
            " and (COLOR(2) == 1 and COLOR(0) == -1 and C(0) < O(2)"
            " or COLOR(2) == -1 and COLOR(0) == 1 and C(0) > O(2))"
            " and BODY(2) > AVG(BodyLong, 2) and BODY(1) <= AVG(BodyShort, 1)",
            "-COLOR(2) * 100"),
    Pattern("CDL3LINESTRIKE", "Three-Line Strike", "Near + 3",
            "three same-color candles each opening near the prior body with rising (falling) "
            "closes, a fourth of the other color closing beyond the first open",
            "COLOR(3) == COLOR(2) and COLOR(2) == COLOR(1) and COLOR(0) == -COLOR(1)"
            " and O(2) >= min(O(3), C(3)) - AVG(Near, 3) and O(2) <= max(O(3), C(3)) + AVG(Near, 3)"
            " and O(1) >= min(O(2), C(2)) - AVG(Near, 2) and O(1) <= max(O(2), C(2)) + AVG(Near, 2)"
            " and (COLOR(1) == 1 and C(1) > C(2) and C(2) > C(3) and O(0) > C(1) and C(0) < O(3)"
            " or COLOR(1) == -1 and C(1) < C(2) and C(2) < C(3) and O(0) < C(1) and C(0) > O(3))",
            "COLOR(1) * 100"),
    Pattern("CDL3OUTSIDE", "Three Outside Up/Down", "3",
            "a body engulfing the opposite-color one before it, then a close beyond it",
            # TA-Lib's white after black with C(1) > O(2) and O(1) < C(2) and C(0) > C(1), or
            # the mirror, with the bodies' ends: 6 comparisons instead of 10
            "COLOR(1) == -COLOR(2)"
            " and max(C(1), O(1)) > max(C(2), O(2)) and min(C(1), O(1)) < min(C(2), O(2))"
            " and (COLOR(1) == 1 and C(0) > C(1) or COLOR(1) == -1 and C(0) < C(1))",
            "COLOR(1) * 100"),
    Pattern("CDL3STARSINSOUTH", "Three Stars In The South",
            "max(ShadowVeryShort, ShadowLong, BodyLong, BodyShort) + 2",
            "long black with a long lower shadow, a smaller black within its range, a small "
            "black marubozu inside the second's range",
            "COLOR(2) == -1 and COLOR(1) == -1 and COLOR(0) == -1"
            " and BODY(2) > AVG(BodyLong, 2) and LOWER(2) > AVG(ShadowLong, 2)"
            " and BODY(1) < BODY(2) and O(1) > C(2) and O(1) <= H(2) and L(1) < C(2)"
            " and L(1) >= L(2) and LOWER(1) > AVG(ShadowVeryShort, 1)"
            " and BODY(0) < AVG(BodyShort, 0) and LOWER(0) < AVG(ShadowVeryShort, 0)"
            " and UPPER(0) < AVG(ShadowVeryShort, 0) and L(0) > L(1) and H(0) < H(1)"),
    Pattern("CDLABANDONEDBABY", "Abandoned Baby", "max(BodyDoji, BodyLong, BodyShort) + 2",
            "long body, a doji gapping away (shadows apart), a body gapping back and closing "
            "well into the first",
            "BODY(2) > AVG(BodyLong, 2) and BODY(1) <= AVG(BodyDoji, 1)"
            " and BODY(0) > AVG(BodyShort, 0)"
            " and (COLOR(2) == 1 and COLOR(0) == -1 and C(0) < C(2) - BODY(2) * penetration"
            " and GAPUP(1, 2) and GAPDOWN(0, 1)"
            " or COLOR(2) == -1 and COLOR(0) == 1 and C(0) > C(2) + BODY(2) * penetration"
            " and GAPDOWN(1, 2) and GAPUP(0, 1))",
            "COLOR(0) * 100", params=PEN3, examples=PEN_EXAMPLES),
    Pattern("CDLADVANCEBLOCK", "Advance Block",
            "max(ShadowLong, ShadowShort, Far, Near, BodyLong) + 2",
            "three white candles with higher closes, each opening near the prior body, the "
            "advance weakening (shrinking bodies or growing upper shadows)",
            "COLOR(2) == 1 and COLOR(1) == 1 and COLOR(0) == 1"
            " and C(0) > C(1) and C(1) > C(2)"
            " and O(1) > O(2) and O(1) <= C(2) + AVG(Near, 2)"
            " and O(0) > O(1) and O(0) <= C(1) + AVG(Near, 1)"
            " and BODY(2) > AVG(BodyLong, 2) and UPPER(2) < AVG(ShadowShort, 2)"
            " and (BODY(1) < BODY(2) - AVG(Far, 2) and BODY(0) < BODY(1) + AVG(Near, 1)"
            " or BODY(0) < BODY(1) - AVG(Far, 1)"
            " or BODY(0) < BODY(1) and BODY(1) < BODY(2)"
            " and (UPPER(0) > AVG(ShadowShort, 0) or UPPER(1) > AVG(ShadowShort, 1))"
            " or BODY(0) < BODY(1) and UPPER(0) > AVG(ShadowLong, 0))",
            "-100"),
    Pattern("CDLBELTHOLD", "Belt-hold", "max(BodyLong, ShadowVeryShort)",
            "a long body opening on its extreme (no shadow on the opening side)",
            "BODY(0) > AVG(BodyLong, 0)"
            " and (COLOR(0) == 1 and LOWER(0) < AVG(ShadowVeryShort, 0)"
            " or COLOR(0) == -1 and UPPER(0) < AVG(ShadowVeryShort, 0))",
            "COLOR(0) * 100"),
    Pattern("CDLBREAKAWAY", "Breakaway", "BodyLong + 4",
            "long body, a body gapping away, two more in the trend, a fifth of the other color "
            "closing inside the gap",
            "BODY(4) > AVG(BodyLong, 4) and COLOR(4) == COLOR(3) and COLOR(3) == COLOR(1)"
            " and COLOR(1) == -COLOR(0)"
            " and (COLOR(4) == -1 and BODYGAPDOWN(3, 4) and H(2) < H(3) and L(2) < L(3)"
            " and H(1) < H(2) and L(1) < L(2) and C(0) > O(3) and C(0) < C(4)"
            " or COLOR(4) == 1 and BODYGAPUP(3, 4) and H(2) > H(3) and L(2) > L(3)"
            " and H(1) > H(2) and L(1) > L(2) and C(0) < O(3) and C(0) > C(4))",
            "COLOR(0) * 100"),
    Pattern("CDLCLOSINGMARUBOZU", "Closing Marubozu", "max(BodyLong, ShadowVeryShort)",
            "a long body closing on its extreme (no shadow on the closing side)",
            "BODY(0) > AVG(BodyLong, 0)"
            " and (COLOR(0) == 1 and UPPER(0) < AVG(ShadowVeryShort, 0)"
            " or COLOR(0) == -1 and LOWER(0) < AVG(ShadowVeryShort, 0))",
            "COLOR(0) * 100"),
    Pattern("CDLCONCEALBABYSWALL", "Concealing Baby Swallow", "ShadowVeryShort + 3",
            "two black marubozu, a black gapping down with an upper shadow into the prior body, "
            "a black engulfing it with its shadows",
            "COLOR(3) == -1 and COLOR(2) == -1 and COLOR(1) == -1 and COLOR(0) == -1"
            " and LOWER(3) < AVG(ShadowVeryShort, 3) and UPPER(3) < AVG(ShadowVeryShort, 3)"
            " and LOWER(2) < AVG(ShadowVeryShort, 2) and UPPER(2) < AVG(ShadowVeryShort, 2)"
            " and BODYGAPDOWN(1, 2) and UPPER(1) > AVG(ShadowVeryShort, 1) and H(1) > C(2)"
            " and H(0) > H(1) and L(0) < L(1)"),
    Pattern("CDLCOUNTERATTACK", "Counterattack", "max(Equal, BodyLong) + 1",
            "two long bodies of opposite colors closing at the same level",
            "COLOR(1) == -COLOR(0) and BODY(1) > AVG(BodyLong, 1) and BODY(0) > AVG(BodyLong, 0)"
            " and C(0) <= C(1) + AVG(Equal, 1) and C(0) >= C(1) - AVG(Equal, 1)",
            "COLOR(0) * 100"),
    Pattern("CDLDARKCLOUDCOVER", "Dark Cloud Cover", "BodyLong + 1",
            "long white, then a black opening above its high and closing well into its body",
            "COLOR(1) == 1 and BODY(1) > AVG(BodyLong, 1) and COLOR(0) == -1 and O(0) > H(1)"
            " and C(0) > O(1) and C(0) < C(1) - BODY(1) * penetration",
            "-100", params=PEN5, examples=PEN_EXAMPLES),
    Pattern("CDLDOJISTAR", "Doji Star", "max(BodyDoji, BodyLong) + 1",
            "a long body, then a doji gapping away from it",
            "BODY(1) > AVG(BodyLong, 1) and BODY(0) <= AVG(BodyDoji, 0)"
            " and (COLOR(1) == 1 and BODYGAPUP(0, 1) or COLOR(1) == -1 and BODYGAPDOWN(0, 1))",
            "-COLOR(1) * 100"),
    Pattern("CDLDRAGONFLYDOJI", "Dragonfly Doji", "max(BodyDoji, ShadowVeryShort)",
            "a doji with (almost) no upper shadow and a lower one",
            "BODY(0) <= AVG(BodyDoji, 0) and UPPER(0) < AVG(ShadowVeryShort, 0)"
            " and LOWER(0) > AVG(ShadowVeryShort, 0)"),
    Pattern("CDLEVENINGDOJISTAR", "Evening Doji Star", "max(BodyDoji, BodyLong, BodyShort) + 2",
            "long white, a doji gapping up, a black closing well into the first body",
            "BODY(2) > AVG(BodyLong, 2) and COLOR(2) == 1 and BODY(1) <= AVG(BodyDoji, 1)"
            " and BODYGAPUP(1, 2) and BODY(0) > AVG(BodyShort, 0) and COLOR(0) == -1"
            " and C(0) < C(2) - BODY(2) * penetration",
            "-100", params=PEN3, examples=PEN_EXAMPLES),
    Pattern("CDLEVENINGSTAR", "Evening Star", "max(BodyShort, BodyLong) + 2",
            "long white, a short star gapping up, a black closing well into the first body",
            "BODY(2) > AVG(BodyLong, 2) and COLOR(2) == 1 and BODY(1) <= AVG(BodyShort, 1)"
            " and BODYGAPUP(1, 2) and BODY(0) > AVG(BodyShort, 0) and COLOR(0) == -1"
            " and C(0) < C(2) - BODY(2) * penetration",
            "-100", params=PEN3, examples=PEN_EXAMPLES),
    Pattern("CDLGAPSIDESIDEWHITE", "Up/Down-gap side-by-side white lines", "max(Near, Equal) + 2",
            "two white candles of similar size and open side by side, gapping away from the "
            "candle before",
            "(BODYGAPUP(1, 2) and BODYGAPUP(0, 2) or BODYGAPDOWN(1, 2) and BODYGAPDOWN(0, 2))"
            " and COLOR(1) == 1 and COLOR(0) == 1"
            " and BODY(0) >= BODY(1) - AVG(Near, 1) and BODY(0) <= BODY(1) + AVG(Near, 1)"
            " and O(0) >= O(1) - AVG(Equal, 1) and O(0) <= O(1) + AVG(Equal, 1)",
            "100 if BODYGAPUP(1, 2) else -100"),
    Pattern("CDLGRAVESTONEDOJI", "Gravestone Doji", "max(BodyDoji, ShadowVeryShort)",
            "a doji with (almost) no lower shadow and an upper one",
            "BODY(0) <= AVG(BodyDoji, 0) and LOWER(0) < AVG(ShadowVeryShort, 0)"
            " and UPPER(0) > AVG(ShadowVeryShort, 0)"),
    Pattern("CDLHANGINGMAN", "Hanging Man", "max(BodyShort, ShadowLong, ShadowVeryShort, Near) + 1",
            "small real body, long lower shadow, (almost) no upper shadow, body near the "
            "previous high",
            "BODY(0) < AVG(BodyShort, 0) and LOWER(0) > AVG(ShadowLong, 0)"
            " and UPPER(0) < AVG(ShadowVeryShort, 0)"
            " and min(C(0), O(0)) >= H(1) - AVG(Near, 1)",
            "-100"),
    Pattern("CDLHARAMI", "Harami Pattern", "max(BodyShort, BodyLong) + 1",
            "a long body, then a short one inside it: +-100, +-80 where the bodies share an end",
            cases=[("BODY(1) > AVG(BodyLong, 1) and BODY(0) <= AVG(BodyShort, 0)"
                    " and max(C(0), O(0)) < max(C(1), O(1)) and min(C(0), O(0)) > min(C(1), O(1))",
                    "-COLOR(1) * 100"),
                   ("BODY(1) > AVG(BodyLong, 1) and BODY(0) <= AVG(BodyShort, 0)"
                    " and max(C(0), O(0)) <= max(C(1), O(1)) and min(C(0), O(0)) >= min(C(1), O(1))",
                    "-COLOR(1) * 80")]),
    Pattern("CDLHARAMICROSS", "Harami Cross Pattern", "max(BodyDoji, BodyLong) + 1",
            "a long body, then a doji inside it: +-100, +-80 where the bodies share an end",
            cases=[("BODY(1) > AVG(BodyLong, 1) and BODY(0) <= AVG(BodyDoji, 0)"
                    " and max(C(0), O(0)) < max(C(1), O(1)) and min(C(0), O(0)) > min(C(1), O(1))",
                    "-COLOR(1) * 100"),
                   ("BODY(1) > AVG(BodyLong, 1) and BODY(0) <= AVG(BodyDoji, 0)"
                    " and max(C(0), O(0)) <= max(C(1), O(1)) and min(C(0), O(0)) >= min(C(1), O(1))",
                    "-COLOR(1) * 80")]),
    Pattern("CDLHIGHWAVE", "High-Wave Candle", "max(BodyShort, ShadowVeryLong)",
            "a short body with very long shadows on both sides",
            "BODY(0) < AVG(BodyShort, 0) and UPPER(0) > AVG(ShadowVeryLong, 0)"
            " and LOWER(0) > AVG(ShadowVeryLong, 0)",
            "COLOR(0) * 100"),
    Pattern("CDLHOMINGPIGEON", "Homing Pigeon", "max(BodyShort, BodyLong) + 1",
            "a long black, then a short black inside its body",
            "COLOR(1) == -1 and COLOR(0) == -1 and BODY(1) > AVG(BodyLong, 1)"
            " and BODY(0) <= AVG(BodyShort, 0) and O(0) < O(1) and C(0) > C(1)"),
    Pattern("CDLIDENTICAL3CROWS", "Identical Three Crows", "max(ShadowVeryShort, Equal) + 2",
            "three declining blacks with very short lower shadows, each opening at the "
            "prior close",
            "COLOR(2) == -1 and LOWER(2) < AVG(ShadowVeryShort, 2)"
            " and COLOR(1) == -1 and LOWER(1) < AVG(ShadowVeryShort, 1)"
            " and COLOR(0) == -1 and LOWER(0) < AVG(ShadowVeryShort, 0)"
            " and C(2) > C(1) and C(1) > C(0)"
            " and O(1) <= C(2) + AVG(Equal, 2) and O(1) >= C(2) - AVG(Equal, 2)"
            " and O(0) <= C(1) + AVG(Equal, 1) and O(0) >= C(1) - AVG(Equal, 1)",
            "-100"),
    Pattern("CDLINNECK", "In-Neck Pattern", "max(Equal, BodyLong) + 1",
            "long black, then a white opening below its low and closing at (or just above) "
            "its close",
            "COLOR(1) == -1 and BODY(1) > AVG(BodyLong, 1) and COLOR(0) == 1 and O(0) < L(1)"
            " and C(0) <= C(1) + AVG(Equal, 1) and C(0) >= C(1)",
            "-100"),
    Pattern("CDLINVERTEDHAMMER", "Inverted Hammer", "max(BodyShort, ShadowLong, ShadowVeryShort) + 1",
            "small body gapping down, long upper shadow, (almost) no lower shadow",
            "BODY(0) < AVG(BodyShort, 0) and UPPER(0) > AVG(ShadowLong, 0)"
            " and LOWER(0) < AVG(ShadowVeryShort, 0) and BODYGAPDOWN(0, 1)"),
    Pattern("CDLKICKING", "Kicking", "max(ShadowVeryShort, BodyLong) + 1",
            "two marubozu of opposite colors with a gap between them",
            "COLOR(1) == -COLOR(0) and BODY(1) > AVG(BodyLong, 1)"
            " and UPPER(1) < AVG(ShadowVeryShort, 1) and LOWER(1) < AVG(ShadowVeryShort, 1)"
            " and BODY(0) > AVG(BodyLong, 0)"
            " and UPPER(0) < AVG(ShadowVeryShort, 0) and LOWER(0) < AVG(ShadowVeryShort, 0)"
            " and (COLOR(1) == -1 and GAPUP(0, 1) or COLOR(1) == 1 and GAPDOWN(0, 1))",
            "COLOR(0) * 100"),
    Pattern("CDLKICKINGBYLENGTH", "Kicking - bull/bear determined by the longer marubozu",
            "max(ShadowVeryShort, BodyLong) + 1",
            "Kicking, the sign of the longer marubozu",
            "COLOR(1) == -COLOR(0) and BODY(1) > AVG(BodyLong, 1)"
            " and UPPER(1) < AVG(ShadowVeryShort, 1) and LOWER(1) < AVG(ShadowVeryShort, 1)"
            " and BODY(0) > AVG(BodyLong, 0)"
            " and UPPER(0) < AVG(ShadowVeryShort, 0) and LOWER(0) < AVG(ShadowVeryShort, 0)"
            " and (COLOR(1) == -1 and GAPUP(0, 1) or COLOR(1) == 1 and GAPDOWN(0, 1))",
            "(COLOR(0) if BODY(0) > BODY(1) else COLOR(1)) * 100"),
    Pattern("CDLLADDERBOTTOM", "Ladder Bottom", "ShadowVeryShort + 4",
            "three declining blacks, a black with an upper shadow, a white opening above its "
            "body and closing above its high",
            "COLOR(4) == -1 and COLOR(3) == -1 and COLOR(2) == -1"
            " and O(4) > O(3) and O(3) > O(2) and C(4) > C(3) and C(3) > C(2)"
            " and COLOR(1) == -1 and UPPER(1) > AVG(ShadowVeryShort, 1)"
            " and COLOR(0) == 1 and O(0) > O(1) and C(0) > H(1)"),
    Pattern("CDLLONGLEGGEDDOJI", "Long Legged Doji", "max(BodyDoji, ShadowLong)",
            "a doji with a long upper or lower shadow",
            "BODY(0) <= AVG(BodyDoji, 0)"
            " and (LOWER(0) > AVG(ShadowLong, 0) or UPPER(0) > AVG(ShadowLong, 0))"),
    Pattern("CDLLONGLINE", "Long Line Candle", "max(BodyLong, ShadowShort)",
            "a long body with short shadows",
            "BODY(0) > AVG(BodyLong, 0) and UPPER(0) < AVG(ShadowShort, 0)"
            " and LOWER(0) < AVG(ShadowShort, 0)",
            "COLOR(0) * 100"),
    Pattern("CDLMARUBOZU", "Marubozu", "max(BodyLong, ShadowVeryShort)",
            "a long body with (almost) no shadows",
            "BODY(0) > AVG(BodyLong, 0) and UPPER(0) < AVG(ShadowVeryShort, 0)"
            " and LOWER(0) < AVG(ShadowVeryShort, 0)",
            "COLOR(0) * 100"),
    Pattern("CDLMATCHINGLOW", "Matching Low", "Equal + 1",
            "two blacks closing at the same level",
            "COLOR(1) == -1 and COLOR(0) == -1"
            " and C(0) <= C(1) + AVG(Equal, 1) and C(0) >= C(1) - AVG(Equal, 1)"),
    Pattern("CDLMATHOLD", "Mat Hold", "max(BodyShort, BodyLong) + 4",
            "long white, a short black gapping up, two short reaction candles holding within "
            "the first body, a white closing above their highs",
            "BODY(4) > AVG(BodyLong, 4) and BODY(3) < AVG(BodyShort, 3)"
            " and BODY(2) < AVG(BodyShort, 2) and BODY(1) < AVG(BodyShort, 1)"
            " and COLOR(4) == 1 and COLOR(3) == -1 and COLOR(0) == 1 and BODYGAPUP(3, 4)"
            " and min(O(2), C(2)) < C(4) and min(O(1), C(1)) < C(4)"
            " and min(O(2), C(2)) > C(4) - BODY(4) * penetration"
            " and min(O(1), C(1)) > C(4) - BODY(4) * penetration"
            " and max(C(2), O(2)) < O(3) and max(C(1), O(1)) < max(C(2), O(2))"
            " and O(0) > C(1) and C(0) > max(max(H(3), H(2)), H(1))",
            params=PEN5, examples=PEN_EXAMPLES),
    Pattern("CDLMORNINGDOJISTAR", "Morning Doji Star", "max(BodyDoji, BodyLong, BodyShort) + 2",
            "long black, a doji gapping down, a white closing well into the first body",
            "BODY(2) > AVG(BodyLong, 2) and COLOR(2) == -1 and BODY(1) <= AVG(BodyDoji, 1)"
            " and BODYGAPDOWN(1, 2) and BODY(0) > AVG(BodyShort, 0) and COLOR(0) == 1"
            " and C(0) > C(2) + BODY(2) * penetration",
            params=PEN3, examples=PEN_EXAMPLES),
    Pattern("CDLONNECK", "On-Neck Pattern", "max(Equal, BodyLong) + 1",
            "long black, then a white opening below its low and closing at its low",
            "COLOR(1) == -1 and BODY(1) > AVG(BodyLong, 1) and COLOR(0) == 1 and O(0) < L(1)"
            " and C(0) <= L(1) + AVG(Equal, 1) and C(0) >= L(1) - AVG(Equal, 1)",
            "-100"),
    Pattern("CDLPIERCING", "Piercing Pattern", "BodyLong + 1",
            "long black, then a long white opening below its low and closing above its midpoint",
            "COLOR(1) == -1 and BODY(1) > AVG(BodyLong, 1) and COLOR(0) == 1"
            " and BODY(0) > AVG(BodyLong, 0) and O(0) < L(1) and C(0) < O(1)"
            " and C(0) > C(1) + BODY(1) * 0.5"),
    Pattern("CDLRICKSHAWMAN", "Rickshaw Man", "max(BodyDoji, ShadowLong, Near)",
            "a doji with two long shadows, its body near the middle of the range",
            "BODY(0) <= AVG(BodyDoji, 0) and LOWER(0) > AVG(ShadowLong, 0)"
            " and UPPER(0) > AVG(ShadowLong, 0)"
            " and min(O(0), C(0)) <= L(0) + HL(0) / 2 + AVG(Near, 0)"
            " and max(O(0), C(0)) >= L(0) + HL(0) / 2 - AVG(Near, 0)"),
    Pattern("CDLRISEFALL3METHODS", "Rising/Falling Three Methods", "max(BodyShort, BodyLong) + 4",
            "a long body, three short counter-trend bodies within its range, a long body of "
            "the first color closing beyond it",
            "BODY(4) > AVG(BodyLong, 4) and BODY(3) < AVG(BodyShort, 3)"
            " and BODY(2) < AVG(BodyShort, 2) and BODY(1) < AVG(BodyShort, 1)"
            " and BODY(0) > AVG(BodyLong, 0)"
            " and COLOR(4) == -COLOR(3) and COLOR(3) == COLOR(2) and COLOR(2) == COLOR(1)"
            " and COLOR(1) == -COLOR(0)"
            " and min(O(3), C(3)) < H(4) and max(O(3), C(3)) > L(4)"
            " and min(O(2), C(2)) < H(4) and max(O(2), C(2)) > L(4)"
            " and min(O(1), C(1)) < H(4) and max(O(1), C(1)) > L(4)"
            " and C(2) * COLOR(4) < C(3) * COLOR(4) and C(1) * COLOR(4) < C(2) * COLOR(4)"
            " and O(0) * COLOR(4) > C(1) * COLOR(4) and C(0) * COLOR(4) > C(4) * COLOR(4)",
            "100 * COLOR(4)"),
    Pattern("CDLSEPARATINGLINES", "Separating Lines", "max(ShadowVeryShort, BodyLong, Equal) + 1",
            "opposite colors opening at the same level, the second a long belt hold",
            "COLOR(1) == -COLOR(0) and O(0) <= O(1) + AVG(Equal, 1)"
            " and O(0) >= O(1) - AVG(Equal, 1) and BODY(0) > AVG(BodyLong, 0)"
            " and (COLOR(0) == 1 and LOWER(0) < AVG(ShadowVeryShort, 0)"
            " or COLOR(0) == -1 and UPPER(0) < AVG(ShadowVeryShort, 0))",
            "COLOR(0) * 100"),
    Pattern("CDLSHOOTINGSTAR", "Shooting Star", "max(BodyShort, ShadowLong, ShadowVeryShort) + 1",
            "small body gapping up, long upper shadow, (almost) no lower shadow",
            "BODY(0) < AVG(BodyShort, 0) and UPPER(0) > AVG(ShadowLong, 0)"
            " and LOWER(0) < AVG(ShadowVeryShort, 0) and BODYGAPUP(0, 1)",
            "-100"),
    Pattern("CDLSHORTLINE", "Short Line Candle", "max(BodyShort, ShadowShort)",
            "a short body with short shadows",
            "BODY(0) < AVG(BodyShort, 0) and UPPER(0) < AVG(ShadowShort, 0)"
            " and LOWER(0) < AVG(ShadowShort, 0)",
            "COLOR(0) * 100"),
    Pattern("CDLSPINNINGTOP", "Spinning Top", "BodyShort",
            "a short body with both shadows longer than it",
            "BODY(0) < AVG(BodyShort, 0) and UPPER(0) > BODY(0) and LOWER(0) > BODY(0)",
            "COLOR(0) * 100"),
    Pattern("CDLSTALLEDPATTERN", "Stalled Pattern",
            "max(BodyLong, BodyShort, ShadowVeryShort, Near) + 2",
            "two long whites with higher closes, then a short white opening near the second's "
            "close",
            "COLOR(2) == 1 and COLOR(1) == 1 and COLOR(0) == 1"
            " and C(0) > C(1) and C(1) > C(2)"
            " and BODY(2) > AVG(BodyLong, 2) and BODY(1) > AVG(BodyLong, 1)"
            " and UPPER(1) < AVG(ShadowVeryShort, 1)"
            " and O(1) > O(2) and O(1) <= C(2) + AVG(Near, 2)"
            " and BODY(0) < AVG(BodyShort, 0)"
            " and O(0) >= C(1) - BODY(0) - AVG(Near, 1)",
            "-100"),
    Pattern("CDLSTICKSANDWICH", "Stick Sandwich", "Equal + 2",
            "black, white above its close, black closing at the first close",
            "COLOR(2) == -1 and COLOR(1) == 1 and COLOR(0) == -1 and L(1) > C(2)"
            " and C(0) <= C(2) + AVG(Equal, 2) and C(0) >= C(2) - AVG(Equal, 2)"),
    Pattern("CDLTAKURI", "Takuri (Dragonfly Doji with very long lower shadow)",
            "max(BodyDoji, ShadowVeryShort, ShadowVeryLong)",
            "a doji with (almost) no upper shadow and a very long lower one",
            "BODY(0) <= AVG(BodyDoji, 0) and UPPER(0) < AVG(ShadowVeryShort, 0)"
            " and LOWER(0) > AVG(ShadowVeryLong, 0)"),
    Pattern("CDLTASUKIGAP", "Tasuki Gap", "Near + 2",
            "a gap between two bodies, then an opposite candle of similar size partly closing it",
            "BODYGAPUP(1, 2) and COLOR(1) == 1 and COLOR(0) == -1 and O(0) < C(1)"
            " and O(0) > O(1) and C(0) < O(1) and C(0) > max(C(2), O(2))"
            " and abs(BODY(1) - BODY(0)) < AVG(Near, 1)"
            " or BODYGAPDOWN(1, 2) and COLOR(1) == -1 and COLOR(0) == 1 and O(0) < O(1)"
            " and O(0) > C(1) and C(0) > O(1) and C(0) < min(C(2), O(2))"
            " and abs(BODY(1) - BODY(0)) < AVG(Near, 1)",
            "COLOR(1) * 100"),
    Pattern("CDLTHRUSTING", "Thrusting Pattern", "max(Equal, BodyLong) + 1",
            "long black, then a white opening below its low and closing into its body, below "
            "the midpoint",
            "COLOR(1) == -1 and BODY(1) > AVG(BodyLong, 1) and COLOR(0) == 1 and O(0) < L(1)"
            " and C(0) > C(1) + AVG(Equal, 1) and C(0) <= C(1) + BODY(1) * 0.5",
            "-100"),
    Pattern("CDLTRISTAR", "Tristar Pattern", "BodyDoji + 2",
            "three dojis, the middle one gapping away from the others",
            cases=[("BODY(2) <= AVG(BodyDoji, 2) and BODY(1) <= AVG(BodyDoji, 2)"
                    " and BODY(0) <= AVG(BodyDoji, 2) and BODYGAPDOWN(1, 2)"
                    " and min(O(0), C(0)) > min(O(1), C(1))", "100"),
                   ("BODY(2) <= AVG(BodyDoji, 2) and BODY(1) <= AVG(BodyDoji, 2)"
                    " and BODY(0) <= AVG(BodyDoji, 2) and BODYGAPUP(1, 2)"
                    " and max(O(0), C(0)) < max(O(1), C(1))", "-100")]),
    Pattern("CDLUNIQUE3RIVER", "Unique 3 River", "max(BodyShort, BodyLong) + 2",
            "long black, a black harami with a lower low, a small white opening above that low",
            "BODY(2) > AVG(BodyLong, 2) and COLOR(2) == -1 and COLOR(1) == -1 and C(1) > C(2)"
            " and O(1) <= O(2) and L(1) < L(2) and BODY(0) < AVG(BodyShort, 0)"
            " and COLOR(0) == 1 and O(0) > L(1)"),
    Pattern("CDLUPSIDEGAP2CROWS", "Upside Gap Two Crows", "max(BodyShort, BodyLong) + 2",
            "long white, a short black gapping up, a black engulfing it and closing above the "
            "first close",
            "COLOR(2) == 1 and BODY(2) > AVG(BodyLong, 2) and COLOR(1) == -1"
            " and BODY(1) <= AVG(BodyShort, 1) and BODYGAPUP(1, 2) and COLOR(0) == -1"
            " and O(0) > O(1) and C(0) < C(1) and C(0) > C(2)",
            "-100"),
    Pattern("CDLXSIDEGAP3METHODS", "Upside/Downside Gap Three Methods", "2",
            "two same-color bodies with a gap between them, a third of the other color opening "
            "in the second body and closing in the first",
            "COLOR(2) == COLOR(1) and COLOR(1) == -COLOR(0)"
            " and O(0) < max(C(1), O(1)) and O(0) > min(C(1), O(1))"
            " and C(0) < max(C(2), O(2)) and C(0) > min(C(2), O(2))"
            " and (COLOR(2) == 1 and BODYGAPUP(1, 2) or COLOR(2) == -1 and BODYGAPDOWN(1, 2))",
            "COLOR(2) * 100"),
    Pattern("CDLHIKKAKE", "Hikkake Pattern", "5",
            "an inside bar, then a bar breaking out of it (+-100); a close beyond the inside "
            "bar's far end within 3 bars confirms it (+-200)",
            kernel=HIKKAKE_KERNEL, numpy=HIKKAKE_NUMPY),
    Pattern("CDLHIKKAKEMOD", "Modified Hikkake Pattern", "max(1, Near) + 5",
            "two nested inside bars, the first closing near its low (high), then a breakout "
            "(+-100); a close beyond the second inside bar within 3 bars confirms it (+-200)",
            kernel=HIKKAKEMOD_KERNEL, numpy=HIKKAKEMOD_NUMPY),
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


def _color_side(node):
    """(k, sign) of COLOR(k) or -COLOR(k), ("const", v) of the constant 1 or -1, else None."""
    sign = 1
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        sign, node = -1, node.operand
        if isinstance(node, ast.Constant):
            return ("const", -node.value) if node.value == 1 else None
    if _macro(node) == "COLOR":
        return _int(node.args[0]), sign
    if isinstance(node, ast.Constant) and node.value in (1, -1) and sign == 1:
        return "const", node.value
    return None


def _white(k):
    return _sub(WHITE, k=k)


# A candle's body ends and color, each from its own comparison: max(c, o) and min(c, o) (Cython's
# o > c ? o : c and o < c ? o : c, TA-Lib's max(open, close) and min(open, close), the same
# candle end as its shadows' c >= o ? c : o and c >= o ? o : c), SSE's maxsd and minsd; the
# color from the sign of c - o (c >= o for finite prices; the body's difference, computed
# anyway). Ends or colors from one comparison (min(o, c) and max(c, o) are both o > c ? ...) made
# GCC select them together by a branch on it, a coin toss (with NaNs honored, o > c, o < c and
# c >= o are three comparisons).
MAX = "max(c{k}, o{k})"
MIN = "min(c{k}, o{k})"
WHITE = "c{k} - o{k} >= 0.0"
BLACK = "c{k} - o{k} < 0.0"


class Loop(ast.NodeTransformer):
    """Macros -> the scalar locals of the fused bar loop (Cython / Numba)."""

    def visit_Compare(self, node):
        # a candle color compared (COLOR(k) == 1, COLOR(a) == -COLOR(b)): the close >= open tests
        # compared as truth values (a setcc each; the +-1 colors were each a branch, a coin toss)
        if len(node.ops) == 1 and isinstance(node.ops[0], (ast.Eq, ast.NotEq)):
            a, b = _color_side(node.left), _color_side(node.comparators[0])
            if a is not None and b is not None and a[0] != "const":
                if b[0] == "const":
                    same = (b[1] == a[1]) == isinstance(node.ops[0], ast.Eq)
                    test = _sub(WHITE if same else BLACK, k=a[0])
                else:
                    same = (a[1] == b[1]) == isinstance(node.ops[0], ast.Eq)
                    test = ast.Compare(_white(a[0]), [ast.Eq() if same else ast.NotEq()],
                                       [_white(b[0])])
                return self.visit(test)
        self.generic_visit(node)
        return node

    def visit_Call(self, node):
        self.generic_visit(node)
        m = _macro(node)
        if m in FIELDS:
            return ast.Name(f"{VARS[m]}{_int(node.args[0])}", ast.Load())
        if m in ("max", "min") and len(node.args) == 2:
            # a candle's body ends in one operand order, max(c, o) and min(o, c) (TA-Lib's pick
            # where they are equal, see crange): both orders in one loop made GCC select the
            # values by branches (they differ in the sign of a zero)
            names = sorted(getattr(x, "id", "") for x in node.args)
            if len(names[0]) > 1 and names[0][0] == "c" and names[1] == "o" + names[0][1:]:
                return _sub(MAX if m == "max" else MIN, k=names[0][1:])
            return node
        if m is None or m in ("max", "min", "abs"):
            return node
        a = [_int(x) for x in node.args] if m != "AVG" else None
        if m == "BODY":
            return _sub("abs(c{k} - o{k})", k=a[0])
        if m == "UPPER":  # the candle ends TA-Lib picks (see crange), without a branch
            return _sub("(h{k} - " + MAX + ")", k=a[0])
        if m == "LOWER":
            return _sub("(" + MIN + " - l{k})", k=a[0])
        if m == "HL":
            return _sub("(h{k} - l{k})", k=a[0])
        if m == "COLOR":
            return _sub("(1 if " + WHITE + " else -1)", k=a[0])
        if m == "AVG":  # computed where the condition reaches it (a division)
            return _sub("cavg(t_{s}, p_{s}, f_{s}, s_{s}_{k}, g_{s}_{k})",
                        s=node.args[0].id, k=_int(node.args[1]))
        if m == "BODYGAPUP":
            return _sub("(" + MIN.format(k="{x}") + " > " + MAX.format(k="{y}") + ")", x=a[0], y=a[1])
        if m == "BODYGAPDOWN":
            return _sub("(" + MAX.format(k="{x}") + " < " + MIN.format(k="{y}") + ")", x=a[0], y=a[1])
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
        if transformer is Loop:
            cond = _branch_free(cond)
            tree = ast.parse(cond, mode="eval").body
            if (VALUE_TIMES_CONDITION and len(pattern.cases) == 1 and _reads_average(tree)
                    and not any(isinstance(n, ast.BoolOp) for n in ast.walk(tree))):
                # candle averages compared without a short-circuit (AVERAGES_WITHOUT_BRANCHES):
                # the value times the condition's truth, no branch at all
                return f"({value}) * ({cond})"
        expr = f"({value}) if ({cond}) else ({expr})"
    return expr


class Bits(ast.NodeTransformer):
    """and/or -> & and | of the comparisons' truth values: every term evaluated, no branch."""

    def visit_BoolOp(self, node):
        self.generic_visit(node)
        op = ast.BitAnd() if isinstance(node.op, ast.And) else ast.BitOr()
        result = node.values[0]
        for v in node.values[1:]:
            result = ast.BinOp(result, op, v)
        return result


def _reads_average(node):
    return any(_macro(n) == "AVG" for n in ast.walk(node))


GAPS = ("BODYGAPUP", "BODYGAPDOWN", "GAPUP", "GAPDOWN")


def _gap_only(node):
    """A term of gap tests alone (and/or of them): rare on any market (never where a bar opens at
    the previous close), unlike a color (a coin toss)."""
    if isinstance(node, ast.BoolOp):
        return all(_gap_only(v) for v in node.values)
    return _macro(node) in GAPS


def _first(node):
    """A necessary condition of `node`: the first term of each `and`, through `or`s."""
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And):
        return _first(node.values[0])
    if isinstance(node, ast.BoolOp):
        return ast.BoolOp(ast.Or(), [_first(v) for v in node.values])
    return node


def _gap_part(node):
    """A condition of gap tests alone that `node` needs (None where there is none): an `or`
    whose every alternative needs a gap (XSIDEGAP3METHODS' COLOR(2) == 1 and BODYGAPUP(1, 2) or
    COLOR(2) == -1 and BODYGAPDOWN(1, 2) needs BODYGAPUP(1, 2) or BODYGAPDOWN(1, 2))."""
    if _gap_only(node):
        return node
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And):
        parts = [q for q in (_gap_part(v) for v in node.values) if q is not None]
        return None if not parts else parts[0] if len(parts) == 1 else ast.BoolOp(ast.And(), parts)
    if isinstance(node, ast.BoolOp):
        parts = [_gap_part(v) for v in node.values]
        return None if any(q is None for q in parts) else ast.BoolOp(ast.Or(), parts)
    return None


def _groups(terms):
    """An `and`'s terms that read no candle average, as the groups tested in turn (each without
    branches inside, one well-predicted branch after it): its gap tests first, then the others
    GATE at a time."""
    cheap = [t for t in terms if not _reads_average(t)]
    gaps = [t for t in cheap if _gap_only(t)]
    rest = [t for t in cheap if not _gap_only(t)]
    # a term mixing gaps and other tests: the gaps it needs, tested with the gaps
    gaps += [q for q in (_gap_part(t) for t in rest) if q is not None]
    groups = [gaps] if gaps else []
    first = [_first(t) for t in gaps]
    if any(ast.dump(a) != ast.dump(b) for a, b in zip(first, gaps)):  # an `or` of `and`s of
        # gaps: their first gaps, an `or` of fewer tests, before
        groups.insert(0, first)
    groups += [rest[k:k + GATE] for k in range(0, len(rest), GATE)]
    return groups


def _joined(group):
    expr = group[0] if len(group) == 1 else ast.BoolOp(ast.And(), group)
    return "(" + ast.unparse(Bits().visit(expr)) + ")"


def _cheap_part(node):
    """The first group _render tests of `node` (an `or`: of each alternative), as an AST; None
    where there is none (an alternative of candle averages only)."""
    if not _reads_average(node):
        return node
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And):
        groups = _groups(node.values)
        if not groups:
            return None
        return groups[0][0] if len(groups[0]) == 1 else ast.BoolOp(ast.And(), groups[0])
    if isinstance(node, ast.BoolOp):
        parts = [_cheap_part(v) for v in node.values]
        return None if any(q is None for q in parts) else ast.BoolOp(ast.Or(), parts)
    return None


def _averages(node):
    """The distinct AVG(setting, candle) a condition reads."""
    return {(n.args[0].id, _int(n.args[1])) for n in ast.walk(node) if _macro(n) == "AVG"}


def _weak_gate(node, groups):
    """Whether an `and` is tested faster as a whole without branches: it has only terms that
    read averages (a comparison with an average is about a coin toss, a branch on it
    mispredicted), or its terms that read none are at most WEAK_GATE coin tosses (no gap test:
    those are rare), which pass often, and it reads at most WEAK_AVERAGES averages (a division
    each, on every bar)."""
    cheap = sum(len(g) for g in groups)
    return cheap == 0 or (not any(_gap_only(t) for g in groups for t in g) and cheap <= WEAK_GATE
                          and len(_averages(node)) <= WEAK_AVERAGES)


def _render(node):
    """The condition with short-circuits only between groups of terms and where a candle average
    is read: an `and`'s terms that read none are tested first, by groups (_groups) without
    branches inside; the terms comparing with averages follow in order, each evaluated (a
    division, or a load in cdl_all) only where the ones before hold; an `or` tries its
    alternatives so, in order."""
    if not _reads_average(node) and not (isinstance(node, ast.BoolOp)
                                         and isinstance(node.op, ast.And) and _gap_part(node)):
        return "(" + ast.unparse(Bits().visit(node)) + ")"
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And):
        groups = _groups(node.values)
        if AVERAGES_WITHOUT_BRANCHES and _weak_gate(node, groups):
            return "(" + ast.unparse(Bits().visit(node)) + ")"
        parts = [_joined(g) for g in groups]
        parts += [_render(t) for t in node.values if _reads_average(t)]
        return "(" + " and ".join(parts) + ")"
    if isinstance(node, ast.BoolOp):
        return "(" + " or ".join(_render(v) for v in node.values) + ")"
    return "(" + ast.unparse(node) + ")"


def _branch_free(cond):
    """The condition for the fused loops: the cheap terms (no candle average) without branches,
    each a coin toss alone (a branch on it mispredicted half the time) that together pass rarely;
    min/max then compile to minsd/maxsd (a branch each under a short-circuit); where the
    condition is an `or` of alternatives, first the `or` of their cheap parts (one
    well-predicted branch), then the alternatives (_render). Evaluating every term of all 59
    patterns without branches cost more instructions than the mispredictions it saved (cdl_all
    1e6: 290 ms against 233)."""
    tree = ast.parse(cond, mode="eval").body
    text = _render(tree)
    if isinstance(tree, ast.BoolOp) and isinstance(tree.op, ast.Or) and _reads_average(tree):
        gate = _cheap_part(tree)
        if gate is not None:
            text = "(" + ast.unparse(Bits().visit(gate)) + ") and " + text
    return text


AVERAGES_WITHOUT_BRANCHES = True
FUSED_PARTS = 2
WEAK_GATE = 2
WEAK_AVERAGES = 3
VALUE_TIMES_CONDITION = True
GATE = 3  # the first cheap terms, tested together without a branch (see _branch_free)


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
        # TA-Lib's (h - (c >= o ? c : o)) + ((c >= o ? o : c) - lo): max(c, o) is o > c ? o : c
        # and min(c, o) o < c ? o : c, the same candle ends, maxsd and minsd (one comparison for
        # both made GCC branch on it, a coin toss; see MAX in tools/gen_patterns.py)
        return (h - max(c, o)) + (min(c, o) - lo)
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


def range_sum(kind, open, high, low, close, r, start, stop):
    """The sum of the candle ranges of a setting's type over bars [start, stop): a candle
    average's total where a run's first output starts (not inlined: the bar loop stays small)."""
    s = 0.0
    for j in range(start, stop):
        s += crange(kind, open[r, j], high[r, j], low[r, j], close[r, j])
    return s


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

@cython.locals(j=Py_ssize_t, s=double)
cdef double range_sum(Py_ssize_t kind, const floating[:, ::1] open, const floating[:, ::1] high,
                      const floating[:, ::1] low, const floating[:, ::1] close, Py_ssize_t r,
                      Py_ssize_t start, Py_ssize_t stop) noexcept nogil
'''

ARGS = "open, high, low, close"
PXD_ARGS = ("const floating[:, ::1] open, const floating[:, ::1] high, "
            "const floating[:, ::1] low, const floating[:, ::1] close")


def _sid(s):
    return SETTINGS.index(s)


@functools.lru_cache(maxsize=None)
def _defaults():
    """{setting: (range type, period, factor)}: TA-Lib's defaults (fastind/_candles.py)."""
    tree = ast.parse(open(os.path.join(ROOT, "fastind", "_candles.py")).read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "DEFAULTS":
            types = {"REAL_BODY": 0, "HIGH_LOW": 1, "SHADOWS": 2}
            return {k.value: (types[v.elts[0].id], v.elts[1].value, v.elts[2].value)
                    for k, v in zip(node.value.keys, node.value.values)}
    raise ValueError("fastind/_candles.py: no DEFAULTS")


def _offsets(p):
    """{setting: [candle offsets of its running totals]} in the order of the settings' first use."""
    result = {}
    for s, k in streams_of(p):
        result.setdefault(s, []).append(k)
    return result


def _twins(p, const=None):
    """{setting: an earlier setting of the pattern with the same range type and period}: the
    same increments (and, at a candle both read, the same total). With const (the settings'
    values fixed in the text): the settings that have them there; else those whose defaults do
    (with TA-Lib's defaults: Near, Far and Equal; BodyDoji and ShadowVeryShort; BodyLong and
    BodyShort), tested at run time."""
    values = const or _defaults()
    seen, result = [], {}
    for s in _offsets(p):
        if const is not None and values[s][1] == 0:
            continue
        for other in seen:
            if values[other][:2] == values[s][:2]:
                result[s] = other
                break
        else:
            seen.append(s)
    return result


def _chains(p, const=None):
    """{setting: how many increments of earlier candles it hands on}: its own totals' largest
    candle offset, and those of the settings that read its increments (_twins)."""
    twin = _twins(p, const)
    result = {}
    for s, ks in _offsets(p).items():
        if const is not None and const[s][1] == 0:
            continue
        if const is not None and s in twin:  # reads the other's increments only
            result[twin[s]] = max(result.get(twin[s], 0), max(ks))
            continue
        result[s] = max(result.get(s, 0), max(ks))
        if s in twin:
            result[twin[s]] = max(result.get(twin[s], 0), max(ks))
    return result


def _crange_at(s, bar):
    return f"crange(t_{s}, open[r, {bar}], high[r, {bar}], low[r, {bar}], close[r, {bar}])"


def _setting_args(p):
    return "".join(f"t_{s}, p_{s}, f_{s}, " for s in settings_of(p))


def _call(name, args, indent):
    return textwrap.fill(f"{name}({args})", 96, initial_indent=" " * indent,
                         subsequent_indent=" " * (indent + 4), break_long_words=False,
                         break_on_hyphens=False)


def kernel_source(p):
    """The pattern's kernel: where TA-Lib's default candle settings are in force, its bar loop
    written with them as constants (_default: the range types' switches fold away, the zero
    periods run no total, settings of one range type and period share their increments and
    totals); else the bar loop given the settings' values (_bars). No candle setting: the kernel
    is its bar loop."""
    if p.kernel is not None:
        return p.kernel[0]
    used = settings_of(p)
    params = "".join(f"{name}, " for name, _, _ in p.params)
    if not used:
        return bar_loop(p, f"{p.name}({ARGS}, {params}ci, cf, out)", None,
                        f"{p.talib} ({p.display}): {p.summary}.")
    defaults = _defaults()
    test = " and ".join(f"ci[0, {_sid(s)}] == {defaults[s][0]} and ci[1, {_sid(s)}] == "
                        f"{defaults[s][1]} and cf[{_sid(s)}] == {defaults[s][2]!r}" for s in used)
    given = "".join(f"ci[0, {_sid(s)}], ci[1, {_sid(s)}], cf[{_sid(s)}], " for s in used)
    lines = [f"def {p.name}({ARGS}, {params}ci, cf, out):",
             f'    """{p.talib} ({p.display}): {p.summary}."""',
             textwrap.fill(f"if ({test}):", 96, initial_indent="    ", subsequent_indent=" " * 12,
                           break_long_words=False, break_on_hyphens=False),
             _call(f"{p.name}_default", f"{ARGS}, {params}out", 8),
             "    else:",
             _call(f"{p.name}_bars", f"{ARGS}, {params}{given}out", 8)]
    return ("\n".join(lines) + "\n\n\n"
            + bar_loop(p, f"{p.name}_default({ARGS}, {params}out)", {s: defaults[s] for s in used},
                       f"The bar loop of {p.name} with TA-Lib's default candle settings.")
            + "\n\n"
            + bar_loop(p, f"{p.name}_bars({ARGS}, {params}{_setting_args(p)}out)", None,
                       f"The bar loop of {p.name}, each candle setting given as (range type, "
                       "period, factor)."))


def bar_loop(p, signature, const, doc):
    """One bar loop of pattern p (a stream resumes it: fastind/_resume.py): `count` bars of the
    current run so far; its first lb are the warm-up (0); at the first output bar the candle
    averages' totals are summed from the window before it, then run on. `const`: {setting:
    (range type, period, factor)} written into the text, or None (the settings are arguments)."""
    streams = streams_of(p)
    if const is not None:  # a zero period: the candle's own range, no total to run
        zero = {s for s in const if const[s][1] == 0}
        streams = [(s, k) for s, k in streams if s not in zero]
    depth = depth_of(p)
    offsets = {s: ks for s, ks in _offsets(p).items()
               if const is None or const[s][1] != 0}
    twin = _twins(p, const)
    chain = _chains(p, const)
    lines = [f"def {signature}:", f'    """{doc}"""',
             "    rows = open.shape[0]",
             "    n = open.shape[1]",
             f"    lb = {_lookback(p, lambda s: 'p_' + s)}",
             "    lb1 = lb + 1"]
    body = _expand(_value(p, Loop), Loop)
    # One rarely taken branch for the gaps, the warm-up and the first output: z is NaN where an
    # input is NaN or infinite (a body or range is then NaN or infinite), or where the finite
    # differences overflow (the exact test then finds no gap)
    lines += ["    for r in range(rows):",
              "        count = 0"]
    lines += [f"        s_{s}_{k} = 0.0" for s, k in streams]
    lines += [f"        d_{s}_{k} = 0.0" for s, m in chain.items() for k in range(1, m + 1)]
    lines += ["        for i in range(n):",
              "            " + "; ".join(f"{VARS[f]}0 = {ARRAYS[f]}[r, i]" for f in FIELDS),
              "            count += 1",
              "            z = (c0 - o0) + (h0 - l0)",
              "            z = z - z",
              f"            if count <= {'lb1' if streams else 'lb'} or z != z:",
              "                if (o0 - o0) + (h0 - h0) + (l0 - l0) + (c0 - c0) != 0.0:",
              "                    count = 0  # a gap: the next finite bar starts a run",
              "                    out[r, i] = 0",
              "                    continue",
              "                if count <= lb:",
              "                    out[r, i] = 0",
              "                    continue"]
    ind2 = " " * 12
    ind3 = ind2 + "    "
    if streams:
        lines.append(f"{ind2}    if count == lb1:")
        for s, k in streams:
            lines += [f"{ind2}        s_{s}_{k} = range_sum(t_{s}, open, high, low, close, r, "
                      f"i - p_{s} - {k}, i - {k})"]
        # the increments of the candles before this one, as the bars before would have left them
        for s, m in chain.items():
            for k in range(1, m + 1):
                lines += [f"{ind2}        d_{s}_{k} = {_crange_at(s, f'i - {k}')} - "
                          f"{_crange_at(s, f'i - {k} - p_{s}')}"]
    for k in range(1, depth + 1):
        lines.append(ind2 + "; ".join(f"{VARS[f]}{k} = {ARRAYS[f]}[r, i - {k}]" for f in FIELDS))
    for s, k in streams_of(p):
        lines.append(f"{ind2}g_{s}_{k} = crange(t_{s}, o{k}, h{k}, l{k}, c{k})")
    lines.append(f"{ind2}out[r, i] = {body}")

    # Each running total moves on by its candle's increment d (the range entering the window
    # less the one leaving it, TA-Lib's rounding): a setting's increment is computed once, for
    # this bar, and handed on bar by bar to the totals of later candles (d_S_k: that of bar
    # i - k). A setting whose range type and period are those of an earlier one (_twins) reads
    # that one's increments and, at a candle both read, its total.
    def increment(s, ind):
        return [f"{ind}j = i - p_{s}",
                f"{ind}d_{s}_0 = crange(t_{s}, o0, h0, l0, c0) - {_crange_at(s, 'j')}"]

    def shift(s, m, ind):
        return [f"{ind}d_{s}_{k} = d_{s}_{k - 1}" for k in range(m, 0, -1)]

    def shared(s, other, ind):
        return [f"{ind}s_{s}_{k} = s_{other}_{k}" if k in offsets[other]
                else f"{ind}s_{s}_{k} += d_{other}_{k}" for k in offsets[s]]

    roots = [s for s in offsets if s not in twin]
    for s in roots:
        if const is None:
            lines += [f"{ind2}d_{s}_0 = 0.0", f"{ind2}if p_{s} != 0:"] + increment(s, ind3)
            lines += [f"{ind3}s_{s}_{k} += d_{s}_{k}" for k in offsets[s]]
        else:
            lines += increment(s, ind2) + [f"{ind2}s_{s}_{k} += d_{s}_{k}" for k in offsets[s]]
    for s, other in twin.items():
        if const is not None:
            lines += shared(s, other, ind2)
            continue
        lines += [f"{ind2}if p_{s} != 0 and t_{s} == t_{other} and p_{s} == p_{other}:"]
        lines += shared(s, other, ind3)
        lines += [f"{ind2}elif p_{s} != 0:"] + increment(s, ind3)
        lines += [f"{ind3}s_{s}_{k} += d_{s}_{k}" for k in offsets[s]]
        lines += shift(s, max(offsets[s]), ind3)
    for s in roots:  # last: the settings above read these
        if chain[s]:
            lines += ([f"{ind2}if p_{s} != 0:"] + shift(s, chain[s], ind3) if const is None
                      else shift(s, chain[s], ind2))
    text = "\n".join(lines) + "\n"
    if const is not None:
        for s, (t, period, factor) in const.items():
            text = re.sub(rf"\bt_{s}\b", str(t), text)
            text = re.sub(rf"\bp_{s}\b", str(period), text)
            text = re.sub(rf"\bf_{s}\b", repr(factor), text)
            if period == 0:
                text = re.sub(rf"\bs_{s}_(\d+)\b", "0.0", text)
    return text


def _wrap_args(text, indent):
    """A C argument list on lines of at most 96 characters, broken after commas."""
    lines, line = [], " " * indent
    for arg in text.split(", "):
        if line.strip() and len(line) + len(arg) + 2 > 96:
            lines.append(line.rstrip())
            line = " " * indent
        line += arg + ", "
    lines.append(line[:-2])
    return "\n".join(lines)


def _loop_locals(p, const):
    locs = ["rows=Py_ssize_t", "n=Py_ssize_t", "r=Py_ssize_t", "count=Py_ssize_t",
            "i=Py_ssize_t", "j=Py_ssize_t", "lb=Py_ssize_t", "lb1=Py_ssize_t", "z=double"]
    for k in range(depth_of(p) + 1):
        locs += [f"{VARS[f]}{k}=double" for f in FIELDS]
    for s, k in streams_of(p):
        if const is None or const[s][1] != 0:
            locs.append(f"s_{s}_{k}=double")
        locs.append(f"g_{s}_{k}=double")
    locs += [f"d_{s}_{k}=double" for s, m in _chains(p, const).items() for k in range(m + 1)]
    if const is None:
        locs += [f"d_{s}_0=double" for s in _offsets(p) if s not in _chains(p)]
    return textwrap.fill(", ".join(locs), 96, initial_indent="@cython.locals(",
                         subsequent_indent="               ") + ")\n"


def pxd_source(p):
    if p.kernel is not None:
        return p.kernel[1]
    used = settings_of(p)
    params = "".join(f"double {name}, " for name, _, _ in p.params)
    kernel = (f"cpdef void {p.name}({PXD_ARGS},\n"
              f"                {params}const Py_ssize_t[:, ::1] ci, const double[::1] cf,\n"
              f"                int[:, ::1] out) noexcept nogil\n")
    if not used:
        return _loop_locals(p, None) + kernel
    defaults = _defaults()
    settings = "".join(f"Py_ssize_t t_{s}, Py_ssize_t p_{s}, double f_{s}, " for s in used)
    return (kernel + "\n"
            + _loop_locals(p, {s: defaults[s] for s in used})
            + f"cdef void {p.name}_default({PXD_ARGS},\n"
            + _wrap_args(f"{params}int[:, ::1] out", 24) + ") noexcept nogil\n\n"
            + _loop_locals(p, None)
            + f"cdef void {p.name}_bars({PXD_ARGS},\n"
            + _wrap_args(f"{params}{settings}int[:, ::1] out", 21) + ") noexcept nogil\n")


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
    if p.numpy is not None:
        return p.numpy
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


# ---------------------------------------------------------------------------------------------
# patterns(): the predicate patterns with TA-Lib's default settings in a few fused bar loops
# ---------------------------------------------------------------------------------------------
def _short(p):
    return p.talib[3:].lower()


def shared_patterns():
    return [p for p in PATTERNS if p.kernel is None]


def _default_lookback(p):
    defaults = _defaults()
    return eval(_lookback(p, lambda s: str(defaults[s][1])), {"max": max})


def fused_streams(pats):
    """The running totals a cdl_all_default kernel keeps for patterns `pats`, {(range type, period, first candle): offsets}:
    a pattern's AVG(S, k) with a period reads the total of its range type and period started at
    candle lookback - k of a run (TA-Lib's rounding path, the same numbers for every pattern and
    setting that share the three), at candle i - k (the totals of the last candles handed on)."""
    defaults = _defaults()
    streams = {}
    for p in pats:
        lb = _default_lookback(p)
        for s, k in streams_of(p):
            t, period, _ = defaults[s]
            if period:
                streams.setdefault((t, period, lb - k), set()).add(k)
    return {key: sorted(ks) for key, ks in sorted(streams.items())}


class Fused(Loop):
    """Loop's macros, with TA-Lib's default settings written in and each AVG read from the fused
    loop's totals (S{q}_{k}: total q at candle i - k)."""

    def __init__(self, pattern, ids):
        self.pattern = pattern
        self.ids = ids
        self.lb = _default_lookback(pattern)

    def visit_Call(self, node):
        if _macro(node) == "AVG":
            s, k = node.args[0].id, _int(node.args[1])
            t, period, factor = _defaults()[s]
            if period == 0:
                return _sub(f"cavg({t}, 0, {factor!r}, 0.0, crange({t}, o{k}, h{k}, l{k}, c{k}))")
            q = self.ids[(t, period, self.lb - k)]
            return _sub(f"cavg({t}, {period}, {factor!r}, ring[{q}, (i - {k}) % 8], 0.0)")
        return super().visit_Call(node)

    def visit_Name(self, node):
        if node.id in [name for name, _, _ in self.pattern.params]:
            return ast.Name(f"{node.id}_{_short(self.pattern)}", ast.Load())
        return node


def fused_parts():
    """The patterns of each cdl_all_default kernel, in SHARED_NAMES' order: FUSED_PARTS loops
    (the 59 patterns at 1e6 bars: in one loop body, ~50 KB of code a bar, 190 ms; in 2 loops 120
    ms, 3: 143, 4: 159, 6: 160, 12: 197; each loop scans the bars again and keeps its totals)."""
    pats = shared_patterns()
    size = -(-len(pats) // FUSED_PARTS)
    return [pats[k:k + size] for k in range(0, len(pats), size)]


def fused_kernel_source(part):
    everything = shared_patterns()
    pats = fused_parts()[part]
    row = {p.talib: everything.index(p) for p in pats}  # out rows and pens: SHARED_NAMES' order
    streams = fused_streams(pats)
    ids = {key: q for q, key in enumerate(streams)}
    classes = sorted({(t, period) for t, period, _ in streams})
    width = max(max(_default_lookback(p) for p in pats),
                max(first + max(ks) for (_, _, first), ks in streams.items()))
    lines = ["", "", f"def cdl_all_default{part}(open, high, low, close, ci, cf, pens, ring, out):",
             f'    """patterns() with TA-Lib\'s default candle settings, part {part} of '
             f"{len(fused_parts())}: {', '.join(p.talib for p in pats)}",
             "    (out row and pens k: SHARED_NAMES[k]) over one row of inputs, run by run: a run's",
             "    first bars by each pattern's bar loop (their warm-ups differ), then one bar loop",
             "    for these, each running total of a (range type, period, first candle) kept once",
             "    (fused_streams in tools/gen_patterns.py), its values at the last candles in",
             '    ring[q, candle % 8]."""',
             "    n = open.shape[1]"]
    for p in pats:
        for name, _, _ in p.params:
            lines.append(f"    {name}_{_short(p)} = pens[{row[p.talib]}]")
    lines += ["    a = 0",
              "    while a < n:",
              "        b = run_end(open, high, low, close, 0, a, n)",
              f"        e = min(a + {width}, b)"]
    for p in pats:
        params = "".join(f"{name}_{_short(p)}, " for name, _, _ in p.params)
        sliced = "open[:, a:e], high[:, a:e], low[:, a:e], close[:, a:e]"
        k = row[p.talib]
        if settings_of(p):
            lines.append(_call(f"{p.name}_default", f"{sliced}, {params}out[{k}:{k + 1}, a:e]", 8))
        else:
            lines.append(_call(p.name, f"{sliced}, {params}ci, cf, out[{k}:{k + 1}, a:e]", 8))
    lines += ["        if e < b:",
              "            # each total at the candles the loop reads first, as a pattern's loop has"
              " them there"]
    for (t, period, first), ks in streams.items():
        q = ids[(t, period, first)]
        for j in range(max(ks) + 1):
            lines.append(f"            ring[{q}, (e - {j}) % 8] = stream_total({t}, {period}, open, "
                         f"high, low, close, a + {first}, e - {j})")
    depth = max(depth_of(p) for p in pats)
    lines.append("            for i in range(e, b):")
    ind = " " * 16
    for k in range(depth + 1):
        off = "" if k == 0 else f" - {k}"
        lines.append(ind + "; ".join(f"{VARS[f]}{k} = {ARRAYS[f]}[0, i{off}]" for f in FIELDS))
    for p in pats:
        text = ast.unparse(Fused(p, ids).visit(ast.parse(_value(p, Loop), mode="eval")).body)
        lines.append(f"{ind}out[{row[p.talib]}, i] = {text}")
    if classes:
        lines.append(f"{ind}# the totals move on: each range type and period's increment once")
    for t, period in classes:
        lines.append(f"{ind}dc_{t}_{period} = crange({t}, o0, h0, l0, c0) - crange({t}, "
                     f"open[0, i - {period}], high[0, i - {period}], low[0, i - {period}], "
                     f"close[0, i - {period}])")
    for (t, period, first), ks in streams.items():
        q = ids[(t, period, first)]
        lines.append(f"{ind}ring[{q}, (i + 1) % 8] = ring[{q}, i % 8] + dc_{t}_{period}")
    lines += ["        if b < n:"]
    lines += [f"            out[{row[p.talib]}, b] = 0" for p in pats]
    lines += ["        a = b + 1"]
    return "\n".join(lines) + "\n"


def fused_pxd_source(part):
    pats = fused_parts()[part]
    streams = fused_streams(pats)
    locs = ["n=Py_ssize_t", "a=Py_ssize_t", "b=Py_ssize_t", "e=Py_ssize_t", "i=Py_ssize_t"]
    for k in range(max(depth_of(p) for p in pats) + 1):
        locs += [f"{VARS[f]}{k}=double" for f in FIELDS]
    for p in pats:
        locs += [f"{name}_{_short(p)}=double" for name, _, _ in p.params]
    locs += [f"dc_{t}_{period}=double" for t, period in sorted({(t, period) for t, period, _ in streams})]
    wrapped = textwrap.fill(", ".join(locs), 96, initial_indent="@cython.locals(",
                            subsequent_indent="               ")
    return ("\n" + wrapped + ")\n"
            f"cpdef void cdl_all_default{part}({PXD_ARGS},\n"
            "                           const Py_ssize_t[:, ::1] ci, const double[::1] cf,\n"
            "                           const double[::1] pens, double[:, ::1] ring,\n"
            "                           int[:, ::1] out) noexcept nogil\n")


STREAM_TOTAL = """

def stream_total(kind, period, open, high, low, close, first, m):
    \"\"\"The running total of candle m (the ranges of the `period` candles before it) that a pattern's
    bar loop has there when it starts it at candle `first` (range_sum) and runs it on bar by bar
    (one row of inputs).\"\"\"
    s = range_sum(kind, open, high, low, close, 0, first - period, first)
    for j in range(first, m):
        s += crange(kind, open[0, j], high[0, j], low[0, j], close[0, j]) - crange(
            kind, open[0, j - period], high[0, j - period], low[0, j - period], close[0, j - period])
    return s
"""

STREAM_TOTAL_PXD = """
@cython.locals(s=double, j=Py_ssize_t)
cdef double stream_total(Py_ssize_t kind, Py_ssize_t period, const floating[:, ::1] open,
                         const floating[:, ::1] high, const floating[:, ::1] low,
                         const floating[:, ::1] close, Py_ssize_t first, Py_ssize_t m) noexcept nogil
"""


def registry_tables():
    names = tuple(p.talib for p in shared_patterns())
    pens = tuple(p.params[0][2] if p.params else 0.0 for p in shared_patterns())
    ring = max(len(fused_streams(part)) for part in fused_parts())
    return (f"\n# patterns() with TA-Lib's default candle settings: the patterns of the fused kernels\n"
            f"# (cdl_all_default0 ...; out row k: SHARED_NAMES[k]), their penetrations, how many\n"
            f"# kernels, and the rows of running totals each keeps at most (its ring)\n"
            f"SHARED_NAMES = {names!r}\n"
            f"SHARED_PENETRATION = {pens!r}\n"
            f"FUSED_PARTS = {len(fused_parts())}\n"
            f"FUSED_RING = {ring}\n")


def sources():
    PATTERNS.sort(key=lambda p: p.talib)  # TA-Lib's order
    kernel = (KERNEL_HEAD + "".join("\n\n" + kernel_source(p) for p in PATTERNS) + STREAM_TOTAL
              + "".join(fused_kernel_source(k) for k in range(len(fused_parts()))))
    pxd = (PXD_HEAD + "".join("\n" + pxd_source(p) for p in PATTERNS) + STREAM_TOTAL_PXD
           + "".join(fused_pxd_source(k) for k in range(len(fused_parts()))))
    numpy = NUMPY_HEAD + "".join("\n\n" + numpy_source(p) for p in PATTERNS)
    split = tuple(p.name for p in PATTERNS if p.kernel is None and settings_of(p))
    kernel += (
        "\n\n# the patterns whose kernel only picks its bar loop by the candle settings: the numba\n"
        "# backend runs that choice in Python and compiles the one loop a call needs (jitted, the\n"
        "# choice would compile both, ~0.7 s each)\n"
        + textwrap.fill(f"NUMBA_IN_PYTHON = {split!r}", 100, subsequent_indent="    ",
                        break_long_words=False, break_on_hyphens=False) + "\n")
    registry = (REGISTRY_HEAD + "".join(registry_source(p) for p in PATTERNS) + ")\n"
                + registry_tables())
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
