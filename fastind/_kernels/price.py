"""Price Transform family: AVGPRICE, MEDPRICE, TYPPRICE, WCLPRICE, Heikin-Ashi, AVGDEV.

Compiled by Cython with price.pxd and by Numba via fastind._numba_loader; NAN comes from there.
The bar-wise prices need no gap test of their own: a NaN or an infinity among a bar's inputs makes
the value NaN or infinite, and any such value is stored as NaN (a branch-free select the
compilers vectorize).
"""

RESUM = 4096  # bars between fresh summations of AVGDEV's running window sum


def finite_or_nan(value):
    """value, or NaN where it is NaN or infinite."""
    return value if value - value == 0.0 else NAN


def avgprice(open_, high, low, close, out):
    """(open + high + low + close) / 4. Lookback 0."""
    rows = open_.shape[0]
    n = open_.shape[1]
    for r in range(rows):
        for i in range(n):
            o = open_[r, i]
            h = high[r, i]
            lo = low[r, i]
            c = close[r, i]
            out[r, i] = finite_or_nan((((h + lo) + c) + o) * 0.25)


def medprice(high, low, out):
    """(high + low) / 2. Lookback 0."""
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        for i in range(n):
            h = high[r, i]
            lo = low[r, i]
            out[r, i] = finite_or_nan((h + lo) * 0.5)


def typprice(high, low, close, out):
    """(high + low + close) / 3. Lookback 0."""
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        for i in range(n):
            h = high[r, i]
            lo = low[r, i]
            c = close[r, i]
            out[r, i] = finite_or_nan(((h + lo) + c) / 3.0)


def wclprice(high, low, close, out):
    """(high + low + 2*close) / 4. Lookback 0."""
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        for i in range(n):
            h = high[r, i]
            lo = low[r, i]
            c = close[r, i]
            out[r, i] = finite_or_nan(((h + lo) + c * 2.0) * 0.25)


def heikin_ashi(open_, high, low, close, ha_open, ha_high, ha_low, ha_close):
    """Heikin-Ashi candles: close = (O + H + L + C)/4, open = (previous open + previous close)/2
    (at a run's first bar (O + C)/2), high = max(H, open, close), low = min(L, open, close).
    Lookback 0 (TA-Lib's unstable period "HA" hides the first values; the values stay)."""
    rows = open_.shape[0]
    n = open_.shape[1]
    for r in range(rows):
        first = True
        ho = 0.0
        hc = 0.0
        for i in range(n):
            o = open_[r, i]
            h = high[r, i]
            lo = low[r, i]
            c = close[r, i]
            if (o - o) + (h - h) + (lo - lo) + (c - c) != 0.0:  # a gap
                first = True
                ha_open[r, i] = NAN
                ha_high[r, i] = NAN
                ha_low[r, i] = NAN
                ha_close[r, i] = NAN
                continue
            if first:
                first = False
                ho = (o + c) * 0.5
            else:
                ho = (ho + hc) * 0.5
            hc = (((o + h) + lo) + c) * 0.25
            ha_open[r, i] = ho
            ha_close[r, i] = hc
            ha_high[r, i] = max(max(h, ho), hc)
            ha_low[r, i] = min(min(lo, ho), hc)


def avgdev(x, period, out):
    """Mean absolute deviation from the window mean over `period` bars: the mean from a running
    sum (summed afresh every RESUM bars), the deviations summed afresh each bar (O(period) a bar,
    one pass where TA-Lib makes two). Lookback period-1."""
    resum = max(RESUM, period)
    inv = 1.0 / period
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        count = 0
        since = 0
        s = 0.0
        for i in range(n):
            v = x[r, i]
            if v - v != 0.0:
                count = 0
                s = 0.0
                out[r, i] = NAN
                continue
            count += 1
            if count <= period:
                s += v
                since = 0
                if count < period:
                    out[r, i] = NAN
                    continue
            elif since == resum:
                since = 0
                s = 0.0
                for j in range(i - period + 1, i + 1):
                    s += x[r, j]
            else:
                since += 1
                s += v - x[r, i - period]
            mean = s * inv
            dev = 0.0
            for j in range(i - period + 1, i + 1):
                dev += abs(x[r, j] - mean)
            out[r, i] = dev * inv
