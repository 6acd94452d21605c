"""Statistic family: BETA, CORREL, the linear regressions (LINEARREG, _SLOPE, _INTERCEPT, _ANGLE's
slope, TSF, FOSC), PERCENTILE and PERCENTRANK.

Compiled by Cython with statistic.pxd and by Numba via fastind._numba_loader; NAN comes from there.
A NaN or infinite input is a gap that restarts the indicator.

The window sums are running sums, O(1) a bar as TA-Lib's, but kept exact where TA-Lib's lose
digits: CORREL and the regressions sum deviations from an anchor (a value of the window, so that
prices of 1e6 with a walk of 1 are summed as the walk, not as 1e6 + walk), and every sum is summed
afresh from its window every `period` bars (with a new anchor: the newest value) so that rounding
can neither build up over a long series nor come from an anchor the walk has left far behind.
That costs one more read of each value: O(n) still. tests/test_statistic_exact.py measures both against exact two-pass
windows (float64 of 1e6 + a walk of 0.01 a bar, 2e5 bars): the regressions' slope and angle are
there 1e10 times closer than TA-Lib's, LINEARREG, _INTERCEPT, TSF and FOSC ~3e3 times (ours within
the output's own half ulp), CORREL 200-300 times; BETA, a regression of one-bar returns that do
not cancel, is as exact as TA-Lib's (both ~1e-14).

PERCENTILE and PERCENTRANK keep the window sorted in a scratch array (the composition in
fastind/_compose/statistic.py allocates it): each bar finds the leaving value by binary search and
moves the new one into its place, O(log period + the distance moved) instead of a sort.
"""

# what regression() writes
LINEARREG = 0
SLOPE = 1
INTERCEPT = 2
TSF = 3
FOSC = 4
RESUM = 128  # the regressions' fewest bars between fresh sums

COUNT_MAX = 256  # PERCENTRANK's largest period counted straight (above: the sorted window)


def bar_return(price, last):
    """(price - last) / last, 0 where the last price is 0 (TA-Lib's BETA)."""
    if last != 0.0:
        return (price - last) / last
    return 0.0


def beta(x0, x1, period, out):
    """Beta of x1's returns on x0's: (n*Sxy - Sx*Sy) / (n*Sxx - Sx*Sx) over the last `period`
    one-bar returns, x = (x0[t] - x0[t-1]) / x0[t-1] and y likewise of x1 (0 where the previous
    price is 0); 0 where the denominator is 0. Running sums of x - ax, y - ay (the anchors are
    returns of the window: both differences are unchanged by them, and a trend's returns, nearly
    equal, no longer cancel), the leaving return recomputed from its prices, summed afresh every
    `period` bars. Lookback period. Exactness (tests/test_statistic_exact.py, prices 1e6 + a
    walk): max error 1e-14 / 2e-14 (periods 14 / 30), TA-Lib's 3e-14 / 1.2e-14: the same."""
    n = period * 1.0
    resum = period
    rows = x0.shape[0]
    nb = x0.shape[1]
    for r in range(rows):
        count = 0
        since = 0
        ax = 0.0
        ay = 0.0
        sx = 0.0
        sy = 0.0
        sxx = 0.0
        sxy = 0.0
        for i in range(nb):
            a = x0[r, i]
            b = x1[r, i]
            if (a - a) + (b - b) != 0.0:
                count = 0
                out[r, i] = NAN
                continue
            count += 1
            if count == 1:
                since = 0
                ax = 0.0
                ay = 0.0
                sx = 0.0
                sy = 0.0
                sxx = 0.0
                sxy = 0.0
                out[r, i] = NAN
                continue
            pa = x0[r, i - 1]
            pb = x1[r, i - 1]
            xn = bar_return(a, pa)
            yn = bar_return(b, pb)
            if count > period + 1:
                # the leaving return out first, then the new one in: with period 1 the sums are
                # then exactly the one return, and BETA 0 (TA-Lib's order gives that too)
                since += 1
                if since >= resum:  # re-anchored at the new returns, the window summed afresh
                    since = 0
                    ax = xn
                    ay = yn
                    sx = 0.0
                    sy = 0.0
                    sxx = 0.0
                    sxy = 0.0
                    for j in range(i - period + 1, i):
                        pa = x0[r, j - 1]
                        pb = x1[r, j - 1]
                        a = x0[r, j]
                        b = x1[r, j]
                        x = bar_return(a, pa) - ax
                        y = bar_return(b, pb) - ay
                        sx += x
                        sy += y
                        sxx += x * x
                        sxy += x * y
                else:
                    j = i - period
                    pa = x0[r, j - 1]
                    pb = x1[r, j - 1]
                    a = x0[r, j]
                    b = x1[r, j]
                    x = bar_return(a, pa) - ax
                    y = bar_return(b, pb) - ay
                    sx -= x
                    sy -= y
                    sxx -= x * x
                    sxy -= x * y
            x = xn - ax
            y = yn - ay
            sx += x
            sy += y
            sxx += x * x
            sxy += x * y
            if count <= period:
                out[r, i] = NAN
                continue
            den = n * sxx - sx * sx
            if den != 0.0:
                out[r, i] = (n * sxy - sx * sy) / den
            else:
                out[r, i] = 0.0


def correl(x0, x1, period, out):
    """Pearson's correlation of x0 and x1 over `period` bars: (Sxy - Sx*Sy/n) / sqrt((Sxx - Sx*Sx/n)
    * (Syy - Sy*Sy/n)), 0 where that product is not positive (always with period 1). The sums are
    of deviations from anchors (ax, ay), values of the window, re-anchored and summed afresh every
    `period` bars. Lookback period-1. Exactness (tests/test_statistic_exact.py, prices 1e6 + a walk):
    max error 3e-14, TA-Lib's 6e-12 (200-300 times ours)."""
    inv_n = 1.0 / period
    resum = period
    rows = x0.shape[0]
    nb = x0.shape[1]
    for r in range(rows):
        count = 0
        since = 0
        ax = 0.0
        ay = 0.0
        sx = 0.0
        sy = 0.0
        sxx = 0.0
        syy = 0.0
        sxy = 0.0
        for i in range(nb):
            a = x0[r, i]
            b = x1[r, i]
            if (a - a) + (b - b) != 0.0:
                count = 0
                out[r, i] = NAN
                continue
            count += 1
            if count == 1:
                since = 0
                ax = a
                ay = b
                sx = 0.0
                sy = 0.0
                sxx = 0.0
                syy = 0.0
                sxy = 0.0
            if count > period:
                since += 1
                if since >= resum:  # re-anchored at the newest values, the window summed afresh
                    since = 0
                    ax = a
                    ay = b
                    sx = 0.0
                    sy = 0.0
                    sxx = 0.0
                    syy = 0.0
                    sxy = 0.0
                    for j in range(i - period + 1, i):
                        xo = x0[r, j] - ax
                        yo = x1[r, j] - ay
                        sx += xo
                        sy += yo
                        sxx += xo * xo
                        syy += yo * yo
                        sxy += xo * yo
                else:
                    # the leaving bar out first, then the new one in: (xk + xo) - xo gives back
                    # xk where (x - xo) rounded would not (period 2: a correlation above 1)
                    j = i - period
                    xo = x0[r, j] - ax
                    yo = x1[r, j] - ay
                    sx -= xo
                    sy -= yo
                    sxx -= xo * xo
                    syy -= yo * yo
                    sxy -= xo * yo
            x = a - ax
            y = b - ay
            sx += x
            sy += y
            sxx += x * x
            syy += y * y
            sxy += x * y
            if count < period:
                out[r, i] = NAN
                continue
            den = (sxx - sx * sx * inv_n) * (syy - sy * sy * inv_n)
            if den > 0.0:
                out[r, i] = (sxy - sx * sy * inv_n) / sqrt(den)
            else:
                out[r, i] = 0.0


def regression(x, period, mode, out):
    """The least-squares line through the last `period` values, TA-Lib's form: with k the bars ago
    (0 today), SumX = n(n-1)/2, SumXSqr = n(n-1)(2n-1)/6, SumXY = sum(k * x), SumY = sum(x),
    m = (n*SumXY - SumX*SumY) / (SumX^2 - n*SumXSqr) (the slope per bar), b = (SumY - m*SumX) / n
    (the line at the window's oldest bar). mode LINEARREG: b + m*(n-1); SLOPE: m; INTERCEPT: b;
    TSF: b + m*n; FOSC: 100 * (x - TSF of the bar before) / x (0 where x is 0), one bar later.
    The two divisions are multiplications by their reciprocals. (LINEARREG_ANGLE's atan stays
    in its composition: NumPy's vectorized arctan over the slopes took 1e6 bars 3.9 ms, a libm
    atan a bar in this loop 8.2 ms.)

    SumY and SumXY are running sums of x - a (a the anchor, a value of the window; m does not
    depend on it, b is shifted back by it): a new bar shifts every k by one, SumXY += SumY, and
    the leaving value, now n bars ago, is taken out, SumXY -= n*x_old; each sum takes one add a
    bar (SumXY += SumY - n*d_old, SumY += d - d_old: one add on each carried chain). Both are
    summed afresh with a new anchor every `period` bars. Lookback period-1 (FOSC: period).

    Exactness (tests/test_statistic_exact.py, prices 1e6 + a walk, period 14): slope 1.7e-18
    (TA-Lib 2.4e-8: 1e10 times ours), angle 1.1e-16 degrees (TA-Lib 1.4e-6), LINEARREG,
    _INTERCEPT and TSF 5.8e-11, the output's own half ulp at 1e6 (TA-Lib 1.6e-7, ~1300 ulps),
    FOSC 5.8e-15 (TA-Lib 1.8e-11)."""
    n = period * 1.0
    sum_x = n * (n - 1.0) * 0.5
    sum_x2 = n * (n - 1.0) * (2.0 * n - 1.0) / 6.0
    inv_div = 1.0 / (sum_x * sum_x - n * sum_x2)
    inv_n = 1.0 / n
    resum = max(period, RESUM)
    rows = x.shape[0]
    nb = x.shape[1]
    for r in range(rows):
        count = 0
        since = 0
        anchor = 0.0
        s = 0.0
        w = 0.0
        prev_tsf = 0.0
        for i in range(nb):
            v = x[r, i]
            if v - v != 0.0:
                count = 0
                out[r, i] = NAN
                continue
            count += 1
            if count == 1:
                since = 0
                anchor = v
                s = 0.0
                w = 0.0
            d = v - anchor
            if count > period:
                old = x[r, i - period]
                d_old = old - anchor
                w += s - n * d_old
                s += d - d_old
                since += 1
                if since >= resum:  # re-anchored at the newest value, summed afresh
                    since = 0
                    anchor = v
                    s = 0.0
                    w = 0.0
                    for j in range(i - period + 1, i + 1):
                        old = x[r, j]
                        d = old - anchor
                        s += d
                        w += (i - j) * d
            else:
                w += s
                s += d
            if count < period:
                out[r, i] = NAN
                continue
            m = (n * w - sum_x * s) * inv_div
            b = (s - m * sum_x) * inv_n
            if mode == LINEARREG:
                out[r, i] = (b + m * (n - 1.0)) + anchor
            elif mode == SLOPE:
                out[r, i] = m
            elif mode == INTERCEPT:
                out[r, i] = b + anchor
            elif mode == TSF:
                out[r, i] = (b + m * n) + anchor
            else:
                if count == period:
                    out[r, i] = NAN
                elif v != 0.0:
                    out[r, i] = 100.0 * (v - prev_tsf) / v
                else:
                    out[r, i] = 0.0
                prev_tsf = (b + m * n) + anchor


def linearreg(x, period, out):
    """LINEARREG: the regression line's value at the last bar (see regression). Lookback
    period-1."""
    regression(x, period, LINEARREG, out)


def linearreg_slope(x, period, out):
    """LINEARREG_SLOPE: the line's slope per bar (see regression). Lookback period-1."""
    regression(x, period, SLOPE, out)


def linearreg_intercept(x, period, out):
    """LINEARREG_INTERCEPT: the line's value at the window's oldest bar (see regression)."""
    regression(x, period, INTERCEPT, out)


def tsf(x, period, out):
    """TSF: the line extended one bar ahead, b + m*period (see regression). Lookback period-1."""
    regression(x, period, TSF, out)


def fosc(x, period, out):
    """FOSC: 100 * (x - TSF of the bar before) / x, 0 where x is 0 (see regression). Lookback
    period."""
    regression(x, period, FOSC, out)


def order_window(x, period, rank, window, out):
    """The sorted window of PERCENTILE (rank >= 1: the rank-th smallest of the last `period`
    values, lookback period-1) and PERCENTRANK (rank 0: 100 * how many of the `period` values
    before x are below it / period, lookback period). `window` is a double scratch array of
    `period` values: the window in sorted order, equal values in age order.

    A bar finds the leaving value's place and the new value's by two binary searches run in
    lockstep (independent chains: each waits on its own loads; the halving is branch-free, the
    base moving by half times a 0/1 compare), the new value going after its equals; the values
    between the two places then move by one (a plain copy loop, which the compilers turn into a
    memmove). O(log period + the distance moved) a bar, written inline: a helper taking the
    scratch memoryview cost a copy of its descriptor a call."""
    rows = x.shape[0]
    nb = x.shape[1]
    for r in range(rows):
        count = 0
        for i in range(nb):
            v = x[r, i]
            if v - v != 0.0:
                count = 0
                out[r, i] = NAN
                continue
            count += 1
            if count <= period:  # filling: v inserted after its equals
                m = count - 1
                q = 0
                length = m
                while length > 0:
                    half = length >> 1
                    if window[q + half] <= v:
                        q = q + half + 1
                        length = length - half - 1
                    else:
                        length = half
                for k in range(m, q, -1):
                    window[k] = window[k - 1]
                window[q] = v
                if count < period or rank == 0:
                    out[r, i] = NAN
                else:
                    out[r, i] = window[rank - 1]
                continue
            old = x[r, i - period]
            p = 0
            q = 0
            length = period
            while length > 1:
                half = length >> 1
                p += half * (window[p + half - 1] < old)
                q += half * (window[q + half - 1] < v)
                length -= half
            p += window[p] < old
            q += window[q] < v
            if rank == 0:  # below: how many of the window before this bar are below v
                out[r, i] = q * 1.0 / period * 100.0
            while q < period and window[q] <= v:
                q += 1
            if q > p:
                q -= 1  # v's place once old is gone
                for k in range(p, q):
                    window[k] = window[k + 1]
            else:
                for k in range(p, q, -1):
                    window[k] = window[k - 1]
            window[q] = v
            if rank > 0:
                out[r, i] = window[rank - 1]


def percentile(x, period, rank, window, out):
    """PERCENTILE: the rank-th smallest (1-based, nearest rank) of the last `period` values,
    rank = ceil(percentile * period / 100) clamped to 1..period (computed by the composition).
    See order_window. Lookback period-1."""
    order_window(x, period, rank, window, out)


def count_below(x, r, start, stop, v):
    """How many of x[r, start:stop] are below v: a straight count, which the compilers vectorize
    (the count a C int: GCC then packs four compares into its lanes, not two)."""
    q = 0
    for j in range(start, stop):
        u = j  # unsigned: numba then drops the negative-index wrap-around
        if x[r, u] < v:  # GCC 12 vectorizes this form, not q += (x < v)
            q += 1
    return q


def percentrank(x, period, window, out):
    """PERCENTRANK: 100 * (the number of the `period` values before x that are below it) / period
    (count / period first, then * 100, as TA-Lib). Up to COUNT_MAX bars a straight count over the
    window each bar (as TA-Lib's, vectorized: rank_count), above it the sorted window (see
    order_window). Lookback period."""
    if period > COUNT_MAX:
        order_window(x, period, 0, window, out)
    else:
        rank_count(x, period, out)


def rank_count(x, period, out):
    """PERCENTRANK by counting the window's values below x at each bar (see percentrank)."""
    rows = x.shape[0]
    nb = x.shape[1]
    for r in range(rows):
        count = 0
        for i in range(nb):
            v = x[r, i]
            if v - v != 0.0:
                count = 0
                out[r, i] = NAN
                continue
            count += 1
            if count <= period:
                out[r, i] = NAN
            else:
                out[r, i] = count_below(x, r, i - period, i, v) * 1.0 / period * 100.0


def slope_angle(slope, out):
    """LINEARREG_ANGLE from LINEARREG_SLOPE: atan(slope) in TA-Lib's degrees (* 180 / pi)."""
    rows = slope.shape[0]
    n = slope.shape[1]
    for r in range(rows):
        for i in range(n):
            out[r, i] = atan(slope[r, i]) * (180.0 / 3.14159265358979323846)
