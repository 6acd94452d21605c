"""Volatility family: TRANGE, ATR.

Compiled by Cython with volatility.pxd and by Numba via fastind._numba_loader; NAN comes from there.
"""


def true_range(h, lo, prev):
    """max(h - lo, |prev - h|, |prev - lo|); prev is the last close. Branch-free (abs, max): the
    three terms win in random order, so a compare-and-branch would be mispredicted half the time."""
    return max(max(h - lo, abs(prev - h)), abs(prev - lo))


def trange(high, low, close, out):
    """TR[t] = max(high[t] - low[t], |close[t-1] - high[t]|, |close[t-1] - low[t]|). Lookback 1."""
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        count = 0
        prev = 0.0
        for i in range(n):
            h = high[r, i]
            lo = low[r, i]
            c = close[r, i]
            if h != h or lo != lo or c != c:
                count = 0
                out[r, i] = NAN
                continue
            count += 1
            if count > 1:
                out[r, i] = true_range(h, lo, prev)
            else:
                out[r, i] = NAN
            prev = c


def atr(high, low, close, period, out):
    """ATR: Wilder smoothing of the true range, seeded by the mean of the first `period` true ranges,
    then ATR = ATR*(1 - 1/period) + TR/period (TA-Lib 0.6's form of (ATR*(period-1) + TR)/period).
    period 1 gives TRANGE. Lookback period."""
    k = 1.0 / period
    keep = 1.0 - k
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        count = 0
        prev = 0.0
        s = 0.0
        for i in range(n):
            h = high[r, i]
            lo = low[r, i]
            c = close[r, i]
            if h != h or lo != lo or c != c:
                count = 0
                out[r, i] = NAN
                continue
            count += 1
            if count == 1:
                prev = c
                s = 0.0
                out[r, i] = NAN
                continue
            tr = true_range(h, lo, prev)
            prev = c
            m = count - 1
            if period == 1:
                out[r, i] = tr
            elif m < period:
                s += tr
                out[r, i] = NAN
            elif m == period:
                s = (s + tr) / period
                out[r, i] = s
            else:
                # TA-Lib 0.6's form: the per-bar division becomes two multiplications, which
                # shortens the loop-carried dependency (mul + add instead of mul + add + div)
                s = s * keep + tr * k
                out[r, i] = s
