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
    # past the seeds the EMAs run scaled, g_m = e_m / k^m: g_m = g_m*(1-k) + g_(m-1), g_0 = x
    # (one multiply and one add a stage instead of two multiplies and an add), and
    # T3 = d1*g6 + d2*g5 + d3*g4 + d4*g3 with d = c*k^m
    k2 = k * k
    k3 = k2 * k
    k4 = k3 * k
    k5 = k4 * k
    k6 = k5 * k
    d1 = c1 * k6
    d2 = c2 * k5
    d3 = c3 * k4
    d4 = c4 * k3
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
            if level == 6:  # steady state, on the scaled EMAs g_m = e_m / k^m
                e1 = e1 * keep + v
                e2 = e2 * keep + e1
                e3 = e3 * keep + e2
                e4 = e4 * keep + e3
                e5 = e5 * keep + e4
                e6 = e6 * keep + e5
                out[r, i] = d1 * e6 + d2 * e5 + d3 * e4 + d4 * e3
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
                    # steady state: scaled, e_m / k^m, which drops a multiply from each step
                    e1 = e1 / k
                    e2 = e2 / k2
                    e3 = e3 / k3
                    e4 = e4 / k4
                    e5 = e5 / k5
                    e6 = e6 / k6


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


def kama_constant(s, change, spread, slowest):
    """KAMA's smoothing constant from the window's sum of changes and its net change."""
    if s <= change or (-1e-14 < s and s < 1e-14):  # TA-Lib's ER of 1 (its zero: 1e-14)
        er = 1.0
    else:
        er = abs(change / s)
    sc = er * spread + slowest
    return sc * sc


def kama(x, period, out):
    """Kaufman's adaptive MA: ER = |x[t] - x[t-period]| / sum of |x[i] - x[i-1]| over the last
    `period` changes (1 where that sum is at most the change or below 1e-14, TA-Lib's zero),
    sc = (ER*(2/3 - 2/31) + 2/31)^2, KAMA = KAMA*(1-sc) + x*sc, started from x[period-1] at bar
    `period`. Period 1 is a copy. Lookback period.

    The window sum takes one add a bar on its carried path (the change in less the change out),
    the KAMA one multiply and one add (TA-Lib: a subtraction more)."""
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
            if j > period and period > 1:  # steady state
                old = x[r, i - period - 1]  # doubles: a float32 difference would round
                mid = x[r, i - period]
                s += abs(v - x[r, i - 1]) - abs(old - mid)
                sc = kama_constant(s, v - mid, spread, slowest)
                prev = prev * (1.0 - sc) + v * sc
                out[r, i] = prev
                continue
            if period == 1:
                out[r, i] = v
                continue
            if j == 0:
                s = 0.0
                out[r, i] = NAN
                continue
            s += abs(v - x[r, i - 1])
            if j < period:
                out[r, i] = NAN
                continue
            prev = x[r, i - 1]  # j == period: the start
            sc = kama_constant(s, v - x[r, i - period], spread, slowest)
            prev = prev * (1.0 - sc) + v * sc
            out[r, i] = prev


def zlema(x, period, out):
    """Zero-lag EMA: the EMA (k = 2/(period+1), seeded by the mean of its first `period` values)
    of d[t] = 2*x[t] - x[t-lag], lag = (period-1)/2. Period 1 is a copy.
    Lookback lag + period - 1.

    Past the seed, two bars a step where both are finite: E[t+1] = E[t-1]*(1-k)^2 +
    (d[t]*k*(1-k) + d[t+1]*k), one multiply and one add per two bars on the carried path (TA-Lib
    fuses its step into one FMA; this is as short without one)."""
    lag = (period - 1) // 2
    k = 2.0 / (period + 1)
    keep = 1.0 - k
    keep2 = keep * keep
    seed = lag + period - 1
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        j = -1
        s = 0.0
        e = 0.0
        i = 0
        while i < n:
            v = x[r, i]
            if v - v != 0.0:
                j = -1
                out[r, i] = NAN
                i += 1
                continue
            j += 1
            if period == 1:
                out[r, i] = v
                i += 1
                continue
            if j < lag:
                out[r, i] = NAN
                i += 1
                continue
            d = 2.0 * v - x[r, i - lag]
            if j > seed:
                if i + 1 < n:
                    v1 = x[r, i + 1]
                    if v1 - v1 == 0.0:  # two bars
                        a = d * k
                        out[r, i] = e * keep + a
                        d1 = 2.0 * v1 - x[r, i + 1 - lag]
                        e = e * keep2 + (a * keep + d1 * k)
                        out[r, i + 1] = e
                        j += 1
                        i += 2
                        continue
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
            i += 1


def rma(x, period, out):
    """Wilder's smoothing: seeded by the mean of the first `period` values, then
    RMA = RMA*beta + x*(1 - beta), beta = (period-1)/period. Lookback period-1.

    Past the seed, two bars a step where both are finite (as zlema): one multiply and one add per
    two bars on the carried path."""
    beta = (period - 1.0) / period
    alpha = 1.0 - beta
    beta2 = beta * beta
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        j = -1
        s = 0.0
        i = 0
        while i < n:
            v = x[r, i]
            if v - v != 0.0:
                j = -1
                out[r, i] = NAN
                i += 1
                continue
            j += 1
            if j >= period:
                if i + 1 < n:
                    v1 = x[r, i + 1]
                    if v1 - v1 == 0.0:  # two bars
                        a = v * alpha
                        out[r, i] = s * beta + a
                        s = s * beta2 + (a * beta + v1 * alpha)
                        out[r, i + 1] = s
                        j += 1
                        i += 2
                        continue
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
            i += 1


def hma(x, period, ring, out):
    """Hull MA: HMA = WMA(d, s), d = 2*WMA(x, period/2) - WMA(x, period), s = isqrt(period)
    (WMA of period 1: the value itself), period >= 2. One pass: three WMAs from running sums
    (TA-Lib's weighted and plain sums; the weighted one kept already shifted, so each sum takes one
    add a bar on its carried path), all summed afresh every RESUM bars. The outer WMA needs the d
    of s bars back: `ring` (the caller's, at least s slots) keeps the last s of them.
    Lookback period-1 + s-1."""
    half = period // 2
    s = 1
    while (s + 1) * (s + 1) <= period:
        s += 1
    inv_full = 1.0 / (period * (period + 1) / 2.0)
    inv_half = 1.0 / (half * (half + 1) / 2.0)
    inv_s = 1.0 / (s * (s + 1) / 2.0)
    resum = max(RESUM, period)
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        j = -1
        since = 0
        pos = 0
        wf = 0.0
        pf = 0.0
        wh = 0.0
        ph = 0.0
        ws = 0.0
        ps = 0.0
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
                ws = 0.0
                ps = 0.0
                pos = 0
                since = 0
            # the two WMAs of x; wf, wh: their weighted sums less the plain ones (the weights
            # the next bar starts from)
            if j < period:
                wf += v * (j + 1)
                pf += v
                if j >= period - half:
                    wh += v * (j - (period - half) + 1)
                    ph += v
                if j < period - 1:
                    out[r, i] = NAN
                    continue
                full = wf * inv_full
                part = wh * inv_half
                wf -= pf
                wh -= ph
            elif since == resum:  # afresh, this bar included
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
                full = wf * inv_full
                part = wh * inv_half
                wf -= pf
                wh -= ph
            else:
                since += 1
                old = x[r, i - period]
                pf += v - old
                old = x[r, i - half]
                ph += v - old
                a = v * period
                full = (wf + a) * inv_full
                wf += a - pf
                a = v * half
                part = (wh + a) * inv_half
                wh += a - ph
            d = 2.0 * part - full
            m = j - (period - 1)  # the index of d in the run
            if s == 1:
                out[r, i] = d
            elif m < s:
                ring[m] = d
                ws += d * (m + 1)
                ps += d
                if m < s - 1:
                    out[r, i] = NAN
                else:
                    out[r, i] = ws * inv_s
                    ws -= ps
            elif since == 0:  # afresh with the other sums: the ring, oldest first
                ring[pos] = d
                pos += 1
                if pos == s:
                    pos = 0
                ws = 0.0
                ps = 0.0
                for w in range(s):
                    old = ring[(pos + w) % s]
                    ws += old * (w + 1)
                    ps += old
                out[r, i] = ws * inv_s
                ws -= ps
            else:
                old = ring[pos]
                ring[pos] = d
                pos += 1
                if pos == s:
                    pos = 0
                ps += d - old
                a = d * s
                out[r, i] = (ws + a) * inv_s
                ws += a - ps


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


def mavp_pick(values, periods, minperiod, maxperiod, period, out):
    """MAVP's selection: out[0, i] = values[0, i] where periods[0, i], truncated and clamped to
    [minperiod, maxperiod] (TA-Lib's order; the same as clamping first, then truncating, for
    minperiod >= 1), is `period`."""
    m = out.shape[1]
    low = period * 1.0
    high = low + 1.0
    for i in range(m):
        q = periods[0, i]
        q = min(max(q, minperiod * 1.0), maxperiod * 1.0)
        if low <= q and q < high:
            out[0, i] = values[0, i]


def mavp_window(x, periods, minperiod, maxperiod, kind, out):
    """MAVP of the window MA types (kind: 0 SMA, 2 WMA, 5 TRIMA): each bar's MA over its own
    period (periods[t] truncated and clamped to [minperiod, maxperiod]), summed afresh from the
    window, O(period) a bar (TA-Lib computes one whole MA per distinct period). A window MA at a
    bar does not depend on where its series started, so this equals TA-Lib's MAVP.
    Lookback maxperiod-1 (of the run of bars where x and periods are both finite)."""
    first = maxperiod - 1
    rows = x.shape[0]
    n = x.shape[1]
    for r in range(rows):
        j = -1
        for i in range(n):
            v = x[r, i]
            q = periods[r, i]
            if (v - v) + (q - q) != 0.0:  # a gap
                j = -1
                out[r, i] = NAN
                continue
            j += 1
            if j < first:
                out[r, i] = NAN
                continue
            q = min(max(q, minperiod * 1.0), maxperiod * 1.0)
            p = minperiod
            while p + 1 <= q:  # the truncated period
                p += 1
            if p == 1:
                out[r, i] = v
                continue
            s = 0.0
            if kind == 0:
                for w in range(i - p + 1, i + 1):
                    s += x[r, w]
                out[r, i] = s / p
            elif kind == 2:
                for w in range(p):
                    old = x[r, i - p + 1 + w]
                    s += old * (w + 1)
                out[r, i] = s / (p * (p + 1) / 2.0)
            else:
                if p % 2 == 1:
                    a = (p + 1) // 2
                else:
                    a = p // 2
                for w in range(p):  # weight of x[i-w]: min(w+1, p-w, a)
                    old = x[r, i - w]
                    s += old * min(min(w + 1, p - w), a)
                out[r, i] = s / (a * (p + 1 - a))
