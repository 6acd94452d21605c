"""Volatility family: TRANGE, ATR.

Compiled by Cython with volatility.pxd and by Numba via fastind._numba_loader; NAN comes from there.
"""


def true_range(h, lo, prev):
    """max(h - lo, |prev - h|, |prev - lo|), compared in TA-Lib's order; prev is the last close."""
    tr = h - lo
    a = prev - h
    if a < 0.0:
        a = -a
    if a > tr:
        tr = a
    a = prev - lo
    if a < 0.0:
        a = -a
    if a > tr:
        tr = a
    return tr


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
    then ATR = (ATR*(period-1) + TR) / period. period 1 gives TRANGE. Lookback period."""
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
                # operation order mirrors TA-Lib so results agree to the last bits
                s *= period - 1
                s += tr
                s /= period
                out[r, i] = s
