"""Math Operators over time: CUMSUM, SUM, and the index steps of MAXINDEX, MININDEX, MINMAXINDEX.

Compiled by Cython with operators.pxd and by Numba via fastind._numba_loader; NAN comes from there.

The index kernels take the window's extreme as an input (extrema.rolling_max/rolling_min's output,
fastind/_compose/math_operators.py), so finding its index is a short forward scan, not TA-Lib's
rescan of the whole window (O(n*period) on a monotone series): O(n) whatever the data.
"""

# locals holding a bar's index, for the resumable twins (fastind/_resume.py)
INDEX_STATE = {"extreme_index": ("best",), "extreme_indexes": ("best_low", "best_high")}

RESUM = 4096  # bars between fresh summations of SUM's running sum
BLOCK = 256  # bars per optimistic block (CUMSUM, SUM in steady state)


def cumsum(x, out):
    """CUMSUM[t] = x[s] + ... + x[t], s the first bar of the run of finite values t is in (TA-Lib
    starts at the first non-NaN value and carries an interior NaN for ever after). Lookback 0.

    Blocks of BLOCK bars take two bars a step with one add on the carried sum (TA-Lib's loop
    carries one add a bar: the chain of adds, not memory, bounds it), and no NaN test per bar: a
    NaN or an infinity in a block reaches the sum, and the block is then redone bar by bar from
    the sum saved before it. A block starts an even number of bars into a run, and bar by bar
    resumes blocks right after a gap, so a run's pairs are the same wherever it lies in the row
    (each run is its own series, bit for bit). The pairs round differently from TA-Lib's single
    adds: within a few ulps of its values."""
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        s = 0.0
        count = 0  # bars of the current run before bar i
        redo = 0  # bar by bar until here (or the next gap)
        i = 0
        while i < n:
            if i >= redo and count % 2 == 0 and i + BLOCK <= n:
                saved = s
                for j in range(i, i + BLOCK, 2):
                    u = j  # unsigned: numba then drops the negative-index wrap-around
                    u1 = j + 1
                    a = x[r, u]
                    out[r, u] = s + a
                    s += a + x[r, u1]
                    out[r, u1] = s
                if s - s == 0.0:
                    count += BLOCK
                    i += BLOCK
                    continue
                s = saved
                redo = i + BLOCK
            v = x[r, i]
            if v - v != 0.0:  # NaN or infinite: a gap, the sum restarts after it
                s = 0.0
                count = 0
                redo = 0
                out[r, i] = NAN
            else:
                s += v
                count += 1
                out[r, i] = s
            i += 1


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


def extreme_index(x, extreme, period, out):
    """MAXINDEX and MININDEX: the index (in the row) of the highest (lowest) value of the `period`
    bars ending at each bar, `extreme` holding that value (extrema.rolling_max or rolling_min of
    x). Lookback period-1; 0 over it and at gaps, TA-Lib's integer fill. After a gap the index
    still counts from the row's start.

    Ties as TA-Lib: the kept index moves to the newest bar whose value is >= (<=) the kept one's;
    when it leaves the window, to the OLDEST bar of the window holding the extreme. The first is
    v == extreme (the kept value is the previous window's extreme, still in this one), the same
    test for both directions; the second stops at the first bar holding the extreme, and no bar
    is scanned twice (each scan starts past the previous pick, which stayed in the window until
    it left)."""
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        count = 0
        best = -1  # a run's first window always scans: an index before a gap is out of it
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
            best = next_index(x, r, i, period, v, extreme[r, i], best)
            out[r, i] = best


def extreme_indexes(x, low, high, period, out_low, out_high):
    """MINMAXINDEX: extreme_index of the lowest (`low`) and of the highest (`high`) in one pass."""
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        count = 0
        best_low = -1
        best_high = -1
        for i in range(n):
            v = x[r, i]
            if v - v != 0.0:  # NaN or infinite: a gap
                count = 0
                out_low[r, i] = 0
                out_high[r, i] = 0
                continue
            count += 1
            if count < period:
                out_low[r, i] = 0
                out_high[r, i] = 0
                continue
            best_low = next_index(x, r, i, period, v, low[r, i], best_low)
            best_high = next_index(x, r, i, period, v, high[r, i], best_high)
            out_low[r, i] = best_low
            out_high[r, i] = best_high


def next_index(x, r, i, period, v, m, best):
    """The kept index at bar i (value v, window extreme m) from the one kept at bar i-1."""
    if best <= i - period:  # the kept bar left the window: the oldest bar holding m
        best = i - period + 1
        while best < i and x[r, best] != m:
            best += 1
        return best
    # v ties or beats the kept value exactly when v == m: as a product, not a branch (taken one
    # bar in ten on a random walk, at random)
    return max(best, i * (v == m))
