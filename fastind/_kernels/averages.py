"""Moving averages beyond SMA/EMA/WMA: DEMA, TEMA, TRIMA, KAMA, T3, ZLEMA, RMA, HMA's de-lagged
series, VWMA. Each is one pass with running sums and no scratch (HMA's outer WMA runs over the
de-lagged series in fastind._compute, see hma_delag).

Compiled by Cython with averages.pxd and by Numba via fastind._numba_loader; NAN comes from there.
`j` is the bar's index within its run of finite bars (a gap restarts it at -1). The EMA steps are
written e*(1-k) + x*k (one multiply and one add on the loop-carried path; TA-Lib's
(x - e)*k + e has a subtraction more), equal to TA-Lib's within rounding.
"""

RESUM = 4096  # bars between fresh summations of a window's running sums


def window_sum(x, r, start, stop):
    """x[r, start] + ... + x[r, stop-1], summed afresh."""
    s = 0.0
    for j in range(start, stop):
        s += x[r, j]
    return s


def dema(x, period, skip, out):
    """DEMA = 2*EMA1 - EMA2, EMA2 = EMA(EMA1), k = 2/(period+1), each EMA seeded by the mean of its
    first `period` inputs. `skip` is TA-Lib's EMA unstable period: EMA2's seed window starts at
    EMA1's bar period-1+skip (so it changes the values), the first output is bar 2*(period-1+skip)."""
    k = 2.0 / (period + 1)
    keep = 1.0 - k
    lb1 = period - 1 + skip  # EMA1's lookback: EMA2's seed window starts there
    seed2 = lb1 + period - 1
    first = 2 * lb1
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        j = -1
        s1 = 0.0
        s2 = 0.0
        e1 = 0.0
        e2 = 0.0
        for i in range(n):
            v = x[r, i]
            if v - v != 0.0:  # NaN or infinite: a gap
                j = -1
                out[r, i] = NAN
                continue
            j += 1
            if j < period:
                if j == 0:
                    s1 = 0.0
                s1 += v
                e1 = s1 / period
            else:
                e1 = e1 * keep + v * k
            if j > seed2:
                e2 = e2 * keep + e1 * k
            elif j >= lb1:
                if j == lb1:
                    s2 = 0.0
                s2 += e1
                e2 = s2 / period
            if j >= first:
                out[r, i] = 2.0 * e1 - e2
            else:
                out[r, i] = NAN


def tema(x, period, skip, out):
    """TEMA = 3*EMA1 - 3*EMA2 + EMA3 (EMA2 = EMA(EMA1), EMA3 = EMA(EMA2)), each EMA seeded by the
    mean of its first `period` inputs; with TA-Lib's EMA unstable period `skip`, each later EMA's
    seed window starts `skip` bars after the previous EMA's first value. Period 1 is a copy.
    Lookback 3*(period-1+skip)."""
    k = 2.0 / (period + 1)
    keep = 1.0 - k
    lb1 = period - 1 + skip
    seed2 = lb1 + period - 1
    start3 = 2 * lb1
    seed3 = start3 + period - 1
    first = 3 * lb1
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        j = -1
        s = 0.0
        e1 = 0.0
        e2 = 0.0
        e3 = 0.0
        for i in range(n):
            v = x[r, i]
            if v - v != 0.0:
                j = -1
                out[r, i] = NAN
                continue
            j += 1
            if j < period:
                if j == 0:
                    s = 0.0
                s += v
                e1 = s / period
            else:
                e1 = e1 * keep + v * k
            if j > seed2:
                e2 = e2 * keep + e1 * k
            elif j >= lb1:
                if j == lb1:
                    s = 0.0
                s += e1
                e2 = s / period
            if j > seed3:
                e3 = e3 * keep + e2 * k
            elif j >= start3:
                if j == start3:
                    s = 0.0
                s += e2
                e3 = s / period
            if j < first:
                out[r, i] = NAN
            elif period == 1:
                out[r, i] = v
            else:
                out[r, i] = e3 + (3.0 * e1 - 3.0 * e2)


def t3(x, period, vfactor, out):
    """Tillson's T3: six EMAs in a chain (k = 2/(period+1)), each seeded by the mean of its first
    `period` inputs, T3 = c1*e6 + c2*e5 + c3*e4 + c4*e3 with a = vfactor: c1 = -a^3,
    c2 = 3a^2 + 3a^3, c3 = -6a^2 - 3a - 3a^3, c4 = 1 + 3a + a^3 + 3a^2. Period 1 is a copy.
    Lookback 6*(period-1)."""
    k = 2.0 / (period + 1.0)
    keep = 1.0 - k
    a2 = vfactor * vfactor
    c1 = 0.0 - a2 * vfactor
    c2 = 3.0 * (a2 - c1)
    c3 = -6.0 * a2 - 3.0 * (vfactor - c1)
    c4 = 1.0 + 3.0 * vfactor - c1 + 3.0 * a2
    m = period - 1
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        j = -1
        level = 0  # EMAs seeded so far
        s = 0.0
        e1 = 0.0
        e2 = 0.0
        e3 = 0.0
        e4 = 0.0
        e5 = 0.0
        e6 = 0.0
        for i in range(n):
            v = x[r, i]
            if v - v != 0.0:
                j = -1
                level = 0
                out[r, i] = NAN
                continue
            j += 1
            if period == 1:
                out[r, i] = v
                continue
            if level == 6:  # steady state
                e1 = e1 * keep + v * k
                e2 = e2 * keep + e1 * k
                e3 = e3 * keep + e2 * k
                e4 = e4 * keep + e3 * k
                e5 = e5 * keep + e4 * k
                e6 = e6 * keep + e5 * k
                out[r, i] = c1 * e6 + c2 * e5 + c3 * e4 + c4 * e3
                continue
            if j == 0:
                s = 0.0
            # advance the EMAs already seeded, then add the newest one's value to the seed sum
            if level == 0:
                s += v
            else:
                e1 = e1 * keep + v * k
                if level == 1:
                    s += e1
                else:
                    e2 = e2 * keep + e1 * k
                    if level == 2:
                        s += e2
                    else:
                        e3 = e3 * keep + e2 * k
                        if level == 3:
                            s += e3
                        else:
                            e4 = e4 * keep + e3 * k
                            if level == 4:
                                s += e4
                            else:
                                e5 = e5 * keep + e4 * k
                                s += e5
            out[r, i] = NAN
            if j == (level + 1) * m:  # the next EMA's seed window is complete
                level += 1
                s = s / period
                if level == 1:
                    e1 = s
                elif level == 2:
                    e2 = s
                elif level == 3:
                    e3 = s
                elif level == 4:
                    e4 = s
                elif level == 5:
                    e5 = s
                else:
                    e6 = s
                    out[r, i] = c1 * e6 + c2 * e5 + c3 * e4 + c4 * e3


def trima(x, period, out):
    """Triangular MA: SMA(SMA(x, a), b) with a = b = (period+1)/2 (odd period) or a = period/2,
    b = a+1 (even), i.e. weights 1, 2, .., .., 2, 1 over `period` bars, divided by a*b.
    O(1) a bar: R[t] = R[t-1] + S_a[t] - S_a[t-b] with S_a the running window sum over a bars
    (sa) and the one b bars behind it (sb); all three summed afresh every RESUM bars.
    Lookback period-1."""
    if period % 2 == 1:
        a = (period + 1) // 2
    else:
        a = period // 2
    b = period + 1 - a
    inv = 1.0 / (a * b)
    resum = max(RESUM, period)
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        j = -1
        since = 0
        total = 0.0
        sa = 0.0
        sb = 0.0
        for i in range(n):
            v = x[r, i]
            if v - v != 0.0:
                j = -1
                out[r, i] = NAN
                continue
            j += 1
            if j < period - 1:
                out[r, i] = NAN
                continue
            if j == period - 1 or since == resum:
                # afresh: the triangle's weighted sum, and the window sums the next bar
                # needs (S_a ending here; S_a ending b-1 bars back)
                since = 0
                total = 0.0
                for w in range(period):  # weight of x[i-w]: min(w+1, period-w, a) (a <= b)
                    old = x[r, i - w]
                    total += old * min(min(w + 1, period - w), a)
                sa = window_sum(x, r, i - a + 1, i + 1)
                sb = window_sum(x, r, i - period + 1, i - b + 2)
            else:
                since += 1
                sa += v - x[r, i - a]
                total += sa - sb
                old = x[r, i - b + 1]  # double: a float32 difference would round
                sb += old - x[r, i - period]
            out[r, i] = total * inv


def kama(x, period, out):
    """Kaufman's adaptive MA: ER = |x[t] - x[t-period]| / sum of |x[i] - x[i-1]| over the last
    `period` changes (1 where that sum is at most the change or below 1e-14, TA-Lib's zero),
    sc = (ER*(2/3 - 2/31) + 2/31)^2, KAMA = KAMA*(1-sc) + x*sc, started from x[period-1] at bar
    `period`. Period 1 is a copy. Lookback period."""
    fastest = 2.0 / (2.0 + 1.0)
    slowest = 2.0 / (30.0 + 1.0)
    spread = fastest - slowest
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        j = -1
        s = 0.0
        prev = 0.0
        for i in range(n):
            v = x[r, i]
            if v - v != 0.0:
                j = -1
                out[r, i] = NAN
                continue
            j += 1
            if period == 1:
                out[r, i] = v
                continue
            if j == 0:
                s = 0.0
                out[r, i] = NAN
                continue
            if j > period:  # the change leaving the window first, as TA-Lib
                old = x[r, i - period - 1]  # double: a float32 difference would round
                s -= abs(old - x[r, i - period])
            s += abs(v - x[r, i - 1])
            if j < period:
                out[r, i] = NAN
                continue
            if j == period:
                prev = x[r, i - 1]
            change = v - x[r, i - period]
            if s <= change or (-1e-14 < s and s < 1e-14):
                er = 1.0
            else:
                er = abs(change / s)
            sc = er * spread + slowest
            sc = sc * sc
            prev = prev * (1.0 - sc) + v * sc
            out[r, i] = prev


def zlema(x, period, out):
    """Zero-lag EMA: the EMA (k = 2/(period+1), seeded by the mean of its first `period` values)
    of d[t] = 2*x[t] - x[t-lag], lag = (period-1)/2. Period 1 is a copy.
    Lookback lag + period - 1."""
    lag = (period - 1) // 2
    k = 2.0 / (period + 1)
    keep = 1.0 - k
    seed = lag + period - 1
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        j = -1
        s = 0.0
        e = 0.0
        for i in range(n):
            v = x[r, i]
            if v - v != 0.0:
                j = -1
                out[r, i] = NAN
                continue
            j += 1
            if period == 1:
                out[r, i] = v
                continue
            if j < lag:
                out[r, i] = NAN
                continue
            d = 2.0 * v - x[r, i - lag]
            if j > seed:
                e = e * keep + d * k
                out[r, i] = e
            else:
                if j == lag:
                    s = 0.0
                s += d
                if j == seed:
                    e = s / period
                    out[r, i] = e
                else:
                    out[r, i] = NAN


def rma(x, period, out):
    """Wilder's smoothing: seeded by the mean of the first `period` values, then
    RMA = RMA*beta + x*(1 - beta), beta = (period-1)/period. Lookback period-1."""
    beta = (period - 1.0) / period
    alpha = 1.0 - beta
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        j = -1
        s = 0.0
        for i in range(n):
            v = x[r, i]
            if v - v != 0.0:
                j = -1
                out[r, i] = NAN
                continue
            j += 1
            if j >= period:
                s = s * beta + v * alpha
                out[r, i] = s
            else:
                if j == 0:
                    s = 0.0
                s += v
                if j == period - 1:
                    s = s / period
                    out[r, i] = s
                else:
                    out[r, i] = NAN


def hma_delag(x, period, out):
    """HMA's de-lagged series 2*WMA(x, period/2) - WMA(x, period) (WMA of period 1: x), from
    TA-Lib's two running sums per WMA (weighted, plain), summed afresh every RESUM bars.
    Lookback period-1. fastind._compute takes its WMA over isqrt(period) bars."""
    half = period // 2
    div_full = period * (period + 1) / 2.0
    div_half = half * (half + 1) / 2.0
    resum = max(RESUM, period)
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        j = -1
        since = 0
        wf = 0.0
        pf = 0.0
        wh = 0.0
        ph = 0.0
        for i in range(n):
            v = x[r, i]
            if v - v != 0.0:
                j = -1
                out[r, i] = NAN
                continue
            j += 1
            if j == 0:
                wf = 0.0
                pf = 0.0
                wh = 0.0
                ph = 0.0
            if j < period:
                since = 0
                wf += v * (j + 1)
                pf += v
                if j >= period - half:
                    wh += v * (j - (period - half) + 1)
                    ph += v
                if j < period - 1:
                    out[r, i] = NAN
                    continue
            elif since == resum:
                since = 0
                wf = 0.0
                wh = 0.0
                for w in range(period):
                    old = x[r, i - period + 1 + w]
                    wf += old * (w + 1)
                for w in range(half):
                    old = x[r, i - half + 1 + w]
                    wh += old * (w + 1)
                pf = window_sum(x, r, i - period + 1, i + 1)
                ph = window_sum(x, r, i - half + 1, i + 1)
            else:
                since += 1
                wf += v * period
                pf += v - x[r, i - period]
                wh += v * half
                ph += v - x[r, i - half]
            out[r, i] = 2.0 * (wh / div_half) - wf / div_full
            wf -= pf  # every weight down by one for the next bar
            wh -= ph


def vwma(x, volume, period, out):
    """Volume-weighted MA: sum(x*volume) / sum(volume) over `period` bars (running sums, summed
    afresh every RESUM bars); NaN where the window's volume sums to 0 (0/0), as TA-Lib. Period 1
    is a copy. Lookback period-1."""
    resum = max(RESUM, period)
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        j = -1
        since = 0
        sxv = 0.0
        sv = 0.0
        for i in range(n):
            v = x[r, i]
            vol = volume[r, i]
            if (v - v) + (vol - vol) != 0.0:
                j = -1
                out[r, i] = NAN
                continue
            j += 1
            if period == 1:  # a copy (TA-Lib: a lone zero volume gives the price, not NaN)
                out[r, i] = v
                continue
            if j == 0:
                sxv = 0.0
                sv = 0.0
            if j < period:
                since = 0
                sxv += v * vol
                sv += vol
                if j < period - 1:
                    out[r, i] = NAN
                    continue
            elif since == resum:
                since = 0
                sxv = 0.0
                sv = 0.0
                for w in range(i - period + 1, i + 1):
                    old = x[r, w]
                    old_vol = volume[r, w]
                    sxv += old * old_vol
                    sv += old_vol
            else:
                since += 1
                old = x[r, i - period]  # doubles: a float32 product would round
                old_vol = volume[r, i - period]
                sxv += v * vol - old * old_vol
                sv += vol - old_vol
            out[r, i] = sxv / sv
