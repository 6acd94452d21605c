"""Volume family (flows): AD, ADOSC, CMF, EFI, MARKETFI, NVI, PVI, PVT, RVOL, VWAP and PVO's
percentage of two averages.

Compiled by Cython with flows.pxd and by Numba via fastind._numba_loader; NAN comes from there.
Plain bar loops, one NaN test per bar: a bar where any input is NaN or infinite outputs NaN and
restarts the indicator (cumulative lines start again from their first value).
"""

BLOCK = 256  # bars per optimistic block in steady state (even)


def money_flow(h, lo, c, v):
    """Chaikin's money flow volume of one bar, ((c - lo) - (h - c)) / (h - lo) * v, as TA-Lib's AD
    writes it; 0 where the bar has no range (h - lo <= 0)."""
    tmp = h - lo
    if tmp > 0.0:
        return (c - lo - (h - c)) / tmp * v
    return 0.0


def ad(high, low, close, volume, out):
    """Chaikin A/D line: the running sum of money_flow from the run's first bar. Lookback 0.

    The steady state runs in blocks of BLOCK bars with no NaN test per bar, two bars a step (one
    add per two bars on the carried total: total + (f[t] + f[t+1])); a block whose flows'
    numerators do not sum to a finite value is redone bar by bar."""
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        total = 0.0
        count = 0
        i = 0
        while i < n:
            if count > 0 and i + BLOCK <= n:
                saved = total
                z0 = 0.0
                for j in range(i, i + BLOCK, 2):
                    u = j  # unsigned, both: numba then drops the negative-index wrap-around
                    u1 = j + 1
                    # the flows' numerators ((c - lo) - (h - c)) * v are NaN or infinite where
                    # any of the bar's inputs is (money_flow's choice of 0 would hide it): their
                    # sum checks the block (an overflow redoes it too, harmlessly)
                    h = high[r, u]
                    lo = low[r, u]
                    c = close[r, u]
                    v = volume[r, u]
                    t0 = h - lo
                    g0 = (c - lo - (h - c)) * v
                    f0 = g0 / t0 if t0 > 0.0 else 0.0
                    h = high[r, u1]
                    lo = low[r, u1]
                    c = close[r, u1]
                    v = volume[r, u1]
                    t1 = h - lo
                    g1 = (c - lo - (h - c)) * v
                    f1 = g1 / t1 if t1 > 0.0 else 0.0
                    z0 += g0 + g1
                    out[r, u] = total + f0
                    total = total + (f0 + f1)
                    out[r, u1] = total
                if z0 - z0 == 0.0 and total - total == 0.0:
                    count += BLOCK
                    i += BLOCK
                    continue
                total = saved
            h = high[r, i]
            lo = low[r, i]
            c = close[r, i]
            v = volume[r, i]
            if (h - h) + (lo - lo) + (c - c) + (v - v) != 0.0:  # any NaN or infinite: a gap
                total = 0.0
                count = 0
                out[r, i] = NAN
            else:
                total += money_flow(h, lo, c, v)
                count += 1
                out[r, i] = total
            i += 1


def adosc(high, low, close, volume, fast, slow, out):
    """Chaikin A/D oscillator: EMA(fast) - EMA(slow) of the A/D line, both EMAs seeded with the
    run's first A/D value (TA-Lib's seed, not an SMA) and updated as k*ad + (1-k)*ema. The first
    value at bar max(fast, slow) - 1 of the run (TA-Lib's EMA lookback of the slower period).

    The steady state runs in blocks (see ad), two bars a step on the A/D total and both EMAs:
    E[t+1] = E[t-1]*(1-k)^2 + (k*(1-k)*A[t] + k*A[t+1])."""
    fk = 2.0 / (fast + 1.0)
    fk1 = 1.0 - fk
    sk = 2.0 / (slow + 1.0)
    sk1 = 1.0 - sk
    fkk = fk * fk1
    skk = sk * sk1
    fk2 = fk1 * fk1
    dk = fk - sk
    sk2 = sk1 * sk1
    slowest = max(fast, slow)
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        count = 0
        total = 0.0
        fe = 0.0
        se = 0.0
        i = 0
        while i < n:
            if count >= slowest and count > 1 and i + BLOCK <= n:
                saved = total
                saved_f = fe
                saved_s = se
                z0 = 0.0
                for j in range(i, i + BLOCK, 2):
                    u = j  # unsigned, both: numba then drops the negative-index wrap-around
                    u1 = j + 1
                    # the flows' numerators ((c - lo) - (h - c)) * v are NaN or infinite where
                    # any of the bar's inputs is (money_flow's choice of 0 would hide it): their
                    # sum checks the block (an overflow redoes it too, harmlessly)
                    h = high[r, u]
                    lo = low[r, u]
                    c = close[r, u]
                    v = volume[r, u]
                    t0 = h - lo
                    g0 = (c - lo - (h - c)) * v
                    f0 = g0 / t0 if t0 > 0.0 else 0.0
                    h = high[r, u1]
                    lo = low[r, u1]
                    c = close[r, u1]
                    v = volume[r, u1]
                    t1 = h - lo
                    g1 = (c - lo - (h - c)) * v
                    f1 = g1 / t1 if t1 > 0.0 else 0.0
                    z0 += g0 + g1
                    a0 = total + f0
                    total = total + (f0 + f1)
                    out[r, u] = dk * a0 + (fk1 * fe - sk1 * se)
                    fe = fe * fk2 + (fkk * a0 + fk * total)
                    se = se * sk2 + (skk * a0 + sk * total)
                    out[r, u1] = fe - se
                if z0 - z0 == 0.0 and total - total == 0.0:
                    count += BLOCK
                    i += BLOCK
                    continue
                total = saved
                fe = saved_f
                se = saved_s
            h = high[r, i]
            lo = low[r, i]
            c = close[r, i]
            v = volume[r, i]
            i += 1
            if (h - h) + (lo - lo) + (c - c) + (v - v) != 0.0:
                count = 0
                total = 0.0
                out[r, i - 1] = NAN
                continue
            count += 1
            total += money_flow(h, lo, c, v)
            if count == 1:
                fe = total
                se = total
            else:
                fe = fk * total + fk1 * fe
                se = sk * total + sk1 * se
            if count >= slowest:
                out[r, i - 1] = fe - se
            else:
                out[r, i - 1] = NAN


def cmf(high, low, close, volume, period, out):
    """Chaikin money flow: sum(money_flow) / sum(volume) over the last `period` bars, 0 where the
    window's volume sum is not positive. TA-Lib's running sums (the leaving bar subtracted, then
    the new one added; the leaving bar's flow recomputed from its inputs, the same value TA-Lib
    keeps in its ring). Lookback period-1.

    The steady state runs in blocks of BLOCK bars with no NaN test per bar, two bars a step (one
    add per two bars on each carried sum; three divisions per two bars instead of six: each
    serves two quotients; the 0s chosen without branches); the new bars' flow numerators summed
    check the block (see ad). The leaving flow then differs from the one added by an ulp or so:
    the sums drift by rounding only, far below 1e-9 of their scale."""
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        count = 0
        smf = 0.0
        svol = 0.0
        i = 0
        while i < n:
            if count >= period and i + BLOCK <= n:
                saved_f = smf
                saved_v = svol
                z0 = 0.0
                z1 = 1.0
                for j in range(i, i + BLOCK, 2):
                    u = j  # unsigned, all: numba then drops the negative-index wrap-around
                    u1 = j + 1
                    w0 = j - period
                    w1 = j - period + 1
                    # each division serves two quotients: a new bar's flow less the leaving
                    # bar's over the product of their ranges (a range not above 0: 1, its flow
                    # 0), the two means over the product of their volume sums (a sum not above
                    # 0: 1, its mean 0); the products' least (z1) kept normal, an overflow makes
                    # z0 infinite: either redoes the block
                    h = high[r, u]
                    lo = low[r, u]
                    c = close[r, u]
                    v = volume[r, u]
                    t0 = h - lo
                    g0 = (c - lo - (h - c)) * v
                    v0 = v
                    hj = high[r, w0]
                    lj = low[r, w0]
                    cj = close[r, w0]
                    vj = volume[r, w0]
                    dv = v0 - vj
                    tj = hj - lj
                    gj = (cj - lj - (hj - cj)) * vj
                    if t0 <= 0.0:
                        g0 = 0.0
                        t0 = 1.0
                    if tj <= 0.0:
                        gj = 0.0
                        tj = 1.0
                    pr = t0 * tj
                    z0 += g0 + pr
                    z1 = min(z1, pr)
                    df = (g0 * tj - gj * t0) / pr
                    h = high[r, u1]
                    lo = low[r, u1]
                    c = close[r, u1]
                    v = volume[r, u1]
                    t1 = h - lo
                    g1 = (c - lo - (h - c)) * v
                    hj = high[r, w1]
                    lj = low[r, w1]
                    cj = close[r, w1]
                    vj = volume[r, w1]
                    tj = hj - lj
                    gj = (cj - lj - (hj - cj)) * vj
                    if t1 <= 0.0:
                        g1 = 0.0
                        t1 = 1.0
                    if tj <= 0.0:
                        gj = 0.0
                        tj = 1.0
                    pr = t1 * tj
                    z0 += g1 + pr
                    z1 = min(z1, pr)
                    m0 = smf + df
                    s0 = svol + dv
                    smf += df + (g1 * tj - gj * t1) / pr
                    svol += dv + (v - vj)
                    a0 = s0
                    a1 = svol
                    if a0 <= 0.0:
                        a0 = 1.0
                    if a1 <= 0.0:
                        a1 = 1.0
                    pr = a0 * a1
                    z0 += pr
                    z1 = min(z1, pr)
                    pr = 1.0 / pr
                    q0 = m0 * a1 * pr
                    if s0 <= 0.0:
                        q0 = 0.0
                    q1 = smf * a0 * pr
                    if svol <= 0.0:
                        q1 = 0.0
                    out[r, u] = q0
                    out[r, u1] = q1
                if z0 - z0 == 0.0 and smf - smf == 0.0 and svol - svol == 0.0 and z1 > 1e-290:
                    count += BLOCK
                    i += BLOCK
                    continue
                smf = saved_f
                svol = saved_v
            h = high[r, i]
            lo = low[r, i]
            c = close[r, i]
            v = volume[r, i]
            if (h - h) + (lo - lo) + (c - c) + (v - v) != 0.0:
                count = 0
                smf = 0.0
                svol = 0.0
                out[r, i] = NAN
                i += 1
                continue
            count += 1
            if count > period:
                j = i - period
                # the leaving bar read into double locals: numba types a helper's arguments by
                # the values passed, and float32 ones would compute its flow in float32
                hj = high[r, j]
                lj = low[r, j]
                cj = close[r, j]
                vj = volume[r, j]
                smf -= money_flow(hj, lj, cj, vj)
                svol -= vj
            smf += money_flow(h, lo, c, v)
            svol += v
            if count < period:
                out[r, i] = NAN
            elif svol > 0.0:
                out[r, i] = smf / svol
            else:
                out[r, i] = 0.0
            i += 1


def efi(close, volume, period, out):
    """Elder's force index: EMA(period) of (close[t] - close[t-1]) * volume[t], seeded by the mean
    of the first `period` forces, then ema += (force - ema) * k (TA-Lib's order; TA-Lib fuses it
    into one fma, so the last bit may differ). Period 1: the raw force. Lookback period.

    The steady state runs in blocks of BLOCK bars with no NaN test per bar, two bars a step:
    E[t+1] = E[t-1]*keep^2 + (F[t]*k*keep + F[t+1]*k), one multiply and one add per two bars on
    the carried path (E[t] off it). A NaN or infinite close or volume makes a force, then E, NaN
    or infinite: the block is then redone bar by bar."""
    k = 2.0 / (period + 1)
    keep = 1.0 - k
    keep2 = keep * keep
    rows = close.shape[0]
    n = close.shape[1]
    for r in range(rows):
        count = 0
        prev = 0.0
        s = 0.0
        ema = 0.0
        i = 0
        while i < n:
            if count > period + 1 and period > 1 and i + BLOCK <= n:
                saved = ema
                pb = close[r, i - 1]
                for j in range(i, i + BLOCK, 2):
                    u = j  # unsigned, both: numba then drops the negative-index wrap-around
                    u1 = j + 1
                    c0 = close[r, u]
                    c1 = close[r, u1]
                    a = (c0 - pb) * volume[r, u] * k
                    b = (c1 - c0) * volume[r, u1] * k
                    pb = c1
                    out[r, u] = ema * keep + a
                    ema = ema * keep2 + (a * keep + b)
                    out[r, u1] = ema
                if ema - ema == 0.0:
                    prev = pb
                    count += BLOCK
                    i += BLOCK
                    continue
                ema = saved
            c = close[r, i]
            v = volume[r, i]
            if (c - c) + (v - v) != 0.0:
                count = 0
                out[r, i] = NAN
                i += 1
                continue
            count += 1
            if count == 1:
                prev = c
                s = 0.0
                out[r, i] = NAN
                i += 1
                continue
            force = (c - prev) * v
            prev = c
            m = count - 1
            if period == 1:
                out[r, i] = force
            elif m < period:
                s += force
                out[r, i] = NAN
            elif m == period:
                s += force
                ema = s / period
                out[r, i] = ema
            else:
                ema = (force - ema) * k + ema
                out[r, i] = ema
            i += 1


def marketfi(high, low, volume, out):
    """Market facilitation index: (high - low) / volume, 0 where the volume is 0. Lookback 0.
    Branch-free (the compilers vectorize it): the quotient, 0 chosen where the volume is 0, plus
    (h - h) + (lo - lo) + (v - v), which is 0 for finite inputs and NaN where one is not."""
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        for i in range(n):
            u = i  # unsigned: numba then drops the negative-index wrap-around
            h = high[r, u]
            lo = low[r, u]
            v = volume[r, u]
            q = (h - lo) / v
            if v == 0.0:
                q = 0.0
            out[r, u] = q + ((h - h) + (lo - lo) + (v - v))


def volume_index(close, volume, up, out):
    """NVI (up False) / PVI (up True): from 1000 at the run's first bar, index += (close - prev) /
    prev * index on the bars whose volume fell (NVI) or rose (PVI) from the bar before, where the
    previous close is not 0 and the result is finite (TA-Lib keeps the last finite value).

    The steady state runs in blocks of BLOCK bars with no NaN test per bar, two bars a step,
    without branches (whether the volume fell is a coin flip): index * ((1 + g0) * (1 + g1)),
    g the bar's return where it counts and 0 elsewhere, one multiply per two bars on the carried
    index (its rounding differs from index + g * index by an ulp a step). A block with a NaN or
    infinite input (their sum) or an index that is no longer finite is redone bar by bar."""
    sign = 1.0 if up else -1.0
    rows = close.shape[0]
    n = close.shape[1]
    for r in range(rows):
        count = 0
        index = 1000.0
        pc = 0.0
        pv = 0.0
        i = 0
        while i < n:
            if count > 0 and i + BLOCK <= n:
                saved = index
                z0 = 0.0
                p = pc
                q = pv
                for j in range(i, i + BLOCK, 2):
                    u = j  # unsigned, both: numba then drops the negative-index wrap-around
                    u1 = j + 1
                    c0 = close[r, u]
                    c1 = close[r, u1]
                    v0 = volume[r, u]
                    v1 = volume[r, u1]
                    z0 += (c0 + c1) + (v0 + v1)
                    # 0/1 factors, not branches (GCC branched on selects here: NVI 1e5 0.40 ms
                    # against 0.10 where the volume never moved): the volume moved the counted
                    # way ((v - prev) * sign > 0, times +-1: exact) and the previous close is
                    # not 0 (then divided by 1 instead, the factor 0)
                    g0 = (c0 - p) / (p + (p == 0.0)) * (((v0 - q) * sign > 0.0) * (p != 0.0))
                    g1 = (c1 - c0) / (c0 + (c0 == 0.0)) * (((v1 - v0) * sign > 0.0) * (c0 != 0.0))
                    p = c1
                    q = v1
                    g0 += 1.0
                    out[r, u] = index * g0
                    index = index * (g0 * (1.0 + g1))
                    out[r, u1] = index
                if z0 - z0 == 0.0 and index - index == 0.0:
                    pc = p
                    pv = q
                    count += BLOCK
                    i += BLOCK
                    continue
                index = saved
            c = close[r, i]
            v = volume[r, i]
            if (c - c) + (v - v) != 0.0:
                count = 0
                out[r, i] = NAN
                i += 1
                continue
            count += 1
            if count == 1:
                index = 1000.0
            elif (v > pv if up else v < pv) and pc != 0.0:
                t = index
                t += (c - pc) / pc * t
                if t - t == 0.0:
                    index = t
            out[r, i] = index
            pc = c
            pv = v
            i += 1


def nvi(close, volume, out):
    """Negative volume index (see volume_index). Lookback 0."""
    volume_index(close, volume, False, out)


def pvi(close, volume, out):
    """Positive volume index (see volume_index). Lookback 0."""
    volume_index(close, volume, True, out)


def pvt(close, volume, out):
    """Price volume trend: from 0 at the run's first bar, += (close - prev) / prev * volume where
    the previous close is not 0. Lookback 0.

    The steady state runs in blocks of BLOCK bars with no NaN test per bar, two bars a step (one
    add per two bars on the carried total, the 0 for a zero previous close chosen without a
    branch); the inputs' sum checks the block (a NaN close after a zero one would otherwise drop
    out), which is redone bar by bar where it is not finite. (One division for the two bars,
    1 / (p * c0), measured the same: the loop is bound by its loads and stores.)"""
    rows = close.shape[0]
    n = close.shape[1]
    for r in range(rows):
        count = 0
        total = 0.0
        pc = 0.0
        i = 0
        while i < n:
            if count > 0 and i + BLOCK <= n:
                saved = total
                z0 = 0.0
                p = pc
                for j in range(i, i + BLOCK, 2):
                    u = j  # unsigned, both: numba then drops the negative-index wrap-around
                    u1 = j + 1
                    c0 = close[r, u]
                    c1 = close[r, u1]
                    v0 = volume[r, u]
                    v1 = volume[r, u1]
                    z0 += (c0 + c1) + (v0 + v1)
                    a = (c0 - p) / p * v0
                    if p == 0.0:
                        a = 0.0
                    b = (c1 - c0) / c0 * v1
                    if c0 == 0.0:
                        b = 0.0
                    p = c1
                    out[r, u] = total + a
                    total = total + (a + b)
                    out[r, u1] = total
                if z0 - z0 == 0.0 and total - total == 0.0:
                    pc = p
                    count += BLOCK
                    i += BLOCK
                    continue
                total = saved
            c = close[r, i]
            v = volume[r, i]
            if (c - c) + (v - v) != 0.0:  # either NaN or infinite: a gap
                count = 0
                out[r, i] = NAN
                i += 1
                continue
            count += 1
            if count == 1:
                total = 0.0
            elif pc != 0.0:
                total += (c - pc) / pc * v
            out[r, i] = total
            pc = c
            i += 1


def rvol(volume, period, out):
    """Relative volume: volume[t] / mean(volume[t-period .. t-1]) (today excluded from its
    baseline; inf or NaN where the baseline is 0, as TA-Lib). TA-Lib's running sum, the leaving
    bar subtracted before today's is added, and set to exactly 0 once `period` zero volumes in a
    row fill the window. Lookback period.

    The steady state runs in blocks of BLOCK bars with no NaN test per bar, two bars a step (one
    add per two bars on the carried sum); a block with a non-finite sum or a volume not above 0
    (the zero run's reset) is redone bar by bar."""
    rows = volume.shape[0]
    n = volume.shape[1]
    for r in range(rows):
        count = 0
        s = 0.0
        zeros = 0
        i = 0
        while i < n:
            if count > period and i + BLOCK <= n:
                saved = s
                z0 = volume[r, i]  # the least volume
                for j in range(i, i + BLOCK, 2):
                    u = j  # unsigned, all: numba then drops the negative-index wrap-around
                    u1 = j + 1
                    w0 = j - period
                    w1 = j - period + 1
                    a = volume[r, u]
                    b = volume[r, u1]
                    da = a - volume[r, w0]
                    z0 = min(z0, min(a, b))
                    out[r, u] = a / (s / period)
                    out[r, u1] = b / ((s + da) / period)
                    s += da + (b - volume[r, w1])
                if s - s == 0.0 and z0 > 0.0:
                    zeros = 0
                    count += BLOCK
                    i += BLOCK
                    continue
                s = saved
            v = volume[r, i]
            if v - v != 0.0:
                count = 0
                s = 0.0
                zeros = 0
                out[r, i] = NAN
                i += 1
                continue
            count += 1
            if count <= period:
                s += v
                zeros = zeros + 1 if v == 0.0 else 0
                out[r, i] = NAN
                i += 1
                continue
            base = s / period
            s -= volume[r, i - period]
            s += v
            zeros = zeros + 1 if v == 0.0 else 0
            if zeros >= period:
                zeros = period
                s = 0.0
            out[r, i] = v / base
            i += 1


def vwap(high, low, close, volume, out):
    """Volume-weighted average price: sum(typical price * volume) / sum(volume) from the run's first
    bar (TA-Lib has no session input: a run is the anchor, as TA-Lib's call range is; pass one
    session's bars to get that session's VWAP). The typical price is (h + lo + c) / 3 (times 1/3
    here); until the volume sum is positive the line is 0, after that a zero-volume bar repeats
    the last value. Lookback 0.

    Once the volume sum is positive the steady state runs in blocks of BLOCK bars with no NaN
    test per bar, two bars a step (one add per two bars on each carried sum); a block with a
    NaN or infinite input (their sum) or a negative volume is redone bar by bar."""
    third = 1.0 / 3.0
    rows = high.shape[0]
    n = high.shape[1]
    for r in range(rows):
        spv = 0.0
        sv = 0.0
        last = 0.0
        i = 0
        while i < n:
            if sv > 0.0 and i + BLOCK <= n:
                saved_p = spv
                saved_v = sv
                z0 = 0.0
                z1 = 0.0  # the least volume
                for j in range(i, i + BLOCK, 2):
                    u = j  # unsigned, both: numba then drops the negative-index wrap-around
                    u1 = j + 1
                    h = high[r, u]
                    lo = low[r, u]
                    c = close[r, u]
                    v0 = volume[r, u]
                    s0 = h + lo + c
                    h = high[r, u1]
                    lo = low[r, u1]
                    c = close[r, u1]
                    v1 = volume[r, u1]
                    s1 = h + lo + c
                    z0 += (s0 + s1) + (v0 + v1)
                    z1 = min(z1, min(v0, v1))
                    a = s0 * third * v0
                    b = s1 * third * v1
                    out[r, u] = (spv + a) / (sv + v0)
                    spv += a + b
                    sv += v0 + v1
                    out[r, u1] = spv / sv
                if z0 - z0 == 0.0 and z1 >= 0.0:
                    last = spv / sv
                    i += BLOCK
                    continue
                spv = saved_p
                sv = saved_v
            h = high[r, i]
            lo = low[r, i]
            c = close[r, i]
            v = volume[r, i]
            if (h - h) + (lo - lo) + (c - c) + (v - v) != 0.0:
                spv = 0.0
                sv = 0.0
                last = 0.0
                out[r, i] = NAN
                i += 1
                continue
            tp = (h + lo + c) * third
            spv += tp * v
            sv += v
            if sv > 0.0:
                last = spv / sv
            out[r, i] = last
            i += 1


def percent_oscillator(fast, slow, out):
    """PVO's last step: (fast - slow) / slow * 100, 0 where |slow| < 1e-14 (TA-Lib's TA_IS_ZERO);
    NaN where either average is NaN (their lookbacks, the gaps)."""
    rows = fast.shape[0]
    n = fast.shape[1]
    for r in range(rows):
        for i in range(n):
            f = fast[r, i]
            s = slow[r, i]
            if (f - f) + (s - s) != 0.0:
                out[r, i] = NAN
            elif -1e-14 < s < 1e-14:
                out[r, i] = 0.0
            else:
                out[r, i] = (f - s) / s * 100.0
