"""Math Operators over time: CUMSUM, SUM, and the index steps of MAXINDEX, MININDEX, MINMAXINDEX.

Compiled by Cython with operators.pxd and by Numba via fastind._numba_loader; NAN comes from there.

The index kernels take the window's extreme as an input (extrema.rolling_max/rolling_min's output,
fastind/_compose/math_operators.py), so finding its index is a short forward scan, not TA-Lib's
rescan of the whole window (O(n*period) on a monotone series): O(n) whatever the data.
"""

RESUM = 4096  # bars between fresh summations of SUM's running sum
BLOCK = 256  # bars per optimistic block of SUM in steady state


def cumsum(x, out):
    """CUMSUM[t] = x[s] + ... + x[t], s the first bar of the run of finite values t is in (TA-Lib
    starts at the first non-NaN value and carries an interior NaN for ever after). Lookback 0.
    Left to right in double, one add a bar, as TA-Lib: its values bit for bit."""
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        s = 0.0
        for i in range(n):
            v = x[r, i]
            if v - v != 0.0:  # NaN or infinite: a gap, the sum restarts after it
                s = 0.0
                out[r, i] = NAN
            else:
                s += v
                out[r, i] = s


def fresh_sum(x, r, start, stop):
    """x[r, start] + ... + x[r, stop-1], summed afresh."""
    s = 0.0
    for j in range(start, stop):
        s += x[r, j]
    return s


def rolling_sum(x, period, out):
    """SUM[t] = x[t-period+1] + ... + x[t] (TA-Lib SUM). Lookback period-1.

    A running window sum (one add on the loop-carried path, as TA-Lib), summed afresh from the
    window every RESUM bars, so that its rounding error stays that of RESUM additions however long
    the series (TA-Lib's builds up over the whole series). The steady state runs in blocks of
    BLOCK bars, two bars per step and one add per two bars on the carried sum, with no NaN test
    per bar: a NaN or infinity in a block reaches the sum, and the block is then redone bar by bar
    from the sum saved before it."""
    resum = max(RESUM, period)
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        count = 0
        since = 0
        s = 0.0
        i = 0
        while i < n:
            if count > period and since + BLOCK < resum and i + BLOCK <= n:
                saved = s
                for j in range(i, i + BLOCK, 2):
                    # unsigned indices: numba then drops the negative-index wrap-around
                    u = j
                    w = j - period
                    u1 = j + 1
                    w1 = j + 1 - period
                    # a is double: a float32 input's differences are then exact, as in the bar path
                    a = x[r, u]
                    d = a - x[r, w]
                    out[r, u] = s + d
                    a = x[r, u1]
                    s += d + (a - x[r, w1])
                    out[r, u1] = s
                if s - s == 0.0:
                    since += BLOCK
                    i += BLOCK
                    continue
                s = saved
            v = x[r, i]
            if v - v != 0.0:  # NaN or infinite: a gap
                count = 0
                s = 0.0
                out[r, i] = NAN
            else:
                count += 1
                if count > period:
                    since += 1
                    if since == resum:
                        since = 0
                        s = fresh_sum(x, r, i - period + 1, i + 1)
                    else:
                        s += v - x[r, i - period]
                    out[r, i] = s
                else:
                    s += v
                    since = 0
                    if count == period:
                        out[r, i] = s
                    else:
                        out[r, i] = NAN
            i += 1


def max_index(x, top, period, out):
    """MAXINDEX: the index (in the row) of the highest value of the `period` bars ending at each
    bar; `top` holds that value (extrema.rolling_max of x). Lookback period-1; 0 over it and at
    gaps, TA-Lib's integer fill. After a gap the index still counts from the row's start.

    Ties as TA-Lib: the kept index moves to the newest bar whose value is >= the kept one's; when
    it leaves the window, to the OLDEST bar of the window that holds the highest value. That scan
    stops at the first bar holding `top`, and no bar is scanned twice (each scan starts past the
    previous pick, which stayed in the window until it left)."""
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        count = 0
        best = -1  # a run's first window always scans: an index before a gap is out of it
        kept = 0.0
        for i in range(n):
            v = x[r, i]
            if v - v != 0.0:  # NaN or infinite: a gap
                count = 0
                out[r, i] = 0
                continue
            count += 1
            if count < period:
                out[r, i] = 0
                continue
            if best <= i - period:  # the kept bar left the window
                kept = top[r, i]
                best = i - period + 1
                while best < i and x[r, best] != kept:
                    best += 1
            elif v >= kept:
                best = i
                kept = v
            out[r, i] = best


def min_index(x, bottom, period, out):
    """MININDEX: as max_index for the lowest value (`bottom`: extrema.rolling_min of x); ties
    as TA-Lib, the newest bar <= the kept one, and the oldest lowest bar after a rescan."""
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        count = 0
        best = -1
        kept = 0.0
        for i in range(n):
            v = x[r, i]
            if v - v != 0.0:  # NaN or infinite: a gap
                count = 0
                out[r, i] = 0
                continue
            count += 1
            if count < period:
                out[r, i] = 0
                continue
            if best <= i - period:  # the kept bar left the window
                kept = bottom[r, i]
                best = i - period + 1
                while best < i and x[r, best] != kept:
                    best += 1
            elif v <= kept:
                best = i
                kept = v
            out[r, i] = best
